"""Each identifier kind's finder on tricky text, with the negatives that must yield nothing."""

from __future__ import annotations

import importlib.util
from decimal import Decimal

import pytest

from conftest import need
from tipline.extract import extract_text
from tipline.extract.kinds import crypto
from tipline.extract.unicode import normalise

HAS_KECCAK = importlib.util.find_spec("Crypto") is not None  # pycryptodome, for EIP-55
HAS_LINGUA = importlib.util.find_spec("lingua") is not None


def values(text: str, kind: str, country: str | None = None) -> list[str]:
    return [m.value for m in extract_text(text, country).mentions if m.kind == kind]


# --- phones ----------------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "country", "expected"), [
    ("son num +225 07 58 12 34 56 stp", None, ["+2250758123456"]),
    ("00225 0758123456", "CA", ["+2250758123456"]),  # "00" is read as international even where the exit code is 011
    ("appelle le 07.58.12.34.56", "CI", ["+2250758123456"]),
    ("le numéro:\n+225 07 58\n12 34 56", "FR", ["+2250758123456"]),  # split over lines
    ("wa.me/2250758123456", None, ["+2250758123456"]),
    ("https://api.whatsapp.com/send?phone=221771234567", None, ["+221771234567"]),
    ("t.me/+2250758123456", None, ["+2250758123456"]),
    ("(514) 820-3344 ou 514.820.3355", "CA", ["+15148203344", "+15148203355"]),
    ("0758123456 et 0544332211", "CI", ["+2250758123456", "+2250544332211"]),
    ("il est à Abidjan: 0758123456", None, ["+2250758123456"]),  # no reporter country: the place named
    ("+33 6 12 34 56 78 💔", None, ["+33612345678"]),
])
def test_phones(text, country, expected):
    assert values(text, "phone", country) == expected


@pytest.mark.parametrize(("text", "country"), [
    ("le 12/03/2024 à 14h30", "FR"), ("2024-03-12 23:15", "CA"), ("le 14.02.2025", "FR"),
    ("commande n° 0612345678", "FR"), ("Order #1029384756", "US"), ("75011 Paris", "FR"), ("H2X 1Y4", "CA"),
    ("il demande 1 500 000 FCFA", "CI"), ("MTCN 0758123456", "CI"), ("prix 1 299,99 €", "FR"),
    ("[14/03/2024 22:41] Jessica: t'es là", "FR"), ("07 58 12 34 56", None), ("06 12 34 56 7", "FR"),
    ("siret 552 100 554 00025", "FR"), ("IBAN FR76 3000 6000 0112 3456 7890 189", "FR"),
    ("PCS code 0612345678AB", "FR"), ("entre 22:30 et 23:45", "FR"),
])
def test_not_phones(text, country):
    assert values(text, "phone", country) == []


# --- emails ----------------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "expected"), [
    ("écrit de Awa.Belle2024@Gmail.COM.", ["awa.belle2024@gmail.com"]),
    ("mail：ＡＷＡ.ＢＥＬＬＥ＠ＧＭＡＩＬ.ＣＯＭ", ["awa.belle@gmail.com"]),  # fullwidth
    ('From: "Jenny" <jenny.hot.cam@mail.com>', ["jenny.hot.cam@mail.com"]),
    ("a@b c@ @d.com x@@y.com rdv @ 15h", []),
    ("phishing@pot@hotmail.com", []),  # a placeholder, not an address
])
def test_emails(text, expected):
    assert values(text, "email") == expected


# --- profiles --------------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "expected"), [
    ("insta: @awa.belle__", ["instagram:awa.belle__"]),
    ("sur snap c'est kevin_du_225", ["snapchat:kevin_du_225"]),
    ("@lisa.mtl22 on TikTok", ["tiktok:lisa.mtl22"]),
    ("son skype: live:.cid.4f1a9b2c3d", ["skype:live:.cid.4f1a9b2c3d"]),
    ("cette personne @medium1967 est un faux", ["unknown:medium1967"]),
    ("discord (pseudo: xxshadowxx)", ["discord:xxshadowxx"]),
    ("https://m.facebook.com/profile.php?id=100089231234567&ref=bookmarks", ["facebook:id:100089231234567"]),
    ("https://www.instagram.com/antony.okdia?utm_source=qr&igsh=zhm5", ["instagram:antony.okdia"]),
    ("https://www.tiktok.com/@Awa.Belle?lang=fr", ["tiktok:awa.belle"]),
    ("https://t.me/awa_belle", ["telegram:awa_belle"]),
    ("https://snapchat.com/add/kelly.love22?share_id=x", ["snapchat:kelly.love22"]),
    ("ig: @lina__drs\nsnap: lina.drs", ["instagram:lina__drs", "snapchat:lina.drs"]),
    # an account named without its app: kept as unknown, or the app named on the same line
    ("Le compte : jade.lmb_4410", ["unknown:jade.lmb_4410"]),
    ("anaisjans71569 c'est son compte.", ["unknown:anaisjans71569"]),
    ("maya_bb_31457 is the account.", ["unknown:maya_bb_31457"]),
    ("Here is the profile lola_x04821", ["unknown:lola_x04821"]),
    ("She messages me from kayla.x.2290 every night", ["unknown:kayla.x.2290"]),
    ("she added me on snap. Username: lola_x04821", ["snapchat:lola_x04821"]),
    # numbers that are handles: with an "@", or long
    ("insta: @007", ["instagram:007"]), ("insta: 31777_bella", ["instagram:31777_bella"]),
    ("insta: 4ever.kelly", ["instagram:4ever.kelly"]),
])
def test_profiles(text, expected):
    assert values(text, "profile") == expected


@pytest.mark.parametrize("text", [
    "il m'a demandé mon snap et mon insta", "mon insta c'est @julie.mrt", "my snapchat is emma_rose12",
    "je l'ai bloqué sur insta et sur snap", "Sur Instagram : Gagner un thermomix", "fb: Awa Koné (faux profil)",
    "https://www.instagram.com/?hl=fr", "instagram.com", "contact@ ou @gmail.com", "@@@ @ @",
    # the reporter's own account, a word, a number, an address: not an account named without its app
    "my account: tom_1994 got hacked", "mon compte : lucas_vdb2007", "The account: deleted now",
    "account: 0758123456", "le compte : awa.belle@gmail.com", "Le profil : https://example.com/x1",
    # a count after an app's name: when, or an age
    "Jason added me on Instagram 3 days ago.", "I matched with Alex on insta 4 days ago", "on Instagram 2day ago",
    "elle m'a écrit sur snap 15 ans soi-disant", "rencontrée sur Tinder 2 semaines avant", "on insta 3 yrs ago",
])
def test_not_profiles(text):
    assert values(text, "profile") == []


def test_a_profile_url_is_not_also_a_url_and_a_post_is_a_url():
    x = extract_text("https://www.instagram.com/douce_cleophee/ et https://www.instagram.com/p/Cx1abcDEF/")
    assert [(m.kind, m.value) for m in x.mentions] == [
        ("profile", "instagram:douce_cleophee"), ("url", "https://www.instagram.com/p/Cx1abcDEF")]


def test_facebook_link_shim_is_unwrapped():
    assert values("l.facebook.com/l.php?u=https%3A%2F%2Fsite-louche.com%2Fgain&h=AT0", "url") == [
        "https://site-louche.com/gain"]


@pytest.mark.parametrize(("text", "expected"), [
    # where the victim reported, or was told to: official sites are nobody's identifier
    ("j'ai fait un signalement sur https://internet-signalement.gouv.fr et appelé le 17", []),
    ("I reported it at report.cybertip.org and on www.ic3.gov", []),
    ("voir https://www.cybermalveillance.gouv.fr/tous-nos-contenus et sq.gouv.qc.ca", []),
    # a scammer's look-alikes are read
    ("payez l'amende sur www.plainte-cybercrime-gouv.fr/dossier/88213",
     ["https://www.plainte-cybercrime-gouv.fr/dossier/88213"]),
    ("pay the fine at http://fbi-gov.net/case/7731", ["http://fbi-gov.net/case/7731"]),
])
def test_official_sites_are_not_identifiers(text, expected):
    assert values(text, "url") == expected


def test_lookalike_letters_are_folded_and_flagged():
    x = extract_text("insta: @\u0430wa.belle__ (a cyrillique)")
    (m,) = x.mentions
    assert m.value == "instagram:awa.belle__" and m.mixed_script
    assert x.to_json(extended=True)["identifiers"][0]["mixed_script"] is True


def test_zero_width_characters_inside_a_handle():
    x = extract_text("son insta c @\u200bawa\u200b.belle__")
    (m,) = x.mentions
    assert m.value == "instagram:awa.belle__"
    assert m.found.raw == "@\u200bawa\u200b.belle__"  # the span is the text as written


# --- money transfers -------------------------------------------------------------------------------
def test_mtcn_recipient_and_city():
    x = extract_text("j'ai envoyé 300 € par Western Union, MTCN 482-109-3375, au nom de KOUASSI Yao à Abidjan", "FR")
    assert {(m.kind, m.value) for m in x.mentions} == {
        ("transfer_reference", "wu:4821093375"), ("transfer_recipient", "CI:kouassi yao")}
    recipient = next(m for m in x.mentions if m.kind == "transfer_recipient")
    assert recipient.found.raw == "KOUASSI Yao" and recipient.identifier.country == "CI"


@pytest.mark.parametrize(("text", "expected"), [
    # the reporter's whereabouts in the next sentence are not where the money went
    ("Il veut 200.000 FCFA par Ria à Douala au nom de Mbarga Paul Eric. Je suis en France, à Lyon.",
     ["CM:eric mbarga paul"]),
    # a town the gazetteer does not know, then its country: not a name
    ("Il a envoyé 400 € par Western Union à Sidi Kacem, au Maroc, au nom de Said Bennani.",
     ["MA:bennani said"]),
    # a name, then the city, is still a name
    ("j'ai envoyé 300 € par Western Union à Kouassi Yao, Abidjan", ["CI:kouassi yao"]),
    # a place on the next line belongs to another message: the town before the name is where it went
    ("Lui : envoie 400 par Ria à Abidjan, nom Yao Kouassi Bernard\nJ'ai envoyé les 400 € depuis une agence à Bruxelles",
     ["CI:bernard kouassi yao"]),
    # the reporter's own town, told with an age, is not where the money went
    ("I'm 20 and from Johannesburg. He wants R2000 to a bank account (name: T. Nkosi) or he posts my pics.",
     ["??:nkosi t"]),
])
def test_recipients_destination(text, expected):
    assert values(text, "transfer_recipient", "FR") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("reference moneygram 8461 3027", ["mg:84613027"]),
    ("numéro de transfert MTCN:\n381 204\n9956", ["wu:3812049956"]),
    ("WorldRemit reference: WR7K29Q4M8", ["worldremit:WR7K29Q4M8"]),
    ("Western Union, le code MTCN qu'il m'a demandé de lui envoyer :\n512 907\n3384", ["wu:5129073384"]),
    ("the MTCN you asked for: 603-118-2749 (Western Union)", ["wu:6031182749"]),
    ("Western Union, le code MTCN qu'il m'a demandé. 5129073384 est mon numéro de client", []),
    ("Ria, numéro de commande 14728390155", ["ria:14728390155"]),
    ("code promo 48210933", []), ("commande 4821093375 livrée", []), ("code 482109 reçu par sms", []),
    ("MoneyGram ref 4821093375", []),  # ten digits are not a MoneyGram reference
    # "no." with its full stop; a tracking number; an order number with the operator's two letters
    ("sent €250 by MoneyGram, ref no. 7310 2958, to a man in Accra", ["mg:73102958"]),
    ("Western Union tracking # 5512-904-738 ($450)", ["wu:5512904738"]),
    ("envoyé par Ria, numéro de commande ES 418 027 365", ["ria:ES418027365"]),
    # the operator after the reference counts only in its own sentence
    ("Sent it with WorldRemit, transfer ref QX82MZ4K71. Then £90 more by MoneyGram.", ["worldremit:QX82MZ4K71"]),
    ("code de retrait le 12 34", []),  # a word before digits is not an operator's prefix
])
def test_references(text, expected):
    assert values(text, "transfer_reference", "FR") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("il m'a contacté au nom de la police", []),
    # the holder of the account a scammer gives is where the money goes; the IBAN tells the country
    ("IBAN FR76 3000 6000 0112 3456 7890 189 au nom de Sophie Martin", ["FR:martin sophie"]),
    ("recipient: John Smith", ["??:john smith"]),
    ("I sent $500 by MoneyGram to Chukwuemeka Obi in Lagos", ["NG:chukwuemeka obi"]),
    ("j'ai envoyé 200 € à Abidjan par western union", []),  # a city is not a name
    # without full stops, the next sentence is not part of the name; names with an apostrophe are
    ("Elle veut 6000 € par western union au nom de Ouattara Adama J'ai envoyé l'argent", ["??:adama ouattara"]),
    ("il veut 150 € par Western au nom de KABLAN Jean-Claude Souleymane Pseudo Skype : x", [
        "??:claude jean kablan souleymane"]),
    ("Receiver name: Frimpong Kwabena Im scared my family will see it", ["??:frimpong kwabena"]),
    ("receiver GARCIA Kristine Some messages were in French", ["??:garcia kristine"]),
    ("il veut 100 € au nom de Toure Lassina Comment bloquer la vidéo ?", ["??:lassina toure"]),
    ("au nom de sene aminata fatou jai panique et j'ai payé", ["??:aminata fatou sene"]),
    ("300 € par western au nom de Affwe N'Guessan Un collegue a recu une demande", ["??:affwe nguessan"]),
    ("il veut 100 € au nom de N'Guessan Ghislain Didier à Yopougon", ["CI:didier ghislain nguessan"]),
    ("He asked for €900 by SEPA (name on account: Aoife Byrne).", ["??:aoife byrne"]),
    # the name given after the cue, or after the account number
    ("I sent the 8,000 pesos thru MoneyGram to the name he gave, Ronaldo B. Castillo, ref 73 25 16 48.",
     ["??:b castillo ronaldo"]),
    ("She gave me this account: Access Bank 0692184475, Blessing Okafor, Lagos. I have not paid.",
     ["NG:blessing okafor"]),
    ("I sent ₦10,000 to the account he gave me (Access Bank 0691234507, Bello Ibrahim)", ["??:bello ibrahim"]),
    ("J'ai envoyé 150 dollars par MoneyGram à une dame à Cotonou, Roselène Pierre, référence 7305 2918.",
     ["BJ:pierre roselene"]),
    # not a holder: a sentence after the number, a platform's account, a town after "à une dame"
    ("Il m'a donné son compte 0692184475. Blessing Okafor est son nom sur Facebook.", []),
    ("my Instagram account 12345678, Blessing asked me for pics", []),
    ("J'ai envoyé 100 € à une dame à Cotonou, Bénin, hier.", []),
    # an alias is not a payee; "someone else" is nobody's name; the reporter's own name neither
    ("Il veut 400 € par Western Union. Il m'écrit sous le nom de « Claire Morel ».", []),
    ("une puce achetée au nom de quelqu'un d'autre, il veut 300 €", []),
    ("I paid GH₵ 500 for nothing. My MoMo name is Esi Owusu, my number 024 000 0000.", []),
    # remittance and mobile-money services: the person the money went to
    ("We sent ₱5,000 via Palawan Express to Jerome Dela Cruz, Davao City.", ["PH:cruz dela jerome"]),
    ("He said send it by MoMo to his MTN number, name Yaw Boakye, in Kumasi.", ["GH:boakye yaw"]),
    # a mobile-money name; a payment "given" to a name
    ("He said send it by MoMo to his number, name Yaw Boateng.", ["??:boateng yaw"]),
    ("We gave ₱2,000 via Cebuana to Jose Miguel Santos.", ["??:jose miguel santos"]),
    # nobody named, the reporter's own name, an alias on a platform
    ("Il a payé 50 € ; la puce est au nom de quelqu'un d'autre.", []),
    ("I paid GH₵ 300. My MoMo name is Efua Mensah.", []),
    ("J'ai payé 200 €. Il m'écrit sur Messenger sous le nom de « Julie Morel ».", []),
])
def test_recipients(text, expected):
    assert values(text, "transfer_recipient", "FR") == expected


# --- crypto: the BIPs' and EIP-55's own test vectors, not only our generator ---------------------------
@pytest.mark.parametrize(("address", "expected"), [
    ("BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4", "btc:bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4"),  # BIP 173
    ("bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0",
     "btc:bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0"),  # BIP 350, bech32m
    ("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", "btc:1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa"),  # genesis block
    ("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "eth:0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed"),  # EIP-55
    ("0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359", "eth:0xfb6916095ca1df60bb79ce92ce3ea74c37c5d359"),
    ("0xdbf03b407c01e7cd3cbea99509d93f8dddc8c6fb", "eth:0xdbf03b407c01e7cd3cbea99509d93f8dddc8c6fb"),  # no checksum
    ("ltc1quamuafe9nnfe37ne4rh4jfuv3sss2q7vpuxjad", "ltc:ltc1quamuafe9nnfe37ne4rh4jfuv3sss2q7vpuxjad"),
    ("LSwTMvMkS3xfYYbAtdDvRqvgYbMMucC712", "ltc:LSwTMvMkS3xfYYbAtdDvRqvgYbMMucC712"),
    ("TUDNMhuQSefqREC5Gfdrq5AUUoSDisiay2", "trx:TUDNMhuQSefqREC5Gfdrq5AUUoSDisiay2"),
])
def test_valid_addresses(address, expected):
    assert values(f"envoie à {address} stp", "crypto") == [expected]
    assert crypto.normalise(address).value == expected


@pytest.mark.parametrize("address", [
    "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqh2y7hd",  # BIP 350: v1 with a bech32 checksum
    "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5",  # one character changed
    "BC1QW508D6QEJXTDG4Y5R3ZARVARY0c5xw7kv8f3t4",  # mixed case
    "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb",
    "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD",  # EIP-55 case of one letter wrong
])
def test_checksum_failures_are_near_misses_not_identifiers(address):
    if address.startswith("0x"):
        need(HAS_KECCAK, "pycryptodome is not installed: EIP-55 checksums cannot be verified")
    x = extract_text(f"wallet: {address}")
    assert [m for m in x.mentions if m.kind == "crypto"] == []
    assert [n.raw for n in x.near_misses] == [address]
    assert crypto.normalise(address) is None


# --- IBAN, PayPal, gift cards -------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "expected"), [
    ("IBAN GB82 WEST 1234 5698 7654 32 svp", ["GB82WEST12345698765432"]),
    ("rib: de89370400440532013000", ["DE89370400440532013000"]),
    ("FR76 3000 6000 0112 3456 7890 188", []),
])
def test_ibans(text, expected):
    assert values(text, "iban") == expected


def test_paypal_link_and_account_email():
    assert values("paye sur paypal.me/AwaBelle225 ou je publie", "paypal") == ["me:awabelle225"]
    x = extract_text("son paypal: jess.model99@gmail.com")
    assert {(m.kind, m.value) for m in x.mentions} == {
        ("paypal", "email:jess.model99@gmail.com"), ("email", "jess.model99@gmail.com")}


@pytest.mark.parametrize(("text", "expected"), [
    ("carte steam, code ABCD1-EFGH2-IJKL3", ["steam:ABCD1EFGH2IJKL3"]),
    ("3 cartes PCS: 4KD93LQ7ZP, 9XW2M7TQ4B", ["pcs:4KD93LQ7ZP", "pcs:9XW2M7TQ4B"]),
    ("paysafecard 0123 4567 8901 2345", ["paysafecard:0123456789012345"]),
    ("il demande des coupons PCS de 250 € et des cartes iTunes", []),
    ("je l'ai cherché sur Google, rien", []),
])
def test_gift_cards(text, expected):
    assert values(text, "gift_card") == expected


# --- money -------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "country", "expected"), [
    ("il demande 800 $", "CA", [("800", "CAD", "demanded")]),
    ("il demande 800 $", "US", [("800", "USD", "demanded")]),
    ("il demande 800 $", None, [("800", "USD", "demanded")]),
    ("j'ai déjà payé 1500$", "CA", [("1500", "CAD", "paid")]),
    ("He wants 1 500 dollars", "US", [("1500", "USD", "demanded")]),
    ("50 000 dirhams", "MA", [("50000", "MAD", "unknown")]),
    ("she asked £300", "GB", [("300", "GBP", "demanded")]),
    ("j'ai envoyé 200.000 FCFA", "CI", [("200000", "XOF", "paid")]),
    ("envoie 200.000 FCFA", "CM", [("200000", "XAF", "demanded")]),
    ("il veut 300 balles", "FR", [("300", "EUR", "demanded")]),
    ("il veut 300 balles", "CA", [("300", "CAD", "demanded")]),
    ("j'ai versé 49,99 €", "FR", [("49.99", "EUR", "paid")]),
    ("il veut 2k€", "FR", [("2000", "EUR", "demanded")]),
    ("USD 1,200", "US", [("1200", "USD", "unknown")]),
    ("I didn't pay the $900 he wants", "US", [("900", "USD", "demanded")]),
    ("j'ai 15 ans, 24h, 3e, iPhone 12, 12 semaines, 70x 80, 0,5 bitcoin", "FR", []),
    # amounts in words, in either language; digits before "mille" are read as digits, once
    ("il veut cinq cents euros sinon il envoie la vidéo", "FR", [("500", "EUR", "demanded")]),
    ("j'ai déjà donné deux cent cinquante euros", "BE", [("250", "EUR", "paid")]),
    ("he wants two thousand five hundred dollars", "CA", [("2500", "CAD", "demanded")]),
    ("I paid a thousand pounds", "GB", [("1000", "GBP", "paid")]),
    ("il exige 5 mille euros", "FR", [("5000", "EUR", "demanded")]),
    ("un euro de plus", "FR", []),
    # a demand told without a demand verb: lowered, restated, with "more", a deadline, or a threat far after
    ("J'ai dit non ; elle est descendue à 400 €.", "LU", [("400", "EUR", "demanded")]),
    ("il a dit que maintenant c'était 600 €", "FR", [("600", "EUR", "demanded")]),
    ("si je lui filais pas 300 balles", "FR", [("300", "EUR", "demanded")]),
    ("She now says $300 more by tonight.", "US", [("300", "USD", "demanded")]),
    ("chantage : 2500 CHF en bitcoin à l'adresse indiquée dans le message, sinon la vidéo part", "CH",
     [("2500", "CHF", "demanded")]),
    ("I'd get it back for $200 in Bitcoin sent to his wallet address, or he deletes the account", "US",
     [("200", "USD", "demanded")]),
    ("I have $200 in my account.", "US", [("200", "USD", "unknown")]),
    # cards are no goods: "a £50 one", "a $100 Roblox gift card"; a phone is
    ("i bought a £50 one from the shop", "GB", [("50", "GBP", "paid")]),
    ("he wants a $100 Roblox gift card", "US", [("100", "USD", "demanded")]),
    ("I bought a $900 phone last year", "US", []),
    # a demand met, said right after it, or in the next sentence: demanded and paid, both
    ("Elle a demandé 15 000 FCFA par Orange Money au 76 425 98 74, j'ai payé.", "SN",
     [("15000", "XOF", "demanded"), ("15000", "XOF", "paid")]),
    ("Il voulait 500 €, j'ai payé 200 €.", "FR", [("500", "EUR", "demanded"), ("200", "EUR", "paid")]),
    ("Il voulait 500 €. J'ai payé (référence 48109271).", "FR", [("500", "EUR", "demanded"), ("500", "EUR", "paid")]),
    ("Il voulait 500 €, j'ai pas payé.", "FR", [("500", "EUR", "demanded")]),
    # Indian digit grouping; whoever paid, a payment verb right before the amount; a list of payments
    ("He transferred ₹1,20,000 by RTGS", "IN", [("120000", "INR", "paid")]),
    ("My nephew sent the ₱3,000.", "PH", [("3000", "PHP", "paid")]),
    ("M. D. a déjà acheté à deux reprises des recharges PCS de 250 €", "BE", [("250", "EUR", "paid")]),
    ("Deposits: $4,000 on April 2, $11,500 on April 19.", "US", [("4000", "USD", "paid"), ("11500", "USD", "paid")]),
    ("I never paid the €600 they wanted.", "IE", [("600", "EUR", "demanded")]),
    ("he said he'd post them unless I paid £600", "GB", [("600", "GBP", "demanded")]),
])
def test_money(text, country, expected):
    got = [(m.amount, m.currency, m.role) for m in extract_text(text, country).money]
    assert got == [(Decimal(a), c, r) for a, c, r in expected]


@pytest.mark.parametrize(("text", "country", "expected"), [
    # a demand then met: the same amount twice, once demanded and once paid
    ("He asked for $300, which I paid by Zelle.", "US", [("300", "USD", "demanded"), ("300", "USD", "paid")]),
    ("Ils m'ont demandé 75 000 FCFA de frais de dossier, que j'ai payés par Wave.", "SN",
     [("75000", "XOF", "demanded"), ("75000", "XOF", "paid")]),
    ("Elle lui a réclamé 200 € pour ne rien diffuser, il a payé, et maintenant c'est 500 €.", "FR",
     [("200", "EUR", "demanded"), ("200", "EUR", "paid"), ("500", "EUR", "demanded")]),
    ("He demanded £300 via Western Union. I sent the money the next day.", "GB",
     [("300", "GBP", "demanded"), ("300", "GBP", "paid")]),
    ("Il m'a demandé 1 500 € pour ne pas la diffuser. J'ai envoyé cette somme par Western Union.", "FR",
     [("1500", "EUR", "demanded"), ("1500", "EUR", "paid")]),
    ("Can you pay a bill for me, £1,290? She transferred it to the account he gave.", "GB",
     [("1290", "GBP", "demanded"), ("1290", "GBP", "paid")]),
    ("Elle a dit 3000 dh ou je l'envoie. Elle m'a demandé de faire Western Union à Abidjan. J'ai payé hier.", "MA",
     [("3000", "MAD", "demanded"), ("3000", "MAD", "paid")]),
    ("they asked me to pay a fee of KES 3,500 by M-Pesa. I paid and now they want KES 12,000 for a visa.", "KE",
     [("3500", "KES", "demanded"), ("3500", "KES", "paid"), ("12000", "KES", "demanded")]),
    # paid with no demand of it: paid only
    ("I paid $300 by Zelle.", "US", [("300", "USD", "paid")]),
    ("Transfert de 20 000 FCFA au 76 425 98 74, j'ai payé.", "SN", [("20000", "XOF", "paid")]),
    # not met: refused, a different amount paid, or "sent" said of the scammer (the video, not money)
    ("He asked for $300. I did not pay.", "US", [("300", "USD", "demanded")]),
    ("He asked for $300. I couldn't. I paid $100.", "US", [("300", "USD", "demanded"), ("100", "USD", "paid")]),
    ("She wants £400 or else. She sent it to my mum anyway.", "GB", [("400", "GBP", "demanded")]),
    ("Il veut 500 €. Il l'a envoyée à ma mère.", "FR", [("500", "EUR", "demanded")]),
    ("He demanded $500. I told him I won't pay. I sent the screenshots to the police.", "US",
     [("500", "USD", "demanded")]),
])
def test_a_demand_met_is_demanded_and_paid(text, country, expected):
    got = [(m.amount, m.currency, m.role) for m in extract_text(text, country).money]
    assert got == [(Decimal(a), c, r) for a, c, r in expected]


def test_bare_amounts_in_a_chat_take_the_currency_named_in_the_report():
    chat = ("[21:02] +221 78 323 32 81: Si tu veux pas que ta famille voit ça tu envoies 100 000\n"
            "[21:05] Cousin: Je n'ai pas cet argent\n"
            "[21:20] +221 78 323 32 81: ok 50 000 ce soir\n"
            "[08:11] Cousin: j'ai envoyé 20 000 par Orange Money\n\n"
            "Il a vraiment envoyé les 20 000 FCFA.")
    got = {(m.amount, m.currency, m.role) for m in extract_text(chat, "SN").money}
    assert got == {(Decimal("100000"), "XOF", "demanded"), (Decimal("50000"), "XOF", "demanded"),
                   (Decimal("20000"), "XOF", "paid")}
    # the reporter's own bare numbers are no demands
    mine = "Scammer: send 300 € now\nMe: ok 150 is all I have\nMe: ok 150 is all I have"
    assert {(m.amount, m.role) for m in extract_text(mine, "FR").money} == {(Decimal("300"), "demanded")}


# --- places, language, unicode -------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "expected"), [
    ("il vit à Abidjan en Côte d’Ivoire", ["CI"]), ("un brouteur ivoirien", ["CI"]),
    ("de Casablanca puis Marrakech, Maroc", ["MA"]), ("Manille, Philippines", ["PH"]), ("RCI", ["CI"]),
    ("Lagos, Nigeria; Accra, Ghana; Cotonou", ["NG", "GH", "BJ"]), ("Ivory Coast", ["CI"]),
    ("je parle français, ok uk", []), ("900 United States Dollars", []), ("Chad and Jordan are friends", []),
    # French elision before a place; nothing else after an apostrophe
    ("elle est en première dans un lycée d'Abidjan", ["CI"]), ("il vit en Inde, l'Inde du Sud", ["IN"]),
    ("aujourd'hui, d'accord", []), ("Abidjan's suburbs", []),
    # the longest name wins: Port of Spain is not Spain
    ("We're in Port of Spain", ["TT"]), ("to a Delroy Campbell in Montego Bay", ["JM"]),
    # cities that are also words only with a capital
    ("I'm based in Cork", ["IE"]), ("a cork and a phoenix tattoo", []), ("She lives in Phoenix.", ["US"]),
    ("je suis à La Réunion", ["RE"]), ("après la réunion de parents", []),
])
def test_places(text, expected):
    assert extract_text(text).places == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("jai 15 ans et il veut que je paye sinon il envoie la video", "fr"),
    ("he wants me to pay or he sends the video to my family", "en"),
    ("me pidió quinientos dólares y dice que enviará el video a mi familia", "es"),
])
def test_language(text, expected):
    if expected not in ("fr", "en"):
        need(HAS_LINGUA, "lingua-language-detector is not installed: only the FR/EN rules answer")
    assert extract_text(text).language == expected


def test_language_hint_when_the_text_cannot_tell():
    assert extract_text("+225 07 58 12 34 56", language="fr").language == "fr"
    assert extract_text("+225 07 58 12 34 56").language is None


def test_normalisation_keeps_a_map_to_the_original():
    original = "Num\u00e9ro \u202a+225\u202c\u200b ﬁn re\u0301ponds ＡＷＡ"
    n = normalise(original)
    assert n.text == "Numéro +225 fin réponds AWA"
    start = n.text.index("AWA")
    assert n.original[slice(*n.to_original(start, start + 3))] == "ＡＷＡ"
    start = n.text.index("réponds")
    assert n.original[slice(*n.to_original(start, start + 7))] == "re\u0301ponds"
    assert len(n.folded) == len(n.text) and n.folded.startswith("numero")


def test_crypto_encoders_round_trip_through_the_decoders():
    """One codec, both directions: the simulator's wallets are what the extractor accepts."""
    from tipline.extract.kinds.crypto import b58decode_check, b58encode_check, segwit_decode, segwit_encode

    key = bytes(range(20))
    assert b58decode_check(b58encode_check(b"\x00" + key)) == b"\x00" + key
    assert segwit_decode(segwit_encode("bc", 0, key)) == ("bc", 0, key)
    assert segwit_decode(segwit_encode("bc", 1, key + key[:12])) == ("bc", 1, key + key[:12])  # bech32m
    # BIP 173's own test vector
    assert segwit_encode("bc", 0, bytes.fromhex("751e76e8199196d454941c45d1b3a323f1433bd6")) == \
        "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4"


# --- the reporter's own contact details ------------------------------------------------------------------
@pytest.mark.parametrize(("text", "kept"), [
    # a signature: contact details alone on one of the last lines, under a short line with a name
    ("Il veut 300 € sinon il publie.\nNathalie B.\nnathalie.b64@orange.fr – 06 72 18 40 93", []),
    ("He wants $300.\nRegards,\nMrs. W. Otieno\notieno.w@school.example", []),
    ("Please reply to wellbeing@college.example or call us.", []),
    # a pasted e-mail's recipient, even when the spam claims to come from that address
    ("From: kojo.m88@gmail.com\nTo: kojo.m88@gmail.com\nSubject: your account was hacked", []),
    # said as the reporter's before or after it
    ("Pour me joindre : lea.martin64@gmail.com ou au 06 71 84 22 90.", []),
    ("To reach me: ben.k.okafor@yahoo.com", []),
    ("L'expéditeur, c'est ma propre adresse, paul.girard58@orange.fr !!", []),
    ("It was sent from d.hughes@btinternet.com, which is mine.", []),
    ("Le mail venait de l.robert77@free.fr (c'est la mienne).", []),
    # the scammer's, however placed
    ("He wants $300.\nHis email:\nscam.mule77@gmail.com", ["scam.mule77@gmail.com"]),
    ("Il m'a écrit depuis bella.love225@gmail.com, qui est son adresse.", ["bella.love225@gmail.com"]),
    ("Contact me: she wrote that and gave sexy.anna91@gmail.com", ["sexy.anna91@gmail.com"]),
    ("If you want proof, reply to darkhat.proof@tutanota.com", ["darkhat.proof@tutanota.com"]),
    ("Pay or else.\nsupport.team.help@proton.me\nThat was the whole message, then he blocked me.",
     ["support.team.help@proton.me"]),
])
def test_the_reporters_own_contact_details_are_left_out(text, kept):
    assert values(text, "email") == kept


@pytest.mark.parametrize(("text", "country", "kept"), [
    # a label of the reporter's own, opening its line ("Mon natel :"), or plural ("Notre numéro à nous")
    ("Il veut 900 francs.\nMon natel : 078 611 42 90 (le soir)", "CH", []),
    ("Mes coordonnées :\n0471 22 83 19", "BE", []),
    ("Notre numéro à nous est le 076 420 55 18, au besoin.", "CH", []),
    ("Notre standard : 04 72 31 66 80.", "FR", []),
    ("My direct line is 0161 496 0732.", "GB", []),
    # the reporter's line of a list, after the scammer's
    ("L'escroc : +225 07 48 91 36 20. Moi : 06 48 27 19 33.", "FR", ["+2250748913620"]),
    # asked to call back, or reachable, in the first person
    ("Rappelez-moi au 06 18 42 77 05 après 18h.", "FR", []),
    ("You can text me back at (415) 555-0172.", "US", []),
    ("I can be reached at 602-555-0144 during the day.", "US", []),
    ("Vous pouvez nous joindre au 06 77 14 28 31.", "FR", []),
    # a name with contact details on one line, under a sign-off
    ("He wants £400.\nKind regards,\nDiane Porter | 07911 123 456", "GB", []),
    # the scammer's, however close the wording
    ("He said: text me at 212-555-0143 or else.", "US", ["+12125550143"]),
    ("He can be reached at +234 803 555 0199 apparently.", "NG", ["+2348035550199"]),
    ("Son numéro : 06 61 18 42 90", "FR", ["+33661184290"]),
    ("Il m'a dit : contactez-nous au +225 07 48 91 36 20 pour régler.", "CI", ["+2250748913620"]),
    ("Horaires : 9h-17h, tél. standard 01 23 45 67 89", "FR", ["+33123456789"]),
    ("Merci.\nArnaqueur : +225 07 48 91 36 20", "FR", ["+2250748913620"]),
])
def test_the_reporters_own_phone_numbers_are_left_out(text, country, kept):
    assert values(text, "phone", country) == kept


@pytest.mark.parametrize(("text", "kept"), [
    # the second contact in the same breath, however joined
    ("Vous pouvez me joindre au +33 6 41 22 87 10 ou par mail à m.leroy.ape@free.fr.", []),
    ("Vous pouvez nous joindre au +33 6 41 22 87 10 ou à l'adresse famille.leroy@free.fr.", []),
    ("I can be reached at +1 602-555-0144 or wellbeing@school.example.", []),
    ("Sent from my iPhone\nGareth Mills | 07911 123 456 | g.mills@btinternet.com", []),
    # a platform's or a government's own address is nobody's to link
    ("J'ai écrit à support@instagram.com, sans réponse.", []),
    ("a notice from noreply@mail.instagram.com and one from cybermalveillance@interieur.gouv.fr", []),
    # a look-alike of an official domain is the scammer's
    ("Le mail venait de brigade.mineurs@police-gouv-fr.org", ["brigade.mineurs@police-gouv-fr.org"]),
    ("payments to lena.pay@gmail.com", ["lena.pay@gmail.com"]),
])
def test_own_and_service_addresses_are_left_out(text, kept):
    assert values(text, "email") == kept

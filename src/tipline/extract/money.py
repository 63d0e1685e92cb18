"""Amounts of money → Decimal + ISO 4217, and whether they were demanded or paid.

Reporters write "800 $", "1500$", "1 500 dollars", "50 000 dirhams", "£300", "200.000 FCFA",
"2k€", "500 mille FCFA", "300 balles", "USD 1,200". An amount needs a currency next to it: a bare
number is a date, an age, a count or a phone. "$" and "dollars" are the reporter's dollar (CAD in
Canada, USD in the United States, …; USD when unknown); "francs CFA" are XOF in West Africa and XAF
in Central Africa; "balles" (slang) is the reporter's currency. Crypto amounts ("0.05 BTC") are
not ISO 4217 and are left out.

The role comes from the nearest cue in the same sentence: "il demande", "wants", "send me" →
``demanded``; "j'ai payé", "I sent", "elle a envoyé" → ``paid`` (unless negated: "j'ai rien payé",
"I didn't pay"); a cue before the amount wins over one after it. A demand the reporter then met
("he asked for $300, which I paid", "il demande 400 €. Je les ai envoyés.") is given twice, demanded
and paid: the money demanded counts the demands that were met; an amount only paid is paid only.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal, InvalidOperation
from functools import cache
from itertools import chain
from typing import Literal

from tipline.extract.model import Context, Money, Role
from tipline.extract.patterns import SENTENCE_END, SpanSet, finditer_in, intersect, trie_pattern

# The reporter's "$", by country (ISO 3166 → ISO 4217); the rest of the world → USD.
DOLLAR_BY_COUNTRY = {
    "CA": "CAD", "US": "USD", "AU": "AUD", "NZ": "NZD", "SG": "SGD", "HK": "HKD", "JM": "JMD", "TT": "TTD",
    "BS": "BSD", "BB": "BBD", "BZ": "BZD", "LR": "LRD", "NA": "NAD", "FJ": "FJD", "TW": "TWD", "GY": "GYD",
}
_OTHER_FRANCS = {"GN": "GNF", "RW": "RWF", "BI": "BIF", "CD": "CDF", "DJ": "DJF", "KM": "KMF"}
_XAF = frozenset({"CM", "GA", "CG", "TD", "CF", "GQ"})
_CFA_WEST = frozenset({"CI", "SN", "BF", "ML", "NE", "TG", "BJ", "GW"})
_SHILLING = {"KE": "KES", "UG": "UGX", "TZ": "TZS", "SO": "SOS"}
_PESO = {"PH": "PHP", "MX": "MXN", "CO": "COP", "AR": "ARS", "CL": "CLP", "DO": "DOP", "UY": "UYU", "CU": "CUP"}
_LOCAL = {  # "balles" and other slang: the reporter's own currency
    "FR": "EUR", "BE": "EUR", "LU": "EUR", "CH": "CHF", "CA": "CAD", "MA": "MAD", "CI": "XOF", "SN": "XOF",
}

# Currency words (folded text) → a code or a rule name resolved with the reporter's country.
_CURRENCY_WORDS: dict[str, str] = {
    "€": "EUR", "€uros": "EUR", "€uro": "EUR", "euro": "EUR", "euros": "EUR", "eur": "EUR", "eu": "EUR",
    "$": "$", "dollar": "$", "dollars": "$", "dolares": "$", "dollars us": "USD", "dollars americains": "USD",
    "dollars canadiens": "CAD", "dollar canadien": "CAD", "us dollars": "USD", "united states dollars": "USD",
    "american dollars": "USD", "canadian dollars": "CAD", "usd": "USD", "us$": "USD", "$us": "USD", "$ us": "USD",
    "cad": "CAD", "ca$": "CAD", "c$": "CAD", "$ca": "CAD", "$ ca": "CAD", "$ cad": "CAD", "$cad": "CAD",
    "$ can": "CAD", "$can": "CAD", "$ usd": "USD", "$usd": "USD", "aud": "AUD", "au$": "AUD",
    "£": "GBP", "gbp": "GBP", "livre": "GBP", "livres": "GBP", "livres sterling": "GBP", "pound": "GBP",
    "pounds": "GBP", "quid": "GBP",
    "fcfa": "CFA", "f cfa": "CFA", "cfa": "CFA", "francs cfa": "CFA", "franc cfa": "CFA", "f.cfa": "CFA",
    "xof": "XOF", "xaf": "XAF", "francs": "FRANC", "franc": "FRANC",
    "dirham": "DH", "dirhams": "DH", "dh": "DH", "dhs": "DH", "mad": "MAD", "aed": "AED",
    "naira": "NGN", "nairas": "NGN", "ngn": "NGN", "₦": "NGN", "cedi": "GHS", "cedis": "GHS", "ghs": "GHS",
    "₵": "GHS", "peso": "PESO", "pesos": "PESO", "php": "PHP", "₱": "PHP",
    "chf": "CHF", "francs suisses": "CHF", "fr. suisses": "CHF",
    "bucks": "$", "buck": "$", "frs": "FRANC", "f": "FRANC_F", "quids": "GBP",
    "balles": "LOCAL", "piasses": "CAD", "piasse": "CAD", "piastres": "CAD", "piastre": "CAD",
    "rand": "ZAR", "zar": "ZAR", "roupies": "RUPEE", "roupie": "RUPEE", "inr": "INR", "rupees": "RUPEE",
    "rupee": "RUPEE",
    "rs": "RUPEE", "rs.": "RUPEE", "₹": "INR", "ksh": "KES", "kshs": "KES", "kes": "KES", "a$": "AUD", "nz$": "NZD",
    "dinar": "DINAR", "dinars": "DINAR", "da": "DZD_DA", "dt": "TND_DT", "r": "ZAR_R",
    "e": "EUR_E",  # "500e": SMS French, read only with a demand or a payment around it (see ``find``)
    "gourde": "HTG", "gourdes": "HTG", "htg": "HTG", "gh₵": "GHS", "ghc": "GHS", "s$": "SGD", "sgd": "SGD",
    "n": "NGN_N", "p": "PHP_P", "shillings": "SHILLING", "shilling": "SHILLING",
    "rm": "MYR", "ringgit": "MYR", "myr": "MYR", "ariary": "MGA", "mga": "MGA", "ar": "MGA_AR", "j$": "JMD",
    "jmd": "JMD",
    # currencies of the Gulf, South Asia, East and Central Africa, Brazil and the Caribbean; a name
    # several countries share ("riyal", "rupee") is the reporter's own when it is one of them
    "riyal": "RIYAL", "riyals": "RIYAL", "sar": "SAR", "qar": "QAR", "omr": "OMR", "kwd": "KWD", "bhd": "BHD",
    "kd": "KWD_KD", "taka": "BDT", "bdt": "BDT", "pkr": "PKR", "lkr": "LKR", "npr": "NPR", "mur": "MUR_MUR",
    "ugx": "UGX", "tzs": "TZS", "rwf": "RWF", "frw": "RWF", "gnf": "GNF", "zmw": "ZMW", "kwacha": "KWACHA",
    "k": "KWACHA_K", "r$": "BRL", "brl": "BRL", "reais": "BRL", "tt$": "TTD", "ttd": "TTD", "gh¢": "GHS",
    "egp": "EGP",
}
_SYMBOLS_BEFORE = ("€", "$", "£", "usd", "us$", "cad", "ca$", "c$", "eur", "gbp", "chf", "fcfa", "xof", "₦", "₱",
                   "ngn", "aud", "mad", "cfa", "au$", "a$", "nz$", "rs", "rs.", "inr", "₹", "ksh", "kshs", "kes", "r",
                   "zar", "₵", "gh₵", "ghs", "ghc", "s$", "sgd", "n", "p", "php", "htg", "rm", "myr", "j$", "jmd",
                   "aed", "sar", "qar", "omr", "kwd", "bhd", "kd", "bdt", "pkr", "lkr", "npr", "mur", "ugx", "tzs",
                   "rwf", "frw", "gnf", "zmw", "k", "r$", "brl", "tt$", "ttd", "gh¢", "egp")
# A name several countries' currencies share: the reporter's when it is one of them, else the first.
_SHARED_NAMES = {
    "RUPEE": ("INR", "PKR", "LKR", "NPR", "MUR", "SCR"), "RIYAL": ("SAR", "QAR", "OMR", "YER"),
    "KWACHA": ("ZMW", "MWK"),
}
# Abbreviations read only in the one country that uses them ("K5,000" in Zambia, "100 KD" in Kuwait).
_ONLY_IN = {"KWD_KD": ("KW", "KWD"), "KWACHA_K": ("ZM", "ZMW"), "MUR_MUR": ("MU", "MUR")}  # "mur": a wall
_DINAR = {"DZ": "DZD", "TN": "TND", "LY": "LYD", "IQ": "IQD", "JO": "JOD", "KW": "KWD", "BH": "BHD", "RS": "RSD",
          "MK": "MKD"}


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s?") for w in sorted(words, key=len, reverse=True))


_NUMBER = (
    r"(?P<num>\d{1,2}(?:(?P<isep>,)\d{2})+,\d{3}|\d{1,3}(?:(?P<sep>[ .,'])\d{3})(?:(?P=sep)\d{3}){0,3}|\d{1,12})"
    r"(?:[.,](?P<dec>\d{1,2}))?(?!\d)"
    r"(?:\s?(?P<mult>k|mille|millions?|million|m|lakhs?|lacs?|crores?)(?![a-z]))?"
)
# Numbers are found digit first (``re`` skips to digits in C); the currency is then read right
# after the number, or right before it ("$400", "USD 1,200").
# A currency glued before the digits ("R5,000", "Rs25000", "KSh500", "USD300") is the one letter run allowed.
_AMOUNT = re.compile(r"(?=\d)(?:(?<![\w.,])|(?<=(?<![\w])r)|(?<=(?<![\w])rs)|(?<=(?<![\w])rs\.)|(?<=ksh)|(?<=kes)|"
                     r"(?<=usd)|(?<=eur)|(?<=cad)|(?<=gbp)|(?<=inr)|(?<=aud)|(?<=chf)|(?<=ghs)|(?<=sgd)|(?<=php)|"
                     r"(?<=(?<![\w])rm)|(?<=myr)|(?<=jmd)|"
                     r"(?<=(?<![\w])[npk]))" + _NUMBER)
_CUR_AFTER = re.compile(r"\s{0,2}(?P<cur>" + _alternation(list(_CURRENCY_WORDS)) + r")(?![a-z])")
_CUR_BEFORE = re.compile(r"(?<![\w])(?P<cur>" + _alternation(list(_SYMBOLS_BEFORE)) + r")\s{0,2}$")

# Role cues, on folded text. Paid cues name the victim's side ("j'ai", "I", "elle a", "on a").
_PAID = re.compile(
    r"(?<![\w])(?:(?:j'?|j\s)ai|g|je lui ai|je (?:t'|t |vous |leur |les |l')ai|"
    r"on (?:lui )?a|elle (?:lui )?a|il (?:lui )?a|nous avons|(?:j'?|j\s)avais|"
    r"je lui avais|il (?:lui )?avait|elle (?:lui )?avait|on (?:lui )?avait|nous avions|i|we|she|he|i'?ve|"
    r"we'?ve|i have|i had|i'd|they|ils (?:lui )?ont|elles ont|"
    # someone close paid: "mon mari a envoyé 500 €", "Dad sent $1,000", "my brother paid"
    r"(?:mon|ma|my|our|notre)\s{1,2}(?:mari|femme|chum|blonde|frere|soeur|fils|fille|pere|mere|copain|copine|"
    r"conjoint|conjointe|compagnon|compagne|cousin|cousine|oncle|tante|ami|amie|husband|wife|brother|sister|son|"
    r"daughter|father|mother|dad|mom|mum|boyfriend|girlfriend|partner|friend|mate|cousin|uncle|aunt)"
    r"(?:\s{1,2}(?:a|avait|has|had))?|dad|mom|mum|papa|maman)\s{1,2}"
    r"(?:(?:deja|already|just|encore|finally|finalement|only|seulement|lui|him|her|"
    r"them|meme|aussi|also|fait|vraiment|really|actually|bien)\s{1,2}){0,3}"
    r"(?:paye|paid|envoye|sent|verse|vire|wired|transfere|transferred|perdu|lost|achete|bought|donne|gave|given|"
    r"zelled|venmoed|cashapped|cash apped|paypaled|venmo'd|zelle'd|cashapp'd|cash app'd|paypal'd|"
    r"deposited|depose|retire|withdrew|mis|put|inserted|loaded|"
    r"(?:fait|effectue|realise|made) (?:un |une |des |\d+ |mon |ma |le |la |a |an )?(?:premier |premiere |deuxieme |"
    r"second |dernier |nouvel |first |second |last )?(?:transfert|virement|envoi|paiement|versement|depot|transfer|"
    r"payment|deposit|flooz|wave|momo|mobile money|orange money|moov money|mtn money|om|western union|"
    r"western|moneygram|ria|mpesa|m-pesa|gcash|e-transfer|zelle|pix|bkash)s?|envoi|spent|depense|don pay|don send)"
    r"|(?<![\w])(?:cost me|m'a coute|ca m'a coute|deja paye|deja envoye|already paid|already sent|wired|paid|perdu|"
    r"lost"
    # told in the present ("je verse 500 CHF en espérant"), or as a second verb ("panicked and bought two $100 cards")
    r"|je (?:lui |leur )?(?:verse|vire|paie|paye|envoie|transfere)|(?:and|et) (?:a |then |j'ai )?(?:bought|sent|paid|"
    r"wired|put in|inserted|deposited|achete|envoye|paye|verse|vire|mis))"
    r"(?![\w])"
)
# Rarer paid cues, run only on a sentence that holds one of ``_PAID_GATE``: causatives ("il m'a fait
# envoyer 500$", "made him buy") and a sentence opening on the verb ("Sent $300 to Ghana").
_PAID_EXTRA = re.compile(
    r"(?<![\w])(?:(?:m'a|m'ont|lui a|lui ont) fait (?:envoyer|payer|verser|virer|acheter|transferer|deposer)"
    r"|made (?:me|him|her|us|them) (?:buy|send|pay|transfer|wire|deposit)"
    r"|(?:(?<=^)|(?<=[.!?\n] )|(?<=\n))(?:sent|paid|wired|envoye|paye|verse|vire)"
    r"(?: (?:them|him|her|it|lui|leur))?(?= [$£€\d])"
    # a past told in the present, opening a clause: "I send 1,000 SAR by STC Pay", "Mi send USD 100"
    r"|(?:(?<=^)|(?<=[.!?\n,:] )|(?<=\n)|(?<=and )|(?<=so ))(?:i|mi) (?:already |just |den )?send"
    r"(?= (?:[$£€₦₹\d]|[a-z]{1,3}\$?\s?\d)))"
)
_PAID_GATE = ("fait ", "made ", "sent ", "paid ", "wired ", "envoye ", "paye ", "verse ", "vire ", "send ")
# The scammer's side, told by the victim: "elle a eu 100 € de ma part", "he already got $300 from me"
# (run only on a sentence holding one of ``_THEIRS_GATE``).
_PAID_THEIRS = re.compile(
    r"(?<![\w])(?:(?:il|elle|ils|elles) (?:m'a|m'ont|a|ont) (?:deja )?(?:eu|recu|touche|empoche|pris|soutire|"
    r"extorque)|(?:he|she|they) (?:has |have |had )?(?:already )?(?:got|gotten|received|took|taken|extorted))"
    r"(?=\s[^.!?\n]{0,40}(?:de ma part|de moi|from me|off me|out of me)|\s{1,2}(?:\w+\s{1,2})?[$€£\d])"
)
_THEIRS_GATE = ("eu ", "recu", "touche", "empoche", "pris ", "soutire", "extorque", "got", "received", "took",
                "taken", "extorted")
_PAID_GATE_RE = re.compile(trie_pattern(_PAID_GATE))
# Word-bounded: "une ", "Brisbane ", "repas " hold no negation.
_NEGATED_PAID = re.compile(
    r"(?<![\w'])(?:n'|ne |pas |rien |jamais |didn'?t |did not |haven'?t |have not |never |not |nothing |aucun )"
    r"(?:\w+\s){0,2}$"
)
_DEMANDED = re.compile(
    r"(?<![\w])(?:demand\w*|redemand\w*|exig\w*|reclam\w*|veu[tx]|veulent|voulai[st]|voudrai[st]?|voulu|en veut|"
    r"il me faut|me faut|faut que je|il faut|faudrait|fallait|dois payer|doit payer|dois envoyer|pour payer|payer|"
    # an obligation told: "he said I had to verify myself by buying a $200 card", "je devais verser"
    r"(?:i|you|u|he|she|we|they)(?: would)? (?:had|have|has|'d have|need|needed|needs) to|(?:je|tu|il|elle|on) "
    r"(?:devais|devait|dois|doit|devrais|devrait)|paye[sz]?|"
    r"paie[sz]?|donner|donnes? pas|(?:envoy|vers|pay|vir|donn)ai[st] pas|"
    r"envoie[sz]?|envoyer|transfere[sz]?|virer|m'a factur\w*|il factur\w*|facturait|"
    r"wants?|wanted|asks?|asked|asking|requests?|requested|"
    r"demands?|demanded|requir\w*|send|transfer|pay|told me to|asked me to|wanted me to|buy|ransom|rancon|"
    r"pidio|pide|quiere|exige|tarif|price is|sinon|or else|otherwise|"
    r"(?:verse|paie|paye|envoie|vire) pas|unless (?:i|you|he|she|we|they) (?:pay|send)\w*|"
    r"envoyez|payez|versez|virez|transferez|deposez|verser|deposer|"
    # the demand lowered or named: "then they dropped it to $400", "un montant de 990 €", "a fair price"
    r"dropped it to|dropped to|lowered (?:it )?to|reduced (?:it )?to|(?:a |il a )?baisse a|descendue? a|reduit a|"
    r"increased (?:it )?to|raised (?:it )?to|went up to|augmente a|passe a|il reste|the rest|the balance|le reste|"
    r"montant de|amount of|fair price|(?:maintenant|now|desormais) (?:c'est|c'etait|ce sera|it's|its|it is|it'll be)|"
    # any verb after "if I don't" / "si je ne … pas": "si je lui filais pas 300 balles", "if I don't give him $500"
    r"si (?:je|tu|il|elle|on) (?:ne |n')?(?:lui |leur )?\w+ pas|if (?:i|you|he|she|they|we) (?:don'?t|doesn'?t|do not|"
    r"does not|didn'?t) \w+|"
    # a debt claimed or a price agreed: "she owed $2,400 in back taxes", "elle a accepté 400 000"
    r"owe[sd]?|owing|devez|dette de|debt of|accepte|accepted|agreed (?:to|on)|settled (?:for|on))(?![\w])"
)
# Rarer demand cues, run only on a sentence that holds one of their words (``_DEMANDED_GATE``):
# "£200 now or the video goes to your mum", "350€ pour ne pas publier", "he'll take it down for $600".
_DEMANDED_EXTRA = re.compile(
    r"(?<![\w])(?:montant\s{0,2}:|amount\s{0,2}(?:due\s{0,2})?:|"
    r"(?:or|ou) (?:the|your|ur|yr|my|la|les|tes|ta|ton|mes|ma|vos|votre) (?:\w+ )?"
    r"(?:videos?|vids?|clips?|photos?|pics?|nudes?)|"
    r"(?:pour|to) (?:ne )?(?:pas |not )?(?:publier|diffuser|partager|post|leak|share)|"
    r"(?:take (?:it|them|the \w+) down|delete (?:it|them|the \w+)|supprime\w* (?:la|les|tout)\s?\w*) (?:for|pour)|"
    r"(?:to|pour) [\"'«“]?\s?(?:take (?:it|them|the \w+) down|delete|remove|supprimer|retirer|effacer|"
    # a fee to get promised money out: "₱25,000 to unlock my earnings", "50 000 pour débloquer le colis"
    r"unlock|release|withdraw|debloquer|liberer|recuperer))"
    r"(?![\w])"
)
_DEMANDED_GATE = ("montant", "amount", "vid", "clip", "photo", "pic", "nude", "publi", "diffus", "partag", "post",
                  "leak", "share", "take ", "delete", "supprim", "remove", "retirer", "effacer", "unlock", "release",
                  "withdraw", "debloq", "liberer", "recuperer")
_DEMANDED_GATE_RE = re.compile(trie_pattern(_DEMANDED_GATE))
# Right after an amount: "$300 more by tonight", "500 € de plus", "400 euros avant minuit", "£200
# in steam cards within 2 hours": a demand.
_DEMANDED_AFTER = re.compile(
    r"(?:\s{1,2}(?:en|in)\s{1,2}[a-z]{2,12}(?:\s{1,2}cards?)?)?\s{0,2}(?:more|de plus|en plus|supplementaires?|"
    r"(?:by|before|within|avant|d'ici|dans les|sous|in the next) (?:tonight|tomorrow|midnight|ce soir|demain|minuit|"
    r"today|aujourd'hui|\d{1,2}\s?(?:h|hours?|heures?|hrs?|pm|am|mn|minutes?|mins?)))(?![\w])")
# A threat in the amount's sentence, however far after it: "chantage : 2500 CHF en bitcoin à
# l'adresse bc1p… sinon la vidéo est envoyée", "$200 in Bitcoin sent to 13V3n…, or he deletes the
# account": an amount nothing else gives a role to is then demanded.
_THREAT = re.compile(
    r"(?<![\w])(?:sinon|or else|otherwise|faute de quoi|"
    r"(?:or|ou) (?:he|she|they|i|we|il|elle|ils|je|on)(?:'ll| will| va| vont)? (?:post|send|share|publish|leak|delete|"
    r"expose|upload|show|publie|envoie|diffuse|partage|poste|balance|supprime)\w*|"
    # "t'as 800 balles ou ta mère reçoit tout", "$300 or your family sees it"
    r"(?:or|ou) (?:bien )?(?:your|ur|yr|ta|ton|tes|vos|votre) (?:\w+ )?(?:mum|mom|mother|mere|maman|dad|father|pere|"
    r"papa|parents|family|famille|wife|femme|husband|mari|girlfriend|copine|boyfriend|copain|friends|amis|boss|"
    r"patron|colleagues|collegues|school|ecole|followers|contacts))(?![\w])")
_TO_BE = re.compile(r"(?:to|must|will|should|a) (?:be|etre) $")
# A payment someone wants done, in the subjunctive: "il veut que je lui envoie 5 000 F", "faut que je paie".
_WANTED_THAT = re.compile(r"(?<![\w])(?:veu[tx]|veulent|voulai[st]|voudrai[st]?|faut|faudrait|exig\w*|demand\w*|"
                          r"reclam\w*|ordonn\w*|insist\w*)\s(?:(?:absolument|encore|vraiment|juste)\s)?"
                          r"(?:que|qu')\s?(?:(?:je|j'|tu|on|il|elle|nous|vous)\s?(?:(?:lui|leur|te|vous|les?|la)\s)?)?$")
_CONDITIONAL = re.compile(r"(?:\bsi|\bif|\bunless|\bsauf si|\btant que)\s[^.!?\n]{0,20}$")
_SENTENCE_LIMIT = 200
# A fee or a fine is asked for ("frais de dossier de 350 €", "a $450 clearance fee", "une amende de
# 450 €"): a demand when nothing else in the sentence says who paid.
_FEE = re.compile(r"(?<![\w])(?:frais|amende|penalite|caution|taxe|fees?|fine|penalty)(?![\w])")
# A verb of paying that names no other amount after it: "j'ai payé.", "I paid (ref 4810…)", "j'ai payé par Wave".
_MET_END = (r"(?![\w])(?=\s{0,2}(?:[.!,;(]|$|\n|(?:par|via|by|through|with|avec|le|on|hier|yesterday|the same day|"
            r"le jour meme|right away|tout de suite)(?![\w])"
            # "I paid and now they want KES 12,000": a new time, the payment's clause is over
            r"|\s(?:and|et|but|mais) (?:now|maintenant|then|ensuite|puis|after|apres)(?![\w])))")
# Who paid, and with which verb: the reporter's side with any verb of paying; another's ("il a",
# "she") only with a verb a scammer does not do (a scammer "sent" the video, never "paid" it).
# With the object before the verb ("je les ai envoyés", "on l'a payé") and its agreement; any subject
# naming a person ("L'un d'eux a payé", "(student paid, …)", "son frère a tout versé").
_MET_MINE = (r"(?:(?:j'?ai|j ai|je (?:les |l'|lui |leur )?ai|i|we|on (?:les |l'|lui )?a|nous (?:les |l'|lui )?avons) "
             r"(?:(?:encore|deja|tout|then|finally|just|already|aussi|also|all|everything) ){0,2}"
             r"(?:paye|envoye|verse|vire|transfere|regle|paid|sent|transferred|wired|deposited)(?:e?s)?"
             r"|(?:il a|elle a|ils ont|elles ont|he|she|they|my (?:mum|mom|mother|dad|father|parents|wife|husband)|"
             r"(?:ma|mon) (?:mere|pere|femme|mari|fils|fille)(?: a)?|(?:l'un|l'une) d'(?:eux|elles|entre eux)(?: a)?|"
             r"one of them|(?:the )?(?:student|pupil|victim|boy|girl|kid|child)|"
             r"(?:le|la) (?:victime|jeune|eleve|garcon)(?: a)?|(?:son|sa|his|her|their|leur) [a-z]{3,12}(?: a)?) "
             r"(?:(?:deja|tout|then|finally|already|aussi|also) ){0,2}"
             r"(?:paye|verse|vire|transfere|regle|paid|transferred|wired|deposited))")
# What was paid, named: "I sent the money the next day", "J'ai envoyé cette somme", "She transferred it".
_MET_WHAT = (r" (?:exactly |all of |the whole |the full |tout |toute )?(?:it|them|that|the money|the sum|the amount|"
             r"that amount|this amount|that sum|l'argent|la somme|cette somme|le montant|ce montant|ca)(?![\w])"
             r"(?!\s{0,2}(?:[$€£₦₹]|\d|more|de plus))")
# A demand that the reporter then met: "…d'envoyer 400 € à X, ce que j'ai fait", "demanded $100, which
# he paid", "le premier envoi de 100 000 F que j'ai fait"; or the next sentence: "Je l'ai fait le 3 mai."
_GAP = r"(?:[^.!?\n]|[.!?](?=[^\s.!?]))"  # a dot inside an address ("kelly.mrn@x.com") ends no sentence
_MET_AFTER = re.compile(
    _GAP + r"{0,120}?(?<![\w])(?:ce que (?:j'?ai|j ai|on a|il a|elle a|nous avons) fait|which i did|and i did)"
    # "…demandé 75 000 FCFA de frais de dossier, que j'ai payés par Wave"
    r"|(?:[^.!?\n\d,]{0,40},\s{0,2}|[\s,]{0,3})(?:\([^()\n]{0,20}\)\s{0,2})?"
    r"(?:(?:que|qu')\s?(?:j'?ai|j ai|on a|il a|elle a|nous avons|je lui ai)\s"
    r"(?:deja\s)?(?:paye|envoye|fait|verse|vire|transfere|regle)e?s?|(?:which|that) (?:i|he|she|we|they) "
    r"(?:already )?(?:paid|sent|did|transferred|wired))(?![\w])"
    # "…15 000 FCFA par Orange Money au 76 425 98 74, j'ai payé", "…$500, and I sent it", "…, il a payé, et"
    r"|" + _GAP + r"{0,120}?(?:(?:[,;(]|\s-)\s{0,2}(?:et |and |so |alors |donc |puis |then )?"
    r"|\s(?:et|and|so|alors|donc|puis|then)\s)" + _MET_MINE
    + r"(?:(?: it| them)?" + _MET_END + "|" + _MET_WHAT + ")"
)
# One sentence between the demand and its payment, with no figure and no "no": how to pay ("Elle
# m'a demandé de faire Western Union à Abidjan. J'ai payé hier").
_MET_BETWEEN = (r"(?:(?![^.!?\n]{0,140}?(?<![\w])(?:pas|not|never|jamais|refuse\w*|can'?t|couldn'?t|didn'?t|won'?t|"
                r"n'ai|n'a)(?![\w]))[^.!?\n\d]{1,140}[.!?]\s{1,3})?")
_MET_NEXT = re.compile(
    r"\s{0,3}" + _MET_BETWEEN + r"(?:(?:je l'ai fait|je l'ai envoye|je l'ai paye|je les ai (?:envoyes|payes)|"
    r"(?:il|elle|on) (?:l'|les )a (?:paye|verse|vire|transfere)e?s?|c'est ce que j'ai fait|"
    r"ce que j'ai fait|i did(?: it| so| that)?|which i did|and i did)(?![\w])"
    r"|" + _MET_MINE + r"(?:" + _MET_END + "|" + _MET_WHAT + "))"
    r"(?!\s{0,2}(?:not|n't|pas|never|jamais)(?![\w]))"
    # paid in instalments, listed after: the instalments are what was paid, each read on its own
    r"(?![^.!?\n]{0,20}(?:en (?:deux|trois|quatre|plusieurs|\d) (?:fois|tranches|versements)|"
    r"in (?:two|three|four|several|\d) (?:instalments|installments|parts|payments|goes|times)))"
)


def _currency(word: str, country: str | None) -> str | None:
    code = _CURRENCY_WORDS.get(re.sub(r"\s+", " ", word))
    if code is None:
        code = _CURRENCY_WORDS.get(word.replace(" ", ""))
    country = (country or "").upper()
    match code:
        case None:
            return None
        case "$":
            return DOLLAR_BY_COUNTRY.get(country, "USD")
        case "CFA":
            return "XAF" if country in _XAF else "XOF"
        case "FRANC":
            return "CHF" if country == "CH" else _OTHER_FRANCS.get(country, "XAF" if country in _XAF else "XOF")
        case "FRANC_F":  # "100.000f": West and Central African usage only
            return "XAF" if country in _XAF else ("XOF" if country in _CFA_WEST else None)
        case "DH":
            return "AED" if country == "AE" else "MAD"
        case "PESO":
            return _PESO.get(country, "PHP")
        case "SHILLING":
            return _SHILLING.get(country, "KES")
        case "DINAR":
            return _DINAR.get(country)
        case "DZD_DA":
            return "DZD" if country == "DZ" else None
        case "TND_DT":
            return "TND" if country == "TN" else None
        case "ZAR_R":  # "R5,000" in South Africa only
            return "ZAR" if country == "ZA" else None
        case "NGN_N":  # "N80,000" in Nigeria only
            return "NGN" if country == "NG" else None
        case "PHP_P":  # "P15,000" in the Philippines only
            return "PHP" if country == "PH" else None
        case "MGA_AR":  # "50 000 Ar" in Madagascar only
            return "MGA" if country == "MG" else None
        case "EUR_E":
            return "EUR"
        case "RUPEE" | "RIYAL" | "KWACHA":
            local = _local_currency(country)
            return local if local in _SHARED_NAMES[code] else _SHARED_NAMES[code][0]
        case "KWD_KD" | "KWACHA_K" | "MUR_MUR":
            where, iso = _ONLY_IN[code]
            return iso if country == where else None
        case "LOCAL":
            return _LOCAL.get(country, DOLLAR_BY_COUNTRY.get(country, "EUR"))
        case _:
            return code


def _amount(match: re.Match[str]) -> Decimal | None:
    number = match.group("num")
    sep = match.group("sep") or match.group("isep")  # "isep": Indian grouping, "1,20,000"
    if sep:
        number = number.replace(sep, "")
    try:
        value = Decimal(number)
        if match.group("dec"):
            value += Decimal(match.group("dec")) / (10 ** len(match.group("dec")))
    except InvalidOperation:
        return None
    mult = match.group("mult")
    if mult in ("k", "mille"):
        value *= 1000
    elif mult and mult.startswith(("lakh", "lac")):  # Indian numbering: a lakh is 100,000, a crore 10 M
        value *= 100_000
    elif mult and mult.startswith("crore"):
        value *= 10_000_000
    elif (mult and mult.startswith("million")) or mult == "m":
        value *= 1_000_000
    if value <= 0 or value > Decimal("1000000000000"):
        return None
    return Decimal(int(value)) if value == value.to_integral_value() else value


def _sentence(folded: str, start: int, end: int) -> tuple[int, int]:
    low = max(0, start - _SENTENCE_LIMIT)
    s = low
    for m in SENTENCE_END.finditer(folded, low, start):
        s = m.end()
    m = SENTENCE_END.search(folded, end, min(len(folded), end + _SENTENCE_LIMIT))
    return s, (m.start() if m else min(len(folded), end + _SENTENCE_LIMIT))


# A payment verb or a list of payments right before the amount, whoever paid: "My nephew sent the
# ₱3,000", "M. D. a déjà acheté des recharges de 250 €" (within the clause), "Deposits: $4,000 on April 2".
_PAID_RIGHT_BEFORE = re.compile(
    r"(?<![\w])(?:(?:sent|paid|wired|transferred|deposited|envoye|paye|verse|vire|transfere)\s{1,2}"
    r"(?:(?:the|les|la|le|them|him|her|lui|leur|only|just|another|encore|aussi)\s{1,2}){0,2}"
    r"|(?:a|ont|avait|avaient)\s{1,2}(?:(?:deja|aussi|encore|finalement|meme)\s{1,2})?(?:paye|envoye|verse|vire|"
    r"transfere|achete|depose|donne)\s[^.!?\n,;]{0,50}?(?<![\w])(?:de|d')\s{0,2}"
    r"|(?:deposits?|depots?|versements?|payments?|paiements?|virements?|transfers?|envois?)"
    r"(?:\s{1,2}(?:effectue|fait|realise|envoye|made|sent|done)e?s?)?\s{0,2}:\s{0,2})$")


# A pseudo-role within this module: demanded, and that demand was met. ``find`` gives such an
# amount twice, once demanded and once paid.
_MET: Literal["met"] = "met"


def _role(folded: str, start: int, end: int) -> Role | Literal["met"]:
    s, e = _sentence(folded, start, end)
    sentence_end = e
    cues: list[tuple[int, Role]] = []  # (distance, role); negative distance = before the amount
    paid_spans: list[tuple[int, int]] = []
    # Only cues ending within 80 characters before the amount or starting within 50 after it count:
    # the rest of a long sentence need not be read.
    s, e = max(s, start - 140), min(e, end + 110)
    near = folded[s:e]
    paid_matches = list(_PAID.finditer(folded, s, e))
    if _PAID_GATE_RE.search(near):
        paid_matches += _PAID_EXTRA.finditer(folded, s, e)
    if any(w in near for w in _THEIRS_GATE):
        paid_matches += _PAID_THEIRS.finditer(folded, s, e)
    demanded_matches = list(_DEMANDED.finditer(folded, s, e))
    if _DEMANDED_GATE_RE.search(near):
        demanded_matches += _DEMANDED_EXTRA.finditer(folded, s, e)
    for m in paid_matches:
        paid_spans.append(m.span())
        if m.end() <= start and (not _cue_reaches(folded, m.end(), start) or _meets_earlier(folded, s, m)):
            continue
        low = max(s, m.start() - 25)  # searched in place: a slice's edge would make a word start
        if any(p.search(folded, low, m.start()) for p in (_CONDITIONAL, _TO_BE, _WANTED_THAT)):
            # "si je ne verse pas", "to be paid", "il veut que je paie": a demand
            cues.append((m.end() - start if m.end() <= start else m.start() - end, "demanded"))
            continue
        if _NEGATED_PAID.search(folded, low, m.start()) or re.match(
                r"\s{0,2}(?:rien|pas|nothing|anything)\b", folded[m.end():m.end() + 12]):
            continue
        cues.append((m.end() - start if m.end() <= start else m.start() - end, "paid"))
    for m in demanded_matches:
        if any(a <= m.start() < b for a, b in paid_spans):
            continue
        cues.append((m.end() - start if m.end() <= start else m.start() - end, "demanded"))
    right_before = _PAID_RIGHT_BEFORE.search(folded, max(s, start - 80), start)
    if right_before and not any(p.search(folded, max(s, right_before.start() - 25), right_before.start())
                                for p in (_CONDITIONAL, _NEGATED_PAID, _WANTED_THAT)):
        cues.append((0, "paid"))  # not "unless I paid £600", "I never paid the €600'
    before = [c for c in cues if c[0] <= 0 and -c[0] <= 80]
    if not before and _GONE_AFTER.match(folded, end, sentence_end):
        return "paid"  # "the 20k is already gone"
    if before:
        role = max(before)[1]
    else:
        after = [c for c in cues if c[0] > 0 and c[0] <= 50]
        role = min(after)[1] if after else "unknown"
    if role != "paid" and _paid_by_reporter(folded, start):
        return "paid"  # the reporter's own line, whatever lines before say: "Me: sent 100", "Me: heres the $25"
    if role != "paid" and _met(folded, end):
        # a demand then met is both (the money demanded includes demands that were paid); an
        # amount only said paid ("…au 76 425 98 74, j'ai payé") is paid only
        return _MET if role == "demanded" else "paid"
    if role == "unknown" and any(start - m.end() <= 40 or m.start() - end <= 25 for m in _FEE.finditer(
            folded, max(s, start - 60), min(e, end + 40))):
        return "demanded"
    if role == "unknown" and _said_by_other(folded, start):
        return "demanded"  # a pasted chat: "[22:41] Inconnu: 400€ en transcash et je supprime tout"
    if role == "unknown" and (_DEMANDED_AFTER.match(folded, end, sentence_end)
                              or _THREAT.search(folded, end, sentence_end)):
        return "demanded"
    return role


# Another clause, with its own subject, after another amount: in "I sent $500 and she came back for
# $1,500 more" the payment is the $500's, not the $1,500's.
_NEW_SUBJECT = re.compile(r"(?:[,;]|(?<![\w])(?:and|et|but|mais|then|puis))\s{1,2}"
                          r"(?:(?:then|ensuite|now|maintenant)\s{1,2})?(?:she|he|they|il|elle|ils|elles)\s")


def _meets_earlier(folded: str, low: int, cue: re.Match[str]) -> bool:
    """Whether a paid cue is the met clause of an amount before it ("250 € que j'ai payés, puis 400 €
    de plus"): it speaks of that amount, not of the next."""
    ends = [m.end() for m in _AMOUNT.finditer(folded, max(low, cue.start() - 130), cue.start())
            if _CUR_AFTER.match(folded, m.end()) or _CUR_BEFORE.search(folded, max(0, m.start() - 8), m.start())]
    if not ends:
        return False
    after = _CUR_AFTER.match(folded, ends[-1])
    met = _MET_AFTER.match(folded, after.end() if after else ends[-1], cue.end() + 40)
    return met is not None and met.end() >= cue.end()


def _cue_reaches(folded: str, cue_end: int, start: int) -> bool:
    """Whether a cue ending at ``cue_end`` still speaks of the amount at ``start``."""
    clause = _NEW_SUBJECT.search(folded, cue_end, start)
    return clause is None or not _amount_between(folded, cue_end, clause.start())


# A chat line's speaker: "[22:41] Inconnu: …", "[1/15 12:20 AM] +1 (347) 812-5066: …"; without a
# time, the same speaker must open another line too ("Total: 3x 100€" is no chat).
_CHAT_SPEAKER = re.compile(r"[ \t]{0,4}(?P<time>\[[^\]\n]{0,30}\][ \t]{0,2})?(?P<who>[^:\n]{1,30}?)[ \t]{0,2}:[ \t]")
_NUMBER_SPEAKER = re.compile(r"\+?[\d\s().-]{6,25}")  # "+221 78 323 32 81": a chat export names a number
_REPORTER_SPEAKERS = frozenset({"moi", "me", "je", "i", "victim", "victime", "reporter"})


_REPORTER_PAID = re.compile(r"(?:(?:ok|okay|done|c'est|its|it's)[\s,.!]{1,3})?(?:just |deja |already )?"
                            r"(?:sent|paid|envoye|paye|verse|vire|transfere|transferred|here'?s|heres|here is|"
                            r"voila|voici)(?![\w])")


def _line_speaker(folded: str, start: int) -> re.Match[str] | None:
    """The speaker opening the chat line that ``start`` is on (a line of at most 300 characters)."""
    line_start = folded.rfind("\n", max(0, start - 300), start) + 1
    if line_start == 0 and start > 300:
        return None
    return _CHAT_SPEAKER.match(folded, line_start, start)


def _paid_by_reporter(folded: str, start: int) -> bool:
    speaker = _line_speaker(folded, start)
    # the line's first amount only: in "Me: sent 100, why 300 more?" the 300 is not paid
    return (speaker is not None and speaker.group("who").strip() in _REPORTER_SPEAKERS
            and _REPORTER_PAID.match(folded, speaker.end(), start) is not None
            and not _amount_between(folded, speaker.end(), start))


def _said_by_other(folded: str, start: int) -> bool:
    speaker = _line_speaker(folded, start)
    if speaker is None:
        return False
    who = speaker.group("who").strip()
    if who in _REPORTER_SPEAKERS or (len(who.split()) > 4 and not _NUMBER_SPEAKER.fullmatch(who)) or who.startswith(
            ("http", "www")):
        return False
    if speaker.group("time"):
        return True
    low, high = max(0, start - 3000), min(len(folded), start + 3000)
    opens = folded.count("\n" + who + ":", low, high) + folded.count("\n" + who + " :", low, high)
    return opens + (low == 0 and folded.startswith((who + ":", who + " :"))) >= 2  # the first line opens too


_MET_GATE = ("fait", "que", "qu'", "which", "that", "and i", "paye", "paid", "envoye", "sent", "verse", "vire",
             "transfer", "wired", "deposited", "regle")
_MET_NEXT_GATE = ("l'ai", "les ai", "l'a ", "les a ", "ce que", "i did", "which i", "and i", "paye", "paid", "sent",
                  "envoye", "verse", "vire", "transfer", "wired", "deposited", "regle")
_MET_NEXT_REACH = 190  # the next sentence, or the one after a sentence on how to pay


def _met(folded: str, end: int) -> bool:
    """Whether the demand of an amount ending at ``end`` was met, said right after it (and before
    any other amount)."""
    sentence_end = SENTENCE_END.search(folded, end, min(len(folded), end + _SENTENCE_LIMIT))
    stop = sentence_end.start() if sentence_end else min(len(folded), end + _SENTENCE_LIMIT)
    rest = folded[end:min(stop, end + 130)]
    if any(w in rest for w in _MET_GATE):
        met = _MET_AFTER.match(folded, end, stop)
        if met is not None:
            return not _amount_between(folded, end, met.end())
    if sentence_end is None:
        return False
    following = folded[sentence_end.end():sentence_end.end() + _MET_NEXT_REACH]
    return any(w in following for w in _MET_NEXT_GATE) and not _amount_between(folded, end, stop) and bool(
        _MET_NEXT.match(following))


def _amount_between(folded: str, start: int, end: int) -> bool:
    return any(_CUR_AFTER.match(folded, m.end()) or _CUR_BEFORE.search(folded, max(0, m.start() - 8), m.start())
               for m in _AMOUNT.finditer(folded, start, end))


# The price of goods is not money of the case: "hôtel à 89€ la nuit", "a $59.99 game", "5€ le kilo".
_PER_UNIT = re.compile(
    r"\s{0,2}(?:la|le|par|per|a|an|the|each|chacun|chacune|l'|pour la|pour une?)\s{1,2}"
    r"(?:nuit|night|nuitee|mois|month|semaine|week|kilo|kg|litre|liter|heure|hour|personne|person|jour|day|"
    r"piece|unit|unite|place|seat|ticket|billet|entree|bouteille|bottle|paquet|pack|menu|repas|meal|task|tache|"
    r"like|click|clic)s?(?![\w])"
    r"(?!\s{1,2}(?:derniere?|passee?|prochaine?|precedente?|d'avant|d'apres|ago|before|after))"  # "la semaine dernière"
)
# "un iPhone à 1 100 €", "a PS5 at $500": the price of a thing bought, not money of the case.
_PRICED_THING = re.compile(
    r"(?<![\w])(?:un|une|a|an|des|mon|ma|my|son|sa|his|her|ses|mes|nouvel|nouveau|nouvelle|new)\s{1,2}"
    r"(?P<what>[\w\-]{2,20}(?:\s{1,2}[\w\-]{2,20})?)\s{1,2}(?P<at>a|at)\s{1,2}$"
)
_NOT_A_THING = re.compile(
    r"(?<![\w])(?:cartes?|cards?|coupons?|recharges?|codes?|tickets?|vouchers?|gift|steam|pcs|transcash|neosurf|"
    r"paysafe\w*|google|apple|itunes|amazon|bitcoins?|btc|crypto|virements?|transferts?|transfers?|mandats?|western|"
    r"moneygram|ria|paypal|amendes?|fines?|fees?|frais|videos?|photos?|pics?|nudes?|somme|sum|montant|amount|"
    r"total|rancon|ransom|paiements?|payments?|versements?|envois?|depots?)(?![\w])"
)
_ARTICLE_BEFORE = re.compile(r"(?<![\w])(?:a|an|un|une|mon|ma|my|this|ce|cette)\s{1,2}$")
_GOODS_AFTER = re.compile(r"\s{1,2}(?!(?:gift|carte|card|cadeau|coupon|voucher|code|recharge|transfer|transfert|"
                          r"virement|payment|paiement|fee|fine|amende|ransom|rancon|bitcoin|btc|deposit|depot|"
                          r"western|moneygram|steam|google|itunes|apple|amazon|paysafe|neosurf|pcs|transcash|"
                          r"de |d'|of |en |in |to |a |pour |for |et |and |or |ou |now|maintenant)\b)"
                          r"(?!ones?\b)[a-z]{3,15}(?![\w$€£])"
                          r"(?!\s{1,2}(?:[a-z]{2,15}\s{1,2})?(?:gift|cards?|cartes?|vouchers?|codes?|coupons?)\b)")


def _goods_price(folded: str, start: int, end: int, text: str) -> bool:
    if _PER_UNIT.match(folded, end):
        return True
    thing = _PRICED_THING.search(folded, max(0, start - 50), start)
    # French "à" (as written: English "a" is an article) or English "at"
    if thing is not None and (thing.group("at") == "at" or text[thing.start("at")] == "à") and not (
            _NOT_A_THING.search(thing.group("what"))):
        return True
    return bool(_ARTICLE_BEFORE.search(folded, max(0, start - 8), start) and _GOODS_AFTER.match(folded, end)
                and not _FEE.search(folded, end, min(len(folded), end + 30)))


# Money the scammer promises or lends is not what was demanded or paid: "my profit of ₦1.2m", "the
# dashboard showed $48,900 in profit", "she won J$2.5 million", "promised to turn it into $1,000",
# "I borrowed R1,500", "a ₹3,000 loan", "only ₹1,950 came in" (loan apps, fake investments, lotteries).
_PROMISED_BEFORE = re.compile(
    r"(?<![\w])(?:profits?|earnings?|gains|winnings?|benefices?|interets|returns|won|gagne|promised|promis|promising|"
    r"promettant|turn (?:it|them|this|that) into|transformer? en|borrowed|emprunte|loan of|pret de|only got|"
    r"only received|n'ai recu que|credited with|"
    # the money a fee is to free: "a $250 fee to release the $1,000", "pour débloquer les 500 000"
    r"(?:release|unlock|withdraw|debloquer|liberer|recuperer)\s{1,2}(?:the|my|your|mes|les|mon|ma|tes|vos|votre))"
    # the word in quotes, as victims put the promised money: 'my "earnings" of R6,400'
    r"[\"'»”]{0,2}(?:\s{1,2}(?:of|de|d'|me|him|her|lui|moi|you|vous|nearly|almost|about|around|environ|presque|up to|"
    r"jusqu'a|the|a|an|un|une|les|la|le))?[\s\"'«“:]{0,4}$")
_PROMISED_AFTER = re.compile(
    r"[\s\"'»”]{0,3}(?:(?:in|of|de|d'|en)\s{1,2}[\"'«“]{0,2}\s{0,2})?(?:profits?|earnings?|gains|winnings?|"
    r"benefices?|interets|returns|loan|pret|came in|came into|arrived in|credited)(?![\w])")


# Every match of the two above holds one of these: one search of the amount's surroundings for them
# first, the two regexes only where one is there.
_PROMISED_GATE = re.compile(trie_pattern((
    "profit", "earning", "gain", "winning", "benefice", "interet", "return", "won", "gagne", "promi", "turn ",
    "transform", "borrow", "emprunt", "loan", "pret", "only ", "n'ai recu", "credited", "came in", "arrived in",
    "release", "unlock", "withdraw", "debloq", "liberer", "recuperer")))


def _promised(folded: str, start: int, end: int) -> bool:
    if not _PROMISED_GATE.search(folded, max(0, start - 40), min(len(folded), end + 30)):
        return False
    return bool(_PROMISED_BEFORE.search(folded, max(0, start - 40), start)
                or _PROMISED_AFTER.match(folded, end, min(len(folded), end + 30)))


# All the victim has, said against a demand: "j'ai que 40 euros", "je n'ai que 50 €", "I only have $25"
# ("I have $200 in my account" alone says nothing of the kind: an amount of unknown role).
_MEANS = re.compile(r"(?<![\w])(?:(?:j'?|j\s)ai\s{1,2}(?:que|seulement|juste|plus que)|je n'ai (?:que|plus que)|"
                    r"i (?:only|just) (?:have|had|got)|i (?:have|had|got) only|i've only got|i'm only left with)"
                    r"\s{1,2}$")


MAX_AMOUNTS = 2000  # per text: bounds the work on a pathological input; no report names more


# Amounts in words: "cinq cents euros", "deux mille dollars", "five hundred pounds", "vingt balles".
# Found from the currency word (alphabetic ones only: "€" follows digits); the number words before it
# are read by text2num, in French and then in English.
_NUMBER_WORDS = (
    "un", "une", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze", "douze", "treize",
    "quatorze", "quinze", "seize", "vingt", "vingts", "trente", "quarante", "cinquante", "soixante", "cent", "cents",
    "mille", "et", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty", "forty",
    "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "thousand", "and", "a")
_ALPHA_WORDS = [w for w in _CURRENCY_WORDS if w.isalpha() and len(w) > 3]
_ALPHA_CURRENCY = re.compile(r"(?P<cur>" + trie_pattern(_ALPHA_WORDS) + r")(?![a-z])")
# The words' shortest forms ("euro" for "euros"). Without the cue pass's windows (``find`` called
# on its own), each is looked for with str.find, which runs in C at memory speed, where a regex over
# 40 words tries every position of the text.
_ALPHA_ROOTS = tuple(w for w in _ALPHA_WORDS if not any(o != w and w.startswith(o) for o in _ALPHA_WORDS))
# ``extract.cues``: an amount in words ends on a currency word that starts a word (``_in_words``).
_GONE_WORDS = ("gone", "spent", "lost", "wasted", "parti", "perdu")  # every match of ``_BARE_GONE`` holds one
CUE_WORDS = {"currency_word": _ALPHA_ROOTS, "gone": _GONE_WORDS}


def _alpha_currencies(folded: str, windows: list[tuple[int, int]] | None) -> Iterator[re.Match[str]]:
    if windows is not None:  # the words are known to start only there
        yield from finditer_in(_ALPHA_CURRENCY, folded, windows)
        return
    starts: set[int] = set()
    for root in _ALPHA_ROOTS:
        i = folded.find(root)
        while i >= 0:
            starts.add(i)
            i = folded.find(root, i + 1)
    for i in sorted(starts):
        match = _ALPHA_CURRENCY.match(folded, i)
        if match is not None:
            yield match


_WORDS_BEFORE = re.compile(r"(?<![\w'-])(?:(?:" + trie_pattern(_NUMBER_WORDS) + r")[\s-]{1,2}){1,8}$")
_FILLERS = frozenset({"et", "and", "a", "une"})


def _words_value(words: str) -> int | None:
    """"cinq cents" → 500, "a thousand" → 1000 (text2num, in French then in English)."""
    from text_to_num import text2num

    parts = words.replace("-", " ").split()
    while parts and parts[0] in _FILLERS - {"une"}:  # "a thousand": text2num reads "one thousand"
        parts = ["one", *parts[1:]] if parts[0] == "a" and len(parts) > 1 else parts[1:]
    if not parts or all(w in _FILLERS for w in parts):
        return None
    for language in ("fr", "en"):
        try:
            return text2num(" ".join(parts), language)
        except ValueError:
            continue
    return None


def _in_words(folded: str, region: str | None, windows: list[tuple[int, int]] | None = None
              ) -> Iterator[tuple[Decimal, str, int, int]]:
    """(amount, currency, start, end) of each amount written in words before a currency word."""
    for cur in _alpha_currencies(folded, windows):
        lead = folded[max(0, cur.start() - 4):cur.start()]
        if not lead.endswith((" ", "-")) or not lead.rstrip(" -")[-1:].isalpha():
            continue  # inside a word, or after digits ("500 euros"): no number in words
        words = _WORDS_BEFORE.search(folded, max(0, cur.start() - 80), cur.start())
        if words is None or folded[max(0, words.start() - 3):words.start()].strip()[-1:].isdigit():
            continue  # "5 mille euros": digits, read as any amount
        value = _words_value(words.group())
        if value is None:
            continue
        currency = _currency(cur.group("cur"), region)
        if currency is not None and value >= 10:
            yield Decimal(value), currency, words.start(), cur.end()


# An amount without its currency, right after a demand, takes the currency of the amount named
# before it: "il en veut 1500", "elle en redemande 800 sinon…", "now he wants 600 more".
_BARE_VERBS = trie_pattern((
    *(f"en {p}{v}" for p in ("", "re") for v in ("veut", "veux", "veulent", "voulait", "demande", "exige", "reclame")),
    "redemande", "wants", "want", "wanted", "asks for", "ask for", "asking for", "asked for", "demands", "demand",
    "demanded", "demanding", "exige", "reclame", "veut", "voulait", "demande", "ask", "asks", "asking", "asked",
    # the demand raised or restated: "then he increased to 80,000", "now its 10k", "Maintenant c'est 150 000"
    "increased to", "increased it to", "raised to", "raised it to", "went up to", "now it's", "now its", "now it is",
    "c'est maintenant", "maintenant c'est", "augmente a", "passe a", "monte a", "il reste", "reste", "the rest is",
    "balance", "the balance",
    # a price agreed: "elle a accepté 400 000", "he agreed to 5k", "settled for 20,000"
    "accepte", "accepted", "agreed to", "agreed on", "settled for", "settled on",
    # a demand said: "then said 1 lakh or she will send it", "il m'a dit 300 000 sinon"
    "said", "says", "dit"))
# A list going on after an amount: "Je paie 50 000 FCFA le 3 mai, puis 30 000 le 5 mai", "then 2,500 and
# again 2,500" (the role is then read as for any amount: from the cue before the list).
_BARE_LIST = trie_pattern(("puis", "then", "and then", "puis encore", "and again", "again", "et encore", "encore",
                           "another", "et", "and",
                           # a demand restated: "il demande 300 000 au lieu de 200 000", "50k instead of 30k"
                           "au lieu de", "au lieu des", "instead of", "rather than", "plutot que"))
# A paid amount likewise: "I sent 10,000 yesterday", "je lui ai déjà donné 100 000 en espèces", "I paid 15k".
_BARE_PAID_VERBS = trie_pattern((
    "paid", "sent", "send", "pay", "payer", "envoye", "envoyer", "envoie", "paye", "payes", "paie", "verse", "donne",
    "vire", "transfere", "transferred", "gave", "deposited", "wired", "don pay", "don send", "sen",
    # a payment named by its means: "j'ai fait flooz de 30 000", "un dépôt de 50 000", "a GCash transfer of 2,000"
    "flooz", "wave", "momo", "depot", "transfert", "virement", "envoi", "versement", "paiement", "transfer", "deposit",
    "payment",
    # instalments listed: "je les ai envoyés en deux fois (200 000 le lundi, …)", "in two instalments (5,000 …"
    *(f"{a} {n} {w}" for a, ws in (("en", ("fois", "tranches", "versements")),
                                    ("in", ("instalments", "installments", "parts", "payments", "goes")))
      for n in ("deux", "trois", "quatre", "plusieurs", "two", "three", "four", "several", "2", "3", "4") for w in ws)))
# A bare amount, and what may follow it: "…100 000.", "…600 more", "…10k now", "…20 000 par Orange Money".
# "mil": a thousand in West African French ("100 mil", "200mil"), as in Spanish and Portuguese
_BARE_CORE = (r"(?P<num>\d{1,3}(?:[ .,]\d{3})+|\d{2,7}|\d{1,3}(?:[.,]\d{1,2})?\s?(?:k|mil|lakhs?|lacs?))"
              r"(?![\w]|[.,]\d)")
# Or in words, the currency left out as with digits: "je lui ai donné vingt mille par Wave", "six cents maintenant".
_BARE_WORDS = (r"(?P<words>(?:(?:" + trie_pattern(_NUMBER_WORDS) + r")[\s-]{1,2}){0,6}"
               r"(?:mille|cents?|hundred|thousand|millions?))(?![\w'-])")
_BARE_NUMBER = (
    r"(?:" + _BARE_CORE + r"|" + _BARE_WORDS + r")" +
    r"(?=\s{0,2}(?:[.!?,;:)]|$|\n|(?:more|de plus|encore|et|and|sinon|or|else|otherwise|ou|now|maintenant|pour|to|by|"
    r"avant|before|d'ici|within|dans|par|via|through|thru|on|sur|en|yesterday|hier|already|deja|last|today|"
    r"aujourd'hui|cash|thats|that's|in|a|au|with|avec|le|the|tomorrow|tmrw|tmr|demain|next|la|ce|this|tonight|first|"
    r"d'abord|again|from|balance|il|elle|ils|he|she|they|for|"
    r"lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|monday|tuesday|wednesday|thursday|friday|saturday|"
    r"sunday)(?![\w])))"
)
_BARE_DEMAND = re.compile(
    r"(?<![\w])(?:" + _BARE_VERBS + r"|" + _BARE_PAID_VERBS + r"|(?P<list>" + _BARE_LIST + r"))\w{0,3}"
    r"(?:\s{1,2}|\s?[(:]\s?)(?:(?:encore|maintenant|now|another|still|aussi|also|me|moi|him|her|them|lui|leur|only|seulement|juste|"
    r"just|desormais|deja|already|de|d'|back|the|les|like|about|around|environ|pas|of)\s{1,2}){0,3}" + _BARE_NUMBER +
    r"(?!\s{0,2}(?:more|de plus|encore|autres?|other)?\s{0,2}(?:photos?|videos?|vids?|pics?|pictures?|nudes?|images?|"
    r"clips?|selfies?)(?![\w]))"
)
# Money told as gone: "the 20k is already gone", "les 50 000 sont déjà partis", "that $300 was wasted".
_GONE = (r"\s{1,2}(?:is|are|was|were|est|sont|a ete|ont ete)\s{1,2}(?:(?:already|deja|all|tout|just)\s{1,2})?"
         r"(?:gone|spent|lost|wasted|partie?s?|perdue?s?)(?![\w])")
_GONE_AFTER = re.compile(_GONE)
_BARE_GONE = re.compile(r"(?<![\w])(?:the|my|that|those|these|les|mes|ces|mon|ce)\s{1,2}" + _BARE_CORE
                        + "(?=" + _GONE + ")")
_GONE_REACH = 40  # characters before a word of ``_GONE_WORDS`` where "the 20k is already" fits


def _gone_windows(folded: str, windows: list[tuple[int, int]], cued: list[tuple[int, int]] | None
                  ) -> list[tuple[int, int]]:
    """Where ``_BARE_GONE`` can match, within ``windows``: around its words (the cue pass's windows,
    or found by str.find); "the" is too common a word to start a scan from."""
    if cued is not None:
        return intersect(cued, windows)
    spots: list[tuple[int, int]] = []
    for word in _GONE_WORDS:
        i = folded.find(word)
        while i >= 0:
            spots.append((max(0, i - _GONE_REACH), i + len(word) + 1))
            i = folded.find(word, i + 1)
    return intersect(_merged(spots), windows) if spots else []


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for low, high in sorted(spans):
        if out and low <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], high))
        else:
            out.append((low, high))
    return out
_LIST_GAP = re.compile(r"[,;]|(?<![\w])(?:puis|then|et|and|ensuite|plus|again|encore|aussi|also)(?![\w])")
# Ordinals and classes: "en 3e", "le 20e siècle" are not euros.
_NOT_EURO_E = re.compile(r"(?:siecle|etage|arrondissement|edition|anniversaire|rang|place|annee|position|jour)")


def find(text: str, context: Context) -> Iterator[Money]:
    folded = context.folded or text.lower()
    found: list[Money] = []
    for amount, currency, start, end in _in_words(folded, context.region, context.windows("currency_word")):
        found.append(Money(amount, currency, _role(folded, start, end), (start, end), context.source))
    count = 0
    for match in _AMOUNT.finditer(folded):
        if count >= MAX_AMOUNTS:
            break
        start, end = match.span()
        after = _CUR_AFTER.match(folded, end)
        if after is not None and after.group("cur") == "e" and after.start("cur") != end:
            after = None  # "$200 e-transfer"; only "500e", glued, is euros
        if after is None and context.region == "CH" and folded.startswith(".-", end):  # "300.-": Swiss francs
            end += 2
            word = "chf"
        elif after is not None:
            end = after.end()
            word = after.group("cur")
        else:
            before = _CUR_BEFORE.search(folded, max(0, start - 8), start)
            if before is None:
                continue
            start = before.start()
            word = before.group("cur")
        word = word.strip()
        currency = _currency(word, context.region)
        amount = _amount(match)
        if word == "f" and (amount is None or amount < 500):
            continue
        if currency is None or amount is None:
            continue
        if _goods_price(folded, start, end, text) or _promised(folded, start, end):
            continue
        role = _role(folded, start, end)
        if role not in ("paid", _MET) and _MEANS.search(folded, max(0, start - 30), start):
            continue  # "j'ai que 40 euros sur mon compte": what the victim has, neither asked nor paid
        if word == "e" and (after is None or after.start("cur") != match.end() or amount < 10 or role == "unknown"
                            or match.group("dec") or _NOT_EURO_E.match(folded, end + 1, end + 16)):
            continue  # "500e" only where money is asked or paid
        count += 1
        found.append(Money(amount, currency, role, (start, end), context.source))
    if _gate_bare(folded):
        found += _bare_demands(folded, context, found)
    found.sort(key=lambda m: m.span[0] if m.span else -1)
    for m in _listed_roles(folded, _without_totals(folded, found)):
        if m.role == _MET:
            yield replace(m, role="demanded")
            yield replace(m, role="paid")
        else:
            yield m


# "5,000 then 3,000, so 8,000 in total", "Total RM1,500 already": a sum of amounts already listed
# is not one more demand or payment.
_TOTAL_BEFORE = re.compile(r"(?<![\w])(?:total|totale|au total|in total|en tout|soit|so|altogether|ce qui fait|"
                           r"that's|thats|which makes|makes)\s{0,2}(?:of\s|de\s|d'|:)?\s{0,2}$")
_TOTAL_AFTER = re.compile(r"\s{0,3}(?:\w+\s{1,2})?(?:en tout|au total|in total|in all|altogether|total)(?![\w])")


_TOTAL_REACH = 400  # characters before a total where the amounts it sums are listed


def _without_totals(folded: str, found: list[Money]) -> list[Money]:
    """Drop an amount called a total that is the sum of the last two or more amounts before it in
    the same currency ("de 50 € chacun (100 € en tout)" is not such a sum: it is what was paid)."""
    out: list[Money] = []
    for m in found:
        if m.span and (_TOTAL_BEFORE.search(folded, max(0, m.span[0] - 20), m.span[0])
                       or _TOTAL_AFTER.match(folded, m.span[1], min(len(folded), m.span[1] + 30))):
            # the amounts listed just before (the same passage, at most ten): linear on a long text
            same = [o.amount for o in out[-10:] if o.currency == m.currency and o.span
                    and m.span[0] - o.span[1] <= _TOTAL_REACH]
            running, sums = Decimal(0), []
            for amount in reversed(same):
                running += amount
                sums.append(running)
            if m.amount in sums[1:] or _repeated_sum(folded, out, m):
                continue
        out.append(m)
    return out


# "I already paid ₦40k twice (₦80k total)": the amount before, paid that many times, is the total.
_TIMES = re.compile(r"(?<![\w])(?:(?P<two>twice|deux fois|2 fois|2x|x2)|(?P<three>thrice|three times|trois fois|3 fois|"
                    r"3x|x3))(?![\w])")


def _repeated_sum(folded: str, before: list[Money], total: Money) -> bool:
    last = next((o for o in reversed(before[-3:]) if o.currency == total.currency and o.span), None)
    if last is None or total.span is None or total.span[0] - last.span[1] > 60:
        return False
    times = _TIMES.search(folded, last.span[1], total.span[0])
    return times is not None and total.amount == last.amount * (2 if times.group("two") else 3)


def _gate_bare(folded: str) -> bool:
    return any(w in folded for w in _BARE_GATE)


_BARE_GATE = ("veu", "demand", "exig", "reclam", "want", "ask", "paid", "sent", "send", "pay", "envoy", "envoi", "paye",
              "paie", "verse", "donne", "vire", "transfer", "gave", "deposited", "wired", *_GONE_WORDS)


# Without any amount named in the text, a bare one of a thousand or more takes the reporter's
# country's currency (CLDR's, through Babel): "she wants 200k on Palmpay" from Nigeria is naira.
# Only short texts are read whole this way (a report, not a megabyte).
_WHOLE_TEXT_BARE = 20_000
_MORE_DIGITS = re.compile(r"[ \t]{0,2}\n[ \t]{0,2}\d")
_NEXT_REACH = 1500


@cache
def _local_currency(region: str | None) -> str | None:
    if not region:
        return None
    from babel.numbers import get_territory_currencies

    found = get_territory_currencies(region)  # [] for a territory CLDR does not know
    return found[0] if found else None


def _bare_demands(folded: str, context: Context, found: list[Money]) -> list[Money]:
    named = sorted((m for m in found if m.span), key=lambda m: m.span[1])
    ends = [m.span[1] for m in named]
    taken = SpanSet(m.span for m in named)
    out: list[Money] = []
    windows: list[tuple[int, int]] = []  # up to 250 characters after each amount named
    for m in named:
        low, high = m.span[1], min(len(folded), m.span[1] + 600)
        if windows and low <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(windows[-1][1], high))
        else:
            windows.append((low, high))
    whole = len(folded) <= _WHOLE_TEXT_BARE
    if whole:
        windows = [(0, len(folded))]
    local: str | None = None  # looked up once, when a bare amount first needs it
    gone = finditer_in(_BARE_GONE, folded, _gone_windows(folded, windows, context.windows("gone")))
    for match in chain(finditer_in(_BARE_DEMAND, folded, windows), gone):
        if len(out) >= MAX_AMOUNTS:
            break
        start, end, amount = _bare_value(match)
        i = bisect_right(ends, start) - 1  # the last amount named before this one
        if taken.overlaps(start, end) or (match.re is _BARE_GONE and any(m.span == (start, end) for m in out)):
            continue
        if match.re is _BARE_DEMAND and match.group("list") is not None and not _listed_after_amount(
                folded, match.start(), out[-1:] + named[max(0, i):i + 1]):
            continue
        if i >= 0 and start - ends[i] <= 600:
            currency = named[i].currency
        elif i < 0 and whole and named and named[0].span[0] - end <= _NEXT_REACH:
            currency = named[0].currency  # a chat's first demand, its currency said later in the report
        elif not named and whole and (local := local or _local_currency(context.region)) is not None:
            currency = local
        else:
            continue
        if amount is None or amount < 20 or (currency is local and not named and amount < 1000):
            continue  # "if I don't send 200": 200 of what, with no currency anywhere, is not said
        if _MORE_DIGITS.match(folded, end):
            continue  # "envoyer :\n512 907\n3384": the start of a longer number (an MTCN split over lines)
        role = _role(folded, start, end)
        if role == "unknown":
            continue
        out.append(Money(amount, currency, role, (start, end), context.source))
    if whole and named:
        for m in out:
            taken.add(*m.span)
        out += _chat_offers(folded, context, named, taken)
    return out


# A number the other side of a chat writes as its message, as a demand: "ok 500.", "350 tomorrow or
# its over", "Another 10k tomorrow", "100 more tmrw".
_CHAT_OFFER = re.compile(
    r"(?:(?:ok|okay|fine|good|alors|bon|d'accord|donc|juste|just|only|so|then|received|recu|another|encore|now|"
    r"maintenant|the other|l'autre|le reste)[\s,.!]{1,3}){0,3}" + _BARE_NUMBER)


def _chat_offers(folded: str, context: Context, named: list[Money], taken: SpanSet) -> list[Money]:
    out: list[Money] = []
    ends = [m.span[1] for m in named]
    for line in re.finditer(r"^[^\n]*:[ \t][^\n]*$", folded, re.MULTILINE):
        speaker = _CHAT_SPEAKER.match(folded, line.start(), line.end())
        offer = speaker and _CHAT_OFFER.match(folded, speaker.end(), line.end())
        if not offer:
            continue
        start, end, amount = _bare_value(offer)
        if amount is None or amount < 20 or taken.overlaps(start, end) or not _said_by_other(folded, start):
            continue
        i = bisect_right(ends, start) - 1
        currency = named[i].currency if i >= 0 else named[0].currency
        out.append(Money(amount, currency, "demanded", (start, end), context.source))
    return out


def _bare_value(match: re.Match[str]) -> tuple[int, int, Decimal | None]:
    """Where a bare amount is and its value, in digits ("num") or in words ("words")."""
    if match.re is not _BARE_GONE and match.group("words") is not None:
        value = _words_value(match.group("words"))
        return *match.span("words"), None if value is None else Decimal(value)
    return *match.span("num"), _amount_text(match.group("num"))


def _listed_after_amount(folded: str, cue: int, before: list[Money]) -> bool:
    """Whether one of ``before`` (the last amounts found before the list word at ``cue``) ends
    shortly before it, in the same sentence."""
    return any(m.span and 0 <= cue - m.span[1] <= 60 and not SENTENCE_END.search(folded, m.span[1], cue)
               for m in before)


def _amount_text(number: str) -> Decimal | None:
    unit = re.search(r"\s?(k|mil|lakhs?|lacs?)$", number)
    factor = 1 if unit is None else (1000 if unit.group(1) in ("k", "mil") else 100_000)
    number = number[:unit.start()] if unit else number
    digits = re.sub(r"[ .,]", "", number) if re.fullmatch(r"\d{1,3}(?:[ .,]\d{3})+", number) else number
    try:
        value = Decimal(digits.replace(",", "."))
    except InvalidOperation:
        return None
    if factor != 1:
        value *= factor
        value = Decimal(int(value)) if value == value.to_integral_value() else value
    return value if value > 0 else None


def _listed_roles(folded: str, found: list[Money]) -> list[Money]:
    """"300 euros le 2 avril puis 450 euros le 5 avril": an amount listed after another in the same
    sentence, with no cue of its own, has the same role."""
    out: list[Money] = []
    for m in found:
        if m.role == "unknown" and out and m.span and out[-1].span and out[-1].role != "unknown":
            prev_end, start = out[-1].span[1], m.span[0]
            gap = folded[prev_end:start]
            if 0 <= start - prev_end <= 150 and not SENTENCE_END.search(gap) and _LIST_GAP.search(gap):
                # a demand met is met by the words after it, not by the amount's listed after it
                m = replace(m, role="demanded" if out[-1].role == _MET else out[-1].role)
        out.append(m)
    return out

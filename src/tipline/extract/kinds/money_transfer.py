"""Money-transfer references (Western Union MTCN, MoneyGram, Ria…) and recipients' names."""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Iterator
from itertools import chain

from tipline.domain.identifier import Identifier
from tipline.extract.kinds import iban
from tipline.extract.model import Context, Mention, mention
from tipline.extract.patterns import SENTENCE_END, scan, trie_pattern

REFERENCE = "transfer_reference"
RECIPIENT = "transfer_recipient"

# Operators' published reference formats: a Western Union MTCN has 10 digits, a MoneyGram
# reference 8; Ria and WorldRemit use letters and digits, kept as written without separators.
# The prefix names the operator (two operators' references are not the same transfer); ``ref:``
# when the operator is not known.
_PREFIXES = {"western_union": "wu", "moneygram": "mg", "ria": "ria", "worldremit": "worldremit"}
_SEPARATORS = re.compile(r"[\s\-./]+")
_REFERENCE_RE = re.compile(r"[A-Z0-9]{6,20}")


def normalise_reference(value: str, method: str | None = None) -> Identifier | None:
    compact = _SEPARATORS.sub("", value.strip().upper())
    if not _REFERENCE_RE.fullmatch(compact):
        return None
    if method == "western_union" and not (compact.isdigit() and len(compact) == 10):
        return None
    if method == "moneygram" and not (compact.isdigit() and len(compact) == 8):
        return None
    prefix = _PREFIXES.get(method or "", "ref")
    return Identifier(REFERENCE, f"{prefix}:{compact}", compact)


def name_key(name: str) -> str:
    """Accents, case, punctuation and word order removed: "KOUASSI Serge Yao" = "Kouassi Yao Serge"."""
    decomposed = unicodedata.normalize("NFKD", name)
    letters = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    # "N'Guessan" is written "Nguessan" as often: an apostrophe inside a name joins, not splits.
    letters = re.sub(r"(?<=[a-z])['’`´](?=[a-z])", "", letters)
    words = re.findall(r"[a-z0-9]+", letters)
    return " ".join(sorted(words))


def normalise_recipient(value: str, country: str | None = None) -> Identifier | None:
    """The normalised name, with the destination country when known (the same name in two
    countries is not the same recipient)."""
    key = name_key(value)
    if len(key.replace(" ", "")) < 3:
        return None
    shown = " ".join(value.split())
    return Identifier(RECIPIENT, f"{country or '??'}:{key}", shown, country)


# --- finding references and recipients in free text -----------------------------------------
# A reference is only read after a cue word ("MTCN", "numéro de transfert", "reference", "code"…):
# ten digits alone are as likely a phone or an order. The operator decides the format: Western
# Union's MTCN has 10 digits, MoneyGram's reference 8; Ria and WorldRemit references (letters and
# digits) are kept whole as ``ria:``/``worldremit:``, as ``normalise_reference`` does for the form.
_OPERATORS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("western_union", re.compile(r"western[\s\-]?union|\bwu\b|\bmtcn\b|\bwestern\b")),
    ("moneygram", re.compile(r"money\s?gram|\bmg\b")),
    ("ria", re.compile(r"\bria\b")),
    ("worldremit", re.compile(r"world\s?remit")),
)
_REF_WORDS = (*(f"{n} {d}{w}" for n in ("n°", "no", "num", "numero", "code", "numero de code")
                for d in ("de ", "d'", "du ", "")
                for w in ("transfert", "transfer", "retrait", "suivi", "envoi", "commande", "reference", "mtcn")),
              "code secret", "code de retrait", "control number", "tracking number", "transfer number",
              "reference number", "ref number", "order number", "confirmation number", "reference", "ref", "pin",
              "code", "tracking")
_REF_CUE = re.compile(r"(?<![\w])(?:m\.?t\.?c\.?n|" + trie_pattern(_REF_WORDS) + r")(?!\w)")
_REF_VALUE = re.compile(
    # "le code MTCN qu'il m'a demandé de lui envoyer : 738 215 4096": a clause, then a colon
    r"[\s:#°=.\-]{0,6}(?:[^\n:.!?\d]{1,50}:[ \t]{0,3}\n?)?"
    r"(?:(?:est|is|was|etait|c'est|le|la|number|no|n°|nr|de|du|transfert|ria|wu|mtcn|"
    r"western union|moneygram|worldremit|:)\.?\s{0,3}[:#]?\s{0,3}){0,4}"
    # digits in groups ("5829 1047"), letters and digits ("wr7k2m9qx4"), or an operator's two letters
    # before digits in groups (a Ria order number "ES 361 265 461")
    r"(?P<ref>\d(?:[ \t\-.]{0,2}\n?[ \t]{0,2}\d){5,13}(?![\w])|[a-z]{0,4}\d[a-z0-9]{5,16}(?![\w])"
    r"|(?!(?:is|le|la|de|du|no|nr|to|at|on|un|et|ou|of)\s)[a-z]{2}[ \t]\d{2,4}(?:[ \t\-]\d{2,4}){1,4}(?![\w]))"
)
_MORE_REF = re.compile(
    r"\s{0,2}(?:,|;|/|&|et|and|puis|then)\s{0,3}"
    r"(?P<ref>\d(?:[ \t\-.]{0,2}\d){5,13}(?![\w])|[a-z]{0,4}\d[a-z0-9]{5,16}(?![\w]))"
)
_TRANSFER_CONTEXT = re.compile(
    r"transf[eé]r|mandat|envo[iy]|sent|send|wire|money|argent|western|moneygram|\bria\b|worldremit|remit|"
    r"\bwu\b|retrait|cash"
)
_STRONG_REF_CUES = ("mtcn", "m.t.c.n", "transfert", "transfer", "retrait", "control number", "tracking")
RANK_REFERENCE = 70
RANK_RECIPIENT = 40


def _operator(folded: str, start: int, end: int) -> str | None:
    """The operator named nearest the cue: before it, or after the reference in its own sentence
    ("transfer ref WR7K2M9QX4. Then another $150 via MoneyGram": WorldRemit's, not MoneyGram's)."""
    stop = SENTENCE_END.search(folded, end, min(len(folded), end + 120))
    window = folded[max(0, start - 200):stop.start() if stop else min(len(folded), end + 120)]
    best: tuple[int, str] | None = None
    middle = start - max(0, start - 200)
    for name, pattern in _OPERATORS:
        for m in pattern.finditer(window):
            distance = abs(m.start() - middle)
            if best is None or distance < best[0]:
                best = (distance, name)
    return best[1] if best else None


def find_references(text: str, context: Context) -> Iterator[Mention]:
    folded = context.folded or text.lower()
    taken: set[int] = set()
    for cue in scan(_REF_CUE, folded, context.windows("transfer_reference")):
        value = _REF_VALUE.match(folded, cue.end(), min(len(folded), cue.end() + 80))
        if value is None or value.start("ref") in taken:
            continue
        ref_start, ref_end = value.span("ref")
        compact = re.sub(r"[\s\-.]", "", folded[ref_start:ref_end]).upper()
        cue_text = cue.group()
        operator = _operator(folded, cue.start(), ref_end)
        strong = any(s in cue_text for s in _STRONG_REF_CUES)
        if operator is None and not strong and not _TRANSFER_CONTEXT.search(
                folded, max(0, cue.start() - 120), min(len(folded), ref_end + 60)):
            continue  # "code promo", "référence de la commande": not a money transfer
        if compact.isdigit() and len(compact) == 10 and operator in (None, "western_union") and (
                operator == "western_union" or strong):
            method = "western_union"
        elif compact.isdigit() and len(compact) == 8 and operator == "moneygram":
            method = "moneygram"
        elif operator in ("ria", "worldremit") or (operator is None and strong and len(compact) >= 8):
            method = operator
        else:
            continue
        identifier = normalise_reference(compact, method)
        if identifier is not None:
            taken.add(ref_start)
            yield mention(identifier, context, text, ref_start, ref_end, rank=RANK_REFERENCE)
            # A list after one cue: "réf. 90817263, 55512340 et 11223344".
            cursor = ref_end
            for _ in range(10):
                more = _MORE_REF.match(folded, cursor, min(len(folded), cursor + 40))
                if more is None:
                    break
                m_start, m_end = more.span("ref")
                m_compact = re.sub(r"[\s\-.]", "", folded[m_start:m_end]).upper()
                if len(m_compact) != len(compact) or m_compact.isdigit() != compact.isdigit():
                    break
                again = normalise_reference(m_compact, method)
                if again is None:
                    break
                taken.add(m_start)
                yield mention(again, context, text, m_start, m_end, rank=RANK_REFERENCE)
                cursor = m_end


# Recipient names: after an explicit cue ("au nom de", "receiver:", "destinataire :"), or "à/to"
# followed by a capitalised name in a sentence about sending money.
_RECIPIENT_STRONG = (
    "nom du beneficiaire", "nom du destinataire", "nom du receveur", "beneficiaire", "destinataire",
    "beneficiaire suivant", "destinataire suivant", "following recipient", "following receiver",
    "following beneficiary", "following name",
    "receiver's name", "receiver name", "receiver", "recipient's name", "recipient name", "recipient",
    "beneficiary", "receveur", "titulaire du compte", "titulaire", "nom du titulaire", "account name",
    "account holder", "account holder name", "name on the account", "name on account", "nom sur le compte")
_RECIPIENT_WEAK = (
    "au nom de", "a l'ordre de", "to the name of", "to the name", "in the name of", "under the name",
    "le nom c'est", "le nom est", "par un certain", "par une certaine", "par un dénommé", "par un denomme",
    "by a certain", "by someone called", "by a man called", "by a guy named", "retire par", "retires par",
    "retiree par", "withdrawn by", "collected by",
    "picked up by", "au nom d'", "a l'ordre d'", "le nom de", "le nom d'", "et le nom", "under the name of",
    "a une certaine", "a un certain", "a une denommee", "a un denomme", "to a certain", "to someone called",
    "to a man called", "to a woman called", "to a guy called",
    # "to the name he gave, Ronaldo B. Castillo", "au nom qu'il m'a donné : …"
    *(f"{to}the name {who} gave{me}" for to in ("to ", "") for who in ("he", "she", "they")
      for me in ("", " me", " us")),
    *(f"au nom qu'{who} {aux} donne" for who in ("il", "elle") for aux in ("m'a", "nous a", "a")))
# "Send by Western Union, name: John Okafor, country: Ghana": a bare "name:" needs an operator near.
_RECIPIENT_NAME = ("name", "full name", "nom", "nom complet", "nom et prenom", "prenom et nom", "first and last name")
_RECIPIENT_CUE = re.compile(
    r"(?<![\w])(?:(?P<strong>" + trie_pattern(_RECIPIENT_STRONG) + r")|(?P<weak>" + trie_pattern(_RECIPIENT_WEAK)
    + r")|(?P<name>" + trie_pattern(_RECIPIENT_NAME) + r")(?=\s{0,2}[:=]|\s{1,2}[\"“«'a-z]))"
    r"(?:(?<=')|(?!\w))\s{0,2}[:=\-,]?\s{0,2}(?:de |of |is )?(?:[\"“«‘]\s?)?"
)
# Every match of a cue holds one of these words (``extract.cues``: one pass finds them for all finders).
# A bank account, then its holder's name: "Access Bank 0692184475, Blessing Okafor, Lagos".
# (Banks and wallets written as one word, "GTBank", "OPay", hold no "bank" of their own.)
_ACCOUNT_WORDS = ("bank", "banque", "account", "acct", "a/c", "compte", "gtbank", "ecobank", "opay", "palmpay",
                  "moniepoint")
_ACCOUNT_THEN_NAME = re.compile(
    r"(?<![\w])(?:" + trie_pattern(_ACCOUNT_WORDS) + r")(?:\s{1,2}(?:no\.?|number|num|n°|#))?\s{0,2}[:#]?\s{0,2}"
    r"\d{6,20}(?![\w])\s{0,2}[,\-–/]\s{0,2}(?:(?:name|nom|holder|titulaire)\s{0,2}[:=]?\s{0,2})?")
# "à une dame à Cotonou, Roselène Pierre", "to a man in Accra, Kofi Mensah": the name after the town.
_TO_SOMEONE_IN = re.compile(
    r"\s(?:a|à|to)\s{1,2}(?:une?|a|an)\s{1,2}(?:dame|femme|monsieur|homme|fille|jeune homme|lady|woman|man|guy|"
    r"gentleman|person|personne)\s{1,2}(?:a|à|in|au|en|de|from)\s{1,2}[A-ZÀ-Ý][\w\-]{1,25}(?:\s[A-ZÀ-Ý][\w\-]{1,25})?"
    r",\s{1,2}(?=[A-ZÀ-Ý])")
CUE_WORDS = {
    "transfer_reference": (*_REF_WORDS, *(f"m{a}t{b}c{c}n" for a in ("", ".") for b in ("", ".") for c in ("", "."))),
    "transfer_recipient": (*_RECIPIENT_STRONG, *_RECIPIENT_WEAK, *_RECIPIENT_NAME),
    "recipient_account": _ACCOUNT_WORDS,
}
_SOCIAL = (r"(?:facebook|fb|instagram|insta|snap\w*|tiktok|whatsapp|telegram|twitter|badoo|tinder|meetic|messenger|"
           r"discord|grindr|skype)")
# (and an alias: "il m'écrit sur Messenger sous le nom de « Sandrine Dubois »", "sous le nom de X")
_ACCOUNT_NAMED = re.compile(r"(?<![\w])(?:profil|profile|page|pseudo|(?:compte|account)\s(?:\w+\s)?" + _SOCIAL + r"|"
                            r"(?:sur|on|via)\s" + _SOCIAL + r"\s(?:sous|under)|sous(?= $)|"
                            + _SOCIAL + r"\s(?:account|compte|profile|profil)|presente\w*|fait appeler|going by|"
                            r"goes by|went by|calls? (?:her|him)self|called (?:her|him)self)(?![\w])[^.!?\n]{0,25}$")
# "my MoMo name is…", "mon nom sur Wave :": the reporter's own name, not a payee's
_OWN_NAME = re.compile(r"(?<![\w])(?:my|mon|ma|notre|our)\s{1,2}(?:[\w\-]+\s{1,2}){0,2}$")
_NAMING_CUES = frozenset({"au nom de", "au nom d'", "a l'ordre de", "a l'ordre d'", "le nom c'est", "le nom est"})
# Remittance and mobile-money services victims name (Palawan Express and Cebuana in the Philippines,
# MTN MoMo, Orange Money, M-Pesa, Wave in Africa…): money sent through them goes to a named person.
_REMITTANCE = (r"palawan|cebuana|lhuillier|remitly|\bxoom\b|sendwave|taptap|\bmomo\b|mobile money|orange money|"
               r"m-?pesa|\bwari\b|wafacash|cash plus|\bwave\b|gcash|\bopay\b|airtel money|flooz")
_OPERATOR_WORDS = re.compile(r"western|moneygram|money gram|\bria\b|worldremit|world remit|\bwu\b|mandat|\biban\b|"
                             r"\bbank|\brib\b|virement|transfer|revolut|palmpay|\bcompte\b|account|" + _REMITTANCE)
# Starts with a space, which ``re`` skips to quickly; the name's capital is checked ahead.
_TO_NAME = re.compile(
    r"\s(?:a|à|to|pour|for)\s{1,2}(?:(?:his|her|their|my|son|sa|ses|leur|ma|mon|un|une|a|the)\s{1,2})?"
    r"(?:(?:cousin|cousine|frere|frère|brother|sister|soeur|sœur|ami|amie|friend|oncle|uncle|tante|aunt|mother|"
    r"mere|mère|father|pere|père|agent|partner|associate|collegue|collègue|certaine?|dénommée?|denommee?|nommée?|"
    r"certain|called|named)\s{1,2})?(?:[\"“«‘][ \t]?)?(?=[A-ZÀ-Ý])"
)
_NAME_WORD = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ][A-Za-zÀ-ÖØ-öø-ÿ'\-]{1,24}")
_NAME_STOP = frozenset([
    "a", "à", "au", "aux", "en", "de", "du", "des", "la", "le", "les", "et", "ou", "par", "pour", "via", "in", "at",
    "to", "from", "by", "on", "with", "and", "or", "for", "of", "the", "son", "sa", "ses", "his", "her", "their",
    "mon", "ma", "mes", "my", "qui", "que", "who", "which", "dans", "avec", "chez", "sur", "puis", "then", "ville",
    "city", "pays", "country", "numero", "number", "mtcn", "code", "ref", "reference", "western", "union",
    "moneygram", "ria", "worldremit", "orange", "wave", "money", "transfer", "transfert", "cash", "dieu", "god",
    "allah", "bitcoin", "btc", "atm", "premium", "gift", "card", "cards", "carte", "cartes", "google", "apple",
    "steam", "amazon", "itunes", "store", "bank", "banque", "account", "compte", "iban", "paypal", "revolut",
    "crypto", "wallet", "sinon", "sinn", "svp", "stp", "please", "pls", "otherwise", "else", "avant", "before", "ce",
    "cette",
    "today", "tonight", "demain", "tomorrow", "urgent", "asap", "sous", "within", "ou", "il", "elle", "he", "she",
    "they", "ils", "je", "i", "pour", "sans", "merci",
    # What starts the next sentence when a victim writes without full stops ("au nom de Ouattara
    # Adama Comment bloquer la vidéo", "Receiver name: Frimpong Kwabena Im scared"): words that are
    # nobody's given name or surname.
    "jai", "chui", "jsuis", "jsui", "im", "ive", "ill", "comment", "pouvez", "pouvez-vous", "vous", "faut",
    "faut-il", "aidez", "aidez-moi", "aide", "help", "maintenant", "mnt", "mtn", "honnetement", "honnêtement",
    "franchement", "ça", "ca", "est", "est-ce", "c", "identifiant", "pseudo", "insta", "instagram", "ig", "snap",
    "snapchat", "skype", "tinder", "facebook", "fb", "messenger", "whatsapp", "wa", "wtsp", "tiktok", "telegram",
    "discord", "thank", "thanks", "should", "will", "can", "could", "would", "is", "are", "was", "were", "what", "how",
    "why", "where", "when", "pourquoi", "quand", "quoi", "contact", "numéro", "tel", "phone", "mail",
    "email", "e-mail", "profil", "profile", "lien", "link", "moi", "me", "nous", "ne", "pas", "not", "no", "non",
    "yes", "oui", "ok", "voici", "here", "here's", "heres", "voila", "voilà", "mais", "but", "so", "donc", "alors",
    "depuis", "since", "now", "aujourd'hui", "hier", "yesterday", "encore", "again", "also", "aussi",
    "un", "une", "some", "all", "tout", "tous", "toutes",
    # "au nom de quelqu'un d'autre", "in the name of someone else": nobody's name
    "quelqu'un", "quelqu’un", "quelquun", "qqn", "qqun", "someone", "somebody", "anyone", "anybody", "personne",
    "another", "other", "autre", "d'autre", "d’autre", "quelqu'une",
])
# An elided pronoun or article ("J'ai", "c'est", "l'argent", "qu'il", "I'm", "don't") starts a
# sentence or a clause, never a name ("N'Guessan", "D'Almeida", "O'Brien" are not among these).
_ELIDED = re.compile(r"(?:j|c|l|m|t|s|qu|jusqu|i|it|that|don|can|didn|won|isn|he|she|we|they|you)['’]", re.IGNORECASE)
_SEND_MONEY = re.compile(
    r"western|moneygram|\bria\b|worldremit|\bwu\b|mandat|transfert|transfer|virement|\b(?:envoy|sent|send|wired|went|"
    r"retir|withdr|picked up|collected|vers|vire|deposit|pay|paie|paye|iban|rib|gave|given)\w*|" + _REMITTANCE
)
_OPERATOR_NAMED = re.compile(r"western|moneygram|\bria\b|worldremit|\bwu\b|mandat|" + _REMITTANCE)
_AMOUNT_NEAR = re.compile(
    r"\d\s{0,2}(?:€|\$|£|eur|usd|cad|aud|gbp|chf|fcfa|cfa|dollars?|euros?|dirhams?|dh|xof|xaf|naira|cedis?|pesos?|"
    r"dinars?|tnd|dzd|da\b|rands?|zar|rupees?|inr|rs\b|shillings?|ksh|francs?|livres?|pounds?|quid|k\b)"
    r"|(?<![\w])(?:r|ksh|rs\.?|n|ghs|php)\s?\d|[€$£₱₦]\s?\d"
)


_HONORIFIC = re.compile(r"(?:mme|mlle|mr|mrs|ms|miss|m\.|monsieur|madame|mademoiselle|dr)\.?[ \t]{1,2}", re.IGNORECASE)


# An initial inside a name: "Emmanuel K. Mensah", "T. Nkosi" (a capital and a full stop).
_INITIAL = re.compile(r"[A-ZÀ-Ý]\.(?=[ \t]{1,2}[A-ZÀ-Ýa-zà-ÿ])")
_INITIAL_THEN_NAME = re.compile(r"[A-ZÀ-Ý]\.[ \t]{1,2}[A-ZÀ-Ý][a-zà-ÿ]")


def _name_at(text: str, pos: int, require_capitals: bool) -> tuple[int, int] | None:
    """A person's name of two to four words starting at ``pos``, as (start, end)."""
    words: list[re.Match[str]] = []
    honorific = _HONORIFIC.match(text, pos)
    cursor = honorific.end() if honorific else pos
    while len(words) < 4:
        match = _NAME_WORD.match(text, cursor) or (_INITIAL.match(text, cursor) if words or _INITIAL_THEN_NAME.match(
            text, cursor) else None)
        if match is None:
            break
        word = match.group()
        if word.lower() in _NAME_STOP or _ELIDED.match(word) or (require_capitals and not word[0].isupper()):
            break
        words.append(match)
        gap = re.match(r"[ \t]{1,2}", text[match.end():match.end() + 3])
        if gap is None:
            break
        cursor = match.end() + gap.end()
    if len(words) < 2:
        return None
    return words[0].start(), words[-1].end()


# Where the reporter is ("je suis à Thiès", "I live in Dublin", "Ottawa here") is not where the
# money went.
_REPORTER_AT = re.compile(
    r"(?<![\w'])(?:je suis|j'suis|jsuis|chui|j'habite|jhabite|je vis|je reside|nous habitons|nous vivons|"
    r"on habite|on est|je vous ecris|j'ecris|i'?m|i am|i live|we live|we are|we're|living|based|writing)"
    # "I'm 20 and from Johannesburg", "j'ai 17 ans et je suis de Thiès"
    r"(?:\s{1,2}\d{1,2}(?:\s{0,2}(?:ans|years? old|yo|y/o))?,?\s{1,2}(?:and|et))?"
    r"(?:\s{1,2}(?:a|au|en|in|at|from|de|depuis|pres de|near|dans|here in|ici a))?\s{1,2}(?:la ville de\s{1,2})?$"
)


_PLACE_FIELD = re.compile(r"(?<![\w])(?:country|pays|destination|city|ville|town)\s{0,2}:\s{0,2}$")
# A name followed by a country with the prepositions French gives countries ("…, au Maroc", ", en
# Côte d'Ivoire"): the name was a town's.
_COUNTRY_AFTER = re.compile(r"\s{0,2},\s{0,2}(?:au|en|aux)\s{1,2}[a-z]")


def _recipient_country(context: Context, starts: list[int], start: int, end: int, folded: str) -> str | None:
    """The first place named just after the name, else the nearest one before it that is not the
    reporter's own whereabouts (``starts``: the sorted start offsets of ``context.places``)."""
    places = context.places
    i = bisect_left(starts, end)
    if i < len(places) and places[i][1] <= end + 60:
        p_start = places[i][1]
        # "…au nom de Ngono Marie Claire. Je suis en France": the reporter's, in another sentence
        labelled = _PLACE_FIELD.search(folded, max(0, p_start - 20), p_start)  # "Name: X. Country: Ghana."
        # a new line is another message or field: "nom Yao Kouassi Bernard\nJ'ai envoyé … à Bruxelles"
        if not (((SENTENCE_END.search(folded, end, p_start) or "\n" in folded[end:p_start]) and not labelled)
                or _REPORTER_AT.search(folded, max(0, p_start - 40), p_start)):
            return places[i][0]
    j = bisect_left(starts, start) - 1
    if j >= 0 and places[j][2] <= start and places[j][2] >= start - 250:
        p_start, p_end = places[j][1], places[j][2]
        if _REPORTER_AT.search(folded, max(0, p_start - 40), p_start) or folded.startswith(" here", p_end):
            return None
        return places[j][0]
    return None


def _iban_country(text: str, start: int, end: int) -> str | None:
    """A valid IBAN written next to the name ("FR76 3000… titulaire Mme X"): its country. (A Ria
    order number "ES6672910385" looks like the start of one.)"""
    best: tuple[int, str] | None = None
    low = max(0, start - 150)
    for m in iban.candidates(text[low:min(len(text), end + 150)]):
        if not m[2]:
            continue
        distance = abs(low + m[0] - start)
        if best is None or distance < best[0]:
            best = (distance, m[2])
    return best[1] if best else None


def find_recipients(text: str, context: Context) -> Iterator[Mention]:
    folded = context.folded or text.lower()
    place_starts = [p[1] for p in context.places]  # places come sorted by position
    seen: set[int] = set()
    hits: list[tuple[int, bool]] = []  # (name start, strong cue)
    for cue in scan(_RECIPIENT_CUE, folded, context.windows("transfer_recipient")):
        strong = cue.group("strong") is not None
        if cue.group("name") is not None:
            if _OWN_NAME.search(folded, max(0, cue.start() - 25), cue.start()):
                continue  # "my MoMo name is Akosua Frimpong": the reporter's own
            if not _OPERATOR_WORDS.search(folded, max(0, cue.start() - 150), min(len(folded), cue.end() + 100)):
                continue
        elif not strong:
            if _ACCOUNT_NAMED.search(folded, max(0, cue.start() - 40), cue.start()):
                continue  # "un compte facebook au nom de Diego del Rio": whose profile, not a payee; an alias
            sentence = folded[max(0, cue.start() - 200):min(len(folded), cue.end() + 150)]
            if not (_SEND_MONEY.search(sentence) or _AMOUNT_NEAR.search(sentence)):
                continue
        # After "au nom de", "in the name of"… a name follows even when typed in lower case.
        hits.append((cue.end(), strong or cue.group("weak") in _NAMING_CUES))
    for account in scan(_ACCOUNT_THEN_NAME, folded, context.windows("recipient_account")):
        hits.append((account.end(), False))
    for to in chain(_TO_NAME.finditer(text), _TO_SOMEONE_IN.finditer(text)):
        sentence = folded[max(0, to.start() - 150):min(len(folded), to.end() + 80)]
        if _SEND_MONEY.search(sentence) and (_AMOUNT_NEAR.search(sentence) or _OPERATOR_NAMED.search(sentence)):
            hits.append((to.end(), False))
    for pos, strong in hits:
        span = _name_at(text, pos, require_capitals=not strong)
        if span is None or span[0] in seen:
            continue
        start, end = span
        k = bisect_left(place_starts, end) - 1
        if k >= 0 and context.places[k][2] > start:
            continue  # "to Manila", "à Abidjan"
        if any(w in folded[start:end] for w in ("western", "moneygram", "union", "paypal")):
            continue
        if not strong and _COUNTRY_AFTER.match(folded, end):
            continue  # "à Oued Zem, au Maroc": a town the gazetteer does not know, then its country
        country = _iban_country(text, start, end) or _recipient_country(context, place_starts, start, end, folded)
        identifier = normalise_recipient(text[start:end], country)
        if identifier is not None:
            seen.add(start)
            yield mention(identifier, context, text, start, end, rank=RANK_RECIPIENT, confidence=0.8)


def find(text: str, context: Context) -> Iterator[Mention]:
    yield from find_references(text, context)
    yield from find_recipients(text, context)

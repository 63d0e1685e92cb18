"""Amounts of money → Decimal + ISO 4217, and whether they were demanded or paid.

Reporters write "800 $", "1500$", "1 500 dollars", "50 000 dirhams", "£300", "200.000 FCFA",
"2k€", "500 mille FCFA", "300 balles", "USD 1,200". An amount needs a currency next to it: a bare
number is a date, an age, a count or a phone. "$" and "dollars" are the reporter's dollar (CAD in
Canada, USD in the United States, …; USD when unknown); "francs CFA" are XOF in West Africa and XAF
in Central Africa; "balles" (slang) is the reporter's currency. Crypto amounts ("0.05 BTC") are
not ISO 4217 and are left out.

The role comes from the nearest cue in the same sentence: "il demande", "wants", "send me" →
``demanded``; "j'ai payé", "I sent", "elle a envoyé" → ``paid`` (unless negated: "j'ai rien payé",
"I didn't pay"); a cue before the amount wins over one after it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation

from tipline.extract.model import Context, Money, Role
from tipline.extract.patterns import SENTENCE_END, trie_pattern

# The reporter's "$", by country (ISO 3166 → ISO 4217); the rest of the world → USD.
DOLLAR_BY_COUNTRY = {
    "CA": "CAD", "US": "USD", "AU": "AUD", "NZ": "NZD", "SG": "SGD", "HK": "HKD", "JM": "JMD", "TT": "TTD",
    "BS": "BSD", "BB": "BBD", "BZ": "BZD", "LR": "LRD", "NA": "NAD", "FJ": "FJD", "TW": "TWD", "GY": "GYD",
}
_XAF = frozenset({"CM", "GA", "CG", "TD", "CF", "GQ"})
_CFA_WEST = frozenset({"CI", "SN", "BF", "ML", "NE", "TG", "BJ", "GW"})
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
    "rand": "ZAR", "zar": "ZAR", "roupies": "INR", "inr": "INR",
}
_SYMBOLS_BEFORE = ("€", "$", "£", "usd", "us$", "cad", "ca$", "c$", "eur", "gbp", "chf", "fcfa", "xof", "₦", "₱",
                   "ngn", "aud", "mad", "cfa")


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s?") for w in sorted(words, key=len, reverse=True))


_NUMBER = (
    r"(?P<num>\d{1,3}(?:(?P<sep>[ .,'])\d{3})(?:(?P=sep)\d{3}){0,3}|\d{1,12})"
    r"(?:[.,](?P<dec>\d{1,2}))?(?!\d)"
    r"(?:\s?(?P<mult>k|mille|millions?|million|m)(?![a-z]))?"
)
# Numbers are found digit first (``re`` skips to digits in C); the currency is then read right
# after the number, or right before it ("$400", "USD 1,200").
_AMOUNT = re.compile(r"(?=\d)(?<![\w.,])" + _NUMBER)
_CUR_AFTER = re.compile(r"\s{0,2}(?P<cur>" + _alternation(list(_CURRENCY_WORDS)) + r")(?![a-z])")
_CUR_BEFORE = re.compile(r"(?<![\w])(?P<cur>" + _alternation(list(_SYMBOLS_BEFORE)) + r")\s{0,2}$")

# Role cues, on folded text. Paid cues name the victim's side ("j'ai", "I", "elle a", "on a").
_PAID = re.compile(
    r"(?<![\w])(?:(?:j'?|j\s)ai|je lui ai|on (?:lui )?a|elle (?:lui )?a|il (?:lui )?a|nous avons|(?:j'?|j\s)avais|"
    r"je lui avais|il (?:lui )?avait|elle (?:lui )?avait|on (?:lui )?avait|nous avions|i|we|she|he|i'?ve|"
    r"we'?ve|i have|i had|i'd|they|ils (?:lui )?ont|elles ont)\s{1,2}"
    r"(?:(?:deja|already|just|encore|finally|finalement|only|seulement|lui|him|her|"
    r"them|meme|aussi|also|fait)\s{1,2}){0,3}"
    r"(?:paye|paid|envoye|sent|verse|vire|wired|transfere|transferred|perdu|lost|achete|bought|donne|gave|"
    r"zelled|venmoed|cashapped|cash apped|paypaled|deposited|depose|retire|withdrew|"
    r"fait (?:un |des |\d+ )?(?:transfert|virement|envoi|paiement|versement|depot)s?|envoi|spent|depense)"
    r"|(?<![\w])(?:cost me|m'a coute|ca m'a coute|deja paye|deja envoye|already paid|already sent|wired|paid|"
    r"perdu|lost)"
    r"(?![\w])"
)
# Rarer paid cues, run only on a sentence that holds one of ``_PAID_GATE``: causatives ("il m'a fait
# envoyer 500$", "made him buy") and a sentence opening on the verb ("Sent $300 to Ghana").
_PAID_EXTRA = re.compile(
    r"(?<![\w])(?:(?:m'a|m'ont|lui a|lui ont) fait (?:envoyer|payer|verser|virer|acheter|transferer|deposer)"
    r"|made (?:me|him|her|us|them) (?:buy|send|pay|transfer|wire|deposit)"
    r"|(?:(?<=^)|(?<=[.!?\n] )|(?<=\n))(?:sent|paid|wired|envoye|paye|verse|vire)(?= [$£€\d]))"
)
_PAID_GATE = ("fait ", "made ", "sent ", "paid ", "wired ", "envoye ", "paye ", "verse ", "vire ")
_PAID_GATE_RE = re.compile(trie_pattern(_PAID_GATE))
_NEGATED_PAID = re.compile(
    r"(?:n'|ne |pas |rien |jamais |didn'?t |did not |haven'?t |have not |never |not |nothing |aucun )"
    r"(?:\w+\s){0,2}$"
)
_DEMANDED = re.compile(
    r"(?<![\w])(?:demand\w*|redemand\w*|exig\w*|reclam\w*|veu[tx]|veulent|voulai[st]|voudrai[st]?|voulu|en veut|"
    r"il me faut|me faut|faut que je|dois payer|doit payer|dois envoyer|pour payer|payer|paye[sz]?|paie[sz]?|"
    r"envoie[sz]?|envoyer|transfere[sz]?|virer|m'a factur\w*|il factur\w*|facturait|"
    r"wants?|wanted|asks?|asked|asking|requests?|requested|"
    r"demands?|demanded|requir\w*|send|transfer|pay|told me to|asked me to|wanted me to|buy|ransom|rancon|"
    r"pidio|pide|quiere|exige|tarif|price is|sinon|or else|otherwise|"
    r"(?:verse|paie|paye|envoie|vire) pas|unless i (?:pay|send)|if i (?:don'?t|do not) (?:pay|send)|"
    r"envoyez|payez|versez|virez|transferez|deposez)(?![\w])"
)
# Rarer demand cues, run only on a sentence that holds one of their words (``_DEMANDED_GATE``):
# "£200 now or the video goes to your mum", "350€ pour ne pas publier", "he'll take it down for $600".
_DEMANDED_EXTRA = re.compile(
    r"(?<![\w])(?:montant\s{0,2}:|amount\s{0,2}(?:due\s{0,2})?:|"
    r"(?:or|ou) (?:the|your|my|la|les|tes|ta|ton|mes|ma) (?:\w+ )?(?:videos?|vids?|clips?|photos?|pics?|nudes?)|"
    r"(?:pour|to) (?:ne )?(?:pas |not )?(?:publier|diffuser|partager|post|leak|share)|"
    r"(?:take (?:it|them|the \w+) down|delete (?:it|them|the \w+)|supprime\w* (?:la|les|tout)\s?\w*) (?:for|pour))"
    r"(?![\w])"
)
_DEMANDED_GATE = ("montant", "amount", "vid", "clip", "photo", "pic", "nude", "publi", "diffus", "partag", "post",
                  "leak", "share", "take ", "delete", "supprim")
_DEMANDED_GATE_RE = re.compile(trie_pattern(_DEMANDED_GATE))
_CONDITIONAL = re.compile(r"(?:\bsi|\bif|\bunless|\bsauf si|\btant que)\s[^.!?\n]{0,20}$")
_SENTENCE_LIMIT = 200


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
            return "CHF" if country == "CH" else ("XAF" if country in _XAF else "XOF")
        case "FRANC_F":  # "100.000f": West and Central African usage only
            return "XAF" if country in _XAF else ("XOF" if country in _CFA_WEST else None)
        case "DH":
            return "AED" if country == "AE" else "MAD"
        case "PESO":
            return _PESO.get(country, "PHP")
        case "LOCAL":
            return _LOCAL.get(country, DOLLAR_BY_COUNTRY.get(country, "EUR"))
        case _:
            return code


def _amount(match: re.Match[str]) -> Decimal | None:
    number = match.group("num")
    sep = match.group("sep")
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


def _role(folded: str, start: int, end: int) -> Role:
    s, e = _sentence(folded, start, end)
    cues: list[tuple[int, Role]] = []  # (distance, role); negative distance = before the amount
    paid_spans: list[tuple[int, int]] = []
    # Only cues ending within 80 characters before the amount or starting within 50 after it count:
    # the rest of a long sentence need not be read.
    s, e = max(s, start - 140), min(e, end + 110)
    near = folded[s:e]
    paid_matches = list(_PAID.finditer(folded, s, e))
    if _PAID_GATE_RE.search(near):
        paid_matches += _PAID_EXTRA.finditer(folded, s, e)
    demanded_matches = list(_DEMANDED.finditer(folded, s, e))
    if _DEMANDED_GATE_RE.search(near):
        demanded_matches += _DEMANDED_EXTRA.finditer(folded, s, e)
    for m in paid_matches:
        paid_spans.append(m.span())
        before = folded[max(s, m.start() - 25):m.start()]
        if _CONDITIONAL.search(before):  # "si je ne verse pas", "unless I pay": a demand
            cues.append((m.end() - start if m.end() <= start else m.start() - end, "demanded"))
            continue
        if _NEGATED_PAID.search(before) or re.match(
                r"\s{0,2}(?:rien|pas|nothing|anything)\b", folded[m.end():m.end() + 12]):
            continue
        cues.append((m.end() - start if m.end() <= start else m.start() - end, "paid"))
    for m in demanded_matches:
        if any(a <= m.start() < b for a, b in paid_spans):
            continue
        cues.append((m.end() - start if m.end() <= start else m.start() - end, "demanded"))
    before = [c for c in cues if c[0] <= 0 and -c[0] <= 80]
    if before:
        return max(before)[1]
    after = [c for c in cues if c[0] > 0 and c[0] <= 50]
    return min(after)[1] if after else "unknown"


# The price of goods is not money of the case: "hôtel à 89€ la nuit", "a $59.99 game", "5€ le kilo".
_PER_UNIT = re.compile(
    r"\s{0,2}(?:la|le|par|per|a|an|the|each|chacun|chacune|l'|pour la|pour une?)\s{1,2}"
    r"(?:nuit|night|nuitee|mois|month|semaine|week|kilo|kg|litre|liter|heure|hour|personne|person|jour|day|"
    r"piece|unit|unite|place|seat|ticket|billet|entree|bouteille|bottle|paquet|pack|menu|repas|meal)s?(?![\w])"
)
_ARTICLE_BEFORE = re.compile(r"(?<![\w])(?:a|an|un|une|mon|ma|my|this|ce|cette)\s{1,2}$")
_GOODS_AFTER = re.compile(r"\s{1,2}(?!(?:gift|carte|card|cadeau|coupon|voucher|code|recharge|transfer|transfert|"
                          r"virement|payment|paiement|fee|fine|amende|ransom|rancon|bitcoin|btc|deposit|depot|"
                          r"western|moneygram|steam|google|itunes|apple|amazon|paysafe|neosurf|pcs|transcash|"
                          r"de |d'|of |en |in |to |a |pour |for |et |and |or |ou |now|maintenant)\b)"
                          r"[a-z]{3,15}(?![\w$€£])")


def _goods_price(folded: str, start: int, end: int) -> bool:
    if _PER_UNIT.match(folded, end):
        return True
    return bool(_ARTICLE_BEFORE.search(folded, max(0, start - 8), start) and _GOODS_AFTER.match(folded, end))


MAX_AMOUNTS = 2000  # per text: bounds the work on a pathological input; no report names more


# Found from "mille" (a literal that ``re`` skips to in C); the unit before it is read after.
_WORD_THOUSAND = re.compile(
    r"mille\s{1,2}(?P<cur>euros?|dollars?|livres|francs(?: cfa)?|fcfa|cfa|dirhams?|balles)(?![\w])"
)
_WORD_UNIT = re.compile(r"(?:^|[^\w])(?P<unit>un|deux|trois|quatre|cinq|six|sept|huit|neuf|dix)\s$")
_UNITS = {"un": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8, "neuf": 9, "dix": 10}


def find(text: str, context: Context) -> Iterator[Money]:
    folded = context.folded or text.lower()
    if "mille " in folded:  # "mille euros", "deux mille dollars"
        for match in _WORD_THOUSAND.finditer(folded):
            start = match.start()
            if start > 0 and (folded[start - 1].isalpha() or folded[max(0, start - 2):start].strip()[-1:].isdigit()):
                continue
            unit = _WORD_UNIT.search(folded, max(0, start - 8), start)
            if unit is not None:
                start = unit.start("unit")
            currency = _currency(match.group("cur"), context.region)
            if currency is not None:
                amount = Decimal(1000 * _UNITS[unit.group("unit")] if unit else 1000)
                yield Money(amount, currency, _role(folded, start, match.end()), (start, match.end()), context.source)
    count = 0
    for match in _AMOUNT.finditer(folded):
        if count >= MAX_AMOUNTS:
            break
        start, end = match.span()
        after = _CUR_AFTER.match(folded, end)
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
        currency = _currency(word.strip(), context.region)
        amount = _amount(match)
        if word.strip() == "f" and (amount is None or amount < 500):
            continue
        if currency is None or amount is None:
            continue
        if _goods_price(folded, start, end):
            continue
        count += 1
        yield Money(amount, currency, _role(folded, start, end), (start, end), context.source)

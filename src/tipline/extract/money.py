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
from tipline.extract.patterns import SENTENCE_END

# The reporter's "$", by country (ISO 3166 → ISO 4217); the rest of the world → USD.
DOLLAR_BY_COUNTRY = {
    "CA": "CAD", "US": "USD", "AU": "AUD", "NZ": "NZD", "SG": "SGD", "HK": "HKD", "JM": "JMD", "TT": "TTD",
    "BS": "BSD", "BB": "BBD", "BZ": "BZD", "LR": "LRD", "NA": "NAD", "FJ": "FJD", "TW": "TWD", "GY": "GYD",
}
_XAF = frozenset({"CM", "GA", "CG", "TD", "CF", "GQ"})
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
    r"(?<![\w])(?:(?:j'?|j\s)ai|je lui ai|on (?:lui )?a|elle (?:lui )?a|il (?:lui )?a|nous avons|i|we|she|he|i'?ve|"
    r"we'?ve|i have|i had)\s{1,2}(?:(?:deja|already|just|encore|finally|finalement|only|seulement|lui|him|her|"
    r"them|meme|aussi|also|fait)\s{1,2}){0,3}"
    r"(?:paye|paid|envoye|sent|verse|vire|wired|transfere|transferred|perdu|lost|achete|bought|donne|gave|"
    r"fait (?:un |des |\d+ )?(?:transfert|virement|envoi|paiement|versement|depot)s?|envoi|spent|depense)"
    r"|(?:cost me|m'a coute|ca m'a coute|deja paye|deja envoye|already paid|already sent|wired|paid|perdu|lost)"
    r"(?![\w])"
)
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
    r"(?:verse|paie|paye|envoie|vire) pas|unless i (?:pay|send)|if i (?:don'?t|do not) (?:pay|send))(?![\w])"
)
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
    for m in _PAID.finditer(folded, s, e):
        paid_spans.append(m.span())
        before = folded[max(s, m.start() - 25):m.start()]
        if _CONDITIONAL.search(before):  # "si je ne verse pas", "unless I pay": a demand
            cues.append((m.end() - start if m.end() <= start else m.start() - end, "demanded"))
            continue
        if _NEGATED_PAID.search(before) or re.match(
                r"\s{0,2}(?:rien|pas|nothing|anything)\b", folded[m.end():m.end() + 12]):
            continue
        cues.append((m.end() - start if m.end() <= start else m.start() - end, "paid"))
    for m in _DEMANDED.finditer(folded, s, e):
        if any(a <= m.start() < b for a, b in paid_spans):
            continue
        cues.append((m.end() - start if m.end() <= start else m.start() - end, "demanded"))
    before = [c for c in cues if c[0] <= 0 and -c[0] <= 80]
    if before:
        return max(before)[1]
    after = [c for c in cues if c[0] > 0 and c[0] <= 50]
    return min(after)[1] if after else "unknown"


MAX_AMOUNTS = 2000  # per text: bounds the work on a pathological input; no report names more


def find(text: str, context: Context) -> Iterator[Money]:
    folded = context.folded or text.lower()
    count = 0
    for match in _AMOUNT.finditer(folded):
        if count >= MAX_AMOUNTS:
            break
        start, end = match.span()
        after = _CUR_AFTER.match(folded, end)
        if after is not None:
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
        if currency is None or amount is None:
            continue
        count += 1
        yield Money(amount, currency, _role(folded, start, end), (start, end), context.source)

"""Phone numbers, with Google's libphonenumber rules (the ``phonenumbers`` package)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

import phonenumbers

from tipline.domain.identifier import Identifier
from tipline.extract.model import Context, Mention, mention

KIND = "phone"


def normalise(value: str, default_region: str | None = None) -> Identifier | None:
    """E.164 and the number's country; a national writing needs ``default_region``."""
    text = value.strip()
    if text.startswith("00"):  # the international prefix of most of Europe and Africa
        text = "+" + text[2:].lstrip()
    try:
        number = phonenumbers.parse(text, default_region.upper() if default_region else None)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    display = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    return Identifier(KIND, e164, display, phonenumbers.region_code_for_number(number))


# --- finding numbers in free text ------------------------------------------------------------
# Victims write numbers every way: "+225 07 58 12 34 56", "00225 0758123456", "07.58.12.34.56",
# "(514) 820-3344", split over two lines. A candidate is a run of digit groups joined by single
# separators (a newline too); it is then cut into the longest pieces libphonenumber's matcher
# accepts with leniency VALID for the region. Toll-free numbers are helplines and companies, never
# a scammer's own line, and are left out. PhoneNumberMatcher alone is not enough: it stops at
# a newline, reads "00" as international only for regions whose exit code is 00, and on a
# megabyte of digits gives up after its try limit instead of staying linear.
_CANDIDATE = re.compile(
    r"(?=[+(\d])(?<![\w+@/=#:.\-])(?P<prefix>\+\s?|\b00\s?)?\(?\d{1,15}\)?"
    r"(?:(?:[ \t]{0,2}[.\-/][ \t]{0,2}\n?[ \t]{0,2}|[ \t]{1,2}\n?[ \t]{0,2}|\n[ \t]{0,2}|(?<=\(0\)))"
    r"\(?\d{1,15}\)?){0,9}(?![\w@])"
)
_GROUP = re.compile(r"\d+")
# Dates are blanked (same length) inside a candidate; times need nothing ("14h30", "22:41": neither
# "h" nor ":" joins digit groups).
_DATE = re.compile(
    r"(?<![\d./\-])(?:\d{1,2}([./\-])\d{1,2}\1(?:19|20)?\d{2}|(?:19|20)\d{2}([./\-])\d{1,2}\2\d{1,2})(?![\d]|[./\-]\d)"
)
_SHORT_DATE = re.compile(r"(?<![\d./\-])\d{1,2}/\d{1,2}(?![\d]|[./\-]\d)")
# Numbers that are something else: an order, an invoice, a parcel, a company.
_NOT_A_PHONE_BEFORE = re.compile(
    r"(?:commande|order|facture|invoice|client|customer|suivi|tracking|transaction|colis|parcel|siret|siren|"
    r"dossier|ticket|contrat|contract|mtcn|reference|ref|code|pin|id|iban|rib|compte|account|carte|card|"
    r"n°|no\.|#)\W{0,4}(?:(?:n°|no|num(?:ero)?|number|nr|#|de|du|client|commande)\W{0,3}){0,2}$"
    # "numéro de dossier à la banque est 0123…": the thing numbered is named a few words before
    r"|(?:commande|order|facture|invoice|dossier|contrat|contract|colis|parcel|siret|siren|tracking|client)"
    r"(?![\w])[^.\n\d:]{0,30}(?:est|is|:)?\s{0,3}$"
)
MAX_CANDIDATES = 5000  # a bound on work per text; a chat log has far fewer phone numbers
RANK = 60
_LENIENCY = phonenumbers.Leniency.VALID


def _blank(match: re.Match[str]) -> str:
    return " " * len(match.group())


def _valid_date(match: re.Match[str]) -> bool:
    parts = [int(p) for p in re.findall(r"\d+", match.group())]
    if parts[0] > 31:  # year first
        return 1 <= parts[1] <= 12 and 1 <= parts[2] <= 31
    return 1 <= parts[0] <= 31 and 1 <= parts[1] <= 31 and (parts[0] <= 12 or parts[1] <= 12)


def _mask(text: str) -> str:
    text = _DATE.sub(lambda m: _blank(m) if _valid_date(m) else m.group(), text)
    return _SHORT_DATE.sub(lambda m: _blank(m) if _valid_date_short(m.group()) else m.group(), text)


def _valid_date_short(value: str) -> bool:
    day, month = (int(p) for p in value.split("/"))
    return 1 <= day <= 31 and 1 <= month <= 12


_NOT_DIGIT = re.compile(r"\D")


@lru_cache(maxsize=4096)  # a chat log repeats the same numbers; libphonenumber is the costly part
def _match(number_text: str, region: str | None) -> tuple[str, str, str | None, bool] | None:
    """(E.164, display, country, toll-free) if the whole of ``number_text`` is one valid number
    for ``region``."""
    try:
        for match in phonenumbers.PhoneNumberMatcher(number_text, region, leniency=_LENIENCY, max_tries=3):
            if match.start == 0 and len(_NOT_DIGIT.sub("", match.raw_string)) == len(
                    _NOT_DIGIT.sub("", number_text)):
                number = match.number
                return (phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164),
                        phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL),
                        phonenumbers.region_code_for_number(number),
                        phonenumbers.number_type(number) == phonenumbers.PhoneNumberType.TOLL_FREE)
    except Exception:
        return None
    return None


def find(text: str, context: Context) -> Iterator[Mention]:
    folded = context.folded or text.lower()
    regions: list[tuple[str | None, float]] = [(context.region, 0.9)] if context.region else []
    if not context.region:  # no reporter country: the countries the text names, less surely
        regions += [(code, 0.7) for code in dict.fromkeys(p[0] for p in context.places)][:3]
    count = 0
    for candidate in _CANDIDATE.finditer(text):
        digits = sum(map(str.isdigit, candidate.group()))
        if digits < 7:
            continue
        count += 1
        if count > MAX_CANDIDATES:
            break
        # Dates inside the run are blanked (same length): "le 14/03/2024 0612345678".
        low = max(0, candidate.start() - 1)
        high = min(len(text), candidate.end() + 1)
        masked = _mask(text[low:high])
        groups = [(low + g.start(), low + g.end(), g.group())
                  for g in _GROUP.finditer(masked, candidate.start() - low, candidate.end() - low)]
        if sum(len(g[2]) for g in groups) < 7:
            continue
        if _NOT_A_PHONE_BEFORE.search(folded, max(0, candidate.start() - 30), candidate.start()):
            continue
        prefix = candidate.group("prefix")
        if prefix and groups and groups[0][0] > candidate.start() + len(prefix) + 1:
            prefix = None  # the first digits after "+" were a date, blanked
        if prefix and len(groups) > 2 and groups[1][2] == "0" and text[groups[1][0] - 1:groups[1][1] + 1] == "(0)":
            # "+234 (0)806…": the national trunk 0 is not dialled (but Côte d'Ivoire's leading 0 is)
            trimmed = list(_pieces(text, context, [groups[0], *groups[2:]], prefix, candidate.start(), regions))
            if trimmed and trimmed[0].span and trimmed[0].span[0] <= candidate.start() + 1:
                yield from trimmed
                continue
        yield from _pieces(text, context, groups, prefix, candidate.start(), regions)


def _pieces(text: str, context: Context, groups: list[tuple[int, int, str]], prefix: str | None, start: int,
            regions: list[tuple[str | None, float]]) -> Iterator[Mention]:
    """The longest valid numbers among consecutive digit groups, left to right."""
    i = 0
    while i < len(groups):
        for j in range(len(groups), i, -1):
            digits = "".join(g[2] for g in groups[i:j])
            plus = i == 0 and prefix is not None and prefix.strip() == "+"
            if digits.startswith("00") and len(digits) > 9:
                digits, plus = digits[2:], True
            if not 7 <= len(digits) <= 15:
                continue
            span_start = start if (i == 0 and prefix) else groups[i][0]
            if span_start > 0 and text[span_start - 1] == "(" and i == 0:
                span_start -= 1
            number = None
            confidence = 1.0
            if plus:
                number = _match("+" + digits, None)
            else:
                for region, conf in regions:
                    number = _match(digits, region)
                    if number is not None:
                        confidence = conf
                        break
            if number is not None and number[3]:
                i = j  # a helpline or a company's free number ("Childline 0800 1111"), not a person's
                break
            if number is not None:
                e164, display, country, _ = number
                identifier = Identifier(KIND, e164, display, country, confidence)
                yield mention(identifier, context, text, span_start, groups[j - 1][1], rank=RANK)
                i = j
                break
        else:
            i += 1

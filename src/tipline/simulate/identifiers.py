"""Made-up scammer identifiers that are well-formed for their kind.

Phone numbers are drawn from the countries' real mobile ranges and checked with libphonenumber,
crypto addresses carry valid checksums, MTCNs have the operators' lengths: extraction and linking
must meet them exactly as they meet real ones.

The ground truth must not link strangers by accident, so every identifier that could collide
carries a *tag*: the owner's unique number, scrambled into a fixed run of digits (a bijection, so
two owners never share it). Handles and e-mails end with it ("lola__x04821"), phone numbers,
Facebook ids and transfer references hide it in their last digits. Those digits also make it
unlikely that a generated account is anyone's real one.
"""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass

import phonenumbers

from tipline.extract.kinds.crypto import b58encode_check, segwit_encode
from tipline.simulate.pick import below, one

_DIGITS = "0123456789"
_HEX = "0123456789abcdef"

# country → (calling code, national mobile prefixes as written after the country code, digits)
MOBILE_PLANS: dict[str, tuple[int, tuple[str, ...], int]] = {
    "CI": (225, ("07", "07", "05", "05", "01"), 10),
    "SN": (221, ("77", "77", "78", "76", "70", "75"), 9),
    "MA": (212, ("6", "6", "6", "7"), 9),
    "PH": (63, ("91", "92", "93", "94", "95", "96", "97", "98", "99"), 10),
    "NG": (234, ("803", "806", "813", "816", "703", "706", "903", "810", "802", "808", "812", "701",
                 "902", "907", "805", "807", "815", "905", "814", "906", "809", "818", "909", "817"), 10),
    "BJ": (229, ("0196", "0197", "0161", "0162", "0166", "0167", "0169", "0190", "0191", "0151",
                 "0152", "0153", "0154", "0155", "0156", "0157", "0158", "0159", "0194", "0195"), 10),
    "GH": (233, ("24", "54", "55", "59", "20", "50", "26", "27", "57", "23", "53", "56"), 9),
    "CM": (237, ("67", "65", "69", "68", "66"), 9),
}
_MOBILE_TYPES = (phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE)


@dataclass(frozen=True, slots=True)
class Phone:
    """A mobile number and the ways it is written, computed once per number."""

    country: str
    cc: str            # "225"
    nsn: str           # national significant number, "0758123456"
    e164: str          # "+2250758123456"
    international: str  # "+225 07 58 12 34 56" (libphonenumber's international format)
    national: str      # "07 58 12 34 56" as a local would write it

    def form_value(self, rng: random.Random, victim_idd_00: bool) -> str:
        """As typed in a form field: always with the country code, so that it parses alone."""
        r = rng.random()
        if r < 0.4:
            return self.e164
        if r < 0.8 or not victim_idd_00:
            return self.international
        return "00" + self.cc + " " + self.nsn

    def text_value(self, rng: random.Random) -> str:
        """As a victim copies it into a narrative: every writing seen in real reports."""
        r = below(rng, 11)
        if r == 0:
            return self.e164
        if r == 1:
            return self.international
        if r == 2:
            return "00" + self.cc + " " + self.nsn
        if r == 3:
            return self.national.replace(" ", ".")
        if r == 4:
            return self.national
        if r == 5:
            return "(+" + self.cc + ") " + self.nsn
        if r == 6:
            return "wa.me/" + self.e164[1:]
        if r == 7:
            return "https://wa.me/" + self.e164[1:]
        if r == 8:
            return self.cc + " " + self.national
        if r == 9:
            return "+" + self.cc + self.nsn[:3] + " " + self.nsn[3:]
        return "+" + self.cc + " " + self.national.replace(" ", "")


# (country, leading digits, length) → the number's written forms with "#" for each digit: the
# grouping of a country's mobile numbers depends only on their leading digits, and formatting is
# the slow part of libphonenumber, so each pattern is formatted once.
_MASKS: dict[tuple[str, str, int], tuple[str, str]] = {}


def _mask(formatted: str, count: int) -> str:
    """``formatted`` with its last ``count`` digits (the national significant number) as "#"; a
    country code before them, or a trunk 0 in a national writing, stays as it is."""
    out = list(formatted)
    for i in range(len(out) - 1, -1, -1):
        if count and out[i].isdigit():
            out[i] = "#"
            count -= 1
    return "".join(out)


def _fill(mask: str, digits: str) -> str:
    pending = iter(digits)
    return "".join(next(pending) if c == "#" else c for c in mask)


# Multipliers prime to 10: x → x·m + c (mod 10^w) is a bijection of w-digit numbers that looks random.
_SCRAMBLE = {4: (7_919, 1_234), 5: (70_001, 31_337), 6: (738_271, 271_828), 7: (7_654_321, 1_414_213),
             8: (86_028_121, 31_415_926), 9: (982_451_653, 141_421_356)}
PHONE_TAG_DIGITS = 6
FACEBOOK_TAG_DIGITS = 8
REFERENCE_TAG_DIGITS = 7


def scramble(tag: int, width: int) -> str:
    """``tag`` (below 10^width) as ``width`` digits, distinct for distinct tags."""
    mult, add = _SCRAMBLE[width]
    return str((tag * mult + add) % 10**width).zfill(width)


def tag_width(largest_tag: int) -> int:
    """Digits needed so that every tag up to ``largest_tag`` stays unique (4 to 9)."""
    return min(9, max(4, len(str(largest_tag))))


def _digits(rng: random.Random, count: int) -> str:
    return "".join(rng.choices(_DIGITS, k=count)) if count > 0 else ""


def new_phone(rng: random.Random, country: str, tag: int) -> Phone:
    """A number in a real mobile range of ``country``, valid for libphonenumber, whose last six
    digits encode ``tag`` (unique per owner up to a million phones per country and prefix)."""
    cc, prefixes, length = MOBILE_PLANS[country]
    tail = scramble(tag % 10**PHONE_TAG_DIGITS, PHONE_TAG_DIGITS)
    for _ in range(100):
        prefix = one(rng, prefixes)
        nsn = prefix + _digits(rng, length - len(prefix) - PHONE_TAG_DIGITS) + tail
        number = phonenumbers.PhoneNumber(country_code=cc, national_number=int(nsn),
                                          italian_leading_zero=nsn[0] == "0" or None)
        if phonenumbers.number_type(number) in _MOBILE_TYPES:  # UNKNOWN when not a valid number
            break
    else:  # pragma: no cover - the plans above are valid ranges; this guards metadata changes
        number = phonenumbers.example_number_for_type(country, phonenumbers.PhoneNumberType.MOBILE)
        nsn = phonenumbers.national_significant_number(number)
    key = (country, nsn[:len(prefix) + 1], len(nsn))
    masks = _MASKS.get(key)
    if masks is None:
        international = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
        national = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
        if country == "CI":  # Ivorians write their ten digits in pairs, not libphonenumber's 4-digit tail
            national = " ".join(nsn[i:i + 2] for i in range(0, len(nsn), 2))
            international = f"+{cc} {national}"
        masks = (_mask(international, len(nsn)), _mask(national, len(nsn)))
        _MASKS[key] = masks
    return Phone(country, str(cc), nsn, f"+{cc}{nsn}", _fill(masks[0], nsn), _fill(masks[1], nsn))


def ascii_fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def handle_base(rng: random.Random, first: str, last: str | None = None) -> str:
    """The stem of a fake account's handle: "awa.belle", "jessy_miller", "lea.off"."""
    name = ascii_fold(first).lower().replace(" ", "").replace("'", "").replace("-", "")
    r = below(rng, 8)
    if last and r < 3:
        surname = ascii_fold(last).lower().replace(" ", "").replace("'", "")
        return name + one(rng, (".", "_", "")) + surname
    suffix = one(rng, (
        "belle", "love", "officiel", "off", "x", "bb", "cute", "sexy", "douce", "angel", "baby",
        "queen", "sweet", "pretty", "real", "vip", "model", "officiell", "xo",
    ))
    return name + one(rng, (".", "_", "", "__")) + suffix


def tagged(rng: random.Random, base: str, tag: str) -> str:
    """A handle: the stem and the owner's tag, joined the ways people do ("lola__x04821", "lola.04821_")."""
    r = below(rng, 6)
    if r < 2:
        return base + tag
    if r == 2:
        return base + "_" + tag
    if r == 3:
        return base + "." + tag
    if r == 4:
        return base + tag + "_"
    return base + tag + "__"


def short_handle(rng: random.Random, base: str, tag: str, limit: int, dots: bool = True) -> str:
    """A handle within a platform's length limit (Snapchat and X allow 15 characters): the stem
    is cut, never the tag, so that handles stay unique."""
    stem = base if dots else base.replace(".", "_")
    room = max(1, limit - len(tag) - 1)
    stem = stem[:room].rstrip("._")
    return stem + ("_" if rng.random() < 0.4 and len(stem) + len(tag) < limit else "") + tag


def badoo_id(rng: random.Random, tag: int) -> str:
    """Badoo profile ids (``badoo.com/profile/0123456789``): ten digits, the owner's tag last."""
    return "0" + _digits(rng, 9 - FACEBOOK_TAG_DIGITS) + scramble(tag, FACEBOOK_TAG_DIGITS)


def skype_cid(rng: random.Random) -> str:
    """Microsoft-account Skype ids look like ``live:.cid.4f1a9b2c3d5e6f70``."""
    return "live:.cid." + "".join(rng.choices(_HEX, k=16))


def skype_name(rng: random.Random, base: str, tag: str) -> str:
    return ("live:" if rng.random() < 0.6 else "") + tagged(rng, base, tag)


def facebook_id(rng: random.Random, tag: int) -> str:
    """Numeric ids of accounts created since 2009: fifteen digits starting with 1000."""
    return "1000" + _digits(rng, 11 - FACEBOOK_TAG_DIGITS) + scramble(tag, FACEBOOK_TAG_DIGITS)


EMAIL_DOMAINS = (
    "gmail.com", "gmail.com", "gmail.com", "yahoo.fr", "yahoo.com", "outlook.fr", "outlook.com",
    "hotmail.com", "hotmail.fr", "gmx.fr", "proton.me", "aol.com",
)


def email(rng: random.Random, base: str, tag: str) -> str:
    local = tagged(rng, base.replace("__", "_"), tag).strip("._")
    return local + "@" + one(rng, EMAIL_DOMAINS)


def _reference(rng: random.Random, tag: int, length: int) -> str:
    head = str(1 + below(rng, 9)) + _digits(rng, length - 1 - REFERENCE_TAG_DIGITS)
    return head + scramble(tag % 10**REFERENCE_TAG_DIGITS, REFERENCE_TAG_DIGITS)


def mtcn(rng: random.Random, tag: int) -> str:
    """Western Union Money Transfer Control Number: ten digits."""
    return _reference(rng, tag, 10)


def moneygram_ref(rng: random.Random, tag: int) -> str:
    """MoneyGram reference numbers have eight digits."""
    return _reference(rng, tag, 8)


def ria_pin(rng: random.Random, tag: int) -> str:
    """Ria order numbers: eleven digits here."""
    return _reference(rng, tag, 11)


def format_mtcn(rng: random.Random, ref: str) -> str:
    """How victims copy an MTCN: "482-109-3375", "482 109 3375", "4821093375"."""
    if len(ref) != 10:
        return ref
    r = below(rng, 4)
    if r == 0:
        return f"{ref[:3]}-{ref[3:6]}-{ref[6:]}"
    if r == 1:
        return f"{ref[:3]} {ref[3:6]} {ref[6:]}"
    if r == 2:
        return f"{ref[:4]} {ref[4:7]} {ref[7:]}"
    return ref


_GIFT_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def gift_code(rng: random.Random, brand: str, tag: int) -> str:
    """A card code in the brand's usual shape (Steam 3×5, Google Play 16, Transcash/PCS digits)."""
    if brand == "Steam":
        return "-".join("".join(rng.choices(_GIFT_ALPHABET, k=5)) for _ in range(3))
    if brand in ("Transcash", "PCS", "Neosurf"):
        return _reference(rng, tag, 12 if brand == "Transcash" else 10)
    return "".join(rng.choices(_GIFT_ALPHABET, k=16))


# --- crypto addresses with valid checksums -------------------------------------------------------

# The encoders live beside the extractor's decoders, so that both directions share one codec.


def crypto_wallet(rng: random.Random) -> tuple[str, str]:
    """(chain, address): mostly Bitcoin, some USDT on Tron, a few Ethereum."""
    key = rng.getrandbits(160).to_bytes(20, "big")
    r = rng.random()
    if r < 0.5:
        return "btc", segwit_encode("bc", 0, key)
    if r < 0.65:
        return "btc", b58encode_check(b"\x00" + key)
    if r < 0.88:
        return "trx", b58encode_check(b"\x41" + key)
    return "eth", "0x" + key.hex()

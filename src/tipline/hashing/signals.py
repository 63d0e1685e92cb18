"""Signal types: what a hash is, how to validate it and how to compare two of them.

Modelled on python-threatexchange's ``SignalType``: one small class per kind of hash, so formats,
banks and the web layer iterate over ``SIGNAL_TYPES`` instead of special-casing names. A new kind
(vPDQ, the video hash) is one class here plus its index.
"""

from __future__ import annotations

import re
from typing import ClassVar

from tipline.hashing.errors import InvalidHash

_HEX = re.compile(r"[0-9a-f]+")


class SignalType:
    """A kind of hash. Values are normalised strings (lower-case hex for every type so far)."""

    name: ClassVar[str]
    #: names the ThreatExchange tools and HMA use for the same signal, accepted on import
    aliases: ClassVar[tuple[str, ...]] = ()
    #: the name written for the ThreatExchange tools on export
    threatexchange_name: ClassVar[str]
    #: length of the normalised value in hexadecimal digits
    hex_digits: ClassVar[int]
    #: largest distance that still counts as a match; 0 for exact hashes
    default_threshold: ClassVar[int] = 0

    @classmethod
    def validate(cls, value: str) -> str:
        """The normalised value, or ``InvalidHash`` saying what is wrong."""
        normalised = value.strip().lower()
        if len(normalised) != cls.hex_digits or not _HEX.fullmatch(normalised):
            shown = value if len(value) <= 80 else value[:77] + "..."
            raise InvalidHash(f"{shown!r} is not a valid {cls.name} hash ({cls.hex_digits} hexadecimal digits)")
        return normalised

    @classmethod
    def distance(cls, a: str, b: str) -> int:
        """0 when equal; exact types answer 0 or 1."""
        return 0 if a == b else 1


class PdqSignal(SignalType):
    """Meta's PDQ photo hash: 256 bits, compared by Hamming distance (match at <= 31)."""

    name = "pdq"
    threatexchange_name = "pdq"
    hex_digits = 64
    default_threshold = 31

    @classmethod
    def distance(cls, a: str, b: str) -> int:
        return (int(a, 16) ^ int(b, 16)).bit_count()


class Md5Signal(SignalType):
    """MD5 of the file's bytes: finds exact copies only (any re-encoding changes it)."""

    name = "md5"
    aliases = ("video_md5", "photo_md5", "hash_md5")
    threatexchange_name = "video_md5"
    hex_digits = 32


class Sha256Signal(SignalType):
    """SHA-256 of the file's bytes: exact copies, and the evidence integrity hash."""

    name = "sha256"
    aliases = ("video_sha256", "hash_sha256")
    threatexchange_name = "video_sha256"
    hex_digits = 64


class VpdqSignal(SignalType):
    """Meta's vPDQ video hash: PDQ hashes of frames, a JSON array of ``"<hex>,<quality>,<seconds>"``
    (python-threatexchange's and HMA's ``vpdq`` signal). Matched by vPDQ's rule, see ``video.py``."""

    name = "vpdq"
    threatexchange_name = "vpdq"
    hex_digits = 0  # not a hex string
    default_threshold = 31  # per frame

    @classmethod
    def validate(cls, value: str) -> str:
        from tipline.hashing.video import parse_signal, signal_text

        return signal_text(parse_signal(value.strip()))

    @classmethod
    def distance(cls, a: str, b: str) -> int:
        """100 minus the lower of vPDQ's two match percentages (0: every frame matches both ways)."""
        from tipline.hashing.video import match_frames, parse_signal

        return round(100 - min(match_frames(parse_signal(a), parse_signal(b))))


SIGNAL_TYPES: dict[str, type[SignalType]] = {s.name: s for s in (PdqSignal, Md5Signal, Sha256Signal, VpdqSignal)}
_BY_ANY_NAME: dict[str, type[SignalType]] = {
    **{alias: s for s in SIGNAL_TYPES.values() for alias in s.aliases},
    **SIGNAL_TYPES,
}


def signal_type(name: str) -> type[SignalType]:
    """The signal type called ``name`` (ours or a ThreatExchange/HMA alias), or ``InvalidHash``."""
    found = _BY_ANY_NAME.get(name.strip().lower())
    if found is None:
        raise InvalidHash(f"unknown signal type {name!r} (known: {', '.join(sorted(_BY_ANY_NAME))})")
    return found

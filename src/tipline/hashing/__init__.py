"""Hash-to-block: PDQ and exact hashes of pictures, vPDQ of videos, hash banks, and the match index.

Only hashes leave this package; images are decoded in memory and dropped. Interoperates with
Meta's PDQ tools, python-threatexchange and the Hasher-Matcher-Actioner (same hex form, same
thresholds, their list formats).

    from tipline.hashing import hash_files, Banks
    rows = hash_files(["photo.jpg"])            # the `tipline hash` contract
    banks = Banks(); banks.bank("victims").add(1, "pdq", rows[0]["pdq"])
    banks.match("pdq", some_hash)               # -> [BankMatch(bank, id, ..., distance, variant)]
"""

from tipline.hashing.bank import Bank, BankMatch, Banks
from tipline.hashing.errors import (
    HashingError,
    ImageTooLarge,
    InvalidHash,
    LowQuality,
    NotAnImage,
    UnreadableFile,
)
from tipline.hashing.formats import SignalRecord, read_text, write
from tipline.hashing.hasher import FileHashes, ImageHashes, hash_bytes, hash_file, hash_files, hash_image
from tipline.hashing.index import PdqIndex, PdqMatch
from tipline.hashing.orientation import Dihedral
from tipline.hashing.pdq import MATCH_THRESHOLD, QUALITY_THRESHOLD, PdqHashes, hamming, pdq_hashes
from tipline.hashing.signals import SIGNAL_TYPES, SignalType, signal_type
from tipline.hashing.video import NotAVideo, VideoUnsupported, VpdqFrame, hash_video, parse_signal, signal_text

__all__ = [
    "MATCH_THRESHOLD",
    "QUALITY_THRESHOLD",
    "SIGNAL_TYPES",
    "Bank",
    "BankMatch",
    "Banks",
    "Dihedral",
    "FileHashes",
    "HashingError",
    "ImageHashes",
    "ImageTooLarge",
    "InvalidHash",
    "LowQuality",
    "NotAVideo",
    "NotAnImage",
    "PdqHashes",
    "PdqIndex",
    "PdqMatch",
    "SignalRecord",
    "SignalType",
    "UnreadableFile",
    "VideoUnsupported",
    "VpdqFrame",
    "hamming",
    "hash_bytes",
    "hash_file",
    "hash_files",
    "hash_image",
    "hash_video",
    "parse_signal",
    "pdq_hashes",
    "read_text",
    "signal_text",
    "signal_type",
    "write",
]

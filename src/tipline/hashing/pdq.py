"""PDQ hashes of pixels, with their quality and their eight dihedral variants.

The hashing itself is the C++ reference implementation through ``pdqhash`` (the binding
python-threatexchange and HMA use). What is here: the conversion to the 64-hex-digit form every
PDQ tool exchanges, the quality rule, and the Hamming distance.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pdqhash

from tipline.hashing.errors import LowQuality
from tipline.hashing.orientation import Dihedral

#: hashes of lower quality are refused (PDQ's documentation and python-threatexchange: unreliable)
QUALITY_THRESHOLD = 50
#: Hamming distance at or under which two hashes are the same picture (PDQ's recommended 31)
MATCH_THRESHOLD = 31
#: PDQ's conformance rule: on images of quality >= 80, within 10 bits of the reference hashes
REFERENCE_QUALITY = 80
REFERENCE_TOLERANCE = 10


@dataclass(frozen=True, slots=True)
class PdqHashes:
    """The PDQ hash of some pixels, its quality (0-100) and its dihedral variants."""

    hash: str
    quality: int
    dihedral: tuple[str, ...]  # 8 hashes, in ``Dihedral`` order; dihedral[0] == hash

    def variants(self) -> dict[Dihedral, str]:
        return {d: self.dihedral[d] for d in Dihedral}

    def check_quality(self, threshold: int = QUALITY_THRESHOLD) -> str:
        """The hash, or ``LowQuality`` when it is too poor to match on."""
        if self.quality < threshold:
            raise LowQuality(self.quality, threshold)
        return self.hash


def _hex(bits: np.ndarray) -> str:
    # pdqhash returns 256 ints, most significant bit first: the order of the reference hex form
    return np.packbits(bits.astype(np.uint8)).tobytes().hex()


def pdq_hashes(pixels: np.ndarray) -> PdqHashes:
    """PDQ of an (height, width, 3) uint8 RGB array, with the 8 dihedral variants.

    The variants come from sign flips of the same DCT (one decode, one filter pass) and cost
    about 10% more than the plain hash.
    """
    vectors, quality = pdqhash.compute_dihedral(pixels)
    dihedral = tuple(_hex(v) for v in vectors)
    return PdqHashes(dihedral[0], int(quality), dihedral)


def pdq_hash(pixels: np.ndarray) -> tuple[str, int]:
    """PDQ hash and quality of an (height, width, 3) uint8 RGB array."""
    vector, quality = pdqhash.compute(pixels)
    return _hex(vector), int(quality)


def hamming(a: str, b: str) -> int:
    """Bits that differ between two hashes given in hex."""
    return (int(a, 16) ^ int(b, 16)).bit_count()

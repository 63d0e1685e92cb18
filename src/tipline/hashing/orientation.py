"""The eight rotations and flips of an image (the dihedral group), EXIF orientation, and the
same transforms applied to a PDQ hash when only the hash is known.

Names follow PDQ's dihedral hashes (``pdqhash.compute_dihedral`` returns them in this order).
PDQ's "flip X" mirrors about the horizontal axis (upside down) and "flip Y" about the vertical
axis (left-right); checked against the reference bridge images in tests/test_hashing_pdq.py.
"""

from __future__ import annotations

from enum import IntEnum

import numpy as np
from PIL import Image


class Dihedral(IntEnum):
    """A rotation or flip of the pixels; the value is the position in PDQ's dihedral output."""

    ORIGINAL = 0
    ROTATE_90 = 1  # counter-clockwise, as Pillow's Transpose.ROTATE_90
    ROTATE_180 = 2
    ROTATE_270 = 3
    FLIP_X = 4  # upside down
    FLIP_Y = 5  # mirror left-right
    FLIP_PLUS_1 = 6  # transpose (about the main diagonal)
    FLIP_MINUS_1 = 7  # transverse (about the anti-diagonal)

    @property
    def label(self) -> str:
        return self.name.lower()


#: the Pillow operation that turns the original pixels into each variant
TRANSPOSE: dict[Dihedral, Image.Transpose | None] = {
    Dihedral.ORIGINAL: None,
    Dihedral.ROTATE_90: Image.Transpose.ROTATE_90,
    Dihedral.ROTATE_180: Image.Transpose.ROTATE_180,
    Dihedral.ROTATE_270: Image.Transpose.ROTATE_270,
    Dihedral.FLIP_X: Image.Transpose.FLIP_TOP_BOTTOM,
    Dihedral.FLIP_Y: Image.Transpose.FLIP_LEFT_RIGHT,
    Dihedral.FLIP_PLUS_1: Image.Transpose.TRANSPOSE,
    Dihedral.FLIP_MINUS_1: Image.Transpose.TRANSVERSE,
}

#: EXIF Orientation tag (0x0112) -> the transform a viewer applies to show the image upright
#: (the table of Pillow's ImageOps.exif_transpose); 1 is "as stored".
EXIF_ORIENTATION: dict[int, Dihedral] = {
    1: Dihedral.ORIGINAL,
    2: Dihedral.FLIP_Y,
    3: Dihedral.ROTATE_180,
    4: Dihedral.FLIP_X,
    5: Dihedral.FLIP_PLUS_1,
    6: Dihedral.ROTATE_270,
    7: Dihedral.FLIP_MINUS_1,
    8: Dihedral.ROTATE_90,
}
EXIF_ORIENTATION_TAG = 0x0112


def exif_orientation(image: Image.Image) -> int | None:
    """The image's EXIF orientation (1-8), or None when absent or malformed."""
    try:
        value = image.getexif().get(EXIF_ORIENTATION_TAG)
    except Exception:  # a broken EXIF block must not stop hashing the pixels
        return None
    return value if isinstance(value, int) and value in EXIF_ORIENTATION else None


# --- the same transforms on a hash ------------------------------------------------------------
# A PDQ hash has one bit per DCT coefficient (i, j) of a 16x16 block (frequencies 1..16, the DC term
# excluded): bit = coefficient > median. Flipping the image changes the sign of the coefficients
# with an odd frequency along the flipped axis; a transpose transposes the block. PDQ's reference
# does this on the float coefficients; from the bits alone a sign change becomes a bit inversion,
# which is exact only when the median is 0. Measured on the reference images: 0-14 bits from the
# true dihedral hash, 30 on one (c.png). So: exact variants when we have the pixels
# (pdq.PdqHashes.dihedral), these approximations when a partner sends only a hash.

_I = np.arange(16)[:, None]
_J = np.arange(16)[None, :]
_EVEN_I = np.broadcast_to(_I % 2 == 0, (16, 16))
_EVEN_J = np.broadcast_to(_J % 2 == 0, (16, 16))
_ODD_SUM = (_I + _J) % 2 == 1
_NONE = np.zeros((16, 16), dtype=bool)
# (bits to invert, then transpose?) following the reference dct16OriginalTo* functions
_HASH_TRANSFORMS: dict[Dihedral, tuple[np.ndarray, bool]] = {
    Dihedral.ORIGINAL: (_NONE, False),
    Dihedral.ROTATE_90: (_EVEN_J, True),
    Dihedral.ROTATE_180: (_ODD_SUM, False),
    Dihedral.ROTATE_270: (_EVEN_I, True),
    Dihedral.FLIP_X: (_EVEN_I, False),
    Dihedral.FLIP_Y: (_EVEN_J, False),
    Dihedral.FLIP_PLUS_1: (_NONE, True),
    Dihedral.FLIP_MINUS_1: (_ODD_SUM, True),
}


def _coefficient_bits(code: np.ndarray) -> np.ndarray:
    """32 bytes (hex order) -> 16x16 bools indexed like the DCT block.

    The hex string is bit 255 first; bit k belongs to coefficient (k // 16, k % 16).
    """
    return np.unpackbits(code)[::-1].reshape(16, 16).astype(bool)


def _code_from_bits(bits: np.ndarray) -> np.ndarray:
    return np.packbits(bits.reshape(-1)[::-1].astype(np.uint8))


def dihedral_codes(code: np.ndarray) -> np.ndarray:
    """The 8 variants (8 x 32 bytes, in ``Dihedral`` order) of one 32-byte PDQ code."""
    bits = _coefficient_bits(code)
    out = np.empty((8, 32), dtype=np.uint8)
    for variant, (invert, transpose) in _HASH_TRANSFORMS.items():
        b = bits ^ invert
        out[variant] = _code_from_bits(b.T if transpose else b)
    return out


def dihedral_hashes(hash_hex: str) -> dict[Dihedral, str]:
    """The 8 approximate variants of a PDQ hash given as 64 hex digits (see the note above)."""
    codes = dihedral_codes(np.frombuffer(bytes.fromhex(hash_hex), dtype=np.uint8))
    return {d: codes[d].tobytes().hex() for d in Dihedral}

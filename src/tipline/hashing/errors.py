"""Why a file or a hash was refused, in words a person can act on.

Every refusal is a ``HashingError`` (a ``ValueError``): callers catch one class and show
``str(error)``; the subclasses let a web layer pick a status code.
"""

from __future__ import annotations


class HashingError(ValueError):
    """A file that cannot be hashed, or a hash that cannot be used."""


class UnreadableFile(HashingError):
    """Missing, not a regular file, empty, or unreadable."""


class NotAnImage(HashingError):
    """The bytes are not an image that Pillow can decode (or are corrupt or truncated)."""


class ImageTooLarge(HashingError):
    """Too many pixels or too many bytes: refused before decoding (decompression bombs)."""


class LowQuality(HashingError):
    """PDQ quality under the threshold: the hash would match unrelated images."""

    def __init__(self, quality: int, threshold: int) -> None:
        super().__init__(
            f"PDQ quality {quality} is below {threshold}: the image has too little detail (blank, "
            "nearly uniform or tiny) for its hash to match reliably; use its MD5/SHA-256 instead"
        )
        self.quality = quality
        self.threshold = threshold


class InvalidHash(HashingError):
    """A hash string of the wrong shape for its signal type."""

"""Files -> their hashes: what ``tipline hash`` prints and what a bank stores.

For a victim's picture we keep two PDQ hashes. The reference tools hash the pixels as stored and
ignore EXIF orientation, but a platform may re-encode the picture as it is displayed (rotated
upright); when the file carries an orientation other than 1 we also hash it as displayed.
Rotations and flips made by someone else are caught at match time (dihedral variants).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from tipline.hashing.decode import decode
from tipline.hashing.errors import HashingError, ImageTooLarge, LowQuality
from tipline.hashing.files import MAX_FILE_BYTES, Digests, digests, file_digests, read_file
from tipline.hashing.orientation import EXIF_ORIENTATION, Dihedral
from tipline.hashing.pdq import QUALITY_THRESHOLD, PdqHashes, pdq_hash, pdq_hashes
from tipline.hashing.video import file_head, hash_video, looks_like_video


@dataclass(frozen=True, slots=True)
class ImageHashes:
    """PDQ hashes of one picture: as stored, as displayed, and the stored pixels' variants."""

    pdq: PdqHashes
    orientation: int | None
    pdq_oriented: str | None  # as displayed; None when there is no EXIF rotation or flip

    @property
    def quality(self) -> int:
        return self.pdq.quality


def _transpose(pixels: np.ndarray, variant: Dihedral) -> np.ndarray:
    """``pixels`` as Pillow's ``Image.transpose`` with the same operation would give them."""
    match variant:
        case Dihedral.ROTATE_90:
            out = np.rot90(pixels, 1)
        case Dihedral.ROTATE_180:
            out = np.rot90(pixels, 2)
        case Dihedral.ROTATE_270:
            out = np.rot90(pixels, 3)
        case Dihedral.FLIP_X:
            out = pixels[::-1]
        case Dihedral.FLIP_Y:
            out = pixels[:, ::-1]
        case Dihedral.FLIP_PLUS_1:
            out = pixels.transpose(1, 0, 2)
        case Dihedral.FLIP_MINUS_1:
            out = np.rot90(pixels, 2).transpose(1, 0, 2)
        case _:
            out = pixels
    return np.ascontiguousarray(out)


def hash_image(data: bytes) -> ImageHashes:
    """PDQ hashes of image bytes (any quality; callers decide what to refuse)."""
    decoded = decode(data)
    hashes = pdq_hashes(decoded.pixels)
    displayed = EXIF_ORIENTATION.get(decoded.orientation or 1, Dihedral.ORIGINAL)
    oriented = None
    if displayed is not Dihedral.ORIGINAL:
        # hash the rotated pixels rather than take the dihedral variant: this is what a platform
        # that re-encodes the upright picture computes (the two differ by up to ~18 bits)
        oriented, _ = pdq_hash(_transpose(decoded.pixels, displayed))
    return ImageHashes(hashes, decoded.orientation, oriented)


@dataclass(frozen=True, slots=True)
class FileHashes:
    """One line of ``tipline hash``: every field the JSON output has, in order."""

    file: str
    pdq: str | None
    pdq_oriented: str | None
    quality: int | None
    md5: str | None
    sha256: str | None
    error: str | None = None
    #: the 8 dihedral variants of ``pdq`` (for matching; not printed)
    dihedral: tuple[str, ...] = ()
    #: a video's vPDQ frames, ``"<hex>,<quality>,<seconds>"`` as the ThreatExchange tools write
    #: them (printed for videos only)
    vpdq: tuple[str, ...] | None = None

    def as_dict(self) -> dict[str, str | int | list[str] | None]:
        out = asdict(self)
        del out["dihedral"]
        if self.vpdq is None:
            del out["vpdq"]
        else:
            out["vpdq"] = list(self.vpdq)
        return out


def hash_bytes(data: bytes, name: str = "", *, min_quality: int = QUALITY_THRESHOLD) -> FileHashes:
    """Hashes of a file already in memory (an upload). Never raises for bad content."""
    exact: Digests = digests(data)
    try:
        image = hash_image(data)
        image.pdq.check_quality(min_quality)
    except LowQuality as e:
        return FileHashes(name, None, None, e.quality, exact.md5, exact.sha256, str(e))
    except HashingError as e:
        return FileHashes(name, None, None, None, exact.md5, exact.sha256, str(e))
    return FileHashes(name, image.pdq.hash, image.pdq_oriented, image.quality, exact.md5, exact.sha256,
                      None, image.pdq.dihedral)


def hash_file(path: Path | str, *, min_quality: int = QUALITY_THRESHOLD,
              max_bytes: int = MAX_FILE_BYTES) -> FileHashes:
    """Hashes of one file; problems are reported in ``error``, never raised."""
    path = Path(path)
    name = str(path)
    try:
        if looks_like_video(file_head(path)):
            return _hash_video_file(path, name)
        data = read_file(path, max_bytes)
    except ImageTooLarge as e:
        try:  # too big to decode, but the exact hashes still identify a copy
            exact = file_digests(path)
        except HashingError:
            return FileHashes(name, None, None, None, None, None, str(e))
        return FileHashes(name, None, None, None, exact.md5, exact.sha256, str(e))
    except HashingError as e:
        return FileHashes(name, None, None, None, None, None, str(e))
    return hash_bytes(data, name, min_quality=min_quality)


def _hash_video_file(path: Path, name: str) -> FileHashes:
    """A video: exact hashes of the file (streamed, any size) and its vPDQ frames."""
    exact = file_digests(path)
    try:
        frames = hash_video(path)
    except HashingError as e:
        return FileHashes(name, None, None, None, exact.md5, exact.sha256, str(e))
    return FileHashes(name, None, None, None, exact.md5, exact.sha256, None, vpdq=tuple(str(f) for f in frames))


def hash_files(paths: Iterable[Path | str]) -> list[dict[str, str | int | None]]:
    """The ``tipline hash`` contract: one dict per file, in order.

    Keys: ``file``, ``pdq`` (64 hex digits, pixels as stored), ``pdq_oriented`` (as displayed when
    the file has an EXIF rotation/flip, else None), ``quality``, ``md5``, ``sha256``, ``error``
    (None, or why ``pdq`` is None); for a video, ``pdq`` is None and ``vpdq`` holds its frames.
    """
    return [hash_file(p).as_dict() for p in paths]

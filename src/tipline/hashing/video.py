"""vPDQ: Meta's video hash, one PDQ hash a second of video, and its matching rule.

Hashing is the ``vpdq`` package (Meta's C++ vPDQ over FFmpeg's libraries); it is an optional
dependency (``pip install 'tipline[video]'``, which needs FFmpeg's development packages to build),
so it is imported only when a video is hashed.

The signal is what python-threatexchange and HMA exchange for their ``vpdq`` signal type: a JSON
array of ``"<pdq hex>,<quality>,<timestamp in seconds>"`` strings, one a hashed frame. We write it
without spaces, so that it is one word on a ThreatExchange signal line.

Matching is vPDQ's own rule (python-threatexchange's brute-force matcher, HMA's defaults): drop
frames of quality < 50 and repeated frame hashes on both sides; a frame matches when some frame of
the other video is within PDQ distance 31; the query-match percentage is the share of the query's
frames that match the bank video, the compared-match percentage the share of the bank video's
frames that match the query. A bank video matches when the first is at least 80 % and the second at
least 0 % (both configurable). The frames of every bank video go into one ``PdqIndex``, so a query
costs one PDQ search a frame, not a comparison with every video.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from tipline.hashing.errors import HashingError, InvalidHash, UnreadableFile
from tipline.hashing.files import _open_regular

QUALITY_THRESHOLD = 50
DISTANCE_THRESHOLD = 31
QUERY_MATCH_PERCENT = 80.0
COMPARED_MATCH_PERCENT = 0.0
SECONDS_PER_HASH = 1.0  # the vPDQ tools' default
#: the largest signal accepted (a 24-hour video at one hash a second is ~6.5 MB)
MAX_SIGNAL_CHARS = 8_000_000
_HEX_DIGITS = 64


class NotAVideo(HashingError):
    """The file cannot be decoded as a video."""


class VideoUnsupported(HashingError):
    """vPDQ is not installed here."""


@dataclass(frozen=True, slots=True)
class VpdqFrame:
    """One hashed frame: its PDQ hash, PDQ quality and time in the video."""

    hash: str
    quality: int
    timestamp: float

    def __str__(self) -> str:
        return f"{self.hash},{self.quality},{self.timestamp:.3f}"

    @classmethod
    def parse(cls, text: str) -> VpdqFrame:
        """``"<hex>,<quality>,<timestamp>"`` (the ThreatExchange form), or ``InvalidHash``."""
        parts = text.split(",") if isinstance(text, str) else []
        try:
            hex_, quality, timestamp = (p.strip() for p in parts)
            frame = cls(hex_.lower(), int(quality), float(timestamp))
        except ValueError:
            shown = repr(text)[:80]
            raise InvalidHash(f"{shown} is not a vPDQ frame ('<64 hex digits>,<quality>,<seconds>')") from None
        if len(frame.hash) != _HEX_DIGITS or not _is_hex(frame.hash):
            raise InvalidHash(f"vPDQ frame hash {frame.hash[:80]!r} is not 64 hexadecimal digits")
        if not 0 <= frame.quality <= 100:
            raise InvalidHash(f"vPDQ frame quality {frame.quality} is not between 0 and 100")
        if not (math.isfinite(frame.timestamp) and 0 <= frame.timestamp < 1e9):
            raise InvalidHash(f"vPDQ frame timestamp {timestamp} is not a time in seconds")
        return frame


def _is_hex(text: str) -> bool:
    try:
        bytes.fromhex(text)
    except ValueError:
        return False
    return text.isascii() and " " not in text


def parse_signal(value: str | Sequence[str]) -> list[VpdqFrame]:
    """A vPDQ signal (its JSON text, or the list itself) as frames; ``InvalidHash`` when malformed."""
    if isinstance(value, str):
        if len(value) > MAX_SIGNAL_CHARS:
            raise InvalidHash(f"a vPDQ signal of more than {MAX_SIGNAL_CHARS:,} characters")
        try:
            value = json.loads(value)
        except (json.JSONDecodeError, RecursionError):
            raise InvalidHash("a vPDQ signal is a JSON array of '<hex>,<quality>,<seconds>' strings") from None
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise InvalidHash("a vPDQ signal is a JSON array of '<hex>,<quality>,<seconds>' strings")
    if not value:
        raise InvalidHash("a vPDQ signal without any frame")
    return [VpdqFrame.parse(v) for v in value]


def signal_text(frames: Iterable[VpdqFrame]) -> str:
    """The canonical signal: compact JSON, as python-threatexchange reads it."""
    return json.dumps([str(f) for f in frames], separators=(",", ":"))


def signal_key(frames: Iterable[VpdqFrame]) -> str:
    """A short name of a signal (16 hex digits of the SHA-256 of its canonical text)."""
    return hashlib.sha256(signal_text(frames).encode()).hexdigest()[:16]


def usable(frames: Iterable[VpdqFrame], quality: int = QUALITY_THRESHOLD) -> list[str]:
    """The frame hashes that take part in matching: quality high enough, each hash once."""
    seen: dict[str, None] = {}
    for f in frames:
        if f.quality >= quality:
            seen.setdefault(f.hash)
    return list(seen)


# --- files ------------------------------------------------------------------------------------

_MAGIC = (
    (4, b"ftyp"),  # MP4, MOV, 3GP, M4V (ISO base media)
    (0, b"\x1a\x45\xdf\xa3"),  # Matroska, WebM
    (0, b"FLV"),
    (0, b"YUV4MPEG2 "),
    (0, b"\x00\x00\x01\xba"),  # MPEG program stream
    (0, b"\x00\x00\x01\xb3"),  # MPEG-1/2 video
)


def looks_like_video(head: bytes) -> bool:
    """Whether the first bytes of a file are those of a video container (not of an image)."""
    if any(head[at : at + len(magic)] == magic for at, magic in _MAGIC):
        return not (head[4:8] == b"ftyp" and head[8:12] in (b"heic", b"heix", b"mif1", b"msf1", b"avif", b"heim"))
    if head[:4] == b"RIFF" and head[8:12] == b"AVI ":
        return True
    if head[:4] == b"OggS":
        return True
    return len(head) >= 189 and head[0] == 0x47 and head[188] == 0x47  # MPEG transport stream


def file_head(path: Path, size: int = 192) -> bytes:
    fd = _open_regular(path)
    with open(fd, "rb") as fh:
        return fh.read(size)


def hash_video(path: Path | str, *, seconds_per_hash: float = SECONDS_PER_HASH) -> list[VpdqFrame]:
    """vPDQ frames of a video file (``HashingError`` subclasses when it cannot be hashed)."""
    try:
        import vpdq
    except ImportError:
        raise VideoUnsupported("vPDQ is not installed here (pip install 'tipline[video]'; it builds against "
                               "FFmpeg's development libraries)") from None
    path = Path(path)
    os.close(_open_regular(path))  # the same refusals as for pictures (missing, a FIFO, a directory)
    try:
        features = vpdq.computeHash(str(path), seconds_per_hash=seconds_per_hash, thread_count=1)
    except ValueError as e:
        raise UnreadableFile(str(e)) from None
    except Exception:  # vpdq raises a bare Exception when FFmpeg cannot open or decode the file
        raise NotAVideo("not a video that FFmpeg can decode (or it is corrupt)") from None
    if not features:
        raise NotAVideo("no frame could be decoded from this video")
    return [VpdqFrame(f.hex, int(f.quality), float(f.timestamp)) for f in features]


# --- matching ---------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class VideoMatch:
    """A bank video matched by a query video, with vPDQ's two percentages."""

    id: int
    key: str
    query_match_percent: float
    compared_match_percent: float


def match_frames(query: Sequence[VpdqFrame], compared: Sequence[VpdqFrame], *,
                 distance: int = DISTANCE_THRESHOLD, quality: int = QUALITY_THRESHOLD) -> tuple[float, float]:
    """vPDQ's brute-force rule for two videos: (query-match %, compared-match %). The reference."""
    a = np.array([np.frombuffer(bytes.fromhex(h), np.uint8) for h in usable(query, quality)]).reshape(-1, 32)
    b = np.array([np.frombuffer(bytes.fromhex(h), np.uint8) for h in usable(compared, quality)]).reshape(-1, 32)
    if not len(a) or not len(b):
        return 0.0, 0.0
    close = np.unpackbits(a[:, None, :] ^ b[None, :, :], axis=2).sum(axis=2) <= distance
    return 100.0 * close.any(axis=1).sum() / len(a), 100.0 * close.any(axis=0).sum() / len(b)


class VpdqIndex:
    """Bank videos, their usable frames in one ``PdqIndex``. Thread-safe."""

    def __init__(self) -> None:
        from tipline.hashing.index import PdqIndex  # here: index imports faiss

        self._frames = PdqIndex()
        self._frame_video: list[int] = []  # frame serial (its id in the PdqIndex) -> video id
        self._videos: dict[int, tuple[str, dict[str, int]]] = {}  # video id -> (key, usable hash -> serial)
        self._lock = threading.RLock()

    def __len__(self) -> int:
        return len(self._videos)

    def add(self, video_id: int, key: str, frames: Sequence[VpdqFrame]) -> None:
        """Add a video, or more frames of one already there (same id): its store rows may come in parts."""
        with self._lock:
            _, serials = self._videos.setdefault(video_id, (key, {}))
            new = [h for h in usable(frames) if h not in serials]
            start = len(self._frame_video)
            for offset, h in enumerate(new):
                serials[h] = start + offset
            self._frame_video += [video_id] * len(new)
            if new:
                self._frames.add(np.arange(start, start + len(new)), new)

    def remove(self, video_ids: Iterable[int]) -> int:
        """Forget these videos. Returns how many there were."""
        with self._lock:
            gone = [self._videos.pop(v) for v in set(video_ids) if v in self._videos]
            self._frames.remove([s for _, serials in gone for s in serials.values()])
            return len(gone)

    def match(self, frames: Sequence[VpdqFrame], *, distance: int = DISTANCE_THRESHOLD,
              query_percent: float = QUERY_MATCH_PERCENT,
              compared_percent: float = COMPARED_MATCH_PERCENT) -> list[VideoMatch]:
        """Bank videos matching a query video by vPDQ's rule, best first."""
        query = usable(frames)
        if not query:
            return []
        matched_query: dict[int, set[int]] = {}  # video -> query frames that match it
        matched_bank: dict[int, set[int]] = {}  # video -> its frames that match the query
        with self._lock:
            for q, h in enumerate(query):
                for m in self._frames.search(h, distance, dihedral=False):
                    video = self._frame_video[m.id]
                    matched_query.setdefault(video, set()).add(q)
                    matched_bank.setdefault(video, set()).add(m.id)
            out = []
            for video, qs in matched_query.items():
                key, serials = self._videos[video]
                qp, cp = 100.0 * len(qs) / len(query), 100.0 * len(matched_bank[video]) / len(serials)
                if qp >= query_percent and cp >= compared_percent:
                    out.append(VideoMatch(video, key, round(qp, 2), round(cp, 2)))
        out.sort(key=lambda m: (-m.query_match_percent, -m.compared_match_percent, m.id))
        return out

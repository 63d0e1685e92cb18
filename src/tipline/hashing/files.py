"""Reading a file safely and its exact hashes (MD5, SHA-256).

Safe means: only regular files (a FIFO or a device would block or never end), a size cap before
anything is read into memory, and errors that say what is wrong with *this* file.
"""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from tipline.hashing.errors import ImageTooLarge, UnreadableFile

#: the largest file read into memory for hashing; phone photos are 2-20 MB, PNG screenshots less
MAX_FILE_BYTES = 64 * 1024 * 1024
_CHUNK = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Digests:
    """The exact hashes of a file's bytes."""

    md5: str
    sha256: str
    size: int


def digests(data: bytes) -> Digests:
    return Digests(hashlib.md5(data, usedforsecurity=False).hexdigest(), hashlib.sha256(data).hexdigest(), len(data))


def _open_regular(path: Path) -> int:
    # O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer forever
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        raise UnreadableFile("no such file") from None
    except IsADirectoryError:
        raise UnreadableFile("is a directory, not a file") from None
    except PermissionError:
        raise UnreadableFile("permission denied") from None
    except OSError as e:
        raise UnreadableFile(f"cannot be opened ({e.strerror or e})") from None
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        raise UnreadableFile("is a directory, not a file" if stat.S_ISDIR(mode)
                             else "not a regular file (a pipe, device or socket)")
    return fd


def read_file(path: Path, max_bytes: int = MAX_FILE_BYTES) -> bytes:
    """The whole file, or ``UnreadableFile`` / ``ImageTooLarge`` (messages name no path: callers do)."""
    fd = _open_regular(path)
    with os.fdopen(fd, "rb") as fh:
        size = os.fstat(fh.fileno()).st_size
        if size == 0:
            raise UnreadableFile("the file is empty (0 bytes)")
        if size > max_bytes:
            raise ImageTooLarge(f"{size / 2**20:.0f} MiB is more than the {max_bytes / 2**20:.0f} MiB "
                                "read for perceptual hashing")
        try:
            data = fh.read(max_bytes + 1)  # + 1: the file may have grown since fstat
        except OSError as e:
            raise UnreadableFile(f"read error ({e.strerror or e})") from None
    if len(data) > max_bytes:
        raise ImageTooLarge(f"more than the {max_bytes / 2**20:.0f} MiB read for perceptual hashing")
    if not data:
        raise UnreadableFile("the file is empty (0 bytes)")
    return data


def file_digests(path: Path) -> Digests:
    """MD5 and SHA-256 of a file of any size, streamed (for files too large to decode)."""
    fd = _open_regular(path)
    md5, sha256, size = hashlib.md5(usedforsecurity=False), hashlib.sha256(), 0
    with os.fdopen(fd, "rb") as fh:
        while chunk := fh.read(_CHUNK):
            md5.update(chunk)
            sha256.update(chunk)
            size += len(chunk)
    return Digests(md5.hexdigest(), sha256.hexdigest(), size)

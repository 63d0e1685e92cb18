"""Bad input gets a clear error, never a crash or a hang; odd but valid images hash."""

from __future__ import annotations

import io
import os
import struct
import zlib
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from tipline.hashing import ImageTooLarge, NotAnImage, hash_bytes, hash_file, hash_files
from tipline.hashing.decode import MAX_PIXELS, decode
from tipline.hashing.files import read_file

KEYS = ["file", "pdq", "pdq_oriented", "quality", "md5", "sha256", "error"]


def photo(size=(640, 480), mode="RGB", fmt="JPEG", **save) -> bytes:
    """A textured picture (quality 100) in any mode and format."""
    rng = np.random.default_rng(3)
    small = rng.integers(0, 256, (12, 16, 3), dtype=np.uint8)
    image = Image.fromarray(small).resize(size, Image.Resampling.BICUBIC)
    if mode != "RGB":
        image = image.convert(mode)
    buffer = io.BytesIO()
    image.save(buffer, fmt, **save)
    return buffer.getvalue()


def png_header_only(width: int, height: int) -> bytes:
    """A PNG that claims width x height pixels: a decompression bomb in a few bytes."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\0" * 64)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_contract_of_hash_files(tmp_path):
    good = write(tmp_path, "good.jpg", photo())
    [row] = hash_files([good])
    assert list(row) == KEYS
    assert len(row["pdq"]) == 64 and row["pdq_oriented"] is None and row["quality"] == 100
    assert len(row["md5"]) == 32 and len(row["sha256"]) == 64 and row["error"] is None


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.jpg", b"", "empty"),
        ("notes.txt", b"Hello, this is not an image\n" * 10, "not an image"),
        ("random.jpg", os.urandom(5000), "not an image"),
        ("truncated.jpg", photo()[:3000], "truncated"),
        ("truncated.png", photo(fmt="PNG")[:2000], "corrupt"),
        ("corrupt-middle.jpg", (lambda b: b[:600] + os.urandom(400) + b[1000:1200])(photo()), "corrupt"),
        ("bomb.png", png_header_only(12_000, 12_000), "decompression bomb"),
        ("pillow-bomb.png", png_header_only(100_000, 100_000), "decompression bomb"),
        ("header-only.gif", b"GIF89a\x10\x00\x10\x00\x00\x00\x00", "corrupt"),
    ],
)
def test_bad_files_get_a_clear_error(tmp_path, name, data, message):
    [row] = hash_files([write(tmp_path, name, data)])
    assert row["pdq"] is None and row["pdq_oriented"] is None
    assert message in row["error"].lower()
    if data:  # the exact hashes of any readable file are still given
        assert row["md5"] and row["sha256"]


def test_missing_directory_fifo_and_device_do_not_hang(tmp_path):
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)  # opening it for reading would block for ever without O_NONBLOCK
    rows = hash_files([tmp_path / "missing.jpg", tmp_path, fifo, Path("/dev/zero")])
    assert [r["error"] for r in rows] == [
        "no such file",
        "is a directory, not a file",
        "not a regular file (a pipe, device or socket)",
        "not a regular file (a pipe, device or socket)",
    ]
    assert all(r["md5"] is None for r in rows)


def test_too_many_bytes_still_gets_exact_hashes(tmp_path):
    path = write(tmp_path, "big.jpg", photo())
    row = hash_file(path, max_bytes=1000)
    assert row.pdq is None and "MiB" in row.error and row.sha256 and row.md5
    with pytest.raises(ImageTooLarge):
        read_file(path, max_bytes=1000)


def test_decompression_bomb_refused_before_decoding():
    with pytest.raises(ImageTooLarge):
        decode(png_header_only(12_000, 12_000))  # 144 MP
    with pytest.raises(ImageTooLarge, match="megapixels"):  # our own check, whatever Pillow's limit
        decode(photo(), max_pixels=1000)
    assert Image.MAX_IMAGE_PIXELS >= MAX_PIXELS  # large phone photos pass Pillow's own guard
    with pytest.raises(NotAnImage):
        decode(png_header_only(100, 100))  # small, but its pixel data is missing


@pytest.mark.parametrize(
    ("mode", "fmt"),
    [("L", "JPEG"), ("CMYK", "JPEG"), ("RGBA", "PNG"), ("LA", "PNG"), ("P", "PNG"), ("P", "GIF"),
     ("1", "PNG"), ("I;16", "PNG"), ("I", "TIFF"), ("F", "TIFF"), ("RGB", "WEBP"), ("RGB", "BMP")],
)
def test_every_common_mode_and_format_hashes(mode, fmt):
    result = hash_bytes(photo(mode=mode, fmt=fmt))
    assert result.error is None, result.error
    reference = hash_bytes(photo(fmt="PNG"))
    if mode not in ("1", "P"):  # two-colour and palette versions are different pictures
        assert bin(int(result.pdq, 16) ^ int(reference.pdq, 16)).count("1") <= 31


@pytest.mark.parametrize("size", [(1, 1), (2, 3), (64, 1), (1, 5000)])
def test_tiny_and_thin_images_do_not_crash(size):
    data = photo(size=size, fmt="PNG")
    result = hash_bytes(data)
    assert result.md5 and (result.pdq is not None or "below 50" in result.error)


def test_blank_image_is_low_quality():
    buffer = io.BytesIO()
    Image.new("RGB", (300, 200), (120, 120, 120)).save(buffer, "PNG")
    result = hash_bytes(buffer.getvalue())
    assert result.pdq is None and result.quality == 0 and "below 50" in result.error


def test_animated_gif_hashes_its_first_frame():
    frames = [Image.new("RGB", (80, 60), c) for c in ("red", "blue")]
    frames[0] = Image.open(io.BytesIO(photo(size=(80, 60), fmt="PNG"))).convert("RGB")
    buffer = io.BytesIO()
    frames[0].save(buffer, "GIF", save_all=True, append_images=frames[1:])
    assert hash_bytes(buffer.getvalue()).pdq is not None

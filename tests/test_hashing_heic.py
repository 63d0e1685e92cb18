"""HEIC/HEIF photos (what phones save) hash like any other picture."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

from tipline.hashing import hash_bytes, hash_file

pillow_heif = pytest.importorskip("pillow_heif")  # a dependency; the skip only protects odd installs


def picture() -> Image.Image:
    rng = np.random.default_rng(8)
    return Image.fromarray(rng.integers(0, 256, (15, 20, 3), dtype=np.uint8)).resize((800, 600),
                                                                                   Image.Resampling.BICUBIC)


def test_a_heic_photo_hashes_close_to_the_same_picture_in_png(tmp_path):
    image = picture()
    heic = io.BytesIO()
    pillow_heif.from_pillow(image).save(heic, quality=85)  # HEVC, lossy, made by libheif itself
    assert heic.getvalue()[4:12] == b"ftypheic"
    path = tmp_path / "IMG_0001.HEIC"
    path.write_bytes(heic.getvalue())
    png = io.BytesIO()
    image.save(png, "PNG")
    from_heic, from_png = hash_file(path), hash_bytes(png.getvalue())
    assert from_heic.error is None and from_heic.quality >= 50 and from_heic.vpdq is None
    assert (int(from_heic.pdq, 16) ^ int(from_png.pdq, 16)).bit_count() <= 10


def test_a_truncated_heic_is_a_clear_error(tmp_path):
    heic = io.BytesIO()
    pillow_heif.from_pillow(picture()).save(heic, quality=85)
    path = tmp_path / "cut.heic"
    path.write_bytes(heic.getvalue()[: len(heic.getvalue()) // 2])
    result = hash_file(path)
    assert result.pdq is None and result.error and len(result.sha256) == 64

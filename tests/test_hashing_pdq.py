"""PDQ against the reference implementations' published hashes, orientation and dihedral variants."""

from __future__ import annotations

import csv
import io

import numpy as np
import pytest
from PIL import Image, ImageOps

from conftest import SHARED, need
from tipline.hashing import Dihedral, hamming, hash_bytes, hash_file, hash_image
from tipline.hashing.decode import decode, fit
from tipline.hashing.orientation import EXIF_ORIENTATION, TRANSPOSE, dihedral_hashes
from tipline.hashing.pdq import REFERENCE_QUALITY, REFERENCE_TOLERANCE, pdq_hash

PDQ_DATA = SHARED / "data" / "pdq"
IMAGES = PDQ_DATA / "images"
REFERENCE = PDQ_DATA / "reference_hashes.csv"
BRIDGES = [
    ("bridge-1-original.jpg", Dihedral.ORIGINAL),
    ("bridge-2-rotate-90.jpg", Dihedral.ROTATE_90),
    ("bridge-3-rotate-180.jpg", Dihedral.ROTATE_180),
    ("bridge-4-rotate-270.jpg", Dihedral.ROTATE_270),
    ("bridge-5-flipx.jpg", Dihedral.FLIP_X),
    ("bridge-6-flipy.jpg", Dihedral.FLIP_Y),
    ("bridge-7-flip-plus-1.jpg", Dihedral.FLIP_PLUS_1),
    ("bridge-8-flip-minus-1.jpg", Dihedral.FLIP_MINUS_1),
]


def _reference_rows() -> list[dict[str, str]]:
    if not REFERENCE.exists():
        return []
    with REFERENCE.open(newline="") as fh:
        return list(csv.DictReader(fh))


ROWS = _reference_rows()


@pytest.fixture(scope="module")
def hashed() -> dict[str, object]:
    """Each reference image hashed once for the whole module."""
    need(IMAGES.is_dir(), f"{IMAGES} is absent")
    return {p.name: hash_image(p.read_bytes()) for p in sorted(IMAGES.iterdir())}


def test_every_reference_row_is_tested():
    need(REFERENCE.exists(), f"{REFERENCE} is absent")
    assert len(ROWS) >= 40
    assert {r["implementation"] for r in ROWS} == {"cpp", "python", "wasm"}


@pytest.mark.parametrize("row", ROWS, ids=[f"{r['implementation']}-{r['file']}" for r in ROWS])
def test_within_10_bits_of_the_reference_implementations(row, hashed):
    """PDQ's conformance rule. EXIF-rotated files are compared as stored, as the references hash them."""
    ours = hashed[row["file"]]
    distance = hamming(ours.pdq.hash, row["hash_hex"])
    if ours.quality < REFERENCE_QUALITY:
        # q0003/q0004 (quality 3-4): nearly blank, the rule does not apply and such hashes are refused
        assert ours.quality < 50
        return
    assert distance <= REFERENCE_TOLERANCE, f"{row['file']}: {distance} bits from the {row['implementation']} hash"


def test_published_quality_agrees(hashed):
    for row in ROWS:
        if row["quality"]:
            assert abs(hashed[row["file"]].quality - int(row["quality"])) <= 5


@pytest.mark.parametrize(("name", "variant"), BRIDGES)
def test_dihedral_variants_of_the_original_are_the_reference_bridge_hashes(name, variant, hashed):
    """PDQ's eight rotations/flips computed from bridge-1 match the hashes of the rotated files,
    which also pins the naming (Dihedral.FLIP_X is upside down, and so on)."""
    published = {r["file"]: r["hash_hex"] for r in ROWS if r["implementation"] == "cpp"}
    original = hashed["bridge-1-original.jpg"].pdq
    distances = [hamming(h, published[name]) for h in original.dihedral]
    assert distances[variant] <= REFERENCE_TOLERANCE
    assert min(d for i, d in enumerate(distances) if i != variant) > 90  # and no other variant is close


def test_pillow_transposes_map_to_the_dihedral_variants(hashed):
    pixels = decode((IMAGES / "bridge-1-original.jpg").read_bytes()).pixels
    original = hashed["bridge-1-original.jpg"].pdq
    for variant, op in TRANSPOSE.items():
        image = Image.fromarray(pixels)
        rotated = np.asarray(image.transpose(op) if op is not None else image)
        assert hamming(pdq_hash(rotated)[0], original.dihedral[variant]) <= 20, variant


def test_hash_only_variants_approximate_the_pixel_ones(hashed):
    """When a partner sends only a hash, its rotations are derived from the bits (approximate)."""
    for name in ("bridge-1-original.jpg", "exif-rotn-1.jpg", "pen-and-coaster.png", "wee.jpg"):
        exact = hashed[name].pdq
        approx = dihedral_hashes(exact.hash)
        assert approx[Dihedral.ORIGINAL] == exact.hash
        assert max(hamming(approx[d], exact.dihedral[d]) for d in Dihedral) <= 16, name


def test_exif_rotated_photo_keeps_both_hashes(hashed):
    stored = hashed["exif-rotn-6.jpg"]
    assert stored.orientation == 6
    assert stored.pdq_oriented is not None
    assert hamming(stored.pdq.hash, stored.pdq_oriented) > 64  # really a different picture to PDQ
    # as displayed == what a platform re-encoding the upright image computes
    upright = ImageOps.exif_transpose(Image.open(IMAGES / "exif-rotn-6.jpg"))
    buffer = io.BytesIO()
    upright.save(buffer, "JPEG", quality=92)
    assert hamming(hash_image(buffer.getvalue()).pdq.hash, stored.pdq_oriented) <= REFERENCE_TOLERANCE
    assert hashed["exif-rotn-1.jpg"].orientation == 1
    assert hashed["exif-rotn-1.jpg"].pdq_oriented is None  # orientation 1: as displayed == as stored


@pytest.mark.parametrize("orientation", range(2, 9))
def test_every_exif_orientation(orientation, tmp_path):
    """A small landscape picture saved with each orientation tag: pdq_oriented is its upright hash."""
    need(IMAGES.is_dir(), f"{IMAGES} is absent")
    base = Image.open(IMAGES / "bridge-1-original.jpg").convert("RGB").resize((400, 251))
    exif = Image.Exif()
    exif[0x0112] = orientation
    path = tmp_path / f"o{orientation}.jpg"
    base.save(path, "JPEG", quality=95, exif=exif)
    result = hash_file(path)
    upright = ImageOps.exif_transpose(Image.open(path))
    expected, _ = pdq_hash(np.asarray(upright.convert("RGB")))
    assert hamming(result.pdq_oriented, expected) <= REFERENCE_TOLERANCE, EXIF_ORIENTATION[orientation]
    assert hamming(result.pdq, pdq_hash(np.asarray(base))[0]) <= REFERENCE_TOLERANCE


def test_decoding_stops_at_the_size_pdq_needs(hashed):
    decoded = decode((IMAGES / "exif-rotn-1.jpg").read_bytes())
    assert (decoded.width, decoded.height) == (4032, 3024)
    assert decoded.pixels.shape == (384, 512, 3)
    assert fit(100, 50) == (100, 50)  # never enlarged


def test_low_quality_is_refused_with_a_reason(hashed):
    result = hash_bytes((IMAGES / "q0003.jpg").read_bytes(), "q0003.jpg")
    assert result.pdq is None and result.quality == 3
    assert "below 50" in result.error
    assert result.md5 and result.sha256  # exact hashes still identify copies

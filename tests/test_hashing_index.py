"""The PDQ match index (brute force and multi-index hashing) and banks."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import SHARED, need
from tipline.hashing import Banks, Dihedral, InvalidHash, LowQuality, PdqIndex, hash_file
from tipline.hashing.index import codes_from_hex

IMAGES = SHARED / "data" / "pdq" / "images"
BRIDGES = ["bridge-2-rotate-90.jpg", "bridge-3-rotate-180.jpg", "bridge-4-rotate-270.jpg", "bridge-5-flipx.jpg",
           "bridge-6-flipy.jpg", "bridge-7-flip-plus-1.jpg", "bridge-8-flip-minus-1.jpg"]


def flip(code: np.ndarray, k: int, rng: np.random.Generator) -> np.ndarray:
    bits = np.unpackbits(code)
    bits[rng.choice(256, k, replace=False)] ^= 1
    return np.packbits(bits)


def brute_force(codes: np.ndarray, query: np.ndarray, radius: int) -> set[int]:
    d = np.unpackbits(codes ^ query, axis=1).sum(axis=1)
    return set(np.flatnonzero(d <= radius).tolist())


@pytest.fixture(scope="module")
def bank_codes() -> np.ndarray:
    return np.random.default_rng(7).integers(0, 256, (20_000, 32), dtype=np.uint8)


@pytest.mark.parametrize("mih_min_size", [None, 1000], ids=["flat", "multi-index"])
def test_recall_is_one_at_every_distance_up_to_31(bank_codes, mih_min_size):
    rng = np.random.default_rng(1)
    codes = bank_codes.copy()
    queries = []
    for k in range(32):  # plant a copy of a random query with k bits flipped
        q = rng.integers(0, 256, 32, dtype=np.uint8)
        codes[k * 100] = flip(q, k, rng)
        queries.append((k, q))
    index = PdqIndex(mih_min_size=mih_min_size)
    ids = np.arange(len(codes)) + 10_000
    index.add(ids[:15_000], [c.tobytes().hex() for c in codes[:15_000]])
    index.add_codes(ids[15_000:], codes[15_000:])  # the second batch stays in the brute-force tail
    assert ("multi-index" in index.kind) == (mih_min_size is not None)
    for k, q in queries:
        found = {m.id - 10_000: m.distance for m in index.search(q.tobytes().hex(), dihedral=False)}
        assert found.get(k * 100) == k
        assert set(found) == brute_force(codes, q, 31)


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), radius=st.integers(0, 40))
def test_same_answers_as_brute_force(bank_codes, seed, radius):
    """Multi-index hashing is exact for every radius it supports, near copies or not."""
    rng = np.random.default_rng(seed)
    index = PdqIndex(mih_min_size=1000)
    index.add_codes(np.arange(5000), bank_codes[:5000])
    query = flip(bank_codes[int(rng.integers(5000))], int(rng.integers(0, radius + 1)), rng)
    found = {m.id for m in index.search(query.tobytes().hex(), radius, dihedral=False)}
    assert found == brute_force(bank_codes[:5000], query, radius)


def test_match_carries_id_distance_and_the_bank_hash():
    index = PdqIndex()
    h = "f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22"
    near = "f8f8f0cee0f4a84f06370a2a038f63f0b36e26d596621e1d33e6b39c4e9c9b22"
    index.add([42, 43], [h, "00" * 32])
    [m] = index.search(near, dihedral=False)
    assert (m.id, m.distance, m.hash, m.variant) == (42, 2, h, Dihedral.ORIGINAL)
    assert index.search(near, 1, dihedral=False) == []
    assert index.remove([42]) == 1 and index.search(h) == [] and len(index) == 1
    index.add([44], [h.upper()])
    assert [m.id for m in index.search(h)] == [44]


def test_bad_hashes_are_refused():
    index = PdqIndex()
    with pytest.raises(InvalidHash):
        index.add([1], ["abc"])
    with pytest.raises(InvalidHash):
        index.add([1], ["zz" * 32])
    with pytest.raises(ValueError, match="ids"):
        index.add([1, 2], ["00" * 32])
    with pytest.raises(InvalidHash):
        index.search("nope")
    assert len(codes_from_hex(["ff" * 32, "00" * 32])) == 2


@pytest.fixture(scope="module")
def bridge_hashes():
    need(IMAGES.is_dir(), f"{IMAGES} is absent")
    return {name: hash_file(IMAGES / name) for name in ["bridge-1-original.jpg", *BRIDGES]}


@pytest.mark.parametrize("name", BRIDGES)
def test_rotated_and_flipped_bridges_match_the_original_through_the_index(name, bridge_hashes):
    banks = Banks()
    banks.bank("victims").add(1, "pdq", bridge_hashes["bridge-1-original.jpg"].pdq, quality=100)
    banks.bank("victims").add(2, "pdq", "0" * 64)
    query = bridge_hashes[name]
    assert banks.match("pdq", query.pdq, dihedral=False) == []  # as is, a rotation is another picture
    # from the image: its exact dihedral variants
    [hit] = banks.match_file(query)
    assert (hit.bank, hit.id) == ("victims", 1) and hit.distance <= 31 and hit.variant != "original"
    # from the hash alone (a partner sends only hashes): approximate variants still match
    [hit] = banks.match("pdq", query.pdq)
    assert hit.id == 1 and hit.distance <= 31


def test_banks_exact_hashes_quality_and_removal():
    banks = Banks()
    victims = banks.bank("victims")
    md5 = "d41d8cd98f00b204e9800998ecf8427e"
    victims.add(1, "video_md5", md5.upper())  # ThreatExchange's name, any case
    victims.add_many("sha256", [2, 3], ["ab" * 32, "cd" * 32])
    victims.add_many("pdq", [4, 5], ["f0" * 32, "0f" * 32])
    banks.bank("partner").add(6, "md5", md5)
    with pytest.raises(LowQuality, match="below 50"):
        victims.add(7, "pdq", "ff" * 32, quality=12)
    with pytest.raises(InvalidHash):
        victims.add(8, "md5", "xyz")
    assert len(victims) == 5 and "partner" in banks and len(banks) == 2
    assert [(m.bank, m.id, m.distance) for m in banks.match("md5", md5)] == [("partner", 6, 0), ("victims", 1, 0)]
    assert [m.id for m in banks.match("md5", md5, banks=["victims"])] == [1]
    assert [m.id for m in banks.match("pdq", "f0" * 31 + "f1")] == [4]
    assert victims.remove([1, 4, 99]) == 2
    assert [m.bank for m in banks.match("md5", md5)] == ["partner"]
    assert banks.match("pdq", "f0" * 32, dihedral=False) == []
    banks.drop("partner")
    assert banks.match("md5", md5) == []


def test_match_file_reports_each_bank_row_once(bridge_hashes):
    original = bridge_hashes["bridge-1-original.jpg"]
    banks = Banks()
    banks.bank("victims").add(1, "pdq", original.pdq)
    banks.bank("victims").add(2, "md5", original.md5)
    hits = banks.match_file(original)
    assert [(m.id, m.distance, m.signal_type) for m in hits] == [(1, 0, "pdq"), (2, 0, "md5")]
    assert hits[0].as_dict()["variant"] == "original"


def test_incremental_adds_merge_without_changing_answers(bank_codes):
    index = PdqIndex(mih_min_size=1000)
    index.add_codes(np.arange(1500), bank_codes[:1500])  # merged into tables at once (first merge)
    assert "multi-index" in index.kind
    for i in range(1500, 1600):  # one at a time, into the tail
        index.add_codes(np.array([i]), bank_codes[i : i + 1])
    before = [m.id for m in index.search(bank_codes[1550].tobytes().hex(), dihedral=False)]
    index.compact()
    assert [m.id for m in index.search(bank_codes[1550].tobytes().hex(), dihedral=False)] == before == [1550]
    big = 2**40 + 5  # ids past 32 bits widen the id array
    index.add([big], [bank_codes[0].tobytes().hex()])
    assert {m.id for m in index.search(bank_codes[0].tobytes().hex(), dihedral=False)} == {0, big}
    assert index.remove([big, 0]) == 2 and len(index) == 1599


@pytest.mark.parametrize("mih_min_size", [None, 1], ids=["flat", "multi-index"])
def test_search_ids_gives_every_match_as_arrays_tables_tail_and_removals_alike(bank_codes, mih_min_size):
    """``search_ids`` (online linking's query) answers what brute force does."""
    rng = np.random.default_rng(5)
    codes = bank_codes[:3000].copy()
    query = rng.integers(0, 256, 32, dtype=np.uint8)
    for k, position in enumerate(range(0, 3000, 100)):  # copies 0..29 bits off, in the tables and the tail
        codes[position] = flip(query, k, rng)
    index = PdqIndex(mih_min_size=mih_min_size)
    index.add_codes(np.arange(2000) + 7, codes[:2000])
    index.add_codes(np.arange(2000, 3000) + 7, codes[2000:])
    ids, distances = index.search_ids(query.tobytes().hex(), 20)
    assert ids.dtype == distances.dtype == np.int64
    found = dict(zip((ids - 7).tolist(), distances.tolist(), strict=True))
    assert found == {k * 100: k for k in range(21)} and set(found) == brute_force(codes, query, 20)
    index.remove([7 + 500])
    assert 500 not in set((index.search_ids(query.tobytes().hex(), 20)[0] - 7).tolist())


def test_search_ids_with_a_limit_stops_early_on_a_photo_seen_thousands_of_times(bank_codes):
    """More than ``limit`` matches may stand for all: each one returned is a true match; below the
    limit the answer is complete."""
    rng = np.random.default_rng(9)
    photo = rng.integers(0, 256, 32, dtype=np.uint8)
    copies = np.stack([flip(photo, int(rng.integers(0, 9)), rng) for _ in range(3000)])
    codes = np.concatenate([bank_codes[:5000], copies])
    index = PdqIndex(mih_min_size=1)
    index.add_codes(np.arange(len(codes)), codes)
    query = photo.tobytes().hex()
    everything = brute_force(codes, photo, 31)
    ids, distances = index.search_ids(query, 31, limit=100)
    assert 100 < len(ids) < len(everything) and set(ids.tolist()) <= everything
    assert (distances == np.unpackbits(codes[ids] ^ photo, axis=1).sum(axis=1)).all()
    assert set(index.search_ids(query, 31, limit=5000)[0].tolist()) == everything
    lone = bank_codes[17].tobytes().hex()  # few candidates: the limit changes nothing
    assert set(index.search_ids(lone, 31, limit=1)[0].tolist()) == brute_force(codes, bank_codes[17], 31)

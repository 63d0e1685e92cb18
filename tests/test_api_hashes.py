"""Hash-to-block over HTTP: victims add hashes with code + token; platforms match with a token."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from tipline.hashing import Dihedral
from tipline.hashing.orientation import dihedral_hashes
from tipline.store.tables import AuditRow, HashRow
from tipline.web.app import create_app

PDQ = "f8f8f0cce0f4e84d0e370a22028f67f0b36e2ed596623e1d33e6339c4e9c9b22"
PLATFORM = {"Authorization": "Bearer platform-secret-1"}


def flip_bits(hex_hash: str, n: int) -> str:
    value = int(hex_hash, 16)
    for bit in range(n):
        value ^= 1 << (bit * 7)
    return f"{value:064x}"


@pytest.fixture
def hclient(tipline):
    tipline.settings = tipline.settings.model_copy(update={"match_tokens": "platform-secret-1, other-2"})
    with TestClient(create_app(tipline=tipline)) as c:
        yield c


def report(client) -> tuple[str, str]:
    r = client.post("/api/v1/reports", json={"narrative": "il menace de publier la vidéo"}).json()
    return r["reference"], r["follow_up_token"]


def add(client, ref, token, hashes):
    return client.post(f"/api/v1/reports/{ref}/hashes", json={"token": token, "hashes": hashes})


def test_a_victims_hash_is_matched_by_a_platform_near_and_rotated(hclient, tipline):
    ref, token = report(hclient)
    r = add(hclient, ref, token, [{"signal_type": "pdq", "value": PDQ.upper(), "quality": 100}])
    assert r.status_code == 201 and r.json() == {"bank": "victims", "added": 1}
    near, far = flip_bits(PDQ, 20), flip_bits(PDQ, 36)
    rotated = dihedral_hashes(PDQ)[Dihedral.ROTATE_90]  # a scammer re-posting it turned
    signals = [{"signal_type": "pdq", "value": v} for v in (PDQ, near, far)]
    res = hclient.post("/api/v1/match", json={"signals": signals}, headers=PLATFORM).json()["results"]
    assert [len(x["matches"]) for x in res] == [1, 1, 0]
    assert res[0]["matches"][0]["distance"] == 0 and res[0]["matches"][0]["bank"] == "victims"
    assert res[1]["matches"][0]["distance"] == 20 and res[1]["matches"][0]["hash"] == PDQ
    strict = hclient.post("/api/v1/match", json={"signals": signals[1:2], "max_distance": 10}, headers=PLATFORM)
    assert strict.json()["results"][0]["matches"] == []
    found = hclient.post("/api/v1/match", json={"signals": [{"signal_type": "pdq", "value": rotated}]},
                         headers=PLATFORM).json()["results"][0]["matches"]
    assert found and found[0]["hash"] == PDQ
    with tipline.db.read() as s:
        row = s.execute(select(HashRow)).scalar_one()
        assert row.value == PDQ and row.report_id is not None and row.source == "victim"
        assert s.execute(select(func.count()).select_from(AuditRow).where(AuditRow.action == "hashes.added")
                         ).scalar_one() == 1


def test_adding_the_same_hash_twice_stores_it_once(hclient, tipline):
    ref, token = report(hclient)
    add(hclient, ref, token, [{"signal_type": "pdq", "value": PDQ}])
    again = add(hclient, ref, token, [{"signal_type": "pdq", "value": PDQ}, {"signal_type": "md5", "value": "a" * 32}])
    assert again.json()["added"] == 1
    with tipline.db.read() as s:
        assert s.execute(select(func.count()).select_from(HashRow)).scalar_one() == 2


@pytest.mark.parametrize(("item", "message"), [
    ({"signal_type": "pdq", "value": "abc"}, "64"),
    ({"signal_type": "pdq", "value": "z" * 64}, "hex"),
    ({"signal_type": "pdq", "value": PDQ, "quality": 20}, "quality"),
    ({"signal_type": "md5", "value": "1234"}, "32"),
])
def test_bad_hashes_are_422_naming_the_field_and_store_nothing(hclient, tipline, item, message):
    ref, token = report(hclient)
    r = add(hclient, ref, token, [{"signal_type": "pdq", "value": PDQ}, item])
    assert r.status_code == 422, r.text
    assert r.json()["errors"][0]["field"] == "hashes[1].value"
    assert message in r.json()["errors"][0]["message"].lower() or message in r.text.lower()
    with tipline.db.read() as s:
        assert s.execute(select(func.count()).select_from(HashRow)).scalar_one() == 0


def test_wrong_code_or_token_is_404_and_matching_needs_a_platform_token(hclient, tipline):
    ref, _ = report(hclient)
    assert add(hclient, ref, "AAAAA-BBBBB-CCCCC-DDDDD", [{"signal_type": "pdq", "value": PDQ}]).status_code == 404
    body = {"signals": [{"signal_type": "pdq", "value": PDQ}]}
    assert hclient.post("/api/v1/match", json=body).status_code == 401
    assert hclient.post("/api/v1/match", json=body, headers={"Authorization": "Bearer nope"}).status_code == 401
    assert hclient.post("/api/v1/match", json=body, headers={"Authorization": "Bearer other-2"}).status_code == 200
    bad = hclient.post("/api/v1/match", json={"signals": [{"signal_type": "pdq", "value": "12"}]}, headers=PLATFORM)
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "signals[0].value"


def test_matching_is_off_when_no_platform_token_is_configured(client):
    r = client.post("/api/v1/match", json={"signals": [{"signal_type": "pdq", "value": PDQ}]},
                    headers={"Authorization": "Bearer anything"})
    assert r.status_code == 401


def test_a_hash_added_by_another_worker_is_found_after_a_refresh(hclient, tipline):
    """Two processes share the store: the second index picks up the first one's rows."""
    from tipline.service.hashbank import BankIndex, HashIn, add_hashes

    other = BankIndex()
    other.refresh(tipline, force=True)
    add_hashes(tipline, "partner", [HashIn("pdq", PDQ, 90)], "partner", actor="test")
    assert other.banks.match("pdq", PDQ) == []  # not yet seen
    other.refresh(tipline, force=True)
    assert [m.bank for m in other.banks.match("pdq", PDQ)] == ["partner"]


def test_a_platform_matches_a_video_clip_by_its_vpdq_frames(hclient, tipline):
    import json

    import numpy as np

    from tipline.service.hashbank import HashIn, add_hashes, bank_signals

    rng = np.random.default_rng(4)
    frames = [f"{c.tobytes().hex()},100,{i}.000" for i, c in enumerate(rng.integers(0, 256, (8, 32), np.uint8))]
    video = json.dumps(frames)
    assert add_hashes(tipline, "partner-videos", [HashIn("vpdq", video)], "partner", actor="test") == 1
    assert add_hashes(tipline, "partner-videos", [HashIn("vpdq", video)], "partner", actor="test") == 0
    assert bank_signals(tipline, "partner-videos") == [("vpdq", json.dumps(frames, separators=(",", ":")))]
    with tipline.db.read() as s:  # stored as its frames, one row each
        assert s.execute(select(func.count()).select_from(HashRow).where(HashRow.signal_type == "vpdq")).scalar() == 8
    clip = json.dumps([f.replace(f.split(",")[0], flip_bits(f.split(",")[0], 9)) for f in frames[2:6]])
    unrelated = json.dumps([f"{'ab' * 32},100,0.000"])
    r = hclient.post("/api/v1/match", json={"signals": [{"signal_type": "vpdq", "value": clip},
                                                        {"signal_type": "vpdq", "value": unrelated}]},
                     headers=PLATFORM)
    assert r.status_code == 200, r.text
    found, nothing = r.json()["results"]
    [m] = found["matches"]
    assert (m["bank"], m["signal_type"], m["query_match_percent"], m["compared_match_percent"]) == (
        "partner-videos", "vpdq", 100.0, 50.0)
    assert nothing["matches"] == []
    bad = hclient.post("/api/v1/match", json={"signals": [{"signal_type": "vpdq", "value": "[]"},
                                                          {"signal_type": "pdq", "value": "a" * 200}]},
                       headers=PLATFORM)
    assert bad.status_code == 422
    long_pdq = hclient.post("/api/v1/match", json={"signals": [{"signal_type": "pdq", "value": "a" * 200}]},
                            headers=PLATFORM)
    assert long_pdq.status_code == 422 and "at most 128" in long_pdq.text
    empty = hclient.post("/api/v1/match", json={"signals": [{"signal_type": "vpdq", "value": "[]"}]},
                         headers=PLATFORM)
    assert empty.status_code == 422 and "without any frame" in empty.text

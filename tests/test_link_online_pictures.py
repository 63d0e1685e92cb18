"""Profile pictures in online linking: near copies found through the process's PDQ index, listed by
``related`` with their distance, joining a lone report to a network (attach-only), hubs ignored."""

from __future__ import annotations

import random
import uuid

import pytest
from sqlalchemy import insert, select

from tipline.domain.enums import Source
from tipline.domain.report import ReportIn
from tipline.link import attach
from tipline.link.kinds import HubPolicy
from tipline.link.pictures import LINK_DISTANCE
from tipline.security.roles import Principal, Role
from tipline.service import linking, networks, pictures, reading
from tipline.service.intake import store_report
from tipline.store.tables import AuditRow, FlaggedIdentifierRow, IdentifierRow, NetworkReportRow, ReportRow
from tipline.web.access import current_principal

PHOTO = random.Random(1).getrandbits(256)
OTHER_PHOTO = random.Random(2).getrandbits(256)


def shot(photo: int, bits: range | list[int] = ()) -> str:
    """The PDQ hash of a screenshot of ``photo`` with exactly these bits flipped."""
    mask = 0
    for b in bits:
        mask |= 1 << b
    return f"{photo ^ mask:064x}"


def store(tipline, external_id: str, *pictures_: str, identifiers: tuple[tuple[str, str], ...] = ()) -> uuid.UUID:
    report = ReportIn.model_validate({
        "external_id": external_id, "narrative": "Il menace de tout publier.",
        "incident": {"profile_pictures": list(pictures_)},
        "scammer_identifiers": [{"kind": k, "value": v} for k, v in identifiers]})
    return store_report(tipline, report, Source.api).id


def related_of(tipline, report_id: uuid.UUID) -> dict[str, list[dict]]:
    return {r.external_id: r.evidence for r in linking.related(tipline, report_id).related}


def membership(tipline) -> dict[str, str]:
    with tipline.db.read() as s:
        return dict(s.execute(select(ReportRow.external_id, NetworkReportRow.network_id)
                              .join(NetworkReportRow, NetworkReportRow.report_id == ReportRow.id)).all())


def phone(i: int) -> str:
    return f"+33 6 {30000000 + i * 7919:08d}"


# --- related -----------------------------------------------------------------------------------------


def test_near_copies_are_related_with_their_distance_and_far_ones_are_not(tipline):
    a = store(tipline, "a", shot(PHOTO))
    assert related_of(tipline, a) == {}  # the index is built now, with a only
    # Stored after the index was built: each is found through the refresh, not a rebuild.
    b = store(tipline, "b", shot(PHOTO, range(7)))                    # 7 bits from a
    store(tipline, "edge", shot(PHOTO, range(LINK_DISTANCE)))         # 31 from a, 24 from b
    store(tipline, "far", shot(PHOTO, range(100, 100 + LINK_DISTANCE + 1)))  # 32 from a, 39 from b
    store(tipline, "other", shot(OTHER_PHOTO))
    found = related_of(tipline, a)
    assert set(found) == {"b", "edge"}
    assert found["b"] == [{"kind": "picture", "value": "pdq:" + shot(PHOTO), "score": round(1 - 7 / 256, 3),
                           "distance": 7}]
    assert found["edge"][0]["distance"] == LINK_DISTANCE
    from_b = related_of(tipline, b)
    assert set(from_b) == {"a", "edge"} and from_b["edge"][0]["distance"] == LINK_DISTANCE - 7
    # The nearer copy ranks first, and a report naming the very same hash is related at distance 0.
    same = store(tipline, "same", shot(PHOTO, range(7)))
    ranked = linking.related(tipline, same).related
    assert ranked[0].external_id == "b" and ranked[0].evidence[0]["distance"] == 0


def test_pictures_add_to_the_evidence_of_shared_identifiers(tipline):
    a = store(tipline, "a", shot(PHOTO), identifiers=(("phone", phone(1)),))
    store(tipline, "b", shot(PHOTO, [3, 9]), identifiers=(("phone", phone(1)),))
    [item] = linking.related(tipline, a).related
    assert sorted(e["kind"] for e in item.evidence) == ["phone", "picture"]


# --- joining a network online: attach-only ------------------------------------------------------------


@pytest.fixture
def network_with_photo(tipline) -> str:
    """A network of three reports sharing a phone, two of them with a screenshot of PHOTO; and a
    second network, sharing another phone, with OTHER_PHOTO."""
    store(tipline, "n1", shot(PHOTO, [1, 2]), identifiers=(("phone", phone(1)),))
    store(tipline, "n2", shot(PHOTO, [40, 41, 42]), identifiers=(("phone", phone(1)),))
    store(tipline, "n3", identifiers=(("phone", phone(1)),))
    store(tipline, "m1", shot(OTHER_PHOTO), identifiers=(("phone", phone(2)),))
    store(tipline, "m2", identifiers=(("phone", phone(2)),))
    networks.rebuild(tipline)
    member = membership(tipline)
    assert member["n1"] == member["n2"] == member["n3"] != member["m1"] == member["m2"]
    return member["n1"]


def test_a_lone_report_joins_the_network_its_picture_points_to(tipline, network_with_photo):
    store(tipline, "lone", shot(PHOTO, range(200, 210)))
    assert membership(tipline)["lone"] == network_with_photo
    with tipline.db.read() as s:
        event = s.execute(select(AuditRow).where(AuditRow.action == "network.report_joined")).scalar_one()
    assert event.details["through"] == "picture" and event.object_id == network_with_photo


def test_a_picture_does_not_attach_a_report_naming_an_account_nobody_else_met(tipline, network_with_photo):
    """More likely another scammer who stole the same photo (the rebuild's rule)."""
    thief = store(tipline, "thief", shot(PHOTO, [5]), identifiers=(("phone", phone(99)),))
    assert "thief" not in membership(tipline)
    # Still listed as related: the analyst sees the picture; the network is not claimed.
    assert set(related_of(tipline, thief)) == {"n1", "n2"}


def test_a_picture_does_not_attach_a_report_already_linked_by_an_identifier(tipline, network_with_photo):
    """Not on its own: it shares a phone with a report that is in no network; the rebuild decides."""
    store(tipline, "single", identifiers=(("phone", phone(50)),))
    store(tipline, "pair", shot(PHOTO, [7]), identifiers=(("phone", phone(50)),))
    assert "pair" not in membership(tipline) and "single" not in membership(tipline)


def test_a_strong_identifier_decides_before_a_picture(tipline, network_with_photo):
    """A report naming network m's phone and PHOTO joins m, through the identifier."""
    store(tipline, "both", shot(PHOTO, [8]), identifiers=(("phone", phone(2)),))
    member = membership(tipline)
    assert member["both"] == member["m1"]
    with tipline.db.read() as s:
        event = s.execute(select(AuditRow).where(AuditRow.action == "network.report_joined")).scalar_one()
    assert event.details["through"] == "identifier"


def test_pictures_pointing_to_two_networks_join_neither(tipline, network_with_photo):
    store(tipline, "torn", shot(PHOTO, [11]), shot(OTHER_PHOTO, [12]))
    assert "torn" not in membership(tipline)


def test_a_photo_shared_evenly_by_two_networks_attaches_to_neither(tipline, network_with_photo):
    # m gets two reports with PHOTO too: two for n, two for m, a tie.
    store(tipline, "m3", shot(PHOTO, [20]), identifiers=(("phone", phone(2)),))
    store(tipline, "m4", shot(PHOTO, [21]), identifiers=(("phone", phone(2)),))
    assert membership(tipline)["m4"] != network_with_photo
    store(tipline, "undecided", shot(PHOTO, [22]))
    assert "undecided" not in membership(tipline)


# --- hubs ---------------------------------------------------------------------------------------------


def test_a_stolen_photo_of_many_unrelated_groups_is_flagged_and_links_nothing_online(tipline):
    """30 unrelated pairs (each shares its own phone), every report with a copy of one stolen photo."""
    rng = random.Random(3)
    for i in range(30):
        for side in "ab":
            store(tipline, f"p{i}{side}", shot(PHOTO, rng.sample(range(256), rng.randint(0, 8))),
                  identifiers=(("phone", phone(100 + i)),))
    result = networks.rebuild(tipline)
    assert result.networks == 30
    with tipline.db.read() as s:
        flagged = set(s.execute(select(IdentifierRow.kind).join(
            FlaggedIdentifierRow, FlaggedIdentifierRow.identifier_id == IdentifierRow.id)).scalars())
        n_pictures = len(s.execute(select(IdentifierRow.id).where(IdentifierRow.kind == "picture")).all())
    # Every picture of the cluster is flagged, not only its first: any near copy meets the hub.
    assert flagged == {"picture"} and result.flagged == n_pictures
    newcomer = store(tipline, "new", shot(PHOTO, rng.sample(range(256), 8)))
    assert "new" not in membership(tipline)
    answer = linking.related(tipline, newcomer)
    assert answer.related == []
    assert [(o["kind"], o["reason"], o["reports"]) for o in answer.over_shared] == [("picture", "hub", 60)]
    # A member of a pair still finds its pair through the phone, not the others through the photo.
    assert set(related_of(tipline, _id(tipline, "p3a"))) == {"p3b"}


def test_a_photo_in_more_reports_than_the_online_cap_is_not_listed(tipline, monkeypatch):
    monkeypatch.setattr(linking, "POLICY", HubPolicy(online_cap=3))
    ids = [store(tipline, f"r{i}", shot(PHOTO, [i])) for i in range(5)]
    answer = linking.related(tipline, ids[0])
    assert answer.related == []
    assert answer.over_shared == [{"kind": "picture", "value": "pdq:" + shot(PHOTO, [0]), "reports": ">3",
                                   "reason": "too_common"}]


def _id(tipline, external_id: str) -> uuid.UUID:
    with tipline.db.read() as s:
        return s.execute(select(ReportRow.id).where(ReportRow.external_id == external_id)).scalar_one()


# --- the index ------------------------------------------------------------------------------------------


def _picture_row(id_: int, value: str) -> dict:
    from datetime import UTC, datetime

    now = datetime.now(UTC)
    return {"id": id_, "kind": "picture", "value": "pdq:" + value, "country": None, "first_seen": now,
            "last_seen": now}


def test_the_index_catches_a_picture_committed_after_a_larger_id_was_seen(tipline, monkeypatch):
    """PostgreSQL hands out ids before commit: id 50 may become visible after id 101 was read."""
    with tipline.db.write() as s:
        s.execute(insert(IdentifierRow.__table__), [_picture_row(100, shot(PHOTO))])
    with tipline.db.read() as s:
        index = pictures.index_of(tipline, s)
    assert len(index) == 1
    with tipline.db.write() as s:
        s.execute(insert(IdentifierRow.__table__), [_picture_row(101, shot(PHOTO, [1]))])
        s.execute(insert(IdentifierRow.__table__), [_picture_row(50, shot(PHOTO, [2]))])
    with tipline.db.read() as s:
        pictures.index_of(tipline, s)
    assert set(index.near("pdq:" + shot(PHOTO))) == {100, 101}  # 50 is below the last id seen
    monkeypatch.setattr(pictures, "LOOKBACK_SECONDS", 0.0)
    with tipline.db.read() as s:
        pictures.index_of(tipline, s)
        pictures.index_of(tipline, s)  # looked back twice: nothing is indexed twice
    assert index.near("pdq:" + shot(PHOTO)) == {100: 0, 101: 1, 50: 1}
    assert len(index) == 3
    assert index.near("url:example.org") == {}


def test_a_picture_below_the_floor_is_not_read_again(tipline, monkeypatch):
    """Once ``LATE_SECONDS`` have passed, ids up to the last one seen then are settled: the look-back
    reads only the ids above them."""
    monkeypatch.setattr(pictures, "FIRST_LOOKBACK_IDS", 0)
    monkeypatch.setattr(pictures, "LOOKBACK_SECONDS", 0.0)
    monkeypatch.setattr(pictures, "LATE_SECONDS", 0.0)
    with tipline.db.write() as s:
        s.execute(insert(IdentifierRow.__table__), [_picture_row(100, shot(PHOTO))])
    with tipline.db.read() as s:
        index = pictures.index_of(tipline, s)
    with tipline.db.write() as s:
        s.execute(insert(IdentifierRow.__table__), [_picture_row(40, shot(PHOTO, [3]))])
    with tipline.db.read() as s:
        pictures.index_of(tipline, s)
    assert set(index.near("pdq:" + shot(PHOTO))) == {100}


# --- the pure rules -------------------------------------------------------------------------------------


def test_lone_means_every_strong_value_is_a_hub():
    assert attach.lone([]) and attach.lone([True, True])
    assert not attach.lone([True, False])


def test_dominant_needs_a_clear_majority_of_the_reports_in_a_network():
    policy = HubPolicy()
    assert attach.dominant(["N1", "N1", "N2", None, None], policy) == "N1"
    assert attach.dominant(["N1", "N2"], policy) is None            # a tie
    assert attach.dominant(["N1", "N2", "N3", "N1"], policy) == "N1"  # half is enough
    assert attach.dominant(["N1", "N2", "N3", "N4", "N1"], policy) is None  # spread
    assert attach.dominant([None, None], policy) is None


def test_several_pictures_must_agree():
    assert attach.agreed(["N1", None, "N1"]) == "N1"
    assert attach.agreed(["N1", "N2"]) is None
    assert attach.agreed([None]) is None


# --- API ------------------------------------------------------------------------------------------------


def test_the_api_lists_reports_with_a_near_copy_and_its_distance(client, tipline):
    body = {"narrative": "Elle a ma vidéo.", "incident": {"profile_pictures": [shot(PHOTO).upper()]}}
    first = client.post("/api/v1/reports", json=body).json()
    body["incident"]["profile_pictures"] = [shot(PHOTO, range(10, 15))]
    client.post("/api/v1/reports", json=body)
    assert reading.read_pending(tipline) == 2  # the reader indexes them
    client.app.dependency_overrides[current_principal] = lambda: Principal.for_role("user:t", Role.analyst)
    try:
        with tipline.db.read() as s:
            first_id = s.execute(select(ReportRow.id).where(ReportRow.ref == first["reference"])).scalar_one()
        answer = client.get(f"/api/v1/reports/{first_id}/related")
    finally:
        client.app.dependency_overrides.clear()
    assert answer.status_code == 200
    [item] = answer.json()["related"]
    assert item["evidence"] == [{"kind": "picture", "value": "pdq:" + shot(PHOTO), "score": round(1 - 5 / 256, 3),
                                 "shared_by": None, "shared_bands": None, "distance": 5}]

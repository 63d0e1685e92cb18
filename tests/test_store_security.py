"""Encryption at rest, the audit chain, codes and tokens."""

from __future__ import annotations

import base64
import os
import stat

import pytest
from sqlalchemy import select, update

from tipline.security import codes
from tipline.security.crypto import KeyError_, KeyRing, load_key_ring
from tipline.store import audit
from tipline.store.tables import AuditRow


def test_aes_gcm_round_trip_is_bound_to_its_row():
    ring = KeyRing.from_key(os.urandom(32))
    kid, blob = ring.encrypt_json({"narrative": "bonjour"}, "report:1")
    assert b"bonjour" not in blob
    assert ring.decrypt_json(kid, blob, "report:1") == {"narrative": "bonjour"}
    with pytest.raises(KeyError_):
        ring.decrypt_json(kid, blob, "report:2")  # moved onto another row
    tampered = blob[:-1] + bytes([blob[-1] ^ 1])
    with pytest.raises(KeyError_):
        ring.decrypt_json(kid, tampered, "report:1")
    with pytest.raises(KeyError_):
        KeyRing.from_key(os.urandom(32)).decrypt_json(kid, blob, "report:1")


def test_embedded_key_file_is_created_once_with_0600(tmp_path):
    ring, created = load_key_ring(None, tmp_path)
    assert created == tmp_path / "keys.json"
    assert stat.S_IMODE(created.stat().st_mode) == 0o600
    again, created_again = load_key_ring(None, tmp_path)
    assert created_again is None and again.current == ring.current and again.keys == ring.keys


@pytest.mark.parametrize("bad", ["not base64!!", base64.b64encode(b"short").decode()])
def test_a_malformed_secret_key_is_refused(tmp_path, bad):
    with pytest.raises(KeyError_):
        load_key_ring(bad, tmp_path)


def test_the_audit_chain_verifies_and_finds_edits_and_deletions(tipline):
    with tipline.db.write() as s:
        for i in range(5):
            audit.append(s, "tester", "thing.done", "thing", str(i), {"n": i})
    with tipline.db.read() as s:
        assert audit.verify(s) == []
        ids = list(s.execute(select(AuditRow.id).order_by(AuditRow.id)).scalars())
    with tipline.db.write() as s:
        s.execute(update(AuditRow).where(AuditRow.id == ids[2]).values(actor="someone else"))
    with tipline.db.read() as s:
        breaks = audit.verify(s)
    assert [b.event_id for b in breaks] == [ids[2]] and "edited" in breaks[0].reason
    with tipline.db.write() as s:
        s.execute(update(AuditRow).where(AuditRow.id == ids[2]).values(actor="tester"))
        s.delete(s.get(AuditRow, ids[3]))
    with tipline.db.read() as s:
        breaks = audit.verify(s)
    assert breaks[0].event_id == ids[4] and "deleted" in breaks[0].reason
    assert "of 5" in breaks[-1].reason  # the head counted five events; four are left


def test_codes_are_normalised_and_tokens_compared_by_hash():
    ref = codes.new_reference()
    assert codes.REF_RE.fullmatch(ref)
    assert codes.normalise_reference(ref.lower().replace("-", " ")) == ref
    assert codes.normalise_reference("TL-0000-1111") is None  # 0 and 1 are not in the alphabet
    assert codes.normalise_reference("hello") is None
    token = codes.new_token()
    stored = codes.hash_token(token)
    assert codes.token_matches(token.lower().replace("-", " "), stored)
    assert not codes.token_matches(codes.new_token(), stored)


def test_concurrent_intake_keeps_one_unbroken_audit_chain(tipline):
    """Many writers at once (threads, each its own connection) must not fork the chain."""
    N = 300
    from concurrent.futures import ThreadPoolExecutor

    from tipline.domain.enums import Source
    from tipline.domain.report import ReportIn
    from tipline.service.intake import submit_report

    # No identifiers: a shared identifier's row lock would serialise the writers by itself.
    report = ReportIn.model_validate({"narrative": "menace de diffusion"})
    with ThreadPoolExecutor(max_workers=12) as pool:
        receipts = list(pool.map(lambda _: submit_report(tipline, report, Source.api), range(N)))
    assert len({r.reference for r in receipts}) == N
    with tipline.db.read() as s:
        assert audit.verify(s) == []
        heads = s.execute(select(AuditRow.prev_hash)).scalars().all()
    assert len(heads) == len(set(heads)) == N  # no two events share a predecessor: no fork


def _events(tipline, n=5):
    with tipline.db.write() as s:
        for i in range(n):
            audit.append(s, "tester", "thing.done", "thing", str(i), {"n": i})
    with tipline.db.read() as s:
        return list(s.execute(select(AuditRow.id).order_by(AuditRow.id)).scalars())


def test_a_cut_tail_is_found_by_the_signed_head(tipline):
    ids = _events(tipline)
    with tipline.db.read() as s:
        assert audit.verify(s, keys=tipline.keys.keys) == []
    with tipline.db.write() as s:
        s.delete(s.get(AuditRow, ids[-1]))
    with tipline.db.read() as s:
        breaks = audit.verify(s, keys=tipline.keys.keys)
    assert breaks and "deleted at the end" in breaks[0].reason


def test_a_rehashed_chain_is_found_without_the_key(tipline):
    """An attacker with the database but not the key file edits an event and re-hashes the rest."""
    from tipline.store.tables import AuditHeadRow

    ids = _events(tipline)
    with tipline.db.write() as s:
        rows = s.execute(select(AuditRow).order_by(AuditRow.id)).scalars().all()
        prev = rows[1].hash
        for row in rows[2:]:
            if row.id == ids[2]:
                row.actor = "someone else"
            row.prev_hash = prev
            row.hash = audit.event_hash(prev, row.at, row.actor, row.action, row.object_type, row.object_id,
                                        row.details)
            prev = row.hash
        head = s.get(AuditHeadRow, 1)
        head.last_hash = prev  # the attacker moves the head too, but cannot sign it
    with tipline.db.read() as s:
        assert audit.verify(s) == []  # the chain alone looks whole…
        breaks = audit.verify(s, keys=tipline.keys.keys)
    assert breaks and "signature" in breaks[0].reason  # …the signed head does not

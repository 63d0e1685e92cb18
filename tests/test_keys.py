"""Key rotation: every record stays readable, ciphertexts move to the new key, old keys retire
only when no record uses them; with a key file and with TIPLINE_SECRET_KEY (SQLite and PostgreSQL)."""

from __future__ import annotations

import base64
import json
import os
import stat

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from tipline.cli import app as cli
from tipline.config import get_settings
from tipline.domain.enums import Source
from tipline.domain.report import FollowUpIn, ReportIn
from tipline.security.crypto import KeyError_, generate_key, key_id, load_key_file
from tipline.service import keys
from tipline.service.context import Tipline
from tipline.service.intake import add_follow_up, submit_report
from tipline.store import audit, reports
from tipline.store.tables import AuditRow, FollowUpRow, ReportRow


@pytest.fixture
def filed(settings):
    """A store whose keys live in a key file (embedded mode), not in TIPLINE_SECRET_KEY."""
    app = Tipline.open(settings.model_copy(update={"secret_key": None}))
    yield app
    app.close()


def fill(app: Tipline, n: int = 5) -> None:
    for i in range(n):
        r = submit_report(app, ReportIn.model_validate({
            "narrative": f"Story number {i}: she recorded me on Skype.",
            "contact": {"email": f"victim{i}@example.org"},
            "scammer_identifiers": [{"kind": "phone", "value": f"+225 07 58 12 34 5{i}"}]}), Source.api)
        if i % 2 == 0:
            assert add_follow_up(app, r.reference, FollowUpIn(token=r.token, text=f"More from {i}")) is not None


def snapshot(app: Tipline) -> dict[str, tuple[str, bytes, dict]]:
    """Every encrypted row: (key id, ciphertext, decrypted content)."""
    out = {}
    with app.db.read() as s:
        for row in s.execute(select(ReportRow)).scalars():
            out[f"r{row.id}"] = (row.key_id, row.body, reports.report_body(app.keys, row))
        for row in s.execute(select(FollowUpRow)).scalars():
            out[f"f{row.id}"] = (row.key_id, row.body, reports.follow_up_body(app.keys, row))
    return out


def actions(app: Tipline) -> list[str]:
    with app.db.read() as s:
        return list(s.execute(select(AuditRow.action).order_by(AuditRow.id)).scalars())


def test_rotation_keeps_every_record_readable_under_the_new_key(filed):
    fill(filed)
    before = snapshot(filed)
    old = filed.keys.current
    assert len(before) == 8 and {kid for kid, _, _ in before.values()} == {old}
    new = keys.new_key(filed)
    assert new != old and filed.keys.current == new
    assert keys.stale(filed) == 8
    moved = keys.reencrypt(filed, batch=3)
    assert moved == 8 and keys.stale(filed) == 0
    after = snapshot(filed)
    assert after.keys() == before.keys()
    for name, (kid, body, content) in after.items():
        assert kid == new
        assert body != before[name][1]  # a fresh ciphertext, not a relabelled one
        assert content == before[name][2]  # and the same record
    # A new report after the rotation is written under the new key too.
    fill(filed, 1)
    assert {kid for kid, _, _ in snapshot(filed).values()} == {new}
    with filed.db.read() as s:
        assert audit.verify(s) == []
    assert {"keys.rotated", "keys.reencrypted"} <= set(actions(filed))


def test_an_old_key_is_retired_only_when_no_record_uses_it(filed):
    fill(filed, 3)
    old = filed.keys.current
    new = keys.new_key(filed)
    with pytest.raises(keys.KeyRefused, match=r"5 records still use key"):
        keys.retire(filed, old)
    with pytest.raises(keys.KeyRefused, match="current key"):
        keys.retire(filed, new)
    with pytest.raises(keys.KeyRefused, match="no key"):
        keys.retire(filed, "0123456789ab")
    assert set(load_key_file(filed.keys.path).keys) == {old, new}  # nothing removed
    keys.reencrypt(filed)
    keys.retire(filed, old)
    assert set(load_key_file(filed.keys.path).keys) == {new}
    assert stat.S_IMODE(filed.keys.path.stat().st_mode) == 0o600
    assert all(content for _, _, content in snapshot(filed).values())
    assert actions(filed)[-1] == "keys.retired"
    # The audit chain's head was re-signed with the new key: verification still passes.
    from tipline.store import audit

    with filed.db.read() as session:
        assert audit.verify(session, keys=load_key_file(filed.keys.path).keys) == []


def test_a_rotation_interrupted_midway_leaves_everything_readable_and_resumes(filed):
    fill(filed, 6)
    before = snapshot(filed)
    old = filed.keys.current
    new = keys.new_key(filed)

    def crash(n: int) -> None:
        raise RuntimeError("power cut")

    with pytest.raises(RuntimeError):
        keys.reencrypt(filed, batch=2, on_progress=crash)
    middle = snapshot(filed)
    assert {kid for kid, _, _ in middle.values()} == {old, new}  # half moved, half not
    assert all(middle[k][2] == before[k][2] for k in before)  # and all readable
    # Another process (a fresh start) reads the key file and finishes the job.
    again = Tipline.open(filed.settings)
    try:
        assert keys.reencrypt(again) == keys.stale(filed) + 7  # 9 records, 2 moved before the crash
    finally:
        again.close()
    assert {kid for kid, _, _ in snapshot(filed).values()} == {new}


def test_a_running_server_follows_the_key_file(filed):
    """A process opened before the rotation reads records moved to the new key, and writes under it."""
    server = Tipline.open(filed.settings)
    try:
        fill(filed, 2)
        new = keys.new_key(filed)
        keys.reencrypt(filed)
        assert all(content for _, _, content in snapshot(server).values())
        fill(server, 1)
        assert {kid for kid, _, _ in snapshot(server).values()} == {new}
    finally:
        server.close()


def test_records_under_a_key_missing_from_the_ring_stop_the_rotation(filed, settings):
    fill(filed, 2)
    other = Tipline.open(settings)  # the same database, under TIPLINE_SECRET_KEY: another key
    try:
        fill(other, 1)
        with pytest.raises(keys.KeyRefused, match="not in the key ring"):
            keys.reencrypt(filed)
        assert any(not k.in_ring and k.rows == {"reports": 1, "follow_ups": 1} for k in keys.list_keys(filed))
    finally:
        other.close()


def test_with_an_environment_key_rotation_goes_through_old_secret_keys(tipline, settings):
    fill(tipline, 3)
    before = snapshot(tipline)
    with pytest.raises(keys.KeyRefused, match="TIPLINE_OLD_SECRET_KEYS"):
        keys.new_key(tipline)
    old_key = settings.secret_key
    new_key = generate_key()
    rotated = Tipline.open(settings.model_copy(update={"secret_key": new_key, "old_secret_keys": old_key}))
    try:
        with pytest.raises(keys.KeyRefused, match="still use key"):
            keys.retire(rotated, key_id(base64.b64decode(old_key)))
        assert keys.reencrypt(rotated) == 5
        keys.retire(rotated, key_id(base64.b64decode(old_key)))
    finally:
        rotated.close()
    only_new = Tipline.open(settings.model_copy(update={"secret_key": new_key}))
    try:
        after = snapshot(only_new)
        assert {k: v[2] for k, v in after.items()} == {k: v[2] for k, v in before.items()}
        assert {kid for kid, _, _ in after.values()} == {key_id(base64.b64decode(new_key))}
    finally:
        only_new.close()


def test_bad_key_material_is_refused_clearly(tmp_path, settings):
    with pytest.raises(KeyError_, match="only read with TIPLINE_SECRET_KEY"):
        Tipline.open(settings.model_copy(update={"secret_key": None, "old_secret_keys": generate_key()}))
    with pytest.raises(KeyError_, match="32 bytes"):
        Tipline.open(settings.model_copy(update={"old_secret_keys": base64.b64encode(b"short").decode()}))
    path = tmp_path / "keys.json"
    path.write_text(json.dumps({"current": "abc", "keys": {"abc": generate_key()}}))
    with pytest.raises(KeyError_, match="has id"):  # a key filed under the wrong id
        load_key_file(path)
    path.write_text("[]")
    with pytest.raises(KeyError_, match="not a tipline key file"):
        load_key_file(path)


# --- the command -----------------------------------------------------------------------------------


@pytest.fixture
def run(settings, monkeypatch):
    monkeypatch.setenv("TIPLINE_DATA_DIR", str(settings.data_dir))
    monkeypatch.setenv("TIPLINE_DATABASE_URL", settings.database_url)
    monkeypatch.delenv("TIPLINE_SECRET_KEY", raising=False)
    get_settings.cache_clear()
    runner = CliRunner()

    def invoke(*args: str, **env: str):
        get_settings.cache_clear()  # each invocation reads the environment, as a new process would
        return runner.invoke(cli, list(args), env=env or None, catch_exceptions=False)

    yield invoke
    get_settings.cache_clear()


def test_the_keys_command_lists_rotates_and_refuses_unsafe_retirement(run, filed):
    fill(filed, 2)
    old = filed.keys.current
    listed = run("keys", "list")
    assert listed.exit_code == 0 and f"{old}\tcurrent\tfollow_ups 1, reports 2" in listed.stdout
    rotated = run("keys", "rotate", "--batch", "1")
    assert rotated.exit_code == 0, rotated.stderr
    assert "3 records re-encrypted" in rotated.stderr
    new = load_key_file(filed.keys.path).current
    assert new != old
    listed = run("keys", "list").stdout
    assert f"{new}\tcurrent\tfollow_ups 1, reports 2" in listed and f"{old}\told\tno records" in listed
    assert run("keys", "retire", new).exit_code == 2
    assert run("keys", "retire", old).exit_code == 0
    assert old not in run("keys", "list").stdout


def test_the_keys_command_explains_rotation_with_an_environment_key(run, settings):
    result = run("keys", "rotate", TIPLINE_SECRET_KEY=settings.secret_key)
    assert result.exit_code == 2
    assert "TIPLINE_OLD_SECRET_KEYS" in result.stderr and "keys rotate --resume" in result.stderr
    assert run("keys", "rotate", "--resume", TIPLINE_SECRET_KEY=settings.secret_key).exit_code == 0
    generated = run("keys", "generate").stdout.strip()
    assert len(base64.b64decode(generated)) == 32
    bad = run("keys", "list", TIPLINE_SECRET_KEY="not-a-key!")
    assert bad.exit_code == 2 and "base64" in bad.stderr


def test_retiring_is_refused_while_a_record_uses_the_key_even_in_a_race(filed):
    """A record written under the old key after the re-encryption (a server not yet following the
    file) keeps the old key alive: retire refuses instead of losing it."""
    fill(filed, 1)
    old = filed.keys.current
    keys.new_key(filed)
    keys.reencrypt(filed)
    # A process that still encrypts with the old key writes one more record.
    stale_ring = type(filed.keys)(current=old, keys=dict(filed.keys.keys))
    laggard = Tipline(settings=filed.settings, db=filed.db, keys=stale_ring)
    fill(laggard, 1)
    with pytest.raises(keys.KeyRefused, match=r"2 records still use key \w+ \(reports: 1, follow_ups: 1\)"):
        keys.retire(filed, old)
    assert os.path.exists(filed.keys.path) and old in load_key_file(filed.keys.path).keys


def test_intake_goes_on_during_a_rotation_and_nothing_is_lost(filed):
    """Reports arrive (threads, each its own connection) while the rotation runs in batches."""
    from concurrent.futures import ThreadPoolExecutor

    fill(filed, 20)
    server = Tipline.open(filed.settings)  # the web process: its own ring, following the file
    try:
        with ThreadPoolExecutor(max_workers=4) as pool:
            arriving = pool.map(lambda _: fill(server, 1), range(40))
            new = keys.new_key(filed)
            keys.reencrypt(filed, batch=5)
            list(arriving)
        keys.reencrypt(filed)  # --resume: whatever arrived under the old key meanwhile
        assert keys.stale(filed) == 0
        fresh = Tipline.open(filed.settings)
        try:
            records = snapshot(fresh)
        finally:
            fresh.close()
        assert len(records) == 20 + 10 + 40 * 2 and {kid for kid, _, _ in records.values()} == {new}
        assert all(content for _, _, content in records.values())
    finally:
        server.close()


def test_a_tampered_record_stops_the_rotation_by_name_and_loses_nothing(filed, run):
    fill(filed, 4)
    with filed.db.write() as s:
        victim = s.execute(select(ReportRow).order_by(ReportRow.id).offset(2).limit(1)).scalar_one()
        victim.body = victim.body[:-1] + bytes([victim.body[-1] ^ 1])
        tampered = victim.id
    result = run("keys", "rotate", "--batch", "1")
    assert result.exit_code == 1 and f"reports row {tampered}" in result.stderr
    with filed.db.read() as s:
        others = s.execute(select(ReportRow).where(ReportRow.id != tampered)).scalars().all()
        assert all(reports.report_body(filed.keys, r) for r in others)  # every other record reads

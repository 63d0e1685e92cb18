"""Staged intake: group commit of concurrent reports, the API's answer before reading, the reader."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import threading
import time

import httpx
import pytest
from sqlalchemy import func, select, update

from conftest import free_port
from tipline.domain.enums import Source
from tipline.domain.report import ReportIn
from tipline.service import intake, reading
from tipline.store import audit
from tipline.store.groupcommit import GroupCommit
from tipline.store.tables import AuditRow, CaseRow, ReportIdentifierRow, ReportRow

NARRATIVE = ("Elle m'a filmé sur skype et veut 800 euros par western union au nom de Kouassi Yao a Abidjan. "
             "Son whatsapp: +225 07 58 12 34 56")


def count(tipline, table) -> int:
    with tipline.db.read() as s:
        return s.execute(select(func.count()).select_from(table)).scalar_one()


# --- the group commit itself ----------------------------------------------------------------------

def test_items_queued_during_a_commit_share_the_next_one(tipline):
    started, release, batches = threading.Event(), threading.Event(), []

    def write(session, items):
        batches.append(list(items))
        if len(batches) == 1:
            started.set()
            release.wait(30)
        return [f"done:{i}" for i in items]

    commit = GroupCommit(tipline.db, write)
    first = commit.submit(0)
    assert started.wait(30)
    rest = [commit.submit(i) for i in range(1, 20)]  # queued while the first commit is in flight
    release.set()
    assert first.result(30) == "done:0"
    assert [f.result(30) for f in rest] == [f"done:{i}" for i in range(1, 20)]
    assert batches == [[0], list(range(1, 20))]
    commit.close()


def test_a_failing_batch_is_retried_one_item_at_a_time(tipline):
    started, release, seen = threading.Event(), threading.Event(), []

    def write(session, items):
        seen.append(list(items))
        if items == ["hold"]:
            started.set()
            release.wait(30)
        if "bad" in items:
            raise ValueError("this item cannot be written")
        return [i.upper() for i in items]

    commit = GroupCommit(tipline.db, write)
    hold = commit.submit("hold")
    assert started.wait(30)
    futures = [commit.submit(i) for i in ("a", "bad", "c")]
    release.set()
    assert hold.result(30) == "HOLD"
    assert futures[0].result(30) == "A" and futures[2].result(30) == "C"
    with pytest.raises(ValueError, match="cannot be written"):
        futures[1].result(30)
    assert seen[1:] == [["a", "bad", "c"], ["a"], ["bad"], ["c"]]
    commit.close()


def test_an_exception_as_a_result_reaches_only_its_caller_and_close_refuses_more(tipline):
    commit = GroupCommit(tipline.db, lambda s, items: [KeyError(i) if i == "dup" else i for i in items])
    assert commit("ok") == "ok"
    with pytest.raises(KeyError):
        commit("dup")
    commit.close()
    with pytest.raises(RuntimeError, match="closed"):
        commit.submit("late")


# --- reports through it ---------------------------------------------------------------------------

def _pending(tipline, body, key=None):
    return intake.prepare(tipline, ReportIn.model_validate(body), Source.api, idempotency_key=key)[0]


def test_duplicates_inside_one_batch_are_refused_and_the_rest_written(tipline):
    batch = [_pending(tipline, {"narrative": "one", "external_id": "p-1"}),
             _pending(tipline, {"narrative": "one again", "external_id": "p-1"}),
             _pending(tipline, {"narrative": "two"}, key="key-12345678"),
             _pending(tipline, {"narrative": "two again"}, key="key-12345678"),
             _pending(tipline, {"narrative": "three"})]
    batch[4].stored.reference = batch[0].stored.reference  # a reference drawn twice is drawn again
    with tipline.db.write() as s:
        results = intake.write_unread(s, batch)
    assert isinstance(results[1], intake.DuplicateReport)
    assert isinstance(results[3], intake.AlreadyReceived) and results[3].reference == results[2].reference
    written = [r for r in results if isinstance(r, intake.Stored)]
    assert len(written) == 3 and len({r.reference for r in written}) == 3
    assert count(tipline, ReportRow) == 3 and count(tipline, CaseRow) == 3 and count(tipline, AuditRow) == 3
    with tipline.db.read() as s:
        assert audit.verify(s) == []  # one lock, one head move, an unbroken chain


def test_concurrent_reports_are_all_stored_once_with_an_unbroken_audit_chain(tipline):
    receipts, errors = [], []

    def post(n: int) -> None:
        try:
            for i in range(6):
                body = {"narrative": f"{NARRATIVE} ({n}-{i})", "external_id": f"t{n}-{i}"}
                receipts.append(asyncio.run(intake.receive_report(tipline, ReportIn.model_validate(body),
                                                                  Source.api)))
        except Exception as e:  # pragma: no cover - shown by the assertion below
            errors.append(e)

    threads = [threading.Thread(target=post, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert errors == []
    assert len({r.reference for r in receipts}) == 48 == count(tipline, ReportRow) == count(tipline, CaseRow)
    assert all(not r.read for r in receipts)
    with tipline.db.read() as s:
        assert audit.verify(s) == []
        assert s.execute(select(func.count()).select_from(AuditRow)).scalar_one() == 48


# --- the API answers first, the reader reads ------------------------------------------------------

def test_the_api_answers_before_reading_with_a_plan_from_the_first_look(client, tipline):
    r = client.post("/api/v1/reports", json={
        "narrative": "j'ai 15 ans, il a envoyé la vidéo à mes amis, j'ai envie de mourir. " + NARRATIVE,
        "scammer_identifiers": [{"kind": "email", "value": "Awa.Belle@Gmail.com"}]})
    assert r.status_code == 201, r.text
    data = r.json()
    assert data["read"] is False
    assert {i["value"] for i in data["identifiers"]} == {"awa.belle@gmail.com"}  # the form's, at once
    steps = [s["id"] for s in data["guidance"]["steps"]]
    assert steps[:2] == ["crisis", "child_protection"]  # the first look reads the signals in the text
    with tipline.db.read() as s:
        row = s.execute(select(ReportRow)).scalar_one()
        case = s.get(CaseRow, row.id)
    assert row.extractor_version is None and row.self_harm and row.minor
    assert case.reasons[0]["code"] == "self_harm"  # the queue shows it before it is read
    assert reading.unread(tipline) == [row.id]
    assert reading.read_pending(tipline) == 1
    with tipline.db.read() as s:
        row = s.get(ReportRow, row.id)
        linked = s.execute(select(func.count()).select_from(ReportIdentifierRow)).scalar_one()
    assert row.extractor_version is not None and row.signals["webcam_scheme"] and linked >= 3
    assert reading.read_pending(tipline) == 0  # reading is done once


def test_the_reader_command_reads_what_is_unread_and_names_what_it_cannot(client, tipline, run):
    refs = [client.post("/api/v1/reports", json={"narrative": f"{NARRATIVE} #{i}"}).json()["reference"]
            for i in range(3)]
    with tipline.db.write() as s:  # one stored document no longer validates (an old, looser schema)
        s.execute(update(ReportRow).where(ReportRow.ref == refs[0]).values(body=b"", key_id=""))
    result = run("reader", "--once")
    assert result.exit_code == 1
    assert "read 2 reports; 1 could not be read" in result.stderr
    assert len(reading.unread(tipline)) == 1


def test_the_reader_loop_skips_what_it_cannot_read_and_stops_when_told(client, tipline):
    bad = client.post("/api/v1/reports", json={"narrative": "bad"}).json()["reference"]
    with tipline.db.write() as s:
        s.execute(update(ReportRow).where(ReportRow.ref == bad).values(body=b"", key_id=""))
    stop = threading.Event()
    thread = threading.Thread(target=reading.run, args=(tipline, stop, 0.05))
    thread.start()
    try:
        client.post("/api/v1/reports", json={"narrative": NARRATIVE})
        deadline = time.monotonic() + 60
        while len(reading.unread(tipline)) > 1 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(reading.unread(tipline)) == 1  # the good one read, the bad one left for reextract
    finally:
        stop.set()
        thread.join(30)
    assert not thread.is_alive()


def test_serve_starts_a_reader_that_reads_what_the_api_received(settings, tmp_path):
    port = free_port()
    env = {**os.environ, "TIPLINE_DATA_DIR": str(settings.data_dir), "TIPLINE_SECRET_KEY": settings.secret_key,
           "TIPLINE_DATABASE_URL": settings.database_url, "TIPLINE_RATE_LIMIT": "1000/minute"}
    proc = subprocess.Popen([sys.executable, "-m", "tipline.cli", "serve", "--port", str(port)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    from tipline.service.context import Tipline

    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{base}/api/v1/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.2)
        r = httpx.post(f"{base}/api/v1/reports", json={"narrative": NARRATIVE}, timeout=30)
        assert r.status_code == 201 and r.json()["read"] is False
        app = Tipline.open(settings, upgrade=False)
        try:
            while reading.unread(app) and time.monotonic() < deadline + 60:
                time.sleep(0.1)
            assert reading.unread(app) == []
            with app.db.read() as s:
                assert s.execute(select(func.count()).select_from(ReportIdentifierRow)).scalar_one() >= 2
        finally:
            app.close()
    finally:
        os.killpg(proc.pid, 15)
        proc.wait(30)


def test_the_reader_steps_aside_while_reports_keep_arriving_but_not_for_ever(client, tipline, monkeypatch):
    client.post("/api/v1/reports", json={"narrative": NARRATIVE})
    calls = {"n": 0}
    stop = threading.Event()

    def arriving(app) -> int:  # every look finds more unread reports than the last: a flood
        calls["n"] += 1
        if calls["n"] > 20:
            stop.set()
        return calls["n"]

    monkeypatch.setattr(reading, "unread_count", arriving)
    reading.run(tipline, stop, idle_seconds=0, max_defer_seconds=3600)
    assert len(reading.unread(tipline)) == 1  # deferred while the flood lasts
    calls["n"], stop = 0, threading.Event()
    reading.run(tipline, stop, idle_seconds=0, max_defer_seconds=0)
    assert reading.unread(tipline) == []  # a deferral has a bound: then it reads anyway


def test_the_first_look_reads_in_the_texts_only_what_puts_a_help_route_first():
    from tipline import extract

    report = ReportIn.model_validate({
        "narrative": "I'm 16, I already paid 300 dollars, he gives me 24 hours, I want to die",
        "victim": {"country": "CA"}, "payments": [{"amount": "50", "currency": "CAD"}],
        "scammer_identifiers": [{"kind": "phone", "value": "+225 07 58 12 34 56"}]})
    first, full = extract.first_look(report), extract.extract_report(report)
    assert first.signals["self_harm"] and first.signals["minor"]
    assert first.signals["paid"]  # from the form's payment
    assert not first.signals["deadline"] and full.signals["deadline"]  # the rest when the report is read
    assert [(m.amount, m.role) for m in first.money] == [(50, "paid")]
    assert {m.value for m in first.mentions} == {"+2250758123456"}
    assert first.language == "en"

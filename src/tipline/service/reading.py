"""Reading stored reports: extraction, identifier links, signals, the case's priority, online linking.

Intake stores a report *unread* (``extractor_version`` NULL) and answers at once; reading is the
second stage. The web form reads its report before showing the receipt (a person is waiting for
it); the API leaves it to the reader, a separate process that ``tipline serve`` starts at low CPU
priority, so that a flood of reports is taken in at full speed and read as soon as the CPU allows.
Reading is idempotent: it replaces the report's links with what the current extractor finds, so
the same function re-reads reports after the extractor improves (``tipline reextract``).
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
import time
import uuid
from dataclasses import dataclass

from pydantic import ValidationError
from sqlalchemy import func, select

from tipline import extract
from tipline.domain.identifier import Found
from tipline.domain.report import FollowUpContent, ReportIn
from tipline.service import cases, linking
from tipline.service.context import Tipline
from tipline.store import reports
from tipline.store.tables import ReportRow

log = logging.getLogger("tipline.reader")


def reporters_own(contact: dict | None, region: str | None) -> set[str]:
    """The reporter's own email and phone, canonical, to keep them out of the scammers' identifiers.

    Extraction already skips contact details written with a cue ("my number is…"); a reporter's
    address pasted without one would otherwise be stored in clear as if it were a scammer's, and
    link this victim to every report that quotes them.
    """
    from tipline.extract.kinds import email, phone

    own: set[str] = set()
    contact = contact or {}
    if contact.get("email") and (e := email.normalise(contact["email"])):
        own.add(e.value)
    if contact.get("phone") and (p := phone.normalise(contact["phone"], region)):
        own.add(p.value)
    return own


def without_own(found: list[Found], own: set[str]) -> list[Found]:
    return [f for f in found if f.identifier.value not in own] if own else found


@dataclass
class Read:
    """What reading a report found (None from ``read_one`` when it could not be read)."""

    extraction: extract.Extraction
    identifiers: list[Found]  # the report's own (form, narrative, chat), the reporter's contacts left out


def unread(app: Tipline, limit: int = 100) -> list[uuid.UUID]:
    """The oldest unread reports (indexed: ``ix_reports_unread``)."""
    with app.db.read() as session:
        return list(session.execute(
            select(ReportRow.id).where(ReportRow.extractor_version.is_(None), ReportRow.erased_at.is_(None))
            .order_by(ReportRow.received_at).limit(limit)).scalars())


def read_one(app: Tipline, report_id: uuid.UUID) -> Read | None:
    """Read one report in one transaction, then index it for online linking (after the commit).

    None when the report is gone, erased, or its stored document no longer validates (it is then
    left as it was, and counted by ``reextract``).
    """
    with app.db.write() as session:
        row = reports.by_id(session, report_id)
        if row is None or row.erased_at is not None:
            return None
        try:
            report = ReportIn.model_validate(reports.report_body(app.keys, row))
            follow_ups = [(fu.id, fu.received_at, FollowUpContent.model_validate(reports.follow_up_body(app.keys, fu)))
                          for fu in reports.follow_ups(session, row.id)]
        except ValidationError:
            return None
        x = extract.extract_report(report)
        own = reporters_own(report.contact.model_dump(), report.victim.country)
        signals = dict(x.signals)
        reports.delete_links(session, row.id)
        reports.link_identifiers(session, row.id, without_own(x.identifiers, own), row.received_at, new_report=True)
        for follow_up_id, received_at, content in follow_ups:
            fx = extract.extract_follow_up(content, row.victim_country, row.language or x.language)
            reports.link_identifiers(session, row.id, without_own(fx.identifiers, own), received_at,
                                     follow_up_id=follow_up_id)
            signals = {k: signals[k] or v for k, v in fx.signals.items()}
        row.signals = signals
        row.minor = report.involves_minor or signals["minor"]
        row.self_harm = signals["self_harm"]
        row.language = row.language or x.language
        row.extractor_version = extract.VERSION
        cases.rescore(session, row)
    linking.after_report(app, report_id, report)  # after the commit: never loses the reading
    return Read(x, without_own(x.identifiers, own))


def read_pending(app: Tipline, batch: int = 100) -> int:
    """Read every unread report, oldest first; returns how many were read."""
    done = 0
    while True:
        ids = unread(app, batch)
        failed = 0
        for report_id in ids:
            if read_one(app, report_id) is not None:
                done += 1
            else:
                failed += 1
        if len(ids) < batch or failed == len(ids):
            return done


def unread_count(app: Tipline) -> int:
    with app.db.read() as session:
        return session.execute(select(func.count()).select_from(ReportRow).where(
            ReportRow.extractor_version.is_(None), ReportRow.erased_at.is_(None))).scalar_one()


def run(app: Tipline, stop: threading.Event, idle_seconds: float = 0.25, max_defer_seconds: float = 60.0) -> None:
    """The reader's loop: read what is unread, a batch at a time; until ``stop`` is set.

    It steps aside while intake is busy: when reports arrived since its last look, it waits a
    pause before reading (its CPU priority alone does not keep its database work off the
    cores intake needs), for at most ``max_defer_seconds`` in a row, so a flood delays reading
    but never stops it. Each case is open and scored from intake's first look meanwhile.

    A report that cannot be read (its document no longer validates) stays unread and is listed by
    ``tipline reextract``; the loop skips it rather than spinning on it.
    """
    skipped: set[uuid.UUID] = set()
    deferred_since: float | None = None
    expected = unread_count(app)  # what the next look finds if no report arrives meanwhile
    while not stop.is_set():
        waiting = unread_count(app)
        if waiting > expected:  # reports arrived since the last look: intake is busy
            deferred_since = deferred_since or time.monotonic()
            if time.monotonic() - deferred_since < max_defer_seconds:
                expected = waiting
                stop.wait(idle_seconds)
                continue
        deferred_since = None
        ids = [i for i in unread(app, 100 + len(skipped)) if i not in skipped][:100]
        if not ids:
            expected = waiting
            stop.wait(idle_seconds)
            continue
        read = 0
        for report_id in ids:
            if stop.is_set():
                return
            try:
                if read_one(app, report_id) is None:
                    skipped.add(report_id)
                else:
                    read += 1
            except Exception:  # a database hiccup: the report stays unread and is retried
                log.exception("reading a report failed; it stays unread and will be retried")
                stop.wait(idle_seconds)
        expected = waiting - read  # a backlog is read batch after batch, without a pause


def lower_priority() -> None:
    """Give the CPU to intake first: the reader runs when requests leave a core idle (Linux's
    SCHED_IDLE policy), elsewhere at the lowest niceness."""
    if hasattr(os, "sched_setscheduler") and hasattr(os, "SCHED_IDLE"):
        with contextlib.suppress(OSError):
            os.sched_setscheduler(0, os.SCHED_IDLE, os.sched_param(0))
            return
    with contextlib.suppress(OSError):  # not permitted here: read at normal priority
        os.nice(19)

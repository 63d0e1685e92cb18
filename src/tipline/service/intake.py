"""Receiving reports and follow-ups: validate → first look → store unread (group commit) → answer.

The report is committed before the reporter is told it was received; the guidance is built after
the commit (it is pure and cannot lose a report). Concurrent reports share one transaction
(``store.groupcommit``); each is read afterwards (``service.reading``): before the answer on the
web form, by the reader process for the API.
"""

from __future__ import annotations

import asyncio
import hashlib
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

import uuid6
from sqlalchemy.orm import Session

from tipline import extract
from tipline.domain.enums import Source
from tipline.domain.identifier import Found
from tipline.domain.report import FollowUpIn, ReportIn
from tipline.guidance import Plan, build_plan
from tipline.security import codes
from tipline.service import cases, linking, reading
from tipline.service.context import Tipline
from tipline.store import audit, reports
from tipline.store.groupcommit import GroupCommit
from tipline.store.tables import ReportRow


class DuplicateReport(Exception):
    """A report with this external_id is already stored (imports are idempotent)."""


class AlreadyReceived(Exception):
    """This submission (same idempotency key) was already stored; ``reference`` names it.

    The follow-up token cannot be shown again: only its hash is kept.
    """

    def __init__(self, reference: str) -> None:
        super().__init__(reference)
        self.reference = reference


def idempotency_hash(key: str) -> str:
    return hashlib.sha256(b"tipline-idempotency:" + key.encode()).hexdigest()


@dataclass
class Stored:
    id: uuid.UUID
    reference: str
    token: str
    received_at: datetime
    identifiers: list[Found]
    language: str | None  # as given, or as read in the narrative
    read: bool  # False: the narrative and chat log are read after the answer (identifiers come then)


@dataclass
class Receipt(Stored):
    guidance: Plan


@dataclass
class FollowUpReceipt:
    id: uuid.UUID
    reference: str
    received_at: datetime
    identifiers: list[Found] = field(default_factory=list)


@dataclass
class _Unread:
    """A report's rows, built (and encrypted) by the caller's thread; the group commit only writes."""

    stored: Stored
    external_id: str | None
    key_hash: str | None
    row: dict
    money: list[dict]
    case: dict
    event: audit.Event


def submit_report(app: Tipline, report: ReportIn, source: Source, language: str | None = None,
                  actor: str | None = None, idempotency_key: str | None = None) -> Receipt:
    """Store a report from a person and read it, then build their action plan (after the commit).

    The web form's path: a person waits for the receipt, which shows what was read.
    """
    stored, x = _store(app, report, source, actor, idempotency_key, read=True)
    return _receipt(app, report, language, stored, x)


async def receive_report(app: Tipline, report: ReportIn, source: Source, actor: str | None = None,
                         idempotency_key: str | None = None) -> Receipt:
    """Store a report and answer as soon as it is durable; the reader reads it afterwards.

    The API's path, on the event loop: the first look (``extract.first_look``: form, money,
    signals) and the encryption are CPU work done here; only the group commit is awaited. The plan
    comes from the first look, so a narrative saying "I want to die" still puts the crisis line first.
    """
    pending, x = prepare(app, report, source, actor, idempotency_key)
    stored: Stored = await asyncio.wrap_future(_writer(app).submit(pending))
    return _receipt(app, report, None, stored, x)


def _receipt(app: Tipline, report: ReportIn, language: str | None, stored: Stored, x: extract.Extraction) -> Receipt:
    language = language or report.language or stored.language or app.settings.default_language
    plan = build_plan(report, language, include_unverified=app.settings.include_unverified_routes,
                      signals=x.signals, money=[(m.amount, m.currency, m.role) for m in x.money])
    return Receipt(**vars(stored), guidance=plan)


def store_report(app: Tipline, report: ReportIn, source: Source, actor: str | None = None,
                 idempotency_key: str | None = None) -> Stored:
    """Store and read a validated report (imports need nothing more).

    Raises DuplicateReport for a known external_id, AlreadyReceived for a known idempotency key
    (a form posted twice by a refresh, an API call retried after a lost answer).
    """
    return _store(app, report, source, actor, idempotency_key, read=True)[0]


def store_many(app: Tipline, batch: Sequence[ReportIn], source: Source, actor: str | None = None
               ) -> list[Stored | DuplicateReport]:
    """Store and read several validated reports (an import's window): they are written by the
    group commit together, then read one by one. A known external_id gives DuplicateReport."""
    futures = [_writer(app).submit(prepare(app, report, source, actor)[0]) for report in batch]
    out: list[Stored | DuplicateReport] = []
    for future in futures:
        try:
            stored = future.result()
        except DuplicateReport as e:
            out.append(e)
            continue
        _read(app, stored)
        out.append(stored)
    return out


def _store(app: Tipline, report: ReportIn, source: Source, actor: str | None, idempotency_key: str | None,
           read: bool) -> tuple[Stored, extract.Extraction]:
    pending, x = prepare(app, report, source, actor, idempotency_key)
    stored: Stored = _writer(app)(pending)
    if read and (done := _read(app, stored)) is not None:
        return stored, done.extraction
    return stored, x


def _read(app: Tipline, stored: Stored) -> reading.Read | None:
    """Read a just-stored report and update its receipt with what was read."""
    if (done := reading.read_one(app, stored.id)) is not None:
        stored.identifiers, stored.read = done.identifiers, True
        stored.language = stored.language or done.extraction.language
    return done


def prepare(app: Tipline, report: ReportIn, source: Source, actor: str | None = None,
            idempotency_key: str | None = None) -> tuple[_Unread, extract.Extraction]:
    """A report's rows, encrypted, and intake's first look at it: everything but the write."""
    now = datetime.now(UTC)
    # A web report is received now; an import or a partner keeps the time it was first received.
    received_at = now if source == Source.web or report.received_at is None else report.received_at
    if report.source is None:
        report = report.model_copy(update={"source": source})
    # Pure and bounded (linear time): it runs before the write, never inside a transaction.
    x = extract.first_look(report)
    own = reading.reporters_own(report.contact.model_dump(), report.victim.country)
    token, report_id, language = codes.new_token(), uuid6.uuid7(), report.language or x.language
    key_hash = idempotency_hash(idempotency_key) if idempotency_key else None
    identifiers = reading.without_own(x.identifiers, own)
    pending = _Unread(
        stored=Stored(report_id, codes.new_reference(), token, received_at, identifiers, language, read=False),
        external_id=report.external_id, key_hash=key_hash,
        row=reports.report_row(app.keys, report_id=report_id, ref="", token_hash=codes.hash_token(token),
                               report=report, source=source.value, received_at=received_at, signals=x.signals,
                               language=language, extractor_version=None, idempotency_key=key_hash),
        money=reports.money_rows(report_id, report.demands, report.payments),
        case=cases.case_row(report_id, report, x.signals, now),
        event=audit.Event(actor or f"reporter:{source.value}", "report.created", "report", str(report_id), {
            "source": source.value, "identifiers": len(identifiers), "payments": len(report.payments)}))
    return pending, x


def _writer(app: Tipline) -> GroupCommit[_Unread, Stored]:
    """This process's group commit for reports (one per open Tipline)."""
    return app.group_commit("reports", write_unread)


def write_unread(session: Session, batch: Sequence[_Unread]) -> list[Stored | Exception]:
    """Write a batch of reports, unread, in the caller's transaction: one statement per table.

    A report whose external_id or idempotency key is already stored (or was earlier in this
    batch) gets its exception and is not written; a reference code already taken is drawn again.
    The unique constraints decide (the insert skips conflicting rows), so the usual batch costs
    no look-up at all.
    """
    outcome: dict[int, Stored | Exception] = {}
    todo = list(range(len(batch)))
    for _ in range(5):
        written = reports.insert_reports(session, [{**batch[i].row, "ref": batch[i].stored.reference} for i in todo])
        skipped = [i for i in todo if batch[i].stored.id not in written]
        outcome.update({i: batch[i].stored for i in todo if batch[i].stored.id in written})
        if not skipped:
            break
        _, external, keys = reports.conflicts(session, (batch[i].stored.reference for i in skipped),
                                                 (batch[i].external_id for i in skipped),
                                                 (batch[i].key_hash for i in skipped))
        todo = []
        for i in skipped:
            p = batch[i]
            if p.external_id and p.external_id in external:
                outcome[i] = DuplicateReport(p.external_id)
            elif p.key_hash and p.key_hash in keys:
                outcome[i] = AlreadyReceived(keys[p.key_hash])
            else:  # its reference code was taken: another draw, another try
                p.stored.reference = codes.new_reference()
                todo.append(i)
    else:
        raise RuntimeError("could not draw free reference codes")
    done = [batch[i] for i in sorted(outcome) if isinstance(outcome[i], Stored)]
    reports.insert_money(session, [row for p in done for row in p.money])
    cases.open_cases(session, [p.case for p in done])
    audit.append_many(session, [p.event for p in done])
    return [outcome[i] for i in range(len(batch))]


def reporter_report(session: Session, reference: str, token: str) -> ReportRow | None:
    """The report a reporter's code and token open; None when either is wrong (never which)."""
    ref = codes.normalise_reference(reference)
    row = reports.by_ref(session, ref) if ref else None
    # Compare against a dummy hash when the code is unknown, so timing does not tell either.
    if not codes.token_matches(token, row.token_hash if row else "0" * 64) or row is None:
        return None
    if row.erased_at is not None:  # erased: its token no longer opens it (its hash is emptied too)
        return None
    return row


def add_follow_up(app: Tipline, reference: str, follow_up: FollowUpIn) -> FollowUpReceipt | None:
    """Append a follow-up; None when the code or the token is wrong (the caller cannot tell which)."""
    now = datetime.now(UTC)
    with app.db.write() as session:
        row = reporter_report(session, reference, follow_up.token)
        if row is None:
            return None
        x = extract.extract_follow_up(follow_up, row.victim_country, row.language)
        found = reading.without_own(x.identifiers, reading.reporters_own(
            reports.report_body(app.keys, row).get("contact"), row.victim_country))
        follow_up_id = reports.insert_follow_up(session, app.keys, row.id, follow_up, now)
        reports.insert_money(session, reports.money_rows(row.id, follow_up.demands, follow_up.payments,
                                                         follow_up_id=follow_up_id))
        reports.link_identifiers(session, row.id, found, now, follow_up_id=follow_up_id)
        # A follow-up only ever raises signals, never lowers them.
        row.signals = {k: bool(row.signals.get(k)) or v for k, v in x.signals.items()}
        row.self_harm = row.self_harm or x.signals["self_harm"]
        row.minor = row.minor or x.signals["minor"]
        cases.rescore(session, row, now)
        audit.append(session, "reporter:follow_up", "report.follow_up_added", "report", str(row.id),
                     {"follow_up": str(follow_up_id), "identifiers": len(found),
                      "payments": len(follow_up.payments)})
        receipt, report_id = FollowUpReceipt(follow_up_id, row.ref, now, found), row.id
    linking.after_follow_up(app, report_id, follow_up)  # after the commit, like reports
    return receipt

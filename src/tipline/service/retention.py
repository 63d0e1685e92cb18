"""Erasing a report's personal data: by retention (``tipline purge``) or on the reporter's request.

What goes: the encrypted document (narrative, chat log, contact details, scammer persona, the
victim's exact age and wellbeing answers), every follow-up's encrypted document, the raw text of
identifiers as the reporter typed it, the follow-up token and the idempotency key. The rows are
kept with their de-identified columns — dates, categories, yes/no answers, flags, money rows and
the links to the scammers' identifiers — so statistics, linking and other victims' cases keep
what they need, and pages can say "erased on …". See docs/data-protection.md.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from sqlalchemy import and_, exists, func, select, update
from sqlalchemy.orm import Session

from tipline.service.context import Tipline
from tipline.service.intake import reporter_report
from tipline.store import audit, reports
from tipline.store.tables import CaseNoteRow, EvidenceRow, FollowUpRow, ReportIdentifierRow, ReportRow

# What the reporter is told is kept, in the API answer (the page says the same in their language).
KEPT = ["dates", "categories and yes/no answers", "amounts and payment channels",
        "the scammers' accounts, numbers and addresses", "audit events (ids and counts only)"]


def erase_many(session: Session, report_ids: list[uuid.UUID], reason: str, actor: str,
               now: datetime) -> dict[uuid.UUID, int]:
    """Erase these reports' personal data in the caller's transaction, set-based (a purge erases
    thousands); returns the follow-ups erased per report actually erased. Reports already erased
    are left as they are (idempotent) and not in the result. One audit event per report."""
    ids = list(session.execute(select(ReportRow.id).where(ReportRow.id.in_(report_ids),
                                                          ReportRow.erased_at.is_(None))).scalars())
    if not ids:
        return {}
    counts = dict.fromkeys(ids, 0)
    for report_id, n in session.execute(
            select(FollowUpRow.report_id, func.count()).where(FollowUpRow.report_id.in_(ids),
                                                             FollowUpRow.key_id != reports.ERASED)
            .group_by(FollowUpRow.report_id)):
        counts[report_id] = n
    session.execute(update(FollowUpRow).where(FollowUpRow.report_id.in_(ids))
                    .values(key_id=reports.ERASED, body=b""))
    session.execute(update(ReportIdentifierRow).where(ReportIdentifierRow.report_id.in_(ids)).values(raw=None))
    # Evidence files and the analysts' notes hold the victim's data too.
    session.execute(update(EvidenceRow).where(EvidenceRow.report_id.in_(ids)).values(key_id=reports.ERASED, body=b""))
    session.execute(update(CaseNoteRow).where(CaseNoteRow.report_id.in_(ids)).values(key_id=reports.ERASED, body=b""))
    # An empty token hash matches no token: follow-ups, fingerprints and a second erasure are refused.
    session.execute(update(ReportRow).where(ReportRow.id.in_(ids)).values(
        key_id=reports.ERASED, body=b"", token_hash="", idempotency_key=None, erased_at=now),
        execution_options={"synchronize_session": "fetch"})
    for report_id in sorted(ids):
        audit.append(session, actor, "report.erased", "report", str(report_id),
                     {"reason": reason, "follow_ups": counts[report_id]})
    return counts


def erase(session: Session, row: ReportRow, reason: str, actor: str, now: datetime) -> int:
    """Erase one report's personal data in the caller's transaction; returns the follow-ups erased
    (0 for a report already erased, which is left as it is)."""
    return erase_many(session, [row.id], reason, actor, now).get(row.id, 0)


def request_erasure(app: Tipline, reference: str, token: str) -> tuple[str, datetime] | None:
    """Erase at the reporter's request; (reference, when) or None when the code or token is wrong."""
    now = datetime.now(UTC)
    with app.db.write() as session:
        row = reporter_report(session, reference, token)
        if row is None:
            return None
        erase(session, row, "request", "reporter:erasure", now)
        ref = row.ref
    app.db.scrub()
    return ref, now


def erase_by_reference(app: Tipline, reference: str, actor: str = "cli:purge",
                       dry_run: bool = False) -> str | None:
    """Staff erase one report now (a request made by phone or mail, the token lost): "erased",
    "already erased" or None when no report has this code."""
    from tipline.security.codes import normalise_reference

    ref = normalise_reference(reference)
    if ref is None:
        return None
    with app.db.write() as session:
        row = reports.by_ref(session, ref)
        if row is None:
            return None
        if row.erased_at is not None:
            return "already erased"
        if dry_run:
            return "would be erased"
        erase(session, row, "staff", actor, datetime.now(UTC))
    app.db.scrub()
    return "erased"


@dataclass
class PurgeResult:
    erased: dict[str, int] = field(default_factory=dict)  # per status
    follow_ups: int = 0
    dry_run: bool = False

    @property
    def total(self) -> int:
        return sum(self.erased.values())


def _expired(status: str, cutoff: datetime):
    """Not erased, this status, no activity (report or follow-up) since ``cutoff``."""
    recent = exists().where(FollowUpRow.report_id == ReportRow.id, FollowUpRow.received_at >= cutoff)
    return and_(ReportRow.erased_at.is_(None), ReportRow.status == status, ReportRow.received_at < cutoff,
                ~recent)


def purge(app: Tipline, now: datetime | None = None, dry_run: bool = False, batch: int = 200,
          on_progress: Callable[[int], None] | None = None, actor: str = "cli:purge") -> PurgeResult:
    """Erase the personal data of every report past its status's retention period."""
    now = now or datetime.now(UTC)
    result = PurgeResult(dry_run=dry_run)
    for status, days in app.settings.retention_days.items():
        if days is None:
            continue
        condition = _expired(status, now - timedelta(days=days))
        if dry_run:
            with app.db.read() as session:
                n = session.execute(select(func.count()).select_from(ReportRow).where(condition)).scalar_one()
            if n:
                result.erased[status] = n
            continue
        while True:
            with app.db.write() as session:
                ids: list[uuid.UUID] = list(session.execute(
                    select(ReportRow.id).where(condition).order_by(ReportRow.id).limit(batch)).scalars())
                result.follow_ups += sum(erase_many(session, ids, "retention", actor, now).values())
            if not ids:
                break
            result.erased[status] = result.erased.get(status, 0) + len(ids)
            if on_progress:
                on_progress(len(ids))
    if not dry_run:
        with app.db.write() as session:
            audit.append(session, actor, "retention.purged", "report", None,
                         {"erased": result.erased, "follow_ups": result.follow_ups})
        app.db.scrub()
    return result

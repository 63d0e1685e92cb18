"""Extraction again over stored reports, when extraction has improved (it is pure and versioned).

Each report is redone in its own transaction: its links are replaced by what the current
extractor finds in the report and in each follow-up, and its signals are recomputed. A report
whose stored document no longer validates is counted and left as it was.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

from pydantic import ValidationError
from sqlalchemy import or_, select

from tipline import extract
from tipline.domain.report import FollowUpContent, ReportIn
from tipline.service.context import Tipline
from tipline.service.intake import reporters_own, without_own
from tipline.store import audit, reports
from tipline.store.tables import ReportRow


@dataclass
class ReextractResult:
    done: int = 0
    failed: list[uuid.UUID] = field(default_factory=list)


def report_ids(app: Tipline, stale_only: bool) -> list[uuid.UUID]:
    # Erased reports keep the links they had (de-identified statistics); there is no text to reread.
    query = select(ReportRow.id).where(ReportRow.erased_at.is_(None)).order_by(ReportRow.received_at)
    if stale_only:
        query = query.where(or_(ReportRow.extractor_version.is_(None),
                                ReportRow.extractor_version != extract.VERSION))
    with app.db.read() as session:
        return list(session.execute(query).scalars())


def reextract_one(app: Tipline, report_id: uuid.UUID) -> bool:
    """Redo one report; False when its stored document no longer validates."""
    with app.db.write() as session:
        row = reports.by_id(session, report_id)
        if row is None or row.erased_at is not None:
            return True  # deleted or erased meanwhile
        try:
            report = ReportIn.model_validate(reports.report_body(app.keys, row))
            follow_ups = [(fu.id, fu.received_at, FollowUpContent.model_validate(reports.follow_up_body(app.keys, fu)))
                          for fu in reports.follow_ups(session, row.id)]
        except ValidationError:
            return False
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
    return True


def reextract(app: Tipline, stale_only: bool = True, on_report: Callable[[], None] | None = None,
              actor: str = "cli") -> ReextractResult:
    result = ReextractResult()
    for report_id in report_ids(app, stale_only):
        if reextract_one(app, report_id):
            result.done += 1
        else:
            result.failed.append(report_id)
        if on_report:
            on_report()
    with app.db.write() as session:
        audit.append(session, actor, "reports.reextracted", "report", None,
                     {"version": extract.VERSION, "done": result.done, "failed": len(result.failed)})
    return result

"""Extraction again over stored reports, when extraction has improved (it is pure and versioned).

Each report is read again (``service.reading.read_one``, the reader's own unit of work) in its
own transaction: its links are replaced by what the current extractor finds in the report and in
each follow-up, its signals and priority are recomputed. A report whose stored document no longer
validates is counted and left as it was.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import or_, select

from tipline import extract
from tipline.service import reading
from tipline.service.context import Tipline
from tipline.store import audit
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


def reextract(app: Tipline, stale_only: bool = True, on_report: Callable[[], None] | None = None,
              actor: str = "cli") -> ReextractResult:
    result = ReextractResult()
    for report_id in report_ids(app, stale_only):
        if reading.read_one(app, report_id) is not None:
            result.done += 1
        else:
            result.failed.append(report_id)
        if on_report:
            on_report()
    with app.db.write() as session:
        audit.append(session, actor, "reports.reextracted", "report", None,
                     {"version": extract.VERSION, "done": result.done, "failed": len(result.failed)})
    return result

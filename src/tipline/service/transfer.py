"""JSON-lines import and export in the report interchange format.

An export line is the report as submitted plus fields tipline adds (``id``, ``reference``,
``status``, ``follow_ups``, ``extracted``); import ignores exactly those, so an export can be
imported elsewhere. Re-importing an ``external_id`` already stored skips it.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO, Any

from pydantic import ValidationError

from tipline.domain.enums import Source
from tipline.domain.report import ReportIn
from tipline.service.context import Tipline
from tipline.service.intake import DuplicateReport, store_many
from tipline.store import audit, reports

EXPORT_ONLY_FIELDS = ("id", "reference", "status", "follow_ups", "extracted")


@dataclass
class ImportResult:
    imported: int = 0
    duplicates: int = 0
    erased: int = 0  # lines of reports erased at their source: their personal data is not brought back
    errors: list[tuple[int, str]] = field(default_factory=list)  # (line number, reason)


def describe_validation_error(error: ValidationError) -> str:
    parts = []
    for e in error.errors():
        where = ".".join(str(p) for p in e["loc"]) or "report"
        parts.append(f"{where}: {e['msg'].removeprefix('Value error, ')}")
    return "; ".join(parts)


WINDOW = 200  # reports validated, then written together


def import_lines(app: Tipline, lines: Iterable[str],
                 on_line: Callable[[int], None] | None = None) -> ImportResult:
    """Import each line; a bad line is recorded with its number and reason, and skipped.

    Valid reports are stored a window at a time (``WINDOW``), so that the group commit writes
    them together; memory stays constant whatever the file's size.
    """
    result = ImportResult()
    window: list[ReportIn] = []

    def flush() -> None:
        for outcome in store_many(app, window, Source.import_, actor="import"):
            if isinstance(outcome, DuplicateReport):
                result.duplicates += 1
            else:
                result.imported += 1
        window.clear()

    for number, line in enumerate(lines, start=1):
        if on_line:
            on_line(len(line.encode()))
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as e:
            result.errors.append((number, f"not valid JSON ({e.msg} at column {e.colno})"))
            continue
        if not isinstance(data, dict):
            result.errors.append((number, "a line must be a JSON object (one report)"))
            continue
        if data.get("erased_at"):
            result.erased += 1
            continue
        for key in EXPORT_ONLY_FIELDS:
            data.pop(key, None)
        try:
            report = ReportIn.model_validate(data)
        except ValidationError as e:
            result.errors.append((number, describe_validation_error(e)))
            continue
        window.append(report)
        if len(window) >= WINDOW:
            flush()
    flush()
    return result


def export_records(app: Tipline) -> Iterator[dict[str, Any]]:
    """Every report as an interchange record, oldest first, in constant memory."""
    with app.db.read() as session:
        for row in reports.iter_reports(session):
            record = reports.report_body(app.keys, row)
            record["received_at"] = row.received_at.isoformat().replace("+00:00", "Z")
            record["source"] = row.source
            record["id"] = str(row.id)
            record["reference"] = row.ref
            record["status"] = row.status
            if row.erased_at is not None:  # personal data erased: the de-identified part only
                record["erased_at"] = row.erased_at.isoformat().replace("+00:00", "Z")
            record["follow_ups"] = [
                {"received_at": fu.received_at.isoformat().replace("+00:00", "Z"),
                 **reports.follow_up_body(app.keys, fu)}
                for fu in reports.follow_ups(session, row.id)
            ]
            record["extracted"] = {
                "identifiers": [
                    {"kind": i.kind, "value": i.value, "country": i.country, "source": link.source,
                     "confidence": link.confidence}
                    for i, link in reports.identifiers_of(session, row.id)
                ],
                "signals": row.signals,
                "extractor_version": row.extractor_version,
            }
            yield record


def export_jsonl(app: Tipline, out: IO[str], actor: str = "cli") -> int:
    """Every report, decrypted; the export (a read of all personal data) is an audit event."""
    count = 0
    for record in export_records(app):
        out.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n")
        count += 1
    with app.db.write() as session:
        audit.append(session, actor, "reports.exported", "report", None, {"reports": count})
    return count

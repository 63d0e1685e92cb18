"""Evidence files: what a reporter gives to prove the extortion (screenshots of the chat, payment
receipts, the scammer's profile page), encrypted at rest and read only by staff, with an audit event.

The type is read from the file's first bytes, never from the name or the declared type; only the
types a screenshot or a receipt comes in are taken. The file's name is not kept (it often holds a
name or a date that identifies someone).
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

import uuid6
from sqlalchemy import func, select

from tipline.security.roles import Principal
from tipline.service import cases
from tipline.service.context import Tipline
from tipline.service.intake import reporter_report
from tipline.store import audit, reports
from tipline.store.tables import EvidenceRow

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_FILES_PER_REPORT = 20
# (the bytes a file of that type starts with, its media type); WebP and HEIC are checked in sniff()
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"%PDF-", "application/pdf"),
)


class EvidenceError(ValueError):
    """A file that cannot be taken; the message names the file by its position and says why."""


@dataclass
class EvidenceInfo:
    id: uuid.UUID
    received_at: datetime
    media_type: str
    size: int
    sha256: str


def sniff(content: bytes) -> str | None:
    """The media type of a screenshot, receipt or document, from its first bytes; None otherwise."""
    for magic, media_type in _SIGNATURES:
        if content.startswith(magic):
            return media_type
    if content[:4] == b"RIFF" and content[8:12] == b"WEBP":
        return "image/webp"
    if content[4:8] == b"ftyp" and content[8:12] in {b"heic", b"heix", b"mif1", b"msf1", b"heim", b"heis"}:
        return "image/heic"
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return "text/plain" if "\x00" not in text else None


def _aad(evidence_id: uuid.UUID) -> bytes:
    return f"evidence:{evidence_id}".encode()


def check(files: list[bytes]) -> list[str]:
    """Each file's media type, or EvidenceError naming the first bad one (``files[i]``)."""
    if not files:
        raise EvidenceError("files: give at least one file")
    types = []
    for i, content in enumerate(files):
        if not content:
            raise EvidenceError(f"files[{i}]: the file is empty")
        if len(content) > MAX_FILE_BYTES:
            raise EvidenceError(f"files[{i}]: larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")
        media_type = sniff(content)
        if media_type is None:
            raise EvidenceError(f"files[{i}]: not a picture (PNG, JPEG, GIF, WebP, HEIC), a PDF or a text file")
        types.append(media_type)
    return types


def add_evidence(app: Tipline, reference: str, token: str, files: list[bytes]) -> list[EvidenceInfo] | None:
    """Store the reporter's files, encrypted; None when the code or token is wrong (never which)."""
    types = check(files)
    now = datetime.now(UTC)
    with app.db.write() as session:
        row = reporter_report(session, reference, token)
        if row is None:
            return None
        held = session.execute(select(func.count()).select_from(EvidenceRow)
                               .where(EvidenceRow.report_id == row.id)).scalar_one()
        if held + len(files) > MAX_FILES_PER_REPORT:
            raise EvidenceError(f"files: at most {MAX_FILES_PER_REPORT} files a report ({held} already received)")
        stored = []
        for content, media_type in zip(files, types, strict=True):
            evidence_id = uuid6.uuid7()
            kid, blob = app.keys.encrypt(content, _aad(evidence_id))
            info = EvidenceInfo(evidence_id, now, media_type, len(content), hashlib.sha256(content).hexdigest())
            session.add(EvidenceRow(id=evidence_id, report_id=row.id, received_at=now, media_type=media_type,
                                    size=len(content), sha256=info.sha256, key_id=kid, body=blob))
            stored.append(info)
        session.flush()
        audit.append(session, "reporter:evidence", "report.evidence_added", "report", str(row.id),
                     {"files": len(files), "bytes": sum(len(f) for f in files)})
    return stored


def list_evidence(app: Tipline, report_id: uuid.UUID) -> list[EvidenceInfo]:
    with app.db.read() as session:
        return [EvidenceInfo(e.id, e.received_at, e.media_type, e.size, e.sha256) for e in session.execute(
            select(EvidenceRow).where(EvidenceRow.report_id == report_id, EvidenceRow.key_id != reports.ERASED)
            .order_by(EvidenceRow.received_at, EvidenceRow.id)).scalars()]


def read_evidence(app: Tipline, principal: Principal, reference: str, evidence_id: uuid.UUID
                  ) -> tuple[EvidenceInfo, bytes]:
    """A file, decrypted, for a staff member who may see the case; the read is an audit event."""
    report_id = cases.locate(app, principal, reference)  # Forbidden / NotFound as for the case
    with app.db.write() as session:
        row = session.get(EvidenceRow, evidence_id)
        if row is None or row.report_id != report_id or row.key_id == reports.ERASED:
            raise cases.NotFound(str(evidence_id))
        content = app.keys.decrypt(row.key_id, row.body, _aad(row.id))
        audit.append(session, principal.id, "evidence.viewed", "report", str(report_id),
                     {"evidence": str(evidence_id)})
        return EvidenceInfo(row.id, row.received_at, row.media_type, row.size, row.sha256), content

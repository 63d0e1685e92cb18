"""Reading and writing reports, follow-ups, money and identifiers.

Every function takes the caller's session: the caller's transaction decides what is committed
together, so a report, its identifiers, its money and its audit event land all or nothing.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator
from datetime import datetime

from sqlalchemy import delete, func, insert, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from tipline.domain.identifier import Found, Identifier
from tipline.domain.report import Demand, FollowUpIn, Payment, ReportIn
from tipline.security.crypto import KeyRing
from tipline.store.tables import (
    FollowUpRow,
    IdentifierRow,
    MoneyRow,
    ReportIdentifierRow,
    ReportRow,
)

# Built once: building a statement per call costs more than executing it (see bench/intake.py).
# A report whose ref, external_id or idempotency key is already taken is skipped, not an error:
# the group commit's other reports go on, and the caller asks why (``conflicts``).
_INSERT_REPORT = {
    name: dialect.insert(ReportRow.__table__).on_conflict_do_nothing().returning(ReportRow.__table__.c.id)
    for name, dialect in (("postgresql", postgresql), ("sqlite", sqlite))
}
_INSERT_FOLLOW_UP = insert(FollowUpRow.__table__)
_INSERT_MONEY = insert(MoneyRow.__table__)
_INSERT_LINK = insert(ReportIdentifierRow.__table__)


def _report_aad(report_id: uuid.UUID) -> str:
    return f"report:{report_id}"


def _follow_up_aad(follow_up_id: uuid.UUID) -> str:
    return f"follow_up:{follow_up_id}"


# The key id of a row whose encrypted content was erased (its body is empty).
ERASED = ""


def report_row(keys: KeyRing, *, report_id: uuid.UUID, ref: str, token_hash: str, report: ReportIn, source: str,
               received_at: datetime, signals: dict[str, bool], language: str | None,
               extractor_version: str | None, idempotency_key: str | None = None) -> dict:
    """The ``reports`` row of a report, its document encrypted; ``extractor_version`` None: unread."""
    key_id, body = keys.encrypt_json(report.model_dump(mode="json", exclude_none=True), _report_aad(report_id))
    incident = report.incident
    return dict(
        id=report_id, ref=ref, external_id=report.external_id, token_hash=token_hash,
        idempotency_key=idempotency_key, received_at=received_at, source=source, language=language,
        reporter_role=report.reporter_role, victim_age_band=report.victim.age_band,
        victim_gender=report.victim.gender, victim_country=report.victim.country,
        platform_first_contact=incident.platform_first_contact, first_contact_at=incident.first_contact_at,
        deadline=incident.deadline, minor=report.involves_minor or signals.get("minor", False),
        self_harm=report.self_harm or signals.get("self_harm", False),
        signals=signals, extractor_version=extractor_version,
        flags=incident.model_dump(mode="json", include={
            "recorded_on_webcam", "images_sent", "images_already_shared", "friends_or_family_contacted",
            "more_images_demanded", "platforms_moved_to"}),
        status="new", key_id=key_id, body=body,
    )


def insert_reports(session: Session, rows: list[dict]) -> set[uuid.UUID]:
    """Insert report rows in one statement; returns the ids written (see ``_INSERT_REPORT``).

    Core on the session's Connection, not the ORM unit of work: intake is the hot path.
    """
    if not rows:
        return set()
    conn = session.connection()
    return set(conn.execute(_INSERT_REPORT[conn.dialect.name], rows).scalars())


def conflicts(session: Session, refs: Iterable[str], external_ids: Iterable[str | None],
              key_hashes: Iterable[str | None]) -> tuple[set[str], set[str], dict[str, str]]:
    """Of these, the refs and external_ids already stored, and the idempotency keys with their ref."""
    refs, external_ids = list(refs), [e for e in external_ids if e]
    key_hashes = [k for k in key_hashes if k]
    rows = session.execute(select(ReportRow.ref, ReportRow.external_id, ReportRow.idempotency_key).where(
        ReportRow.ref.in_(refs) | ReportRow.external_id.in_(external_ids)
        | ReportRow.idempotency_key.in_(key_hashes))).all()
    return ({r.ref for r in rows}, {r.external_id for r in rows if r.external_id},
            {r.idempotency_key: r.ref for r in rows if r.idempotency_key})


def insert_follow_up(session: Session, keys: KeyRing, report_id: uuid.UUID, follow_up: FollowUpIn,
                     received_at: datetime) -> uuid.UUID:
    follow_up_id = uuid.uuid4()
    payload = follow_up.model_dump(mode="json", exclude_none=True, exclude={"token"})
    key_id, body = keys.encrypt_json(payload, _follow_up_aad(follow_up_id))
    session.execute(_INSERT_FOLLOW_UP, dict(
        id=follow_up_id, report_id=report_id, received_at=received_at, key_id=key_id, body=body))
    return follow_up_id


def money_rows(report_id: uuid.UUID, demands: Iterable[Demand], payments: Iterable[Payment],
               follow_up_id: uuid.UUID | None = None) -> list[dict]:
    common = {"report_id": report_id, "follow_up_id": follow_up_id, "method": None, "destination_country": None,
              "recipient_name": None, "reference": None}
    rows = [{**common, "role": "demand", "amount": d.amount, "currency": d.currency, "at": d.demanded_at}
            for d in demands]
    rows += [{**common, "role": "payment", "amount": p.amount, "currency": p.currency, "method": p.method,
              "destination_country": p.destination_country, "recipient_name": p.recipient_name,
              "reference": p.reference, "at": p.paid_at} for p in payments]
    return rows


def insert_money(session: Session, rows: list[dict]) -> None:
    if rows:
        session.connection().execute(_INSERT_MONEY, rows)


def upsert_identifiers(session: Session, identifiers: Iterable[Identifier], seen_at: datetime) -> dict[
        tuple[str, str], int]:
    """Each identifier's id, created if new, last_seen moved forward; one statement for all.

    Rows are upserted in (kind, value) order so that concurrent writers lock them in the same
    order and cannot deadlock on PostgreSQL.
    """
    unique = {(i.kind, i.value): i for i in identifiers}
    if not unique:
        return {}
    dialect = session.get_bind().dialect.name
    table = IdentifierRow.__table__
    stmt = (postgresql.insert if dialect == "postgresql" else sqlite.insert)(table)
    latest = func.greatest if dialect == "postgresql" else func.max
    stmt = stmt.on_conflict_do_update(
        index_elements=[table.c.kind, table.c.value],
        set_={"last_seen": latest(table.c.last_seen, stmt.excluded.last_seen)},
    ).returning(table.c.id, table.c.kind, table.c.value, sort_by_parameter_order=True)
    rows = [{"kind": i.kind, "value": i.value, "country": i.country, "first_seen": seen_at, "last_seen": seen_at}
            for _, i in sorted(unique.items())]
    # executemany with RETURNING: one compiled statement whatever the number of rows.
    return {(kind, value): id_ for id_, kind, value in session.execute(stmt, rows)}


def link_identifiers(session: Session, report_id: uuid.UUID, found: Iterable[Found], seen_at: datetime,
                     follow_up_id: uuid.UUID | None = None, new_report: bool = False) -> int:
    """Store identifiers and their links to the report; the same one from one source counts once."""
    found = list(found)
    if not found:
        return 0
    ids = upsert_identifiers(session, (f.identifier for f in found), seen_at)
    existing: set[tuple[int, str]] = set()
    if not new_report:
        existing = set(session.execute(
            select(ReportIdentifierRow.identifier_id, ReportIdentifierRow.source)
            .where(ReportIdentifierRow.report_id == report_id)).all())
    rows = []
    for item in found:
        key = (ids[(item.identifier.kind, item.identifier.value)], item.source)
        if key in existing:
            continue
        existing.add(key)
        rows.append({"report_id": report_id, "identifier_id": key[0], "source": item.source,
                     "confidence": item.confidence * item.identifier.confidence,
                     "raw": (item.raw or "")[:512] or None, "follow_up_id": follow_up_id})
    if rows:
        session.execute(_INSERT_LINK, rows)
    return len(rows)


def by_ref(session: Session, ref: str) -> ReportRow | None:
    return session.execute(select(ReportRow).where(ReportRow.ref == ref)).scalar_one_or_none()


def by_id(session: Session, report_id: uuid.UUID) -> ReportRow | None:
    return session.get(ReportRow, report_id)


def delete_links(session: Session, report_id: uuid.UUID) -> None:
    """Forget what extraction linked to a report (before extracting it again)."""
    session.execute(delete(ReportIdentifierRow).where(ReportIdentifierRow.report_id == report_id))


def report_body(keys: KeyRing, row: ReportRow) -> dict:
    """The submitted document; ``{}`` once erased (``row.erased_at`` says when)."""
    if row.key_id == ERASED:
        return {}
    return keys.decrypt_json(row.key_id, row.body, _report_aad(row.id))  # type: ignore[return-value]


def follow_up_body(keys: KeyRing, row: FollowUpRow) -> dict:
    """The follow-up as sent (without its token); ``{}`` once its report was erased."""
    if row.key_id == ERASED:
        return {}
    return keys.decrypt_json(row.key_id, row.body, _follow_up_aad(row.id))  # type: ignore[return-value]


def follow_ups(session: Session, report_id: uuid.UUID) -> list[FollowUpRow]:
    return list(session.execute(select(FollowUpRow).where(FollowUpRow.report_id == report_id)
                                .order_by(FollowUpRow.received_at)).scalars())


def identifiers_of(session: Session, report_id: uuid.UUID) -> list[tuple[IdentifierRow, ReportIdentifierRow]]:
    rows = session.execute(
        select(IdentifierRow, ReportIdentifierRow)
        .join(ReportIdentifierRow, ReportIdentifierRow.identifier_id == IdentifierRow.id)
        .where(ReportIdentifierRow.report_id == report_id)
        .order_by(IdentifierRow.kind, IdentifierRow.value)).all()
    return [(i, link) for i, link in rows]


def iter_reports(session: Session, batch: int = 1000) -> Iterator[ReportRow]:
    """All reports in receipt order, a batch at a time (constant memory on large stores)."""
    last: tuple[datetime, uuid.UUID] | None = None
    while True:
        query = select(ReportRow).order_by(ReportRow.received_at, ReportRow.id).limit(batch)
        if last is not None:
            query = query.where((ReportRow.received_at > last[0])
                                | ((ReportRow.received_at == last[0]) & (ReportRow.id > last[1])))
        rows = session.execute(query).scalars().all()
        if not rows:
            return
        yield from rows
        last = (rows[-1].received_at, rows[-1].id)
        session.expunge_all()

"""Case work: the triage queue, the case view, status, assignment, notes and referrals.

Every read of a report's personal data and every change is an audit event. A police liaison sees
only the cases referred to their agency: the queue filters them, and any other case answers as
forbidden (``Forbidden``), whatever the route.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import uuid6
from sqlalchemy import exists, func, insert, select, update
from sqlalchemy.orm import Session

from tipline import triage
from tipline.domain.report import ReportIn
from tipline.security.roles import Principal
from tipline.service.context import Tipline
from tipline.store import audit, reports
from tipline.store.tables import (
    AuditRow,
    CaseNoteRow,
    CaseRow,
    MoneyRow,
    NetworkReportRow,
    NetworkRow,
    ReferralRow,
    ReportRow,
    UserRow,
)

STATUSES = ("new", "triaged", "in_progress", "referred", "closed")
# Forward along the workflow, or back to "in progress" (a closed case that comes back to life).
TRANSITIONS: dict[str, frozenset[str]] = {
    "new": frozenset({"triaged", "in_progress", "referred", "closed"}),
    "triaged": frozenset({"in_progress", "referred", "closed"}),
    "in_progress": frozenset({"triaged", "referred", "closed"}),
    "referred": frozenset({"in_progress", "closed"}),
    "closed": frozenset({"in_progress"}),
}
MAX_NOTE = 20_000
ACTIVE_NETWORK = timedelta(days=90)  # a network with a report this recent is active
_INSERT_CASE = insert(CaseRow.__table__)  # Core: intake is the hot path


class Forbidden(Exception):
    """The principal may not see or change this case (the web answers 403)."""


class NotFound(Exception):
    pass


class CaseError(ValueError):
    """A change that cannot be made (the message names the field)."""


# --- priority ------------------------------------------------------------------------------------


def in_active_network(session: Session, report_id: uuid.UUID, now: datetime) -> bool:
    """The report belongs to a network of two reports or more with activity in the last 90 days."""
    network = session.execute(
        select(NetworkRow.size, NetworkRow.last_activity)
        .join(NetworkReportRow, NetworkReportRow.network_id == NetworkRow.id)
        .where(NetworkReportRow.report_id == report_id)).first()
    if network is None:
        return False
    size, last = network
    return size >= 2 and (last is None or last >= now - ACTIVE_NETWORK)


def priority_of(session: Session, row: ReportRow, now: datetime | None = None) -> triage.Priority:
    now = now or datetime.now(UTC)
    roles = set(session.execute(select(MoneyRow.role).where(MoneyRow.report_id == row.id)).scalars())
    facts = triage.facts_of(minor=row.minor, self_harm=row.self_harm, deadline=row.deadline, flags=row.flags or {},
                            signals=row.signals or {}, demanded="demand" in roles, paid="payment" in roles,
                            active_network=in_active_network(session, row.id, now))
    return triage.score(facts, now)


def case_row(report_id: uuid.UUID, report: ReportIn, signals: dict, now: datetime) -> dict:
    """The case a report opens, written in the report's own transaction so the queue never misses
    one; its priority is redone when the report is read."""
    facts = triage.facts_of(minor=report.involves_minor, self_harm=report.self_harm,
                            deadline=report.incident.deadline,
                            flags=report.incident.model_dump(mode="json"), signals=signals,
                            demanded=bool(report.demands), paid=bool(report.payments))
    p = triage.score(facts, now)
    return dict(report_id=report_id, open=True, priority=p.points, reasons=p.reasons, updated_at=now)


def open_cases(session: Session, rows: list[dict]) -> None:
    if rows:
        session.connection().execute(_INSERT_CASE, rows)


def rescore(session: Session, row: ReportRow, now: datetime | None = None) -> triage.Priority:
    p = priority_of(session, row, now)
    session.execute(update(CaseRow).where(CaseRow.report_id == row.id).values(priority=p.points, reasons=p.reasons))
    return p


def rescore_all(app: Tipline, batch: int = 500) -> int:
    """Recompute every open case's priority (deadlines move with time); returns how many."""
    n = 0
    last: uuid.UUID | None = None
    while True:
        with app.db.write() as session:
            q = select(ReportRow).join(CaseRow, CaseRow.report_id == ReportRow.id).where(CaseRow.open)
            if last is not None:
                q = q.where(ReportRow.id > last)
            rows = session.execute(q.order_by(ReportRow.id).limit(batch)).scalars().all()
            for row in rows:
                rescore(session, row)
            n += len(rows)
        if len(rows) < batch:
            return n
        last = rows[-1].id


# --- access ----------------------------------------------------------------------------------------


def _visible(principal: Principal):
    """A WHERE clause limiting reports to what ``principal`` may read."""
    if principal.restricted_to_agency:
        return exists().where(ReferralRow.report_id == ReportRow.id, ReferralRow.agency == principal.agency)
    return None


def _case(session: Session, principal: Principal, ref: str) -> ReportRow:
    row = reports.by_ref(session, ref.strip().upper())
    if row is None:
        raise NotFound(ref)
    if principal.restricted_to_agency and not session.execute(
            select(ReferralRow.id).where(ReferralRow.report_id == row.id,
                                         ReferralRow.agency == principal.agency)).first():
        raise Forbidden(ref)
    return row


def locate(app: Tipline, principal: Principal, ref: str) -> uuid.UUID:
    """The id of a case ``principal`` may see (no audit event: nothing personal is read)."""
    with app.db.read() as session:
        return _case(session, principal, ref).id


# --- the queue ---------------------------------------------------------------------------------------


@dataclass
class QueueFilters:
    status: str | None = None  # a status, "open" (default: everything not closed) or "all"
    country: str | None = None
    platform: str | None = None
    age_band: str | None = None
    language: str | None = None
    assignee: str | None = None  # "me", "none" or a user id
    network: str | None = None  # a network id (see ``tipline networks list``)


@dataclass
class QueueItem:
    ref: str
    received_at: datetime
    status: str
    priority: int
    reasons: list[dict]
    victim_age_band: str | None
    victim_country: str | None
    platform: str | None
    language: str | None
    deadline: datetime | None
    assignee: str | None


@dataclass
class QueuePage:
    items: list[QueueItem]
    total: int
    filters: QueueFilters = field(default_factory=QueueFilters)


def queue(app: Tipline, principal: Principal, filters: QueueFilters | None = None, limit: int = 50,
          offset: int = 0) -> QueuePage:
    """Cases in order of priority (then the nearest deadline, then the oldest)."""
    f = filters or QueueFilters()
    where = []
    status = f.status or "open"
    if status == "open":
        where.append(CaseRow.open)
    elif status != "all":
        where.append(ReportRow.status == status)
    for column, value in ((ReportRow.victim_country, f.country), (ReportRow.platform_first_contact, f.platform),
                          (ReportRow.victim_age_band, f.age_band), (ReportRow.language, f.language)):
        if value:
            where.append(column == value)
    if f.assignee == "none":
        where.append(CaseRow.assignee_id.is_(None))
    elif f.assignee == "me" and principal.id.startswith("user:"):
        where.append(CaseRow.assignee_id == uuid.UUID(principal.id[5:]))
    if f.network:
        where.append(exists().where(NetworkReportRow.report_id == ReportRow.id,
                                    NetworkReportRow.network_id == f.network))
    if (visible := _visible(principal)) is not None:
        where.append(visible)
    base = select(ReportRow, CaseRow, UserRow.name).join(CaseRow, CaseRow.report_id == ReportRow.id).outerjoin(
        UserRow, UserRow.id == CaseRow.assignee_id).where(*where)
    with app.db.read() as session:
        total = session.execute(select(func.count()).select_from(base.subquery())).scalar_one()
        rows = session.execute(base.order_by(CaseRow.priority.desc(), ReportRow.deadline.asc().nulls_last(),
                                             ReportRow.received_at.asc()).limit(limit).offset(offset)).all()
    items = [QueueItem(r.ref, r.received_at, r.status, c.priority, c.reasons, r.victim_age_band, r.victim_country,
                       r.platform_first_contact, r.language, r.deadline, name) for r, c, name in rows]
    return QueuePage(items, total, f)


# --- the case view ---------------------------------------------------------------------------------


@dataclass
class CaseView:
    id: uuid.UUID
    ref: str
    status: str
    received_at: datetime
    priority: int
    reasons: list[dict]
    assignee_id: uuid.UUID | None
    assignee: str | None
    report: dict  # the submitted document, decrypted
    columns: dict  # the plain columns (categories, flags, signals)
    identifiers: list[dict]
    money: list[dict]
    follow_ups: list[dict]
    notes: list[dict]
    referrals: list[dict]
    trail: list[dict]
    transitions: list[str]


def view(app: Tipline, principal: Principal, ref: str) -> CaseView:
    """Everything about a case; logs the view (a read of personal data) in the audit chain."""
    denied = False
    with app.db.write() as session:
        try:
            row = _case(session, principal, ref)
        except Forbidden:
            # Recorded, then refused after the commit: attempts are part of "who saw what".
            row = reports.by_ref(session, ref.strip().upper())
            audit.append(session, principal.id, "report.view_denied", "report", str(row.id))
            denied = True
        else:
            audit.append(session, principal.id, "report.viewed", "report", str(row.id))
    if denied:
        raise Forbidden(ref)
    with app.db.read() as session:
        row = reports.by_id(session, row.id)
        case = session.get(CaseRow, row.id)
        assignee = session.get(UserRow, case.assignee_id) if case and case.assignee_id else None
        names = dict(session.execute(select(UserRow.id, UserRow.name)).all())
        identifiers = [{"kind": i.kind, "value": i.value, "country": i.country, "source": link.source,
                        "confidence": link.confidence, "raw": link.raw, "follow_up": bool(link.follow_up_id)}
                       for i, link in reports.identifiers_of(session, row.id)]
        money = [{"role": m.role, "amount": str(m.amount), "currency": m.currency, "method": m.method,
                  "destination_country": m.destination_country, "recipient_name": m.recipient_name,
                  "reference": m.reference, "at": m.at}
                 for m in session.execute(select(MoneyRow).where(MoneyRow.report_id == row.id)
                                          .order_by(MoneyRow.id)).scalars()]
        follow_ups = [{"received_at": fu.received_at, **reports.follow_up_body(app.keys, fu)}
                      for fu in reports.follow_ups(session, row.id)]
        notes = [{"at": n.at, "author": names.get(n.author_id, "—"),
                  "text": app.keys.decrypt(n.key_id, n.body, _note_aad(n.id)).decode()
                  if n.key_id != reports.ERASED else None}
                 for n in session.execute(select(CaseNoteRow).where(CaseNoteRow.report_id == row.id)
                                          .order_by(CaseNoteRow.at)).scalars()]
        referrals = [{"agency": r.agency, "at": r.at, "by": names.get(r.by_id, "—")}
                     for r in session.execute(select(ReferralRow).where(ReferralRow.report_id == row.id)
                                              .order_by(ReferralRow.at)).scalars()]
        trail = [{"at": a.at, "actor": _actor_name(a.actor, names), "action": a.action, "details": a.details}
                 for a in session.execute(select(AuditRow).where(AuditRow.object_id == str(row.id))
                                          .order_by(AuditRow.id)).scalars()]
        columns = {c: getattr(row, c) for c in ("source", "language", "reporter_role", "victim_age_band",
                                                 "victim_gender", "victim_country", "platform_first_contact",
                                                 "first_contact_at", "deadline", "minor", "self_harm", "flags",
                                                 "signals")}
        columns["read"] = row.extractor_version is not None  # False: the reader has not read it yet
        return CaseView(row.id, row.ref, row.status, row.received_at, case.priority if case else 0,
                        case.reasons if case else [], case.assignee_id if case else None,
                        assignee.name if assignee else None, reports.report_body(app.keys, row), columns,
                        identifiers, money, follow_ups, notes, referrals, trail,
                        sorted(TRANSITIONS.get(row.status, ())))


def _actor_name(actor: str, names: dict) -> str:
    if actor.startswith("user:"):
        try:
            return names.get(uuid.UUID(actor[5:]), actor)
        except ValueError:
            return actor
    return actor


def _note_aad(note_id: uuid.UUID) -> bytes:
    return f"note:{note_id}".encode()


# --- changes -------------------------------------------------------------------------------------------


def set_status(app: Tipline, principal: Principal, ref: str, status: str) -> str:
    if status not in STATUSES:
        raise CaseError(f"status: must be one of {', '.join(STATUSES)}")
    now = datetime.now(UTC)
    with app.db.write() as session:
        row = _case(session, principal, ref)
        if status == row.status:
            return status
        if status not in TRANSITIONS[row.status]:
            raise CaseError(f"status: a {row.status} case cannot become {status}")
        if status == "referred" and not session.execute(
                select(ReferralRow.id).where(ReferralRow.report_id == row.id)).first():
            raise CaseError("status: refer the case to an agency first (the agency is needed)")
        old, row.status = row.status, status
        session.execute(update(CaseRow).where(CaseRow.report_id == row.id)
                        .values(open=status != "closed", updated_at=now))
        audit.append(session, principal.id, "case.status_changed", "report", str(row.id),
                     {"from": old, "to": status})
    return status


def assign(app: Tipline, principal: Principal, ref: str, user_id: uuid.UUID | None) -> None:
    now = datetime.now(UTC)
    with app.db.write() as session:
        row = _case(session, principal, ref)
        me = uuid.UUID(principal.id[5:]) if principal.id.startswith("user:") else None
        if user_id not in (None, me) and not principal.can("cases:assign"):
            raise Forbidden(ref)  # an analyst takes cases; a supervisor gives them
        if user_id is not None:
            user = session.get(UserRow, user_id)
            if user is None or user.disabled:
                raise CaseError("assignee: no such active staff member")
        session.execute(update(CaseRow).where(CaseRow.report_id == row.id)
                        .values(assignee_id=user_id, updated_at=now))
        audit.append(session, principal.id, "case.assigned", "report", str(row.id),
                     {"assignee": str(user_id) if user_id else None})


def add_note(app: Tipline, principal: Principal, ref: str, text: str) -> None:
    text = (text or "").strip()
    if not text:
        raise CaseError("note: write something")
    if len(text) > MAX_NOTE:
        raise CaseError(f"note: at most {MAX_NOTE} characters")
    now = datetime.now(UTC)
    with app.db.write() as session:
        row = _case(session, principal, ref)
        note_id = uuid6.uuid7()
        kid, blob = app.keys.encrypt(text.encode(), _note_aad(note_id))
        author = uuid.UUID(principal.id[5:]) if principal.id.startswith("user:") else None
        session.add(CaseNoteRow(id=note_id, report_id=row.id, author_id=author, at=now, key_id=kid, body=blob))
        session.execute(update(CaseRow).where(CaseRow.report_id == row.id).values(updated_at=now))
        session.flush()
        audit.append(session, principal.id, "case.note_added", "report", str(row.id), {"note": str(note_id)})


def refer(app: Tipline, principal: Principal, ref: str, agency: str) -> None:
    """Refer a case to an agency: its liaisons may read it from now on; the status becomes referred."""
    agency = (agency or "").strip()
    if not agency or len(agency) > 100:
        raise CaseError("agency: name the agency (at most 100 characters)")
    if not principal.can("referrals:write"):
        raise Forbidden(ref)
    now = datetime.now(UTC)
    with app.db.write() as session:
        row = _case(session, principal, ref)
        if row.status not in ("referred",) and "referred" not in TRANSITIONS[row.status]:
            raise CaseError(f"status: a {row.status} case cannot be referred")
        by = uuid.UUID(principal.id[5:]) if principal.id.startswith("user:") else None
        session.add(ReferralRow(report_id=row.id, agency=agency, by_id=by, at=now))
        old, row.status = row.status, "referred"
        session.execute(update(CaseRow).where(CaseRow.report_id == row.id).values(open=True, updated_at=now))
        audit.append(session, principal.id, "case.referred", "report", str(row.id),
                     {"agency": agency, "from": old})


def staff(app: Tipline) -> list[tuple[uuid.UUID, str]]:
    """Active staff who can be assigned a case."""
    with app.db.read() as session:
        return [(u.id, u.name) for u in session.execute(
            select(UserRow).where(UserRow.disabled.is_(False)).order_by(UserRow.name)).scalars()]

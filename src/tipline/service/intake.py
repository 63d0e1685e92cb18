"""Receiving reports and follow-ups: validate → store (one transaction) → extract → answer.

The report is committed before the reporter is told it was received; the guidance is built after
the commit (it is pure and cannot lose a report).
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime

import uuid6
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from tipline import extract
from tipline.domain.enums import Source
from tipline.domain.identifier import Found
from tipline.domain.report import FollowUpIn, ReportIn
from tipline.guidance import Plan, build_plan
from tipline.security import codes
from tipline.service import cases, linking
from tipline.service.context import Tipline
from tipline.store import audit, reports
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


@dataclass
class Receipt(Stored):
    guidance: Plan


@dataclass
class FollowUpReceipt:
    id: uuid.UUID
    reference: str
    received_at: datetime
    identifiers: list[Found] = field(default_factory=list)


def submit_report(app: Tipline, report: ReportIn, source: Source, language: str | None = None,
                  actor: str | None = None, idempotency_key: str | None = None) -> Receipt:
    """Store a report from a person, then build their action plan (after the commit)."""
    stored, x = _store(app, report, source, actor, idempotency_key)
    language = language or report.language or stored.language or app.settings.default_language
    plan = build_plan(report, language, include_unverified=app.settings.include_unverified_routes,
                      signals=x.signals, money=[(m.amount, m.currency, m.role) for m in x.money])
    return Receipt(**vars(stored), guidance=plan)


def store_report(app: Tipline, report: ReportIn, source: Source, actor: str | None = None,
                 idempotency_key: str | None = None) -> Stored:
    """Store a validated report in one transaction (imports need nothing more).

    Raises DuplicateReport for a known external_id, AlreadyReceived for a known idempotency key
    (a form posted twice by a refresh, an API call retried after a lost answer).
    """
    return _store(app, report, source, actor, idempotency_key)[0]


def _store(app: Tipline, report: ReportIn, source: Source, actor: str | None,
           idempotency_key: str | None) -> tuple[Stored, extract.Extraction]:
    key_hash = idempotency_hash(idempotency_key) if idempotency_key else None
    now = datetime.now(UTC)
    # A web report is received now; an import or a partner keeps the time it was first received.
    received_at = now if source == Source.web or report.received_at is None else report.received_at
    if report.source is None:
        report = report.model_copy(update={"source": source})
    # Extraction is pure and bounded (linear time); it runs before the transaction, not inside it.
    x = extract.extract_report(report)
    found = without_own(x.identifiers, reporters_own(report.contact.model_dump(), report.victim.country))
    token = codes.new_token()
    for attempt in range(3):
        report_id = uuid6.uuid7()
        reference = codes.new_reference()
        try:
            with app.db.write() as session:
                if report.external_id and reports.external_id_exists(session, report.external_id):
                    raise DuplicateReport(report.external_id)
                if key_hash and (earlier := reports.ref_by_idempotency_key(session, key_hash)):
                    raise AlreadyReceived(earlier)
                reports.insert_report(session, app.keys, report_id=report_id, ref=reference,
                                      token_hash=codes.hash_token(token), report=report,
                                      source=source.value, received_at=received_at, signals=x.signals,
                                      language=report.language or x.language, extractor_version=extract.VERSION,
                                      idempotency_key=key_hash)
                reports.insert_money(session, report_id, report.demands, report.payments)
                reports.link_identifiers(session, report_id, found, received_at, new_report=True)
                cases.open_case(session, report_id, report, x.signals, now)
                audit.append(session, actor or f"reporter:{source.value}", "report.created", "report",
                             str(report_id), {"source": source.value, "identifiers": len(found),
                                              "payments": len(report.payments)})
            break
        except IntegrityError:
            # A reference code collision, or a concurrent submission of the same external_id or key.
            with app.db.read() as session:
                if report.external_id and reports.external_id_exists(session, report.external_id):
                    raise DuplicateReport(report.external_id) from None
                if key_hash and (earlier := reports.ref_by_idempotency_key(session, key_hash)):
                    raise AlreadyReceived(earlier) from None
            if attempt == 2:
                raise
    linking.after_report(app, report_id, report)  # after the commit: indexed lookups, never loses the report
    return Stored(report_id, reference, token, received_at, found, report.language or x.language), x


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
        found = without_own(x.identifiers, reporters_own(
            reports.report_body(app.keys, row).get("contact"), row.victim_country))
        follow_up_id = reports.insert_follow_up(session, app.keys, row.id, follow_up, now)
        reports.insert_money(session, row.id, follow_up.demands, follow_up.payments, follow_up_id=follow_up_id)
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

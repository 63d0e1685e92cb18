"""Online linking: index a stored report's evidence, join it to a known network, list related reports.

``after_report`` / ``after_follow_up`` run after intake's commit, in their own short transaction:
a failure here never loses a report (``tipline networks rebuild`` recomputes everything). All
queries are indexed lookups bounded by ``HubPolicy.online_cap``: a value in more reports than
that is reported as over-shared, and its reports are not listed.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass, field

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from tipline.domain.report import FollowUpIn, ReportIn
from tipline.link import names, scripts
from tipline.link.kinds import RECIPIENT_LIKE, SCRIPT, HubPolicy, is_strong, weight
from tipline.service.context import Tipline
from tipline.store import audit
from tipline.store.tables import (
    FlaggedIdentifierRow,
    IdentifierRow,
    NetworkReportRow,
    RecipientKeyRow,
    ReportIdentifierRow,
    ReportRow,
    ScriptKeyRow,
)

log = logging.getLogger("tipline.link")
POLICY = HubPolicy()
MAX_RELATED = 100
MAX_CANDIDATES = 50
_INSERT_SCRIPT = insert(ScriptKeyRow.__table__)
_INSERT_RECIPIENT_KEY = insert(RecipientKeyRow.__table__)


# --- indexing (at intake) ---------------------------------------------------------------------------

def script_band_keys(chat_log: str | None, narrative: str | None) -> list[int]:
    return scripts.band_keys(scripts.scammer_text(chat_log, narrative))


def index_evidence(session: Session, report_id: uuid.UUID, bands: list[int]) -> None:
    """Store the report's script band keys and the blocking keys of its recipients (new ones only)."""
    if bands:
        known = set(session.execute(select(ScriptKeyRow.band_key).where(ScriptKeyRow.report_id == report_id))
                    .scalars())
        rows = [{"report_id": report_id, "band_key": b} for b in sorted(set(bands) - known)]
        if rows:
            session.execute(_INSERT_SCRIPT, rows)
    recipients = session.execute(
        select(IdentifierRow.id, IdentifierRow.value)
        .join(ReportIdentifierRow, ReportIdentifierRow.identifier_id == IdentifierRow.id)
        .where(ReportIdentifierRow.report_id == report_id, IdentifierRow.kind == "transfer_recipient")).all()
    for ident, value in recipients:
        keys = set(names.block_keys(value))
        keys -= set(session.execute(select(RecipientKeyRow.key).where(RecipientKeyRow.identifier_id == ident))
                    .scalars())
        if keys:
            session.execute(_INSERT_RECIPIENT_KEY, [{"key": k[:64], "identifier_id": ident} for k in sorted(keys)])


def _join_network(session: Session, report_id: uuid.UUID) -> str | None:
    """The known network this report's strong, unflagged, not over-shared identifiers point to."""
    if session.get(NetworkReportRow, report_id) is not None:
        return None
    mine = select(ReportIdentifierRow.identifier_id).where(ReportIdentifierRow.report_id == report_id)
    flagged = select(FlaggedIdentifierRow.identifier_id)
    strong = [k for k in ("phone", "email", "profile", "crypto", "iban", "paypal", "transfer_reference",
                          "transfer_recipient", "gift_card") if is_strong(k)]
    candidates = session.execute(
        select(IdentifierRow.id).where(IdentifierRow.id.in_(mine), IdentifierRow.kind.in_(strong),
                                       IdentifierRow.id.not_in(flagged))).scalars().all()
    votes: dict[str, int] = {}
    for ident in candidates:
        others = session.execute(
            select(ReportIdentifierRow.report_id).where(ReportIdentifierRow.identifier_id == ident,
                                                        ReportIdentifierRow.report_id != report_id)
            .distinct().limit(POLICY.online_cap + 1)).scalars().all()
        if len(others) > POLICY.online_cap:
            continue
        for network in session.execute(select(NetworkReportRow.network_id).where(
                NetworkReportRow.report_id.in_(others)).distinct()).scalars():
            votes[network] = votes.get(network, 0) + 1
    if len(votes) != 1:  # none, or identifiers of two networks: left to the next rebuild
        return None
    network = next(iter(votes))
    session.execute(insert(NetworkReportRow.__table__), {"report_id": report_id, "network_id": network,
                                                        "via": "online"})
    audit.append(session, "linker", "network.report_joined", "network", network, {"report": str(report_id)})
    return network


def after_report(app: Tipline, report_id: uuid.UUID, report: ReportIn) -> str | None:
    """Index a just-stored report and join it to a known network; returns that network's id."""
    return _after(app, report_id, script_band_keys(report.chat_log, report.narrative))


def after_follow_up(app: Tipline, report_id: uuid.UUID, follow_up: FollowUpIn) -> str | None:
    return _after(app, report_id, script_band_keys(None, follow_up.text))


def _after(app: Tipline, report_id: uuid.UUID, bands: list[int]) -> str | None:
    try:
        with app.db.write() as session:
            index_evidence(session, report_id, bands)
            return _join_network(session, report_id)
    except Exception:  # the report is stored; linking is redone by the next rebuild
        log.exception("online linking failed for a report (it is stored; the next rebuild links it)")
        return None


# --- related reports (API) -------------------------------------------------------------------------

@dataclass
class Related:
    report_id: uuid.UUID
    reference: str
    external_id: str | None
    network_id: str | None
    score: float
    evidence: list[dict] = field(default_factory=list)


@dataclass
class RelatedAnswer:
    report_id: uuid.UUID
    network_id: str | None
    related: list[Related]
    over_shared: list[dict]


def _others(session: Session, ident: int, report_id: uuid.UUID) -> list[uuid.UUID]:
    return list(session.execute(
        select(ReportIdentifierRow.report_id).where(ReportIdentifierRow.identifier_id == ident,
                                                    ReportIdentifierRow.report_id != report_id)
        .distinct().limit(POLICY.online_cap + 1)).scalars())


def related(app: Tipline, report_id: uuid.UUID) -> RelatedAnswer | None:
    """Earlier and later reports sharing evidence with this one, best first; None if no such report."""
    with app.db.read() as session:
        if session.execute(select(ReportRow.id).where(ReportRow.id == report_id)).first() is None:
            return None
        found: dict[uuid.UUID, list[dict]] = {}
        scores: dict[uuid.UUID, float] = {}
        over: list[dict] = []

        def add(other: uuid.UUID, item: dict, w: float) -> None:
            found.setdefault(other, []).append(item)
            scores[other] = scores.get(other, 0.0) + w

        mine = session.execute(
            select(IdentifierRow.id, IdentifierRow.kind, IdentifierRow.value, FlaggedIdentifierRow.degree)
            .join(ReportIdentifierRow, ReportIdentifierRow.identifier_id == IdentifierRow.id)
            .outerjoin(FlaggedIdentifierRow, FlaggedIdentifierRow.identifier_id == IdentifierRow.id)
            .where(ReportIdentifierRow.report_id == report_id).distinct()).all()
        for ident, kind, value, flagged_degree in mine:
            if flagged_degree is not None:
                over.append({"kind": kind, "value": value, "reports": flagged_degree, "reason": "hub"})
                continue
            others = _others(session, ident, report_id)
            if len(others) > POLICY.online_cap:
                over.append({"kind": kind, "value": value, "reports": f">{POLICY.online_cap}",
                             "reason": "too_common"})
                continue
            w = weight(kind, len(others) + 1)
            for other in others:
                add(other, {"kind": kind, "value": value, "score": 1.0, "shared_by": len(others) + 1}, w)
            if kind == "transfer_recipient":
                _similar_recipients(session, report_id, ident, value, add)
        bands = select(ScriptKeyRow.band_key).where(ScriptKeyRow.report_id == report_id)
        shared = session.execute(
            select(ScriptKeyRow.report_id, func.count())
            .where(ScriptKeyRow.band_key.in_(bands), ScriptKeyRow.report_id != report_id)
            .group_by(ScriptKeyRow.report_id).order_by(func.count().desc()).limit(MAX_RELATED)).all()
        for other, count in shared:
            sim = scripts.similarity(count)
            add(other, {"kind": SCRIPT, "value": None, "score": sim, "shared_bands": count}, 0.5 * sim)
        top = sorted(scores, key=lambda r: (-scores[r], str(r)))[:MAX_RELATED]
        rows = {r.id: r for r in session.execute(select(ReportRow.id, ReportRow.ref, ReportRow.external_id)
                                                 .where(ReportRow.id.in_(top)))}
        nets = dict(session.execute(select(NetworkReportRow.report_id, NetworkReportRow.network_id)
                                    .where(NetworkReportRow.report_id.in_([*top, report_id]))).all())
        items = [Related(r, rows[r].ref, rows[r].external_id, nets.get(r), round(scores[r], 4), found[r])
                 for r in top if r in rows]
        return RelatedAnswer(report_id, nets.get(report_id), items, over)


def _similar_recipients(session: Session, report_id: uuid.UUID, ident: int, value: str, add) -> None:
    """Reports naming a recipient spelled differently: candidates share most blocking keys (an
    indexed lookup, at most ``MAX_CANDIDATES``), RapidFuzz decides, one query fetches their reports."""
    keys = names.block_keys(value)
    if not keys:
        return
    needed = min(2, len(keys))
    candidates = session.execute(
        select(RecipientKeyRow.identifier_id)
        .where(RecipientKeyRow.key.in_(keys), RecipientKeyRow.identifier_id != ident)
        .group_by(RecipientKeyRow.identifier_id).having(func.count() >= needed)
        .order_by(RecipientKeyRow.identifier_id).limit(MAX_CANDIDATES)).scalars().all()
    if not candidates:
        return
    similar = {}
    for other_ident, other_value in session.execute(
            select(IdentifierRow.id, IdentifierRow.value).where(IdentifierRow.id.in_(candidates))):
        score = names.score(value, other_value)
        if score >= names.SAME:
            similar[other_ident] = (other_value, score)
    if not similar:
        return
    for other, other_ident in session.execute(
            select(ReportIdentifierRow.report_id, ReportIdentifierRow.identifier_id)
            .where(ReportIdentifierRow.identifier_id.in_(list(similar)), ReportIdentifierRow.report_id != report_id)
            .limit(POLICY.online_cap)):
        other_value, score = similar[other_ident]
        add(other, {"kind": RECIPIENT_LIKE, "value": other_value, "score": round(score / 100, 3)}, 0.5 * score / 100)

"""Online linking: index a stored report's evidence, join it to a known network, list related reports.

``after_report`` / ``after_follow_up`` run after intake's commit, in their own short transaction:
a failure here never loses a report (``tipline networks rebuild`` recomputes everything). All
queries are indexed lookups bounded by ``HubPolicy.online_cap``: a value in more reports than
that is reported as over-shared, and its reports are not listed.

Profile pictures link through near copies (within ``link.pictures.LINK_DISTANCE`` bits), found in
this process's PDQ index of the stored pictures (``service.pictures``), never by scanning them.
As in the rebuild, a picture is weak and attach-only: it joins a report to a network only when
the report is on its own (``link.attach``), and a picture of a flagged cluster links nothing.
"""

from __future__ import annotations

import functools
import logging
import uuid
from dataclasses import dataclass, field

from sqlalchemy import TextClause, Uuid, bindparam, func, select
from sqlalchemy import text as sql_text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from tipline.domain.identifier import PICTURE
from tipline.domain.report import MAX_PICTURES, FollowUpIn, ReportIn
from tipline.link import attach, names, scripts
from tipline.link.kinds import PICTURE_LIKE, RECIPIENT_LIKE, SCRIPT, HubPolicy, is_strong, linkable, weight
from tipline.service import cases
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
SCRIPT_CAP = 50


# --- indexing (at intake) ---------------------------------------------------------------------------

def script_band_keys(chat_log: str | None, narrative: str | None) -> list[int]:
    return scripts.band_keys(scripts.scammer_text(chat_log, narrative))


def _insert_ignoring_duplicates(session: Session, table, rows: list[dict]) -> None:
    """Insert rows, skipping those already there (two reports naming one new recipient at once)."""
    if not rows:
        return
    dialect = session.get_bind().dialect.name
    stmt = (postgresql.insert if dialect == "postgresql" else sqlite.insert)(table).on_conflict_do_nothing()
    session.execute(stmt, rows)


def _recipient_key_rows(session: Session, report_id: uuid.UUID) -> list[dict]:
    """Blocking keys of this report's recipients that the index does not hold yet."""
    recipients = session.execute(
        select(IdentifierRow.id, IdentifierRow.value)
        .join(ReportIdentifierRow, ReportIdentifierRow.identifier_id == IdentifierRow.id)
        .where(ReportIdentifierRow.report_id == report_id, IdentifierRow.kind == "transfer_recipient")).all()
    rows = []
    for ident, value in recipients:
        keys = {k[:64] for k in names.block_keys(value)}
        keys -= set(session.execute(select(RecipientKeyRow.key).where(RecipientKeyRow.identifier_id == ident))
                    .scalars())
        rows += [{"key": k, "identifier_id": ident} for k in sorted(keys)]
    return rows


def _network_for(app: Tipline, session: Session, report_id: uuid.UUID) -> tuple[str, str] | None:
    """(network, through what) this report joins: the known network its strong, unflagged, not
    over-shared identifiers point to; or, if it is on its own (``attach.lone``), the one its
    profile pictures point to."""
    if session.execute(select(NetworkReportRow.network_id).where(NetworkReportRow.report_id == report_id)
                       ).first() is not None:
        return None
    mine = session.execute(
        select(IdentifierRow.id, IdentifierRow.kind, IdentifierRow.value, FlaggedIdentifierRow.identifier_id)
        .join(ReportIdentifierRow, ReportIdentifierRow.identifier_id == IdentifierRow.id)
        .outerjoin(FlaggedIdentifierRow, FlaggedIdentifierRow.identifier_id == IdentifierRow.id)
        .where(ReportIdentifierRow.report_id == report_id).distinct()).all()
    votes: dict[str, int] = {}
    strong_ones = [ident for ident, kind, value, flagged in mine if flagged is None and is_strong(kind, value)]
    for others in _sharers(session, report_id, strong_ones, []).identifiers.values():
        if not others:  # named by no other report, or by too many
            continue
        for network in session.execute(select(NetworkReportRow.network_id).where(
                NetworkReportRow.report_id.in_(others)).distinct()).scalars():
            votes[network] = votes.get(network, 0) + 1
    if votes:  # identifiers of two networks: left to the next rebuild
        return (next(iter(votes)), "identifier") if len(votes) == 1 else None
    strong = [flagged is not None for _, kind, value, flagged in mine
              if kind != PICTURE and is_strong(kind, value) and linkable(kind, value)]
    pictures = [value for _, kind, value, _ in mine if kind == PICTURE]
    if not pictures or not attach.lone(strong):
        return None
    targets = []
    for near in _near_pictures(app, session, report_id, pictures):
        if near.hub is not None or near.too_common or not near.reports:
            continue
        member = dict(session.execute(select(NetworkReportRow.report_id, NetworkReportRow.network_id).where(
            NetworkReportRow.report_id.in_(list(near.reports)))).all())
        targets.append(attach.dominant((member.get(r) for r in near.reports), POLICY))
    network = attach.agreed(targets)
    return (network, "picture") if network is not None else None


# --- profile pictures: near copies through this process's index (``service.pictures``) ------------

@dataclass
class NearPictures:
    """The reports naming a near copy of one of this report's pictures."""

    value: str                # this report's picture (``pdq:`` and 64 hex digits)
    hub: int | None = None    # flagged degree: it or a near copy is a hub, so it links nothing
    too_common: bool = False  # near copies in more than ``online_cap`` reports: none listed
    reports: dict[uuid.UUID, int] = field(default_factory=dict)  # other report -> smallest distance


def _near_pictures(app: Tipline, session: Session, report_id: uuid.UUID, values: list[str]) -> list[NearPictures]:
    if not values:
        return []  # no index to bring up to date for a report without a picture (most of them)
    from tipline.service import pictures  # faiss is loaded only by a process that meets a picture

    index = pictures.index_of(app, session)
    limit = POLICY.online_cap + 1  # more near copies than this: too common (below), not all needed
    return [_reports_near(session, report_id, value, index.near(value, limit=limit)) for value in values]


def _reports_near(session: Session, report_id: uuid.UUID, value: str, near: dict[int, int]) -> NearPictures:
    """``near``: picture identifier id -> distance, within ``pictures.LINK_DISTANCE`` of ``value``
    (all of them, or more than ``online_cap + 1`` standing for all).

    A hub cluster is flagged picture by picture (``networks.compute``), so its near copies are
    flagged. A picture with near copies in more than ``online_cap`` reports is not listed, as an
    identifier in that many is not."""
    found = NearPictures(value)
    cap = POLICY.online_cap
    if not near:
        return found
    # One query (Core columns: the ORM's per-statement work is most of a query this small). A report
    # names at most MAX_PICTURES pictures, so fewer rows than the limit are all of them, and the
    # limit reached means more than ``cap`` reports.
    links, flagged = ReportIdentifierRow.__table__.c, FlaggedIdentifierRow.__table__.c
    limit = MAX_PICTURES * (cap + 1)
    rows = session.execute(
        select(links.report_id, links.identifier_id, flagged.degree)
        .outerjoin(FlaggedIdentifierRow.__table__, flagged.identifier_id == links.identifier_id)
        .where(links.identifier_id.in_(list(near)[:cap + 2]), links.report_id != report_id)
        .limit(limit)).all()
    hubs = [degree for _, _, degree in rows if degree is not None]
    if hubs:
        found.hub = max(hubs)
        return found
    if len(near) > cap + 1 or len(rows) >= limit:  # every picture is named by a report or more
        found.too_common = True
        return found
    for other, ident, _ in rows:
        found.reports[other] = min(found.reports.get(other, near[ident]), near[ident])
    if len(found.reports) > cap:
        found.too_common = True
        found.reports = {}
    return found


def after_report(app: Tipline, report_id: uuid.UUID, report: ReportIn) -> str | None:
    """Index a just-stored report and join it to a known network; returns that network's id."""
    return _after(app, report_id, script_band_keys(report.chat_log, report.narrative))


def after_follow_up(app: Tipline, report_id: uuid.UUID, follow_up: FollowUpIn) -> str | None:
    return _after(app, report_id, script_band_keys(None, follow_up.text))


def _after(app: Tipline, report_id: uuid.UUID, bands: list[int]) -> str | None:
    """Reads first; a write transaction (which queues behind intake's on SQLite) only if needed."""
    try:
        with app.db.read() as session:
            recipient_rows = _recipient_key_rows(session, report_id)
            joined = _network_for(app, session, report_id)
        network, through = joined if joined is not None else (None, None)
        if not (bands or recipient_rows or network):
            return None
        with app.db.write() as session:
            _insert_ignoring_duplicates(session, ScriptKeyRow.__table__,
                                        [{"report_id": report_id, "band_key": b} for b in sorted(set(bands))])
            _insert_ignoring_duplicates(session, RecipientKeyRow.__table__, recipient_rows)
            if network is not None:
                _insert_ignoring_duplicates(session, NetworkReportRow.__table__,
                                            [{"report_id": report_id, "network_id": network, "via": "online"}])
                audit.append(session, "linker", "network.report_joined", "network", network,
                             {"report": str(report_id), "through": through})
                row = session.get(ReportRow, report_id)
                if row is not None:
                    cases.rescore(session, row)  # "joined an active network" raises its priority now
        return network
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


@dataclass
class Sharers:
    """The other reports naming each value; None for a value named by more than its cap."""

    identifiers: dict[int, list[uuid.UUID] | None] = field(default_factory=dict)
    bands: dict[int, list[uuid.UUID] | None] = field(default_factory=dict)


@functools.lru_cache(maxsize=256)
def _sharers_sql(n_identifiers: int, n_bands: int, identifier_cap: int, band_cap: int) -> TextClause:
    """One statement for a report's identifiers and script bands: per value, a bounded lookup on its
    index, the lookups joined by UNION ALL. Written as text, cached per shape: one statement per
    value (its round trip, and SQLAlchemy's work building and reading it) was most of a lookup's
    time, and a join over all the values could not bound each one (a hub would be read whole).
    Only numbers go into the text; the values are bound parameters."""
    parts = [f"SELECT * FROM (SELECT DISTINCT 0 AS what, identifier_id AS value, report_id "  # noqa: S608
             f"FROM report_identifiers WHERE identifier_id = :i{j} AND report_id != :r "
             f"LIMIT {identifier_cap + 1}) AS i{j}" for j in range(n_identifiers)]
    parts += [f"SELECT * FROM (SELECT 1 AS what, band_key AS value, report_id "  # noqa: S608
              f"FROM script_keys WHERE band_key = :b{j} AND report_id != :r LIMIT {band_cap + 1}) AS b{j}"
              for j in range(n_bands)]
    return sql_text(" UNION ALL ".join(parts)).bindparams(bindparam("r", type_=Uuid()))


def _sharers(session: Session, report_id: uuid.UUID, identifiers: list[int], bands: list[int]) -> Sharers:
    if not identifiers and not bands:
        return Sharers()
    params: dict[str, object] = {"r": report_id}
    params.update({f"i{j}": ident for j, ident in enumerate(identifiers)})
    params.update({f"b{j}": band for j, band in enumerate(bands)})
    raw: tuple[dict, dict] = ({i: [] for i in identifiers}, {b: [] for b in bands})
    caps = (POLICY.online_cap, SCRIPT_CAP)
    for what, value, other in session.execute(_sharers_sql(len(identifiers), len(bands), *caps), params):
        raw[what][value].append(other)
    # Report ids come back as the driver gives them (SQLite: text); only the lists that are used
    # are made UUIDs (a big network's phone fills its cap and is left out), each id once.
    ids: dict[object, uuid.UUID] = {}

    def as_ids(values: list) -> list[uuid.UUID]:
        for v in values:
            if v not in ids:
                ids[v] = v if isinstance(v, uuid.UUID) else uuid.UUID(v)
        return [ids[v] for v in values]

    identifiers_of, bands_of = ({k: as_ids(v) if len(v) <= caps[what] else None for k, v in raw[what].items()}
                                for what in (0, 1))
    return Sharers(identifiers_of, bands_of)


def related(app: Tipline, report_id: uuid.UUID) -> RelatedAnswer | None:
    """Earlier and later reports sharing evidence with this one, best first; None if no such report."""
    with app.db.read() as session:
        head = session.execute(select(ReportRow.id, NetworkReportRow.network_id)
                               .outerjoin(NetworkReportRow, NetworkReportRow.report_id == ReportRow.id)
                               .where(ReportRow.id == report_id)).first()
        if head is None:
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
        listed = [(ident, kind, value) for ident, kind, value, flagged_degree in mine
                  if kind != PICTURE and flagged_degree is None]  # pictures: near copies count, below
        over += [{"kind": kind, "value": value, "reports": degree, "reason": "hub"}
                 for _, kind, value, degree in mine if kind != PICTURE and degree is not None]
        bands = list(session.execute(select(ScriptKeyRow.band_key).where(ScriptKeyRow.report_id == report_id)
                                     ).scalars())
        sharers = _sharers(session, report_id, [ident for ident, _, _ in listed], bands)
        for ident, kind, value in listed:
            others = sharers.identifiers[ident]
            if others is None:
                over.append({"kind": kind, "value": value, "reports": f">{POLICY.online_cap}",
                             "reason": "too_common"})
                continue
            w = weight(kind, len(others) + 1)
            for other in others:
                add(other, {"kind": kind, "value": value, "score": 1.0, "shared_by": len(others) + 1}, w)
            if kind == "transfer_recipient":
                _similar_recipients(session, report_id, ident, value, add)
        for near in _near_pictures(app, session, report_id, [v for _, kind, v, _ in mine if kind == PICTURE]):
            if near.hub is not None:
                over.append({"kind": PICTURE, "value": near.value, "reports": near.hub, "reason": "hub"})
                continue
            if near.too_common:
                over.append({"kind": PICTURE, "value": near.value, "reports": f">{POLICY.online_cap}",
                             "reason": "too_common"})
                continue
            w = weight(PICTURE_LIKE, len(near.reports) + 1)
            for other, distance in near.reports.items():
                # score: the share of the 256 bits the two hashes agree on (PDQ's similarity), so
                # that a nearer copy ranks first
                score = round(1 - distance / 256, 3)
                add(other, {"kind": PICTURE, "value": near.value, "score": score, "distance": distance}, w * score)
        # Per band, at most SCRIPT_CAP reports: a band in more is a script everybody uses (or a
        # whole network's, already linked by its identifiers), and would cost a scan.
        shared: dict[uuid.UUID, int] = {}
        for others in sharers.bands.values():
            if others is not None:
                for other in others:
                    shared[other] = shared.get(other, 0) + 1
        for other, count in shared.items():
            sim = scripts.similarity(count)
            add(other, {"kind": SCRIPT, "value": None, "score": sim, "shared_bands": count}, 0.5 * sim)
        # Ties in the order of the ids' text (r.int sorts as str(r) does, without making the strings)
        top = sorted(scores, key=lambda r: (-scores[r], r.int))[:MAX_RELATED]
        rows = {r.id: r for r in session.execute(
            select(ReportRow.id, ReportRow.ref, ReportRow.external_id, NetworkReportRow.network_id)
            .outerjoin(NetworkReportRow, NetworkReportRow.report_id == ReportRow.id)
            .where(ReportRow.id.in_(top)))} if top else {}
        items = [Related(r, rows[r].ref, rows[r].external_id, rows[r].network_id, round(scores[r], 4), found[r])
                 for r in top if r in rows]
        return RelatedAnswer(report_id, head.network_id, items, over)


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


# --- backfill ---------------------------------------------------------------------------------------

def backfill(app: Tipline, on_report=None) -> int:
    """Index the evidence of reports stored before linking existed (or after a change of the
    script hashing): decrypts each report in memory, stores its band keys and recipient keys.
    Returns how many reports gained keys. Idempotent."""
    from pydantic import ValidationError

    from tipline.domain.report import FollowUpContent
    from tipline.store import reports as store

    with app.db.read() as session:
        ids = list(session.execute(select(ReportRow.id).order_by(ReportRow.received_at, ReportRow.id)).scalars())
    changed = 0
    for report_id in ids:
        with app.db.read() as session:
            row = session.get(ReportRow, report_id)
            if row is None:
                continue
            try:
                report = ReportIn.model_validate(store.report_body(app.keys, row))
                texts = [FollowUpContent.model_validate(store.follow_up_body(app.keys, fu)).text
                         for fu in store.follow_ups(session, report_id)]
            except ValidationError:
                continue
            known = set(session.execute(select(ScriptKeyRow.band_key).where(ScriptKeyRow.report_id == report_id))
                        .scalars())
            recipient_rows = _recipient_key_rows(session, report_id)
        bands = set(script_band_keys(report.chat_log, report.narrative))
        for text in texts:
            bands |= set(script_band_keys(None, text))
        new = sorted(bands - known)
        if new or recipient_rows:
            with app.db.write() as session:
                _insert_ignoring_duplicates(session, ScriptKeyRow.__table__,
                                            [{"report_id": report_id, "band_key": b} for b in new])
                _insert_ignoring_duplicates(session, RecipientKeyRow.__table__, recipient_rows)
            changed += 1
        if on_report:
            on_report()
    return changed

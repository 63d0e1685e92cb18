"""Networks: rebuild them from a snapshot (DuckDB or Spark), store them, list, show and export them."""

from __future__ import annotations

import tempfile
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pyarrow as pa
from sqlalchemy import delete, func, insert, select

from tipline.currency import load_rates
from tipline.link import graph, profile, stable
from tipline.link.engines import assemble
from tipline.link.kinds import PICTURE_LIKE, PSEUDO_KINDS
from tipline.service.context import Tipline
from tipline.store import audit
from tipline.store.snapshot import connect, write_snapshot
from tipline.store.tables import (
    FlaggedIdentifierRow,
    IdentifierRow,
    NetworkReportRow,
    NetworkRow,
    ReportIdentifierRow,
    ReportRow,
)

ENGINES = ("duckdb", "spark")
Progress = Callable[[str, int], None]  # (step done, steps total)
STEPS = ("snapshot", "edges", "graph", "ids and profiles", "store")


@dataclass
class Rebuilt:
    networks: int
    reports_in_networks: int
    reports: int
    flagged: int
    kept_ids: int
    seconds: dict[str, float] = field(default_factory=dict)


@dataclass
class Computed:
    """What a rebuild computed, before it is stored (``compute`` is also what tests compare)."""

    report_ids: list[str]
    labels: np.ndarray
    flagged: dict[int, tuple[int, float]]
    seconds: dict[str, float]


def compute(snapshot: Path, engine: str = "duckdb", spark=None, progress: Progress | None = None) -> Computed:
    """Networks from a snapshot: labels per report (index order of ``report_ids``), flagged identifiers."""
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; use one of {', '.join(ENGINES)}")
    seconds: dict[str, float] = {}
    t = time.perf_counter()
    if engine == "spark":
        from tipline.link.engines import spark as eng

        tables = eng.tables(snapshot, spark)
    else:
        from tipline.link.engines import duckdb as eng_duck

        tables = eng_duck.tables(snapshot)
    seconds["edges"] = time.perf_counter() - t
    _tick(progress, "edges")
    t = time.perf_counter()
    g = assemble(tables)
    result = graph.networks(g.evidence)
    seconds["graph"] = time.perf_counter() - t
    _tick(progress, "graph")
    # A flagged picture cluster is stored as each of its pictures (identifiers, unlike other
    # pseudo-keys): online linking meets a hub through whichever near copy it finds.
    flagged = {g.key_ref[k]: v for k, v in result.flagged.items() if g.key_kind[k] not in PSEUDO_KINDS}
    for k, v in result.flagged.items():
        if g.key_kind[k] == PICTURE_LIKE:
            flagged.update(dict.fromkeys(g.members(k), v))
    return Computed(g.report_ids, result.labels, flagged, seconds)


def _tick(progress: Progress | None, step: str) -> None:
    if progress:
        progress(step, len(STEPS))


def rebuild(app: Tipline, engine: str = "duckdb", snapshot: Path | None = None, spark=None,
            progress: Progress | None = None, actor: str = "cli:networks") -> Rebuilt:
    """Snapshot the store, find the networks, keep their ids, profile them, replace the stored ones."""
    with tempfile.TemporaryDirectory(prefix="tipline-snapshot-") as tmp:
        directory = snapshot or Path(tmp)
        t = time.perf_counter()
        write_snapshot(app.db, directory)
        snap_s = time.perf_counter() - t
        _tick(progress, "snapshot")
        c = compute(directory, engine, spark, progress)
        c.seconds["snapshot"] = snap_s
        t = time.perf_counter()
        groups: dict[int, list[str]] = {}
        members = np.flatnonzero(c.labels >= 0)
        for i in members.tolist():
            groups.setdefault(int(c.labels[i]), []).append(c.report_ids[i])
        with app.db.read() as session:
            created = dict(session.execute(select(NetworkRow.id, NetworkRow.created_at)).all())
        con = connect(directory)
        try:
            # The last rebuild's membership as the snapshot holds it (read from the store, a million
            # UUIDs built one by one took 5 s; a report that joined online since the snapshot keeps
            # its network through the overlap of the rest)
            previous = dict(con.execute("SELECT report_id, network_id FROM network_reports").fetchall())
            ids = stable.assign_ids(groups, previous)
            membership = pa.table({"report_id": [c.report_ids[i] for i in members.tolist()],
                                   "network_id": [ids[int(c.labels[i])] for i in members.tolist()]})
            profiles = profile.profiles(con, membership, load_rates(app.settings.exchange_rates),
                                        app.settings.reporting_currency, set(c.flagged))
        finally:
            con.close()
        c.seconds["ids and profiles"] = time.perf_counter() - t
        _tick(progress, "ids and profiles")
    t = time.perf_counter()
    now = datetime.now(UTC)
    kept = sum(1 for i in ids.values() if i in created)
    with app.db.write() as session:
        session.execute(delete(NetworkReportRow))
        session.execute(delete(NetworkRow))
        session.execute(delete(FlaggedIdentifierRow))
        rows = [{"id": nid, "created_at": created.get(nid, now), "rebuilt_at": now, "size": len(groups[label]),
                 "last_activity": _parse(profiles[nid]["last_activity"]), "profile": profiles[nid]}
                for label, nid in sorted(ids.items())]
        for chunk in _chunks(rows, 5000):
            session.execute(insert(NetworkRow.__table__), chunk)
        links = [{"report_id": uuid.UUID(r), "network_id": n, "via": "rebuild"}
                 for r, n in zip(membership.column("report_id").to_pylist(),
                                 membership.column("network_id").to_pylist(), strict=True)]
        for chunk in _chunks(links, 20000):
            session.execute(insert(NetworkReportRow.__table__), chunk)
        flagged_rows = [{"identifier_id": k, "degree": d, "largest_share": s, "flagged_at": now}
                        for k, (d, s) in sorted(c.flagged.items())]
        for chunk in _chunks(flagged_rows, 5000):
            session.execute(insert(FlaggedIdentifierRow.__table__), chunk)
        audit.append(session, actor, "networks.rebuilt", "network", None,
                     {"engine": engine, "networks": len(ids), "reports": len(links), "flagged": len(flagged_rows),
                      "kept_ids": kept})
    c.seconds["store"] = time.perf_counter() - t
    _tick(progress, "store")
    return Rebuilt(len(ids), len(links), len(c.report_ids), len(c.flagged), kept,
                   {k: round(v, 3) for k, v in c.seconds.items()})


def _chunks(rows: list, size: int):
    for i in range(0, len(rows), size):
        yield rows[i:i + size]


def _parse(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value.replace("Z", "+00:00")) if value else None


# --- reading ------------------------------------------------------------------------------------

@dataclass
class NetworkSummary:
    id: str
    size: int
    created_at: datetime
    rebuilt_at: datetime
    last_activity: datetime | None
    online_joins: int = 0


def list_networks(app: Tipline, limit: int = 50, offset: int = 0, min_size: int = 2) -> tuple[int, list[
        NetworkSummary]]:
    """(total, page) of networks, largest first."""
    with app.db.read() as session:
        total = session.execute(select(func.count()).select_from(NetworkRow).where(NetworkRow.size >= min_size)
                                ).scalar_one()
        rows = session.execute(select(NetworkRow).where(NetworkRow.size >= min_size)
                               .order_by(NetworkRow.size.desc(), NetworkRow.id).limit(limit).offset(offset)
                               ).scalars().all()
        joins = dict(session.execute(
            select(NetworkReportRow.network_id, func.count()).where(
                NetworkReportRow.via == "online", NetworkReportRow.network_id.in_([r.id for r in rows]))
            .group_by(NetworkReportRow.network_id)).all())
        return total, [NetworkSummary(r.id, r.size, r.created_at, r.rebuilt_at, r.last_activity, joins.get(r.id, 0))
                       for r in rows]


@dataclass
class NetworkDetail:
    summary: NetworkSummary
    profile: dict
    reports: list[dict]  # id, reference, external_id, received_at, via


def show(app: Tipline, network_id: str) -> NetworkDetail | None:
    with app.db.read() as session:
        row = session.get(NetworkRow, network_id)
        if row is None:
            return None
        members = session.execute(
            select(ReportRow.id, ReportRow.ref, ReportRow.external_id, ReportRow.received_at, NetworkReportRow.via)
            .join(NetworkReportRow, NetworkReportRow.report_id == ReportRow.id)
            .where(NetworkReportRow.network_id == network_id).order_by(ReportRow.received_at, ReportRow.id)).all()
        online = sum(1 for m in members if m.via == "online")
        return NetworkDetail(
            NetworkSummary(row.id, row.size, row.created_at, row.rebuilt_at, row.last_activity, online),
            row.profile,
            [{"id": str(m.id), "reference": m.ref, "external_id": m.external_id,
              "received_at": m.received_at.isoformat().replace("+00:00", "Z"), "via": m.via} for m in members])


def export(app: Tipline) -> list[dict]:
    """Every network as ``{"id", "reports": [external_id or id…], "identifiers": […], "profile": {…}}``."""
    with app.db.read() as session:
        networks = session.execute(select(NetworkRow).order_by(NetworkRow.id)).scalars().all()
        reports: dict[str, list[str]] = {}
        for network, rid, ext in session.execute(
                select(NetworkReportRow.network_id, ReportRow.id, ReportRow.external_id)
                .join(ReportRow, ReportRow.id == NetworkReportRow.report_id)
                .order_by(NetworkReportRow.network_id, ReportRow.received_at, ReportRow.id)):
            reports.setdefault(network, []).append(ext or str(rid))
        flagged = select(FlaggedIdentifierRow.identifier_id)
        identifiers: dict[str, set[tuple[str, str]]] = {}
        for network, kind, value in session.execute(
                select(NetworkReportRow.network_id, IdentifierRow.kind, IdentifierRow.value)
                .join(ReportIdentifierRow, ReportIdentifierRow.report_id == NetworkReportRow.report_id)
                .join(IdentifierRow, IdentifierRow.id == ReportIdentifierRow.identifier_id)
                .where(IdentifierRow.id.not_in(flagged)).distinct()):
            identifiers.setdefault(network, set()).add((kind, value))
        return [{"id": n.id, "reports": reports.get(n.id, []),
                 "identifiers": [{"kind": k, "value": v} for k, v in sorted(identifiers.get(n.id, set()))],
                 "profile": n.profile} for n in networks]

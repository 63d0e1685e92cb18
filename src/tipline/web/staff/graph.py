"""The case's neighbourhood as Cytoscape elements: the report, its scammers' identifiers, and the
other reports that name them. Values shared by too many reports (a platform's support address, a
shared VoIP number) are drawn but not followed, so one such value cannot pull in hundreds of
unrelated reports."""

from __future__ import annotations

import uuid

from sqlalchemy import func, select

from tipline.service.context import Tipline
from tipline.store.tables import IdentifierRow, ReportIdentifierRow, ReportRow

FOLLOW_AT_MOST = 50  # reports per identifier; above this the value is flagged, not followed
MAX_NODES = 300


def neighbourhood(app: Tipline, report_id: uuid.UUID) -> dict:
    nodes: dict[str, dict] = {}
    edges: list[dict] = []
    with app.db.read() as session:
        ref = session.execute(select(ReportRow.ref).where(ReportRow.id == report_id)).scalar_one()
        nodes[f"r:{report_id}"] = {"data": {"id": f"r:{report_id}", "label": ref, "kind": "report", "self": True}}
        idents = session.execute(
            select(IdentifierRow.id, IdentifierRow.kind, IdentifierRow.value)
            .join(ReportIdentifierRow, ReportIdentifierRow.identifier_id == IdentifierRow.id)
            .where(ReportIdentifierRow.report_id == report_id).distinct()).all()
        for ident_id, kind, value in idents:
            degree = session.execute(select(func.count(func.distinct(ReportIdentifierRow.report_id)))
                                     .where(ReportIdentifierRow.identifier_id == ident_id)).scalar_one()
            over = degree > FOLLOW_AT_MOST
            nid = f"i:{ident_id}"
            nodes[nid] = {"data": {"id": nid, "label": value, "kind": kind, "reports": degree, "flagged": over}}
            edges.append({"data": {"id": f"e:{report_id}:{ident_id}", "source": f"r:{report_id}", "target": nid}})
            if over:
                continue
            others = session.execute(
                select(ReportRow.id, ReportRow.ref)
                .join(ReportIdentifierRow, ReportIdentifierRow.report_id == ReportRow.id)
                .where(ReportIdentifierRow.identifier_id == ident_id, ReportRow.id != report_id)
                .distinct().limit(FOLLOW_AT_MOST)).all()
            for other_id, other_ref in others:
                rid = f"r:{other_id}"
                if rid not in nodes:
                    if len(nodes) >= MAX_NODES:
                        break
                    nodes[rid] = {"data": {"id": rid, "label": other_ref, "kind": "report", "self": False}}
                edges.append({"data": {"id": f"e:{other_id}:{ident_id}", "source": rid, "target": nid}})
    related = sorted({n["data"]["label"] for n in nodes.values()
                      if n["data"]["kind"] == "report" and not n["data"].get("self")})
    return {"elements": list(nodes.values()) + edges, "related": related}

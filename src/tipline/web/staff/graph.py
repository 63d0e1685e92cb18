"""The case's neighbourhood as Cytoscape elements: the report, its scammers' identifiers, and the
reports that share evidence with it, as ``service.linking.related`` finds them. The graph draws
that one answer, so it follows the linker's own rules: values shared by too many unrelated
reports (a platform's support address, a shared VoIP number) are drawn, flagged, and not followed.
"""

from __future__ import annotations

import uuid

from tipline.link.kinds import SCRIPT
from tipline.service import linking
from tipline.service.context import Tipline
from tipline.store import reports
from tipline.store.tables import ReportRow


def elements(ref: str, own: list[tuple[str, str]], answer: linking.RelatedAnswer | None) -> list[dict]:
    """Pure: nodes for the report, its identifiers (``own``: kind, value) and the related reports,
    an edge for each piece of evidence that links them."""
    me = "r:self"
    nodes: dict[str, dict] = {me: {"data": {"id": me, "label": ref, "kind": "report", "self": True}}}
    edges: dict[str, dict] = {}

    def identifier(kind: str, value: str, **extra) -> str:
        nid = f"i:{kind}:{value}"
        nodes.setdefault(nid, {"data": {"id": nid, "label": value, "kind": kind, "flagged": False}})
        nodes[nid]["data"].update(extra)
        edges.setdefault(f"e:{me}:{nid}", {"data": {"id": f"e:{me}:{nid}", "source": me, "target": nid}})
        return nid

    for kind, value in own:
        identifier(kind, value)
    if answer is not None:
        for over in answer.over_shared:
            identifier(over["kind"], over["value"], flagged=True, reports=over["reports"])
        for item in answer.related:
            rid = f"r:{item.report_id}"
            nodes[rid] = {"data": {"id": rid, "label": item.reference, "kind": "report", "self": False}}
            for evidence in item.evidence:
                if evidence["kind"] == SCRIPT or not evidence.get("value"):
                    target = identifier(SCRIPT, "similar script")
                else:
                    target = identifier(evidence["kind"], evidence["value"])
                eid = f"e:{rid}:{target}"
                edges[eid] = {"data": {"id": eid, "source": rid, "target": target}}
    return list(nodes.values()) + list(edges.values())


def neighbourhood(app: Tipline, report_id: uuid.UUID) -> dict:
    answer = linking.related(app, report_id)
    with app.db.read() as session:
        row = session.get(ReportRow, report_id)
        own = [(i.kind, i.value) for i, _ in reports.identifiers_of(session, report_id)]
    return {"elements": elements(row.ref, own, answer)}

"""Related reports and networks, for staff holding ``networks:read``.

Identifier values here are the scammers' (phones, accounts, recipients' names); no victim's
narrative, contact or chat is ever part of an answer.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel

from tipline.security.roles import Principal
from tipline.service import linking, networks
from tipline.web.access import requires
from tipline.web.api.schemas import Problem

router = APIRouter(tags=["networks"])
_PROBLEMS = {code: {"model": Problem, "content": {"application/problem+json": {}}} for code in (401, 403, 404, 422)}
Reader = Annotated[Principal, Depends(requires("networks:read"))]


class Evidence(BaseModel):
    kind: str
    value: str | None  # for a picture: this report's, near the other report's
    score: float
    shared_by: int | None = None
    shared_bands: int | None = None
    distance: int | None = None  # a picture's: bits apart from the other report's (at most 31)


class RelatedReport(BaseModel):
    id: uuid.UUID
    reference: str
    external_id: str | None
    network_id: str | None
    score: float
    evidence: list[Evidence]


class OverShared(BaseModel):
    kind: str
    value: str
    reports: int | str
    reason: str  # hub: flagged by the last rebuild; too_common: more reports than the online cap


class RelatedOut(BaseModel):
    report_id: uuid.UUID
    network_id: str | None
    related: list[RelatedReport]
    over_shared: list[OverShared]


class NetworkOut(BaseModel):
    id: str
    size: int
    created_at: datetime
    rebuilt_at: datetime
    last_activity: datetime | None
    online_joins: int


class NetworkPage(BaseModel):
    total: int
    items: list[NetworkOut]


class NetworkReport(BaseModel):
    id: uuid.UUID
    reference: str
    external_id: str | None
    received_at: datetime
    via: str


class NetworkDetailOut(NetworkOut):
    profile: dict
    reports: list[NetworkReport]


def _app(request: Request):
    return request.app.state.tipline


@router.get("/reports/{report_id}/related", response_model=RelatedOut, responses=_PROBLEMS)
async def related_reports(report_id: uuid.UUID, request: Request, _: Reader) -> RelatedOut:
    """Reports sharing evidence with this one, best first, each with its evidence (which identifier,
    which score). Values shared by too many unrelated reports are listed apart, not linked."""
    answer = await run_in_threadpool(linking.related, _app(request), report_id)
    if answer is None:
        raise HTTPException(404, "No report with this id.")
    return RelatedOut(report_id=answer.report_id, network_id=answer.network_id,
                      related=[RelatedReport(id=r.report_id, reference=r.reference, external_id=r.external_id,
                                             network_id=r.network_id, score=r.score,
                                             evidence=[Evidence(**e) for e in r.evidence]) for r in answer.related],
                      over_shared=[OverShared(**o) for o in answer.over_shared])


@router.get("/networks", response_model=NetworkPage, responses=_PROBLEMS)
async def list_networks(request: Request, _: Reader,
                        limit: Annotated[int, Query(ge=1, le=500)] = 50,
                        offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0) -> NetworkPage:
    """Networks from the last rebuild, largest first."""
    total, items = await run_in_threadpool(networks.list_networks, _app(request), limit, offset)
    return NetworkPage(total=total, items=[NetworkOut(**vars(s)) for s in items])


@router.get("/networks/{network_id}", response_model=NetworkDetailOut, responses=_PROBLEMS)
async def show_network(network_id: str, request: Request,
                       _: Reader) -> NetworkDetailOut:
    """A network's profile and its reports (references and dates only)."""
    detail = await run_in_threadpool(networks.show, _app(request), network_id[:16])
    if detail is None:
        raise HTTPException(404, "No network with this id.")
    return NetworkDetailOut(**vars(detail.summary), profile=detail.profile,
                            reports=[NetworkReport(**r) for r in detail.reports])

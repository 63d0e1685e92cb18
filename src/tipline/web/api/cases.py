"""The staff API: the triage queue and a report with what extraction found, for machines with
scoped tokens (``tipline tokens add``) and for signed-in staff."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, Field

from tipline.security.roles import Principal
from tipline.service import cases
from tipline.web.access import case_call, requires
from tipline.web.problems import FieldProblem

router = APIRouter(tags=["cases"])
_UNAUTHORISED = {401: {"description": "No credentials"}, 403: {"description": "Not allowed"}}
_MISSING = {**_UNAUTHORISED, 404: {"description": "No such report"}}


class Reason(BaseModel):
    code: str
    points: int


class QueueItemOut(BaseModel):
    ref: str
    received_at: datetime
    status: str
    priority: int
    reasons: list[Reason]
    victim_age_band: str | None
    victim_country: str | None
    platform: str | None
    language: str | None
    deadline: datetime | None
    assignee: str | None


class QueueOut(BaseModel):
    total: int
    items: list[QueueItemOut]


class CaseOut(BaseModel):
    ref: str
    status: str
    received_at: datetime
    priority: int
    reasons: list[Reason]
    assignee: str | None
    read: bool = Field(description="False until the reader has read the narrative and chat log "
                                   "(reports received through the API are read moments after the answer)")
    report: dict
    identifiers: list[dict]
    money: list[dict]
    follow_ups: list[dict]
    notes: list[dict]
    referrals: list[dict]


class StatusIn(BaseModel):
    status: Literal["new", "triaged", "in_progress", "referred", "closed"]


class NoteIn(BaseModel):
    text: str = Field(min_length=1, max_length=cases.MAX_NOTE)


def _run(fn, *args):
    try:
        return case_call(fn, *args)
    except cases.CaseError as e:
        field, _, message = str(e).partition(": ")
        raise FieldProblem(field, message, "The change cannot be made.") from None


@router.get("/cases", response_model=QueueOut, responses=_UNAUTHORISED)
async def get_queue(
    request: Request,
    status: str | None = Query(None, max_length=20), country: str | None = Query(None, max_length=2),
    platform: str | None = Query(None, max_length=32), age_band: str | None = Query(None, max_length=16),
    language: str | None = Query(None, max_length=8), limit: int = Query(50, ge=1, le=500),
    offset: int = Query(0, ge=0, le=1_000_000),
    principal: Principal = Depends(requires("reports:read")),  # noqa: B008
) -> QueueOut:
    """Open cases, most urgent first, each with the reasons for its priority."""
    filters = cases.QueueFilters(status=status, country=country, platform=platform, age_band=age_band,
                                 language=language)
    page = await run_in_threadpool(cases.queue, request.app.state.tipline, principal, filters, limit, offset)
    return QueueOut(total=page.total, items=[QueueItemOut(**vars(i)) for i in page.items])


@router.get("/reports/{ref}", response_model=CaseOut, responses=_MISSING)
async def get_report(request: Request, ref: str, principal: Principal = Depends(requires("reports:read"))) -> CaseOut:  # noqa: B008
    """A report, decrypted, with the identifiers extraction found (where and how surely), its money,
    follow-ups, notes and referrals. The read is recorded in the audit chain."""
    view = await run_in_threadpool(_run, cases.view, request.app.state.tipline, principal, ref)
    return CaseOut(ref=view.ref, status=view.status, received_at=view.received_at, priority=view.priority,
                   reasons=view.reasons, assignee=view.assignee, read=view.columns["read"], report=view.report,
                   identifiers=view.identifiers,
                   money=view.money, follow_ups=view.follow_ups, notes=view.notes, referrals=view.referrals)


@router.post("/reports/{ref}/status", status_code=204, responses={**_MISSING, 422: {"description": "Not allowed now"}})
async def post_status(request: Request, ref: str, body: StatusIn,
                      principal: Principal = Depends(requires("reports:write"))) -> None:  # noqa: B008
    await run_in_threadpool(_run, cases.set_status, request.app.state.tipline, principal, ref, body.status)


@router.post("/reports/{ref}/notes", status_code=204, responses={**_MISSING, 422: {"description": "Invalid"}})
async def post_note(request: Request, ref: str, body: NoteIn,
                    principal: Principal = Depends(requires("reports:write"))) -> None:  # noqa: B008
    await run_in_threadpool(_run, cases.add_note, request.app.state.tipline, principal, ref, body.text)

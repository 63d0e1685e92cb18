"""A reporter erases their report with its reference code and follow-up token."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, ConfigDict, Field

from tipline.service.retention import KEPT, request_erasure
from tipline.web.api.schemas import Problem

router = APIRouter(tags=["intake"])
_PROBLEMS = {code: {"model": Problem, "content": {"application/problem+json": {}}}
             for code in (404, 413, 415, 422, 429)}


class ErasureIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    token: Annotated[str, Field(min_length=1, max_length=200, description="The follow-up token.")]


class ErasureOut(BaseModel):
    reference: str
    erased_at: datetime
    kept: list[str] = Field(description="What stays, de-identified, to protect other victims.")
    message: str


MESSAGE = ("Your narrative, chat log, contact details and follow-ups are erased. The scammers' accounts, "
           "numbers and payment details you gave stay, with dates and categories but nothing that "
           "identifies you, so that other victims of the same people can be helped. Your reference code "
           "and token no longer open the report.")


@router.post("/reports/{reference}/erasure", response_model=ErasureOut, responses=_PROBLEMS)
async def erase_report(reference: str, body: ErasureIn, request: Request) -> ErasureOut:
    """Erase a report's personal data (narrative, chat log, contact details, follow-ups).

    A wrong code or a wrong token both answer 404, as for follow-ups. It cannot be undone: after
    it the token is refused (a second request answers 404 too).
    """
    request.app.state.limiter.check(request, scope="follow-up")
    done = await run_in_threadpool(request_erasure, request.app.state.tipline, reference, body.token)
    if done is None:
        raise HTTPException(404, "No report matches this reference code and token.")
    ref, at = done
    return ErasureOut(reference=ref, erased_at=at, kept=KEPT, message=MESSAGE)

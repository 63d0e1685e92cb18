"""Hash-to-block over HTTP: platforms match hashes against the banks; victims add their hashes.

Matching answers whether a picture is in a bank: an oracle that must not be public, so it takes
a bearer token from ``TIPLINE_MATCH_TOKENS`` (issue 5's scoped staff tokens will replace them).
A victim adds hashes computed on their own device with their reference code and token; no image
is ever sent or stored.
"""

from __future__ import annotations

import hmac
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, ConfigDict, Field, model_validator

from tipline.hashing import HashingError
from tipline.service.hashbank import VICTIMS_BANK, HashIn, add_hashes, index_of, validated
from tipline.service.intake import reporter_report
from tipline.web.api.schemas import Problem
from tipline.web.problems import FieldProblem

router = APIRouter(tags=["hash-to-block"])
_bearer = HTTPBearer(auto_error=False)
SignalTypeName = Literal["pdq", "md5", "sha256"]
_PROBLEMS = {code: {"model": Problem, "content": {"application/problem+json": {}}} for code in (401, 404, 422)}


class Signal(BaseModel):
    model_config = ConfigDict(extra="forbid")
    signal_type: SignalTypeName
    value: str = Field(min_length=1, max_length=128)


class MatchSignal(BaseModel):
    """A hash to match; a vPDQ signal (a video) is its JSON text, as python-threatexchange writes it."""

    model_config = ConfigDict(extra="forbid")
    signal_type: Literal["pdq", "md5", "sha256", "vpdq"]
    value: str = Field(min_length=1, max_length=1_000_000)

    @model_validator(mode="after")
    def _short_unless_video(self) -> MatchSignal:
        if self.signal_type != "vpdq" and len(self.value) > 128:
            raise ValueError(f"a {self.signal_type} hash has at most 128 characters")
        return self


class MatchRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    signals: list[MatchSignal] = Field(min_length=1, max_length=1000)
    max_distance: int | None = Field(default=None, ge=0, le=64,
                                     description="PDQ, and each frame of a vPDQ video; default 31.")
    banks: list[str] | None = None


class SignalMatches(BaseModel):
    signal_type: str
    value: str
    matches: list[dict]


class MatchResponse(BaseModel):
    results: list[SignalMatches]


class VictimHash(Signal):
    quality: int | None = Field(default=None, ge=0, le=100)


class VictimHashes(BaseModel):
    model_config = ConfigDict(extra="forbid")
    token: str = Field(min_length=1, max_length=200)
    hashes: list[VictimHash] = Field(min_length=1, max_length=100)


class HashesAdded(BaseModel):
    bank: str
    added: int


def _platform(request: Request,
              credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]) -> None:
    tokens = [t.strip() for t in request.app.state.tipline.settings.match_tokens.split(",") if t.strip()]
    given = credentials.credentials if credentials else ""
    if not any(hmac.compare_digest(given.encode(), t.encode()) for t in tokens):
        raise HTTPException(401, "Matching needs a platform token (Authorization: Bearer …).",
                            headers={"WWW-Authenticate": "Bearer"})


def _invalid(index: int, error: HashingError, field: str = "signals") -> HTTPException:
    return FieldProblem(f"{field}[{index}].value", str(error))


@router.post("/match", response_model=MatchResponse, responses=_PROBLEMS, dependencies=[Depends(_platform)])
async def match(body: MatchRequest, request: Request) -> MatchResponse:
    """Match hashes (PDQ at a Hamming distance up to 31 across the eight rotations/flips; MD5 and
    SHA-256 exactly; vPDQ videos by vPDQ's rule, 80 % of the query's frames within 31 of the bank
    video's, with both percentages in the answer) against the banks; each result names the bank,
    distance and matched hash (for a video, the bank video's key)."""
    app = request.app.state.tipline
    distance = body.max_distance if body.max_distance is not None else app.settings.match_distance
    index = await run_in_threadpool(index_of, app)
    results = []
    for i, signal in enumerate(body.signals):
        try:
            found = index.match(app, signal.signal_type, signal.value, max_distance=distance, banks=body.banks)
        except HashingError as e:
            raise _invalid(i, e) from None
        results.append(SignalMatches(signal_type=signal.signal_type, value=signal.value.lower(),
                                     matches=[m.as_dict() for m in found]))
    return MatchResponse(results=results)


@router.post("/reports/{reference}/hashes", status_code=201, response_model=HashesAdded, responses=_PROBLEMS)
async def add_victim_hashes(reference: str, body: VictimHashes, request: Request) -> HashesAdded:
    """A victim adds the hashes of their pictures (computed on their device) to the victims' bank,
    with their reference code and follow-up token. A wrong code or token answers 404."""
    app = request.app.state.tipline
    request.app.state.limiter.check(request, scope="follow-up")
    items = [HashIn(h.signal_type, h.value, h.quality) for h in body.hashes]
    for i, item in enumerate(items):
        try:
            validated([item])
        except HashingError as e:
            raise _invalid(i, e, "hashes") from None

    def store() -> int | None:
        with app.db.read() as session:
            row = reporter_report(session, reference, body.token)
            report_id = row.id if row else None
        if report_id is None:
            return None
        return add_hashes(app, VICTIMS_BANK, items, "victim", actor="reporter:hashes", report_id=report_id)

    added = await run_in_threadpool(store)
    if added is None:
        raise HTTPException(404, "No report matches this reference code and token.")
    return HashesAdded(bank=VICTIMS_BANK, added=added)

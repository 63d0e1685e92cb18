"""A reporter adds evidence files (screenshots, receipts) with their code and token."""

from __future__ import annotations

import base64
import binascii
from datetime import datetime

from fastapi import APIRouter, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, Field

from tipline.service import evidence
from tipline.web.problems import FieldProblem

router = APIRouter(tags=["reporters"])
MAX_BODY_BYTES = 15_000_000  # one 10 MB file in base64, with room; see web.guards


class EvidenceFileIn(BaseModel):
    content_base64: str = Field(min_length=1, max_length=MAX_BODY_BYTES)


class EvidenceIn(BaseModel):
    token: str = Field(min_length=1, max_length=200)
    files: list[EvidenceFileIn] = Field(min_length=1, max_length=evidence.MAX_FILES_PER_REPORT)


class EvidenceOut(BaseModel):
    media_type: str
    size: int
    sha256: str
    received_at: datetime


def _unprocessable(field: str, message: str) -> FieldProblem:
    return FieldProblem(field, message, "A file cannot be taken; it is named in 'errors'. Nothing was stored.")


@router.post("/reports/{reference}/evidence", status_code=201, response_model=list[EvidenceOut],
             responses={404: {"description": "Wrong code or token"}, 413: {"description": "Too large"},
                        422: {"description": "A file cannot be taken"}})
async def add_evidence(reference: str, body: EvidenceIn, request: Request) -> list[EvidenceOut]:
    """Files that prove the extortion (screenshots of the chat, payment receipts, the scammer's
    profile page): PNG, JPEG, GIF, WebP, HEIC, PDF or text, 10 MB each at most. They are encrypted
    at rest; only staff read them. A wrong code or token answers 404."""
    files = []
    for i, f in enumerate(body.files):
        try:
            files.append(base64.b64decode(f.content_base64, validate=True))
        except (binascii.Error, ValueError):
            raise _unprocessable(f"files[{i}].content_base64", "not valid base64") from None
    try:
        stored = await run_in_threadpool(evidence.add_evidence, request.app.state.tipline, reference,
                                         body.token, files)
    except evidence.EvidenceError as e:
        field, _, message = str(e).partition(": ")
        raise _unprocessable(field, message) from None
    if stored is None:
        raise HTTPException(404, "No report with this reference code and follow-up token.")
    return [EvidenceOut(media_type=s.media_type, size=s.size, sha256=s.sha256, received_at=s.received_at)
            for s in stored]

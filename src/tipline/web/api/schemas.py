"""What the API answers (requests are the domain's ReportIn / FollowUpIn)."""

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, Field

from tipline.domain.identifier import Found
from tipline.guidance import Plan


class IdentifierOut(BaseModel):
    kind: str
    value: str
    display: str
    country: str | None
    source: str
    confidence: float

    @classmethod
    def of(cls, found: Found) -> IdentifierOut:
        i = found.identifier
        return cls(kind=i.kind, value=i.value, display=i.display, country=i.country, source=found.source,
                   confidence=found.confidence * i.confidence)


class ReportReceipt(BaseModel):
    id: uuid.UUID
    reference: str
    follow_up_token: str
    received_at: datetime
    identifiers: list[IdentifierOut] = Field(description=(
        "The scammers' identifiers read so far: those given in the structured fields at once; those "
        "written in the narrative and chat log once the report is read (see `read`)."))
    read: bool = Field(description=(
        "Whether the narrative and chat log were read before answering. The API answers first and "
        "the reader reads them within moments; staff see the result at GET /api/v1/reports/{reference}."))
    guidance: Plan
    message: str


class FollowUpReceiptOut(BaseModel):
    id: uuid.UUID
    reference: str
    received_at: datetime
    identifiers: list[IdentifierOut]


class Problem(BaseModel):
    type: str = "about:blank"
    title: str
    status: int
    detail: str | None = None
    errors: list[dict[str, str]] | None = None


class Health(BaseModel):
    status: str
    database: str
    schema_revision: str | None

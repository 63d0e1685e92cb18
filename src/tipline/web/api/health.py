"""Liveness and readiness, for load balancers and monitoring."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool

from tipline.web.api.schemas import Health

router = APIRouter(tags=["operations"])


@router.get("/health", response_model=Health)
async def health(request: Request) -> Health:
    app = request.app.state.tipline
    revision = await run_in_threadpool(app.db.current_revision)
    return Health(status="ok", database=app.db.dialect, schema_revision=revision)

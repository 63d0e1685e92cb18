"""The web application: JSON API under /api/v1 and server-rendered pages for people."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from tipline import __version__
from tipline.config import Settings, get_settings
from tipline.service.context import Tipline
from tipline.web import pages, problems, staff
from tipline.web.api import cases, erasure, evidence, hashes, health, networks, reports
from tipline.web.guards import RequestGuard
from tipline.web.pages import erasure as erasure_page
from tipline.web.pages import statistics
from tipline.web.ratelimit import IntakeLimiter

API = "/api/v1"


def _warm_up() -> None:
    """Load extraction's tables and models now, then keep everything loaded so far out of the
    cyclic garbage collector's full passes (``gc.freeze``): they are long-lived, and walking them
    on every full collection is a pause. Measured with `bench/intake.py` on PostgreSQL: without
    it, 1.45 ms of CPU a report instead of 1.2 and p99 170–180 ms instead of 43–50."""
    import gc

    from tipline.extract import extract_text

    extract_text("warm-up: +33 6 12 34 56 78, 500 €, instagram @warm.up", "FR")
    gc.collect()
    gc.freeze()


def create_app(settings: Settings | None = None, tipline: Tipline | None = None) -> FastAPI:
    """Build the app; it opens (and migrates) the store at start-up unless given one."""
    settings = settings or (tipline.settings if tipline else get_settings())

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        owned = tipline is None
        app.state.tipline = tipline or Tipline.open(settings)
        _warm_up()
        try:
            yield
        finally:
            if owned:
                app.state.tipline.close()

    app = FastAPI(
        title="tipline",
        version=__version__,
        summary="Sextortion reports: intake, guidance and more, for hotlines and police cyber units.",
        openapi_url=f"{API}/openapi.json",
        docs_url=None,  # the hosted UIs load scripts from CDNs; tipline makes no third-party requests
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.limiter = IntakeLimiter(settings.rate_limit, settings.rate_limit_storage,
                                      settings.trust_forwarded_for)
    problems.install(app)
    app.include_router(reports.router, prefix=API)
    app.include_router(hashes.router, prefix=API)
    app.include_router(health.router, prefix=API)
    app.include_router(cases.router, prefix=API)
    staff.install(app)
    app.include_router(erasure.router, prefix=API)
    app.include_router(evidence.router, prefix=API)
    app.include_router(statistics.api, prefix=API)
    app.include_router(statistics.router)
    app.include_router(networks.router, prefix=API)
    pages.install(app)
    app.include_router(erasure_page.router)
    app.add_middleware(RequestGuard, max_body_bytes=settings.max_body_bytes)
    return app

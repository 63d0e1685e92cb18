"""Per-client-address limits on public intake, so that a flood cannot drown the hotline.

The ``limits`` library does the counting; with ``redis://`` storage every worker shares the
counts, with ``memory://`` each process counts alone (fine for one process).
"""

from __future__ import annotations

import math
import time

from fastapi import HTTPException, Request
from limits import parse_many
from limits.storage import storage_from_string
from limits.strategies import MovingWindowRateLimiter


class IntakeLimiter:
    def __init__(self, spec: str, storage_uri: str, trust_forwarded_for: bool = False) -> None:
        self.limits = parse_many(spec) if spec.strip() else []
        self.limiter = MovingWindowRateLimiter(storage_from_string(storage_uri))
        self.trust_forwarded_for = trust_forwarded_for

    def client(self, request: Request) -> str:
        if self.trust_forwarded_for:
            forwarded = request.headers.get("x-forwarded-for")
            if forwarded:
                return forwarded.split(",")[0].strip()
        return request.client.host if request.client else "unknown"

    def check(self, request: Request, scope: str = "intake") -> None:
        """Count one hit; raise 429 with Retry-After when any limit is exceeded."""
        who = self.client(request)
        for item in self.limits:
            if not self.limiter.hit(item, scope, who):
                reset, _ = self.limiter.get_window_stats(item, scope, who)
                retry = max(1, math.ceil(reset - time.time()))
                raise HTTPException(429, f"Too many reports from this address; try again in {retry} s.",
                                    headers={"Retry-After": str(retry)})

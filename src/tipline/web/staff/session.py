"""Who is calling: a staff session cookie (people) or a bearer API token (machines)."""

from __future__ import annotations

from starlette.requests import Request

from tipline.security.roles import Principal
from tipline.service import accounts
from tipline.service.context import Tipline

COOKIE = "tipline_staff"


def resolve_principal(app: Tipline, request: Request) -> Principal | None:
    auth = request.headers.get("authorization", "")
    if auth.lower().startswith("bearer "):
        return accounts.token_principal(app, auth[7:].strip())
    token = request.cookies.get(COOKIE)
    return accounts.session_principal(app, token) if token else None

"""Who may call a staff endpoint: ``Depends(requires("networks:read"))``.

``current_principal`` resolves the caller from the staff session cookie or a bearer API token
(see ``security.accounts``); tests replace it through ``app.dependency_overrides``. A request
without credentials gets 401, one whose principal lacks the scope gets 403, both as problems.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from fastapi import Depends, HTTPException, Request

from tipline.security.roles import Principal

T = TypeVar("T")


def current_principal(request: Request) -> Principal:
    # A plain function: FastAPI runs it in the thread pool, so its database read does not block.
    resolve = getattr(request.app.state, "resolve_principal", None)
    principal = resolve(request) if resolve else None
    if principal is None:
        raise HTTPException(401, "Sign in, or send a staff API token.", headers={"WWW-Authenticate": "Bearer"})
    return principal


def requires(scope: str) -> Callable[..., Principal]:
    """A dependency that yields the principal if it holds ``scope``, else answers 403."""

    def check(principal: Principal = Depends(current_principal)) -> Principal:  # noqa: B008
        if not principal.can(scope):
            raise HTTPException(403, f"This needs the {scope!r} permission.")
        return principal

    check.__name__ = f"requires_{scope.replace(':', '_')}"
    return check


def case_call(fn: Callable[..., T], *args) -> T:
    """Call a ``service.cases`` function; a missing case answers 404, a case not for this caller 403."""
    from tipline.service import cases

    try:
        return fn(*args)
    except cases.NotFound:
        raise HTTPException(404, "No such report.") from None
    except cases.Forbidden:
        raise HTTPException(403, "This case has not been referred to your agency.") from None

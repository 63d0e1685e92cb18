"""The staff side of the web app: sign-in with TOTP, the triage queue and the case pages."""

from fastapi import FastAPI

from tipline.web.staff import routes
from tipline.web.staff.session import resolve_principal


def install(app: FastAPI) -> None:
    app.state.resolve_principal = lambda request: resolve_principal(request.app.state.tipline, request)
    app.include_router(routes.router)

"""RFC 9457 problem details for every error the API returns, with field-level details."""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import RedirectResponse

log = logging.getLogger("tipline.web")
MEDIA_TYPE = "application/problem+json"


def problem(status: int, detail: str | None = None, headers: dict[str, str] | None = None,
            **extensions: Any) -> JSONResponse:
    body: dict[str, Any] = {"type": "about:blank", "title": HTTPStatus(status).phrase, "status": status}
    if detail:
        body["detail"] = detail
    body.update(extensions)
    return JSONResponse(body, status_code=status, media_type=MEDIA_TYPE, headers=headers)


class FieldProblem(HTTPException):
    """A 422 naming one field, for checks pydantic cannot do (a hash's quality, a file's type, a
    workflow step); rendered like pydantic's own errors by the handler in ``install``."""

    def __init__(self, field: str, message: str, detail: str | None = None) -> None:
        super().__init__(422, detail or message)
        self.errors = [{"field": field, "pointer": "#/" + field.replace("[", "/").replace("].", "/").rstrip("]"),
                        "message": message}]


# What a person sees when something fails outside the API: plain words in both languages and a
# way back, never a JSON body. Static text: it must render even when the pages themselves fail.
_PAGE_TEXT = {
    404: ("This page does not exist.", "Cette page n'existe pas."),
    413: ("What you sent is too long. Shorten the text (or send it in several follow-ups) and try again.",
          "Ce que vous avez envoyé est trop long. Raccourcissez le texte (ou envoyez-le en plusieurs "
          "fois) et réessayez."),
    429: ("Too many reports were sent from this connection. Wait a few minutes and try again.",
          "Trop de signalements ont été envoyés depuis cette connexion. Attendez quelques minutes et "
          "réessayez."),
}
_DEFAULT_TEXT = ("Something went wrong on our side. Please try again in a moment.",
                 "Un problème est survenu de notre côté. Réessayez dans un instant.")


def error_page_html(status: int) -> str:
    en, fr = _PAGE_TEXT.get(status, _DEFAULT_TEXT)
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>tipline: {status}</title></head><body>"
        f'<main><h1>{HTTPStatus(status).phrase}</h1><p>{en}</p><p lang="fr">{fr}</p>'
        '<p><a href="/">tipline</a></p></main></body></html>'
    )


def error_response(request: Request, status: int, detail: str | None = None,
                   headers: dict[str, str] | None = None, **extensions: Any) -> Response:
    """problem+json for the API, a short HTML page for people everywhere else."""
    if request.url.path.startswith("/api/"):
        return problem(status, detail, headers=headers, **extensions)
    if status == 401 and request.url.path.startswith("/staff"):
        # A staff page without a session: to the sign-in page, and back here afterwards.
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/staff/login?next={quote(target, safe='')}", status_code=303)
    return HTMLResponse(error_page_html(status), status_code=status, headers=headers)


def field_path(loc: tuple[Any, ...] | list[Any]) -> tuple[str, str]:
    """("body", "payments", 0, "currency") → ("payments[0].currency", "#/payments/0/currency")."""
    parts = [p for p in loc if p != "body"]
    # pydantic names the branch of a union it tried ("bool", "literal['unknown']"): not a field.
    parts = [p for p in parts if not (isinstance(p, str) and ("[" in p or p in {"bool", "str", "int"}))]
    field = ""
    for p in parts:
        field += f"[{p}]" if isinstance(p, int) else (f".{p}" if field else str(p))
    pointer = "#/" + "/".join(str(p) for p in parts)
    return field or "(report)", pointer


def validation_errors(errors: list[dict[str, Any]]) -> list[dict[str, str]]:
    seen: dict[tuple[str, str], dict[str, str]] = {}
    for e in errors:
        field, pointer = field_path(e.get("loc", ()))
        message = str(e.get("msg", "is not valid")).removeprefix("Value error, ")
        seen.setdefault((field, message), {"field": field, "pointer": pointer, "message": message})
    return list(seen.values())


def install(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = validation_errors(list(exc.errors()))
        return problem(422, "The request has invalid fields; each is named in 'errors'.", errors=errors)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        extensions = {"errors": exc.errors} if getattr(exc, "errors", None) else {}
        return error_response(request, exc.status_code, exc.detail if isinstance(exc.detail, str) else None,
                              headers=getattr(exc, "headers", None), **extensions)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> Response:
        # The type only: a message could carry a victim's words.
        log.error("unhandled %s on %s %s", type(exc).__name__, request.method, request.url.path)
        return error_response(request, 500, "Something went wrong on our side; nothing was stored.")

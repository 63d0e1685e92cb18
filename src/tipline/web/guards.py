"""Request guards in front of the app: body size (413) and JSON content type on the API (415).

Pure ASGI, so an oversized body is refused before anything parses it.
"""

from __future__ import annotations

import json
from http import HTTPStatus

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from tipline.web.problems import error_page_html

_JSON_TYPES = ("application/json", "application/problem+json")
_BODY_METHODS = {"POST", "PUT", "PATCH"}


async def _send_error(send: Send, status: int, detail: str, api: bool) -> None:
    if api:
        body = json.dumps({"type": "about:blank", "title": HTTPStatus(status).phrase, "status": status,
                           "detail": detail}).encode()
        content_type = b"application/problem+json"
    else:  # a person posting a form sees a page, not JSON
        body = error_page_html(status).encode()
        content_type = b"text/html; charset=utf-8"
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", content_type), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


class RequestGuard:
    def __init__(self, app: ASGIApp, max_body_bytes: int, api_prefix: str = "/api/",
                 evidence_api_bytes: int = 15_000_000, evidence_page_bytes: int = 105_000_000) -> None:
        self.app = app
        self.default_max_body = max_body_bytes
        # Evidence files: one 10 MB file in base64 a call on the API, ten of 10 MB a post on the page.
        self.evidence_api_bytes = evidence_api_bytes
        self.evidence_page_bytes = evidence_page_bytes
        self.api_prefix = api_prefix

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in _BODY_METHODS:
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        api = scope["path"].startswith(self.api_prefix)
        evidence = scope["path"].endswith("/evidence")  # the API's and the page's file uploads
        max_body = self.default_max_body
        if evidence:
            max_body = self.evidence_api_bytes if api else self.evidence_page_bytes
        if api:
            content_type = headers.get(b"content-type", b"").decode("latin-1").split(";")[0].strip().lower()
            if content_type not in _JSON_TYPES:
                await _send_error(send, 415, "Send the body as application/json.", api)
                return
        length = headers.get(b"content-length")
        if length is not None and length.isdigit() and int(length) > max_body:
            await _send_error(send, 413, f"The body is larger than {max_body} bytes.", api)
            return
        # Read the whole (bounded) body now, so a chunked upload cannot exceed the limit either.
        chunks: list[bytes] = []
        size = 0
        more = True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > max_body:
                await _send_error(send, 413, f"The body is larger than {max_body} bytes.", api)
                return
            chunks.append(chunk)
            more = message.get("more_body", False)
        body = b"".join(chunks)
        sent = False

        async def replay() -> Message:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

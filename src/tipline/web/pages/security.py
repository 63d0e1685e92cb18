"""Headers that keep people's pages private, and the forms' CSRF protection.

**CSRF: a signed double-submit token**, not an Origin/Referer check. The pages send
``Referrer-Policy: no-referrer`` (so that no help site learns where a victim came from), and under
that policy browsers send no Referer and ``Origin: null`` on a form POST, even to the same site: an
Origin check would refuse every honest report. These forms have no session either, so the token is
tied to a cookie: a random nonce plus its HMAC under a key derived from the store's key ring. The
page puts the same value in a hidden field and in an HttpOnly, SameSite=Strict cookie; a POST is
accepted only when both are present, equal and correctly signed. Another site can make a browser
post, but cannot read or set that cookie, so it cannot produce a matching pair; the signature
stops a value planted by someone who can set cookies without our key. A failed check never loses
what a person wrote: the form comes back, filled in, with a fresh token and a "send again" note.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from tipline.service.context import Tipline

CSRF_COOKIE = "tipline_csrf"
CSRF_FIELD = "_csrf"
LANG_COOKIE = "tipline_lang"

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
       "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'")
PAGE_HEADERS = {
    "content-security-policy": CSP,
    # Nothing a reporter typed or was shown may stay in a shared device's cache, nor leak to the
    # sites the plan links to.
    "cache-control": "no-store",
    "referrer-policy": "no-referrer",
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "permissions-policy": "camera=(), microphone=(), geolocation=()",
}


class PageHeaders:
    """Adds :data:`PAGE_HEADERS` to every response outside the JSON API (pages and their assets)."""

    def __init__(self, app: ASGIApp, api_prefix: str = "/api/") -> None:
        self.app = app
        self.api_prefix = api_prefix

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"].startswith(self.api_prefix):
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", [])
                           if k.decode("latin-1").lower() not in PAGE_HEADERS]
                headers += [(k.encode(), v.encode()) for k, v in PAGE_HEADERS.items()]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _key(tipline: Tipline) -> bytes:
    # A sub-key: the encryption key itself never signs anything shown to a browser.
    return hmac.new(tipline.keys.keys[tipline.keys.current], b"tipline/pages/csrf/v1", hashlib.sha256).digest()


def _sign(key: bytes, nonce: str) -> str:
    return hmac.new(key, nonce.encode(), hashlib.sha256).hexdigest()[:32]


def _well_signed(key: bytes, token: str | None) -> bool:
    if not token or token.count(".") != 1 or len(token) > 200:
        return False
    nonce, signature = token.split(".")
    return hmac.compare_digest(_sign(key, nonce), signature)


def csrf_token(request: Request) -> str:
    """The token for a form: the cookie's when it is still valid (two open tabs share it), else new."""
    key = _key(request.app.state.tipline)
    current = request.cookies.get(CSRF_COOKIE)
    if _well_signed(key, current):
        return current  # type: ignore[return-value]
    nonce = secrets.token_urlsafe(24)
    return f"{nonce}.{_sign(key, nonce)}"


def csrf_ok(request: Request, submitted: str | None) -> bool:
    origin = request.headers.get("origin")
    # "null" is what the no-referrer policy makes browsers send; a real foreign origin is refused.
    if origin and origin != "null" and origin.partition("://")[2] != request.headers.get("host"):
        return False
    cookie = request.cookies.get(CSRF_COOKIE)
    key = _key(request.app.state.tipline)
    return bool(cookie and submitted and _well_signed(key, cookie) and hmac.compare_digest(cookie, submitted))


def set_cookie(response: Response, request: Request, name: str, value: str) -> None:
    # Session cookies only (no Max-Age): on a shared device nothing outlives the browser session.
    response.set_cookie(name, value, httponly=True, samesite="strict", path="/",
                        secure=request.url.scheme == "https")

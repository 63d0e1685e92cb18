"""Staff pages: sign-in (password, then TOTP or a recovery code), the queue, the case view.

Forms carry the same signed double-submit CSRF token as the public forms; a post without it
changes nothing. Every page requires a full session (password and second factor); a missing one
redirects to the sign-in page (see ``problems.error_response``).
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response

from tipline.security.roles import Principal
from tipline.service import accounts, cases, evidence, linking, networks
from tipline.web.access import case_call, requires
from tipline.web.pages.render import page
from tipline.web.pages.routes import _language
from tipline.web.pages.security import CSRF_COOKIE, CSRF_FIELD, csrf_ok, csrf_token, set_cookie
from tipline.web.staff import graph
from tipline.web.staff.session import COOKIE

router = APIRouter(prefix="/staff", include_in_schema=False)


def _safe_next(target: str | None) -> str:
    # Only our own staff pages: an open redirect would turn the sign-in page into a phishing tool.
    if target and target.startswith("/staff") and not target.startswith("//") and "\\" not in target:
        return target
    return "/staff"


def _render(request: Request, template: str, status_code: int = 200, principal: Principal | None = None,
            **context: Any) -> Response:
    token = csrf_token(request)
    language, _ = _language(request)  # the public site's choice: cookie, then the browser's languages
    response = page(template, language, status_code=status_code, csrf=token, principal=principal,
                    quick_exit_url="", switch=False, **context)
    set_cookie(response, request, CSRF_COOKIE, token)
    return response


async def _form(request: Request) -> FormData:
    form = await request.form(max_files=0)
    if not csrf_ok(request, str(form.get(CSRF_FIELD) or "")):
        raise HTTPException(400, "The form had expired; go back, reload the page and try again.")
    return form


# --- sign-in -----------------------------------------------------------------------------------------


@router.get("/login", response_class=HTMLResponse)
async def login_page(request: Request, next: str | None = None) -> Response:
    return _render(request, "staff/login.html", next=_safe_next(next), error=None, email="")


@router.post("/login", response_class=HTMLResponse)
async def login(request: Request) -> Response:
    form = await _form(request)
    target = _safe_next(str(form.get("next") or ""))
    email, password = str(form.get("email") or ""), str(form.get("password") or "")
    try:
        request.app.state.limiter.check(request, scope="login")
    except HTTPException as e:
        if e.status_code != 429:
            raise
        return _render(request, "staff/login.html", status_code=429, next=target, email=email,
                       error="Too many attempts from this connection. Wait a few minutes.")
    try:
        token = await run_in_threadpool(accounts.sign_in, request.app.state.tipline, email, password)
    except accounts.LoginRefused as e:
        error = "Wrong e-mail address or password."
        if e.locked_until:
            error = ("Too many failed attempts: this account is locked until "
                     f"{e.locked_until:%Y-%m-%d %H:%M} UTC.")
        return _render(request, "staff/login.html", status_code=401, next=target, email=email, error=error)
    response = RedirectResponse(f"/staff/login/code?next={target}", status_code=303)
    set_cookie(response, request, COOKIE, token)
    return response


@router.get("/login/code", response_class=HTMLResponse)
async def code_page(request: Request, next: str | None = None) -> Response:
    token = request.cookies.get(COOKIE, "")
    if not await run_in_threadpool(accounts.half_open, request.app.state.tipline, token):
        return RedirectResponse("/staff/login", status_code=303)
    return _render(request, "staff/code.html", next=_safe_next(next), error=None)


@router.post("/login/code", response_class=HTMLResponse)
async def code(request: Request) -> Response:
    form = await _form(request)
    target = _safe_next(str(form.get("next") or ""))
    token = request.cookies.get(COOKIE, "")
    ok = await run_in_threadpool(accounts.second_factor, request.app.state.tipline, token,
                                 str(form.get("code") or ""))
    if not ok:
        if not await run_in_threadpool(accounts.half_open, request.app.state.tipline, token):
            return RedirectResponse("/staff/login", status_code=303)
        return _render(request, "staff/code.html", status_code=401, next=target,
                       error="That code is not right, or was already used. Try the current one.")
    return RedirectResponse(target, status_code=303)


@router.post("/logout")
async def logout(request: Request) -> Response:
    await _form(request)
    if token := request.cookies.get(COOKIE):
        await run_in_threadpool(accounts.sign_out, request.app.state.tipline, token)
    response = RedirectResponse("/staff/login", status_code=303)
    response.delete_cookie(COOKIE, path="/")
    return response


# --- the queue -----------------------------------------------------------------------------------------


def _filters(request: Request) -> cases.QueueFilters:
    q = request.query_params
    return cases.QueueFilters(**{k: (q.get(k) or None) for k in
                                 ("status", "country", "platform", "age_band", "language", "assignee",
                                  "network")})


@router.get("", response_class=HTMLResponse)
async def queue_page(request: Request, principal: Principal = Depends(requires("reports:read"))) -> Response:  # noqa: B008
    page_ = await run_in_threadpool(cases.queue, request.app.state.tipline, principal, _filters(request))
    return _render(request, "staff/queue.html", principal=principal, queue=page_, now=datetime.now(UTC),
                   statuses=cases.STATUSES, query=request.url.query)


@router.get("/queue/rows", response_class=HTMLResponse)
async def queue_rows(request: Request, principal: Principal = Depends(requires("reports:read"))) -> Response:  # noqa: B008
    """The queue's rows alone, polled by staff.js so that new reports appear without a reload."""
    page_ = await run_in_threadpool(cases.queue, request.app.state.tipline, principal, _filters(request))
    return page("staff/_queue_rows.html", _language(request)[0], queue=page_, now=datetime.now(UTC))


# --- a case ------------------------------------------------------------------------------------------------


@router.get("/reports/{ref}", response_class=HTMLResponse)
async def case_page(request: Request, ref: str, principal: Principal = Depends(requires("reports:read"))) -> Response:  # noqa: B008
    app = request.app.state.tipline
    case = await run_in_threadpool(case_call, cases.view, app, principal, ref)
    related = network = None
    if principal.can("networks:read"):  # the graph itself is fetched by the page (graph.json)
        related = await run_in_threadpool(linking.related, app, case.id)
        if related is not None and related.network_id:
            network = await run_in_threadpool(networks.show, app, related.network_id)
    staff = await run_in_threadpool(cases.staff, app)
    files = await run_in_threadpool(evidence.list_evidence, app, case.id)
    return _render(request, "staff/case.html", principal=principal, case=case, staff=staff, related=related,
                   network=network, evidence=files, error=request.query_params.get("error"))


_EXTENSIONS = {"image/png": "png", "image/jpeg": "jpg", "image/gif": "gif", "image/webp": "webp",
               "image/heic": "heic", "application/pdf": "pdf", "text/plain": "txt"}


@router.get("/reports/{ref}/evidence/{evidence_id}")
async def evidence_file(request: Request, ref: str, evidence_id: uuid.UUID,
                        principal: Principal = Depends(requires("reports:read"))) -> Response:  # noqa: B008
    """A file, as an attachment (never shown inline: a PDF or an SVG must not run in our origin)."""
    info, content = await run_in_threadpool(case_call, evidence.read_evidence, request.app.state.tipline,
                                            principal, ref, evidence_id)
    name = f"evidence-{info.id}.{_EXTENSIONS.get(info.media_type, 'bin')}"
    return Response(content, media_type=info.media_type, headers={
        "content-disposition": f'attachment; filename="{name}"', "content-security-policy": "sandbox",
        "x-content-type-options": "nosniff", "cache-control": "no-store"})


@router.get("/reports/{ref}/graph.json")
async def case_graph(request: Request, ref: str, principal: Principal = Depends(requires("networks:read"))) -> Response:  # noqa: B008
    app = request.app.state.tipline
    report_id = await run_in_threadpool(case_call, cases.locate, app, principal, ref)
    return JSONResponse(await run_in_threadpool(graph.neighbourhood, app, report_id))


@router.post("/reports/{ref}/{action}")
async def case_action(request: Request, ref: str, action: str,
                      principal: Principal = Depends(requires("reports:write"))) -> Response:  # noqa: B008
    form = await _form(request)
    app = request.app.state.tipline
    try:
        if action == "status":
            await run_in_threadpool(case_call, cases.set_status, app, principal, ref, str(form.get("status")))
        elif action == "assign":
            raw = str(form.get("assignee") or "")
            try:
                who = uuid.UUID(raw) if raw else None
            except ValueError:
                raise cases.CaseError("assignee: no such active staff member") from None
            await run_in_threadpool(case_call, cases.assign, app, principal, ref, who)
        elif action == "note":
            await run_in_threadpool(case_call, cases.add_note, app, principal, ref, str(form.get("note") or ""))
        elif action == "refer":
            await run_in_threadpool(case_call, cases.refer, app, principal, ref, str(form.get("agency") or ""))
        else:
            raise HTTPException(404)
    except cases.CaseError as e:
        from urllib.parse import quote

        return RedirectResponse(f"/staff/reports/{ref}?error={quote(str(e))}", status_code=303)
    return RedirectResponse(f"/staff/reports/{ref}", status_code=303)

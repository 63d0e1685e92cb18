"""The pages for people: home, the report form, its receipt, and the follow-up form.

Every page works without JavaScript (the script only adds step-by-step navigation, "add another"
rows and the Escape shortcut for the quick exit). A form that cannot be accepted — invalid, too
many posts, a stale token, a failure on our side — always comes back filled in: a frightened person
must never have to write their story twice.
"""

from __future__ import annotations

import logging
import re
import uuid
from pathlib import Path
from typing import Any

from fastapi import APIRouter, FastAPI, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.staticfiles import StaticFiles
from starlette.datastructures import UploadFile
from starlette.responses import HTMLResponse, Response

from tipline.domain.enums import Source
from tipline.i18n import SUPPORTED, negotiate
from tipline.service import evidence
from tipline.service.intake import AlreadyReceived, add_follow_up, submit_report
from tipline.web.pages import choices, forms
from tipline.web.pages.choices import N_
from tipline.web.pages.render import gettext, page
from tipline.web.pages.security import (
    CSRF_COOKIE,
    CSRF_FIELD,
    LANG_COOKIE,
    PageHeaders,
    csrf_ok,
    csrf_token,
    set_cookie,
)

log = logging.getLogger("tipline.web.pages")
STATIC = Path(__file__).resolve().parents[1] / "static"
router = APIRouter(include_in_schema=False)

SUBMISSION_FIELD = "_submission"
_SUBMISSION_RE = re.compile(r"[0-9a-f]{32}")
NOTICE_CSRF = N_("Your report has not been sent yet: the page had expired. Please check it and press "
                 "the button again.")
NOTICE_RATE = N_("Too many forms were sent from this connection in a short time. Nothing is lost: "
                 "please wait a few minutes, then press the button again.")
NOTICE_FAILED = N_("Something went wrong on our side. Nothing you wrote is lost: please press the "
                   "button again in a few minutes.")
NOTICE_NO_MATCH = N_("We could not find a report with this reference code and follow-up token. "
                     "Please check both and try again.")


# --- language ---------------------------------------------------------------------------------------


def _language(request: Request, posted: str | None = None) -> tuple[str, bool]:
    """(language, whether to remember it): the switch, a posted form, the cookie, then the browser."""
    chosen = request.query_params.get("lang") or posted
    if chosen in SUPPORTED:
        return chosen, True  # type: ignore[return-value]
    cookie = request.cookies.get(LANG_COOKIE)
    if cookie in SUPPORTED:
        return cookie, False  # type: ignore[return-value]
    default = request.app.state.tipline.settings.default_language
    return negotiate(request.headers.get("accept-language"), default if default in SUPPORTED else "en"), False


def _respond(request: Request, template: str, language: str, remember: bool, status_code: int = 200,
             headers: dict[str, str] | None = None, csrf: str | None = None, switch: bool = False,
             **context: Any) -> Response:
    """A page; ``switch`` shows the language links (only where following one loses nothing)."""
    settings = request.app.state.tipline.settings
    response = page(template, language, status_code=status_code, headers=headers,
                    quick_exit_url=settings.quick_exit_url, csrf=csrf or "", switch=switch, **context)
    if remember:
        set_cookie(response, request, LANG_COOKIE, language)
    if csrf:
        set_cookie(response, request, CSRF_COOKIE, csrf)
    return response


# --- home --------------------------------------------------------------------------------------------


@router.get("/", response_class=HTMLResponse)
async def home(request: Request) -> Response:
    language, remember = _language(request)
    return _respond(request, "home.html", language, remember, switch=True)


# --- the report form -----------------------------------------------------------------------------------


def _form_context(language: str, values: forms.Values, errors: forms.Errors) -> dict[str, Any]:
    _ = gettext(language)
    return {
        "values": values,
        "errors": errors.by_field,
        "summary": errors.summary(),
        "first_error": errors.first,
        "identifier_rows": forms.row_count(values, "scammer_identifiers", forms.IDENTIFIER_ROWS),
        "payment_rows": forms.row_count(values, "payments", forms.PAYMENT_ROWS),
        "roles": choices.translated(choices.ROLES, _),
        "age_bands": choices.translated(choices.AGE_BANDS, _),
        "genders": choices.translated(choices.GENDERS, _),
        "platforms": choices.translated(choices.PLATFORMS, _),
        "methods": choices.translated(choices.PAYMENT_METHODS, _),
        "kinds": choices.translated(choices.IDENTIFIER_KINDS, _),
        "yes_no_unknown": choices.translated(choices.YES_NO_UNKNOWN, _),
        "self_harm": choices.translated(choices.SELF_HARM, _),
        "countries": choices.countries(language, _),
        "currencies": choices.currencies(language, _),
        "contact_languages": choices.contact_languages(),
        "tristates": forms.TRISTATES,
    }


def _report_form(request: Request, language: str, remember: bool, values: forms.Values,
                 errors: forms.Errors | None = None, status_code: int = 200, notice: str | None = None,
                 headers: dict[str, str] | None = None, switch: bool = False,
                 submission: str | None = None) -> Response:
    errors = errors or forms.Errors(forms.REPORT_FIELDS)
    # One key per filled-in form, kept when the form comes back with errors: posting it twice (a
    # refresh of the receipt, a double tap) finds the first report instead of making a second.
    submission = submission if submission and _SUBMISSION_RE.fullmatch(submission) else uuid.uuid4().hex
    return _respond(request, "report.html", language, remember, status_code=status_code, headers=headers,
                    csrf=csrf_token(request), notice=notice, switch=switch, submission=submission,
                    **_form_context(language, values, errors))


@router.get("/report", response_class=HTMLResponse)
async def report_form(request: Request) -> Response:
    language, remember = _language(request)
    return _report_form(request, language, remember, {"language": language}, switch=True)


def _limited(request: Request, scope: str) -> dict[str, str] | None:
    """None when the post may go on; else the headers of a 429 (the form is shown again)."""
    try:
        request.app.state.limiter.check(request, scope=scope)
    except HTTPException as e:
        if e.status_code != 429:
            raise
        return dict(e.headers or {})
    return None


@router.post("/report", response_class=HTMLResponse)
async def report_submit(request: Request) -> Response:
    form = await request.form(max_files=0)
    language, remember = _language(request, str(form.get("_lang") or ""))
    values = forms.values_of(form, forms.REPORT_FIELDS)
    submission = str(form.get(SUBMISSION_FIELD) or "")
    if (retry := _limited(request, "intake")) is not None:
        return _report_form(request, language, remember, values, status_code=429, notice=NOTICE_RATE,
                            headers=retry, submission=submission)
    if not csrf_ok(request, str(form.get(CSRF_FIELD) or "")):
        return _report_form(request, language, remember, values, status_code=400, notice=NOTICE_CSRF,
                            submission=submission)
    report, errors = forms.parse_report(values)
    if report is None:
        return _report_form(request, language, remember, values, errors, status_code=422, submission=submission)
    tipline = request.app.state.tipline
    key = f"web:{submission}" if _SUBMISSION_RE.fullmatch(submission) else None
    try:
        receipt = await run_in_threadpool(submit_report, tipline, report, Source.web, language, None, key)
    except AlreadyReceived as e:
        return _respond(request, "already_received.html", language, remember, reference=e.reference)
    except Exception as e:
        # The type only: a message could carry the reporter's words.
        log.error("report from the web form failed: %s", type(e).__name__)
        return _report_form(request, language, remember, values, status_code=500, notice=NOTICE_FAILED)
    _ = gettext(language)
    found = [(_(choices.FOUND_KINDS.get(f.identifier.kind, f.identifier.kind)), f.identifier.display)
             for f in receipt.identifiers]
    # Rendered right here, never behind a redirect: the token must not travel in a URL.
    return _respond(request, "receipt.html", language, remember, receipt=receipt, plan=receipt.guidance,
                    found=found)


# --- follow-up ---------------------------------------------------------------------------------------------


def _follow_up_form(request: Request, language: str, remember: bool, values: forms.Values,
                    errors: forms.Errors | None = None, status_code: int = 200, notice: str | None = None,
                    headers: dict[str, str] | None = None, switch: bool = False) -> Response:
    errors = errors or forms.Errors(forms.FOLLOW_UP_FIELDS)
    context = _form_context(language, values, errors)
    context["identifier_rows"] = forms.row_count(values, "scammer_identifiers", forms.IDENTIFIER_ROWS)
    context["payment_rows"] = forms.row_count(values, "payments", 1)
    return _respond(request, "follow_up.html", language, remember, status_code=status_code, headers=headers,
                    csrf=csrf_token(request), notice=notice, switch=switch, **context)


@router.get("/follow-up", response_class=HTMLResponse)
async def follow_up_form(request: Request) -> Response:
    language, remember = _language(request)
    return _follow_up_form(request, language, remember, {}, switch=True)


@router.post("/follow-up", response_class=HTMLResponse)
async def follow_up_submit(request: Request) -> Response:
    form = await request.form(max_files=0)
    language, remember = _language(request, str(form.get("_lang") or ""))
    values = forms.values_of(form, forms.FOLLOW_UP_FIELDS)
    if (retry := _limited(request, "follow-up")) is not None:
        return _follow_up_form(request, language, remember, values, status_code=429, notice=NOTICE_RATE,
                               headers=retry)
    if not csrf_ok(request, str(form.get(CSRF_FIELD) or "")):
        return _follow_up_form(request, language, remember, values, status_code=400, notice=NOTICE_CSRF)
    reference, follow_up, errors = forms.parse_follow_up(values)
    if follow_up is None:
        return _follow_up_form(request, language, remember, values, errors, status_code=422)
    try:
        receipt = await run_in_threadpool(add_follow_up, request.app.state.tipline, reference, follow_up)
    except Exception as e:
        log.error("follow-up from the web form failed: %s", type(e).__name__)
        return _follow_up_form(request, language, remember, values, status_code=500, notice=NOTICE_FAILED)
    if receipt is None:
        # One message for a wrong code and a wrong token, so the page does not tell which exists.
        return _follow_up_form(request, language, remember, values, status_code=404, notice=NOTICE_NO_MATCH)
    _ = gettext(language)
    found = [(_(choices.FOUND_KINDS.get(f.identifier.kind, f.identifier.kind)), f.identifier.display)
             for f in receipt.identifiers]
    return _respond(request, "follow_up_done.html", language, remember, receipt=receipt, found=found)


NOTICE_EVIDENCE_NONE = N_("Choose at least one file to send.")
NOTICE_EVIDENCE_BAD = N_("A file could not be taken: only pictures (PNG, JPEG, GIF, WebP, HEIC), PDF and text "
                         "files of 10 MB at most, 10 at a time. Nothing was sent.")
EVIDENCE_FILES_PER_POST = 10


def _evidence_form(request: Request, language: str, remember: bool, status_code: int = 200,
                   notice: str | None = None, headers: dict[str, str] | None = None, switch: bool = False) -> Response:
    return _respond(request, "evidence.html", language, remember, status_code=status_code, headers=headers,
                    csrf=csrf_token(request), notice=notice, switch=switch)


@router.get("/evidence", response_class=HTMLResponse)
async def evidence_form(request: Request) -> Response:
    language, remember = _language(request)
    return _evidence_form(request, language, remember, switch=True)


@router.post("/evidence", response_class=HTMLResponse)
async def evidence_submit(request: Request) -> Response:
    """Screenshots and receipts from the follow-up page (code + token), encrypted at rest."""
    form = await request.form(max_files=EVIDENCE_FILES_PER_POST + 1)
    language, remember = _language(request, str(form.get("_lang") or ""))
    if (retry := _limited(request, "follow-up")) is not None:
        return _evidence_form(request, language, remember, status_code=429, notice=NOTICE_RATE, headers=retry)
    if not csrf_ok(request, str(form.get(CSRF_FIELD) or "")):
        return _evidence_form(request, language, remember, status_code=400, notice=NOTICE_CSRF)
    uploads = [f for f in form.getlist("files") if isinstance(f, UploadFile) and f.filename]
    if not uploads:
        return _evidence_form(request, language, remember, status_code=422, notice=NOTICE_EVIDENCE_NONE)
    if len(uploads) > EVIDENCE_FILES_PER_POST:
        return _evidence_form(request, language, remember, status_code=422, notice=NOTICE_EVIDENCE_BAD)
    files = [await f.read() for f in uploads]
    try:
        stored = await run_in_threadpool(evidence.add_evidence, request.app.state.tipline,
                                         str(form.get("reference") or ""), str(form.get("token") or ""), files)
    except evidence.EvidenceError:
        return _evidence_form(request, language, remember, status_code=422, notice=NOTICE_EVIDENCE_BAD)
    if stored is None:
        return _evidence_form(request, language, remember, status_code=404, notice=NOTICE_NO_MATCH)
    from tipline.security.codes import normalise_reference

    return _respond(request, "evidence_done.html", language, remember, count=len(stored),
                    reference=normalise_reference(str(form.get("reference") or "")))


def install(app: FastAPI) -> None:
    """Add the pages, their static assets and their privacy headers to the app."""
    app.include_router(router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.add_middleware(PageHeaders)

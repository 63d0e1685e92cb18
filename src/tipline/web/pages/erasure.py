"""The page where a reporter erases their report with its reference code and follow-up token.

It sits next to the follow-up page (linked from it), works without JavaScript, asks the reporter
to confirm, and says before and after what is erased and what is kept.
"""

from __future__ import annotations

import logging

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from starlette.responses import HTMLResponse, Response

from tipline.service.retention import request_erasure
from tipline.web.pages import forms
from tipline.web.pages.choices import N_
from tipline.web.pages.routes import (
    NOTICE_CSRF,
    NOTICE_FAILED,
    NOTICE_NO_MATCH,
    NOTICE_RATE,
    _language,
    _limited,
    _respond,
)
from tipline.web.pages.security import CSRF_FIELD, csrf_ok, csrf_token

log = logging.getLogger("tipline.web.pages")
router = APIRouter(include_in_schema=False)
FIELDS = ("reference", "token", "confirm")


def _form(request: Request, language: str, remember: bool, values: forms.Values, errors: forms.Errors | None = None,
          status_code: int = 200, notice: str | None = None, headers: dict[str, str] | None = None,
          switch: bool = False) -> Response:
    errors = errors or forms.Errors(FIELDS)
    return _respond(request, "erase.html", language, remember, status_code=status_code, headers=headers,
                    csrf=csrf_token(request), notice=notice, switch=switch, values=values,
                    errors=errors.by_field, summary=errors.summary(), first_error=errors.first)


def parse(values: forms.Values) -> forms.Errors:
    errors = forms.Errors(FIELDS)
    if not values.get("reference"):
        errors.add("reference", N_("Enter your reference code (it starts with TL-)."))
    if not values.get("token"):
        errors.add("token", N_("Enter your follow-up token."))
    elif len(values["token"]) > 200:
        errors.add("token", N_("This is longer than a follow-up token. Check it and try again."))
    if values.get("confirm") != "yes":
        errors.add("confirm", N_("Tick this box to confirm that you want to erase your report."))
    return errors


@router.get("/erase", response_class=HTMLResponse)
async def erase_form(request: Request) -> Response:
    language, remember = _language(request)
    return _form(request, language, remember, {}, switch=True)


@router.post("/erase", response_class=HTMLResponse)
async def erase_submit(request: Request) -> Response:
    form = await request.form(max_files=0)
    language, remember = _language(request, str(form.get("_lang") or ""))
    values = forms.values_of(form, FIELDS)
    if (retry := _limited(request, "follow-up")) is not None:
        return _form(request, language, remember, values, status_code=429, notice=NOTICE_RATE, headers=retry)
    if not csrf_ok(request, str(form.get(CSRF_FIELD) or "")):
        return _form(request, language, remember, values, status_code=400, notice=NOTICE_CSRF)
    errors = parse(values)
    if errors:
        return _form(request, language, remember, values, errors, status_code=422)
    try:
        done = await run_in_threadpool(request_erasure, request.app.state.tipline, values["reference"],
                                       values["token"])
    except Exception as e:
        log.error("erasure from the web form failed: %s", type(e).__name__)
        return _form(request, language, remember, values, status_code=500, notice=NOTICE_FAILED)
    if done is None:
        return _form(request, language, remember, values, status_code=404, notice=NOTICE_NO_MATCH)
    reference, at = done
    return _respond(request, "erase_done.html", language, remember, reference=reference,
                    erased_on=at.date().isoformat())

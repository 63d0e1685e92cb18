"""Helpers for the staff tests: make accounts, sign in through the pages, file reports."""

from __future__ import annotations

import re
import time

import pyotp

from tipline.domain.enums import Source
from tipline.domain.report import ReportIn
from tipline.service import accounts
from tipline.service.intake import submit_report

PASSWORD = "correct horse battery staple"
_CSRF = re.compile(r'name="_csrf" value="([^"]+)"')


def make_user(tipline, email="ana@hotline.example", role="analyst", agency=None, name=""):
    return accounts.add_user(tipline, email, role, PASSWORD, name=name or email.split("@")[0], agency=agency)


def code_for(secret: str, offset: int = 0) -> str:
    return pyotp.TOTP(secret).at(time.time() + offset)


def csrf_of(html: str) -> str:
    m = _CSRF.search(html)
    assert m, "the page has no CSRF field"
    return m.group(1)


def sign_in(client, user, password: str = PASSWORD) -> None:
    """The whole sign-in through the pages: password, then the TOTP code."""
    page = client.get("/staff/login")
    r = client.post("/staff/login", data={"_csrf": csrf_of(page.text), "email": user.email, "password": password,
                                          "next": "/staff"}, follow_redirects=False)
    assert r.status_code == 303, r.text
    page = client.get(r.headers["location"])
    r = client.post("/staff/login/code", data={"_csrf": csrf_of(page.text), "code": code_for(user.totp_secret),
                                               "next": "/staff"}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/staff", r.text


def file_report(tipline, narrative="He asked for 500 euros or he sends the video to my friends.", **extra):
    body = {"narrative": narrative, **extra}
    return submit_report(tipline, ReportIn.model_validate(body), Source.api)

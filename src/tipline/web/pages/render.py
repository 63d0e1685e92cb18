"""Jinja2 environments with gettext, one per language, and the HTML response every page returns.

One environment per language (rather than one whose gettext is swapped per request) because
installed translations are environment globals: swapping them would race between requests.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from starlette.responses import HTMLResponse

from tipline.i18n import translations

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"
_NOT_ID = re.compile(r"[^A-Za-z0-9_]+")
_ROW = re.compile(r"^(\w+)\[(\d+)\]\.")


def field_id(name: str) -> str:
    """'payments[0].amount' -> 'f-payments-0-amount' (a valid, readable HTML id)."""
    return "f-" + _NOT_ID.sub("-", name).strip("-")


def tel(number: str) -> str:
    """'1-866-658-9022' -> 'tel:18666589022' (a tap calls it)."""
    return re.sub(r"[^\d+]", "", number)


def site(url: str) -> str:
    """'https://www.cybertip.ca/fr/' -> 'www.cybertip.ca/fr' (shorter to read, the link keeps it all)."""
    return url.removeprefix("https://").removeprefix("http://").rstrip("/")


def row(name: str) -> tuple[str, int] | None:
    """'payments[1].amount' -> ('payments', 2): which numbered row a field is in, as people count."""
    m = _ROW.match(name)
    return (m.group(1), int(m.group(2)) + 1) if m and m.group(1) != "demands" else None


@lru_cache(maxsize=4)
def environment(language: str) -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html"]),
        extensions=["jinja2.ext.i18n"],
        undefined=StrictUndefined,  # a misspelt variable fails a test instead of vanishing
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.install_gettext_translations(translations(language, "messages"), newstyle=True)  # type: ignore[attr-defined]
    env.filters["fid"] = field_id
    env.filters["tel"] = tel
    env.filters["site"] = site
    env.filters["row"] = row
    return env


def gettext(language: str) -> Any:
    return translations(language, "messages").gettext


def page(template: str, language: str, status_code: int = 200, headers: dict[str, str] | None = None,
         **context: Any) -> HTMLResponse:
    html = environment(language).get_template(template).render(lang=language, **context)
    return HTMLResponse(html, status_code=status_code, headers=headers)

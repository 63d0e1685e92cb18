"""Texts for people, through gettext catalogs.

Catalogs are kept as ``.po`` sources only (``src/tipline/locale/<lang>/LC_MESSAGES/<domain>.po``)
and compiled in memory with Babel when first used, so the repository holds no generated binaries
and a translator's edit takes effect on the next start. English is the source language: its
messages are the msgids themselves. Each domain has one owner: ``messages`` for the web pages,
``guidance`` for the victim's action plan.
"""

from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path

from babel.core import Locale, UnknownLocaleError
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

LOCALE_DIR = Path(__file__).parent / "locale"
SUPPORTED = ("en", "fr")
DEFAULT = "en"


@lru_cache(maxsize=32)
def translations(language: str, domain: str = "messages") -> NullTranslations:
    """The compiled catalog for a language and domain (English or a missing catalog: identity)."""
    path = LOCALE_DIR / language / "LC_MESSAGES" / f"{domain}.po"
    if language == DEFAULT or not path.exists():
        return NullTranslations()
    with path.open("rb") as fh:
        catalog = read_po(fh, locale=language, domain=domain)
    buf = io.BytesIO()
    write_mo(buf, catalog, use_fuzzy=False)
    buf.seek(0)
    return Translations(fp=buf, domain=domain)


def gettext(message: str, language: str, domain: str = "messages") -> str:
    return translations(language, domain).gettext(message)


def negotiate(accept_language: str | None, default: str = DEFAULT) -> str:
    """Pick a supported language from an Accept-Language header (quality values respected)."""
    if not accept_language:
        return default
    choices: list[tuple[float, int, str]] = []
    for position, part in enumerate(accept_language.split(",")):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        try:
            language = Locale.parse(tag.strip().replace("-", "_")).language
        except (ValueError, UnknownLocaleError):
            continue
        choices.append((-quality, position, language))
    for negative_quality, _, language in sorted(choices):
        if negative_quality < 0 and language in SUPPORTED:
            return language
    return default

"""Reading reports: scammers' identifiers, money and signals, as pure functions.

    from tipline.extract import extract_text, extract_report, Extraction
    x = extract_text("il demande 800 $ sur le +225 07 58 12 34 56", country="CA")
    x.identifiers, x.spans, x.money, x.places, x.signals, x.language, x.to_json()

Each identifier kind is a plug-in in ``extract/kinds/`` with ``normalise`` (a value typed in a
form) and ``find`` (mentions in free text); ``text.py`` runs them and settles overlaps;
``money``, ``places``, ``signals`` and ``language`` read the rest.
"""

from __future__ import annotations

from typing import Any

from tipline.extract.model import SIGNALS, Context, Extraction, Mention, Money, NearMiss
from tipline.extract.report import extract_follow_up, extract_report, first_look
from tipline.extract.text import extract_text

# Bumped when extraction changes what it finds; stored reports with another version are what
# `tipline reextract` brings up to date.
VERSION = "2026.11.25"

__all__ = [
    "SIGNALS", "VERSION", "Context", "Extraction", "Mention", "Money", "NearMiss", "cli_main", "extract_follow_up",
    "extract_report", "extract_text", "first_look",
]


def cli_main(text: str, country: str | None = None, language: str | None = None) -> dict[str, Any]:
    """What ``tipline extract [--country CC] [--language fr|en]`` prints for its standard input."""
    return extract_text(text, country=country, language=language).to_json()

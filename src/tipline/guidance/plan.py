"""``build_plan``: a report -> the victim's ordered action plan, in French or English."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal

from tipline.domain.report import ReportIn
from tipline.guidance import situation
from tipline.guidance.models import Plan
from tipline.guidance.rules import STEP_RULES, Context
from tipline.guidance.texts import Translator


def build_plan(report: ReportIn, language: str = "en", include_unverified: bool = False,
               signals: Mapping[str, bool] | None = None, money: Iterable[tuple[Decimal, str, str]] = ()) -> Plan:
    """The action plan for this report.

    ``language`` is an ISO 639-1 code ('fr', 'en'; regional tags such as 'fr-CA' are accepted); a
    language without a catalog gets English. Routes marked "partial" in ``routes.toml`` (not yet
    confirmed on an official page) are left out unless ``include_unverified`` is true.
    Steps that do not apply to the situation are not emitted. ``signals`` and ``money`` are what
    extraction read in the texts: a narrative saying "I want to die" puts the crisis line first
    even when the wellbeing question was skipped.
    """
    s = situation.read(report, signals, money)
    context = Context(tr=Translator(language), include_unverified=include_unverified)
    steps = [step for rule in STEP_RULES if (step := rule(s, context)) is not None]
    country = s.country if s.country in context.used_countries else None
    return Plan(language=context.tr.language, country=country, steps=steps)

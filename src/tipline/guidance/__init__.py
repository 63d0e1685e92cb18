"""A report -> the victim's action plan: ordered steps, texts in French and English, help routes.

Pure: no I/O besides reading the packaged ``routes.toml``. Every phone number and address given to a
victim lives in that file, with its official source and a confidence ("verified" or "partial").

    from tipline.guidance import build_plan
    plan = build_plan(report, language="fr")
    plan.model_dump(mode="json")
"""

from tipline.guidance.models import Plan, Route, Step
from tipline.guidance.plan import build_plan
from tipline.guidance.routes import known_countries

__all__ = ["Plan", "Route", "Step", "build_plan", "known_countries"]

"""The shape of an action plan, as the JSON API returns it and the receipt page renders it."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

Confidence = Literal["verified", "partial"]


class Route(BaseModel):
    """A place to get help or to report: a crisis line, a hotline, the police, a platform's page.

    Every value comes from ``routes.toml``, where each entry keeps its official source beside it.
    """

    id: str
    name: str
    description: str = Field(description="What it is for, in the plan's language.")
    phone: str | None = None
    sms: str | None = None
    url: str | None = Field(default=None, description="Always with https://.")
    country: str = Field(description="ISO 3166-1 alpha-2, or 'any' for international routes.")
    source: str
    confidence: Confidence


class Step(BaseModel):
    """One thing to do, in order: a title, one or two plain sentences, concrete actions, routes."""

    id: str = Field(description="Stable machine id, e.g. 'crisis', 'do_not_pay'.")
    title: str
    body: str
    items: list[str] = Field(default_factory=list)
    routes: list[Route] = Field(default_factory=list)
    urgent: bool = False


class Plan(BaseModel):
    language: str
    country: str | None = Field(description="The country whose routes were used, if any.")
    steps: list[Step]

    def step(self, step_id: str) -> Step | None:
        """The step with this id, if the plan has it."""
        return next((s for s in self.steps if s.id == step_id), None)

    @property
    def step_ids(self) -> list[str]:
        return [s.id for s in self.steps]

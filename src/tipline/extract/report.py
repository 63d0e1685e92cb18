"""A whole report → one Extraction: form fields, narrative, chat log and follow-ups together."""

from __future__ import annotations

from collections.abc import Iterable

from tipline.domain.enums import LinkSource
from tipline.domain.report import FollowUpIn, Payment, ReportIn, ScammerIdentifier
from tipline.extract.form import form_identifiers
from tipline.extract.model import SIGNALS, Extraction, Mention, Money, NearMiss
from tipline.extract.text import extract_text


def extract_report(report: ReportIn, follow_ups: Iterable[FollowUpIn] = ()) -> Extraction:
    """Identifiers from the form (source ``form``), the narrative (``narrative``), the chat log
    (``chat``) and follow-ups (``follow_up``), deduplicated by (kind, value, source); money from
    the texts plus the form's demands and payments; signals from the texts OR-ed with what the
    form says (victim's age, self-harm answer, payments, what happened)."""
    follow_ups = list(follow_ups)
    region = report.victim.country
    hint = report.language
    mentions: list[Mention] = []
    money: list[Money] = []
    places: dict[str, None] = {}
    near: list[NearMiss] = []
    signals = dict.fromkeys(SIGNALS, False)
    language: str | None = None

    def add_form(identifiers: list[ScammerIdentifier], payments: list[Payment], source: str) -> None:
        for found in form_identifiers(identifiers, payments, region, source=source):
            mentions.append(Mention(found, None, rank=100))

    add_form(report.scammer_identifiers, report.payments, LinkSource.form)
    texts: list[tuple[str, str | None]] = [(LinkSource.narrative, report.narrative), (LinkSource.chat, report.chat_log)]
    for follow_up in follow_ups:
        add_form(follow_up.scammer_identifiers, follow_up.payments, LinkSource.follow_up)
        texts.append((LinkSource.follow_up, follow_up.text))
    for source, text in texts:
        if not text:
            continue
        x = extract_text(text, region, hint, source=str(source))
        if language is None and source == LinkSource.narrative:
            language = x.language
        mentions.extend(x.mentions)
        money.extend(x.money)
        near.extend(x.near_misses)
        places.update(dict.fromkeys(x.places))
        for key, value in x.signals.items():
            signals[key] = signals[key] or value
    for demand in report.demands + [d for f in follow_ups for d in f.demands]:
        money.append(Money(demand.amount, demand.currency, "demanded", None, LinkSource.form))
    for payment in report.payments + [p for f in follow_ups for p in f.payments]:
        money.append(Money(payment.amount, payment.currency, "paid", None, LinkSource.form))
        if payment.destination_country:
            places.setdefault(payment.destination_country, None)
    _or_structured(signals, report, follow_ups)
    unique: dict[tuple[str, str, str], Mention] = {}
    for m in mentions:
        unique.setdefault((m.kind, m.value, m.found.source), m)
    return Extraction(language=hint or language, mentions=list(unique.values()), money=money,
                      places=list(places), signals=signals, near_misses=near)


def _or_structured(signals: dict[str, bool], report: ReportIn, follow_ups: list[FollowUpIn]) -> None:
    incident = report.incident
    wellbeing = [report.wellbeing] + [f.wellbeing for f in follow_ups if f.wellbeing]
    signals["minor"] |= report.involves_minor
    signals["self_harm"] |= any(w.thoughts_of_self_harm is True for w in wellbeing)
    signals["deadline"] |= incident.deadline is not None
    signals["paid"] |= bool(report.payments) or any(f.payments for f in follow_ups)
    signals["images_shared"] |= incident.images_already_shared is True
    signals["friends_contacted"] |= incident.friends_or_family_contacted is True
    signals["more_images_demanded"] |= incident.more_images_demanded is True
    signals["webcam_scheme"] |= incident.recorded_on_webcam is True
    signals["sextortion"] |= (
        signals["webcam_scheme"] or signals["more_images_demanded"]
        or (incident.images_sent is True and bool(report.demands or report.payments))
        or (signals["images_shared"] and bool(report.demands or report.payments))
    )

"""A whole report → one Extraction: form fields, narrative, chat log and follow-ups together."""

from __future__ import annotations

from collections.abc import Iterable

from tipline.domain.enums import LinkSource
from tipline.domain.report import FollowUpContent, ReportIn
from tipline.extract import language as language_mod
from tipline.extract import signals as signals_mod
from tipline.extract.form import form_identifiers
from tipline.extract.model import SIGNALS, Extraction, Mention, Money
from tipline.extract.text import MAX_TEXT, extract_text
from tipline.extract.unicode import normalise


def _form_mentions(identifiers: list, payments: list, region: str | None, source: str,
                   pictures: list[str] = ()) -> list[Mention]:
    """The identifiers typed in a form's fields (and profile pictures' hashes); they rank above any
    mention found in a text."""
    return [Mention(found, None, rank=100)
            for found in form_identifiers(identifiers, payments, region, source=source, pictures=pictures)]


def _extract(forms: list[tuple[list, list, str, list[str]]], texts: list[tuple[str, str | None]], region: str | None,
             hint: str | None) -> Extraction:
    """Form identifiers (rank above any text mention) and texts → one Extraction, deduplicated by
    (kind, value, source); signals and money from the texts only (callers add the structured ones)."""
    mentions: list[Mention] = []
    money: list[Money] = []
    places: dict[str, None] = {}
    near = []
    signals = dict.fromkeys(SIGNALS, False)
    language: str | None = None
    for identifiers, payments, source, pictures in forms:
        mentions += _form_mentions(identifiers, payments, region, source, pictures)
    for source, text in texts:
        if not text:
            continue
        x = extract_text(text, region, hint, source=str(source))
        if language is None:
            language = x.language
        mentions.extend(x.mentions)
        money.extend(x.money)
        near.extend(x.near_misses)
        places.update(dict.fromkeys(x.places))
        for key, value in x.signals.items():
            signals[key] = signals[key] or value
    unique: dict[tuple[str, str, str], Mention] = {}
    for m in mentions:
        unique.setdefault((m.kind, m.value, m.found.source), m)
    return Extraction(language=hint or language, mentions=list(unique.values()), money=money,
                      places=list(places), signals=signals, near_misses=near)


def _add_structured_money(x: Extraction, demands: list, payments: list) -> None:
    for demand in demands:
        x.money.append(Money(demand.amount, demand.currency, "demanded", None, LinkSource.form))
    for payment in payments:
        x.money.append(Money(payment.amount, payment.currency, "paid", None, LinkSource.form))
        if payment.destination_country and payment.destination_country not in x.places:
            x.places.append(payment.destination_country)


def first_look(report: ReportIn) -> Extraction:
    """What intake needs before it answers the API: the form's identifiers, money and answers,
    and in the texts only what puts a help route first (thoughts of self-harm: the crisis line;
    a minor: child protection) and the language. A fifth of ``extract_report``'s cost; the
    reading after the commit (``service.reading``) finds everything else."""
    mentions = _form_mentions(report.scammer_identifiers, report.payments, report.victim.country, LinkSource.form,
                              report.incident.profile_pictures)
    x = Extraction(language=report.language, mentions=mentions, money=[], places=[],
                   signals=dict.fromkeys(SIGNALS, False))
    for text in (report.narrative, report.chat_log):
        if not text:
            continue
        folded = normalise(text[:MAX_TEXT]).folded
        for key, value in signals_mod.safety(folded).items():
            x.signals[key] = x.signals[key] or value
        if x.language is None:
            x.language = language_mod.detect(folded)
    _add_structured_money(x, report.demands, report.payments)
    _or_structured(x.signals, report, [])
    return x


def extract_report(report: ReportIn, follow_ups: Iterable[FollowUpContent] = ()) -> Extraction:
    """Identifiers from the form (source ``form``), the narrative (``narrative``), the chat log
    (``chat``) and follow-ups (``follow_up``), deduplicated by (kind, value, source); money from
    the texts plus the form's demands and payments; signals from the texts OR-ed with what the
    form says (victim's age, self-harm answer, payments, what happened)."""
    follow_ups = list(follow_ups)
    forms = [(report.scammer_identifiers, report.payments, LinkSource.form, report.incident.profile_pictures)]
    forms += [(f.scammer_identifiers, f.payments, LinkSource.follow_up, []) for f in follow_ups]
    # The narrative first: the language of the report is the narrative's.
    texts = [(LinkSource.narrative, report.narrative), (LinkSource.chat, report.chat_log)]
    texts += [(LinkSource.follow_up, f.text) for f in follow_ups]
    x = _extract(forms, texts, report.victim.country, report.language)
    _add_structured_money(x, report.demands + [d for f in follow_ups for d in f.demands],
                          report.payments + [p for f in follow_ups for p in f.payments])
    _or_structured(x.signals, report, follow_ups)
    return x


def extract_follow_up(follow_up: FollowUpContent, region: str | None, language: str | None) -> Extraction:
    """One follow-up alone (source ``follow_up``), for linking it as it arrives; its signals are
    what it adds, to be OR-ed with the report's."""
    x = _extract([(follow_up.scammer_identifiers, follow_up.payments, LinkSource.follow_up, [])],
                 [(LinkSource.follow_up, follow_up.text)], region, language)
    _add_structured_money(x, follow_up.demands, follow_up.payments)
    x.signals["paid"] |= bool(follow_up.payments)
    x.signals["self_harm"] |= bool(follow_up.wellbeing and follow_up.wellbeing.thoughts_of_self_harm is True)
    return x


def _or_structured(signals: dict[str, bool], report: ReportIn, follow_ups: list[FollowUpContent]) -> None:
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

"""The HTML forms ↔ the domain's ``ReportIn`` / ``FollowUpIn``.

Form field names are the error paths of the domain models (``victim.age``, ``payments[0].amount``),
so a pydantic error lands next to the field that caused it. The one twist is rows: a person may
fill payment row 2 and leave row 1 empty, so empty rows are dropped and a :class:`RowMap` turns the
model's ``payments[0]`` back into the form's ``payments[1]``.

Validation stays in the domain: this module only turns strings into the shapes the models accept
(tristate radios, checkboxes, dates) and turns pydantic's messages into plain, translatable words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from pydantic import ValidationError
from starlette.datastructures import FormData

from tipline.domain.report import FollowUpIn, ReportIn
from tipline.web.pages.choices import N_
from tipline.web.problems import field_path

Values = dict[str, Any]  # form name -> str (or list[str] for checkbox groups)

MAX_ROWS = 50  # rows beyond this are ignored (JavaScript can add rows; the models cap lists anyway)
IDENTIFIER_ROWS = 3  # shown without JavaScript
PAYMENT_ROWS = 2
IDENTIFIER_FIELDS = ("kind", "value")
PAYMENT_FIELDS = ("amount", "currency", "method", "destination_country", "recipient_name", "reference",
                  "paid_at")
LISTS = ("scammer_identifiers", "payments")
PICTURES = "incident.profile_pictures"  # hidden fields: PDQ hashes made in the page (picture-field.js)
MULTI = {"incident.platforms_moved_to", PICTURES}
TRISTATES = ("recorded_on_webcam", "images_sent", "images_already_shared", "friends_or_family_contacted",
             "more_images_demanded")
_ROW = re.compile(r"^(scammer_identifiers|payments)\[(\d{1,3})\]\.([a-z_]+)$")
_INDEX = re.compile(r"\[(\d+)\]")
_DMY = re.compile(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$")

REPORT_FIELDS = (
    "reporter_role", "victim.age_band", "victim.age", "victim.gender", "victim.country", "language",
    "incident.platform_first_contact", "incident.platforms_moved_to", "incident.scammer_persona",
    "incident.first_contact_at", *(f"incident.{t}" for t in TRISTATES), "incident.deadline",
    "demands[0].amount", "demands[0].currency", "narrative",
    *(f"scammer_identifiers[].{f}" for f in IDENTIFIER_FIELDS), PICTURES, *(f"payments[].{f}" for f in PAYMENT_FIELDS),
    "chat_log", "wellbeing.thoughts_of_self_harm", "contact.email", "contact.phone", "contact.consent_contact",
    "contact.consent_share_with_police",
)
FOLLOW_UP_FIELDS = (
    "reference", "token", "text", *(f"scammer_identifiers[].{f}" for f in IDENTIFIER_FIELDS),
    *(f"payments[].{f}" for f in PAYMENT_FIELDS), "wellbeing.thoughts_of_self_harm",
)


@dataclass
class Errors:
    """Messages (English msgids) by form field name, in the order the fields appear on the page."""

    order: tuple[str, ...]
    by_field: dict[str, list[str]] = field(default_factory=dict)

    def add(self, name: str, message: str) -> None:
        messages = self.by_field.setdefault(name, [])
        if message not in messages:
            messages.append(message)

    def __bool__(self) -> bool:
        return bool(self.by_field)

    def _position(self, name: str) -> tuple[int, int, int]:
        generic = _INDEX.sub("[]", name)
        row = int(m.group(1)) if (m := _INDEX.search(name)) else 0
        order = [_INDEX.sub("[]", f) for f in self.order]
        position = order.index(generic) if generic in order else len(order)
        if "[]" not in generic:
            return (position, 0, position)
        # Rows stay together: every field of payment row 0 comes before any of row 1.
        head = generic.split("[]")[0] + "[]"
        group = next((i for i, f in enumerate(order) if f.startswith(head)), position)
        return (group, row, position)

    def summary(self) -> list[tuple[str, str]]:
        """(field name, message) for the error summary, in page order."""
        names = sorted(self.by_field, key=self._position)
        return [(name, message) for name in names for message in self.by_field[name]]

    @property
    def first(self) -> str | None:
        summary = self.summary()
        return summary[0][0] if summary else None


@dataclass
class RowMap:
    """Which form row each model list item came from."""

    rows: dict[str, list[int]] = field(default_factory=dict)

    def form_name(self, model_field: str) -> str:
        """'payments[0].amount' (model) -> 'payments[1].amount' (form); checkbox items -> the group."""
        for name in LISTS:
            prefix = f"{name}["
            if model_field.startswith(prefix):
                index, _, rest = model_field[len(prefix):].partition("]")
                kept = self.rows.get(name, [])
                if index.isdigit() and int(index) < len(kept):
                    return f"{name}[{kept[int(index)]}]{rest}"
                return model_field
        for group in MULTI:  # one field for the whole list
            if model_field.startswith(group):
                return group
        return model_field


# --- reading the posted form ----------------------------------------------------------------------


def values_of(form: FormData, fields: tuple[str, ...]) -> Values:
    """The posted strings for the fields this form knows; anything else is ignored."""
    known = {f for f in fields if "[]" not in f}
    values: Values = {}
    for key in form:
        strings = [v for v in form.getlist(key) if isinstance(v, str)]
        if key in MULTI:
            values[key] = strings
            continue
        row = _ROW.match(key)
        if key in known or (row and int(row.group(2)) < MAX_ROWS and f"{row.group(1)}[].{row.group(3)}" in fields):
            values[key] = strings[0].strip() if strings else ""
    return values


def row_count(values: Values, name: str, minimum: int) -> int:
    """How many rows of a list to render: the default, or enough for every posted row."""
    highest = -1
    for key in values:
        m = _ROW.match(key)
        if m and m.group(1) == name:
            highest = max(highest, int(m.group(2)))
    return max(minimum, highest + 1)


def _put(target: dict[str, Any], key: str, value: Any) -> None:
    if value not in (None, "", []):
        target[key] = value


def _tristate(value: str) -> Any:
    return {"yes": True, "no": False, "unknown": "unknown", "prefer_not": None, "": None}.get(value, value)


def _past_date(value: str) -> Any:
    """A date from ``<input type=date>`` (or typed as 31/10/2026) -> a datetime the model accepts.

    A bare date is midnight UTC, which is still in the future for someone east of UTC early in
    their day (France at 00:30 is 23:30 UTC the day before); any date up to tomorrow in UTC is
    "today" somewhere on Earth, so it is capped at now instead of being refused.
    """
    if not value:
        return None
    m = _DMY.match(value)
    try:
        day = date(int(m.group(3)), int(m.group(2)), int(m.group(1))) if m else date.fromisoformat(value)
    except ValueError:
        return value  # the model says what is wrong with it
    moment = datetime.combine(day, time(0, 0), tzinfo=UTC)
    now = datetime.now(UTC)
    if moment > now and day <= now.date() + timedelta(days=1):
        return now.isoformat()
    return moment.isoformat()


def _any_date(value: str) -> Any:
    m = _DMY.match(value)
    if m:
        try:
            return date(int(m.group(3)), int(m.group(2)), int(m.group(1))).isoformat()
        except ValueError:
            return value
    return value or None


def _rows(values: Values, name: str, fields: tuple[str, ...], keep: str | None, rows: RowMap,
          convert: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """The non-empty rows of a list; ``keep`` names the field that makes a row count (None: any)."""
    out: list[dict[str, Any]] = []
    kept: list[int] = []
    for i in range(row_count(values, name, 0)):
        raw = {f: values.get(f"{name}[{i}].{f}", "") for f in fields}
        if keep and not raw[keep]:
            continue
        if not keep and not any(raw.values()):
            continue
        item: dict[str, Any] = {}
        for f, v in raw.items():
            _put(item, f, (convert or {}).get(f, lambda x: x)(v))
        out.append(item)
        kept.append(i)
    rows.rows[name] = kept
    return out


def _payment_rows(values: Values, rows: RowMap) -> list[dict[str, Any]]:
    return _rows(values, "payments", PAYMENT_FIELDS, None, rows, {"paid_at": _past_date})


def _identifier_rows(values: Values, rows: RowMap) -> list[dict[str, Any]]:
    return _rows(values, "scammer_identifiers", IDENTIFIER_FIELDS, "value", rows)


def _email_error(value: str, errors: Errors, name: str) -> None:
    # The model keeps any text; a typo here means nobody can write back, so catch the obvious ones.
    if value and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", value):
        errors.add(name, N_("This does not look like an email address (it should be like name@example.com)."))


def report_data(values: Values) -> tuple[dict[str, Any], RowMap]:
    """The ReportIn body a posted form describes (not yet validated)."""
    v = values.get
    rows = RowMap()
    data: dict[str, Any] = {}
    _put(data, "reporter_role", v("reporter_role"))
    _put(data, "language", v("language"))
    victim: dict[str, Any] = {}
    for key in ("age_band", "age", "gender", "country"):
        _put(victim, key, v(f"victim.{key}"))
    incident: dict[str, Any] = {
        "platform_first_contact": v("incident.platform_first_contact") or None,
        "platforms_moved_to": [p for p in v("incident.platforms_moved_to", []) if p],
        "scammer_persona": v("incident.scammer_persona") or None,
        "first_contact_at": _past_date(v("incident.first_contact_at", "")),
        "deadline": _any_date(v("incident.deadline", "")),
        # the same picture chosen twice is one; the model checks each is a PDQ hash
        "profile_pictures": list(dict.fromkeys(p.strip().lower() for p in v(PICTURES, []) if p.strip())),
    }
    for key in TRISTATES:
        incident[key] = _tristate(v(f"incident.{key}", ""))
    data["victim"] = victim
    data["incident"] = {k: x for k, x in incident.items() if x not in (None, "", [])}
    demand: dict[str, Any] = {}
    _put(demand, "amount", v("demands[0].amount"))
    _put(demand, "currency", v("demands[0].currency"))
    if demand:
        data["demands"] = [demand]
    data["payments"] = _payment_rows(values, rows)
    data["scammer_identifiers"] = _identifier_rows(values, rows)
    _put(data, "narrative", v("narrative"))
    _put(data, "chat_log", v("chat_log"))
    data["wellbeing"] = {"thoughts_of_self_harm": _tristate(v("wellbeing.thoughts_of_self_harm", ""))}
    data["contact"] = {
        "email": v("contact.email") or None,
        "phone": v("contact.phone") or None,
        "consent_contact": v("contact.consent_contact") == "yes",
        "consent_share_with_police": v("contact.consent_share_with_police") == "yes",
    }
    return data, rows


NEED_SOMETHING = N_("Tell us what happened, or give at least one of the scammer's accounts, numbers or "
                    "payment details.")
NEED_ADDITION = N_("Add some text, an account or number, or a payment.")


def parse_report(values: Values) -> tuple[ReportIn | None, Errors]:
    errors = Errors(REPORT_FIELDS)
    data, rows = report_data(values)
    _email_error(values.get("contact.email", ""), errors, "contact.email")
    # Checked here too: the model checks it only once every field is valid, and a person should
    # see every problem in one go, not one round at a time.
    if not data.get("narrative") and not data["scammer_identifiers"] and not data["incident"].get("profile_pictures"):
        errors.add("narrative", NEED_SOMETHING)
    try:
        report = ReportIn.model_validate(data)
    except ValidationError as e:
        _collect(e, rows, errors, whole="narrative", whole_message=NEED_SOMETHING)
        return None, errors
    return (None, errors) if errors else (report, errors)


def parse_follow_up(values: Values) -> tuple[str, FollowUpIn | None, Errors]:
    """(reference code, follow-up or None, errors)."""
    errors = Errors(FOLLOW_UP_FIELDS)
    rows = RowMap()
    reference = values.get("reference", "")
    if not reference:
        errors.add("reference", N_("Enter your reference code (it starts with TL-)."))
    data: dict[str, Any] = {}
    _put(data, "token", values.get("token"))
    _put(data, "text", values.get("text"))
    data["scammer_identifiers"] = _identifier_rows(values, rows)
    data["payments"] = _payment_rows(values, rows)
    harm = _tristate(values.get("wellbeing.thoughts_of_self_harm", ""))
    if harm is not None:  # an empty wellbeing object would count as "adding something"
        data["wellbeing"] = {"thoughts_of_self_harm": harm}
    if not (data.get("text") or data["scammer_identifiers"] or data["payments"] or "wellbeing" in data):
        errors.add("text", NEED_ADDITION)
    try:
        follow_up = FollowUpIn.model_validate(data)
    except ValidationError as e:
        _collect(e, rows, errors, whole="text", whole_message=NEED_ADDITION)
        return reference, None, errors
    return reference, (None if errors else follow_up), errors


# --- pydantic's messages -> plain words ------------------------------------------------------------

_DATES = {"first_contact_at", "paid_at", "demanded_at", "deadline"}


def friendly(leaf: str, kind: str, message: str) -> str:
    """A message a frightened person understands, as an English msgid (translated at render)."""
    if leaf == "profile_pictures":  # only a changed page can send a bad one: the script sends 64 hex digits
        return N_("The fingerprint of the profile picture could not be used. Remove the picture and choose it "
                  "again.")
    if kind == "missing":
        return {
            "amount": N_("Give the amount (an estimate is fine)."),
            "currency": N_("Choose the currency of this amount."),
            "value": N_("Write the account, number or address."),
            "token": N_("Enter your follow-up token."),
        }.get(leaf, N_("Please answer this question."))
    if leaf == "amount":
        for part, text in (("ambiguous", N_("Write the amount without a thousands separator, for example 1500.")),
                           ("greater than zero", N_("The amount must be more than zero.")),
                           ("decimal places", N_("Use at most two decimals, for example 49.99.")),
                           ("implausibly large", N_("This amount is too large. Please check it."))):
            if part in message:
                return text
        return N_("Write the amount in digits, for example 800 or 49.99.")
    if leaf in _DATES:
        if "future" in message:
            return N_("This date is in the future. Give the date when it happened.")
        return N_("Enter a valid date, for example 31/10/2026.")
    if kind == "string_too_long":
        return N_("This answer is too long. Please shorten it.")
    if leaf == "age":
        return N_("Give an age between 5 and 120 in digits, or leave it empty.")
    if leaf == "currency":
        return N_("Choose a currency from the list.")
    if leaf in {"country", "destination_country"}:
        return N_("Choose a country from the list.")
    if leaf == "language":
        return N_("Choose a language from the list.")
    if leaf == "value" or kind == "string_too_short":
        return N_("Write the account, number or address.")
    return N_("Please choose one of the options given.")


def _collect(error: ValidationError, rows: RowMap, errors: Errors, whole: str, whole_message: str) -> None:
    for e in error.errors():
        model_field, _ = field_path(e.get("loc", ()))
        if model_field == "(report)":
            errors.add(whole, whole_message)
            continue
        leaf = re.sub(r"\[\d+\]$", "", model_field).rsplit(".", 1)[-1]
        message = str(e.get("msg", "")).removeprefix("Value error, ")
        errors.add(rows.form_name(model_field), friendly(leaf, str(e.get("type", "")), message))

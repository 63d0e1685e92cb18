"""The pages for people, through the TestClient: languages, the form, its errors, receipts, privacy."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser
from pathlib import Path
from typing import ClassVar
from urllib.parse import urlparse

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from tipline.domain.enums import IdentifierKind
from tipline.guidance.routes import all_routes
from tipline.security.codes import REF_RE
from tipline.service.context import Tipline
from tipline.store import reports, tables
from tipline.web.app import create_app
from tipline.web.pages import forms

WEB = Path(__file__).resolve().parents[1] / "src" / "tipline" / "web"
PO = WEB.parent / "locale" / "fr" / "LC_MESSAGES" / "messages.po"
TOKEN_RE = re.compile(r'id="token">([A-Z0-9-]+)<')


# --- helpers -----------------------------------------------------------------------------------------


class Page(HTMLParser):
    """Elements by id (with their attributes and text), every label's `for`, every form control."""

    VOID: ClassVar[set[str]] = {"input", "br", "meta", "link", "img", "hr"}

    def __init__(self, html: str) -> None:
        super().__init__()
        self.by_id: dict[str, dict] = {}
        self.labels: list[str] = []
        self.controls: list[dict] = []
        self.links: list[dict] = []
        self.scripts: list[dict] = []
        self._open: list[dict] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = {"tag": tag, **{k: (v if v is not None else "") for k, v in attrs}, "text": ""}
        if "id" in element:
            assert element["id"] not in self.by_id, f"duplicate id {element['id']}"
            self.by_id[element["id"]] = element
        if tag == "label" and "for" in element:
            self.labels.append(element["for"])
        if tag in {"input", "select", "textarea"}:
            element["in_fieldset"] = any(e["tag"] == "fieldset" for e in self._open)
            self.controls.append(element)
        if tag == "a":
            self.links.append(element)
        if tag == "script":
            self.scripts.append(element)
        if tag not in self.VOID:
            self._open.append(element)

    def handle_endtag(self, tag: str) -> None:
        while self._open:
            if self._open.pop()["tag"] == tag:
                break

    def handle_data(self, data: str) -> None:
        for element in self._open:
            element["text"] += data


def csrf_of(html: str) -> str:
    m = re.search(r'name="_csrf" value="([^"]+)"', html)
    assert m, "the form has no CSRF token"
    return m.group(1)


def post_form(client: TestClient, path: str, values: dict, lang: str = "en", **kw):
    form_page = client.get(path, params={"lang": lang})
    return client.post(path, data={"_csrf": csrf_of(form_page.text), "_lang": lang, **values}, **kw)


def count(tipline: Tipline, table) -> int:
    with tipline.db.read() as s:
        return s.execute(select(func.count()).select_from(table)).scalar_one()


def ten_days_ago() -> str:
    return (datetime.now(UTC) - timedelta(days=10)).date().isoformat()


FULL_FORM = {
    "reporter_role": "victim",
    "victim.age_band": "16-17",
    "victim.gender": "man",
    "victim.country": "CA",
    "language": "fr",
    "incident.platform_first_contact": "instagram",
    "incident.platforms_moved_to": ["snapchat", "skype"],
    "incident.scammer_persona": "une jeune femme",
    "incident.recorded_on_webcam": "yes",
    "incident.images_sent": "no",
    "incident.images_already_shared": "unknown",
    "incident.friends_or_family_contacted": "no",
    "incident.more_images_demanded": "yes",
    "demands[0].amount": "1500",
    "demands[0].currency": "CAD",
    "narrative": "Une fille m'a ajouté sur Instagram puis m'a filmé sur Skype. Elle veut 1500 $.",
    "scammer_identifiers[0].kind": "phone",
    "scammer_identifiers[0].value": "+225 07 58 12 34 56",
    "scammer_identifiers[1].kind": "other",
    "scammer_identifiers[1].value": "",
    # Row 0 of the payments is left empty on purpose: row 1 must still be read.
    "payments[1].amount": "300",
    "payments[1].currency": "CAD",
    "payments[1].method": "western_union",
    "payments[1].destination_country": "CI",
    "payments[1].recipient_name": "Kouassi Yao Serge",
    "payments[1].reference": "4821093375",
    "wellbeing.thoughts_of_self_harm": "no",
    "contact.email": "jeune@example.org",
    "contact.consent_contact": "yes",
}


# --- language ----------------------------------------------------------------------------------------------


def test_home_follows_accept_language(client):
    en = client.get("/", headers={"Accept-Language": "en-GB,en;q=0.9"})
    assert en.status_code == 200
    assert '<html lang="en">' in en.text
    assert "Do not pay" in en.text and "not your fault" in en.text
    assert 'href="/report"' in en.text and 'href="/follow-up"' in en.text
    fr = client.get("/", headers={"Accept-Language": "fr-CA,fr;q=0.9,en;q=0.5"})
    assert '<html lang="fr">' in fr.text
    assert "Ne payez pas" in fr.text and "Ce n’est pas votre faute" in fr.text
    assert "Faire un signalement" in fr.text


def test_the_language_switch_works_without_javascript_and_is_remembered(client):
    r = client.get("/?lang=fr", headers={"Accept-Language": "en"})
    assert '<html lang="fr">' in r.text
    assert "tipline_lang=fr" in r.headers["set-cookie"]
    assert "max-age" not in r.headers["set-cookie"].lower()  # a session cookie: no trace kept for days
    page = Page(r.text)
    switch = {a["href"]: a for a in page.links if a.get("hreflang")}
    assert set(switch) == {"?lang=en", "?lang=fr"} and "aria-current" in switch["?lang=fr"]
    # The cookie now wins over the browser's language, on every page.
    assert '<html lang="fr">' in client.get("/report", headers={"Accept-Language": "en"}).text
    assert '<html lang="en">' in client.get("/follow-up?lang=en", headers={"Accept-Language": "fr"}).text
    assert '<html lang="en">' in client.get("/", headers={"Accept-Language": "fr"}).text


# --- the form's markup -----------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/report", "/follow-up"])
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_every_field_has_a_label(client, path, lang):
    page = Page(client.get(path, params={"lang": lang}).text)
    visible = [c for c in page.controls if c.get("type") not in {"hidden", "submit", "button"}]
    assert len(visible) > 10
    for control in visible:
        assert control.get("id"), f"{control.get('name')} has no id"
        assert control["id"] in page.labels, f"{control['name']} ({control['id']}) has no <label for>"
    # Radio and checkbox groups live in fieldsets (with a legend); skip link and landmarks exist.
    assert all(c["in_fieldset"] for c in visible if c.get("type") in {"radio", "checkbox"})
    html = client.get(path, params={"lang": lang}).text
    assert html.count("<fieldset") == html.count("<legend")
    assert '<a class="skip-link" href="#main">' in html and '<main id="main"' in html
    assert "<header" in html and "<footer" in html


def test_the_form_has_four_steps_and_names_what_is_required(client):
    html = client.get("/report?lang=en").text
    for n in range(1, 5):
        assert f"Step {n} of 4" in html
    assert "only one thing is required" in html
    page = Page(html)
    # Three identifier rows and two payment rows without JavaScript.
    assert {"f-scammer_identifiers-2-value", "f-payments-1-amount"} <= set(page.by_id)
    assert "f-scammer_identifiers-3-value" not in page.by_id
    assert 'enctype="multipart/form-data"' in html and "novalidate" in html
    select_html = html.split('id="f-scammer_identifiers-0-kind"')[1].split("</select>")[0]
    kinds = re.findall(r'<option value="([a-z_]+)"', select_html)
    assert set(kinds) == {k.value for k in IdentifierKind}


# --- posting a report ----------------------------------------------------------------------------------


def test_a_valid_form_creates_a_report_and_shows_the_receipt(client, tipline):
    r = post_form(client, "/report", FULL_FORM, lang="fr")
    assert r.status_code == 200, r.text
    assert "location" not in r.headers  # rendered in the POST answer: the token is in no URL
    ref = REF_RE.search(r.text).group(0)
    token = TOKEN_RE.search(r.text).group(1)
    assert len(token.replace("-", "")) == 20
    assert "Votre signalement a bien été reçu" in r.text
    page = Page(r.text)
    assert page.by_id["reference"]["text"] == ref
    assert not any(token in a.get("href", "") for a in page.links)
    # The guidance plan: 300 CAD already paid, so "stop paying" is there, with its items.
    assert "step-stop_paying" in page.by_id
    assert r.text.count('class="plan-step') >= 3
    assert 'href="tel:' in r.text  # Canadian routes with phone numbers
    # What tipline recognised: the phone in E.164 and the money transfer.
    assert "+225" in r.text and "4821093375" in r.text.replace(" ", "")
    assert count(tipline, tables.ReportRow) == 1
    with tipline.db.read() as s:
        row = reports.by_ref(s, ref)
        body = reports.report_body(tipline.keys, row)
    assert row.source == "web" and row.victim_country == "CA"
    assert body["incident"]["platforms_moved_to"] == ["snapchat", "skype"]
    assert body["incident"]["recorded_on_webcam"] is True
    assert body["incident"]["images_already_shared"] == "unknown"
    assert body["payments"] == [{"amount": "300", "currency": "CAD", "method": "western_union",
                                 "destination_country": "CI", "recipient_name": "Kouassi Yao Serge",
                                 "reference": "4821093375"}]
    assert body["demands"][0]["amount"] == "1500"
    assert [i["value"] for i in body["scammer_identifiers"]] == ["+225 07 58 12 34 56"]
    assert body["contact"]["consent_contact"] is True and body["contact"]["consent_share_with_police"] is False
    assert body["language"] == "fr"


def test_the_receipt_is_printable_and_urgent_help_comes_first(client):
    r = post_form(client, "/report", {"narrative": "Il me menace.", "wellbeing.thoughts_of_self_harm": "yes",
                                      "victim.country": "FR"}, lang="en")
    assert r.status_code == 200
    steps = re.findall(r'<li class="plan-step( plan-step-urgent)?" id="step-([a-z_]+)"', r.text)
    assert steps[0] == (" plan-step-urgent", "crisis")
    css = client.get("/static/tipline.css").text
    print_css = css.split("@media print")[1]
    assert ".quick-exit" in print_css and ".site-header nav" in print_css


def test_a_report_with_only_one_identifier_is_enough(client, tipline):
    r = post_form(client, "/report", {"scammer_identifiers[2].kind": "snapchat",
                                      "scammer_identifiers[2].value": "awa.love22"})
    assert r.status_code == 200, r.text
    assert count(tipline, tables.ReportRow) == 1


PDQ = "f8f8f0cee0f4a84f06370a32038f2f8fc04b8c0f8d18b8f31ed83e5f0bd4f0c1"


def test_the_profile_picture_field_takes_a_hash_never_a_file(client, tipline):
    html = client.get("/report?lang=en").text
    page = Page(html)
    field = page.by_id["f-incident-profile_pictures"]
    # The file input has no name (a browser never posts a nameless field) and is shown only by the
    # script; without it, a note says it needs JavaScript.
    assert field["type"] == "file" and "name" not in field and field["accept"] == "image/*"
    assert "The scammer's profile picture (screenshot)" in html and "needs JavaScript" in html
    assert re.search(r'<div class="field[^"]*" data-picture-tools hidden>', html)
    assert '<script src="/static/picture-field.js" defer></script>' in html
    # A hash alone is enough for a report, as in the API; it is stored as a picture identifier.
    r = post_form(client, "/report", {"incident.profile_pictures": PDQ.upper()})
    assert r.status_code == 200, r.text
    with tipline.db.read() as s:
        values = s.execute(select(tables.IdentifierRow.value).where(tables.IdentifierRow.kind == "picture")).all()
    assert values == [("pdq:" + PDQ,)]
    # A file posted with the form (a changed page) is refused, and nothing is stored.
    form_page = client.get("/report")
    r = client.post("/report", data={"_csrf": csrf_of(form_page.text), "narrative": "x"},
                    files={"picture": ("shot.png", b"\x89PNG\r\n\x1a\n" + b"0" * 100, "image/png")})
    assert r.status_code == 400
    assert count(tipline, tables.ReportRow) == 1


def test_a_kept_picture_hash_comes_back_with_the_form(client):
    r = post_form(client, "/report", {"incident.profile_pictures": PDQ, "contact.email": "nope"}, lang="fr")
    assert r.status_code == 422
    assert f'<input type="hidden" name="incident.profile_pictures" value="{PDQ}">' in r.text
    assert "La photo de profil de l’escroc (capture d’écran)" in r.text


BAD_FORMS = [
    # (what is posted, {form field: words its error must contain})
    ({}, {"narrative": "Tell us what happened"}),
    ({"narrative": "x", "demands[0].amount": "15OO", "demands[0].currency": "EUR"},
     {"demands[0].amount": "in digits"}),
    ({"narrative": "x", "payments[0].amount": "1,500", "payments[0].currency": "EUR"},
     {"payments[0].amount": "thousands separator"}),
    ({"narrative": "x", "payments[1].amount": "200", "payments[1].currency": "EUR",
      "payments[1].paid_at": (datetime.now(UTC) + timedelta(days=5)).date().isoformat()},
     {"payments[1].paid_at": "in the future"}),
    ({"narrative": "x", "payments[0].amount": "200"}, {"payments[0].currency": "currency"}),
    ({"narrative": "x", "payments[0].recipient_name": "Kouassi"}, {"payments[0].amount": "amount"}),
    ({"narrative": "x", "victim.age": "17 ans"}, {"victim.age": "between 5 and 120"}),
    ({"narrative": "x", "victim.gender": "robot"}, {"victim.gender": "options"}),
    ({"narrative": "x", "incident.first_contact_at": "2099-01-01"}, {"incident.first_contact_at": "future"}),
    ({"narrative": "x", "contact.email": "jeune.example.org"}, {"contact.email": "email address"}),
    ({"narrative": "x", "incident.platforms_moved_to": ["skype", "myspace"]},
     {"incident.platforms_moved_to": "options"}),
    ({"narrative": "x", "incident.profile_pictures": "not-a-hash"}, {"incident.profile_pictures": "fingerprint"}),
]


@pytest.mark.parametrize(("posted", "expected"), BAD_FORMS)
def test_bad_values_come_back_next_to_their_field_and_nothing_is_stored(client, tipline, posted, expected):
    r = post_form(client, "/report", posted)
    assert r.status_code == 422
    page = Page(r.text)
    summary = page.by_id["error-summary"]
    for name, words in expected.items():
        field_id = forms_id(name)
        error = page.by_id[f"{field_id}-error"]
        assert words.lower() in error["text"].lower(), error["text"]
        control = page.by_id[field_id]
        if control.get("type") not in {"radio", "checkbox"}:
            assert control.get("aria-invalid") == "true"
            assert f"{field_id}-error" in control.get("aria-describedby", "").split()
        assert any(a.get("href") == f"#{field_id}" for a in page.links), "the summary links to the field"
        assert words.lower() in summary["text"].lower()
    first = next(iter(expected))
    assert "autofocus" in page.by_id[forms_id(first)]
    # What was typed is kept.
    for name, value in posted.items():
        if isinstance(value, str) and value and name != "victim.gender":
            assert f'value="{value}"' in r.text or f">{value}</textarea>" in r.text, name
    assert count(tipline, tables.ReportRow) == 0


def forms_id(name: str) -> str:
    from tipline.web.pages.render import field_id

    return field_id(name)


def test_errors_are_in_french_on_the_french_form(client):
    r = post_form(client, "/report", {"narrative": "x", "demands[0].amount": "-20", "demands[0].currency": "EUR"},
                  lang="fr")
    assert r.status_code == 422
    assert "Le montant doit être supérieur à zéro." in r.text
    assert "Veuillez vérifier ces réponses" in r.text


def test_a_date_that_is_today_somewhere_is_not_refused():
    tomorrow_utc = (datetime.now(UTC) + timedelta(days=1)).date().isoformat()
    assert datetime.fromisoformat(forms._past_date(tomorrow_utc)) <= datetime.now(UTC)
    assert forms._past_date("31/10/2026") == "2026-10-31T00:00:00+00:00"
    assert forms._past_date("not a date") == "not a date"  # the model names the error


# --- follow-up --------------------------------------------------------------------------------------------


def _report(client: TestClient) -> tuple[str, str]:
    r = post_form(client, "/report", {"narrative": "Il me menace de publier la vidéo."})
    return REF_RE.search(r.text).group(0), TOKEN_RE.search(r.text).group(1)


def test_a_follow_up_with_the_right_code_and_token_is_added(client, tipline):
    ref, token = _report(client)
    r = post_form(client, "/follow-up", {
        "reference": ref.lower().replace("-", " "), "token": token.lower(),
        "text": "Il m'a recontacté depuis un nouveau compte.",
        "scammer_identifiers[0].kind": "instagram", "scammer_identifiers[0].value": "awa_official",
        "payments[0].amount": "100", "payments[0].currency": "CAD", "payments[0].paid_at": ten_days_ago(),
    }, lang="fr")
    assert r.status_code == 200, r.text
    assert "Vos informations ont été ajoutées" in r.text and ref in r.text
    assert count(tipline, tables.FollowUpRow) == 1
    assert count(tipline, tables.MoneyRow) == 1


def test_a_wrong_code_or_token_gives_one_message_that_tells_neither(client, tipline):
    ref, token = _report(client)
    other = "TL-2222-3333" if ref != "TL-2222-3333" else "TL-4444-5555"
    answers = []
    for code, secret in ((ref, "AAAAA-BBBBB-CCCCC-DDDDD"), (other, token), ("nonsense", token)):
        r = post_form(client, "/follow-up", {"reference": code, "token": secret, "text": "Encore lui."})
        assert r.status_code == 404
        notice = re.search(r'<div class="notice notice-error" role="alert"><p>(.*?)</p>', r.text).group(1)
        answers.append(notice)
        assert "Encore lui." in r.text  # nothing typed is lost
        assert 'aria-invalid="true"' not in r.text
    assert len(set(answers)) == 1 and "reference code and follow-up token" in answers[0]
    assert count(tipline, tables.FollowUpRow) == 0


def test_follow_up_errors_are_next_to_their_fields(client, tipline):
    r = post_form(client, "/follow-up", {})
    assert r.status_code == 422
    page = Page(r.text)
    for name in ("reference", "token", "text"):
        assert page.by_id[f"f-{name}"].get("aria-invalid") == "true"
        assert f"f-{name}-error" in page.by_id
    assert "autofocus" in page.by_id["f-reference"]
    assert count(tipline, tables.FollowUpRow) == 0


# --- privacy and safety on every page -------------------------------------------------------------------


def _every_page(client: TestClient) -> dict[str, str]:
    pages = {path: client.get(path).text for path in ("/", "/report", "/follow-up", "/?lang=fr")}
    receipt = post_form(client, "/report", FULL_FORM)
    pages["receipt"] = receipt.text
    ref, token = REF_RE.search(receipt.text).group(0), TOKEN_RE.search(receipt.text).group(1)
    pages["follow-up done"] = post_form(client, "/follow-up", {"reference": ref, "token": token,
                                                                "text": "plus"}).text
    pages["errors"] = post_form(client, "/report", {}).text
    pages["wrong token"] = post_form(client, "/follow-up", {"reference": ref, "token": "x", "text": "y"}).text
    return pages


def test_quick_exit_is_on_every_page(client, tipline):
    url = tipline.settings.quick_exit_url
    for name, html in _every_page(client).items():
        page = Page(html)
        exit_link = page.by_id["quick-exit"]
        assert exit_link["href"] == url and "noreferrer" in exit_link["rel"].split(), name
        assert "data-quick-exit" in exit_link


def test_no_page_reaches_another_host(client, tipline):
    allowed = {urlparse(tipline.settings.quick_exit_url).hostname}
    allowed |= {urlparse(u).hostname for e in all_routes() for u in (e.url, e.url_fr) if u}
    pages = _every_page(client)
    pages["css"] = client.get("/static/tipline.css").text
    pages["js"] = client.get("/static/tipline.js").text
    for name, text in pages.items():
        for url in re.findall(r"""https?://[^\s"'<>)]+""", text):
            assert urlparse(url).hostname in allowed, f"{name} refers to {url}"
        page = Page(text) if name not in {"css", "js"} else None
        if page:
            # Scripts come from this site only, and none is inline (the CSP forbids it anyway).
            assert all(s.get("src", "").startswith("/static/") for s in page.scripts), name
            assert " style=" not in text, f"{name} has an inline style"


def test_pages_send_privacy_headers_and_a_strict_csp(client):
    responses = [client.get("/"), client.get("/report"), client.get("/static/tipline.js"),
                 post_form(client, "/report", {})]
    for r in responses:
        csp = r.headers["content-security-policy"]
        assert "default-src 'self'" in csp and "unsafe-inline" not in csp and "unsafe-eval" not in csp
        assert "frame-ancestors 'none'" in csp
        assert r.headers["cache-control"] == "no-store"
        assert r.headers["referrer-policy"] == "no-referrer"
    # The JSON API keeps its own headers.
    assert "content-security-policy" not in client.get("/api/v1/openapi.json").headers


def test_a_post_without_the_forms_token_stores_nothing_and_keeps_the_text(client, tipline):
    client.get("/report")
    r = client.post("/report", data={"narrative": "mon histoire", "_lang": "en"})
    assert r.status_code == 400 and "mon histoire" in r.text
    assert "not been sent yet" in r.text
    good = csrf_of(client.get("/report").text)
    r = client.post("/report", data={"narrative": "mon histoire", "_csrf": good},
                    headers={"Origin": "https://evil.example"})
    assert r.status_code == 400
    client.cookies.clear()
    r = client.post("/report", data={"narrative": "mon histoire", "_csrf": good})  # no cookie
    assert r.status_code == 400
    assert count(tipline, tables.ReportRow) == 0
    # The re-rendered form carries a fresh, working token.
    r = client.post("/report", data={"narrative": "mon histoire", "_csrf": csrf_of(r.text)})
    assert r.status_code == 200 and count(tipline, tables.ReportRow) == 1


def test_the_rate_limit_applies_to_form_posts(settings):
    limited = settings.model_copy(update={"rate_limit": "3/minute"})
    app = Tipline.open(limited)
    try:
        with TestClient(create_app(tipline=app)) as client:
            codes = [post_form(client, "/report", {"narrative": f"histoire {i}"}).status_code for i in range(3)]
            assert codes == [200, 200, 200]
            r = post_form(client, "/report", {"narrative": "histoire 4"})
            assert r.status_code == 429 and int(r.headers["retry-after"]) > 0
            assert "histoire 4" in r.text and "Too many forms" in r.text  # shown again, nothing lost
            assert count(app, tables.ReportRow) == 3
            # Follow-ups are counted apart (guessing tokens is what this limit stops).
            codes = [post_form(client, "/follow-up", {"reference": "TL-2222-3333", "token": "x", "text": "y"})
                     .status_code for _ in range(4)]
            assert codes == [404, 404, 404, 429]
    finally:
        app.close()


# --- translations ------------------------------------------------------------------------------------------


def _msgids() -> set[str]:
    found: set[str] = set()
    options = {"**.html": {"extensions": "jinja2.ext.i18n", "trim_blocks": "true", "lstrip_blocks": "true"}}
    for root, method in ((WEB / "templates", [("**.html", "jinja2.ext:babel_extract")]),
                         (WEB / "pages", [("**.py", "python")])):
        for _, _, message, _, _ in extract_from_dir(str(root), method, options_map=options):
            text = message if isinstance(message, str) else message[0]
            if text:
                found.add(text)
    return found


def test_every_text_of_the_pages_has_a_french_translation():
    with PO.open("rb") as fh:
        catalog = read_po(fh, locale="fr")
    ids = _msgids()
    assert len(ids) > 150
    missing = sorted(i for i in ids if not (catalog.get(i) and catalog.get(i).string))
    assert not missing, f"no French text for: {missing}"
    fuzzy = sorted(i for i in ids if catalog.get(i).fuzzy)
    assert not fuzzy, f"fuzzy (not used) French texts: {fuzzy}"
    for i in ids:
        assert sorted(re.findall(r"%\(\w+\)s", i)) == sorted(re.findall(r"%\(\w+\)s", catalog.get(i).string)), i


def test_french_pages_show_no_english_labels(client):
    html = client.get("/report?lang=fr").text
    for english in ("Step 1 of 4", "What happened", "Send the report", "Quick exit", "I don't know", "Choose…"):
        assert english not in html


def test_people_see_an_html_page_not_json_when_something_fails(client):
    missing = client.get("/no-such-page")
    assert missing.status_code == 404 and missing.headers["content-type"].startswith("text/html")
    assert "Cette page n'existe pas" in missing.text
    too_big = client.post("/report", data={"narrative": "x" * 1_100_000})
    assert too_big.status_code == 413 and too_big.headers["content-type"].startswith("text/html")
    assert "too long" in too_big.text
    api_missing = client.get("/api/v1/nothing")
    assert api_missing.headers["content-type"].startswith("application/problem+json")


def test_posting_the_same_form_twice_keeps_one_report(client, tipline):
    """A refresh of the receipt page posts the form again: it must not make a second report."""
    form_page = client.get("/report", params={"lang": "fr"}).text
    submission = re.search(r'name="_submission" value="([0-9a-f]{32})"', form_page).group(1)
    data = {"_csrf": csrf_of(form_page), "_lang": "fr", "_submission": submission,
            "narrative": "Il menace d'envoyer la vidéo à mes amis."}
    first = client.post("/report", data=data)
    again = client.post("/report", data=data)
    assert first.status_code == again.status_code == 200
    ref = REF_RE.search(first.text).group(0)
    assert "Ce signalement a déjà été reçu" in again.text and ref in again.text
    assert not TOKEN_RE.search(again.text)  # the token is never shown twice
    assert count(tipline, tables.ReportRow) == 1
    other = client.get("/report").text  # a new form is a new report
    assert re.search(r'name="_submission" value="([0-9a-f]{32})"', other).group(1) != submission

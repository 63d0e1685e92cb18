"""The report form's "scammer's profile picture" field in Debian's chromium (static/picture-field.js).

- The screenshot is hashed in the page with pdq.js; the form posts only its PDQ hash
  (incident.profile_pictures): every request is recorded, and none carries the picture's bytes.
- The stored report carries the hash as a ``picture`` identifier and is related at once to an
  earlier report whose picture is a near copy.
- Too little detail is refused, a picture can be removed, a kept hash survives a form error, and
  without JavaScript the field is absent and a note says why.
"""

from __future__ import annotations

import base64
import re
from pathlib import Path

import pytest
from sqlalchemy import select

from conftest import SHARED, need
from tipline.domain.enums import Source
from tipline.domain.report import ReportIn
from tipline.hashing import hash_file
from tipline.hashing.pdq import REFERENCE_TOLERANCE, hamming
from tipline.link.pictures import LINK_DISTANCE
from tipline.service import linking
from tipline.service.intake import store_report
from tipline.store import tables

IMAGES = SHARED / "data" / "pdq" / "images"
HEX64 = re.compile(r"[0-9a-f]{64}")

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def screenshot() -> Path:
    path = IMAGES / "shrink-a-little.jpg"  # a resized copy of bridge-1-original.jpg
    need(path.exists() and (IMAGES / "bridge-1-original.jpg").exists(), f"{IMAGES} is absent")
    return path


def _to_step(page, n: int, next_label: str) -> None:
    for k in range(1, n):
        page.locator(f"#step-{k}").get_by_role("button", name=next_label).click()


def _stored_pictures(server, reference: str) -> list[str]:
    with server.tipline.db.read() as s:
        return list(s.execute(
            select(tables.IdentifierRow.value)
            .join(tables.ReportIdentifierRow, tables.ReportIdentifierRow.identifier_id == tables.IdentifierRow.id)
            .join(tables.ReportRow, tables.ReportRow.id == tables.ReportIdentifierRow.report_id)
            .where(tables.ReportRow.ref == reference, tables.IdentifierRow.kind == "picture")).scalars())


def test_the_picture_is_hashed_in_the_page_and_only_its_hash_is_posted(browser, server, screenshot, tmp_path):
    # Another victim reported the same fake profile earlier, with their own screenshot's hash.
    earlier = hash_file(IMAGES / "bridge-1-original.jpg").pdq
    store_report(server.tipline, ReportIn.model_validate(
        {"external_id": "earlier", "narrative": "Il menace de publier la vidéo.",
         "incident": {"profile_pictures": [earlier]}}), Source.api)
    image = screenshot.read_bytes()

    context = browser.new_context(locale="fr-FR", viewport={"width": 360, "height": 740})
    page = context.new_page()
    requests = []
    page.on("request", lambda request: requests.append(request))
    page.goto(server.url + "/report")
    _to_step(page, 2, "Suivant")
    page.get_by_label("Ce qui s’est passé, avec vos mots").fill("Un faux profil m’a filmé pendant un appel.")
    page.locator("#step-2").get_by_role("button", name="Suivant").click()
    field = page.get_by_label("La photo de profil de l’escroc (capture d’écran)")
    assert field.is_visible()
    assert field.evaluate("el => el.type === 'file' && !el.hasAttribute('name') && el.accept") == "image/*"
    assert page.get_by_text("l’image elle-même n’est jamais envoyée").is_visible()  # the help text
    loaded = len(requests)
    field.set_input_files(str(screenshot))
    status = page.locator("[data-picture-status]")
    status.filter(has_text="C’est fait").wait_for()
    assert len(requests) == loaded, "hashing made requests"
    hidden = page.locator("input[type=hidden][name='incident.profile_pictures']")
    assert hidden.count() == 1
    js_hash = hidden.get_attribute("value")
    assert HEX64.fullmatch(js_hash) and page.locator("[data-picture-code]").inner_text() == js_hash
    assert hamming(js_hash, hash_file(screenshot).pdq) <= REFERENCE_TOLERANCE  # pdq.js agrees with the server
    assert page.evaluate("document.documentElement.scrollWidth") <= 360  # 64 digits wrap on a phone
    page.screenshot(path=str(tmp_path / "picture-field-fr.png"), full_page=True)
    page.locator("#step-3").get_by_role("button", name="Suivant").click()
    page.get_by_role("button", name="Envoyer le signalement").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Votre signalement a bien été reçu"
    reference = page.locator("#reference").inner_text().strip()

    # Every request: the only one that is not a GET is the form's POST, and it holds the hash only.
    posts = [r for r in requests if r.method != "GET"]
    assert [r.url for r in posts] == [server.url + "/report"]
    body = posts[0].post_data_buffer or b""
    assert js_hash.encode() in body and b"filename=" not in body
    assert len(body) < len(image) // 10
    for r in requests:
        sent = r.post_data_buffer or b""
        for start in range(0, len(image) - 48, len(image) // 16):  # no window of the picture, raw or base64
            chunk = image[start:start + 48]
            assert chunk not in sent and base64.b64encode(chunk) not in sent
        assert r.url.startswith(server.url + "/"), f"request to another host: {r.url}"

    # The stored report carries the hash, and is related at once to the earlier report.
    assert _stored_pictures(server, reference) == ["pdq:" + js_hash]
    with server.tipline.db.read() as s:
        report_id = s.execute(select(tables.ReportRow.id).where(tables.ReportRow.ref == reference)).scalar_one()
    [item] = linking.related(server.tipline, report_id).related
    assert item.external_id == "earlier"
    assert item.evidence[0]["kind"] == "picture" and item.evidence[0]["distance"] <= LINK_DISTANCE
    context.close()


def test_a_flat_picture_is_refused_a_picture_can_be_removed_and_a_kept_hash_survives_an_error(
        browser, server, screenshot):
    flat = IMAGES / "q0003.jpg"  # PDQ quality 3
    need(flat.exists(), f"{flat} is absent")
    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    page.goto(server.url + "/report")
    _to_step(page, 3, "Next")
    field = page.get_by_label("The scammer's profile picture (screenshot)")
    status = page.locator("[data-picture-status]")
    hidden = page.locator("input[type=hidden][name='incident.profile_pictures']")

    field.set_input_files(str(flat))
    status.filter(has_text="too little detail").wait_for()
    assert hidden.count() == 0

    field.set_input_files(str(screenshot))
    status.filter(has_text="Done").wait_for()
    assert hidden.count() == 1
    page.get_by_role("button", name="Remove the picture").click()
    assert hidden.count() == 0 and "removed" in status.inner_text()
    assert page.evaluate("document.activeElement.id") == "f-incident-profile_pictures"
    assert not page.get_by_role("button", name="Remove the picture").is_visible()

    # Chosen again, then the form comes back for a bad e-mail address: the hash is kept.
    field.set_input_files(str(screenshot))
    status.filter(has_text="Done").wait_for()
    kept = hidden.get_attribute("value")
    page.locator("#step-3").get_by_role("button", name="Next").click()
    page.get_by_label("Email address").fill("not-an-address")
    page.get_by_role("button", name="Send the report").click()
    page.wait_for_load_state()
    assert page.locator("#error-summary").is_visible()
    assert hidden.get_attribute("value") == kept
    assert "is kept" in status.inner_text() and page.locator("[data-picture-code]").inner_text() == kept
    page.locator("#f-contact-email").fill("")  # the error opened step 4, where the button is
    page.locator("#step-4").get_by_role("button", name="Send the report").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Your report has been received"
    reference = page.locator("#reference").inner_text().strip()
    assert _stored_pictures(server, reference) == ["pdq:" + kept]  # a picture alone is enough
    context.close()


def test_without_javascript_the_field_is_absent_and_a_note_says_why(browser, server):
    context = browser.new_context(java_script_enabled=False, locale="en-GB")
    page = context.new_page()
    page.goto(server.url + "/report")
    assert not page.locator("#f-incident-profile_pictures").is_visible()
    assert page.get_by_text("Adding their profile picture needs JavaScript").is_visible()
    page.get_by_label("What happened, in your own words").fill("He threatens to post the video.")
    page.get_by_role("button", name="Send the report").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Your report has been received"
    assert server.count(tables.ReportRow) == 1
    with server.tipline.db.read() as s:
        assert not s.execute(select(tables.IdentifierRow).where(tables.IdentifierRow.kind == "picture")).first()
    context.close()

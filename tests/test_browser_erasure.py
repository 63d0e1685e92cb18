"""The erasure page in a real browser: reached from the follow-up page, on a 360 px phone, in
French, with and without JavaScript."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from tipline.domain.enums import Source
from tipline.domain.report import ReportIn
from tipline.service.intake import submit_report
from tipline.store.tables import ReportRow

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("javascript", [True, False])
def test_a_reporter_erases_their_report_from_a_phone(browser, server, javascript):
    receipt = submit_report(server.tipline, ReportIn.model_validate(
        {"narrative": "Il menace d’envoyer la vidéo.", "contact": {"email": "moi@example.org"}}), Source.web)
    context = browser.new_context(viewport={"width": 360, "height": 740}, java_script_enabled=javascript,
                                  locale="fr-FR")
    page = context.new_page()
    page.goto(server.url + "/follow-up")
    page.get_by_role("link", name="Effacer plutôt mon signalement").click()
    assert page.get_by_role("heading", name="Ce qui est conservé, et pourquoi").is_visible()
    page.get_by_label("Code de référence").fill(receipt.reference)
    page.get_by_label("Jeton de suivi").fill(receipt.token.lower())
    page.get_by_role("button", name="Effacer mon signalement").click()
    page.wait_for_load_state()
    # Not confirmed: the page comes back, filled in, with the reason next to the box.
    assert page.locator("#f-confirm-error").is_visible()
    assert page.get_by_label("Jeton de suivi").input_value() == receipt.token.lower()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.get_by_label("Je comprends que mon signalement sera effacé").check()
    page.get_by_role("button", name="Effacer mon signalement").click()
    assert page.get_by_role("heading", name="Votre signalement a été effacé").is_visible()
    assert receipt.reference in page.content()
    with server.tipline.db.read() as s:
        row = s.execute(select(ReportRow).where(ReportRow.id == receipt.id)).scalar_one()
    assert row.erased_at is not None and row.body == b""
    context.close()

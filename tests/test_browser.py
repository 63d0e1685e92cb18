"""The pages in a real browser (Debian's chromium through Playwright): with and without JavaScript,
on a 360 px phone, with the keyboard only, and the quick exit.

The app runs with uvicorn in a thread on a free loopback port, on the test database of the
``settings`` fixture (SQLite, or PostgreSQL with TIPLINE_TEST_DATABASE_URL). Screenshots go to
``tmp_path`` (run with ``--basetemp=DIR`` to keep and look at them).
"""

from __future__ import annotations

import re

import pytest

from tipline.store import tables

PHONE = {"width": 360, "height": 740}

pytestmark = pytest.mark.browser


def _no_third_party_requests(page) -> None:
    """Fail on any request to another host: the pages must load nothing from elsewhere."""
    def check(request) -> None:
        url = request.url
        assert url.startswith(("http://127.0.0.1:", "about:", "data:")), f"third-party request: {url}"
    page.on("request", check)


def _fill_french_form(page) -> None:
    """Step by step or all at once: the same labels (page.get_by_label proves they are wired)."""
    page.get_by_label("Cela m’est arrivé").check()
    page.get_by_label("Quel âge a la personne").select_option("16-17")
    page.get_by_role("group", name="Genre").get_by_label("Homme ou garçon").check()
    page.get_by_label("Pays où vit la personne").select_option("CA")


def _fill_french_step2(page) -> None:
    page.get_by_label("Ce qui s’est passé, avec vos mots").fill(
        "Une fille m’a ajouté sur Instagram, puis m’a filmé pendant un appel vidéo. Elle veut 1500 $.")
    page.get_by_label("Où le premier contact a-t-il eu lieu").select_option("instagram")
    page.get_by_role("group", name="Vous ont-ils demandé de passer").get_by_label("Skype").check()
    page.get_by_role("group", name="Ont-ils enregistré une vidéo de vous").get_by_label("Oui").check()
    page.get_by_label("Montant demandé").fill("1500")
    page.get_by_role("group", name="Combien d’argent").get_by_label("Devise").select_option("CAD")


def _fill_french_step3(page) -> None:
    first = page.get_by_role("group", name="Compte ou numéro 1")
    first.get_by_label("De quoi s’agit-il").select_option("phone")
    first.get_by_label("Le compte, le numéro ou l’adresse").fill("+225 07 58 12 34 56")
    paid = page.get_by_role("group", name="Paiement 1")
    paid.get_by_label("Montant payé").fill("300")
    paid.get_by_label("Devise").select_option("CAD")
    paid.get_by_label("Moyen de paiement").select_option("western_union")
    paid.get_by_label("Pays où l’argent a été envoyé").select_option("CI")


def _fill_french_step4(page) -> None:
    page.get_by_role("group", name="Avez-vous des pensées").get_by_label("Non", exact=True).check()


def _receipt(page) -> tuple[str, str]:
    assert page.get_by_role("heading", level=1).inner_text() == "Votre signalement a bien été reçu"
    reference = page.locator("#reference").inner_text().strip()
    token = page.locator("#token").inner_text().strip()
    assert re.fullmatch(r"TL-[A-Z0-9]{4}-[A-Z0-9]{4}", reference)
    assert re.fullmatch(r"([A-Z0-9]{5}-){3}[A-Z0-9]{5}", token)
    return reference, token


def _follow_up(page, reference: str, token: str) -> None:
    page.get_by_role("link", name="Compléter un signalement").click()
    page.get_by_label("Code de référence").fill(reference)
    page.get_by_label("Jeton de suivi").fill(token)
    page.get_by_label("Que souhaitez-vous ajouter").fill("Il m’a recontacté depuis un nouveau compte.")
    page.get_by_role("button", name="Ajouter à mon signalement").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Vos informations ont été ajoutées"
    assert reference in page.content()


def test_the_french_form_works_without_javascript(browser, server, tmp_path):
    context = browser.new_context(java_script_enabled=False, locale="fr-FR", viewport=PHONE)
    page = context.new_page()
    _no_third_party_requests(page)
    page.goto(server.url + "/")
    assert page.locator("html").get_attribute("lang") == "fr"
    page.get_by_role("link", name="Faire un signalement").first.click()
    # Without JavaScript every step is on the page at once, with its "Étape n sur 4" heading.
    for n in range(1, 5):
        assert page.get_by_role("heading", name=f"Étape {n} sur 4").is_visible()
    _fill_french_form(page)
    _fill_french_step2(page)
    _fill_french_step3(page)
    _fill_french_step4(page)
    page.get_by_role("button", name="Envoyer le signalement").click()
    reference, token = _receipt(page)
    page.screenshot(path=str(tmp_path / "receipt-nojs-fr.png"), full_page=True)
    assert server.count(tables.ReportRow) == 1
    _follow_up(page, reference, token)
    assert server.count(tables.FollowUpRow) == 1
    context.close()


def test_the_form_step_by_step_with_javascript(browser, server, tmp_path):
    context = browser.new_context(locale="fr-FR", viewport=PHONE)
    page = context.new_page()
    _no_third_party_requests(page)
    page.goto(server.url + "/report")
    step = {n: page.locator(f"#step-{n}") for n in range(1, 5)}
    assert page.locator("[data-progress]").is_visible()
    assert step[1].is_visible() and not step[2].is_visible()
    assert not page.get_by_role("button", name="Envoyer le signalement").is_visible()
    _fill_french_form(page)
    step[1].get_by_role("button", name="Suivant").click()
    assert step[2].is_visible() and not step[1].is_visible()
    assert page.evaluate("document.activeElement.classList.contains('step-heading')")
    _fill_french_step2(page)
    step[2].get_by_role("button", name="Suivant").click()
    # "Add another": one empty row is shown, the others wait behind the button; beyond them, a clone.
    assert page.get_by_role("group", name="Compte ou numéro 1").is_visible()
    assert not page.get_by_role("group", name="Compte ou numéro 2").is_visible()
    _fill_french_step3(page)
    for n in (2, 3, 4):
        page.get_by_role("button", name="Ajouter un autre compte ou numéro").click()
        assert page.get_by_role("group", name=f"Compte ou numéro {n}").is_visible()
    fourth = page.get_by_role("group", name="Compte ou numéro 4")
    fourth.get_by_label("De quoi s’agit-il").select_option("snapchat")
    fourth.get_by_label("Le compte, le numéro ou l’adresse").fill("awa.love22")
    step[3].get_by_role("button", name="Retour").click()
    assert step[2].is_visible()
    step[2].get_by_role("button", name="Suivant").click()
    step[3].get_by_role("button", name="Suivant").click()
    _fill_french_step4(page)
    page.screenshot(path=str(tmp_path / "form-js-step4-fr.png"), full_page=True)
    page.get_by_role("button", name="Envoyer le signalement").click()
    reference, token = _receipt(page)
    assert "awa.love22" in page.content()  # the cloned fourth row was sent and recognised
    # The script shows the print button once it runs (deferred): wait for it rather than race it.
    page.get_by_role("button", name="Imprimer cette page").wait_for(state="visible", timeout=10_000)
    _follow_up(page, reference, token)
    assert server.count(tables.ReportRow) == 1 and server.count(tables.FollowUpRow) == 1
    context.close()


def test_with_javascript_errors_open_the_right_step_and_focus_the_field(browser, server):
    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    page.goto(server.url + "/report")
    for n in (1, 2, 3):
        page.locator(f"#step-{n}").get_by_role("button", name="Next").click()
    page.get_by_role("button", name="Send the report").click()
    page.wait_for_load_state()
    assert page.locator("#error-summary").is_visible()
    assert page.locator("#step-2").is_visible()
    assert page.evaluate("document.activeElement.id") == "f-narrative"
    assert page.locator("#f-narrative").get_attribute("aria-invalid") == "true"
    # Fixing it and sending again works from the same page.
    page.locator("#f-narrative").fill("He threatens to send the video to my friends.")
    for n in (2, 3):
        page.locator(f"#step-{n}").get_by_role("button", name="Next").click()
    page.get_by_role("button", name="Send the report").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Your report has been received"
    assert server.count(tables.ReportRow) == 1
    context.close()


@pytest.mark.parametrize("javascript", [True, False])
def test_a_360px_phone_never_scrolls_sideways(browser, server, tmp_path, javascript):
    context = browser.new_context(viewport=PHONE, java_script_enabled=javascript, locale="fr-FR",
                                  device_scale_factor=1)
    page = context.new_page()
    suffix = "js" if javascript else "nojs"
    for path in ("/", "/report", "/follow-up"):
        page.goto(server.url + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 360, f"{path} is {width}px wide"
    page.goto(server.url + "/report")
    page.screenshot(path=str(tmp_path / f"form-phone-{suffix}.png"), full_page=True)
    # An error page and a receipt, too.
    if javascript:
        for n in (1, 2, 3):
            page.locator(f"#step-{n}").get_by_role("button", name="Suivant").click()
    page.get_by_role("button", name="Envoyer le signalement").click()
    page.wait_for_load_state()  # the click returns once the next page starts loading
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.screenshot(path=str(tmp_path / f"errors-phone-{suffix}.png"), full_page=False)
    page.locator("#f-narrative").fill("Il menace d’envoyer la vidéo à mes amis.")
    if javascript:  # the error opened step 2; the country is in step 1
        page.locator("#step-2").get_by_role("button", name="Retour").click()
    page.locator("#f-victim-country").select_option("FR")  # French routes have long addresses
    if javascript:
        for n in (1, 2, 3):
            page.locator(f"#step-{n}").get_by_role("button", name="Suivant").click()
    page.get_by_role("group", name="Avez-vous des pensées").get_by_label("Oui", exact=True).check()
    page.get_by_role("button", name="Envoyer le signalement").click()
    _receipt(page)
    page.wait_for_load_state()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.screenshot(path=str(tmp_path / f"receipt-phone-{suffix}.png"), full_page=True)
    # The quick exit stays on screen while the page scrolls.
    page.mouse.wheel(0, 3000)
    assert page.get_by_role("link", name="Quitter vite").is_visible()
    box = page.get_by_role("link", name="Quitter vite").bounding_box()
    assert box and box["y"] >= 0 and box["y"] + box["height"] <= 740 and box["height"] >= 44
    context.close()


def test_quick_exit_with_javascript_leaves_no_way_back(browser, server):
    context = browser.new_context()
    page = context.new_page()
    page.goto(server.url + "/")
    page.goto(server.url + "/report")
    page.locator("#f-victim-age").fill("16")
    before = page.evaluate("history.length")
    page.get_by_role("link", name="Quick exit").click()
    page.wait_for_url("about:blank")
    assert page.evaluate("history.length") == before  # replaced, not added
    page.go_back()
    assert page.url == server.url + "/"  # Back skips the form: it is no longer in the history
    # Escape twice does the same.
    page.goto(server.url + "/follow-up")
    before = page.evaluate("history.length")
    page.keyboard.press("Escape")
    page.keyboard.press("Escape")
    page.wait_for_url("about:blank")
    assert page.evaluate("history.length") == before
    context.close()


def test_quick_exit_without_javascript_is_a_plain_link(browser, server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(server.url + "/report")
    link = page.get_by_role("link", name="Quick exit")
    assert link.get_attribute("href") == "about:blank" and link.get_attribute("rel") == "noreferrer"
    link.click()
    page.wait_for_url("about:blank")
    context.close()


def test_keyboard_only(browser, server):
    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    page.goto(server.url + "/report")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    assert page.locator(".skip-link").is_visible()  # shown when focused
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "quick-exit"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("none", "")  # the focus is visible
    # The skip link jumps to the content; from there Tab reaches the first field.
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "f-reporter_role":
            break
    assert page.evaluate("document.activeElement.id") == "f-reporter_role"
    page.keyboard.press("Space")
    assert page.locator("#f-reporter_role").is_checked()
    # Enter in a one-line field goes to the next step; it does not send half a report.
    page.locator("#f-victim-age").focus()
    page.keyboard.type("16")
    page.keyboard.press("Enter")
    assert page.locator("#step-2").is_visible()
    assert page.evaluate("document.activeElement.classList.contains('step-heading')")
    page.keyboard.press("Tab")
    page.keyboard.type("He recorded me on a video call.")
    assert page.locator("#f-narrative").input_value() == "He recorded me on a video call."
    context.close()

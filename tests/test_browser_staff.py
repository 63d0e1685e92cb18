"""An analyst's day in a real browser: sign in with a TOTP code, take the top report of the queue,
work it to "referred", and read the audit trail of the case."""

from __future__ import annotations

import pytest

from staffkit import PASSWORD, code_for, file_report, make_user

pytestmark = pytest.mark.browser


def test_sign_in_with_totp_and_work_the_top_case_to_referred(server, browser, tmp_path):
    tipline = server.tipline
    file_report(tipline, "Someone asked me for 200 euros for a video, I did not answer.")
    top = file_report(tipline, "I am 14. He says he will post my video to my class tonight unless I pay 300 dollars "
                               "on paypal: awa.belle@example.com", victim={"age_band": "13-15"})
    user = make_user(tipline, "nadia@hotline.example", "analyst", name="Nadia")

    page = browser.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(f"{server.url}/staff")
    assert "/staff/login" in page.url  # not signed in: sent to the sign-in page
    page.get_by_label("E-mail address").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("The 6-digit code").fill(code_for(user.totp_secret))
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{server.url}/staff")

    # The top of the queue is the minor's report, with its reasons shown.
    first = page.locator("#queue-rows tr").first
    assert first.get_attribute("data-ref") == top.reference
    assert "minor" in first.inner_text()
    first.get_by_role("link").click()
    page.wait_for_url(f"**/staff/reports/{top.reference}")
    assert "awa.belle@example.com" in page.locator("#h-ids + table").inner_text()

    page.get_by_label("Assign to").select_option(label="Nadia")
    page.get_by_role("button", name="Assign", exact=True).click()
    page.get_by_label("Move to").select_option("triaged")
    page.get_by_role("button", name="Change status").click()
    page.get_by_label("Add a note").fill("Victim called back; advised not to pay; evidence kept.")
    page.get_by_role("button", name="Add note").click()
    page.get_by_label("Refer to agency").fill("Police cyber unit")
    page.get_by_role("button", name="Refer", exact=True).click()

    assert page.locator("#case-status").inner_text() == "referred"
    assert page.locator("#case-assignee").inner_text() == "Nadia"
    trail = page.locator("#trail").inner_text()
    for action in ("report.created", "report.viewed", "case.assigned", "case.status_changed", "case.note_added",
                   "case.referred"):
        assert action in trail, action
    assert "Nadia" in trail
    page.wait_for_selector("#graph[data-ready=true]")  # the vendored Cytoscape drew the graph
    page.screenshot(path=str(tmp_path / "case.png"), full_page=True)

    # Back on the queue, a new urgent report appears without a reload (staff.js polls the rows).
    page.goto(f"{server.url}/staff")
    page.evaluate("window.__same_page = true")
    crisis = file_report(tipline, "He wants 500 dollars and I want to kill myself, I cannot go on.")
    page.wait_for_selector(f"#queue-rows tr[data-ref='{crisis.reference}']", timeout=30_000)
    assert page.evaluate("window.__same_page === true")  # the page was not reloaded
    assert page.locator("#queue-rows tr").first.get_attribute("data-ref") == crisis.reference
    assert all(u.startswith(server.url) or u.startswith(("data:", "about:")) for u in requests), \
        "the staff pages load nothing from elsewhere"

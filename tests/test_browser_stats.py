"""The staff dashboard and the public statistics page in a real browser: charts drawn, tables
filled, downloads offered, nothing loaded from another site."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator

import pytest

from tipline.domain.enums import Source
from tipline.domain.report import ReportIn
from tipline.security.roles import Principal, Role
from tipline.service.context import Tipline
from tipline.service.intake import store_report
from tipline.simulate import generate
from tipline.web.access import current_principal

pytestmark = pytest.mark.browser


@pytest.fixture
def stats_server(settings) -> Iterator[str]:
    """Like conftest's ``server``, with a signed-in analyst and 150 simulated reports."""
    import uvicorn

    from tipline.web.app import create_app

    tipline = Tipline.open(settings.model_copy(update={"quick_exit_url": "about:blank"}))
    for sim in generate(150, seed=4):
        store_report(tipline, ReportIn.model_validate(sim.report), Source.import_)
    app = create_app(tipline=tipline)
    app.dependency_overrides[current_principal] = lambda: Principal.for_role("user:t", Role.analyst)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    uv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=uv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not uv.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        uv.should_exit = True
        thread.join(10)
        tipline.close()


def _local_only(page, base: str) -> list[str]:
    outside: list[str] = []
    page.on("request", lambda r: None if r.url.startswith((base, "data:", "about:")) else outside.append(r.url))
    return outside


def _charts_drawn(page) -> int:
    """How many chart images the browser decoded (a broken image has naturalWidth 0), once all
    have finished loading (polled: the pages' CSP forbids the eval that wait_for_function needs)."""
    images = page.locator("figure.chart img")
    for _ in range(300):
        states = images.evaluate_all("imgs => imgs.map(i => [i.complete, i.naturalWidth])")
        if all(done for done, _ in states):
            return sum(1 for _, width in states if width > 100)
        page.wait_for_timeout(100)
    raise AssertionError("the charts did not finish loading")


def test_dashboard_and_public_page(stats_server, browser):
    page = browser.new_page()
    outside = _local_only(page, stats_server)
    page.goto(f"{stats_server}/staff/statistics?by=quarter")
    assert page.locator("#total").inner_text() == "150"
    assert _charts_drawn(page) == 11
    page.locator("#chart-age_band summary").click()
    rows = page.locator("#table-age_band tbody tr")
    assert rows.count() >= 3
    assert sum(int(rows.nth(i).locator("td").inner_text()) for i in range(rows.count())) == 150
    page.screenshot(path="/tmp/stats-staff.png", full_page=True)
    with page.expect_download() as download:
        page.locator("#chart-gender figcaption a", has_text="CSV").click()
    assert download.value.suggested_filename == "gender.csv"
    page.select_option("#f-by", "year")
    page.locator(".stats-filter button").click()
    assert "by=year" in page.url

    page.goto(f"{stats_server}/statistics?lang=fr")
    assert page.locator("h1").inner_text() == "La sextorsion en chiffres"
    assert _charts_drawn(page) == 4
    cells = page.locator("#table-reports tbody td")
    published = [c.strip() for c in cells.all_text_contents() if c.strip() != "–"]
    assert published and all(int(c) >= 10 for c in published)
    page.screenshot(path="/tmp/stats-public.png", full_page=True)
    assert outside == []
    page.close()

"""Pictures hashed in the victim's browser (static/pdq.js + static/hash-form.js), in Debian's chromium.

- pdq.js agrees with the server's PDQ (``tipline.hashing``, the C++ reference through pdqhash):
  within 10 bits on every reference image of quality >= 80 (PDQ's own conformance criterion),
  and bit for bit when both are given the same pixels; MD5 and SHA-256 are exact.
- On the follow-up page the picture never leaves the page: every request is recorded, and the
  only POST is a small JSON body of 64-hex/32-hex codes to /api/v1/reports/{ref}/hashes.
- The hashes land in the victims' bank; without JavaScript no file input is offered at all.

The app runs with uvicorn in a thread on a free loopback port, as in tests/test_browser.py.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import statistics
from pathlib import Path

import httpx
import numpy as np
import pytest

from conftest import SHARED, Server, need
from tipline.hashing import hash_file
from tipline.hashing.decode import decode
from tipline.hashing.pdq import REFERENCE_QUALITY, REFERENCE_TOLERANCE, hamming, pdq_hash
from tipline.service.hashbank import VICTIMS_BANK, bank_signals

IMAGES = SHARED / "data" / "pdq" / "images"
HEX64 = re.compile(r"[0-9a-f]{64}")

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def images() -> list[Path]:
    need(IMAGES.is_dir(), f"{IMAGES} is absent")
    return sorted(p for p in IMAGES.iterdir() if p.suffix.lower() in {".jpg", ".jpeg", ".png"})


def _probe(page) -> None:
    """A file input of our own in the page, with no listener: files are handed to pdq.js directly."""
    page.evaluate("""() => { const i = document.createElement('input'); i.type = 'file'; i.multiple = true;
                             i.id = 'probe'; i.hidden = true; document.body.appendChild(i); }""")


def _js_hashes(page, paths: list[Path]) -> list[dict]:
    page.set_input_files("#probe", [str(p) for p in paths])
    return page.evaluate("""async () => {
        const out = [];
        for (const f of document.getElementById('probe').files) out.push(await TiplineHash.hashFile(f));
        return out; }""")


def test_the_js_pdq_is_within_10_bits_of_the_python_pdq_on_the_reference_images(
        browser, server, images, record_property):
    page = browser.new_page()
    page.goto(server.url + "/follow-up")
    page.wait_for_function("window.TiplineHash !== undefined")
    _probe(page)
    expected = {p.name: hash_file(p) for p in images}
    results = dict(zip([p.name for p in images], _js_hashes(page, images), strict=True))
    distances: dict[str, int] = {}
    for name, ref in expected.items():
        got = results[name]
        data = (IMAGES / name).read_bytes()
        assert got["md5"] == hashlib.md5(data, usedforsecurity=False).hexdigest()
        assert got["sha256"] == hashlib.sha256(data).hexdigest()
        assert got["pdq"] and HEX64.fullmatch(got["pdq"]), name
        if ref.quality is None or ref.quality < REFERENCE_QUALITY:
            assert abs(got["quality"] - ref.quality) <= 5, name  # low quality is recognised as low too
            continue
        assert got["quality"] >= REFERENCE_QUALITY, name
        distances[name] = hamming(got["pdq"], ref.pdq)
        if ref.pdq_oriented:  # an EXIF rotation: the picture as displayed, too
            assert got["pdqOriented"] and hamming(got["pdqOriented"], ref.pdq_oriented) <= REFERENCE_TOLERANCE
        else:
            assert got["pdqOriented"] is None, name
    assert len(distances) >= 25
    worst, mean = max(distances.values()), statistics.mean(distances.values())
    record_property("pdq_js_max_distance", worst)
    record_property("pdq_js_mean_distance", round(mean, 2))
    print(f"\nJS vs Python PDQ on {len(distances)} images: max {worst}, mean {mean:.2f}")
    far = {n: d for n, d in distances.items() if d > REFERENCE_TOLERANCE}
    assert not far, f"more than {REFERENCE_TOLERANCE} bits from the Python hash: {far}"
    page.close()


def test_the_js_pdq_is_bit_exact_on_the_same_pixels(browser, server, images):
    """Given the pixels the server decoded, pdq.js computes the very hash and quality of the C++ reference:
    the remaining differences above come from the browser's JPEG decoder and scaler, not the algorithm."""
    page = browser.new_page()
    page.goto(server.url + "/follow-up")
    page.wait_for_function("window.TiplineHash !== undefined")
    for path in images:
        pixels = decode(path.read_bytes()).pixels
        expected, quality = pdq_hash(pixels)
        h, w = pixels.shape[:2]
        rgba = np.concatenate([pixels, np.full((h, w, 1), 255, np.uint8)], axis=2).tobytes()
        got = page.evaluate("""([b64, w, h]) => {
            const s = atob(b64), a = new Uint8Array(s.length);
            for (let i = 0; i < s.length; i++) a[i] = s.charCodeAt(i);
            return TiplineHash.pdqFromRGBA(a, w, h); }""", [base64.b64encode(rgba).decode(), w, h])
        assert got == {"hash": expected, "quality": quality}, path.name
    page.close()


def _new_report(server: Server) -> tuple[str, str]:
    r = httpx.post(server.url + "/api/v1/reports", json={"narrative": "il menace de publier les photos"},
                   timeout=10)
    assert r.status_code == 201, r.text
    body = r.json()
    return body["reference"], body["follow_up_token"]


def test_pictures_are_hashed_in_the_page_and_only_their_hashes_are_sent(browser, server, tmp_path):
    reference, token = _new_report(server)
    good, poor = IMAGES / "bridge-1-original.jpg", IMAGES / "q0003.jpg"
    need(good.exists() and poor.exists(), "reference images are absent")
    pictures = {p: p.read_bytes() for p in (good, poor)}
    context = browser.new_context(locale="fr-FR", viewport={"width": 360, "height": 740})
    page = context.new_page()
    requests = []
    page.on("request", lambda request: requests.append(request))
    page.goto(server.url + "/follow-up")
    section = page.locator("[data-hash-section]")
    assert section.get_by_role("heading", name="Empêcher la publication de ces images").is_visible()
    assert section.get_by_text("Vos images ne quittent jamais cet appareil.").is_visible()
    assert not section.locator("[data-hash-nojs]").is_visible()
    # The file input is in no form and has no name: nothing can ever post the file itself.
    files = page.get_by_label("Choisir les images")
    assert files.evaluate("el => el.form === null && !el.hasAttribute('name') && el.multiple && el.accept") \
        == "image/*"
    page.get_by_label("Code de référence").fill(reference)
    page.get_by_label("Jeton de suivi").fill(token)
    loaded = len(requests)
    files.set_input_files([str(p) for p in pictures])
    status = section.locator("[data-hash-status]")
    status.filter(has_text="Vérifiez la liste").wait_for()
    shown = section.locator("[data-hash-results]").inner_text()
    expected = hash_file(good)
    js_pdq = HEX64.search(shown).group(0)
    assert hamming(js_pdq, expected.pdq) <= REFERENCE_TOLERANCE
    assert good.name in shown and "qualité 100 sur 100" in shown
    assert poor.name in shown and "Trop peu de détails" in shown  # quality 3: its PDQ is refused
    assert page.evaluate("document.documentElement.scrollWidth") <= 360  # 64 digits wrap on a phone
    page.screenshot(path=str(tmp_path / "hashes-fr.png"), full_page=True)
    assert len(requests) == loaded, "hashing made requests: " + ", ".join(r.url for r in requests[loaded:])

    with page.expect_response(re.compile(r"/hashes$")) as answer:
        page.get_by_role("button", name="Envoyer les empreintes").click()
    assert answer.value.status == 201
    status.filter(has_text="C’est fait").wait_for()

    # Every request: none carries the pictures, and the only POST is the JSON of hashes.
    posts = [r for r in requests if r.method != "GET"]
    assert [r.url for r in posts] == [f"{server.url}/api/v1/reports/{reference}/hashes"]
    for r in requests:
        body = r.post_data_buffer or b""
        assert len(body) < 4096, f"{r.method} {r.url} sent {len(body)} bytes"
        for data in pictures.values():
            assert data[:64] not in body and data[-64:] not in body
            assert base64.b64encode(data[:48]) not in body
        assert r.url.startswith(server.url + "/"), f"request to another host: {r.url}"
    sent = posts[0]
    assert sent.headers["content-type"].startswith("application/json")
    payload = json.loads(sent.post_data)
    assert set(payload) == {"token", "hashes"} and payload["token"] == token
    assert all(set(h) <= {"signal_type", "value", "quality"} for h in payload["hashes"])
    values = {(h["signal_type"], h["value"]) for h in payload["hashes"]}
    md5s = {hashlib.md5(d, usedforsecurity=False).hexdigest() for d in pictures.values()}
    shas = {hashlib.sha256(d).hexdigest() for d in pictures.values()}
    assert values == {("pdq", js_pdq)} | {("md5", m) for m in md5s} | {("sha256", s) for s in shas}
    for h in payload["hashes"]:
        assert re.fullmatch(r"[0-9a-f]{32}" if h["signal_type"] == "md5" else r"[0-9a-f]{64}", h["value"])

    # They are in the victims' bank, with the report.
    assert set(bank_signals(server.tipline, VICTIMS_BANK)) == values
    context.close()


def test_a_wrong_token_is_refused_and_nothing_is_stored(browser, server):
    reference, _ = _new_report(server)
    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    page.goto(server.url + "/follow-up")
    page.get_by_label("Reference code").fill(reference)
    page.get_by_label("Follow-up token").fill("AAAAA-BBBBB-CCCCC-DDDDD")
    page.get_by_label("Choose the pictures").set_input_files(str(IMAGES / "wee.jpg"))
    status = page.locator("[data-hash-status]")
    status.filter(has_text="Check the list").wait_for()
    page.get_by_role("button", name="Send the fingerprints").click()
    status.filter(has_text="could not find a report").wait_for()
    assert not bank_signals(server.tipline, VICTIMS_BANK)
    context.close()


def test_without_javascript_no_file_input_is_offered_and_the_page_says_why(browser, server):
    context = browser.new_context(java_script_enabled=False, locale="en-GB")
    page = context.new_page()
    page.goto(server.url + "/follow-up")
    section = page.locator("[data-hash-section]")
    assert section.get_by_role("heading", name="Block these pictures from being posted").is_visible()
    assert section.get_by_text("needs JavaScript").is_visible()
    assert "tipline hash" in section.inner_text()
    assert not page.locator("#hash-files").is_visible()
    # The report form itself still takes no files.
    assert page.locator("form input[type=file]").count() == 0
    context.close()


def test_more_pictures_than_one_request_takes_are_all_sent(browser, server, tmp_path):
    """The API takes 100 hashes a request; 40 pictures give 120: every one must reach the bank."""
    import numpy as np
    from PIL import Image

    reference, token = _new_report(server)
    rng = np.random.default_rng(11)
    pictures = []
    for i in range(40):
        path = tmp_path / f"p{i:02d}.jpg"
        Image.fromarray(rng.integers(0, 255, (24, 32, 3), dtype=np.uint8)).resize((256, 192)).save(path)
        pictures.append(path)
    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    posts = []
    page.on("request", lambda r: posts.append(r) if r.method == "POST" else None)
    page.goto(server.url + "/follow-up")
    page.get_by_label("Reference code").fill(reference)
    page.get_by_label("Follow-up token").fill(token)
    page.get_by_label("Choose the pictures").set_input_files([str(p) for p in pictures])
    status = page.locator("[data-hash-status]")
    status.filter(has_text="Check the list").wait_for(timeout=60_000)
    page.get_by_role("button", name="Send the fingerprints").click()
    status.filter(has_text="Done:").wait_for()
    assert len(posts) == 2
    assert "120 new fingerprints" in status.inner_text()
    stored = bank_signals(server.tipline, VICTIMS_BANK)
    assert len(stored) == 120 and {kind for kind, _ in stored} == {"pdq", "md5", "sha256"}
    context.close()

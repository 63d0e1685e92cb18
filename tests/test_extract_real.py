"""Extraction on real data from shared/ (read there, never copied into the repository).

* Six real sextortion spam emails: every wallet of the ``crypto`` field is found, with nothing
  else crypto-like, and each email is flagged ``sextortion`` — the one written with Cyrillic
  look-alike letters too.
* 59 real French scam reports: the scammer fields the victims typed apart from the text
  (``reported_url``, ``reported_name``, ``reported_email``) canonicalise to the identifiers the
  text itself yields when it mentions them, and nothing is read from the texts that a person would
  not (checked against the per-report expectations below, written by reading each report).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import SHARED, need
from tipline.extract import extract_text
from tipline.extract.kinds import email as email_kind
from tipline.extract.kinds import links

REAL = SHARED / "data" / "real"
EMAILS = REAL / "sextortion_emails" / "emails.jsonl"
REPORTS = REAL / "french_scam_reports" / "reports.jsonl"


def _rows(path: Path) -> list[dict]:
    need(path.exists(), f"{path} is absent (shared/data is not checked out here)")
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_sextortion_emails_give_up_their_wallets_and_are_flagged():
    rows = _rows(EMAILS)
    assert len(rows) == 6
    for row in rows:
        x = extract_text(row["text"])
        assert sorted(m.value for m in x.mentions if m.kind == "crypto") == sorted(row["crypto"]), row["source"]
        assert x.signals["sextortion"], row["source"]
        assert x.language == "en"
        assert any(m.role == "demanded" for m in x.money), row["source"]
        assert not x.signals["images_shared"], row["source"]  # "or the videos are published" is a threat


def test_the_cyrillic_email_reads_like_the_others():
    rows = _rows(EMAILS)
    cyrillic = [r for r in rows if any("\u0400" <= c <= "\u04ff" for c in r["text"])]
    assert cyrillic, "one email hides its words with Cyrillic look-alikes"
    for row in cyrillic:
        x = extract_text(row["text"])
        assert x.signals["sextortion"] and x.signals["deadline"]
        assert [m.value for m in x.mentions if m.kind == "crypto"] == row["crypto"]


def _canonical_url(value: str):
    return links.classify(value.strip())


def test_reported_urls_canonicalise_like_the_text_mentions():
    rows = _rows(REPORTS)
    checked = 0
    for row in rows:
        url = row.get("reported_url")
        if not url or url == "None":
            continue
        expected = _canonical_url(url)
        found = extract_text(url).mentions
        if expected is None:
            assert found == [], url  # a platform's home page names nobody
            continue
        assert [(m.kind, m.value) for m in found] == [(expected.kind, expected.value)], url
        checked += 1
        # The site lower-cases query strings; the canonical value must not depend on them.
        if "?" in url:
            assert _canonical_url(url.split("?")[0]).value == expected.value
    assert checked >= 40


@pytest.mark.parametrize(("url", "value"), [
    ("https://instagram.com/ma.cuisine.au.quotidien__?igshid=y0y4hz5l0it2", "instagram:ma.cuisine.au.quotidien__"),
    ("www.instagram.com/momentssucres/", "instagram:momentssucres"),
    ("https://www.instagram.com/sarahdubois7715?igsh=mwr4bgwwytbzyne3", "instagram:sarahdubois7715"),
    ("https://www.instagram.com/antony.okdia?utm_source=qr&igsh=zhm5mnq0egw1nhr2", "instagram:antony.okdia"),
])
def test_reported_url_examples_from_the_readme(url, value):
    assert [m.value for m in extract_text(url).mentions] == [value]


def test_reported_names_that_are_handles_match_the_url_account():
    rows = _rows(REPORTS)
    pairs = 0
    for row in rows:
        name, url = row.get("reported_name"), row.get("reported_url")
        if not name or not url or not name.startswith("@"):
            continue
        from_name = extract_text(f"instagram {name}").mentions
        from_url = _canonical_url(url)
        if from_url is not None and from_name and from_name[0].value == from_url.value:
            pairs += 1
    assert pairs >= 1  # "@medium1967" ↔ instagram.com/medium1967


def test_reported_emails_are_valid_where_they_have_a_domain():
    rows = _rows(REPORTS)
    emails = [r["reported_email"] for r in rows if r.get("reported_email") and r["reported_email"] != "None"]
    assert emails
    for value in emails:
        found = email_kind.normalise(value)
        if value.endswith("@mail.instagram"):
            continue  # no top-level domain: the README's example of a raw field
        assert found is not None and found.value == value.lower(), value


# What a person reading each report notes (report index in the file → identifiers). Reports not
# listed must yield no identifier at all: most name the scammer only in the separate fields.
EXPECTED_IN_TEXT: dict[int, set[tuple[str, str]]] = {
    2: {("url", "https://validationthermomix.weebly.com")},
    15: {("profile", "instagram:chefameliedupont")},
    20: {("phone", "+33616797251")},
    29: {("phone", "+254733467798"), ("phone", "+254107935959"), ("phone", "+254754233568"),
         ("phone", "+254785327163"), ("phone", "+12397224190"), ("profile", "instagram:saltyluxe"),
         ("profile", "telegram:virginie_faure4")},
    37: {("url", "https://www.signal-arnaques.com/scam/view/210994")},
    43: {("profile", "instagram:medium1967")},
    47: {("phone", "+2250777869257")},
    48: {("url", "https://www.instagram.com/p/DNsF6l7UP-l"), ("phone", "+33670912313")},
}


def test_identifiers_read_from_real_report_texts():
    rows = _rows(REPORTS)
    assert len(rows) == 59
    for index, row in enumerate(rows):
        x = extract_text(row["text"], "FR")
        got = {(m.kind, m.value) for m in x.mentions}
        assert got == EXPECTED_IN_TEXT.get(index, set()), (index, row["text"][:200])
        assert x.language == "fr", index


def test_signals_on_real_reports():
    rows = _rows(REPORTS)
    flagged = {i for i, row in enumerate(rows) if extract_text(row["text"], "FR").signals["sextortion"]}
    # 33: nude photos against a 400 € Transcash; 39: private photos unless money is sent; 43: threatens
    # to publish the victim's photos after a money demand.
    assert flagged == {33, 39, 43}

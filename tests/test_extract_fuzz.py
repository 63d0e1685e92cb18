"""Any text at all: extraction never raises, and what it returns is well-formed."""

from __future__ import annotations

import time
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tipline.extract import SIGNALS, extract_text
from tipline.extract.unicode import normalise

KINDS = {"phone", "email", "profile", "transfer_reference", "transfer_recipient", "crypto", "iban", "paypal",
         "gift_card", "url"}
# Pieces that make the finders work: digits and separators, @ and dots, cue words, look-alikes,
# invisible and bidi characters, combining accents, fullwidth and astral characters.
PIECES = st.sampled_from([
    "+225 ", "07 58 12 34 56", "00", "@", ".", "-", "/", ":", "\n", " ", "€", "$", "FCFA", "insta: ", "snap ",
    "MTCN ", "au nom de ", "Kouassi Yao", "wa.me/", "https://", "www.", ".com", "live:.cid.", "bc1q", "0x",
    "\u200b", "\u202e", "\u0301", "\u0430", "\u03bf", "ＡＷＡ", "𝐛", "😈", "\ufe0f", "é", "İ", "ß", "\x00", "\r",
    "j'ai 15 ans", "tu as 24h", "il demande 800 $", "FR76 3000", "paypal ", "steam ", "ABCD-1234-EFGH",
])
TEXTS = st.one_of(
    st.text(max_size=300),
    st.lists(st.one_of(PIECES, st.text(max_size=8)), max_size=40).map("".join),
)


def _check(text: str, country: str | None) -> None:
    x = extract_text(text, country)
    assert set(x.signals) == set(SIGNALS) and all(isinstance(v, bool) for v in x.signals.values())
    for m in x.mentions:
        assert m.kind in KINDS and m.value and isinstance(m.value, str)
        start, end = m.span
        assert 0 <= start <= end <= len(text)
        assert m.found.raw == text[start:end]
        assert m.found.source == "narrative"
    assert len({(m.kind, m.value) for m in x.mentions}) == len(x.mentions)
    for money in x.money:
        assert isinstance(money.amount, Decimal) and money.amount > 0
        assert len(money.currency) == 3 and money.currency.isupper()
        assert money.role in ("demanded", "paid", "unknown")
        assert 0 <= money.span[0] <= money.span[1] <= len(text)
    assert all(len(p) == 2 and p.isupper() for p in x.places)
    assert x.language is None or len(x.language) == 2
    data = x.to_json()
    assert set(data) == {"language", "identifiers", "money", "signals"}
    n = normalise(text)
    assert len(n.folded) == len(n.text)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS, st.sampled_from([None, "FR", "CA", "CI", "US", "zz", ""]))
def test_any_text_never_crashes_and_is_well_formed(text, country):
    _check(text, country)


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=2000))
def test_binary_garbage(data):
    _check(data.decode("latin-1"), "FR")
    _check(data.decode("utf-8", "replace"), None)


def test_bytes_are_accepted():
    assert extract_text(b"+225 07 58 12 34 56 \xff").mentions[0].value == "+2250758123456"


def test_adversarial_megabyte_inputs_stay_linear():
    """Long digit runs, many @ and dots: each megabyte takes about twice as long as half of it."""
    for unit in ("7", "0612345678 ", "@", ".", "a.b@", "@x insta: @y ", "100 € ", "\u200ba"):
        half = unit * (500_000 // len(unit))
        full = half + half
        start = time.perf_counter()
        extract_text(half, "FR")
        t_half = time.perf_counter() - start
        start = time.perf_counter()
        extract_text(full, "FR")
        t_full = time.perf_counter() - start
        assert t_full < 5.0, (unit, t_full)
        assert t_full < 3 * t_half + 0.2, (unit, t_half, t_full)  # linear, with room for timer noise

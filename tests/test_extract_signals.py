"""Signals: the rules added after the blind sets, each with wordings that must and must not fire
(written for these tests, not taken from the labelled sets)."""

from __future__ import annotations

import pytest

from tipline.extract import extract_text


def fires(text: str, signal: str, country: str | None = None) -> bool:
    return extract_text(text, country).signals[signal]


@pytest.mark.parametrize(("text", "expected"), [
    # a limit said in more ways
    ("she said u got 3 hours or it goes to your friends", True),
    ("Il m'a dit que j'ai 24 h pour payer.", True),
    ("Il veut 300 € avant le 14/02 sinon il publie.", True),
    ("He wants $200 more before night.", True),
    ("He wants $200 more before 12 midnight.", True),
    ("Now he says the video goes out at 9pm.", True),
    ("pay £300 or he posts tonight", True),
    ("Délai : samedi 18h.", True),
    ("The timer starts now: 36h.", True),
    ("pay me tonight or everyone sees it", True),
    ("you have 48 hours. After payment I will delete the video.", True),
    # no limit: denied, the victim's own plan, a promise to repay, how fast, since when, a promised return
    ("He asked for $200 but no deadline was given.", False),
    ("She never gave me a deadline.", False),
    ("Il n'a pas encore payé mais il compte le faire demain.", False),
    ("She asked me to cover a bill, £900, and said she'd pay me back tomorrow.", False),
    ("I hung up; within ten minutes I received a recording of the call.", False),
    ("He blocked me and nothing has happened in 4 days.", False),
    ("I haven't heard from her in a week.", False),
    ("He promised to turn my $50 into $800 in an hour.", False),
    ("a snap with a timer on it", False),
])
def test_deadline(text, expected):
    assert fires(text, "deadline", "US") is expected

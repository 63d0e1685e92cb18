"""Money-transfer recipients' names: the same person up to spelling, transliteration and order.

Victims copy a name dictated by the scammer: "Kouassi Yao Serge", "KOUASSI Serge", "Kwassi Yao".
``fold`` maps the usual transliteration variants to one spelling (hand-written: RapidFuzz compares
strings but knows no phonetics, and the phonetic libraries target English names, not West African
or Maghrebi ones); RapidFuzz then scores the folded names. Blocking keys (one per folded word)
let the store find candidates by index instead of comparing every pair.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from tipline.extract.kinds.money_transfer import name_key

_RULES: tuple[tuple[re.Pattern[str], str], ...] = tuple((re.compile(a), b) for a, b in (
    (r"ou", "u"), (r"w", "u"), (r"ph", "f"), (r"dj", "j"), (r"sh", "ch"), (r"c(?=[eiy])", "s"),
    (r"ck|q|c", "k"), (r"y", "i"), (r"z", "s"), (r"(?<=[a-z])h", ""), (r"([a-z])\1+", r"\1"),
    (r"ei", "ie"), (r"gn", "ng"),
))
_MIN_WORD = 3


def fold(word: str) -> str:
    for pattern, repl in _RULES:
        word = pattern.sub(repl, word)
    return word


def split(value: str) -> tuple[str | None, str]:
    """A ``transfer_recipient`` value ("CI:kouassi serge yao") as (country or None, name key)."""
    country, _, key = value.partition(":")
    return (None if country == "??" else country), key


def folded(name: str) -> list[str]:
    return sorted(fold(w) for w in name_key(name).split() if w)


def block_keys(value: str) -> list[str]:
    """Index keys for candidates: each folded word of at least three letters."""
    _, key = split(value)
    return sorted({w for w in folded(key) if len(w) >= _MIN_WORD})


def scores(a: str, b: str) -> tuple[float, float]:
    """(whole-name score, score allowing a forgotten given name), 0–100; both 0 across countries."""
    ca, ka = split(a)
    cb, kb = split(b)
    if ca and cb and ca != cb:
        return 0.0, 0.0
    fa, fb = folded(ka), folded(kb)
    if not fa or not fb:
        return 0.0, 0.0
    sa, sb = " ".join(fa), " ".join(fb)
    whole = float(fuzz.token_sort_ratio(sa, sb))
    partial = whole
    if min(len(fa), len(fb)) >= 2 and len(fa) != len(fb):  # all of the shorter name is in the longer
        partial = max(whole, fuzz.token_set_ratio(sa, sb) * 0.97)
    return whole, partial


def score(a: str, b: str) -> float:
    """0–100: how surely two recipient values name the same person; 0 across countries."""
    return max(scores(a, b))


SAME = 88.0  # at or above: the same recipient (checked on name variants the simulator does not use)


def same(a: str, b: str) -> bool:
    return score(a, b) >= SAME

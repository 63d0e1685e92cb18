"""One pass for the cue words (``extract.cues``): scanning only the windows around them gives the
same matches as scanning the whole text. This fails when a pattern gains an alternative whose
words are not in its module's ``CUE_WORDS``."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tipline.extract import cues, money, places, signals
from tipline.extract.kinds import gift_card, money_transfer, profile
from tipline.extract.model import Context
from tipline.extract.patterns import Anchors
from tipline.extract.unicode import normalise

DATA = Path(__file__).parent / "data"
FINDERS = (money_transfer.find, profile.find, gift_card.find, money.find)
TEXTS = [json.loads(line)["text"] for path in sorted(DATA.glob("extract_*.jsonl"))
         for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _both_ways(text: str) -> None:
    norm = normalise(text)
    whole = Context(region="FR", folded=norm.folded, places=tuple(places.find(norm.folded, norm.text)))
    windowed = replace(whole, cues=cues.windows(norm.folded))
    for finder in FINDERS:
        assert list(finder(norm.text, windowed)) == list(finder(norm.text, whole)), finder.__module__
    assert signals.detect(norm.folded, cues=windowed.cues) == signals.detect(norm.folded)
    assert places.find(norm.folded, norm.text, windowed.windows("place")) == list(whole.places)


def test_the_labelled_texts_read_the_same_in_windows():
    assert len(TEXTS) > 1000
    for text in TEXTS:
        _both_ways(text)


def test_a_long_text_reads_the_same_in_windows():
    # Windows of neighbouring texts merge, and the cue words of one text sit near another's words.
    _both_ways("\n".join(TEXTS[:400]))


def test_windows_are_only_where_cue_words_are():
    found = cues.windows("rien ici " * 50 + "au nom de kouassi yao par western union, mtcn 4821093375")
    assert set(found) >= {"transfer_recipient", "transfer_reference"}
    assert "gift_card" not in found and "place" not in found
    low, high = found["transfer_recipient"][0]
    assert low > 0 and high - low < 2 * cues.REACH + 20


PIECES = st.sampled_from([
    "au nom de ", "Kouassi Yao ", "beneficiaire: ", "name: ", "nom : ", "MTCN ", "m.t.c.n ", "n° de transfert ",
    "code ", "482-109-3375 ", "insta: ", "@awa.belle__ ", "sur snap c'est ", "compte ", "username ", "steam ",
    "carte cadeau ", "google play ", "ABCD-1234-EFGH ", "il demande ", "il en veut encore ", "video ", "my brother's "
    "number ", "envoyée à mes amis ", " ", "\n", ".", ":", "'", "@", "é",
])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(PIECES, st.text(max_size=6)), max_size=30).map("".join))
def test_any_mix_of_cue_words_reads_the_same_in_windows(text):
    _both_ways(text)



def test_anchor_words_start_words_anywhere_and_may_overlap():
    anchors = Anchors({"sent": ("sent",), "call": ("appel",), "them": ("leur a",), "day": ("24h", "4h")}, reach=5)
    # at the very start, after a digit or a sign, and overlapping another rule's word; never inside a word
    found = anchors.windows("sent, present; leur appel 124h")  # folded text
    assert found["sent"] == [(0, 9)]
    assert found["them"] == [(10, 26)] and found["call"] == [(15, 30)]
    assert found["day"] == [(22, 30)]  # "24h" and "4h" (after a digit) both start a word
    assert anchors.windows("representant") == {}


def _regex_windows(anchors: Anchors, text: str) -> dict[str, list[tuple[int, int]]]:
    """The same windows by the plain definition: every position not after a letter."""
    out: dict[str, list[tuple[int, int]]] = {}
    for start in range(len(text)):
        if start and "a" <= text[start - 1] <= "z":
            continue
        for word, rules in anchors._owners.items():
            if text.startswith(word, start):
                for i in rules:
                    windows = out.setdefault(anchors._rules[i], [])
                    low, high = max(0, start - anchors.reach), min(len(text), start + len(word) + anchors.reach)
                    if windows and low <= windows[-1][1]:
                        windows[-1] = (windows[-1][0], max(windows[-1][1], high))
                    else:
                        windows.append((low, high))
    return out


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["sent", "leur a", "appel", "24h", "4h", "pre", " ", "1", "é", "'", "\n", "x"]),
                max_size=25).map("".join))
def test_anchor_windows_match_their_definition(text):
    anchors = Anchors({"sent": ("sent",), "call": ("appel",), "them": ("leur a",), "day": ("24h", "4h")}, reach=3)
    assert anchors.windows(text) == _regex_windows(anchors, text)

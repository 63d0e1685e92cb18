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


def test_the_labelled_texts_read_the_same_in_windows():
    assert len(TEXTS) > 1000
    for text in TEXTS:
        _both_ways(text)


def test_a_long_text_reads_the_same_in_windows():
    # Windows of neighbouring texts merge, and the cue words of one text sit near another's words.
    _both_ways("\n".join(TEXTS[:400]))


def test_windows_are_only_where_cue_words_are():
    found = cues.windows("rien ici " * 50 + "au nom de Kouassi Yao par western union, mtcn 4821093375")
    assert set(found) >= {"transfer_recipient", "transfer_reference"}
    assert "gift_card" not in found
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


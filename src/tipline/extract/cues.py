"""Where the cue words are: one pass over a folded text for every finder's and signal's costly scan.

Each costly scan (a cue regex run over the whole text: "beneficiaire", "mtcn", a platform's name,
a gift card's brand, a place's name, the signals' phrases) costs a pass of Python's ``re`` over
every position of the text, 20 to 50 ms a megabyte each. Their cue words, all in one trie
(``patterns.Anchors``), are found in one such pass; each scan then runs only in windows around its
own words (``Context.windows``). A module's ``CUE_WORDS`` maps a rule to words every match of its
regex holds, which is what makes the windows give the same matches as the whole text.
"""

from __future__ import annotations

from functools import cache

from tipline.extract import money, places, signals
from tipline.extract.kinds import gift_card, money_transfer, profile
from tipline.extract.patterns import Anchors

# A match must lie within ``REACH`` characters of its cue word: the signals' reach (their phrases
# are the longest), so that signals read in these windows read as they do on their own.
REACH = signals.CUE_REACH


@cache
def _anchors() -> Anchors:
    """Built on first use, as the place names are (pycountry's catalogues)."""
    return Anchors({**signals.CUE_WORDS, **money.CUE_WORDS, **money_transfer.CUE_WORDS, **profile.CUE_WORDS,
                    **gift_card.CUE_WORDS, "place": tuple(places.names())}, reach=REACH)


def windows(folded: str) -> dict[str, list[tuple[int, int]]]:
    """Per rule, the merged windows of ``folded`` that can hold its matches (absent: none)."""
    return _anchors().windows(folded)

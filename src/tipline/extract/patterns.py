"""Regular-expression helpers shared by the finders.

Python's ``re`` tries each branch of an alternation in turn at every position; a list of several
hundred names or cue words written as ``a|b|c…`` is slow on a 1 MB narrative. ``trie_pattern``
factors common prefixes (the trick of the ``trieregex`` package, a few lines here instead of a
dependency), so the engine reads each character once per position and stays linear.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from itertools import chain


def trie_pattern(words: Iterable[str]) -> str:
    """A regex source matching exactly ``words`` (longest alternatives first), prefixes factored."""
    trie: dict[str, dict] = {}
    for word in words:
        if not word:
            continue
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _node_pattern(trie)


def _node_pattern(node: dict[str, dict]) -> str:
    ends = "" in node
    branches = [re.escape(char) + _node_pattern(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    if len(branches) == 1 and not ends:
        return branches[0]
    body = "(?:" + "|".join(branches) + ")"
    return body + "?" if ends else body


def words_regex(words: Iterable[str], flags: int = 0) -> re.Pattern[str]:
    """Whole words (``\\b`` on each side) from a list, as one factored pattern."""
    return re.compile(r"(?<![\w'])(?:" + trie_pattern(words) + r")(?![\w])", flags)


# Sentence ends in folded text: . ! ? followed by a space or the end, a blank line, a new chat
# message ("\n[12/03 22:41]"). A single newline is not one: victims wrap lines mid-sentence.
SENTENCE_END = re.compile(r"[.!?](?=\s|$)|\n[ \t]{0,8}(?:\n|\[)")


class SpanSet:
    """Disjoint spans kept sorted (so their ends are sorted too), for overlap tests in O(log n)
    instead of a scan of every kept span."""

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []
        for start, end in sorted(spans):
            self.add(start, end)

    def overlapping(self, start: int, end: int) -> list[tuple[int, int]]:
        """The kept spans that overlap [start, end)."""
        i = bisect_left(self._starts, end)  # spans starting before ``end``
        out = []
        while i > 0 and self._ends[i - 1] > start:
            i -= 1
            out.append((self._starts[i], self._ends[i]))
        return out

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect_left(self._starts, end)
        return i > 0 and self._ends[i - 1] > start

    def add(self, start: int, end: int) -> None:
        i = bisect_left(self._starts, start)
        self._starts.insert(i, start)
        self._ends.insert(i, end)


class Anchors:
    """Where to look: one scan for the literal words every match of a rule must contain, then each
    rule's full regex runs only in windows around its words.

    A rule's regex may be costly to run over a megabyte (alternations of phrases, bounded gaps);
    its anchor words are a trie scanned in C once for all rules. The result is the same as a full
    scan as long as every match of the rule contains one of its words and is shorter than ``reach``.
    """

    def __init__(self, rules: dict[str, Iterable[str]], reach: int = 260) -> None:
        self.reach = reach
        owners: dict[str, set[str]] = {}
        for rule, words in rules.items():
            for word in words:
                owners.setdefault(word, set()).add(rule)
        # The trie matches the longest word: "menace" (one rule's word) must also count for
        # "menac" (another rule's), so each word carries the rules of the words it starts with.
        for word in owners:
            for cut in range(1, len(word)):
                if word[:cut] in owners:
                    owners[word] |= owners[word[:cut]]
        self._rules = sorted(rules)
        index = {rule: i for i, rule in enumerate(self._rules)}
        self._owners = {word: tuple(index[rule] for rule in sorted(found)) for word, found in owners.items()}
        # Words start at a word boundary ("sent" not in "présent", "jour" not in "bonjour"): after a
        # character that is not a letter, which each match consumes, and the word is read in a
        # look-ahead so that matches may overlap: "leur a" (one rule's word) must not hide "appel"
        # (another's) in "leur appel". Starting on a character class lets ``re`` skip over letters
        # in C; a look-behind first would be tried at every position (a third slower).
        word = "(?=(" + trie_pattern(owners) + "))"
        self._regex = re.compile("[^a-z]" + word)
        self._first = re.compile(word)  # a word at the very start of the text

    def windows(self, text: str) -> dict[str, list[tuple[int, int]]]:
        """Merged (start, end) windows per rule; a rule with no anchor in ``text`` has none."""
        n, reach, owners = len(text), self.reach, self._owners
        starts: list[list[int]] = [[] for _ in self._rules]
        ends: list[list[int]] = [[] for _ in self._rules]
        last = [-reach - 1] * len(self._rules)  # the end of each rule's last window
        at_start = self._first.match(text)
        for match in chain((at_start,) if at_start else (), self._regex.finditer(text)):
            start, end = match.span(1)
            low, high = start - reach, end + reach
            for rule in owners[match.group(1)]:
                if low <= last[rule]:
                    ends[rule][-1] = high
                else:
                    starts[rule].append(low if low > 0 else 0)
                    ends[rule].append(high)
                last[rule] = high
        return {name: list(zip(starts[i], [min(n, e) for e in ends[i]], strict=True))
                for i, name in enumerate(self._rules) if starts[i]}


def intersect(first: list[tuple[int, int]], second: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Where two lists of windows (sorted, disjoint) overlap: for a rule whose every match holds a
    word of two lists (a verb and a picture word), a narrower place to look."""
    out: list[tuple[int, int]] = []
    i = j = 0
    while i < len(first) and j < len(second):
        low, high = max(first[i][0], second[j][0]), min(first[i][1], second[j][1])
        if low < high:
            out.append((low, high))
        if first[i][1] < second[j][1]:
            i += 1
        else:
            j += 1
    return out


def finditer_in(pattern: re.Pattern[str], text: str, windows: list[tuple[int, int]]) -> Iterable[re.Match[str]]:
    """``pattern.finditer`` restricted to ``windows`` (look-behinds still see before a window)."""
    for low, high in windows:
        yield from pattern.finditer(text, low, high)


def scan(pattern: re.Pattern[str], text: str, windows: list[tuple[int, int]] | None) -> Iterable[re.Match[str]]:
    """``pattern.finditer`` over the whole text, or only in ``windows`` when they are known."""
    return pattern.finditer(text) if windows is None else finditer_in(pattern, text, windows)

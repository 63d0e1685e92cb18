"""Unicode clean-up for matching, with a map back to the offsets of the text as written.

Reports arrive with emoji, bidi marks pasted from WhatsApp, zero-width spaces that scammers put
inside handles to dodge platform filters, fullwidth or "mathematical bold" letters, decomposed
accents, and Cyrillic or Greek look-alikes inside Latin words (``mеssаge`` with Cyrillic е and а).
Every finder works on one normalised copy:

* NFKC (fullwidth → ASCII, ligatures, compatibility digits), per grapheme cluster so that a
  decomposed ``e`` + U+0301 becomes ``é``;
* invisible format characters (zero-width, bidi controls, soft hyphen, variation selectors, tag
  characters) removed; every kind of space becomes ``" "``, line and paragraph separators ``"\\n"``;
* Cyrillic/Greek look-alikes folded to Latin inside words whose other letters are Latin or
  look-alikes too (a genuine Russian word keeps its letters); the folded positions are kept so that
  an identifier written with look-alikes is flagged ``mixed_script``.

A second copy, ``folded``, has the same length and is lower-cased and accent-stripped, for cue
words ("demandé", "DEMANDE", "demande" all read "demande").

Why not a library: ``confusable_homoglyphs`` and Unicode's confusables.txt map to skeletons (many
characters to strings, and Latin to other scripts too), which breaks offsets and folds Russian
words; here we need a one-to-one, Latin-only fold that ``str.translate`` applies in C.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

# Look-alikes that render like a Latin letter in common fonts (Cyrillic, Greek, a few Latin IPA).
CONFUSABLES: dict[str, str] = {
    # Cyrillic lower case
    "а": "a", "в": "b", "е": "e", "ё": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p", "с": "c",
    "т": "t", "у": "y", "х": "x", "ѕ": "s", "і": "i", "ї": "i", "ј": "j", "ԁ": "d", "һ": "h", "ӏ": "l",
    "ԛ": "q", "ԝ": "w", "ո": "n", "ս": "u", "ɡ": "g", "ı": "i", "ɑ": "a", "ʏ": "y",
    # Cyrillic upper case
    "А": "A", "В": "B", "Е": "E", "Ё": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P", "С": "C",
    "Т": "T", "У": "Y", "Х": "X", "Ѕ": "S", "І": "I", "Ї": "I", "Ј": "J", "Ԁ": "D", "Һ": "H", "Ӏ": "I",
    "Ԛ": "Q", "Ԝ": "W",
    # Greek
    "α": "a", "ο": "o", "ρ": "p", "ν": "v", "ι": "i", "κ": "k", "τ": "t", "υ": "u", "χ": "x", "ε": "e",
    "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N", "Ο": "O",
    "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X",
}
_CONFUSABLE_TABLE = str.maketrans(CONFUSABLES)
_NON_LATIN_LETTER = re.compile(r"[\u0250-\u02af\u0370-\u03ff\u0400-\u052f\u0531-\u058f]")

# Characters that are dropped: format controls (Cf), variation selectors, combining grapheme joiner.
_DROP = re.compile(
    "[\u00ad\u034f\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufe00-\ufe0f\ufeff"
    "\ufff9-\ufffb\U000e0000-\U000e007f\U000e0100-\U000e01ef]"
)
_SPACE = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t\x0b\x0c]")
_NEWLINE = re.compile("[\u0085\u2028\u2029\r]")
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")

# Same-length fold for cue words: lower case, accents off, typographic apostrophes to "'".
_FOLD: dict[int, str] = {ord(c): c.lower() for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"}
for _code in range(0xC0, 0x250):
    _base = unicodedata.normalize("NFKD", chr(_code))[:1]
    if _base.isascii() and _base.isalpha():
        _FOLD[_code] = _base.lower()
_FOLD.update({ord("’"): "'", ord("‘"): "'", ord("ʼ"): "'", ord("`"): "'", ord("´"): "'", ord("Œ"): "œ"})


@dataclass(frozen=True, slots=True)
class Normalised:
    """``text`` for finders, ``folded`` (same length) for cue words, and the way back to ``original``."""

    original: str
    text: str
    folded: str
    # Length-changing replacements, sorted: (start in text, end in text, start in original, end in original).
    _anchors: tuple[tuple[int, int, int, int], ...] = ()
    # Spans of ``text`` where look-alike letters were folded to Latin.
    lookalikes: tuple[tuple[int, int], ...] = field(default=())
    _starts: tuple[int, ...] = ()

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """A span of ``text`` as a span of ``original`` (a replaced cluster is taken whole)."""
        if not self._anchors:
            return start, end
        return self._map_start(start), self._map_end(end)

    def _map_start(self, pos: int) -> int:
        i = bisect_right(self._starts, pos) - 1  # last change starting at or before pos
        if i < 0:
            return pos
        _, n_end, o_start, o_end = self._anchors[i]
        return o_start if pos < n_end else pos - n_end + o_end

    def _map_end(self, pos: int) -> int:
        i = bisect_left(self._starts, pos) - 1  # last change starting before pos
        if i < 0:
            return pos
        _, n_end, _, o_end = self._anchors[i]
        return o_end if pos < n_end else pos - n_end + o_end

    def has_lookalikes(self, start: int, end: int) -> bool:
        """Whether look-alike letters were folded inside ``text[start:end]``."""
        spans = self.lookalikes
        i = bisect_left(spans, (start, -1))
        if i > 0 and spans[i - 1][1] > start:
            return True
        return i < len(spans) and spans[i][0] < end


def _replacement(segment: str) -> list[tuple[int, int, str]]:
    """(start, end, replacement) per grapheme cluster of a non-ASCII segment that changes."""
    out: list[tuple[int, int, str]] = []
    i, n = 0, len(segment)
    while i < n:
        j = i + 1
        while j < n and unicodedata.combining(segment[j]) and not _DROP.match(segment[j]):
            j += 1
        cluster = segment[i:j]
        if _DROP.match(cluster[0]):
            new = ""
            j = i + 1
        elif _SPACE.match(cluster[0]):
            new, j = " ", i + 1
        elif _NEWLINE.match(cluster[0]):
            new, j = "\n", i + 1
        elif _CONTROL.match(cluster[0]):
            new, j = " ", i + 1
        else:
            new = unicodedata.normalize("NFKC", cluster)
            new = _DROP.sub("", new)
        if new != segment[i:j]:
            out.append((i, j, new))
        i = j
    return out


def _special_class() -> str:
    """A character class of everything ``_replacement`` may change: computed once at import (a
    few tens of milliseconds) so that ordinary accented text is skipped by one regex scan in C."""
    codes: list[int] = []
    for code in range(0x80, 0x10000):
        if 0xD800 <= code <= 0xDFFF:
            continue
        char = chr(code)
        if (unicodedata.combining(char) or unicodedata.category(char) in ("Cf", "Zs", "Zl", "Zp", "Cc", "Mn", "Me")
                or unicodedata.normalize("NFKC", char) != char):
            codes.append(code)
    ranges: list[str] = []
    start = prev = codes[0]
    for code in [*codes[1:], -1]:
        if code == prev + 1:
            prev = code
            continue
        ranges.append(re.escape(chr(start)) if start == prev else f"{re.escape(chr(start))}-{re.escape(chr(prev))}")
        start = prev = code
    # Any character beyond the BMP (emoji, mathematical bold letters, tags) is looked at in Python:
    # listing the astral ones would make the class a long chain of ranges that ``re`` walks for
    # every character.
    return "".join(ranges) + "\U00010000-\U0010ffff"


_SPECIAL = re.compile("[" + _special_class() + "]{1,4096}")
_ASCII_CONTROL = re.compile("[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f]")  # each becomes a space; "\\r" a newline


def _controls_off(text: str) -> str:
    """ASCII control characters replaced one for one. ``str.replace`` and a regex run in C; a
    ``translate`` table would read every character of a megabyte through a dict (50 ms)."""
    if "\r" in text:
        text = text.replace("\r", "\n")
    return _ASCII_CONTROL.sub(" ", text) if _ASCII_CONTROL.search(text) else text


def normalise(original: str) -> Normalised:
    """The normalised copies of ``original`` (any string; never raises)."""
    base = _controls_off(original)  # 1:1
    if base.isascii():
        return Normalised(original, base, base.lower().replace("`", "'"))
    pieces: list[str] = []
    anchors: list[tuple[int, int, int, int]] = []
    done = 0  # characters of ``base`` consumed
    out_len = 0
    for match in _SPECIAL.finditer(base):
        a, b = match.span()
        if a < done:
            continue
        run = match.group()
        if not unicodedata.combining(run[0]) and unicodedata.is_normalized("NFKC", run) and not _DROP.search(run) \
                and not _SPACE.search(run) and not _NEWLINE.search(run) and not _CONTROL.search(run):
            continue  # emoji and other astral characters that need nothing
        if unicodedata.combining(base[a]) and a > done:
            a -= 1  # a decomposed accent belongs to the letter before it
        segment = base[a:b]
        head = base[done:a]
        pieces.append(head)
        out_len += len(head)
        pos = 0
        for s, e, new in _replacement(segment):
            same = segment[pos:s]
            pieces.append(same)
            out_len += len(same)
            pieces.append(new)
            if len(new) != e - s:
                anchors.append((out_len, out_len + len(new), a + s, a + e))
            out_len += len(new)
            pos = e
        tail = segment[pos:]
        pieces.append(tail)
        out_len += len(tail)
        done = b
    pieces.append(base[done:])
    text = "".join(pieces) if done else base
    text, lookalikes = _fold_lookalikes(text)
    return Normalised(original, text, fold(text), tuple(anchors), tuple(lookalikes),
                      tuple(a[0] for a in anchors))


_NON_ASCII = re.compile(r"[^\x00-\x7f]{1,64}")


def fold(text: str) -> str:
    """Lower case, accents off, same length. ``str.lower`` runs in C; only the non-ASCII runs go
    through the table (``lower`` could lengthen "İ", so that rare text takes the slow path)."""
    if "\u0130" in text:
        return text.translate(_FOLD)
    return _NON_ASCII.sub(lambda m: m.group().translate(_FOLD), text.lower()).replace("`", "'")


def _fold_lookalikes(text: str) -> tuple[str, list[tuple[int, int]]]:
    """Fold look-alikes in words that are not genuinely Cyrillic/Greek (one-to-one, same length)."""
    spans: list[tuple[int, int]] = []
    pieces: list[str] = []
    done = 0
    n = len(text)
    for match in _NON_LATIN_LETTER.finditer(text):
        if match.start() < done:
            continue
        # The word around it, bounded on each side: linear whatever the input.
        start = match.start()
        low = max(done, start - 64)
        while start > low and (text[start - 1].isalnum() or text[start - 1] in "._-@"):
            start -= 1
        end = match.end()
        high = min(n, end + 64)
        while end < high and (text[end].isalnum() or text[end] in "._-@"):
            end += 1
        word = text[start:end]
        foreign = _NON_LATIN_LETTER.findall(word)
        if all(c in CONFUSABLES for c in foreign):
            pieces.append(text[done:start])
            pieces.append(word.translate(_CONFUSABLE_TABLE))
            spans.append((start, end))
        else:
            pieces.append(text[done:end])
        done = end
    if not spans:
        return text, []
    pieces.append(text[done:])
    return "".join(pieces), spans

"""The language of a report: rules first, then lingua for what the rules cannot settle.

Most reports are French or English, and a handful of function words settle it ("je", "il",
"pas", "the", "and", "you"). Short, mixed or other-language texts go to lingua
(``lingua-language-detector``: its models ship inside the wheel, nothing is downloaded), restricted
to the languages our reporters write so that it is fast and does not answer "Yoruba" for SMS
French. Lingua reads at most a few kilobytes (the start and the middle of the text): the language
of a 1 MB chat log is settled long before its end. Without lingua installed, the rules' answer or
the caller's hint is returned.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

_WORD = re.compile(r"[a-z']{1,20}")
_FR = frozenset([
    "je", "j'", "tu", "il", "elle", "on", "nous", "vous", "ils", "elles", "le", "la", "les", "un", "une", "des",
    "du", "de", "et", "est", "sont", "pas", "ne", "que", "qui", "pour", "sur", "avec", "mon", "ma", "mes", "ton",
    "ta", "tes", "son", "sa", "ses", "c'est", "ça", "ca", "moi", "toi", "lui", "m'a", "jai", "j'ai", "ai", "suis",
    "sinon", "veut", "demande", "payé", "paye", "envoyé", "argent", "mais", "ou", "donc", "car", "avoir", "être",
    "fait", "dit", "aussi", "très", "tres", "quand", "comme", "si", "voulait", "il", "a", "elle", "a", "d'un",
    "d'une",
])
_EN = frozenset([
    "i", "you", "he", "she", "we", "they", "the", "a", "an", "and", "is", "are", "was", "were", "not", "to", "of",
    "in", "on", "at", "for", "with", "my", "your", "his", "her", "him", "me", "it", "that", "this", "have", "has",
    "had", "sent", "paid", "wants", "asked", "if", "or", "but", "so", "from", "by", "be", "been", "will", "would",
    "can", "could", "what", "when", "just", "don't", "i'm",
])
_LINGUA_LANGUAGES = ("FRENCH", "ENGLISH", "SPANISH", "PORTUGUESE", "GERMAN", "ITALIAN", "DUTCH")
_SAMPLE = 3000


@lru_cache(maxsize=1)
def _detector() -> Any | None:
    try:
        from lingua import Language, LanguageDetectorBuilder
    except ImportError:  # lingua is optional at run time: the rules still answer for FR/EN
        return None
    languages = [getattr(Language, name) for name in _LINGUA_LANGUAGES]
    return LanguageDetectorBuilder.from_languages(*languages).build()


def _sample(text: str) -> str:
    if len(text) <= _SAMPLE:
        return text
    half = _SAMPLE // 2
    middle = len(text) // 2
    return text[:half] + " " + text[middle:middle + half]


# Tokens with digits, @ or a dot inside (addresses, handles, wallets, numbers); the sample is short,
# so these bounded scans cost little.
_NOISE = re.compile(r"\S{0,100}[\d@/]\S{0,100}|\S{1,100}\.\S{1,100}")


def detect(folded: str, hint: str | None = None) -> str | None:
    """ISO 639-1 code of ``folded`` (lower case, accent-stripped text), or ``hint`` when unsure."""
    sample = _NOISE.sub(" ", _sample(folded))  # addresses, handles and numbers say nothing of the language
    words = _WORD.findall(sample)
    fr = sum(w in _FR for w in words)
    en = sum(w in _EN for w in words)
    if fr > 2 * en:
        return "fr"
    if en > 2 * fr:
        return "en"
    if len(words) < 4:
        return hint
    detector = _detector()
    if detector is None:
        return ("fr" if fr > en else "en") if fr != en else hint
    try:
        found = detector.detect_language_of(sample)
    except Exception:
        found = None
    if found is None:
        return hint or (("fr" if fr > en else "en") if fr != en else None)
    return found.iso_code_639_1.name.lower()

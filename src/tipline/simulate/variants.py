"""How people mangle what they write: recipients' names and whole messages.

Linking has to survive these, so the generator produces them on purpose: a Western Union
recipient copied by ten victims comes out as "Kouassi Yao Serge", "KOUASSI Serge Yao", "Kwassi Yao"
and "kouassi serge"; a narrative typed on a phone at 2 a.m. loses its accents and gains "jsuis".
"""

from __future__ import annotations

import random
import re
import unicodedata

from tipline.simulate.pick import below, one

# --- recipients' names ---------------------------------------------------------------------------

# Phonetic and clerical substitutions seen in hand-copied West African, Moroccan and Filipino names.
_SOUNDS: tuple[tuple[str, str], ...] = (
    ("Kou", "Kw"), ("kou", "kw"), ("ou", "w"), ("ss", "s"), ("é", "e"), ("è", "e"), ("ï", "i"),
    ("y", "i"), ("ph", "f"), ("c", "k"), ("k", "c"), ("Dj", "J"), ("N'", "N"), ("N'", "N "),
    ("El ", "El-"), ("El ", "El"), ("El ", ""), ("mm", "m"), ("ff", "f"), ("ll", "l"), ("Mohamed", "Mohammed"),
    ("Mohamed", "Mouhamed"), ("Youssef", "Yousef"), ("Youssef", "Youssouf"), ("Saïd", "Said"),
    ("Ch", "Sh"), ("Okafor", "Okafo"), ("Chukwu", "Chukwuh"), ("ei", "ie"), ("ng", "gn"),
    ("Jean-", "Jean "), ("Ma. ", "Maria "), ("Dela ", "De la "), ("Dela ", "Dela"), ("Aï", "Ai"),
)
_ACCENT_TABLE = {ord(c): c2 for c, c2 in zip("éèêëàâäîïôöùûüçÉÈÊÀÂÎÏÔÖÙÛÇ", "eeeeaaaiioouuucEEEAAIIOOUUC", strict=True)}


def strip_accents(text: str) -> str:
    return text.translate(_ACCENT_TABLE)


def _typo(rng: random.Random, word: str) -> str:
    if len(word) < 4:
        return word
    i = 1 + below(rng, len(word) - 2)
    r = below(rng, 4)
    if r == 0:  # letters swapped
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]
    if r == 1:  # letter dropped
        return word[:i] + word[i + 1:]
    if r == 2:  # letter doubled
        return word[:i] + word[i] + word[i:]
    vowels = "aeiou"
    if word[i] in vowels:  # vowel heard differently
        return word[:i] + one(rng, vowels.replace(word[i], "")) + word[i + 1:]
    return word


def name_variant(rng: random.Random, given: list[str], surname: str) -> str:
    """One way a victim writes the recipient "given… surname" the scammer dictated.

    The canonical form is "Surname Given1 Given2" (how transfer slips are often filled in West
    Africa); variants drop accents, reorder, shout the surname, drop a given name, or mishear.
    """
    parts = [surname, *given]
    r = rng.random()
    if r < 0.42:
        text = " ".join(parts)
    else:
        if rng.random() < 0.35 and len(given) > 1:  # a given name forgotten
            given = given[:1] if rng.random() < 0.5 else given[1:]
        if rng.random() < 0.4:
            given = list(reversed(given))
        if rng.random() < 0.45:
            parts = [surname.upper(), *given]
        elif rng.random() < 0.4:
            parts = [*given, surname]
        else:
            parts = [surname, *given]
        text = " ".join(parts)
        if rng.random() < 0.45:
            text = strip_accents(text)
        if rng.random() < 0.4:
            candidates = [(a, b) for a, b in _SOUNDS if a in text]
            if candidates:
                a, b = one(rng, candidates)
                text = text.replace(a, b, 1)
        elif rng.random() < 0.25:
            words = text.split(" ")
            j = below(rng, len(words))
            words[j] = _typo(rng, words[j])
            text = " ".join(words)
        if rng.random() < 0.12:
            text = text.lower()
        elif rng.random() < 0.08:
            text = text.upper()
    return text


# --- whole messages -------------------------------------------------------------------------------

_SMS_FR: dict[str, tuple[str, ...]] = {
    "je suis": ("jsuis", "chui", "jsui", "je suis"),
    "s'il vous plaît": ("svp", "svp", "sil vous plait"),
    "s'il te plaît": ("stp", "stp", "stpp"),
    "pourquoi": ("pk", "pq", "pourquoi"),
    "parce que": ("pcq", "psk", "parce que"),
    "beaucoup": ("bcp",),
    "toujours": ("tjrs", "tjs"),
    "aujourd'hui": ("ajd", "aujourdhui", "auj"),
    "quelque chose": ("qqch", "qlq chose"),
    "maintenant": ("mtn", "mnt", "maintenant"),
    "tout le monde": ("tlm", "tt le monde"),
    "je ne sais pas": ("jsp", "je sais pas", "chais pas"),
    "je sais pas": ("jsp", "chais pas"),
    "c'est": ("c", "cest", "c'est"),
    "qu'est-ce que": ("qu'est ce que", "kesk", "qu'est ce"),
    "d'accord": ("dac", "ok", "daccord"),
    "quoi": ("koi", "quoi"),
    "vidéo": ("vidéo", "video", "vid"),
    "rendez-vous": ("rdv",),
    "message": ("msg", "message"),
    "messages": ("msg", "messages"),
    "photos": ("photos", "pics", "fotos"),
    "j'ai": ("jai", "j'ai", "g"),
    "je ne": ("je", "j'"),
    "tu es": ("t", "t'es", "tes"),
    "vraiment": ("vrmt", "vraiment", "vrm"),
    "bonjour": ("bjr", "bonjour", "slt"),
}
_SMS_EN: dict[str, tuple[str, ...]] = {
    "you": ("u", "you", "u"),
    "your": ("ur", "your", "ur"),
    "you're": ("ur", "youre", "u r"),
    "please": ("pls", "plz", "please"),
    "are": ("r", "are"),
    "because": ("bc", "cuz", "coz"),
    "i don't know": ("idk", "i dont know"),
    "don't": ("dont", "don't"),
    "i'm": ("im", "i'm", "Im"),
    "right now": ("rn", "right now"),
    "okay": ("ok", "k"),
    "what": ("wat", "what"),
    "to be honest": ("tbh",),
    "oh my god": ("omg",),
    "going to": ("gonna", "going to"),
    "want to": ("wanna", "want to"),
    "pictures": ("pics", "pictures"),
    "really": ("rly", "really"),
    "can't": ("cant", "can't"),
    "for": ("4", "for", "for"),
    "thanks": ("thx", "thanks"),
    "tonight": ("tonite", "2nite", "tonight"),
}
_QUEBEC: dict[str, tuple[str, ...]] = {
    "je suis": ("chu", "j'suis", "chus"),
    "il y a": ("y'a", "ya"),
    "beaucoup": ("full", "ben gros", "beaucoup"),
    "vraiment": ("ben", "vraiment", "full"),
    "je ne sais pas": ("chais pas", "j'sais pas"),
    "je sais pas": ("chais pas", "j'sais pas"),
    "rien": ("rien pantoute", "rien"),
    "ma copine": ("ma blonde",),
    "mon copain": ("mon chum",),
    "ma voiture": ("mon char",),
    "paniqué": ("en panique", "sur les nerfs", "paniqué"),
    "stressé": ("stressé ben raide", "sur les nerfs", "stressé"),
    "d'accord": ("correct", "ok"),
    "téléphone": ("cell", "téléphone"),
    "portable": ("cell",),
    "argent": ("argent", "cash"),
}
_BELGIAN: dict[str, tuple[str, ...]] = {
    "avant": ("endéans", "avant"),
    "je peux": ("je sais", "je peux"),
    "portable": ("GSM",),
    "téléphone": ("GSM", "téléphone"),
}
_SWISS: dict[str, tuple[str, ...]] = {
    "portable": ("natel",),
    "téléphone": ("natel", "téléphone"),
    "ça m'inquiète": ("ça me fait souci",),
}
DIALECTS = {"sms_fr": _SMS_FR, "sms_en": _SMS_EN, "qc": _QUEBEC, "be": _BELGIAN, "ch": _SWISS}


def _compile(table: dict[str, tuple[str, ...]]) -> re.Pattern[str]:
    keys = sorted(table, key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(re.escape(k) for k in keys) + r")\b", re.IGNORECASE)


_PATTERNS = {name: _compile(table) for name, table in DIALECTS.items()}


def dialect(rng: random.Random, text: str, name: str, rate: float = 0.8) -> str:
    """Replaces the dialect's words with its spellings (each occurrence with probability ``rate``)."""
    table = DIALECTS[name]

    def repl(match: re.Match[str]) -> str:
        if rng.random() >= rate:
            return match.group(0)
        return one(rng, table[match.group(0).lower()])

    return _PATTERNS[name].sub(repl, text)


_WORD = re.compile(r"[A-Za-zÀ-ÿ]{5,}")
_GLUE = frozenset("./_@:-=?&#%+0123456789")  # "" (text edge) is not in it
_END_QUESTION = re.compile(r"\?(?=\s|$)")
_CODE_LIKE = re.compile(r"\S*[\d@/_]\S*|\S+[.:]\S+")  # links, handles, addresses, numbers


def typos(rng: random.Random, text: str, count: int) -> str:
    """Up to ``count`` words with a slip of the thumb (swapped, dropped, doubled or misheard letter)."""
    if count <= 0 or not text:
        return text
    spans = set()
    for _ in range(count):
        m = _WORD.search(text, below(rng, len(text)))  # the next long word after a random point
        # Words inside links, handles, e-mails and numbers are copied, not typed: they keep their letters.
        if m and text[m.start() - 1:m.start()] not in _GLUE and text[m.end():m.end() + 1] not in _GLUE:
            spans.add((m.start(), m.end()))
    out, last = [], 0
    for start, end in sorted(spans):
        out.append(text[last:start])
        out.append(_typo(rng, text[start:end]))
        last = end
    out.append(text[last:])
    return "".join(out)


def casual(rng: random.Random, text: str) -> str:
    """No capitals at sentence starts, fewer full stops, doubled question marks."""
    text = text.replace(". ", one(rng, (". ", " ", ", ", "... ", ". "))).replace(" ?", "?")
    if rng.random() < 0.5:
        text = _END_QUESTION.sub(one(rng, ("??", "???", " ?", "?")), text)
    if rng.random() < 0.6:
        text = text[:1].lower() + text[1:]
    return text


def no_questions(text: str) -> str:
    """Question marks dropped, but not the ones inside links."""
    return _END_QUESTION.sub("", text)


def lower_words(text: str) -> str:
    """Lower case for words, not for links, handles or addresses (base58 is case-sensitive)."""
    lowered = text.lower()
    if len(lowered) != len(text):  # pragma: no cover - no such letters in the templates
        return text
    for m in _CODE_LIKE.finditer(text):
        lowered = lowered[:m.start()] + m.group(0) + lowered[m.end():]
    return lowered


def decompose(text: str) -> str:
    """Accents as combining characters, as some phones and copy-pastes produce."""
    return unicodedata.normalize("NFD", text)

"""Near-identical scam scripts: MinHash of the scammer's own messages, cut into LSH band keys.

Only the band keys are stored (64-bit hashes of MinHash slices): they cannot be turned back into
text, so the encrypted chat log stays the only copy of the words. Two reports sharing a band key
have scripts that are probably similar; the share of bands in common estimates the Jaccard
similarity of their word 3-grams (``similarity``).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

import numpy as np
from datasketch import MinHash

NUM_PERM = 64
BANDS = 16
ROWS = NUM_PERM // BANDS  # 4 rows a band: one shared band at Jaccard 0.5 is likely (64 %), at 0.2 rare (2.5 %)
MIN_SHINGLES = 8  # shorter scripts collide by chance
SEED = 20261124

# A chat line: optional "[19:42]" / "19h42" / "(10:05 PM)", a speaker, a colon, the message.
_LINE = re.compile(r"^\s*(?:[\[(]?\s*\d{1,2}\s*[:hH.]\s*\d{2}(?:\s*[AaPp][Mm])?\s*[\])]?\s*[-–]?\s*)?"
                   r"(?P<who>[^:\n]{1,40}?)\s*:\s+(?P<text>.+)$")
SELF = frozenset({"moi", "me", "vous", "you", "je", "i", "victim", "victime", "mon fils", "ma fille", "my son",
                  "my daughter"})
_QUOTED = re.compile(r"[«“\"]([^«»“”\"]{20,600})[»”\"]")
_WORD = re.compile(r"[a-z]+")


def scammer_text(chat_log: str | None, narrative: str | None, reporter_names: frozenset[str] = frozenset()) -> str:
    """The scammer's messages: the other speaker's lines of a chat log, or the narrative's quotes.

    The speaker who is not the reporter ("Moi", "Me", the reporter's first name) is the scammer;
    when that cannot be told, the speaker with the most words (extortion chats are mostly threats).
    """
    if chat_log:
        by_speaker: dict[str, list[str]] = {}
        for line in chat_log.splitlines():
            m = _LINE.match(line)
            if m:
                by_speaker.setdefault(m["who"].strip().lower(), []).append(m["text"])
        if by_speaker:
            own = SELF | {n.lower() for n in reporter_names}
            others = {who: lines for who, lines in by_speaker.items() if who not in own}
            if others:
                who = max(others, key=lambda w: (sum(len(t.split()) for t in others[w]), w))
                return "\n".join(others[who])
    if narrative:
        return "\n".join(m.group(1) for m in _QUOTED.finditer(narrative))
    return ""


def shingles(text: str) -> set[bytes]:
    """Word 3-grams of the folded text: no case, accents or digits (amounts and times vary)."""
    plain = unicodedata.normalize("NFKD", text.lower())
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    words = _WORD.findall(plain)
    return {" ".join(words[i:i + 3]).encode() for i in range(len(words) - 2)}


def band_keys(text: str) -> list[int]:
    """The LSH band keys of a script (signed 64-bit), or none for a script too short to compare."""
    grams = shingles(text)
    if len(grams) < MIN_SHINGLES:
        return []
    mh = MinHash(num_perm=NUM_PERM, seed=SEED)
    mh.update_batch(sorted(grams))
    values = np.asarray(mh.hashvalues, dtype=np.uint64)
    keys = []
    for band in range(BANDS):
        chunk = values[band * ROWS:(band + 1) * ROWS].tobytes()
        digest = hashlib.blake2b(bytes([band]) + chunk, digest_size=8).digest()
        keys.append(int.from_bytes(digest, "big", signed=True))
    return keys


def similarity(shared_bands: int) -> float:
    """Estimated Jaccard similarity from the number of bands two scripts share (of ``BANDS``)."""
    if shared_bands <= 0:
        return 0.0
    return round(min(1.0, shared_bands / BANDS) ** (1 / ROWS), 3)

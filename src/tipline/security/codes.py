"""Reference codes and follow-up tokens that a frightened person can read out or type on a phone.

The alphabet has no 0/O, 1/I/L or U, so nothing can be misread; input is upper-cased and its
separators dropped before comparing. A reference code (``TL-7K3M-9QXP``, 30^8 ≈ 6.6·10^11) only
names a report; the token (30^20 ≈ 2^98) is the secret, stored as a SHA-256 hash only — a fast
hash is enough for a random secret of that size, unlike a password.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets

ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
REF_RE = re.compile(rf"TL-[{ALPHABET}]{{4}}-[{ALPHABET}]{{4}}")
_DROP = re.compile(r"[\s\-_.]")


def _chars(n: int) -> str:
    """``n`` characters drawn uniformly from ALPHABET: random bytes below 240 (8 × 30), mod 30.
    One call to the OS's generator instead of one per character (``secrets.choice``)."""
    out: list[str] = []
    while len(out) < n:
        out += [ALPHABET[b % 30] for b in secrets.token_bytes(n + 4) if b < 240]
    return "".join(out[:n])


def new_reference() -> str:
    return f"TL-{_chars(4)}-{_chars(4)}"


def new_token() -> str:
    return "-".join(_chars(5) for _ in range(4))


def normalise_reference(text: str) -> str | None:
    """``tl 7k3m 9qxp`` → ``TL-7K3M-9QXP``; None when it cannot be a reference code."""
    compact = _DROP.sub("", text.upper())
    if compact.startswith("TL"):
        compact = compact[2:]
    candidate = f"TL-{compact[:4]}-{compact[4:]}"
    return candidate if REF_RE.fullmatch(candidate) else None


def hash_token(token: str) -> str:
    return hashlib.sha256(_DROP.sub("", token.upper()).encode()).hexdigest()


def token_matches(token: str, stored_hash: str) -> bool:
    return hmac.compare_digest(hash_token(token), stored_hash)

"""Crypto-currency addresses → ``chain:address``.

For now the chain is recognised by the address's shape; checksum validation (base58check,
bech32/bech32m, EIP-55) comes with the extraction work (issue 3) and will refuse near misses.
"""

from __future__ import annotations

import re

from tipline.domain.identifier import Identifier

KIND = "crypto"
SHAPES: tuple[tuple[str, re.Pattern[str], bool], ...] = (
    # chain, shape, case-insensitive (bech32 and hex are; base58 is not)
    ("btc", re.compile(r"bc1[ac-hj-np-z02-9]{11,71}", re.I), True),
    ("btc", re.compile(r"[13][1-9A-HJ-NP-Za-km-z]{25,34}"), False),
    ("ltc", re.compile(r"ltc1[ac-hj-np-z02-9]{11,71}", re.I), True),
    ("ltc", re.compile(r"[LM][1-9A-HJ-NP-Za-km-z]{26,33}"), False),
    ("eth", re.compile(r"0x[0-9a-fA-F]{40}"), True),
    ("trx", re.compile(r"T[1-9A-HJ-NP-Za-km-z]{33}"), False),
)


def normalise(value: str) -> Identifier | None:
    text = value.strip()
    chain_hint, _, rest = text.partition(":")
    if rest and chain_hint.lower() in {"btc", "ltc", "eth", "trx", "bitcoin", "litecoin", "ethereum"}:
        text = rest.strip()
    for chain, shape, insensitive in SHAPES:
        if shape.fullmatch(text):
            address = text.lower() if insensitive else text
            return Identifier(KIND, f"{chain}:{address}", address, confidence=0.8)
    return None

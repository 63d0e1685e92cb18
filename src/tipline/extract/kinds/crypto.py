"""Crypto-currency addresses → ``chain:address``, checksums verified.

Bitcoin (base58check P2PKH/P2SH, bech32 v0 / bech32m v1+), Litecoin (L…/M…, ltc1…), Ethereum
(hex, EIP-55 checksum when written in mixed case) and Tron (base58check, T…). An address that has
the shape but fails its checksum is a near miss, not an identifier: one wrong character is
somebody else's wallet, or nobody's.

Base58check and bech32 are a few lines of arithmetic from their BIPs (13, 173, 350), written here
rather than pulled in: the ``bech32`` package on PyPI predates bech32m (taproot) and ``base58``
would be a dependency for fifteen lines. Keccak-256 (not NIST SHA3-256, which ``hashlib`` has)
comes from pycryptodome.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator

from tipline.domain.identifier import Identifier
from tipline.extract.model import Context, Mention, NearMiss, mention

KIND = "crypto"
RANK = 100
_B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_B58_INDEX = {c: i for i, c in enumerate(_B58)}
# First byte of a base58check payload → chain (Bitcoin P2PKH/P2SH, Litecoin P2PKH/P2SH, Tron).
_VERSIONS = {0x00: "btc", 0x05: "btc", 0x30: "ltc", 0x32: "ltc", 0x41: "trx"}
_BECH32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
_BECH32_INDEX = {c: i for i, c in enumerate(_BECH32)}
_HRP = {"bc": "btc", "ltc": "ltc"}
_BECH32M = 0x2BC830A3

# Candidates: bounded lengths, not glued to other letters or digits.
# The look-ahead on the possible first characters lets ``re`` skip the rest of the text in C.
_CANDIDATE = re.compile(
    r"(?=[bBlL0137MT])(?<![A-Za-z0-9])(?:"
    r"(?:bc|BC|ltc|LTC)1[ac-hj-np-zAC-HJ-NP-Z02-9]{8,87}"
    r"|0[xX][0-9a-fA-F]{40}"
    r"|[13LMT][1-9A-HJ-NP-Za-km-z]{25,34}"
    r")(?![A-Za-z0-9])"
)


def b58decode_check(text: str) -> bytes | None:
    """The payload of a base58check string (version byte included), or None if it does not check."""
    number = 0
    for char in text:
        digit = _B58_INDEX.get(char)
        if digit is None:
            return None
        number = number * 58 + digit
    raw = number.to_bytes((number.bit_length() + 7) // 8, "big")
    raw = b"\x00" * (len(text) - len(text.lstrip("1"))) + raw
    if len(raw) < 5:
        return None
    payload, checksum = raw[:-4], raw[-4:]
    if hashlib.sha256(hashlib.sha256(payload).digest()).digest()[:4] != checksum:
        return None
    return payload


def b58encode_check(payload: bytes) -> str:
    """Base58check of a payload (version byte included): the inverse of ``b58decode_check``."""
    data = payload + hashlib.sha256(hashlib.sha256(payload).digest()).digest()[:4]
    number = int.from_bytes(data, "big")
    out = ""
    while number:
        number, rem = divmod(number, 58)
        out = _B58[rem] + out
    return "1" * (len(data) - len(data.lstrip(b"\0"))) + out


def _polymod(values: list[int]) -> int:
    generator = (0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3)
    chk = 1
    for value in values:
        top = chk >> 25
        chk = (chk & 0x1FFFFFF) << 5 ^ value
        for i in range(5):
            chk ^= generator[i] if (top >> i) & 1 else 0
    return chk


def _convert_bits(data: list[int] | bytes, from_bits: int, to_bits: int, pad: bool = False) -> list[int] | None:
    acc = bits = 0
    out: list[int] = []
    maxv = (1 << to_bits) - 1
    for value in data:
        acc = (acc << from_bits) | value
        bits += from_bits
        while bits >= to_bits:
            bits -= to_bits
            out.append((acc >> bits) & maxv)
    if pad:
        if bits:
            out.append((acc << (to_bits - bits)) & maxv)
    elif bits >= from_bits or ((acc << (to_bits - bits)) & maxv):
        return None
    return out


def segwit_encode(hrp: str, version: int, program: bytes) -> str:
    """A segwit address (BIP 173 for version 0, BIP 350 bech32m above): the inverse of ``segwit_decode``."""
    data = [version, *(_convert_bits(program, 8, 5, pad=True) or [])]
    expanded = [ord(c) >> 5 for c in hrp] + [0] + [ord(c) & 31 for c in hrp]
    polymod = _polymod([*expanded, *data, 0, 0, 0, 0, 0, 0]) ^ (1 if version == 0 else _BECH32M)
    checksum = [(polymod >> 5 * (5 - i)) & 31 for i in range(6)]
    return hrp + "1" + "".join(_BECH32[d] for d in data + checksum)


def segwit_decode(address: str) -> tuple[str, int, bytes] | None:
    """(human-readable part, witness version, program) of a valid segwit address (BIP 173/350)."""
    if address.lower() != address and address.upper() != address:
        return None  # mixed case is invalid in bech32
    text = address.lower()
    hrp, sep, data_part = text.rpartition("1")
    if not sep or hrp not in _HRP or len(data_part) < 7:
        return None
    data = [_BECH32_INDEX.get(c, -1) for c in data_part]
    if min(data) < 0:
        return None
    expanded = [ord(c) >> 5 for c in hrp] + [0] + [ord(c) & 31 for c in hrp]
    const = _polymod(expanded + data)
    version = data[0]
    if version > 16 or const != (1 if version == 0 else _BECH32M):
        return None
    program = _convert_bits(data[1:-6], 5, 8)
    if program is None or not 2 <= len(program) <= 40 or (version == 0 and len(program) not in (20, 32)):
        return None
    return hrp, version, bytes(program)


def _keccak256_hex(data: bytes) -> str | None:
    try:
        from Crypto.Hash import keccak  # pycryptodome; imported here so that the rest works without it
    except ImportError:
        return None
    return keccak.new(digest_bits=256, data=data).hexdigest()


def eip55_ok(address: str) -> bool | None:
    """EIP-55: an all-lower or all-upper hex address carries no checksum; mixed case must match it.
    None when the checksum cannot be computed (pycryptodome missing)."""
    hexpart = address[2:]
    if hexpart.lower() == hexpart or hexpart.upper() == hexpart:
        return True
    digest = _keccak256_hex(hexpart.lower().encode())
    if digest is None:
        return None
    return all(
        (c.upper() if int(digest[i], 16) >= 8 else c.lower()) == c if c.isalpha() else True
        for i, c in enumerate(hexpart)
    )


def check(address: str) -> tuple[str, str] | str:
    """``(chain, canonical address)`` for a valid address, else the reason it is not one."""
    text = address.strip()
    lower = text.lower()
    if lower.startswith(("bc1", "ltc1")):
        decoded = segwit_decode(text)
        if decoded is None:
            return "bech32 checksum or program invalid"
        return _HRP[decoded[0]], lower
    if lower.startswith("0x"):
        if not re.fullmatch(r"0x[0-9a-f]{40}", lower):
            return "not 40 hex digits"
        checked = eip55_ok(text)
        if checked is False:
            return "EIP-55 checksum mismatch"
        return "eth", lower
    payload = b58decode_check(text)
    if payload is None:
        return "base58check checksum mismatch"
    chain = _VERSIONS.get(payload[0])
    if chain is None or len(payload) != 21:
        return "unknown version byte or length"
    return chain, text


def normalise(value: str) -> Identifier | None:
    """``chain:address`` for a valid address ("btc:", "bitcoin:" prefixes accepted), else None."""
    text = value.strip()
    chain_hint, _, rest = text.partition(":")
    if rest and chain_hint.lower() in {"btc", "ltc", "eth", "trx", "bitcoin", "litecoin", "ethereum", "tron"}:
        text = rest.strip().split("?")[0]
    result = check(text)
    if isinstance(result, str):
        return None
    chain, address = result
    return Identifier(KIND, f"{chain}:{address}", address)


def find(text: str, context: Context, near_misses: list[NearMiss] | None = None) -> Iterator[Mention]:
    for match in _CANDIDATE.finditer(text):
        candidate = match.group()
        result = check(candidate)
        if isinstance(result, str):
            if near_misses is not None and _plausible(candidate):
                near_misses.append(NearMiss(KIND, candidate, result, match.span(), context.source))
            continue
        chain, address = result
        yield mention(Identifier(KIND, f"{chain}:{address}", address), context, text, *match.span(), rank=RANK)


def _plausible(candidate: str) -> bool:
    """Worth reporting as a near miss: mixes letters and digits like a real address does."""
    body = candidate[3:]
    return any(c.isdigit() for c in body) and any(c.isalpha() for c in body)

"""Field encryption at rest: AES-256-GCM with a key ring, each ciphertext tagged with its key id.

Keys come from ``TIPLINE_SECRET_KEY`` (base64 of 32 bytes) or, in embedded mode, from a key file
created on first start with 0600 permissions. The associated data binds a ciphertext to its row,
so a ciphertext copied onto another row does not decrypt.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

NONCE_BYTES = 12


class KeyError_(Exception):
    """A key is missing, malformed, or does not decrypt (wrong key or tampered data)."""


def key_id(key: bytes) -> str:
    return hashlib.sha256(b"tipline-key-id:" + key).hexdigest()[:12]


def _decode_key(text: str) -> bytes:
    try:
        key = base64.b64decode(text.strip(), validate=True)
    except (binascii.Error, ValueError):
        raise KeyError_("the key is not valid base64") from None
    if len(key) != 32:
        raise KeyError_(f"the key must be 32 bytes (AES-256), got {len(key)}")
    return key


@dataclass
class KeyRing:
    """The current key encrypts; every key in the ring decrypts (old ones until rotation is done)."""

    current: str
    keys: dict[str, bytes] = field(default_factory=dict)

    @classmethod
    def from_key(cls, key: bytes) -> KeyRing:
        kid = key_id(key)
        return cls(current=kid, keys={kid: key})

    def encrypt(self, plaintext: bytes, aad: bytes) -> tuple[str, bytes]:
        nonce = os.urandom(NONCE_BYTES)
        ct = AESGCM(self.keys[self.current]).encrypt(nonce, plaintext, aad)
        return self.current, nonce + ct

    def decrypt(self, kid: str, blob: bytes, aad: bytes) -> bytes:
        key = self.keys.get(kid)
        if key is None:
            raise KeyError_(f"no key with id {kid} in the key ring")
        try:
            return AESGCM(key).decrypt(blob[:NONCE_BYTES], blob[NONCE_BYTES:], aad)
        except Exception:  # InvalidTag: wrong key or tampered ciphertext
            raise KeyError_("a record does not decrypt: wrong key or tampered data") from None

    def encrypt_json(self, obj: object, aad: str) -> tuple[str, bytes]:
        return self.encrypt(json.dumps(obj, separators=(",", ":"), ensure_ascii=False).encode(), aad.encode())

    def decrypt_json(self, kid: str, blob: bytes, aad: str) -> object:
        return json.loads(self.decrypt(kid, blob, aad.encode()))


def load_key_file(path: Path) -> KeyRing:
    data = json.loads(path.read_text())
    keys = {kid: _decode_key(k) for kid, k in data["keys"].items()}
    if data["current"] not in keys:
        raise KeyError_(f"{path}: the current key {data['current']} is not in the file")
    return KeyRing(current=data["current"], keys=keys)


def create_key_file(path: Path) -> KeyRing:
    """Write a new random key to ``path`` with 0600 permissions (never overwrites one)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_bytes(32)
    ring = KeyRing.from_key(key)
    body = json.dumps({"current": ring.current, "keys": {ring.current: base64.b64encode(key).decode()}})
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as fh:
        fh.write(body)
    return ring


def load_key_ring(secret_key: str | None, data_dir: Path) -> tuple[KeyRing, Path | None]:
    """The key ring from the environment or the embedded key file; returns the file if one was made."""
    if secret_key:
        return KeyRing.from_key(_decode_key(secret_key)), None
    path = data_dir / "keys.json"
    if path.exists():
        return load_key_file(path), None
    return create_key_file(path), path

"""Field encryption at rest: AES-256-GCM with a key ring, each ciphertext tagged with its key id.

Keys come from ``TIPLINE_SECRET_KEY`` (base64 of 32 bytes, plus ``TIPLINE_OLD_SECRET_KEYS`` that
only decrypt, during a rotation) or, in embedded mode, from a key file created on first start with
0600 permissions. The associated data binds a ciphertext to its row, so a ciphertext copied onto
another row does not decrypt. Rotation (``service.keys``) adds a key to the file and makes it the
current one; older keys stay in the ring, decrypting, until no row uses them and they are retired.
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


def generate_key() -> str:
    """A new random AES-256 key, base64 (the form ``TIPLINE_SECRET_KEY`` takes)."""
    return base64.b64encode(secrets.token_bytes(32)).decode()


@dataclass
class KeyRing:
    """The current key encrypts; every key in the ring decrypts (old ones until rotation is done).

    A ring read from a key file (``path``) follows the file: when another process (``tipline keys
    rotate``) changes it, the next encryption uses the new current key and a ciphertext under a
    key the ring has not seen yet still decrypts, so running servers need no restart.
    """

    current: str
    keys: dict[str, bytes] = field(default_factory=dict)
    path: Path | None = None
    stamp: tuple[int, int, int] | None = None  # the key file's (inode, mtime, size) when it was read

    @classmethod
    def from_key(cls, key: bytes) -> KeyRing:
        kid = key_id(key)
        return cls(current=kid, keys={kid: key})

    def refresh(self) -> None:
        """Re-read the key file if it changed since it was read (one stat call)."""
        if self.path is None:
            return
        try:
            stamp = _stamp(self.path)
        except OSError:
            return  # keep the keys in memory; the file may be mid-replace
        if stamp != self.stamp:
            fresh = load_key_file(self.path)
            # Keys before current: a thread between the two reads sees a current key that is in
            # the ring (rotation keeps the previous current key; it is never retired while current).
            self.keys = fresh.keys
            self.current = fresh.current
            self.stamp = fresh.stamp

    def encrypt(self, plaintext: bytes, aad: bytes) -> tuple[str, bytes]:
        self.refresh()
        nonce = os.urandom(NONCE_BYTES)
        ct = AESGCM(self.keys[self.current]).encrypt(nonce, plaintext, aad)
        return self.current, nonce + ct

    def decrypt(self, kid: str, blob: bytes, aad: bytes) -> bytes:
        key = self.keys.get(kid)
        if key is None:
            self.refresh()
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


def _stamp(path: Path) -> tuple[int, int, int]:
    # Every write replaces the file (a new inode), so the inode tells a change even within the
    # file system's timestamp granularity.
    st = path.stat()
    return st.st_ino, st.st_mtime_ns, st.st_size


def load_key_file(path: Path) -> KeyRing:
    stamp = _stamp(path)
    try:
        data = json.loads(path.read_text())
        keys = {kid: _decode_key(k) for kid, k in data["keys"].items()}
        current = data["current"]
    except (ValueError, KeyError, TypeError, AttributeError):
        raise KeyError_(f"{path}: not a tipline key file") from None
    for kid, key in keys.items():
        if key_id(key) != kid:
            raise KeyError_(f"{path}: the key filed as {kid} has id {key_id(key)}")
    if current not in keys:
        raise KeyError_(f"{path}: the current key {current} is not in the file")
    return KeyRing(current=current, keys=keys, path=path, stamp=stamp)


def _key_file_body(current: str, keys: dict[str, bytes]) -> str:
    return json.dumps({"current": current, "keys": {k: base64.b64encode(v).decode() for k, v in keys.items()}},
                      indent=1)


def _write_key_file(path: Path, current: str, keys: dict[str, bytes]) -> None:
    """Replace the whole file at once: a temporary file (0600 from its creation) renamed over the
    old one, so a crash leaves the old file or the new one, never half of either."""
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "w") as fh:
            fh.write(_key_file_body(current, keys))
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def create_key_file(path: Path) -> KeyRing:
    """Write a new random key to ``path`` with 0600 permissions (never overwrites one)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    ring = KeyRing.from_key(secrets.token_bytes(32))
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as fh:
        fh.write(_key_file_body(ring.current, ring.keys))
    return load_key_file(path)


def add_key_to_file(path: Path) -> str:
    """A new random key in the file, made the current one; the older keys stay (they still decrypt)."""
    ring = load_key_file(path)
    key = secrets.token_bytes(32)
    kid = key_id(key)
    _write_key_file(path, kid, {**ring.keys, kid: key})
    return kid


def remove_key_from_file(path: Path, kid: str) -> None:
    """Drop a key that no row uses any more (the caller checks that); never the current one."""
    ring = load_key_file(path)
    if kid == ring.current:
        raise KeyError_(f"{kid} is the current key; rotate first")
    if kid not in ring.keys:
        raise KeyError_(f"no key with id {kid} in {path}")
    _write_key_file(path, ring.current, {k: v for k, v in ring.keys.items() if k != kid})


def key_file(data_dir: Path) -> Path:
    return data_dir / "keys.json"


def load_key_ring(secret_key: str | None, data_dir: Path,
                  old_keys: str | None = None) -> tuple[KeyRing, Path | None]:
    """The key ring from the environment or the embedded key file; returns the file if one was made.

    ``old_keys`` (comma-separated base64, from ``TIPLINE_OLD_SECRET_KEYS``) only decrypt: they are
    the keys a hotline configured through the environment used before its current one.
    """
    if secret_key:
        ring = KeyRing.from_key(_decode_key(secret_key))
        for text in (old_keys or "").split(","):
            if text.strip():
                old = _decode_key(text)
                ring.keys.setdefault(key_id(old), old)
        return ring, None
    if old_keys and old_keys.strip():
        raise KeyError_("TIPLINE_OLD_SECRET_KEYS is only read with TIPLINE_SECRET_KEY; with a key file, "
                        "the old keys are kept in the file")
    path = key_file(data_dir)
    if path.exists():
        return load_key_file(path), None
    return create_key_file(path), path

"""Key rotation: a new current key, every ciphertext moved to it in batches, old keys retired.

Rotation is resumable by construction: a row is re-encrypted in the same transaction that changes
its key id, the old keys stay in the ring until ``retire`` finds no row under them, so a crash at
any point leaves every row readable and the next ``rotate --resume`` carries on where it stopped.

With a key file (embedded mode) tipline makes the new key itself. With ``TIPLINE_SECRET_KEY`` it
cannot change the environment: the operator sets the new key there and the previous one in
``TIPLINE_OLD_SECRET_KEYS``, then runs ``rotate --resume`` (see docs/data-protection.md).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from tipline.security.crypto import add_key_to_file, remove_key_from_file
from tipline.service.context import Tipline
from tipline.store import audit, encrypted

ENV_ROTATION = (
    "The encryption key comes from TIPLINE_SECRET_KEY, which tipline cannot change. To rotate it:\n"
    "  1. `tipline keys generate` prints a new key;\n"
    "  2. everywhere tipline runs, set TIPLINE_OLD_SECRET_KEYS to the current key and TIPLINE_SECRET_KEY to\n"
    "     the new one, and restart the servers;\n"
    "  3. `tipline keys rotate --resume` re-encrypts every record under the new key;\n"
    "  4. `tipline keys retire <old key id>` checks that no record uses it; then remove it from\n"
    "     TIPLINE_OLD_SECRET_KEYS."
)


class KeyRefused(Exception):
    """A key operation that would lose data or cannot be done in this mode (the message says why)."""


@dataclass
class KeyInfo:
    kid: str
    current: bool
    in_ring: bool  # False: rows use a key the ring lacks (they cannot be read)
    rows: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.rows.values())


def key_file_mode(app: Tipline) -> bool:
    return app.keys.path is not None


def list_keys(app: Tipline) -> list[KeyInfo]:
    app.keys.refresh()
    with app.db.read() as session:
        used = encrypted.usage(session)
    kids = list(app.keys.keys) + sorted(k for k in used if k not in app.keys.keys)
    return [KeyInfo(k, k == app.keys.current, k in app.keys.keys, used.get(k, {})) for k in kids]


def new_key(app: Tipline, actor: str = "cli:keys") -> str:
    """Add a key to the key file and make it the current one (the older keys stay, decrypting)."""
    if app.keys.path is None:
        raise KeyRefused(ENV_ROTATION)
    previous = app.keys.current
    kid = add_key_to_file(app.keys.path)
    app.keys.refresh()
    with app.db.write() as session:
        audit.append(session, actor, "keys.rotated", "key", kid, {"previous": previous})
    return kid


def stale(app: Tipline) -> int:
    app.keys.refresh()
    with app.db.read() as session:
        return encrypted.stale_count(session, app.keys.current)


def reencrypt(app: Tipline, batch: int = 500, on_progress: Callable[[int], None] | None = None,
              actor: str = "cli:keys") -> int:
    """Move every ciphertext to the current key, ``batch`` rows per transaction; returns rows moved."""
    missing = [k for k in list_keys(app) if not k.in_ring]
    if missing:
        raise KeyRefused(f"{sum(k.total for k in missing)} records use keys that are not in the key ring "
                         f"({', '.join(k.kid for k in missing)}); add them (key file or TIPLINE_OLD_SECRET_KEYS) "
                         "before rotating")
    moved = 0
    for spec in encrypted.ENCRYPTED:
        while True:
            with app.db.write() as session:
                read, done = encrypted.reencrypt_batch(session, app.keys, spec, batch)
            if not read:
                break
            moved += done
            if on_progress:
                on_progress(done)
    with app.db.write() as session:
        audit.append(session, actor, "keys.reencrypted", "key", app.keys.current, {"rows": moved})
    return moved


def retire(app: Tipline, kid: str, actor: str = "cli:keys") -> None:
    """Remove an old key, refused while it is the current key or any record still uses it."""
    app.keys.refresh()
    if kid == app.keys.current:
        raise KeyRefused(f"{kid} is the current key; rotate to a new key first")
    if kid not in app.keys.keys:
        raise KeyRefused(f"no key with id {kid} in the key ring")
    with app.db.read() as session:
        rows = encrypted.usage(session).get(kid, {})
    if rows:
        raise KeyRefused(f"{sum(rows.values())} records still use key {kid} "
                         f"({', '.join(f'{t}: {n}' for t, n in rows.items())}); "
                         "run `tipline keys rotate --resume` first")
    if app.keys.path is not None:
        remove_key_from_file(app.keys.path, kid)
        app.keys.refresh()
    else:
        app.keys.keys.pop(kid, None)  # this process only; the operator removes it from the environment
    with app.db.write() as session:
        audit.append(session, actor, "keys.retired", "key", kid, {})

"""The running tipline: settings, database and key ring, opened once per process."""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from pathlib import Path

from tipline.config import Settings
from tipline.security.crypto import KeyRing, load_key_ring
from tipline.store.audit import audit_key
from tipline.store.db import Database
from tipline.store.groupcommit import BatchWriter, GroupCommit

log = logging.getLogger("tipline")


@dataclass
class Tipline:
    settings: Settings
    db: Database
    keys: KeyRing
    created_key_file: Path | None = None
    _commits: dict[str, GroupCommit] = field(default_factory=dict, repr=False)
    _commits_lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @classmethod
    def open(cls, settings: Settings, upgrade: bool = True) -> Tipline:
        """Open the store; the embedded SQLite is created and migrated on first start."""
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        keys, created = load_key_ring(settings.secret_key, settings.data_dir, settings.old_secret_keys)
        if created is not None:
            log.warning("created a new encryption key file at %s (0600); back it up: without it the "
                        "stored reports cannot be read", created)
        db = Database(settings.resolved_database_url())
        db.sign_audit_with(lambda: _audit_signer(keys))
        if upgrade:
            db.upgrade()
        return cls(settings=settings, db=db, keys=keys, created_key_file=created)

    def group_commit(self, name: str, write: BatchWriter) -> GroupCommit:
        """This process's group commit called ``name`` (made on first use; see ``store.groupcommit``)."""
        with self._commits_lock:
            found = self._commits.get(name)
            if found is None:
                found = self._commits[name] = GroupCommit(self.db, write, name=f"tipline-{name}")
            return found

    def close(self) -> None:
        with self._commits_lock:
            commits, self._commits = list(self._commits.values()), {}
        for commit in commits:  # what is queued is written before the engine goes
            commit.close()
        self.db.dispose()


def _audit_signer(keys: KeyRing) -> tuple[str, bytes]:
    keys.refresh()  # a rotation by another process takes effect at the next event
    return keys.current, audit_key(keys.keys[keys.current])

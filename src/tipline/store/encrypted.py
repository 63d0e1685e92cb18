"""Every encrypted column of the store, so that key rotation and erasure miss none.

Each entry is a table with ``id``, ``key_id`` and ``body`` columns and the associated data that
binds a ciphertext to its row. A feature that stores a new encrypted column adds one entry here,
and `tipline keys rotate`, `tipline keys list` and `keys retire` take it into account.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Table, func, select, update
from sqlalchemy.orm import Session

from tipline.security.crypto import KeyError_, KeyRing
from tipline.store import reports
from tipline.store.tables import CaseNoteRow, EvidenceRow, FollowUpRow, ReportRow, UserRow


@dataclass(frozen=True)
class Encrypted:
    name: str
    table: Table
    aad: Callable[[Any], str]
    column: str = "body"  # the ciphertext's column


ENCRYPTED: list[Encrypted] = [
    Encrypted("reports", ReportRow.__table__, reports._report_aad),  # type: ignore[arg-type]
    Encrypted("follow_ups", FollowUpRow.__table__, reports._follow_up_aad),  # type: ignore[arg-type]
    Encrypted("case_notes", CaseNoteRow.__table__, lambda i: f"note:{i}"),  # type: ignore[arg-type]
    Encrypted("evidence", EvidenceRow.__table__, lambda i: f"evidence:{i}"),  # type: ignore[arg-type]
    # Staff members' TOTP secrets (a second password each).
    Encrypted("users", UserRow.__table__, lambda i: f"user:{i}:totp", column="totp_secret"),  # type: ignore[arg-type]
]


def usage(session: Session) -> dict[str, dict[str, int]]:
    """{key id: {table: rows encrypted under it}}; erased rows hold no ciphertext and are left out."""
    counts: dict[str, dict[str, int]] = {}
    for spec in ENCRYPTED:
        t = spec.table
        rows = session.execute(select(t.c.key_id, func.count()).where(t.c.key_id != reports.ERASED)
                               .group_by(t.c.key_id))
        for kid, n in rows:
            counts.setdefault(kid, {})[spec.name] = n
    return counts


def stale_count(session: Session, current: str) -> int:
    """Rows still encrypted under another key than ``current``."""
    total = 0
    for spec in ENCRYPTED:
        t = spec.table
        total += session.execute(select(func.count()).select_from(t).where(
            t.c.key_id != current, t.c.key_id != reports.ERASED)).scalar_one()
    return total


def reencrypt_batch(session: Session, keys: KeyRing, spec: Encrypted, batch: int) -> tuple[int, int]:
    """Move up to ``batch`` rows of one table to the current key: (rows read, rows moved).

    Each row is decrypted with its own key and encrypted again under the current one, with the
    same associated data. The update is conditional on the key id read, so a row changed meanwhile
    (erased, say) is left to the next batch instead of being overwritten.
    """
    t = spec.table
    current = keys.current
    rows = session.execute(select(t.c.id, t.c.key_id, t.c[spec.column])
                           .where(t.c.key_id != current, t.c.key_id != reports.ERASED, t.c.key_id.is_not(None))
                           .order_by(t.c.id).limit(batch)).all()
    moved = 0
    for row_id, kid, body in rows:
        aad = spec.aad(row_id).encode()
        try:
            plaintext = keys.decrypt(kid, body, aad)
        except KeyError_ as e:  # name the row: the batch is rolled back, the others stay done
            raise KeyError_(f"{spec.name} row {row_id}: {e}") from None
        new_kid, new_body = keys.encrypt(plaintext, aad)
        result = session.execute(update(t).where(t.c.id == row_id, t.c.key_id == kid)
                                 .values({"key_id": new_kid, spec.column: new_body}))
        moved += result.rowcount
    return len(rows), moved

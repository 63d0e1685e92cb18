"""No victim's words or contact details in clear at rest: the raw SQLite file (and its -wal), or a
pg_dump of the PostgreSQL database, holds none of them; the scammers' identifiers are in clear.

The search looks for each text as UTF-8 and as hex (how pg_dump writes bytea), so a column that
stored them unencrypted would be found whatever its type.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from sqlalchemy.engine import make_url

from conftest import need
from tipline.service import reading

# Distinctive, ASCII (no JSON escaping can hide them), one per kind of personal data.
NARRATIVE = "Zephyrine-narrative-7731 met someone on Facebook who recorded our call"
CHAT = "Quokka-chat-4410: pay or everyone sees the video"
PERSONA = "Persona-marmalade-5512"
FOLLOW_UP = "Followup-tamarind-9020 he came back with a new account"
EMAIL = "marguerite.plaintext@victim-mail.example"
PHONE_TYPED = "+33 6 41 27 93 58"
PHONE_E164 = "+33641279358"
SECRETS = [NARRATIVE, CHAT, PERSONA, FOLLOW_UP, EMAIL, PHONE_E164, "Zephyrine", "Quokka", "marguerite.plaintext",
           "6 41 27 93 58", "641279358"]
SCAMMER_PHONE = "+2250758123456"  # meant to be in clear: linking and statistics read it


def report(i: int) -> dict:
    return {
        "language": "en", "reporter_role": "victim",
        "victim": {"age_band": "21-30", "country": "FR"},
        "contact": {"email": EMAIL, "phone": PHONE_TYPED, "consent_contact": True},
        "incident": {"platform_first_contact": "facebook", "scammer_persona": PERSONA},
        # The reporter's own address and number also appear in the texts, without a cue.
        "narrative": f"{NARRATIVE} ({i}). I answered from {EMAIL} and {PHONE_TYPED}. "
                     f"He wrote from +225 07 58 12 34 56.",
        "chat_log": f"[21:02] Awa: {CHAT}\n[21:03] Awa: write to {EMAIL}",
        "scammer_identifiers": [{"kind": "phone", "value": "+225 07 58 12 34 56"}],
        "payments": [{"amount": "300", "currency": "EUR", "method": "western_union", "destination_country": "CI"}],
    }


def raw_store(tipline) -> bytes:
    """Everything the database keeps on disk (SQLite) or gives a backup (PostgreSQL)."""
    url = make_url(tipline.db.url)
    if tipline.db.dialect == "sqlite":
        path = Path(url.database)
        return b"".join(p.read_bytes() for p in (path, Path(f"{path}-wal")) if p.exists())
    need(shutil.which("pg_dump") is not None, "pg_dump is not installed")
    dsn = url.set(drivername="postgresql").render_as_string(hide_password=False)
    return subprocess.run(["pg_dump", "--no-owner", f"--dbname={dsn}"], check=True, capture_output=True).stdout


def found(raw: bytes, text: str) -> bool:
    data = text.encode()
    return data in raw or data.hex().encode() in raw


def test_neither_the_database_nor_its_dump_holds_victims_words_or_contacts(client, tipline):
    refs = []
    for i in range(3):
        r = client.post("/api/v1/reports", json=report(i))
        assert r.status_code == 201, r.text
        refs.append((r.json()["reference"], r.json()["follow_up_token"]))
        # The reporter's own contact details are not taken for a scammer's identifiers.
        assert PHONE_E164 not in {x["value"] for x in r.json()["identifiers"]}
        assert EMAIL not in {x["value"] for x in r.json()["identifiers"]}
    ref, token = refs[0]
    r = client.post(f"/api/v1/reports/{ref}/follow-ups",
                    json={"token": token, "text": f"{FOLLOW_UP}; call me on {PHONE_TYPED}"})
    assert r.status_code == 201, r.text
    assert reading.read_pending(tipline) == 3  # the identifiers read in the texts are stored too
    raw = raw_store(tipline)
    assert found(raw, SCAMMER_PHONE), "the search finds nothing at all: it proves nothing"
    leaks = [s for s in SECRETS if found(raw, s)]
    assert leaks == []


def test_the_search_would_see_a_leak(tipline):
    """The same search finds a victim's text written in clear (here, into the audit log), so the
    test above can fail."""
    from tipline.store import audit

    with tipline.db.write() as s:
        audit.append(s, "test", "leak", "report", None, {"oops": NARRATIVE})
    assert found(raw_store(tipline), NARRATIVE)

"""Shared fixtures: a fresh store per test on SQLite (default) or PostgreSQL.

``TIPLINE_TEST_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/test`` runs the whole
suite on PostgreSQL; each test starts on an empty ``public`` schema. With ``CI=true`` a database
or browser that is missing fails the run instead of skipping.
"""

from __future__ import annotations

import base64
import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from tipline.config import Settings
from tipline.service.context import Tipline

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
TEST_DB = os.environ.get("TIPLINE_TEST_DATABASE_URL")
SHARED = Path(__file__).resolve().parents[2] / "shared"
EXAMPLE = SHARED / "examples" / "report.json"


def need(condition: bool, reason: str) -> None:
    """Skip when something external is missing; in CI that is a failure."""
    if not condition:
        if IN_CI:
            pytest.fail(f"CI=true and {reason}")
        pytest.skip(reason)


def _reset_postgres(url: str) -> None:
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
    except Exception as e:  # connection refused, auth…
        need(False, f"PostgreSQL at {url} is not reachable ({type(e).__name__})")
    finally:
        engine.dispose()


@pytest.fixture
def database_url(tmp_path: Path) -> str:
    if TEST_DB:
        _reset_postgres(TEST_DB)
        return TEST_DB
    return f"sqlite:///{tmp_path / 'tipline.sqlite3'}"


@pytest.fixture
def settings(tmp_path: Path, database_url: str) -> Settings:
    return Settings(
        data_dir=tmp_path / "data",
        database_url=database_url,
        secret_key=base64.b64encode(os.urandom(32)).decode(),
        rate_limit="10000/minute",
    )


@pytest.fixture
def tipline(settings: Settings) -> Iterator[Tipline]:
    app = Tipline.open(settings)
    yield app
    app.close()


@pytest.fixture
def client(tipline: Tipline):
    from fastapi.testclient import TestClient

    from tipline.web.app import create_app

    with TestClient(create_app(tipline=tipline)) as c:
        yield c


@pytest.fixture
def example() -> dict:
    """The interchange example from shared/ (a copy, free to modify)."""
    need(EXAMPLE.exists(), f"{EXAMPLE} is absent")
    return json.loads(EXAMPLE.read_text())

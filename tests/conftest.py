"""Shared fixtures: a fresh store per test on SQLite (default) or PostgreSQL.

``TIPLINE_TEST_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/test`` runs the whole
suite on PostgreSQL; each test starts on an empty ``public`` schema. With ``CI=true`` a database
or browser that is missing fails the run instead of skipping.
"""

from __future__ import annotations

import base64
import json
import os
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
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
def run(settings: Settings, monkeypatch):
    """The ``tipline`` command against the test's store, configured through TIPLINE_* like a user's."""
    from typer.testing import CliRunner

    from tipline.cli import app
    from tipline.config import get_settings

    monkeypatch.setenv("TIPLINE_DATA_DIR", str(settings.data_dir))
    monkeypatch.setenv("TIPLINE_DATABASE_URL", settings.database_url)
    monkeypatch.setenv("TIPLINE_SECRET_KEY", settings.secret_key)
    get_settings.cache_clear()
    runner = CliRunner()
    yield lambda *args, **kw: runner.invoke(app, [str(a) for a in args], catch_exceptions=False, **kw)
    get_settings.cache_clear()


@pytest.fixture
def example() -> dict:
    """The interchange example from shared/ (a copy, free to modify)."""
    need(EXAMPLE.exists(), f"{EXAMPLE} is absent")
    return json.loads(EXAMPLE.read_text())


# --- browser tests: the app on a loopback port, and Debian's chromium through Playwright ---------

CHROMIUM = Path("/usr/bin/chromium")
# Without the background-networking flags chromium keeps trying to reach outside hosts (no network here).
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]


@dataclass
class Server:
    url: str
    tipline: Tipline

    def count(self, table) -> int:
        from sqlalchemy import func, select

        with self.tipline.db.read() as s:
            return s.execute(select(func.count()).select_from(table)).scalar_one()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def server(settings: Settings) -> Iterator[Server]:
    """The app served by uvicorn in a thread, on the test's database (SQLite or PostgreSQL)."""
    import uvicorn

    from tipline.web.app import create_app

    # No network here: the quick exit goes to about:blank, which proves the page was replaced.
    tipline = Tipline.open(settings.model_copy(update={"quick_exit_url": "about:blank"}))
    port = free_port()
    uv = uvicorn.Server(uvicorn.Config(create_app(tipline=tipline), host="127.0.0.1", port=port,
                                       log_level="warning"))
    thread = threading.Thread(target=uv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not uv.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    try:
        yield Server(f"http://127.0.0.1:{port}", tipline)
    finally:
        uv.should_exit = True
        thread.join(10)
        tipline.close()


@pytest.fixture(scope="module")
def browser():
    need(CHROMIUM.exists(), f"{CHROMIUM} is absent (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()

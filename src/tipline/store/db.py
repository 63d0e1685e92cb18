"""Engines, sessions and migrations for SQLite (embedded) and PostgreSQL (production)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

MIGRATIONS = Path(__file__).parent / "migrations"


def _sqlite_engine(url: str, immediate: bool) -> Engine:
    engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record) -> None:
        # Let SQLAlchemy's "begin" event issue BEGIN itself (pysqlite's own is deferred only).
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=30000")
        # Overwrite deleted content with zeros: an erased report must not linger in free pages.
        cur.execute("PRAGMA secure_delete=ON")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn) -> None:
        # Writers take the write lock at BEGIN, so read-then-write (the audit chain) cannot race.
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


class Database:
    """One database: a write path (serialised where the engine needs it) and a read path."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.dialect = make_url(url).get_backend_name()
        if self.dialect == "sqlite":
            database = make_url(url).database
            if database and database != ":memory:":
                Path(database).parent.mkdir(parents=True, exist_ok=True)
            self.engine = _sqlite_engine(url, immediate=True)
            self.read_engine = _sqlite_engine(url, immediate=False)
        else:
            self.engine = create_engine(url, pool_size=10, max_overflow=10, pool_pre_ping=True)
            self.read_engine = self.engine
        self._write = sessionmaker(self.engine, expire_on_commit=False)
        self._read = sessionmaker(self.read_engine, expire_on_commit=False)

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A transaction: committed when the block ends, rolled back entirely on any error."""
        with self._write() as session, session.begin():
            yield session

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._read() as session:
            yield session

    def sign_audit_with(self, signer: Callable[[], tuple[str, bytes]]) -> None:
        """What signs the audit chain's head (see ``store.audit``): a function giving the current
        (key id, key), asked at each append so that a key rotation takes effect at once."""
        self._write.configure(info={"audit_signer": signer})

    def alembic_config(self) -> Config:
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        config.set_main_option("sqlalchemy.url", self.url.replace("%", "%%"))
        return config

    def upgrade(self) -> None:
        """Create or migrate the schema to the newest revision."""
        with self.engine.begin() as conn:
            config = self.alembic_config()
            config.attributes["connection"] = conn
            command.upgrade(config, "head")

    def current_revision(self) -> str | None:
        with self.engine.connect() as conn:
            if not inspect(conn).has_table("alembic_version"):
                return None
            return conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()

    def scrub(self) -> None:
        """After an erasure: on SQLite, copy the WAL into the database and truncate it, so old page
        images (with the erased ciphertexts) do not stay in the -wal file. Best effort: a reader
        still open keeps its frames until the next checkpoint. PostgreSQL has no such file; old row
        versions wait for VACUUM (see docs/data-protection.md)."""
        if self.dialect == "sqlite":
            raw = self.engine.raw_connection()  # outside any transaction: a checkpoint cannot run in one
            try:
                raw.driver_connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
            finally:
                raw.close()

    def dispose(self) -> None:
        self.engine.dispose()
        self.read_engine.dispose()

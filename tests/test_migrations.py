"""The migrations create exactly the tables the code declares, and can be undone."""

from __future__ import annotations

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect

from tipline.store.db import Database
from tipline.store.tables import Base


def _diff(db: Database) -> list:
    with db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        return compare_metadata(context, Base.metadata)


def test_migrated_schema_matches_the_tables(database_url):
    db = Database(database_url)
    db.upgrade()
    assert _diff(db) == []
    db.dispose()


def test_every_migration_can_be_undone_and_redone(database_url):
    db = Database(database_url)
    db.upgrade()
    head = ScriptDirectory.from_config(db.alembic_config()).get_current_head()
    command.downgrade(db.alembic_config(), "base")
    with db.engine.connect() as conn:
        assert set(inspect(conn).get_table_names()) <= {"alembic_version"}
    db.upgrade()
    assert db.current_revision() == head
    assert _diff(db) == []
    db.dispose()

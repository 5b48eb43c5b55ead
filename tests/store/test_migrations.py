"""Migrations: the schema is built from nothing, re-running is harmless, models match."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text
from sqlalchemy.exc import DBAPIError

from screening.store.db import make_engine
from screening.store.migrate import alembic_config, current_revision, head_revision, upgrade
from screening.store.tables import Base

TABLES = {
    "alembic_version",
    "api_keys",
    "screenings",
    "parsed_documents",
    "candidates",
    "decisions",
    "label_corrections",
    "audit_events",
    "idempotency_keys",
}


def test_upgrade_creates_every_table_from_an_empty_database(db_url: str) -> None:
    assert current_revision(db_url) is None
    upgrade(db_url)
    engine = make_engine(db_url)
    try:
        assert set(inspect(engine).get_table_names()) == TABLES
    finally:
        engine.dispose()
    assert current_revision(db_url) == head_revision() == "0002"


def test_upgrade_twice_changes_nothing(db_url: str) -> None:
    upgrade(db_url)
    upgrade(db_url)
    assert current_revision(db_url) == head_revision()


def test_migrated_schema_matches_the_models(migrated_url: str) -> None:
    engine = make_engine(migrated_url)
    try:
        with engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            assert compare_metadata(context, Base.metadata) == []
    finally:
        engine.dispose()


def test_downgrade_to_base_then_upgrade_again(migrated_url: str) -> None:
    from alembic import command

    engine = make_engine(migrated_url)
    try:
        with engine.begin() as conn:
            config = alembic_config()
            config.attributes["connection"] = conn
            command.downgrade(config, "base")
        assert set(inspect(engine).get_table_names()) == {"alembic_version"}
    finally:
        engine.dispose()
    upgrade(migrated_url)
    assert current_revision(migrated_url) == head_revision()


def test_a_failed_upgrade_leaves_nothing_half_done(db_url: str) -> None:
    engine = make_engine(db_url)
    try:
        with engine.begin() as conn:
            # in the way of the last table the migration creates
            conn.execute(text("CREATE TABLE label_corrections (id INTEGER)"))
        with pytest.raises(DBAPIError):
            upgrade(db_url)
        assert set(inspect(engine).get_table_names()) == {"label_corrections"}
    finally:
        engine.dispose()
    assert current_revision(db_url) is None

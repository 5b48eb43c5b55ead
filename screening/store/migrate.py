"""Run the store's Alembic migrations from code (no ``alembic.ini`` needed at run time)."""

from __future__ import annotations

import logging
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from screening.store.db import make_engine, session_factory

logger = logging.getLogger(__name__)

#: The Alembic script directory shipped inside the package.
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def alembic_config() -> Config:
    """An Alembic configuration pointing at the packaged migrations (no ini file)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def upgrade(url: str, revision: str = "head") -> None:
    """Bring the database at ``url`` to ``revision`` (the latest by default).

    Safe to run at every start: a database already at head is left alone. On PostgreSQL,
    concurrent runs (several workers starting at once) are serialised by an advisory lock.
    The whole upgrade is one transaction on both databases: it applies fully or not at all.

    Args:
        url: a SQLAlchemy URL (see :func:`screening.store.db.database_url`).
        revision: the target revision.

    Raises:
        sqlalchemy.exc.SQLAlchemyError: the database is unreachable or a migration failed.
    """
    engine = make_engine(url)
    try:
        with engine.begin() as connection:
            config = alembic_config()
            config.attributes["connection"] = connection
            command.upgrade(config, revision)
    finally:
        engine.dispose()
    logger.info("database schema at %s", revision, extra={"backend": engine.dialect.name})


def current_revision(url: str) -> str | None:
    """The revision the database at ``url`` is at (``None``: never migrated)."""
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()
    finally:
        engine.dispose()


def head_revision() -> str | None:
    """The latest revision shipped with the code."""
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def open_store(url: str) -> tuple[Engine, sessionmaker[Session]]:
    """The store at ``url``, its schema brought to head first: its engine (dispose it when
    done) and session factory. What the service's start-up and the store commands do."""
    upgrade(url)
    engine = make_engine(url)
    return engine, session_factory(engine)

"""Alembic environment of the screening store.

Run programmatically by :func:`screening.store.migrate.upgrade` (which hands over an open
connection in ``config.attributes["connection"]``), or by developers with the CLI::

    .venv/bin/alembic -c screening/store/alembic.ini upgrade head
    .venv/bin/alembic -c screening/store/alembic.ini -x url=postgresql+psycopg://... upgrade head

Without ``-x url=...`` the CLI uses the default SQLite file (``var/screening.db``).
"""

from __future__ import annotations

from logging.config import fileConfig

from alembic import context
from sqlalchemy import Connection, text

from screening.store.db import database_url, make_engine
from screening.store.tables import Base

config = context.config
if config.config_file_name is not None and "connection" not in config.attributes:
    # The developer CLI: logging from alembic.ini. Run from the app, logging is the app's.
    fileConfig(config.config_file_name, disable_existing_loggers=False)
target_metadata = Base.metadata
#: Any constant: serialises concurrent migrations (several workers starting) on PostgreSQL.
_MIGRATION_LOCK = 0x5C12EE0


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        # SQLite cannot ALTER most things: later migrations rebuild tables in batch mode.
        render_as_batch=connection.dialect.name == "sqlite",
        # Our SQLite engines emit BEGIN themselves (screening.store.db), so DDL is
        # transactional there too: a failed migration leaves nothing half done.
        transactional_ddl=True,
        compare_type=True,
    )
    with context.begin_transaction():
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK})
        context.run_migrations()


def _url() -> str:
    given = context.get_x_argument(as_dictionary=True).get("url") or config.get_main_option("sqlalchemy.url")
    return database_url(given or None)


def run_migrations_offline() -> None:
    """Emit the SQL instead of running it (``alembic upgrade head --sql``)."""
    context.configure(url=_url(), target_metadata=target_metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    """Run the migrations on the connection handed over, or on a new engine for the URL."""
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = make_engine(_url())
    try:
        with engine.connect() as conn:
            _run(conn)
            conn.commit()
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()

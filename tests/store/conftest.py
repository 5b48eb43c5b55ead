"""Database fixtures of the store tests, on SQLite and on PostgreSQL.

A conftest beside the root one because the root conftest belongs to another part of the
suite; move these fixtures there if the API tests need a database too.

PostgreSQL: one database with a random name per test session (created through the
``postgres`` database, dropped at the end), and one schema per test (``search_path`` in the
URL), so every test starts from an empty database on both engines. The PostgreSQL variants
are marked ``postgres`` and skipped when no server answers on 127.0.0.1:5432.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from screening.parsing.model import ParsedResume
from screening.parsing.pipeline import parse_text
from screening.parsing.resources import ParseResources
from screening.store.db import make_engine, session_factory
from screening.store.migrate import upgrade

PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
PG_HOST = "postgresql+psycopg://postgres@127.0.0.1:5432"

RESUME = """Jane Doe
Experience
Senior Analyst, Example Bank, London, 2019 - 2021
Reconciled the general ledger across four business units every month
Led the migration of the treasury reporting to a new platform on time
Smart Contract Engineer, Example Labs, Singapore, 2021 - present
Wrote Solidity smart contracts for a DeFi lending protocol on Ethereum
Education
BSc Economics, Example University, 2012 - 2016
"""


@pytest.fixture(scope="session")
def postgres_database() -> Iterator[str]:
    """A new, empty PostgreSQL database for this test session: its name."""
    import psycopg

    try:
        admin = psycopg.connect(PG_ADMIN, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as exc:
        pytest.skip(f"PostgreSQL not reachable on 127.0.0.1:5432 as postgres: {exc}".strip())
    name = f"screening_test_{secrets.token_hex(6)}"
    with admin:
        admin.execute(f'CREATE DATABASE "{name}"')
        try:
            yield name
        finally:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(
    params=[pytest.param("sqlite"), pytest.param("postgresql", marks=pytest.mark.postgres)],
)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The URL of an empty database (not migrated), on each engine."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'screening.db'}"
    database: str = request.getfixturevalue("postgres_database")
    import psycopg

    schema = f"t_{secrets.token_hex(6)}"
    with psycopg.connect(f"postgresql://postgres@127.0.0.1:5432/{database}", autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    return f"{PG_HOST}/{database}?options=-csearch_path%3D{schema}"


@pytest.fixture
def migrated_url(db_url: str) -> str:
    """``db_url`` with the schema at head."""
    upgrade(db_url)
    return db_url


@pytest.fixture
def engine(migrated_url: str) -> Iterator[Engine]:
    engine = make_engine(migrated_url)
    yield engine
    engine.dispose()


@pytest.fixture
def factory(engine: Engine) -> sessionmaker[Session]:
    return session_factory(engine)


@pytest.fixture(scope="session")
def parsed(resources: ParseResources) -> ParsedResume:
    """A real parse of a short résumé."""
    return parse_text(RESUME, resources, file="jane-doe.pdf")

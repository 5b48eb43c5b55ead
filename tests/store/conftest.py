"""Database fixtures of the store tests, on SQLite and on PostgreSQL.

The database URL fixtures (``postgres_database``, ``db_url``) live in the root conftest, shared
with the API tests; these build on them.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from screening.parsing.model import ParsedResume
from screening.parsing.pipeline import parse_text
from screening.parsing.resources import ParseResources
from screening.store.db import make_engine, session_factory
from screening.store.migrate import upgrade

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

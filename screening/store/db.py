"""Engines and sessions: SQLite by default, PostgreSQL (psycopg 3) when a URL says so.

Nothing here runs at import. The app creates one engine at start-up (``make_engine``), runs
the migrations (:func:`screening.store.migrate.upgrade`), and opens one session per request
from :func:`session_factory`.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool

logger = logging.getLogger(__name__)

#: The default database: a SQLite file under the checkout's ``var/`` folder (ignored by git).
DEFAULT_DB_PATH = Path(__file__).resolve().parents[2] / "var" / "screening.db"
#: Seconds a new PostgreSQL connection may take (unless the URL sets ``connect_timeout``):
#: without it, a server that drops packets blocks the caller for minutes.
PG_CONNECT_TIMEOUT_S = 10


def database_url(url: str | None = None, *, default_path: Path = DEFAULT_DB_PATH) -> str:
    """The database URL to use: ``url`` when given, else the default SQLite file.

    For a SQLite file URL, the folder holding the file is created (at this call, never at
    import).

    Args:
        url: a SQLAlchemy URL (``sqlite:///...``, ``postgresql+psycopg://user@host/db``), or
            ``None`` for the default.
        default_path: the SQLite file used when ``url`` is ``None``.

    Returns:
        The URL as a string.
    """
    chosen = url if url else f"sqlite:///{default_path}"
    parsed = make_url(chosen)
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    return chosen


def safe_url(url: str) -> str:
    """``url`` with its password masked, for logs and messages."""
    return make_url(url).render_as_string(hide_password=True)


def _sqlite_on_connect(dbapi_connection: Any, _connection_record: object) -> None:
    # pysqlite's own transaction handling starts transactions late (not before DDL, not
    # before SELECT) and breaks SAVEPOINT: switch it off and let SQLAlchemy emit BEGIN
    # (_sqlite_on_begin), so migrations are atomic and savepoints work, as on PostgreSQL.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        # Foreign keys are off by default on SQLite, per connection.
        cursor.execute("PRAGMA foreign_keys=ON")
        # WAL: readers do not block the writer (the API reads while a screening is stored).
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=5000")
    finally:
        cursor.close()


def _sqlite_on_begin(connection: Connection) -> None:
    # IMMEDIATE takes the write lock at BEGIN, waiting up to the busy timeout for it. A
    # deferred BEGIN reads first and upgrades to writing later, and that upgrade fails at
    # once ("database is locked") when another request committed in between: concurrent
    # uploads hit it. Transactions are short (parsing runs outside them), so serialising
    # them costs little; PostgreSQL is the store for heavy concurrent use.
    connection.exec_driver_sql("BEGIN IMMEDIATE")


def make_engine(url: str, *, echo: bool = False) -> Engine:
    """An engine for ``url``.

    SQLite: usable from several threads (``check_same_thread=False``; FastAPI runs plain
    ``def`` routes in a thread pool), one pooled connection (threads take turns, in order),
    WAL journal, foreign keys enforced, a 5 s busy timeout (between processes).
    PostgreSQL: connections are checked before use (``pool_pre_ping``); connecting gives up
    after :data:`PG_CONNECT_TIMEOUT_S` unless the URL sets ``connect_timeout``.

    Args:
        url: a SQLAlchemy URL; see :func:`database_url`.
        echo: log every SQL statement (debugging only: statements carry résumé data).

    Returns:
        The engine; dispose of it (``engine.dispose()``) when the app stops.
    """
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        # One connection per engine, handed out in arrival order. Every transaction takes
        # SQLite's write lock at BEGIN (_sqlite_on_begin), so connections beyond one would
        # only wait for that lock inside SQLite, whose busy handler polls and is not fair:
        # under 20 concurrent uploads some requests starved past the busy timeout ("database
        # is locked"). The pool's queue serves waiters in turn instead. (A request must not
        # open a second session while its first holds a transaction: it would wait for itself.)
        pool_args: dict[str, Any] = {}
        if parsed.database not in (None, "", ":memory:"):
            pool_args = {"poolclass": QueuePool, "pool_size": 1, "max_overflow": 0, "pool_timeout": 60}
        engine = create_engine(url, echo=echo, connect_args={"check_same_thread": False}, **pool_args)
        event.listen(engine, "connect", _sqlite_on_connect)
        event.listen(engine, "begin", _sqlite_on_begin)
        return engine
    connect_args = {} if "connect_timeout" in parsed.query else {"connect_timeout": PG_CONNECT_TIMEOUT_S}
    return create_engine(url, echo=echo, pool_pre_ping=True, connect_args=connect_args)


def session_factory(engine: Engine) -> sessionmaker[Session]:
    """A session maker bound to ``engine``.

    Objects stay readable after commit (``expire_on_commit=False``), so a route can return
    what it stored without another query. Use ``with factory.begin() as session:`` for a unit
    of work that commits on success and rolls back on error.
    """
    return sessionmaker(bind=engine, expire_on_commit=False)

"""Engines: the default SQLite file, SQLite settings, foreign keys on both databases."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from screening.parsing.model import ParsedResume
from screening.store import repo
from screening.store.db import database_url, make_engine
from screening.store.tables import Candidate, ParsedDocument


def test_default_url_is_a_sqlite_file_whose_folder_is_created(tmp_path: Path) -> None:
    path = tmp_path / "var" / "nested" / "screening.db"
    assert database_url(None, default_path=path) == f"sqlite:///{path}"
    assert path.parent.is_dir()
    assert database_url("postgresql+psycopg://u@h/db", default_path=path) == "postgresql+psycopg://u@h/db"


def test_sqlite_engine_uses_wal_and_enforces_foreign_keys(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'x.db'}")
    try:
        with engine.connect() as conn:
            assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
    finally:
        engine.dispose()


def test_foreign_keys_are_enforced(factory: sessionmaker[Session]) -> None:
    with factory() as session:
        session.add(Candidate(screening_id="missing", status="scored", result_json={}))
        with pytest.raises(IntegrityError):
            session.flush()


def test_caching_a_file_someone_else_just_cached_keeps_theirs(
    factory: sessionmaker[Session], parsed: ParsedResume, monkeypatch: pytest.MonkeyPatch
) -> None:
    with factory.begin() as session:
        repo.put_parsed(session, parsed)
    with factory.begin() as session:
        real_get = session.get
        calls = {"n": 0}

        def stale_get(entity: Any, ident: Any, **kw: Any) -> Any:
            # The first look-up happens "before" the other request committed.
            calls["n"] += 1
            return None if calls["n"] == 1 else real_get(entity, ident, **kw)

        monkeypatch.setattr(session, "get", stale_get)
        doc = repo.put_parsed(session, parsed)
        assert isinstance(doc, ParsedDocument)
        assert doc.sha256 == parsed.sha256
        # the session is still usable after the refused insert
        repo.create_screening(session, "risk-analyst", actor=repo.SYSTEM_ACTOR)
    with factory() as session:
        assert [e.action for e in repo.list_audit(session)] == ["document.parsed", "screening.created"]

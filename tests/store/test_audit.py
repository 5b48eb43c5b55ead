"""The audit log: every write appends its event; the log refuses change on both databases."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import Engine, func, select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from screening.parsing.model import PARSER_VERSION, ParsedResume
from screening.store import repo
from screening.store.tables import AppendOnlyError, AuditEvent
from tests.store.helpers import VERSIONS, scored_result


def _count(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(AuditEvent)) or 0


def test_every_write_appends_its_own_event(factory: sessionmaker[Session], parsed: ParsedResume) -> None:
    with factory.begin() as session:
        admin = repo.ensure_admin_token(session, "a" * 48)
        recruiter, _ = repo.create_api_key(session, "recruiter", "Ana", actor=admin.id)
    writes: list[Callable[[Session], object]] = [
        lambda s: repo.put_parsed(s, parsed, actor=recruiter.id),
        lambda s: repo.create_screening(s, "smart-contract-engineer", actor=recruiter.id),
    ]
    for write in writes:
        with factory.begin() as session:
            before = _count(session)
            write(session)
            assert _count(session) == before + 1
    with factory.begin() as session:
        (screening,) = repo.list_screenings(session)
        (candidate,) = repo.add_candidates(
            session, screening, [scored_result(parsed, rank=1, fit_score=0.6)], actor=recruiter.id
        )
        repo.set_screening_status(session, screening.id, "ranked", actor=recruiter.id)
        repo.record_decision(session, candidate.id, "reject", "no Rust", reviewer=recruiter.id, override=True)
        repo.add_label_correction(session, candidate.id, "web3", 1, reviewer=recruiter.id)
        repo.export_labels(session, actor=admin.id)
        repo.revoke_api_key(session, recruiter.id, actor=admin.id)

    with factory() as session:
        events = repo.list_audit(session)
        assert [e.action for e in events] == [
            "api_key.created",
            "api_key.created",
            "document.parsed",
            "screening.created",
            "candidate.added",
            "screening.status",
            "decision.recorded",
            "label.corrected",
            "labels.exported",
            "api_key.revoked",
        ]
        assert [e.id for e in events] == sorted(e.id for e in events)
        assert events[0].actor == repo.SYSTEM_ACTOR
        assert all(e.at.tzinfo is not None for e in events)
        decision = next(e for e in events if e.action == "decision.recorded")
        assert decision.actor == recruiter.id
        assert (decision.screening_id, decision.candidate_id, decision.sha256) == (
            screening.id,
            candidate.id,
            parsed.sha256,
        )
        assert decision.model_versions == {
            "background": VERSIONS.background,
            "aha": VERSIONS.aha,
            "taxonomy": VERSIONS.taxonomy,
        }
        assert decision.parser_version == PARSER_VERSION
        assert decision.details["decision"] == "reject"
        assert decision.details["reason"] == "no Rust"
        assert decision.details["override"] is True
        assert len(decision.details["result_sha256"]) == 64
        added = next(e for e in events if e.action == "candidate.added")
        assert (added.sha256, added.parser_version) == (parsed.sha256, PARSER_VERSION)
        assert [e.action for e in repo.list_audit(session, candidate_id=candidate.id)] == [
            "candidate.added",
            "decision.recorded",
            "label.corrected",
        ]
        assert len(repo.list_audit(session, after_id=events[-3].id)) == 2
        assert len(repo.list_audit(session, limit=3, offset=8)) == 2


def test_a_failed_write_leaves_no_event(factory: sessionmaker[Session]) -> None:
    with factory.begin() as session:
        key, _ = repo.create_api_key(session, "recruiter", "Ana")

    def write_then_fail() -> None:
        with factory.begin() as session:
            repo.create_screening(session, "risk-analyst", actor=key.id)
            raise RuntimeError("the request failed after the write")

    with pytest.raises(RuntimeError, match="failed after the write"):
        write_then_fail()
    with factory() as session:
        assert [e.action for e in repo.list_audit(session)] == ["api_key.created"]
        assert repo.list_screenings(session) == []


@pytest.mark.parametrize(
    "statement",
    ["UPDATE audit_events SET action = 'nothing.happened'", "DELETE FROM audit_events"],
)
def test_database_refuses_to_change_audit_events(
    engine: Engine, factory: sessionmaker[Session], statement: str
) -> None:
    with factory.begin() as session:
        repo.audit(session, repo.SYSTEM_ACTOR, "test.event", details={"n": 1})
    with pytest.raises(DBAPIError, match="append-only"), engine.begin() as conn:
        conn.execute(text(statement))
    with engine.connect() as conn:
        assert conn.execute(text("SELECT action FROM audit_events")).scalars().all() == ["test.event"]


@pytest.mark.postgres
@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)  # SQLite has no TRUNCATE
def test_postgresql_refuses_to_truncate_audit_events(engine: Engine) -> None:
    with pytest.raises(DBAPIError, match="append-only"), engine.begin() as conn:
        conn.execute(text("TRUNCATE audit_events"))


def test_orm_refuses_to_flush_a_change_to_an_event(factory: sessionmaker[Session]) -> None:
    with factory.begin() as session:
        event = repo.audit(session, repo.SYSTEM_ACTOR, "test.event")
    with factory() as session:
        loaded = session.get(AuditEvent, event.id)
        assert loaded is not None
        loaded.action = "changed"
        with pytest.raises(AppendOnlyError):
            session.flush()
        session.rollback()
        session.delete(loaded)
        with pytest.raises(AppendOnlyError):
            session.flush()

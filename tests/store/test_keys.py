"""API keys: hashed at rest, shown once, revocable; the configured admin token."""

from __future__ import annotations

import hashlib

import pytest
from sqlalchemy import select, text
from sqlalchemy.orm import Session, sessionmaker

from screening.store import repo
from screening.store.tables import ApiKey, AuditEvent


def test_secret_is_not_stored_only_its_sha256(factory: sessionmaker[Session]) -> None:
    with factory.begin() as session:
        key, secret = repo.create_api_key(session, "recruiter", "Ana (recruiting)")
    assert secret.startswith(repo.KEY_PREFIX)
    assert len(secret) >= 40
    assert key.key_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert key.prefix == secret[: repo.DISPLAY_PREFIX_LENGTH]
    with factory() as session:
        rows = session.execute(text("SELECT * FROM api_keys")).all()
    stored = " ".join(str(value) for row in rows for value in row)
    assert secret not in stored
    assert secret[repo.DISPLAY_PREFIX_LENGTH :] not in stored


def test_authenticate_finds_the_key_and_refuses_other_secrets(factory: sessionmaker[Session]) -> None:
    with factory.begin() as session:
        key, secret = repo.create_api_key(session, "auditor", "audit team")
        _, other = repo.create_api_key(session, "recruiter", "someone else")
    with factory() as session:
        found = repo.authenticate(session, secret)
        assert found is not None
        assert (found.id, found.role) == (key.id, "auditor")
        assert repo.authenticate(session, secret + "x") is None
        assert repo.authenticate(session, "") is None
        assert repo.authenticate(session, other) is not None


def test_revoked_key_no_longer_authenticates(factory: sessionmaker[Session]) -> None:
    with factory.begin() as session:
        admin, _ = repo.create_api_key(session, "admin", "root")
        key, secret = repo.create_api_key(session, "recruiter", "leaver", actor=admin.id)
    with factory.begin() as session:
        revoked = repo.revoke_api_key(session, key.id, actor=admin.id)
        assert revoked.revoked_at is not None
        assert revoked.revoked_at.tzinfo is not None
    with factory() as session:
        assert repo.authenticate(session, secret) is None
        assert [k.id for k in repo.list_api_keys(session, include_revoked=False)] == [admin.id]
        actions = [e.action for e in repo.list_audit(session, actor=admin.id)]
        assert actions == ["api_key.created", "api_key.revoked"]


def test_unknown_role_and_unknown_key_are_refused(factory: sessionmaker[Session]) -> None:
    with factory() as session:
        with pytest.raises(repo.InvalidValueError, match="unknown role"):
            repo.create_api_key(session, "superuser", "x")
        with pytest.raises(repo.NotFoundError):
            repo.revoke_api_key(session, "no-such-key", actor=repo.SYSTEM_ACTOR)


def test_admin_token_makes_one_admin_key_and_is_idempotent(factory: sessionmaker[Session]) -> None:
    token = "t" * 8 + "-configured-admin-token-0123456789"
    with factory.begin() as session:
        first = repo.ensure_admin_token(session, token)
    with factory.begin() as session:
        second = repo.ensure_admin_token(session, token)
    assert first.id == second.id
    with factory() as session:
        key = repo.authenticate(session, token)
        assert key is not None
        assert key.role == "admin"
        assert len(session.scalars(select(ApiKey)).all()) == 1
        created = session.scalars(select(AuditEvent).where(AuditEvent.action == "api_key.created")).all()
        assert [e.details["source"] for e in created] == ["admin_token"]


def test_admin_token_must_be_long_and_not_revoked(factory: sessionmaker[Session]) -> None:
    with factory() as session, pytest.raises(repo.InvalidValueError, match="at least"):
        repo.ensure_admin_token(session, "short-token")
    token = "r" * 40
    with factory.begin() as session:
        key = repo.ensure_admin_token(session, token)
        repo.revoke_api_key(session, key.id, actor=key.id)
    with factory() as session, pytest.raises(repo.InvalidValueError, match="revoked"):
        repo.ensure_admin_token(session, token)

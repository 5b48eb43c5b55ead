"""Dependencies shared by the routes: one function and one ``Annotated`` alias each.

Access control: every ``/v1`` route names one of :data:`ReaderKey`, :data:`WriterKey`,
:data:`AuditorKey` or :data:`AdminKey` (all built with :func:`require`), so a route without
an access rule cannot be written by accident (``tests/service/test_auth.py`` walks the
OpenAPI paths to check it).

======================  ======================================================
role                    may
======================  ======================================================
``recruiter``           read screenings, candidates, explanations, roles and models;
                        upload screenings, record decisions and label corrections
``auditor``             read everything, the audit log included; no writes
``admin``               everything, plus label export and model reload
======================  ======================================================
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session, sessionmaker

from screening.api.errors import ApiError
from screening.parsing.isolation import ParserPool
from screening.scoring import Scorer
from screening.settings import Settings
from screening.store.repo import authenticate
from screening.store.tables import ApiKey, Role

#: The ``Authorization: Bearer <key>`` scheme (documented in the OpenAPI schema).
bearer = HTTPBearer(auto_error=False, description="an API key: `Authorization: Bearer aha_...`")


def get_pool(request: Request) -> ParserPool:
    """The parser worker pool created in the app's lifespan."""
    pool: ParserPool = request.app.state.pool
    return pool


def get_settings(request: Request) -> Settings:
    """The settings the app was built with."""
    settings: Settings = request.app.state.settings
    return settings


def get_sessions(request: Request) -> sessionmaker[Session]:
    """The session factory bound to the app's engine (created in the lifespan).

    Raises:
        ApiError: 503 ``database_unavailable`` while the database is not up (it was not
            reachable at start; the app keeps trying, see ``/readyz``).
    """
    sessions: sessionmaker[Session] | None = request.app.state.sessions
    if sessions is None:
        raise ApiError(503, "database_unavailable", "the database is not available (see /readyz)")
    return sessions


def get_session(sessions: Annotated[sessionmaker[Session], Depends(get_sessions)]) -> Iterator[Session]:
    """One session per request. Routes commit their writes; anything uncommitted is rolled back."""
    with sessions() as session:
        yield session


def get_scorer(request: Request) -> Scorer:
    """The scorer serving now, read once per request: a model reload swaps ``app.state.scorer``
    and requests already running keep the one they started with.

    Raises:
        ApiError: 503 ``models_unavailable`` when no model could be loaded.
    """
    scorer: Scorer | None = request.app.state.scorer
    if scorer is None:
        raise ApiError(503, "models_unavailable", "no scoring model is loaded (see /readyz)")
    return scorer


PoolDep = Annotated[ParserPool, Depends(get_pool)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
SessionDep = Annotated[Session, Depends(get_session)]
ScorerDep = Annotated[Scorer, Depends(get_scorer)]

_UNAUTHORIZED = {"WWW-Authenticate": "Bearer"}


def get_current_key(
    session: SessionDep, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]
) -> ApiKey:
    """The active API key of the ``Authorization: Bearer`` header.

    Raises:
        ApiError: 401 ``unauthorized`` when the header is missing, malformed, unknown or revoked.
    """
    if credentials is None or credentials.scheme.lower() != "bearer" or not credentials.credentials:
        raise ApiError(401, "unauthorized", "an API key is required (Authorization: Bearer)", _UNAUTHORIZED)
    key = authenticate(session, credentials.credentials)
    # End the lookup's transaction now: on SQLite a transaction holds the write lock, and the
    # route may open its own (the key object stays usable: sessions do not expire on commit).
    session.commit()
    if key is None:
        raise ApiError(401, "unauthorized", "the API key is unknown or revoked", _UNAUTHORIZED)
    return key


CurrentKey = Annotated[ApiKey, Depends(get_current_key)]


def require(*roles: Role) -> Callable[[ApiKey], ApiKey]:
    """A dependency admitting only keys of ``roles``.

    Raises (from the dependency):
        ApiError: 403 ``forbidden`` for a key of another role (401 before that, see
            :func:`get_current_key`).
    """
    allowed = frozenset(roles)

    def check_role(key: CurrentKey) -> ApiKey:
        if key.role not in allowed:
            raise ApiError(403, "forbidden", f"this needs the role {' or '.join(sorted(allowed))}")
        return key

    return check_role


ReaderKey = Annotated[ApiKey, Depends(require("recruiter", "auditor", "admin"))]
WriterKey = Annotated[ApiKey, Depends(require("recruiter", "admin"))]
AuditorKey = Annotated[ApiKey, Depends(require("auditor", "admin"))]
AdminKey = Annotated[ApiKey, Depends(require("admin"))]

"""FastAPI application factory.

The lifespan brings the store to its latest schema, opens the engine, creates the
configured admin key, starts the parser pool and loads the scoring models (the registry's
champions unless models are given), and closes them all after the app stops. Routes reach
each through one dependency (:mod:`screening.api.deps`). A database or model registry that is
not there at start does not stop the app: it is not ready until a background retry brings
it up (:mod:`screening.api.startup`).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from functools import partial

from fastapi import FastAPI, Request, Response, UploadFile
from fastapi.responses import JSONResponse
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as SqlalchemyTimeoutError
from sqlalchemy.orm import Session, sessionmaker

from screening import __version__
from screening.api.audit_routes import router as audit_router
from screening.api.deps import PoolDep, SettingsDep, WriterKey
from screening.api.errors import ApiError, error_response, install_error_handlers
from screening.api.limits import UPLOAD_OVERHEAD_BYTES, BodyLimits, BodySizeLimit
from screening.api.metrics import Metrics, install_metrics
from screening.api.routes import router
from screening.api.service import read_upload
from screening.api.startup import Dependency, scrub
from screening.bundle import ScoringModels
from screening.parsing.isolation import ParserPool
from screening.parsing.model import PARSER_VERSION, ParsedResume
from screening.scoring import Scorer
from screening.settings import Settings
from screening.store.db import database_url, safe_url
from screening.store.migrate import open_store
from screening.store.repo import ensure_admin_token
from screening.web.routes import install_web

logger = logging.getLogger(__name__)

#: HTTP status for each parse error code.
PARSE_ERROR_STATUS = {
    "not_pdf": 415,
    "too_large": 413,
    "too_many_pages": 413,
    "encrypted": 422,
    "malformed": 422,
    "timeout": 422,
}
#: The routes that take résumé uploads (the API's and the web UI's).
UPLOAD_PATHS = frozenset({"/v1/screenings", "/screenings/new"})

__all__ = ["ApiError", "build_scorer", "create_app", "load_champions"]


def load_champions(settings: Settings) -> ScoringModels:
    """The scoring models to serve: the registry's champions, or the configured URIs (blocking).

    Raises:
        mlflow.exceptions.MlflowException: a model or alias does not exist.
        screening.registry.RegistryUnreachableError: the tracking server does not answer.
    """
    from screening.registry import check_reachable, configure, load_scoring_models

    check_reachable(configure())
    return load_scoring_models(settings.background_model_uri, settings.aha_model_uri)


def build_scorer(settings: Settings, models: ScoringModels) -> Scorer:
    """A scorer over ``models`` with the reference data of ``settings.data_dir`` (blocking)."""
    return Scorer.from_settings(models, settings)


def ensure_admin(sessions: sessionmaker[Session], token: str) -> None:
    """Make sure the configured admin key exists (blocking)."""
    # With several server processes (serve --workers N) on PostgreSQL, two may insert the key
    # at once: the loser finds it on a second try.
    for attempt in (1, 2):
        try:
            with sessions.begin() as session:
                ensure_admin_token(session, token)
            return
        except IntegrityError:
            if attempt == 2:
                raise


#: Database errors worth retrying at start: the server is down, refuses, or the database is
#: missing. Others (a failing migration, a revoked admin token) stop the start.
TRANSIENT_DATABASE_ERRORS: tuple[type[Exception], ...] = (
    OperationalError,
    InterfaceError,
    SqlalchemyTimeoutError,
    ConnectionError,
)


def describe_database_error(url: str, exc: Exception) -> tuple[str, str]:
    """Why the store is not up: for ``/readyz`` (the error's type only) and for the log (the
    URL without its password and the driver's first line of message)."""
    cause: BaseException = getattr(exc, "orig", None) or exc
    kind = type(cause).__name__
    return (
        f"the database does not answer or cannot be brought up ({kind})",
        f"{safe_url(url)}: {kind}: {scrub(str(cause))}",
    )


def describe_models_error(exc: Exception) -> tuple[str, str]:
    """Why no model is loaded: for ``/readyz`` and for the log (no secret: URL passwords are
    masked)."""
    kind = type(exc).__name__
    if isinstance(exc, ConnectionError):
        return "the model registry does not answer", scrub(str(exc))
    if getattr(exc, "error_code", None) == "RESOURCE_DOES_NOT_EXIST":
        return "the registry has no such model or alias (no champion yet?)", f"{kind}: {scrub(str(exc))}"
    return f"the models could not be loaded ({kind})", f"{kind}: {scrub(str(exc))}"


def create_app(settings: Settings | None = None, *, models: ScoringModels | None = None) -> FastAPI:
    """Build the application; nothing starts until its lifespan runs.

    Args:
        settings: the configuration (read from ``SCREENING_*`` when omitted).
        models: the scoring models to serve; when omitted the lifespan loads the registry's
            champions (or ``background_model_uri``/``aha_model_uri``). If that fails the app
            still starts, ``/readyz`` answers 503 and scoring routes ``models_unavailable``
            until a background retry or ``POST /v1/models/reload`` succeeds.

    The database likewise: unreachable at start, the app starts, ``/readyz`` and the routes
    needing it answer 503 ``database_unavailable``, and a background retry migrates it and
    creates the admin key once it answers (:mod:`screening.api.startup`).
    """
    settings = settings or Settings()
    metrics = Metrics()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        url = database_url(settings.database_url)
        state = app.state
        state.engine, state.sessions, state.pool, state.scorer = None, None, None, None
        state.reload_lock = asyncio.Lock()

        async def open_database() -> None:
            engine, sessions = await asyncio.to_thread(open_store, url)
            try:
                if settings.admin_token is not None:
                    await asyncio.to_thread(ensure_admin, sessions, settings.admin_token.get_secret_value())
            except BaseException:
                await asyncio.to_thread(engine.dispose)
                raise
            state.engine, state.sessions = engine, sessions

        async def load_models() -> None:
            async with state.reload_lock:
                if state.scorer is not None:  # POST /v1/models/reload got there first
                    return
                served = models if models is not None else await asyncio.to_thread(load_champions, settings)
                state.scorer = await asyncio.to_thread(build_scorer, settings, served)

        database = Dependency(
            "database",
            open_database,
            partial(describe_database_error, url),
            retry_on=TRANSIENT_DATABASE_ERRORS,
            max_delay_s=settings.startup_retry_max_s,
        )
        scoring = Dependency(
            "models",
            load_models,
            describe_models_error,
            # Given models that fail to build are a bug; the registry's may come later.
            retry_on=(Exception,) if models is None else (),
            max_delay_s=settings.startup_retry_max_s,
        )
        state.dependencies = {"database": database, "models": scoring}
        try:
            await database.attempt()
            state.pool = await asyncio.to_thread(ParserPool, settings)
            await scoring.attempt()
            database.retry_in_background()
            scoring.retry_in_background()
            yield
        finally:
            await database.stop()
            await scoring.stop()
            if state.pool is not None:
                await asyncio.to_thread(state.pool.close)
            if state.engine is not None:
                await asyncio.to_thread(state.engine.dispose)

    app = FastAPI(title="AHA Screening", version=__version__, lifespan=lifespan)
    app.state.settings = settings
    app.state.metrics = metrics
    install_error_handlers(app)
    install_metrics(app, metrics)

    # Bodies are counted as they arrive (chunked ones too) and refused with 413 before the
    # multipart parser spools them or a JSON body is read into memory.
    app.add_middleware(
        BodySizeLimit,
        limits=BodyLimits(
            upload_paths=UPLOAD_PATHS,
            upload=settings.max_files_per_request * settings.parse.max_bytes + UPLOAD_OVERHEAD_BYTES,
            parse=settings.parse.max_bytes + UPLOAD_OVERHEAD_BYTES,
        ),
    )

    @app.get("/healthz", tags=["health"])
    def healthz() -> dict[str, str]:
        return {"status": "alive"}

    @app.get("/readyz", tags=["health"], response_model=None)
    def readyz(request: Request, pool: PoolDep) -> dict[str, object] | JSONResponse:
        state = request.app.state
        dependencies: dict[str, Dependency] = state.dependencies
        if state.sessions is None:
            database = dependencies["database"]
            return error_response(
                503,
                "database_unavailable",
                f"the database is not available: {database.problem}; retrying (attempt {database.attempts})",
            )
        scorer: Scorer | None = state.scorer
        if scorer is None:
            scoring = dependencies["models"]
            why = f": {scoring.problem}; retrying (attempt {scoring.attempts})" if scoring.problem else ""
            return error_response(503, "models_unavailable", f"no scoring model is loaded{why}")
        try:
            with state.engine.connect() as connection:
                connection.execute(text("SELECT 1"))
        except Exception as exc:
            logger.warning("database not ready: %s", type(exc).__name__)
            return error_response(503, "database_unavailable", "the database does not answer")
        return {
            "status": "ready",
            "parser_version": PARSER_VERSION,
            "workers": str(pool.size),
            "models": scorer.versions.model_dump(),
            "database": "ok",
        }

    @app.get("/metrics", tags=["health"], include_in_schema=False)
    def metrics_route() -> Response:
        return metrics.render()

    @app.post("/v1/parse", response_model=ParsedResume, tags=["parse"])
    def parse(file: UploadFile, pool: PoolDep, config: SettingsDep, _key: WriterKey) -> ParsedResume:
        upload = read_upload(file.filename, file.file, config.parse.max_bytes)
        outcome = pool.parse(upload.data, upload.name)  # not_pdf, then too_large, as every upload
        if isinstance(outcome, ParsedResume):
            return outcome
        raise ApiError(PARSE_ERROR_STATUS[outcome.error.code], outcome.error.code, outcome.error.message)

    app.include_router(router)
    app.include_router(audit_router)
    install_web(app)
    return app

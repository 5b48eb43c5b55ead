"""FastAPI application factory.

The lifespan brings the store to its latest schema, opens the engine, creates the
configured admin key, starts the parser pool and loads the scoring models (the registry's
champions unless models are given), and closes them all after the app stops. Routes reach
each through one dependency (:mod:`screening.api.deps`).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request, Response, UploadFile
from fastapi.responses import JSONResponse
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from screening import __version__
from screening.api.deps import PoolDep, SettingsDep, WriterKey
from screening.api.errors import ApiError, error_response, install_error_handlers
from screening.api.metrics import Metrics, install_metrics
from screening.api.routes import router
from screening.bundle import ScoringModels
from screening.parsing.isolation import ParserPool
from screening.parsing.model import PARSER_VERSION, ParsedResume
from screening.scoring import Scorer
from screening.settings import Settings
from screening.store.db import database_url
from screening.store.migrate import open_store
from screening.store.repo import ensure_admin_token

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
#: Multipart overhead allowed on top of ``max_files_per_request * parse.max_bytes``.
UPLOAD_OVERHEAD_BYTES = 1024 * 1024

__all__ = ["ApiError", "build_scorer", "create_app", "load_champions"]


def load_champions(settings: Settings) -> ScoringModels:
    """The scoring models to serve: the registry's champions, or the configured URIs (blocking).

    Raises:
        mlflow.exceptions.MlflowException: a model or alias does not exist.
    """
    from screening.registry import configure, load_scoring_models

    configure()
    return load_scoring_models(settings.background_model_uri, settings.aha_model_uri)


def build_scorer(settings: Settings, models: ScoringModels) -> Scorer:
    """A scorer over ``models`` with the reference data of ``settings.data_dir`` (blocking)."""
    return Scorer.from_settings(models, settings)


def create_app(settings: Settings | None = None, *, models: ScoringModels | None = None) -> FastAPI:
    """Build the application; nothing starts until its lifespan runs.

    Args:
        settings: the configuration (read from ``SCREENING_*`` when omitted).
        models: the scoring models to serve; when omitted the lifespan loads the registry's
            champions (or ``background_model_uri``/``aha_model_uri``). If that fails the app
            still starts, ``/readyz`` answers 503 and scoring routes ``models_unavailable``
            until ``POST /v1/models/reload`` succeeds.
    """
    settings = settings or Settings()
    metrics = Metrics()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        engine, sessions = await asyncio.to_thread(open_store, database_url(settings.database_url))
        app.state.engine, app.state.sessions = engine, sessions
        app.state.pool = None
        try:
            if settings.admin_token is not None:
                token = settings.admin_token.get_secret_value()

                def create_admin() -> None:
                    # With several server processes (serve --workers N) on PostgreSQL, two may
                    # insert the key at once: the loser finds it on a second try.
                    for attempt in (1, 2):
                        try:
                            with app.state.sessions.begin() as session:
                                ensure_admin_token(session, token)
                            return
                        except IntegrityError:
                            if attempt == 2:
                                raise

                await asyncio.to_thread(create_admin)
            app.state.pool = await asyncio.to_thread(ParserPool, settings)
            app.state.scorer = None
            app.state.reload_lock = asyncio.Lock()
            try:
                served = models if models is not None else await asyncio.to_thread(load_champions, settings)
                app.state.scorer = await asyncio.to_thread(build_scorer, settings, served)
            except Exception as exc:
                if models is not None:
                    raise
                logger.error("scoring models not loaded: %s", type(exc).__name__)
            yield
        finally:
            if app.state.pool is not None:
                await asyncio.to_thread(app.state.pool.close)
            await asyncio.to_thread(engine.dispose)

    app = FastAPI(title="AHA Screening", version=__version__, lifespan=lifespan)
    app.state.settings = settings
    app.state.metrics = metrics
    install_error_handlers(app)
    install_metrics(app, metrics)

    upload_limit = settings.max_files_per_request * settings.parse.max_bytes + UPLOAD_OVERHEAD_BYTES

    @app.middleware("http")
    async def limit_upload(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        # Starlette spools a whole multipart body before the route runs: refuse an oversized one
        # from its declared length, before it is read.
        if request.method == "POST" and request.url.path == "/v1/screenings":
            length = request.headers.get("content-length")
            if length is not None and length.isdigit() and int(length) > upload_limit:
                return error_response(413, "request_too_large", f"the upload exceeds {upload_limit:,} bytes")
        return await call_next(request)

    @app.get("/healthz", tags=["health"])
    def healthz() -> dict[str, str]:
        return {"status": "alive"}

    @app.get("/readyz", tags=["health"], response_model=None)
    def readyz(request: Request, pool: PoolDep) -> dict[str, object] | JSONResponse:
        scorer: Scorer | None = request.app.state.scorer
        if scorer is None:
            return error_response(503, "models_unavailable", "no scoring model is loaded")
        try:
            with request.app.state.engine.connect() as connection:
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
        limit = config.parse.max_bytes
        data = file.file.read(limit + 1)
        if len(data) > limit:
            raise ApiError(413, "too_large", f"the file exceeds {limit:,} bytes")
        outcome = pool.parse(data, file.filename)
        if isinstance(outcome, ParsedResume):
            return outcome
        raise ApiError(PARSE_ERROR_STATUS[outcome.error.code], outcome.error.code, outcome.error.message)

    app.include_router(router)
    return app

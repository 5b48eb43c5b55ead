"""FastAPI application factory.

The parser pool is created in the lifespan and closed after it; routes reach it through
one dependency (``PoolDep``). This is the start of the service: scoring, persistence,
access control and review arrive with their own issues.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, HTTPException, Request, UploadFile
from fastapi.responses import JSONResponse

from screening import __version__
from screening.api.deps import PoolDep, SettingsDep
from screening.parsing.isolation import ParserPool
from screening.parsing.model import PARSER_VERSION, ParsedResume
from screening.settings import Settings


class ApiError(Exception):
    """An error answered as ``{"code", "message"}`` with an HTTP status."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


#: HTTP status for each parse error code.
PARSE_ERROR_STATUS = {
    "not_pdf": 415,
    "too_large": 413,
    "too_many_pages": 413,
    "encrypted": 422,
    "malformed": 422,
    "timeout": 422,
}


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the application; nothing starts until its lifespan runs."""
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.pool = await asyncio.to_thread(ParserPool, settings)
        try:
            yield
        finally:
            await asyncio.to_thread(app.state.pool.close)

    app = FastAPI(title="AHA Screening", version=__version__, lifespan=lifespan)
    app.state.settings = settings

    @app.exception_handler(ApiError)
    async def api_error(_: Request, exc: ApiError) -> JSONResponse:
        return JSONResponse({"code": exc.code, "message": exc.message}, status_code=exc.status)

    @app.exception_handler(HTTPException)
    async def http_error(_: Request, exc: HTTPException) -> JSONResponse:
        return JSONResponse({"code": "http_error", "message": str(exc.detail)}, status_code=exc.status_code)

    @app.get("/healthz")
    def healthz() -> dict[str, str]:
        return {"status": "alive"}

    @app.get("/readyz")
    def readyz(pool: PoolDep) -> dict[str, str]:
        return {"status": "ready", "parser_version": PARSER_VERSION, "workers": str(pool.size)}

    @app.post("/v1/parse", response_model=ParsedResume)
    def parse(file: UploadFile, pool: PoolDep, config: SettingsDep) -> ParsedResume:
        limit = config.parse.max_bytes
        data = file.file.read(limit + 1)
        if len(data) > limit:
            raise ApiError(413, "too_large", f"the file exceeds {limit:,} bytes")
        outcome = pool.parse(data, file.filename)
        if isinstance(outcome, ParsedResume):
            return outcome
        raise ApiError(PARSE_ERROR_STATUS[outcome.error.code], outcome.error.code, outcome.error.message)

    return app

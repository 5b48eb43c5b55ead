"""Errors answered as ``{"code", "message"}`` with stable codes, and the handlers that map them.

Codes clients may rely on: ``unauthorized`` (401), ``forbidden`` (403), ``not_found`` (404),
``method_not_allowed`` (405), ``too_many_files``/``request_too_large`` (413),
``invalid_request`` (422: the request does not match the schema), ``invalid_value`` (422: the
store refused a value), ``unknown_role`` (422), ``idempotency_key_reused`` (422: an
``Idempotency-Key`` sent again with another request), ``idempotency_key_in_use`` (409),
``not_implemented`` (501),
``internal_error`` (500), ``models_unavailable``/``database_unavailable``/``reload_failed``
(503), and the parse codes of ``/v1/parse``.
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from screening.store.repo import InvalidValueError, NotFoundError

logger = logging.getLogger(__name__)

#: Codes of the HTTP errors FastAPI raises itself (unknown path, wrong method…).
_STATUS_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "request_too_large",
    415: "unsupported_media_type",
    422: "invalid_request",
}


class ApiError(Exception):
    """An error answered as ``{"code", "message"}`` with an HTTP status."""

    def __init__(self, status: int, code: str, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.headers = status, code, message, headers


def error_response(
    status: int, code: str, message: str, headers: dict[str, str] | None = None
) -> JSONResponse:
    """The JSON body every error has."""
    return JSONResponse({"code": code, "message": message}, status_code=status, headers=headers)


def _describe(exc: RequestValidationError) -> str:
    # Only locations and messages: the offending input may be résumé data, never echo it.
    parts = []
    for err in exc.errors():
        where = ".".join(str(p) for p in err.get("loc", ()))
        parts.append(f"{where}: {err.get('msg', 'invalid')}")
    return "; ".join(parts) or "invalid request"


def install_error_handlers(app: FastAPI) -> None:
    """Register the handlers mapping domain and framework errors to the JSON error body."""

    @app.exception_handler(ApiError)
    async def api_error(_: Request, exc: ApiError) -> JSONResponse:
        return error_response(exc.status, exc.code, exc.message, exc.headers)

    @app.exception_handler(HTTPException)
    async def http_error(_: Request, exc: HTTPException) -> JSONResponse:
        code = _STATUS_CODES.get(exc.status_code, "http_error")
        return error_response(exc.status_code, code, str(exc.detail), dict(exc.headers or {}) or None)

    @app.exception_handler(RequestValidationError)
    async def validation_error(_: Request, exc: RequestValidationError) -> JSONResponse:
        return error_response(422, "invalid_request", _describe(exc))

    @app.exception_handler(NotFoundError)
    async def not_found(_: Request, exc: NotFoundError) -> JSONResponse:
        return error_response(404, "not_found", str(exc))

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> JSONResponse:
        # The type and route only: an exception's message may quote the input (résumé data).
        route = getattr(request.scope.get("route"), "path", "unmatched")
        logger.error("unhandled error", extra={"error_type": type(exc).__name__, "route": route})
        return error_response(500, "internal_error", "an unexpected error occurred; it was logged")

    @app.exception_handler(InvalidValueError)
    async def invalid_value(_: Request, exc: InvalidValueError) -> JSONResponse:
        return error_response(422, "invalid_value", str(exc))

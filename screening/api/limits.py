"""Request body size limits, enforced as the bytes arrive.

Starlette spools a whole multipart body (to memory, then disk) before a route runs, and
reads a JSON body into memory whole. A limit checked on the declared ``Content-Length``
alone lets a chunked upload (no ``Content-Length``) through, so :class:`BodySizeLimit`
counts the bytes it passes on and answers 413 ``request_too_large`` as soon as a body goes
over its limit, whether declared or not: at most ``limit`` bytes are ever read.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass

from starlette.types import ASGIApp, Message, Receive, Scope, Send

logger = logging.getLogger(__name__)

#: Multipart overhead allowed on top of the files' own limits (boundaries, part headers, fields).
UPLOAD_OVERHEAD_BYTES = 1024 * 1024
#: Largest body of any other request (JSON, forms): they are read into memory whole.
OTHER_BODY_BYTES = 1024 * 1024
#: Largest integer a query parameter (an offset, an id) may hold: what a 64-bit database integer
#: holds (SQLite and PostgreSQL refuse larger ones with an error, not a 4xx).
MAX_QUERY_INT = 2**63 - 1


@dataclass(frozen=True)
class BodyLimits:
    """How many body bytes each request may send."""

    upload_paths: frozenset[str]
    upload: int  # a screening upload: every file at its limit, plus overhead
    parse: int  # ``POST /v1/parse``: one file at its limit, plus overhead
    other: int = OTHER_BODY_BYTES  # any other body but a multipart form (which gets ``upload``)

    def for_request(self, method: str, path: str, content_type: str) -> int:
        """The limit of one request, in bytes."""
        if method == "POST" and path in self.upload_paths:
            return self.upload
        if method == "POST" and path == "/v1/parse":
            return self.parse
        if content_type.startswith("multipart/form-data"):  # spooled to disk, like uploads
            return self.upload
        return self.other


class _BodyTooLargeError(Exception):
    """Raised into the application when its body goes over the limit (answered with 413)."""


def _header(scope: Scope, name: bytes) -> str:
    for key, value in scope.get("headers", ()):
        if key.lower() == name:
            return bytes(value).decode("latin-1")
    return ""


class BodySizeLimit:
    """ASGI middleware refusing bodies over their :class:`BodyLimits` with 413 ``request_too_large``.

    A declared ``Content-Length`` over the limit is refused before anything is read. Otherwise
    each chunk is counted as the application receives it; the chunk that crosses the limit is
    not passed on, the application sees an error in its place, and whatever it answers is
    replaced by the 413.
    """

    def __init__(self, app: ASGIApp, limits: BodyLimits) -> None:
        self.app = app
        self.limits = limits

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limits.for_request(scope["method"], scope["path"], _header(scope, b"content-type"))
        declared = _header(scope, b"content-length")
        if declared.isdigit() and int(declared) > limit:
            await self._refuse(send, limit)
            return
        received = 0
        exceeded = False
        started = False

        async def counting_receive() -> Message:
            nonlocal received, exceeded
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    exceeded = True
                    raise _BodyTooLargeError
            return message

        async def guarded_send(message: Message) -> None:
            nonlocal started
            if exceeded and not started:
                return  # the application's answer to the error it saw: the 413 goes instead
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, guarded_send)
        except Exception:
            if not exceeded:
                raise
        if exceeded and not started:
            logger.info("request body over its limit", extra={"path": scope["path"], "limit": limit})
            await self._refuse(send, limit)

    @staticmethod
    async def _refuse(send: Send, limit: int) -> None:
        body = json.dumps(
            {"code": "request_too_large", "message": f"the request body exceeds {limit:,} bytes"}
        ).encode()
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                    (b"connection", b"close"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})

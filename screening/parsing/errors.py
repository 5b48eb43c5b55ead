"""Errors raised while reading a PDF, each with a stable code that callers may rely on."""

from __future__ import annotations

from typing import Literal

ErrorCode = Literal["not_pdf", "encrypted", "too_large", "too_many_pages", "timeout", "malformed"]

#: Every code a parse can fail with, in a stable order (documented in the README).
ERROR_CODES: tuple[ErrorCode, ...] = (
    "not_pdf",
    "encrypted",
    "too_large",
    "too_many_pages",
    "timeout",
    "malformed",
)


class ParseError(Exception):
    """A file that cannot be parsed. ``code`` is stable; ``message`` is for people."""

    def __init__(self, code: ErrorCode, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.code: ErrorCode = code
        self.message = message

    def __reduce__(self) -> tuple[type[ParseError], tuple[ErrorCode, str]]:
        # Crosses process boundaries (the isolated parser pool) intact.
        return (ParseError, (self.code, self.message))

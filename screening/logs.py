"""Structured logs: one JSON object per line on stderr, for the CLI and the service.

Each line holds ``time`` (UTC, ISO 8601), ``level``, ``logger``, ``msg`` and every field given
with ``extra={...}`` (ids, counts, codes, versions — never résumé text or personal data). An
exception adds ``exc_type`` and the stack of code locations, never the exception's message
(messages of validation errors can quote their input).
"""

from __future__ import annotations

import json
import logging
import sys
import traceback
from datetime import UTC, datetime
from typing import Any

#: Attributes every LogRecord has; anything else on a record came from ``extra=``.
_STANDARD = frozenset(
    "name msg args levelname levelno pathname filename module exc_info exc_text stack_info lineno "
    "funcName created msecs relativeCreated thread threadName processName process taskName message "
    "asctime".split()
)

#: Extra fields that only repeat the message (uvicorn's terminal colours).
_SKIPPED = frozenset({"color_message"})


class JsonFormatter(logging.Formatter):
    """Format a record as one line of JSON."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "msg": record.getMessage(),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD and key not in _SKIPPED and not key.startswith("_"):
                entry[key] = value
        if record.exc_info and record.exc_info[0] is not None:
            entry["exc_type"] = record.exc_info[0].__name__
            entry["stack"] = [
                f"{frame.filename}:{frame.lineno} in {frame.name}"
                for frame in traceback.extract_tb(record.exc_info[2])
            ]
        return json.dumps(entry, ensure_ascii=False, default=str)


def configure_logging(level: str | int = logging.WARNING) -> None:
    """Send every logger's records to stderr as JSON lines, at ``level`` and above."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)


def uvicorn_log_config(level: str = "INFO") -> dict[str, Any]:
    """A ``logging.config.dictConfig`` for ``uvicorn.run``: uvicorn's own loggers (server and
    access lines) and the app's loggers, all as JSON lines on stderr."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": JsonFormatter}},
        "handlers": {
            "stderr": {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stderr"}
        },
        "root": {"handlers": ["stderr"], "level": level.upper()},
        "loggers": {
            "uvicorn": {"handlers": [], "level": level.upper(), "propagate": True},
            "uvicorn.error": {"handlers": [], "level": level.upper(), "propagate": True},
            "uvicorn.access": {"handlers": [], "level": level.upper(), "propagate": True},
        },
    }

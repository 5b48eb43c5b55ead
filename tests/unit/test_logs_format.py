"""Log lines are JSON whatever the message holds, carry ``extra`` fields, and never an
exception's message."""

from __future__ import annotations

import json
import logging

from screening.logs import JsonFormatter


def _line(record: logging.LogRecord) -> dict[str, object]:
    data: dict[str, object] = json.loads(JsonFormatter().format(record))
    return data


def test_a_message_with_quotes_and_newlines_is_one_valid_json_line() -> None:
    record = logging.LogRecord("screening.x", logging.INFO, "f.py", 1, 'said "hi"\nthen %s', ("left",), None)
    text = JsonFormatter().format(record)
    assert "\n" not in text
    data = json.loads(text)
    assert data["msg"] == 'said "hi"\nthen left'
    assert data["level"] == "INFO"
    assert data["logger"] == "screening.x"
    assert str(data["time"]).endswith("+00:00")


def test_extra_fields_are_kept_and_exception_messages_are_not() -> None:
    try:
        raise ValueError("Jane Doe, jane@example.com")
    except ValueError:
        import sys

        record = logging.LogRecord("screening.x", logging.ERROR, "f.py", 1, "failed", None, sys.exc_info())
    record.candidate_id = "c-1"
    record.files = 3
    data = _line(record)
    assert data["candidate_id"] == "c-1"
    assert data["files"] == 3
    assert data["exc_type"] == "ValueError"
    assert "jane@example.com" not in json.dumps(data)
    assert any("test_logs_format.py" in frame for frame in data["stack"])  # type: ignore[union-attr]

"""The audit's input files: demographics, batch scores and recorded decisions.

Formats:

* **Demographics** (CSV, UTF-8, with a header): a column ``id`` (a candidate id, or the
  résumé file's SHA-256) and one column per category (``sex``, ``race_ethnicity``…); an
  empty cell means unknown. An id may appear twice only with the same values.
* **Scores**: the output of ``screening score`` (:mod:`screening.batch`): JSONL (one
  :class:`~screening.schema.CandidateResult` per line) or CSV/Parquet (flat columns
  ``sha256``, ``status``, ``fit_score``, ``<label>_probability``, ``versions``). Rows are
  matched to the demographics by ``sha256``; rows not ``scored`` (needs review, errors)
  have no score and are left out.
* **Decisions** (JSONL or CSV): one decision per row, with ``id`` (candidate id or résumé
  SHA-256), ``decision`` (``advance``, ``hold`` or ``reject``) and optionally ``at`` (an ISO
  8601 time). The latest decision per id counts: by ``at`` when the rows have it (all or
  none), else the later row.

Every problem is an :class:`~screening.audit.stats.AuditError` with a stable code and the
line it was found on; no value from the file is echoed except ids' counts and column names.
"""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from screening.audit.stats import AuditError, Demographics
from screening.schema import LABEL_NAMES

DECISION_VALUES = ("advance", "hold", "reject")
#: The decision that counts as selected.
SELECTED_DECISION = "advance"
#: The default score of a scores file: the role fit.
FIT_SCORE = "fit.score"


@dataclass(frozen=True, slots=True)
class ScoredRow:
    """One row of scores: the ids it may be known by, its score (None: not scored), versions."""

    keys: tuple[str, ...]
    score: float | None
    versions: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class DecisionRow:
    """One recorded decision."""

    keys: tuple[str, ...]
    decision: str
    at: datetime | None = None


def score_name(label: str | None) -> str:
    """What a scores audit measures: ``fit.score`` or ``<label> probability``.

    Raises:
        AuditError: ``unknown_label``.
    """
    if label is None:
        return FIT_SCORE
    if label not in LABEL_NAMES:
        raise AuditError("unknown_label", f"unknown label {label!r}; use one of {', '.join(LABEL_NAMES)}")
    return f"{label} probability"


# --- demographics -------------------------------------------------------------------------------


def parse_demographics(text: str, *, source: str = "demographics") -> Demographics:
    """Demographics from CSV text (see the module's format).

    Raises:
        AuditError: ``invalid_demographics`` (no header, no ``id`` column, no category
            column, an empty id, an id twice with different values).
    """
    try:
        return _demographics(text, source)
    except csv.Error as exc:  # a field over the csv module's size limit, a NUL byte…
        raise AuditError("invalid_demographics", f"{source}: not a readable CSV file ({exc})") from None


def _demographics(text: str, source: str) -> Demographics:
    reader = csv.DictReader(io.StringIO(text.removeprefix("\ufeff")))
    header = [h.strip() for h in (reader.fieldnames or [])]
    if "id" not in header:
        raise AuditError("invalid_demographics", f"{source}: no 'id' column (columns: {', '.join(header)})")
    categories = tuple(h for h in header if h and h != "id")
    if not categories:
        raise AuditError("invalid_demographics", f"{source}: no category column beside 'id'")
    if len(set(header)) != len(header):
        raise AuditError("invalid_demographics", f"{source}: a column name appears twice")
    by_id: dict[str, dict[str, str | None]] = {}
    for line, raw in enumerate(reader, start=2):
        row = {(k or "").strip(): (v or "").strip() for k, v in raw.items() if k is not None}
        key = row.get("id", "")
        if not key:
            raise AuditError("invalid_demographics", f"{source}: line {line}: empty id")
        values: dict[str, str | None] = {c: row.get(c) or None for c in categories}
        if key in by_id and by_id[key] != values:
            raise AuditError(
                "invalid_demographics", f"{source}: line {line}: an id appears twice, differently"
            )
        by_id[key] = values
    if not by_id:
        raise AuditError("invalid_demographics", f"{source}: no rows")
    return Demographics(categories=categories, by_id=by_id)


def read_demographics(path: Path) -> Demographics:
    """Demographics from a CSV file (see :func:`parse_demographics`).

    Raises:
        AuditError: ``demographics_unavailable`` (the file cannot be read) or
            ``invalid_demographics``.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise AuditError(
            "demographics_unavailable", f"cannot read {path.name}: {type(exc).__name__}"
        ) from None
    return parse_demographics(text, source=path.name)


# --- scores -------------------------------------------------------------------------------------


def _number(value: object, where: str) -> float | None:
    if value is None or value == "":
        return None
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise AuditError("invalid_scores", f"{where}: the score is not a number") from None
    if isinstance(value, bool) or not math.isfinite(number):
        raise AuditError("invalid_scores", f"{where}: the score is not a finite number")
    return number


def _versions(value: object) -> tuple[str, ...]:
    if isinstance(value, str) and value:
        try:
            value = json.loads(value)
        except json.JSONDecodeError:
            return ()
    if isinstance(value, Mapping):
        return tuple(str(value[k]) for k in ("background", "aha") if value.get(k))
    return ()


def _result_score(result: Mapping[str, Any], label: str | None, where: str) -> float | None:
    if label is None:
        fit = result.get("fit")
        return _number(fit.get("score"), where) if isinstance(fit, Mapping) else None
    labels = result.get("labels")
    score = labels.get(label) if isinstance(labels, Mapping) else None
    return _number(score.get("probability"), where) if isinstance(score, Mapping) else None


def _jsonl(path: Path, code: str) -> Iterator[tuple[int, Mapping[str, Any]]]:
    with path.open(encoding="utf-8") as fh:
        for line, raw in enumerate(fh, start=1):
            if not raw.strip():
                continue
            try:
                obj = json.loads(raw)
            except json.JSONDecodeError:
                raise AuditError(code, f"{path.name}: line {line}: not JSON") from None
            if not isinstance(obj, dict):
                raise AuditError(code, f"{path.name}: line {line}: not a JSON object")
            yield line, obj


def _flat_rows(path: Path) -> Iterator[tuple[int, Mapping[str, Any]]]:
    if path.suffix.lower() == ".csv":
        with path.open(encoding="utf-8", newline="") as fh:
            yield from enumerate(csv.DictReader(fh), start=2)
        return
    import pyarrow.parquet as pq  # type: ignore[import-untyped]

    try:
        table = pq.read_table(path)
    except Exception as exc:  # pyarrow raises its own error types for a damaged file
        raise AuditError(
            "invalid_scores", f"{path.name}: not a readable Parquet file ({type(exc).__name__})"
        ) from None
    yield from enumerate(table.to_pylist(), start=1)


def read_scores(path: Path, *, label: str | None = None) -> list[ScoredRow]:
    """The rows of a ``screening score`` output file (JSONL, CSV or Parquet).

    Args:
        path: the file.
        label: audit this label's probability instead of the role fit score.

    Raises:
        AuditError: ``invalid_scores`` (unreadable file, unknown extension, a row that is not
            an object, a score that is not a number), ``unknown_label``, ``no_scores``
            (scored rows without the chosen score: scored without a role, say).
    """
    score_name(label)
    suffix = path.suffix.lower()
    if suffix not in (".jsonl", ".csv", ".parquet"):
        raise AuditError("invalid_scores", f"{path.name}: use a .jsonl, .csv or .parquet scores file")
    if not path.is_file():
        raise AuditError("invalid_scores", f"no such file: {path}")
    rows: list[ScoredRow] = []
    scored_without = 0
    try:
        if suffix == ".jsonl":
            for line, obj in _jsonl(path, "invalid_scores"):
                where = f"{path.name}: line {line}"
                score = _result_score(obj, label, where) if obj.get("status") == "scored" else None
                scored_without += obj.get("status") == "scored" and score is None
                rows.append(ScoredRow(_keys(obj.get("sha256")), score, _versions(obj.get("versions"))))
        else:
            column = "fit_score" if label is None else f"{label}_probability"
            for line, obj in _flat_rows(path):
                where = f"{path.name}: row {line}"
                if "sha256" not in obj or "status" not in obj:
                    raise AuditError("invalid_scores", f"{path.name}: no 'sha256' and 'status' columns")
                score = _number(obj.get(column), where) if obj.get("status") == "scored" else None
                scored_without += obj.get("status") == "scored" and score is None
                rows.append(ScoredRow(_keys(obj.get("sha256")), score, _versions(obj.get("versions"))))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise AuditError("invalid_scores", f"{path.name}: cannot read ({type(exc).__name__})") from None
    if scored_without and not any(r.score is not None for r in rows):
        hint = "score with --role" if label is None else f"the label {label!r} is missing"
        raise AuditError("no_scores", f"{path.name}: scored rows carry no {score_name(label)} ({hint})")
    return rows


def _keys(*values: object) -> tuple[str, ...]:
    return tuple(str(v) for v in values if isinstance(v, str) and v)


# --- decisions ----------------------------------------------------------------------------------


def _time(value: object, where: str) -> datetime | None:
    if value is None or value == "":
        return None
    try:
        at = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        raise AuditError("invalid_decisions", f"{where}: 'at' is not an ISO 8601 time") from None
    return at if at.tzinfo is not None else at.replace(tzinfo=UTC)


def read_decisions(path: Path) -> list[DecisionRow]:
    """The rows of a decisions file (JSONL or CSV, see the module's format), in file order.

    Raises:
        AuditError: ``invalid_decisions`` (unreadable, no ``id``/``decision``, an unknown
            decision, a bad time, ``at`` on some rows only).
    """
    suffix = path.suffix.lower()
    if suffix not in (".jsonl", ".csv"):
        raise AuditError("invalid_decisions", f"{path.name}: use a .jsonl or .csv decisions file")
    if not path.is_file():
        raise AuditError("invalid_decisions", f"no such file: {path}")
    rows: list[DecisionRow] = []
    try:
        if suffix == ".jsonl":
            items: Iterator[tuple[int, Mapping[str, Any]]] = _jsonl(path, "invalid_decisions")
        else:
            items = _flat_rows(path)
        for line, obj in items:
            where = f"{path.name}: line {line}"
            key, decision = obj.get("id"), obj.get("decision")
            if not isinstance(key, str) or not key.strip():
                raise AuditError("invalid_decisions", f"{where}: no 'id'")
            if decision not in DECISION_VALUES:
                raise AuditError(
                    "invalid_decisions", f"{where}: 'decision' must be one of {', '.join(DECISION_VALUES)}"
                )
            rows.append(DecisionRow((key.strip(),), str(decision), _time(obj.get("at"), where)))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise AuditError("invalid_decisions", f"{path.name}: cannot read ({type(exc).__name__})") from None
    timed = sum(r.at is not None for r in rows)
    if 0 < timed < len(rows):
        raise AuditError("invalid_decisions", f"{path.name}: 'at' is given on some rows only")
    return rows


def current_decisions(rows: list[DecisionRow]) -> list[DecisionRow]:
    """The latest decision per candidate (by ``at`` when given, else by order), first-seen order.

    A candidate known by several keys (a stored candidate's id and its résumé's SHA-256) is
    one candidate: rows are grouped by their first key.
    """
    timed = all(r.at is not None for r in rows)
    ordered = sorted(rows, key=lambda r: r.at or datetime.min.replace(tzinfo=UTC)) if timed else rows
    latest: dict[str, DecisionRow] = {}
    for row in ordered:
        latest[row.keys[0]] = row
    first_seen = list(dict.fromkeys(r.keys[0] for r in rows))
    return [latest[k] for k in first_seen]

"""Batch scoring: many stored PDFs -> one row per file in JSONL, CSV or Parquet.

``screening score PATH... --role ROLE --out FILE`` (see :func:`score_files`). Files are
parsed on the isolated parser pool (``--workers`` processes, the per-file time limit) and
scored with :class:`screening.scoring.Scorer` in the same worker, which sends back the row
already serialised: this process reads, hashes and writes, nothing more. A file that cannot
be read or parsed is a row with ``status: "error"`` and its error code, never a crash. The
run is resumable: files whose SHA-256 is already in the output are skipped, and new rows are
appended (JSONL, CSV) or merged (Parquet, rewritten at the end).

Rows: JSONL holds the whole :class:`~screening.schema.CandidateResult` per line. CSV and
Parquet hold flat columns (:data:`FLAT_COLUMNS`: file, sha256, status, error, fit score,
each label's probability and decision) plus ``result``, the same JSON, so nothing is lost.
"""

from __future__ import annotations

import csv
import hashlib
import json
import logging
import pickle
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from screening.bundle import ScoringModels
from screening.parsing.cli import expand_inputs, read_input
from screening.parsing.isolation import ParserPool
from screening.parsing.model import ParsedResume, ParseFailure
from screening.ranking import RoleProfile
from screening.schema import LABEL_NAMES, CandidateResult
from screening.scoring import Scorer
from screening.settings import Settings

ParseOutcome = ParsedResume | ParseFailure

logger = logging.getLogger(__name__)

FORMATS = {".jsonl": "jsonl", ".csv": "csv", ".parquet": "parquet"}

#: Flat columns of CSV and Parquet rows, in order (``result`` holds the whole JSON).
FLAT_COLUMNS: tuple[str, ...] = (
    "file",
    "sha256",
    "status",
    "error_code",
    "error_message",
    "role",
    "fit_score",
    *(f"{label}_{kind}" for label in LABEL_NAMES for kind in ("probability", "predicted")),
    "versions",
    "result",
)


class BatchError(ValueError):
    """A problem with the batch's arguments (unknown output format, no input)."""


@dataclass
class BatchSummary:
    """What a run did."""

    inputs: int
    skipped: int
    scored: int
    needs_review: int
    errors: int
    out: Path
    #: How the workers started: ``fork`` (from this process, models loaded), ``spawn`` (fresh
    #: processes that load them), or ``spark``.
    start_method: str


def output_format(path: Path) -> str:
    """``jsonl``, ``csv`` or ``parquet`` from the output's extension.

    Raises:
        BatchError: another extension.
    """
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise BatchError(f"unknown output format {path.suffix!r}: use .jsonl, .csv or .parquet")
    return fmt


def flat_row(result: CandidateResult) -> dict[str, Any]:
    """The CSV/Parquet row of one result."""
    row: dict[str, Any] = {
        "file": result.file,
        "sha256": result.sha256,
        "status": result.status,
        "error_code": result.error.code if result.error else None,
        "error_message": result.error.message if result.error else None,
        "role": result.fit.role if result.fit else None,
        "fit_score": result.fit.score if result.fit else None,
    }
    for label in LABEL_NAMES:
        score = result.labels.get(label)
        row[f"{label}_probability"] = score.probability if score else None
        row[f"{label}_predicted"] = score.predicted if score else None
    row["versions"] = result.versions.model_dump_json() if result.versions else None
    row["result"] = result.model_dump_json()
    return row


def done_hashes(out: Path) -> set[str]:
    """SHA-256 of the files already in ``out`` (empty when it does not exist)."""
    if not out.exists() or out.stat().st_size == 0:
        return set()
    fmt = output_format(out)
    if fmt == "jsonl":
        found = set()
        with out.open(encoding="utf-8") as fh:
            for raw in fh:
                line = raw.strip()
                if not line:
                    continue
                try:
                    sha = json.loads(line).get("sha256")
                except json.JSONDecodeError:
                    continue  # a line cut short by an interrupted run: that file is redone
                if sha:
                    found.add(sha)
        return found
    if fmt == "csv":
        with out.open(encoding="utf-8", newline="") as fh:
            return {r["sha256"] for r in csv.DictReader(fh) if r.get("sha256")}
    import pyarrow.parquet as pq  # type: ignore[import-untyped]

    table = pq.read_table(out, columns=["sha256"])
    return {s for s in table.column("sha256").to_pylist() if s}


def _inputs(
    paths: Sequence[Path], done: set[str], max_bytes: int
) -> Iterator[tuple[str, bytes | ParseFailure]]:
    for path in paths:
        payload = read_input(path, max_bytes)
        if isinstance(payload, bytes):
            sha = hashlib.sha256(payload).hexdigest()
            if sha in done:
                continue
            done.add(sha)  # the same file twice in one run is scored once
        yield str(path), payload


class ScoreInWorker:
    """The scoring step run right after each parse, inside a parser worker or a Spark task
    (picklable: it travels there and builds its :class:`Scorer` once, on first use).

    Scoring where the parse happens keeps the main process to reading and writing files,
    so throughput grows with the number of workers.
    """

    def __init__(
        self,
        models: ScoringModels,
        role: RoleProfile | None,
        settings: Settings,
        scorer: Scorer | None = None,
    ) -> None:
        """``scorer``, when given, is used as it is (a forked worker inherits it); it is never
        pickled."""
        self.models = models
        self.role = role
        self.settings = settings
        self._scorer = scorer

    def __getstate__(self) -> dict[str, Any]:
        return {"models": self.models, "role": self.role, "settings": self.settings, "_scorer": None}

    def prepare(self) -> Scorer:
        """Build the scorer, once."""
        if self._scorer is None:
            self._scorer = Scorer.from_settings(self.models, self.settings)
        return self._scorer

    def __call__(self, outcome: ParseOutcome) -> CandidateResult:
        return self.prepare().score(outcome, self.role)


class _Row(NamedTuple):
    """One output row, serialised where it was scored: ``data`` is the JSON line (JSONL) or
    the flat row (CSV, Parquet)."""

    status: str
    data: str | dict[str, Any]


def _row(result: CandidateResult, fmt: str) -> _Row:
    return _Row(result.status, result.model_dump_json() if fmt == "jsonl" else flat_row(result))


class _RowsInWorker:
    """The local engine's step in each parser worker: :class:`ScoreInWorker`, then the row in
    the output's format, so the main process neither unpickles results nor serialises them.

    Workers forked from the main process inherit its ``scorer``, ready. A spawned worker
    (``fork=False``, no ``fork`` on the platform, other threads running in the main process,
    or a replacement for a worker lost to a bad file) reads the models, in :meth:`prepare`,
    from a file the main process writes once (``models_file``), not from its start-up
    arguments: a process start blocks its caller until the new process has imported its
    modules and read every argument, which made the pool start its workers one after the
    other, seconds apart.
    """

    def __init__(
        self, models_file: Path, role: RoleProfile | None, settings: Settings, fmt: str, scorer: Scorer
    ) -> None:
        self.models_file = models_file
        self.role = role
        self.settings = settings
        self.fmt = fmt
        self._task: ScoreInWorker | None = ScoreInWorker(scorer.models, role, settings, scorer)

    def __getstate__(self) -> dict[str, Any]:
        return {**self.__dict__, "_task": None}

    def prepare(self) -> ScoreInWorker:
        """Load the models and build the scorer, once (a spawned worker runs it at start-up)."""
        if self._task is None:
            models = pickle.loads(self.models_file.read_bytes())  # written by this run, just before
            self._task = ScoreInWorker(models, self.role, self.settings)
            self._task.prepare()
        return self._task

    def __call__(self, outcome: ParseOutcome) -> _Row:
        return _row(self.prepare()(outcome), self.fmt)


class _Writer:
    def __init__(self, out: Path) -> None:
        self.out = out
        self.fmt = output_format(out)
        self.rows: list[dict[str, Any]] = []
        out.parent.mkdir(parents=True, exist_ok=True)
        if self.fmt == "jsonl":
            self.fh = out.open("a", encoding="utf-8")
        elif self.fmt == "csv":
            new = not out.exists() or out.stat().st_size == 0
            self.fh = out.open("a", encoding="utf-8", newline="")
            self.csv = csv.DictWriter(self.fh, fieldnames=list(FLAT_COLUMNS))
            if new:
                self.csv.writeheader()

    def write(self, row: _Row) -> None:
        data = row.data
        if isinstance(data, str):  # a JSON line
            self.fh.write(f"{data}\n")
            self.fh.flush()
        elif self.fmt == "csv":
            self.csv.writerow(data)
            self.fh.flush()
        else:
            self.rows.append(data)

    def close(self) -> None:
        if self.fmt != "parquet":
            self.fh.close()
            return
        import pyarrow as pa
        import pyarrow.parquet as pq

        schema = parquet_schema()
        table = pa.Table.from_pylist(self.rows, schema=schema)
        if self.out.exists():
            table = pa.concat_tables([pq.read_table(self.out, schema=schema), table])
        tmp = self.out.with_suffix(".parquet.tmp")
        pq.write_table(table, tmp)
        tmp.replace(self.out)


def parquet_schema() -> Any:
    """The Arrow schema of the flat rows (the same for the local and the Spark engine)."""
    import pyarrow as pa

    fields = []
    for name in FLAT_COLUMNS:
        if name == "fit_score" or name.endswith("_probability"):
            fields.append(pa.field(name, pa.float64()))
        elif name.endswith("_predicted"):
            fields.append(pa.field(name, pa.bool_()))
        else:
            fields.append(pa.field(name, pa.string()))
    return pa.schema(fields)


def _failure(outcome: object) -> ParseFailure:
    if not isinstance(outcome, ParseFailure):
        raise TypeError(f"unexpected outcome from a parser worker: {type(outcome).__name__}")
    return outcome


def score_files(
    inputs: Sequence[str],
    out: Path,
    *,
    scorer: Scorer,
    role: RoleProfile | None,
    settings: Settings,
    workers: int = 2,
    progress: Callable[[Iterable[Any], int], Iterable[Any]] | None = None,
    fork: bool = True,
) -> BatchSummary:
    """Score every PDF of ``inputs`` (files, folders, globs) into ``out``.

    ``fork`` starts the workers by forking this process where it can (see
    :class:`~screening.parsing.isolation.ParserPool`): they begin with the loaded models and
    modules instead of loading them again. ``fork=False`` spawns them; the rows are the same.

    Raises:
        BatchError: no input files, or an unknown output format.
    """
    output_format(out)
    paths = list(dict.fromkeys(expand_inputs(list(inputs))))
    if not paths:
        raise BatchError("no input files")
    done = done_hashes(out)
    before = len(done)
    writer = _Writer(out)
    counts = {"scored": 0, "needs_review": 0, "error": 0}
    try:
        with tempfile.TemporaryDirectory(prefix="screening-batch-") as tmp:
            models_file = Path(tmp) / "models.pickle"
            models_file.write_bytes(pickle.dumps(scorer.models, protocol=pickle.HIGHEST_PROTOCOL))
            task = _RowsInWorker(models_file, role, settings, writer.fmt, scorer)
            size = max(1, min(workers, len(paths)))
            with ParserPool(settings, workers=size, after=task, fork=fork) as pool:
                start_method = pool.start_method
                outcomes = pool.run_many(_inputs(paths, done, settings.parse.max_bytes))
                # Scored in the workers; a file refused, timed out or killed comes back as a
                # ParseFailure, turned into its error row here.
                rows: Iterable[_Row] = (
                    o if isinstance(o, _Row) else _row(scorer.score(_failure(o), role), writer.fmt)
                    for o in outcomes
                )
                if progress is not None:
                    rows = progress(rows, len(paths))
                for row in rows:
                    writer.write(row)
                    counts[row.status] += 1
    finally:
        writer.close()
    processed = sum(counts.values())
    summary = BatchSummary(
        inputs=len(paths),
        skipped=len(paths) - processed,
        scored=counts["scored"],
        needs_review=counts["needs_review"],
        errors=counts["error"],
        out=out,
        start_method=start_method,
    )
    logger.info(
        "batch scored",
        extra={
            "inputs": len(paths),
            "processed": processed,
            "already_done": before,
            "workers_started": start_method,
        },
    )
    return summary

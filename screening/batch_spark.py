"""The Spark engine of ``screening score --engine spark``: the same scoring, on a cluster.

PDFs are read with Spark's ``binaryFile`` source and scored with ``mapInPandas``: each
task builds a :class:`~screening.scoring.Scorer` from the registered models (loaded once on
the driver and shipped with the task) and runs, row by row, exactly what the local engine
runs — :func:`screening.parsing.pipeline.parse_pdf` within the same limits, then
``Scorer.score`` — so both engines give the same rows (a test checks it). Output is
Parquet with the local engine's flat schema (:func:`screening.batch.parquet_schema`).

Spark's ``binaryFile`` source silently drops empty files: inputs and outputs are counted
and the difference is reported. Run on a cluster with, e.g.::

    PYSPARK_PYTHON=/path/to/venv/bin/python screening score 's3a://cvs/2026-11/*.pdf' \\
        --engine spark --master spark://head:7077 --role compliance-officer --out scores.parquet

(every executor needs this package and its ``data/`` folder installed; the models travel
with the job). ``pyspark`` is an optional dependency (``pip install '.[spark]'``).
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from screening.batch import BatchError, BatchSummary, ScoreInWorker, flat_row, output_format, parquet_schema
from screening.bundle import ScoringModels
from screening.ranking import load_roles
from screening.settings import Settings

logger = logging.getLogger(__name__)


def _spark_paths(inputs: Sequence[str]) -> list[str]:
    """Local folders become a recursive ``*.pdf`` lookup; anything else is passed to Spark."""
    out = []
    for item in inputs:
        path = Path(item)
        out.append(str(path.resolve()) if path.exists() else item)
    return out


def _score_partition(batches: Iterator[Any], task: ScoreInWorker, settings: Settings) -> Iterator[Any]:
    """mapInPandas body: ``(path, content)`` rows -> flat result rows, by the local engine's
    per-file step (:func:`~screening.parsing.isolation.parse_outcome`, then ``task``)."""
    import pandas as pd

    from screening.parsing.isolation import parse_outcome
    from screening.parsing.resources import load_resources

    resources = load_resources(settings.data_dir, settings.spacy_model)
    for frame in batches:
        rows = [
            flat_row(
                task(parse_outcome(bytes(content), resources, settings.parse, path.removeprefix("file:")))
            )
            for path, content in zip(frame["path"], frame["content"], strict=True)
        ]
        yield pd.DataFrame(rows, columns=list(parquet_schema().names))


def score_files_spark(
    inputs: Sequence[str],
    out: Path,
    *,
    role_id: str | None,
    master: str | None,
    background_uri: str | None,
    aha_uri: str | None,
    settings: Settings,
    models: ScoringModels | None = None,
) -> BatchSummary:
    """Score with Spark; write Parquet to ``out`` (a single file, as the local engine does).

    ``models`` default to the registry's (``background_uri``/``aha_uri``, else champions).

    Raises:
        BatchError: ``out`` is not ``.parquet``, or no input matched.
    """
    if output_format(out) != "parquet":
        raise BatchError("the spark engine writes Parquet: give --out FILE.parquet")
    from pyspark.sql import SparkSession

    from screening.registry import configure, load_scoring_models

    if models is None:
        configure()
        models = load_scoring_models(background_uri, aha_uri)
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    spark = (
        SparkSession.builder.master(master or "local[*]")
        .appName("screening-score")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .getOrCreate()
    )
    try:
        files = (
            spark.read.format("binaryFile")
            .option("pathGlobFilter", "*.pdf")
            .option("recursiveFileLookup", "true")
            .load(_spark_paths(inputs))
            .select("path", "content")
        )
        n_in = files.count()
        if n_in == 0:
            raise BatchError("no input files (Spark's binaryFile source skips empty files)")
        schema = ", ".join(f"{f.name} {_spark_type(f.type)}" for f in parquet_schema())
        role = load_roles(settings.data_dir)[role_id] if role_id else None
        task = ScoreInWorker(models, role, settings)
        scored = files.mapInPandas(lambda it: _score_partition(it, task, settings), schema=schema).orderBy(
            "file"
        )
        rows: Any = scored.toPandas()
    finally:
        spark.stop()
    import pyarrow as pa  # type: ignore[import-untyped]
    import pyarrow.parquet as pq  # type: ignore[import-untyped]

    table = pa.Table.from_pandas(rows, schema=parquet_schema(), preserve_index=False)
    tmp = out.with_suffix(".parquet.tmp")
    out.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(table, tmp)
    tmp.replace(out)
    status = rows["status"].tolist()
    return BatchSummary(
        inputs=n_in,
        skipped=0,
        scored=status.count("scored"),
        needs_review=status.count("needs_review"),
        errors=status.count("error"),
        out=out,
        start_method="spark",
    )


def _spark_type(arrow_type: Any) -> str:
    import pyarrow as pa

    if arrow_type == pa.float64():
        return "double"
    if arrow_type == pa.bool_():
        return "boolean"
    return "string"

"""The Spark engine (local mode) gives the local engine's rows for the same files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from screening.batch import score_files
from screening.bundle import ScoringModels
from screening.lexicons import load_taxonomy
from screening.parsing.resources import ParseResources
from screening.ranking import load_roles
from screening.scoring import Scorer
from screening.settings import Settings
from tests import pdf_builders
from training.corpus.generate import generate_example

pytestmark = [
    pytest.mark.spark,
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("java") is None, reason="Spark needs Java (installed by .ci/run)"),
]


def test_spark_engine_equals_local_engine(
    tmp_path: Path, scoring_models: ScoringModels, resources: ParseResources, settings: Settings
) -> None:
    pytest.importorskip("pyspark")
    from screening.batch_spark import score_files_spark

    folder = tmp_path / "cvs"
    folder.mkdir()
    for i in range(5):
        _, pdf = generate_example(41, i)
        (folder / f"cv-{i}.pdf").write_bytes(pdf)
    (folder / "scan.pdf").write_bytes(pdf_builders.image_only())
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4 not really")
    role_id = sorted(load_roles(settings.data_dir))[0]
    role = load_roles(settings.data_dir)[role_id]

    local = tmp_path / "local.parquet"
    scorer = Scorer(scoring_models, resources, load_taxonomy(settings.data_dir))
    score_files([str(folder.resolve())], local, scorer=scorer, role=role, settings=settings, workers=2)
    spark = tmp_path / "spark.parquet"
    summary = score_files_spark([str(folder)], spark, role_id=role_id, master="local[2]", background_uri=None,
                                aha_uri=None, settings=settings, models=scoring_models)  # fmt: skip
    assert (summary.inputs, summary.scored, summary.needs_review, summary.errors) == (7, 5, 1, 1)

    import pyarrow.parquet as pq

    a = sorted(pq.read_table(local).to_pylist(), key=lambda r: r["file"])
    b = sorted(pq.read_table(spark).to_pylist(), key=lambda r: r["file"])
    assert [r["file"] for r in a] == [r["file"] for r in b]
    for x, y in zip(a, b, strict=True):
        assert x == y

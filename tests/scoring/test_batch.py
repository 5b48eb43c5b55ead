"""``screening score``: one row per file in JSONL, CSV or Parquet; failures are rows; resumable."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from screening.batch import BatchError, done_hashes, score_files
from screening.bundle import ScoringModels
from screening.lexicons import load_taxonomy
from screening.parsing import isolation
from screening.parsing.resources import ParseResources
from screening.ranking import load_roles
from screening.scoring import Scorer
from screening.settings import Settings
from tests import pdf_builders
from training.corpus.generate import generate_example


@pytest.fixture(scope="module")
def scorer(scoring_models: ScoringModels, resources: ParseResources, settings: Settings) -> Scorer:
    return Scorer(scoring_models, resources, load_taxonomy(settings.data_dir))


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Six generated résumé PDFs, a scan, a file that is not a PDF, and a copy of the first."""
    root = tmp_path_factory.mktemp("cvs")
    for i in range(6):
        _, pdf = generate_example(31, i)
        (root / f"cv-{i}.pdf").write_bytes(pdf)
    (root / "scan.pdf").write_bytes(pdf_builders.image_only())
    (root / "notes.pdf").write_bytes(b"this is not a PDF at all")
    (root / "sub").mkdir()
    (root / "sub" / "copy.pdf").write_bytes((root / "cv-0.pdf").read_bytes())
    return root


@pytest.mark.parametrize("suffix", [".jsonl", ".csv", ".parquet"])
def test_one_row_per_distinct_file_and_failures_are_rows(
    suffix: str, folder: Path, tmp_path: Path, scorer: Scorer, settings: Settings
) -> None:
    out = tmp_path / f"scores{suffix}"
    role = load_roles(settings.data_dir)[sorted(load_roles(settings.data_dir))[0]]
    summary = score_files([str(folder)], out, scorer=scorer, role=role, settings=settings, workers=2)
    # 9 files, one a byte-for-byte copy: 8 rows.
    assert (summary.inputs, summary.scored, summary.needs_review, summary.errors) == (9, 6, 1, 1)
    rows = _read(out)
    assert len(rows) == 8
    by_status = {}
    for row in rows:
        by_status.setdefault(row["status"], []).append(row)
    assert by_status["error"][0]["error_code"] == "not_pdf"
    assert by_status["needs_review"][0]["error_code"] == "needs_ocr"
    for row in by_status["scored"]:
        result = json.loads(row["result"])
        assert result["fit"]["role"] == role.id
        assert float(row["fit_score"]) == pytest.approx(result["fit"]["score"])


def test_a_second_run_skips_what_is_done(
    folder: Path, tmp_path: Path, scorer: Scorer, settings: Settings
) -> None:
    out = tmp_path / "scores.jsonl"
    first = score_files([str(folder / "cv-0.pdf"), str(folder / "cv-1.pdf")], out, scorer=scorer, role=None,
                        settings=settings, workers=1)  # fmt: skip
    assert first.scored == 2
    lines_before = out.read_text(encoding="utf-8").splitlines()
    second = score_files([str(folder)], out, scorer=scorer, role=None, settings=settings, workers=2)
    assert second.skipped == 3  # cv-0, cv-1 and the copy of cv-0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[:2] == lines_before
    assert len(lines) == 8
    assert len(done_hashes(out)) == 8


def test_identical_runs_give_identical_rows(
    folder: Path, tmp_path: Path, scorer: Scorer, settings: Settings
) -> None:
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    for out, workers in ((a, 1), (b, 2)):
        score_files([str(folder)], out, scorer=scorer, role=None, settings=settings, workers=workers)
    assert a.read_bytes() == b.read_bytes()


def test_forked_and_spawned_workers_give_the_same_rows(
    folder: Path, tmp_path: Path, scorer: Scorer, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Forked workers start with this process's models; spawned ones load them from a file.

    Whether the CLI forks in practice (one thread once the models are loaded) is checked on
    the real command by the hostile sample; here other tests' threads may still be alive."""
    monkeypatch.setattr(isolation, "_single_threaded", lambda: True)
    started = {}
    for fork in (True, False):
        summary = score_files([str(folder)], tmp_path / f"{fork}.jsonl", scorer=scorer, role=None,
                              settings=settings, workers=2, fork=fork)  # fmt: skip
        started[fork] = summary.start_method
    assert started == {True: "fork", False: "spawn"}
    assert (tmp_path / "True.jsonl").read_bytes() == (tmp_path / "False.jsonl").read_bytes()


def test_bad_arguments_are_clear_errors(
    folder: Path, tmp_path: Path, scorer: Scorer, settings: Settings
) -> None:
    with pytest.raises(BatchError, match="unknown output format"):
        score_files([str(folder)], tmp_path / "x.xlsx", scorer=scorer, role=None, settings=settings)
    with pytest.raises(BatchError, match="no input files"):
        score_files(
            [str(tmp_path / "none-*.pdf")], tmp_path / "x.jsonl", scorer=scorer, role=None, settings=settings
        )


def _read(out: Path) -> list[dict[str, str]]:
    if out.suffix == ".jsonl":
        rows = []
        for line in out.read_text(encoding="utf-8").splitlines():
            result = json.loads(line)
            rows.append({"status": result["status"], "error_code": (result["error"] or {}).get("code"),
                         "fit_score": (result["fit"] or {}).get("score"), "result": line})  # fmt: skip
        return rows
    if out.suffix == ".csv":
        with out.open(encoding="utf-8", newline="") as fh:
            return list(csv.DictReader(fh))
    import pyarrow.parquet as pq

    return pq.read_table(out).to_pylist()


def test_a_large_file_that_is_no_pdf_is_reported_as_not_pdf(
    tmp_path: Path, scorer: Scorer, settings: Settings
) -> None:
    big = tmp_path / "in" / "deck.pdf"
    big.parent.mkdir()
    big.write_bytes(b"PK\x03\x04" + bytes(settings.parse.max_bytes))
    out = tmp_path / "scores.csv"
    summary = score_files([str(big.parent)], out, scorer=scorer, role=None, settings=settings, workers=1)
    assert summary.errors == 1
    assert [row["error_code"] for row in _read(out)] == ["not_pdf"]

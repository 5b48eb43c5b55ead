"""Reading the audit's files (demographics, scores, decisions) and rendering the report."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from screening.audit.inputs import (
    DecisionRow,
    current_decisions,
    parse_demographics,
    read_decisions,
    read_scores,
)
from screening.audit.outcomes import audit_decisions, audit_scores
from screening.audit.report import render_html, render_json, render_markdown
from screening.audit.stats import AuditError, AuditReport
from screening.batch import flat_row, parquet_schema
from tests.audit.builders import population, scored_population, sha, write_decisions, write_demographics


def _code(exc: pytest.ExceptionInfo[AuditError]) -> str:
    return exc.value.code


@pytest.mark.parametrize(
    ("text", "code_fragment"),
    [
        ("name,sex\na,female\n", "no 'id' column"),
        ("id\na\n", "no category column"),
        ("id,sex\n,female\n", "line 2: empty id"),
        ("id,sex\na,female\na,male\n", "line 3: an id appears twice"),
        ("id,sex\n", "no rows"),
    ],
)
def test_bad_demographics_are_refused_with_the_reason(text: str, code_fragment: str) -> None:
    with pytest.raises(AuditError, match=code_fragment) as info:
        parse_demographics(text)
    assert _code(info) == "invalid_demographics"


def test_demographics_read_bom_blanks_and_repeats() -> None:
    found = parse_demographics("\ufeffid , sex,race_ethnicity\n a ,female, \na,female,\nb,,Black\n")
    assert found.categories == ("sex", "race_ethnicity")
    assert found.by_id["a"] == {"sex": "female", "race_ethnicity": None}
    assert found.by_id["b"] == {"sex": None, "race_ethnicity": "Black"}


def test_scores_files_in_every_format_give_the_same_audit(tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    results = scored_population()
    jsonl = tmp_path / "scores.jsonl"
    jsonl.write_text("".join(r.model_dump_json() + "\n" for r in results), encoding="utf-8")
    rows = [flat_row(r) for r in results]
    csv_path = tmp_path / "scores.csv"
    with csv_path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    parquet = tmp_path / "scores.parquet"
    pq.write_table(pa.Table.from_pylist(rows, schema=parquet_schema()), parquet)
    demographics = parse_demographics(write_demographics(tmp_path / "d.csv", by_sha=True).read_text())

    reports = [audit_scores(read_scores(p), demographics) for p in (jsonl, csv_path, parquet)]
    first = reports[0]
    assert all(r.categories == first.categories for r in reports)
    assert first.basis == "scores"
    assert first.rate_name == "scoring rate"
    assert first.score == "fit.score"
    # Six candidates score exactly the median (0.5): not above it, so the same tables as decisions.
    assert first.median == 0.5
    assert (first.candidates, first.selected, first.excluded, first.matched) == (100, 46, 2, 98)
    assert first.categories[1].group("Black").impact_ratio == pytest.approx(768 / 1170)
    assert first.versions == ["screening-aha/4", "screening-background/7"]
    # A label's probability instead of the fit score.
    by_label = audit_scores(read_scores(jsonl, label="web3"), demographics, label="web3")
    assert by_label.score == "web3 probability"
    assert by_label.selected == 46


def test_scores_without_a_fit_need_a_label(tmp_path: Path) -> None:
    path = tmp_path / "scores.jsonl"
    rows = [r.model_copy(update={"fit": None}) for r in scored_population()[:5]]
    path.write_text("".join(r.model_dump_json() + "\n" for r in rows), encoding="utf-8")
    with pytest.raises(AuditError, match="score with --role") as info:
        read_scores(path)
    assert _code(info) == "no_scores"
    assert len([r for r in read_scores(path, label="tradfi") if r.score is not None]) == 5
    with pytest.raises(AuditError) as info:
        read_scores(path, label="charisma")
    assert _code(info) == "unknown_label"


@pytest.mark.parametrize(
    ("name", "content", "fragment"),
    [
        ("s.jsonl", "{not json\n", "line 1: not JSON"),
        ("s.jsonl", "[1, 2]\n", "line 1: not a JSON object"),
        ("s.txt", "", "use a .jsonl, .csv or .parquet"),
        ("s.csv", "file,score\na,1\n", "no 'sha256' and 'status' columns"),
        ("s.csv", "sha256,status,fit_score\nab,scored,high\n", "row 2: the score is not a number"),
        ("s.parquet", "not parquet", "not a readable Parquet file"),
    ],
)
def test_bad_scores_files_are_refused(tmp_path: Path, name: str, content: str, fragment: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(AuditError, match=fragment) as info:
        read_scores(path)
    assert _code(info) == "invalid_scores"


@pytest.mark.parametrize("suffix", [".jsonl", ".csv"])
def test_decisions_latest_wins(tmp_path: Path, suffix: str) -> None:
    rows = read_decisions(write_decisions(tmp_path / f"decisions{suffix}"))
    assert len(rows) == 102
    current = {r.keys[0]: r.decision for r in current_decisions(rows)}
    assert len(current) == 100
    assert current["c000"] == "advance"  # rejected first, advanced later
    assert current["c011"] == "reject"  # advanced first (earlier time, though later in the file)
    demographics = parse_demographics(write_demographics(tmp_path / "d.csv").read_text())
    report = audit_decisions(rows, demographics, source="decisions")
    assert (report.candidates, report.selected, report.matched) == (100, 46, 98)
    assert report.categories[0].group("female").impact_ratio == pytest.approx(918 / 1144)


def test_decisions_without_times_use_file_order(tmp_path: Path) -> None:
    path = tmp_path / "d.csv"
    path.write_text("id,decision\na,advance\nb,reject\na,hold\n", encoding="utf-8")
    current = current_decisions(read_decisions(path))
    assert [(r.keys[0], r.decision) for r in current] == [("a", "hold"), ("b", "reject")]


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        ("id,decision\na,maybe\n", "'decision' must be one of advance, hold, reject"),
        ("id,decision\n,advance\n", "line 2: no 'id'"),
        ("id,decision,at\na,advance,yesterday\n", "'at' is not an ISO 8601 time"),
        ("id,decision,at\na,advance,2026-01-01\nb,hold,\n", "'at' is given on some rows only"),
    ],
)
def test_bad_decisions_are_refused(tmp_path: Path, content: str, fragment: str) -> None:
    path = tmp_path / "d.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(AuditError, match=fragment) as info:
        read_decisions(path)
    assert _code(info) == "invalid_decisions"


def _report(tmp_path: Path) -> AuditReport:
    demographics = parse_demographics(write_demographics(tmp_path / "d.csv").read_text())
    return audit_decisions(read_decisions(write_decisions(tmp_path / "decisions.csv")), demographics)


def test_markdown_report_holds_the_tables(tmp_path: Path) -> None:
    md = render_markdown(_report(tmp_path))
    assert md.startswith("## Bias audit: selection rate")
    for heading in ("### sex", "### race_ethnicity", "### sex × race_ethnicity", "### Definitions"):
        assert heading in md
    assert "| Black | 45 | 45.0% | 16 | 0.356 [" in md
    assert "0.656 [" in md
    assert "**below 0.80**" in md
    assert "small (< 2%)" in md
    assert "| unknown | 6 | 6.0% | 3 | 0.500 |" in md
    assert "Reference group: Asian" in md
    assert "1.000 (reference)" in md


def test_html_report_is_escaped_and_self_contained(tmp_path: Path) -> None:
    demographics = parse_demographics('id,sex\na,<script>alert(1)</script>\nb,"x&y"\n')
    report = audit_decisions([DecisionRow(("a",), "advance"), DecisionRow(("b",), "reject")], demographics)
    page = render_html(report)
    assert "<script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "x&amp;y" in page
    assert "http" not in page.lower().replace("http-equiv", "")  # no external resource
    assert page.startswith("<!doctype html>")
    assert "<style>" in page


def test_json_report_round_trips(tmp_path: Path) -> None:
    report = _report(tmp_path)
    text = render_json(report)
    assert AuditReport.model_validate_json(text) == report
    body = json.loads(text)
    assert body["categories"][1]["flagged"] == ["Black"]
    assert body["bootstrap"]["resamples"] == 2000


def test_population_is_what_the_builders_say() -> None:
    people = population()
    assert len(people) == 100
    assert sum(p[3] for p in people) == 46
    assert len({sha(p[0]) for p in people}) == 100

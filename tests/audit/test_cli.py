"""``screening audit`` end to end: small files, the stored service data, and bad input."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from screening.cli import main
from tests.audit.builders import population, result, scored_population, write_decisions, write_demographics


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["audit", *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_decisions_file_to_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    decisions = write_decisions(tmp_path / "decisions.jsonl")
    demographics = write_demographics(tmp_path / "people.csv")
    code, out, err = _run(
        capsys, "--decisions", str(decisions), "--demographics", str(demographics), "--format", "json"
    )
    assert code == 0, err
    body = json.loads(out)
    assert body["basis"] == "decisions"
    assert body["source"] == "decisions.jsonl"
    assert [t["category"] for t in body["categories"]] == ["sex", "race_ethnicity", "sex × race_ethnicity"]
    race = body["categories"][1]
    assert race["flagged"] == ["Black"]
    assert race["min_impact_ratio"] == pytest.approx(768 / 1170)


def test_scores_file_to_markdown_and_html_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    scores = tmp_path / "scores.jsonl"
    scores.write_text("".join(r.model_dump_json() + "\n" for r in scored_population()), encoding="utf-8")
    demographics = write_demographics(tmp_path / "people.csv", by_sha=True)
    code, _, err = _run(
        capsys, "--scores", str(scores), "--demographics", str(demographics), "--out", str(tmp_path / "a.md")
    )
    assert code == 0, err
    md = (tmp_path / "a.md").read_text(encoding="utf-8")
    assert "scoring rate of fit.score" in md
    assert "Median score of all audited candidates: 0.500000" in md
    assert "left out (no score or no decision): 2" in md
    code, _, _ = _run(
        capsys, "--scores", str(scores), "--demographics", str(demographics), "--format", "html",
        "--out", str(tmp_path / "a.html"), "--intersection", "none", "--categories", "race_ethnicity",
    )  # fmt: skip
    assert code == 0
    page = (tmp_path / "a.html").read_text(encoding="utf-8")
    assert "<h2>race_ethnicity</h2>" in page
    assert "<h2>sex</h2>" not in page


@pytest.mark.parametrize(
    ("demographics", "fragment"),
    [
        ("name,sex\nc000,female\n", "no 'id' column (columns: name, sex) [invalid_demographics]"),
        ("id,sex\nnobody,female\n", "[no_matching_ids]"),
    ],
)
def test_bad_input_exits_2_with_the_reason(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], demographics: str, fragment: str
) -> None:
    people = tmp_path / "people.csv"
    people.write_text(demographics, encoding="utf-8")
    decisions = write_decisions(tmp_path / "d.csv")
    code, out, err = _run(capsys, "--decisions", str(decisions), "--demographics", str(people))
    assert code == 2
    assert out == ""
    assert fragment in err


def test_argument_mistakes_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    people = write_demographics(tmp_path / "people.csv")
    decisions = write_decisions(tmp_path / "d.csv")
    assert _run(capsys, "--decisions", str(decisions))[0] == 2
    code, _, err = _run(
        capsys, "--decisions", str(decisions), "--scores", "x.jsonl", "--demographics", str(people)
    )
    assert (code, "not both" in err) == (2, True)
    code, _, err = _run(capsys, "--decisions", str(decisions), "--demographics", str(people), "--role", "x")
    assert (code, "not with a file" in err) == (2, True)
    code, _, err = _run(
        capsys, "--decisions", str(decisions), "--demographics", str(people), "--label", "web3"
    )
    assert code == 2
    code, _, err = _run(
        capsys, "--decisions", str(decisions), "--demographics", str(people), "--intersection", "a"
    )
    assert (code, "[invalid_request]" in err) == (2, True)
    code, _, err = _run(capsys, "--scores", str(tmp_path / "missing.jsonl"), "--demographics", str(people))
    assert (code, "no such file" in err) == (2, True)


# --- the stored service data --------------------------------------------------------------------


def _store(db_url: str) -> dict[str, Any]:
    """Two screenings (risk-analyst, now; compliance-officer, ten days ago) of the builders'
    population, with every candidate's decision recorded (c000 changes its mind)."""
    from screening.store.migrate import open_store
    from screening.store.repo import add_candidates, create_api_key, create_screening, record_decision
    from screening.store.tables import Screening

    people = population()
    engine, sessions = open_store(db_url)
    ids: dict[str, str] = {}
    try:
        with sessions.begin() as session:
            reviewer, _ = create_api_key(session, "recruiter", "reviewer")
            first = create_screening(session, "risk-analyst", actor=reviewer.id)
            old = create_screening(session, "compliance-officer", actor=reviewer.id)
            old_row = session.get(Screening, old.id)
            assert old_row is not None
            old_row.created_at = datetime.now(UTC) - timedelta(days=10)
            results = [r for r in scored_population() if r.sha256 is not None]
            candidates = add_candidates(session, first, results[:60], actor=reviewer.id)
            candidates += add_candidates(session, old, results[60:], actor=reviewer.id)
            by_sha = {c.sha256: c for c in candidates}
            for cid, _, _, selected in people:
                candidate = by_sha[result(cid, 0.1).sha256]
                ids[cid] = candidate.id
                if cid == "c000":
                    record_decision(session, candidate.id, "reject", "first look", reviewer=reviewer.id)
                decision = "advance" if selected else "reject"
                record_decision(session, candidate.id, decision, "reviewed", reviewer=reviewer.id)
            # The screenings' ids, for the filters.
            ids["_first"], ids["_old"] = first.id, old.id
    finally:
        engine.dispose()
    return ids


def test_stored_decisions_and_scores(db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ids = _store(db_url)
    people = tmp_path / "people.csv"
    # Demographics keyed by the stored candidate ids this time.
    text = write_demographics(tmp_path / "by-cid.csv").read_text(encoding="utf-8")
    for cid, stored in ids.items():
        if not cid.startswith("_"):
            text = text.replace(f"\n{cid},", f"\n{stored},")
    people.write_text(text, encoding="utf-8")

    code, out, err = _run(capsys, "--demographics", str(people), "--database-url", db_url, "--format", "json")
    assert code == 0, err
    body = json.loads(out)
    assert (body["basis"], body["candidates"], body["selected"], body["matched"]) == (
        "decisions",
        100,
        46,
        98,
    )
    assert body["source"] == "stored screenings (all)"
    assert body["categories"][1]["min_impact_ratio"] == pytest.approx(768 / 1170)
    assert body["versions"] == ["screening-aha/4", "screening-background/7"]

    # One role: the first screening's 60 candidates (scored rows; two were not scored).
    code, out, err = _run(
        capsys, "--demographics", str(people), "--database-url", db_url, "--format", "json",
        "--basis", "scores", "--role", "risk-analyst",
    )  # fmt: skip
    assert code == 0, err
    body = json.loads(out)
    assert body["basis"] == "scores"
    assert body["candidates"] == 60
    assert body["source"] == "stored screenings (role risk-analyst)"

    # A date range: only the screening of ten days ago.
    since = (datetime.now(UTC) - timedelta(days=11)).date().isoformat()
    until = (datetime.now(UTC) - timedelta(days=9)).date().isoformat()
    code, out, err = _run(
        capsys, "--demographics", str(people), "--database-url", db_url, "--format", "json",
        "--since", since, "--until", until,
    )  # fmt: skip
    assert code == 0, err
    assert json.loads(out)["candidates"] == 40
    code, _, err = _run(
        capsys, "--demographics", str(people), "--database-url", db_url, "--screening", "nope"
    )
    assert (code, "[not_found]" in err) == (2, True)
    code, _, err = _run(capsys, "--demographics", str(people), "--database-url", db_url, "--role", "nobody")
    assert (code, "[no_candidates]" in err) == (2, True)

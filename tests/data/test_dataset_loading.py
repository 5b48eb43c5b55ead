"""Labelled-résumé files: schema validation, unknown labels, strict confidence, PDFs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from screening.parsing.isolation import ParserPool
from tests.data.helpers import RESUME_LINES, write_jsonl
from tests.pdf_builders import one_column
from training.dataset import LABELS, count_labels, load_records
from training.text_source import ParsedPdfSource


def test_schema_errors_are_reported_with_line_numbers_and_loading_goes_on(tmp_path: Path) -> None:
    (tmp_path / "ok.pdf").write_bytes(b"%PDF-1.4 placeholder")
    path = write_jsonl(
        tmp_path / "records.jsonl",
        [
            {"id": "a", "text": "Analyst at a bank", "adaptable": 1},  # 1: valid
            '{"id": "b", "text": ',  # 2: invalid JSON
            {"id": "c", "text": "x", "adaptable": 2},  # 3: bad label value
            {"id": "d", "text": "x", "background": ["crypto"]},  # 4: unknown family
            {"id": "e", "background": ["web2"]},  # 5: neither pdf nor text
            {"text": "no id"},  # 6: missing id
            "[1, 2]",  # 7: not an object
            {"id": "f", "pdf": "missing.pdf"},  # 8: pdf file not found
            {"id": "a", "text": "again"},  # 9: duplicate id
            {"id": "g", "text": "x", "ambitious": True},  # 10: a boolean is not a label
            "",  # blank lines are skipped
            {"id": "h", "text": "x", "confidence": {"adaptable": 5}},  # 12: bad confidence
            {"id": 7, "text": "x"},  # 13: id must be a string
            {"id": "i", "text": "   "},  # 14: empty text, no pdf
        ],
    )
    dataset = load_records(path)
    found = {(i.line, i.code) for i in dataset.report.issues}
    assert found == {
        (2, "invalid_json"),
        (3, "bad_label"),
        (4, "unknown_family"),
        (5, "no_input"),
        (6, "schema"),
        (7, "not_an_object"),
        (8, "missing_pdf"),
        (9, "duplicate_id"),
        (10, "bad_label"),
        (12, "bad_confidence"),
        (13, "schema"),
        (14, "empty_text"),
    }
    assert all(i.severity == "error" and i.source == str(path) for i in dataset.report.issues)
    assert [r.id for r in dataset.records] == ["a"]
    assert dataset.report.has_errors
    assert dataset.report.sources[0].lines == 13
    assert dataset.report.sources[0].errors == 12
    rendered = dataset.report.to_text()
    assert f"{path}:3: error [bad_label] id=c: adaptable: must be 0, 1 or null (got 2)" in rendered
    assert 'unknown background family "crypto"' in rendered


def test_a_missing_file_is_an_error_not_a_crash(tmp_path: Path) -> None:
    dataset = load_records(tmp_path / "absent.jsonl")
    assert [i.code for i in dataset.report.issues] == ["unreadable_file"]
    assert len(dataset) == 0


def test_null_and_missing_labels_stay_unknown_not_negative(tmp_path: Path) -> None:
    path = write_jsonl(
        tmp_path / "r.jsonl",
        [
            {"id": "nulls", "text": "t1", "background": None, "adaptable": None},
            {"id": "missing", "text": "t2"},
            {
                "id": "zeros",
                "text": "t3",
                "background": [],
                "adaptable": 0,
                "high_potential": 0,
                "ambitious": 0,
            },
        ],
    )
    by_id = load_records(path).by_id()
    assert by_id["nulls"].labels == dict.fromkeys(LABELS)
    assert by_id["missing"].labels == dict.fromkeys(LABELS)
    assert by_id["zeros"].labels == dict.fromkeys(LABELS, 0)
    counts = count_labels(by_id.values())
    assert all((c.positive, c.negative, c.unknown) == (0, 1, 2) for c in counts.values())
    assert counts["adaptable"].positive_rate == 0.0


def test_strict_confidence_turns_a_low_confidence_positive_into_unknown(tmp_path: Path) -> None:
    row = {
        "id": "lc",
        "text": "t",
        "background": ["tradfi"],
        "adaptable": 1,
        "high_potential": 1,
        "ambitious": 0,
        "confidence": {"background": 1, "adaptable": 1, "high_potential": 2, "ambitious": 1},
    }
    path = write_jsonl(tmp_path / "r.jsonl", [row, {"id": "no-conf", "text": "u", "adaptable": 1}])
    strict = load_records(path).by_id()
    assert strict["lc"].labels == {
        "tradfi": None,  # a 1 at confidence 1: not a confident positive
        "web2": 0,  # families not listed stay negative
        "web3": 0,
        "adaptable": None,
        "high_potential": 1,  # confidence 2 is enough
        "ambitious": 0,  # a 0 keeps its value whatever its confidence
    }
    assert strict["no-conf"].label("adaptable") == 1  # no confidence recorded: as written
    assert strict["lc"].adaptable == 1  # the raw field keeps what the file says
    counts = load_records(path).report.total.labels
    assert (counts["adaptable"].positive, counts["adaptable"].unknown) == (1, 1)
    assert counts["adaptable"].low_confidence_positive == 1

    raw = load_records(path, strict_confidence=False).by_id()
    assert raw["lc"].label("tradfi") == 1
    assert raw["lc"].label("adaptable") == 1


def test_extra_keys_are_kept_and_written_back(tmp_path: Path) -> None:
    row = {
        "id": "x1",
        "text": "Teller at a bank",
        "background": ["tradfi"],
        "adaptable": 0,
        "high_potential": None,
        "ambitious": 1,
        "category": "BANKING",
        "lang": "en",
        "demographics": {"gender": "f"},
    }
    record = load_records(write_jsonl(tmp_path / "r.jsonl", [row])).records[0]
    assert record.extras == {"category": "BANKING", "lang": "en", "demographics": {"gender": "f"}}
    assert record.to_json() == row
    assert record.input_text == "Teller at a bank"


def test_pdf_records_are_read_by_the_parser_and_cached(tmp_path: Path, pool: ParserPool) -> None:
    lines = RESUME_LINES
    (tmp_path / "pdfs").mkdir()
    (tmp_path / "pdfs" / "one.pdf").write_bytes(one_column(lines))
    path = write_jsonl(
        tmp_path / "r.jsonl",
        [
            {
                "id": "one",
                "pdf": "pdfs/one.pdf",
                "text": "reference text, not the input",
                "background": ["tradfi"],
            }
        ],
    )
    cache = tmp_path / "cache"
    source = ParsedPdfSource(pool=pool, cache_dir=cache)
    record = load_records(path, text_source=source).records[0]
    assert record.pdf_path == (tmp_path / "pdfs" / "one.pdf").resolve()
    assert record.input_text is not None
    assert "Reconciled the general ledger" in record.input_text
    assert record.text == "reference text, not the input"
    assert (source.parsed, source.cached) == (1, 0)
    assert record.pdf_sha256 is not None
    assert source.parsed_resume(record.pdf_sha256) is not None

    again = ParsedPdfSource(pool=pool, cache_dir=cache)
    assert load_records(path, text_source=again).records[0].input_text == record.input_text
    assert (again.parsed, again.cached) == (0, 1)


def test_an_unreadable_pdf_is_reported_with_its_code_and_kept_without_text(
    tmp_path: Path, pool: ParserPool
) -> None:
    (tmp_path / "bad.pdf").write_bytes(b"this is not a PDF at all")
    (tmp_path / "empty.pdf").write_bytes(b"")
    path = write_jsonl(
        tmp_path / "r.jsonl", [{"id": "bad", "pdf": "bad.pdf"}, {"id": "empty", "pdf": "empty.pdf"}]
    )
    dataset = load_records(path, text_source=ParsedPdfSource(pool=pool, cache_dir=None))
    assert not dataset.report.has_errors  # unreadable PDFs are reported, not schema errors
    assert [(i.code, i.detail, i.line) for i in dataset.report.issues] == [
        ("unreadable_pdf", "not_pdf", 1),
        ("unreadable_pdf", "not_pdf", 2),
    ]
    assert dataset.report.unreadable == {"not_pdf": ["bad", "empty"]}
    assert [r.input_text for r in dataset.records] == [None, None]
    assert dataset.readable == ()


def test_cli_validate_prints_json_and_exits_non_zero_only_on_schema_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from screening.cli import main

    text = "Product manager shipping mobile features for a payments app in Singapore"
    clean = write_jsonl(
        tmp_path / "clean.jsonl",
        [{"id": "a", "text": text, "adaptable": 1}, {"id": "b", "text": text.upper() + "!"}],
    )
    assert main(["data", "validate", "--data", str(clean), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert [g["kind"] for g in report["duplicates"]] == ["exact"]  # reported, not an error
    assert report["total"]["labels"]["adaptable"] == {
        "positive": 1,
        "negative": 0,
        "unknown": 1,
        "low_confidence_positive": 0,
    }
    assert report["split"]["leakage"]["leaks"] == []

    broken = write_jsonl(tmp_path / "broken.jsonl", [{"id": "c", "text": "x", "ambitious": "yes"}])
    assert main(["data", "validate", "--data", str(clean), "--data", str(broken)]) == 1
    out = capsys.readouterr().out
    assert "Sources" in out
    assert "broken.jsonl:1: error [bad_label] id=c" in out

"""Label files: labels added to other files' records by id; they train and are never held out."""

from __future__ import annotations

import json
import random
from pathlib import Path

import numpy as np
import pytest

from screening.settings import Settings
from tests.data.helpers import RESUME_LINES, random_text, write_jsonl
from training.dataset import load_records
from training.examples import build_examples, label_matrix
from training.splits import split_dataset
from training.train import data_digest


def _records(tmp_path: Path) -> Path:
    return write_jsonl(
        tmp_path / "records.jsonl",
        [
            {"id": "a", "text": "Analyst at a bank", "background": ["tradfi"], "adaptable": 1},
            {
                "id": "b",
                "text": "Engineer at a web start-up",
            },  # unlabelled: the file's own labels are unknown
            {"id": "c", "text": "Teller", "ambitious": 0, "evidence": {"ambitious": ["Teller"]}},
        ],
    )


def test_a_label_file_fills_unknown_labels_and_never_overrides_a_records_own(tmp_path: Path) -> None:
    data = _records(tmp_path)
    labels = write_jsonl(
        tmp_path / "labels.jsonl",
        [
            {"id": "b", "adaptable": 1, "ambitious": 0, "confidence": {"adaptable": 3}, "annotator": "pass-2",
             "evidence": {"adaptable": ["web start-up"]}},
            {"id": "a", "adaptable": 0, "high_potential": 1},  # adaptable: the record's own 1 stays
            {"id": "c", "ambitious": 0, "background": []},  # the same 0: no conflict
            {"id": "zz", "adaptable": 1},  # no such record
            {"id": "b", "high_potential": 1},  # the id again
            {"id": "c", "adaptable": 2},  # not a label
        ],
    )  # fmt: skip
    dataset = load_records(data, labels=[labels])
    by_id = dataset.by_id()
    assert by_id["b"].labels["adaptable"] == 1
    assert by_id["b"].labels["ambitious"] == 0
    assert by_id["b"].labels["high_potential"] is None  # the repeated line was left out
    assert by_id["b"].label_confidence("adaptable") == 3
    assert by_id["b"].extras["evidence"] == {"adaptable": ["web start-up"]}
    assert by_id["a"].labels["adaptable"] == 1
    assert by_id["a"].labels["high_potential"] == 1
    assert by_id["c"].labels["tradfi"] == 0
    assert by_id["c"].labels["ambitious"] == 0
    assert by_id["c"].added_labels == {"background": str(labels)}
    found = {(i.line, i.severity, i.code, i.record_id) for i in dataset.report.issues}
    assert found == {
        (2, "warning", "label_conflict", "a"),
        (4, "warning", "unknown_label_id", "zz"),
        (5, "error", "duplicate_id", "b"),
        (6, "error", "bad_label", "c"),
    }
    conflict = next(i for i in dataset.report.issues if i.code == "label_conflict")
    assert conflict.message == "adaptable: kept the record's own 1, not 0"
    [added] = dataset.report.label_files
    assert (added.lines, added.records_labelled) == (4, 3)
    assert added.labels["adaptable"].positive == 1
    assert added.labels["high_potential"].positive == 1
    # The file's own summary counts its own labels only.
    assert dataset.report.sources[0].labels["adaptable"].positive == 1
    assert "Labels added by" in dataset.report.to_text()


def test_a_held_out_record_is_judged_on_its_own_labels_only(tmp_path: Path) -> None:
    data = _records(tmp_path)
    labels = write_jsonl(
        tmp_path / "labels.jsonl", [{"id": "b", "adaptable": 1}, {"id": "c", "adaptable": 0}]
    )
    record = load_records(data, labels=[labels]).by_id()["c"]
    own = record.own()
    assert record.labels["adaptable"] == 0
    assert own.labels["adaptable"] is None
    assert own.labels["ambitious"] == 0
    assert own.extras["evidence"] == {"ambitious": ["Teller"]}
    [[adaptable, ambitious]] = label_matrix([own], ["adaptable", "ambitious"])
    assert np.isnan(adaptable)
    assert ambitious == 0.0


def test_label_files_train_but_change_neither_the_split_nor_its_held_out_labels(tmp_path: Path) -> None:
    rng = random.Random(5)
    rows: list[dict[str, object]] = []
    for i in range(300):
        row: dict[str, object] = {"id": f"r{i:03d}", "text": random_text(rng)}
        if i < 120:  # labelled in the file itself; the rest is unlabelled
            row["adaptable"] = i % 2
        rows.append(row)
    data = write_jsonl(tmp_path / "records.jsonl", rows)
    labels = write_jsonl(
        tmp_path / "labels.jsonl", [{"id": f"r{i:03d}", "adaptable": 1} for i in range(120, 300)]
    )
    without = split_dataset(load_records(data), seed=2)
    with_labels = split_dataset(load_records(data, labels=[labels]), seed=2)
    assert [r.id for r in with_labels.test] == [r.id for r in without.test]
    assert [r.labels for r in with_labels.test] == [r.labels for r in without.test]
    trained = [r for r in with_labels.train if r.added_labels]
    assert trained
    assert all(r.labels["adaptable"] == 1 for r in trained)
    assert len(trained) == sum(int(r.id[1:]) >= 120 for r in with_labels.train)


def test_of_two_label_files_the_first_wins_and_bad_lines_are_reported(tmp_path: Path) -> None:
    data = _records(tmp_path)
    first = write_jsonl(
        tmp_path / "first.jsonl", [{"id": "b", "adaptable": 1, "confidence": {"adaptable": 2}}]
    )
    second = write_jsonl(
        tmp_path / "second.jsonl",
        [
            {"id": "b", "adaptable": 0, "ambitious": 1},  # adaptable: the first file's 1 stays
            '{"id": "c", ',  # not JSON
            "[1]",  # not an object
            {"adaptable": 1},  # no id
            {"id": "a", "background": ["crypto"]},  # no such family
            {"id": "a", "confidence": {"adaptable": 4}, "ambitious": 1},  # confidence out of range
            {"id": "c", "adaptible": 1},  # a misspelt label: nothing to add
        ],
    )
    dataset = load_records(data, labels=[first, second, tmp_path / "absent.jsonl"])
    b = dataset.by_id()["b"]
    assert (b.labels["adaptable"], b.labels["ambitious"]) == (1, 1)
    assert b.added_labels == {"adaptable": str(first), "ambitious": str(second)}
    found = {(i.source, i.line, i.severity, i.code) for i in dataset.report.issues}
    assert found == {
        (str(second), 1, "warning", "label_conflict"),
        (str(second), 2, "error", "invalid_json"),
        (str(second), 3, "error", "not_an_object"),
        (str(second), 4, "error", "schema"),
        (str(second), 5, "error", "unknown_family"),
        (str(second), 6, "error", "bad_confidence"),
        (str(second), 7, "warning", "no_labels"),
        (str(tmp_path / "absent.jsonl"), None, "error", "unreadable_file"),
    }
    conflict = next(i for i in dataset.report.issues if i.code == "label_conflict")
    assert conflict.message == "adaptable: kept an earlier label file's 1, not 0"
    assert dataset.report.has_errors
    summaries = {s.file: s for s in dataset.report.label_files}
    assert (summaries[str(second)].errors, summaries[str(second)].warnings) == (5, 2)


def test_a_label_file_adds_to_a_record_whose_quotes_are_not_by_label(tmp_path: Path) -> None:
    data = write_jsonl(tmp_path / "records.jsonl", [{"id": "a", "text": "Teller", "evidence": "see notes"}])
    labels = write_jsonl(
        tmp_path / "labels.jsonl", [{"id": "a", "ambitious": 1, "evidence": {"ambitious": ["Teller"]}}]
    )
    record = load_records(data, labels=[labels]).by_id()["a"]
    assert record.labels["ambitious"] == 1
    assert record.extras["evidence"] == {"ambitious": ["Teller"]}


def test_the_data_digest_changes_with_any_label_even_past_the_first_rows(
    tmp_path: Path, settings: Settings
) -> None:
    text = "\n".join(RESUME_LINES)
    rows: list[dict[str, object]] = [{"id": f"r{i:02d}", "text": text, "adaptable": i % 2} for i in range(30)]
    rows[-1]["adaptable"] = None
    data = write_jsonl(tmp_path / "records.jsonl", rows)
    labels = write_jsonl(tmp_path / "labels.jsonl", [{"id": "r29", "adaptable": 1}])

    def digest(*label_files: Path) -> str:
        dataset = load_records(data, labels=label_files)
        examples = build_examples(dataset, settings=settings, labels=["adaptable"], workers=1)
        assert len(examples.ids) == 30, examples.skipped
        return data_digest(examples)

    assert digest() == digest()
    assert digest(labels) != digest()


def test_cli_validate_reads_label_files_and_exits_non_zero_on_their_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from screening.cli import main

    data = _records(tmp_path)
    labels = write_jsonl(tmp_path / "labels.jsonl", [{"id": "b", "adaptable": 1}])
    assert main(["data", "validate", "--data", str(data), "--labels", str(labels), "--json"]) == 0
    [added] = json.loads(capsys.readouterr().out)["label_files"]
    assert (added["records_labelled"], added["labels"]["adaptable"]["positive"]) == (1, 1)
    broken = write_jsonl(tmp_path / "broken.jsonl", [{"id": "b", "adaptable": "yes"}])
    assert main(["data", "validate", "--data", str(data), "--labels", str(broken)]) == 1
    assert "broken.jsonl:1: error [bad_label] id=b" in capsys.readouterr().out

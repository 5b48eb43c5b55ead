"""The labelled corpus as plain text: ``resume_text``, ``generate_text_example``, ``--format text``."""

from __future__ import annotations

import argparse
import json
import random
import re
from pathlib import Path

import pytest

from screening.parsing.pipeline import parse_text
from screening.parsing.resources import ParseResources
from training.cli import register_generate_corpus
from training.corpus import render
from training.corpus.generate import draft_example, generate_example, generate_text_example
from training.corpus.plain import BULLET, resume_text
from training.dataset import load_records

_CJK = re.compile(r"[\u4e00-\u9fff]")


def _run(*argv: str) -> int:
    parser = argparse.ArgumentParser()
    register_generate_corpus(parser.add_subparsers())
    args = parser.parse_args(["generate-corpus", *argv])
    code: int = args.func(args)
    return code


def _spellings(pool: dict[str, tuple[str, ...]]) -> set[str]:
    """Every way ``pool``'s headings can be printed: as written or in capitals, with or without a colon."""
    out = set()
    for options in pool.values():
        for spelling in options:
            for text in (spelling, spelling.upper()):
                out |= {text, text + ":", text + "："}
    return out


def test_resume_text_is_deterministic_for_a_seed() -> None:
    resume = draft_example(3, 4).worded.resume
    assert resume_text(resume, random.Random(1)) == resume_text(resume, random.Random(1))
    assert len({resume_text(resume, random.Random(seed)) for seed in range(8)}) > 1
    for index in (0, 7):
        assert generate_text_example(7, index) == generate_text_example(7, index)
    assert generate_text_example(7, 0)["text"] != generate_text_example(8, 0)["text"]


def test_text_record_has_the_labels_of_the_pdf_record_and_no_pdf() -> None:
    for index in range(6):
        text_record = generate_text_example(5, index, zh_share=0.5)
        pdf_record, _ = generate_example(5, index, zh_share=0.5)
        assert text_record["pdf"] is None
        assert text_record["layout"] == "text"
        assert text_record["text"].endswith("\n")
        same = ("id", "background", "adaptable", "high_potential", "ambitious", "evidence", "demographics")
        for key in (*same, "noise", "source", "lang"):
            assert text_record[key] == pdf_record[key], key


def test_text_contains_the_evidence_of_every_positive_label_verbatim() -> None:
    checked = 0
    for index in range(60):
        record = generate_text_example(5, index, zh_share=0.25)
        lines = record["text"].splitlines()
        for label, sentences in record["evidence"].items():
            assert label in record["background"] or record.get(label) == 1, (record["id"], label)
            for sentence in sentences:
                assert sentence in record["text"], (record["id"], label, sentence)
                checked += 1
        assert all(line == line.strip() for line in lines), record["id"]
        assert any(line.startswith(BULLET) for line in lines)
    assert checked > 150


def test_chinese_resumes_have_chinese_headings() -> None:
    zh_headings, en_headings = _spellings(render._HEADINGS_ZH), _spellings(render._HEADINGS_EN)
    seen = 0
    for index in range(20):
        record = generate_text_example(9, index, zh_share=0.5)
        lines = set(record["text"].splitlines())
        if record["lang"] == "zh":
            seen += 1
            assert lines & {"工作经历", "工作经验", "工作经历：", "工作经验："}, record["id"]
            assert len(lines & zh_headings) >= 3, record["id"]
            assert not lines & en_headings, record["id"]
        else:
            assert not lines & zh_headings, record["id"]
            assert len(lines & en_headings) >= 3, record["id"]
    assert seen >= 5


def test_parser_finds_the_sections_and_every_position(resources: ParseResources) -> None:
    for index in range(24):
        draft = draft_example(4, index, zh_share=0.3)
        record = generate_text_example(4, index, zh_share=0.3)
        parsed = parse_text(record["text"], resources)
        names = [s.name for s in parsed.sections]
        assert "experience" in names, record["id"]
        assert len(parsed.positions) == len(draft.worded.resume.positions), record["id"]


def test_generate_corpus_text_format_writes_records_that_load(tmp_path: Path) -> None:
    assert _run("--n", "40", "--seed", "3", "--out", str(tmp_path / "a"), "--format", "text") == 0
    argv = ("--n", "40", "--seed", "3", "--out", str(tmp_path / "b"), "--format", "text", "--workers", "2")
    assert _run(*argv) == 0
    index = tmp_path / "a" / "index.jsonl"
    assert index.read_bytes() == (tmp_path / "b" / "index.jsonl").read_bytes()
    assert sorted(p.name for p in (tmp_path / "a").iterdir()) == ["index.jsonl"]  # no pdfs/ folder
    records = [json.loads(line) for line in index.read_text(encoding="utf-8").splitlines()]
    assert all(r["pdf"] is None and r["text"] and r["layout"] == "text" for r in records)
    assert {r["lang"] for r in records} == {"en", "zh"}

    dataset = load_records(index)
    assert dataset.report.errors == []
    assert len(dataset) == len(dataset.readable) == 40
    first = dataset.records[0]
    assert first.input_text == records[0]["text"]
    assert first.extras["lang"] == records[0]["lang"]
    assert first.labels["adaptable"] == records[0]["adaptable"]


def test_generate_corpus_rejects_an_unknown_format(tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as exc:
        _run("--n", "1", "--out", str(tmp_path), "--format", "docx")
    assert exc.value.code == 2

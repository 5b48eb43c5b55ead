"""Fixture sets and the ``generate-corpus`` command."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from training.cli import register_generate_corpus
from training.corpus.fixtures import generate_fixtures
from training.corpus.render import LAYOUTS


def _run(*argv: str) -> int:
    parser = argparse.ArgumentParser()
    register_generate_corpus(parser.add_subparsers())
    args = parser.parse_args(["generate-corpus", *argv])
    code: int = args.func(args)
    return code


def test_generate_fixtures_covers_every_layout_chinese_and_several_fonts() -> None:
    fixtures = list(generate_fixtures(40, seed=1))
    assert len({rid for rid, _ in fixtures}) == 40
    assert {r.layout for _, r in fixtures} == set(LAYOUTS)
    chinese = [r for _, r in fixtures if r.truth["lang"] == "zh"]
    assert len(chinese) == 6
    assert {r.layout for r in chinese} == set(LAYOUTS)
    assert len({r.font for _, r in fixtures}) >= 3


def test_generate_fixtures_is_deterministic_per_seed() -> None:
    first = [(rid, r.pdf) for rid, r in generate_fixtures(4, seed=9)]
    assert first == [(rid, r.pdf) for rid, r in generate_fixtures(4, seed=9)]
    assert first != [(rid, r.pdf) for rid, r in generate_fixtures(4, seed=10)]


def test_generate_corpus_writes_pdfs_and_index_identically_with_workers(tmp_path: Path) -> None:
    assert _run("--n", "6", "--seed", "3", "--out", str(tmp_path / "a")) == 0
    assert _run("--n", "6", "--seed", "3", "--out", str(tmp_path / "b"), "--workers", "2") == 0
    lines = (tmp_path / "a" / "index.jsonl").read_text(encoding="utf-8").splitlines()
    assert lines == (tmp_path / "b" / "index.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 6
    for line in lines:
        record = json.loads(line)
        assert set(record) == {
            "id",
            "pdf",
            "text",
            "background",
            "adaptable",
            "high_potential",
            "ambitious",
            "evidence",
            "layout",
            "lang",
            "font",
            "demographics",
            "noise",
            "truth",
            "source",
        }
        assert set(record["demographics"]) == {"gender", "name_origin", "nationality"}
        assert record["source"] == "generated"
        assert record["lang"] == record["truth"]["lang"]
        assert record["pdf"] == f"pdfs/{record['id']}.pdf"
        pdf = (tmp_path / "a" / record["pdf"]).read_bytes()
        assert pdf.startswith(b"%PDF-")
        assert pdf == (tmp_path / "b" / record["pdf"]).read_bytes()


def test_generate_corpus_rejects_invalid_arguments(tmp_path: Path) -> None:
    assert _run("--n", "-1", "--out", str(tmp_path)) == 2
    assert _run("--n", "1", "--out", str(tmp_path), "--workers", "0") == 2
    assert _run("--n", "1", "--out", str(tmp_path), "--noise", "0.9") == 2
    assert _run("--n", "1", "--out", str(tmp_path), "--zh-share", "1.5") == 2

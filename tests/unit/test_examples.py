"""Labelled records -> aligned model inputs, labels (NaN for unknown), attributes and parses."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest

import training.examples as examples_module
from screening.audit.proxy import marked_ngrams, proxy_ngrams
from screening.features import featurize
from screening.lexicons import load_gazetteer
from screening.model import model_input
from screening.parsing.isolation import ParserPool
from screening.parsing.pipeline import parse_text
from screening.parsing.resources import load_resources
from screening.settings import Settings
from tests.data.helpers import RESUME_LINES, write_jsonl
from tests.pdf_builders import one_column
from training.dataset import load_records
from training.examples import build_examples
from training.text_source import ParsedPdfSource

LABELS = ("tradfi", "web2", "web3", "adaptable", "high_potential", "ambitious")

PDF_LINES = RESUME_LINES

TEXT_A = """Wei Zhang
Experience
Smart Contract Engineer, Uniswap Labs, 2021 - Present
Wrote Solidity contracts for an automated market maker and audited DeFi protocols
Backend Engineer, Google, 2017 - 2021
Built Python and Go services that handled 2 million requests a day
Education
BSc Computer Science, Tsinghua University, 2013 - 2017
"""

TEXT_B = """Sam Patel
Experience
Equity Trader, Goldman Sachs, 2015 - 2022
Traded cash equities and managed risk limits for a desk of six traders
Product Manager, Coinbase, 2022 - Present
Launched a staking product used by 100k customers in three countries
"""

TEXT_C = """Ana Silva
Summary
Marketing lead who grew a consumer app from launch to one million users
Experience
Growth Marketing Manager, Shopify, 2018 - 2023
Ran paid acquisition and lifecycle campaigns across twelve markets
"""


@pytest.fixture
def data(tmp_path: Path) -> Path:
    (tmp_path / "pdfs").mkdir()
    (tmp_path / "pdfs" / "good.pdf").write_bytes(one_column(PDF_LINES))
    (tmp_path / "pdfs" / "short.pdf").write_bytes(one_column(["Jo"]))  # no usable text: needs_ocr
    (tmp_path / "pdfs" / "bad.pdf").write_bytes(b"this is not a PDF at all")
    return write_jsonl(
        tmp_path / "r.jsonl",
        [
            {"id": "t1", "text": TEXT_A, "background": ["web2", "web3"], "adaptable": 1, "lang": "en"},
            {"id": "p1", "pdf": "pdfs/good.pdf", "background": ["tradfi"], "high_potential": 0,
             "layout": "one_column", "demographics": {"gender": "f"}, "category": "finance"},
            {"id": "t2", "text": TEXT_B, "background": None, "ambitious": 1,
             "confidence": {"ambitious": 1}},
            {"id": "bad", "pdf": "pdfs/bad.pdf", "background": ["web3"]},
            {"id": "t3", "text": TEXT_C, "background": [], "adaptable": 0, "high_potential": None},
            {"id": "short", "pdf": "pdfs/short.pdf", "background": ["web2"]},
        ],
    )  # fmt: skip


def test_examples_are_aligned_with_unknown_labels_as_nan(
    data: Path, tmp_path: Path, settings: Settings, pool: ParserPool
) -> None:
    cache = tmp_path / "cache"
    dataset = load_records(data, text_source=ParsedPdfSource(pool=pool, cache_dir=cache))
    ex = build_examples(
        dataset, settings=settings, labels=LABELS, source=ParsedPdfSource(pool=pool, cache_dir=cache)
    )
    assert ex.ids == ["t1", "p1", "t2", "t3"]
    assert ex.skipped == {"bad": "not_pdf", "short": "needs_ocr"}
    assert len(ex.inputs) == len(ex.parsed) == len(ex.extras) == len(ex) == 4
    assert ex.y.shape == (4, len(LABELS))
    assert ex.labels == LABELS

    row = dict(zip(ex.ids, ex.y.tolist(), strict=True))
    assert row["t1"][:4] == [0.0, 1.0, 1.0, 1.0]
    assert math.isnan(row["t1"][4])  # a missing key: unknown, not 0
    assert math.isnan(row["t1"][5])
    assert row["p1"][:3] == [1.0, 0.0, 0.0]
    assert row["p1"][4] == 0.0
    assert math.isnan(row["p1"][3])
    assert np.isnan(row["t2"]).all()  # background null; a 1 at confidence 1 is unknown (strict)
    assert row["t3"][:4] == [0.0, 0.0, 0.0, 0.0]
    assert math.isnan(row["t3"][4])  # null: unknown

    gazetteer = load_gazetteer(settings.data_dir)
    for rid, (text, signals), parsed in zip(ex.ids, ex.inputs, ex.parsed, strict=True):
        assert (text, signals) == model_input(featurize(parsed, gazetteer))  # this record's parse
        assert "Doe" not in text
        assert "Wei Zhang" not in text
        assert all(isinstance(v, float) for v in signals)
        assert rid in {e["id"] for e in ex.extras}
    assert "Reconciled the general ledger" in ex.parsed[1].text
    assert "Uniswap Labs" in ex.parsed[0].text
    assert ex.extras[1] == {
        "id": "p1",
        "source_file": str(data.resolve()),
        "origin": "real",  # not written by the corpus generator
        "pdf": "pdfs/good.pdf",
        "lang": "en",
        "layout": "one_column",
        "demographics": {"gender": "f"},
        "category": "finance",
    }
    assert ex.extras[0]["lang"] == "en"
    assert ex.extras[0]["pdf"] is None


def test_a_second_call_reads_the_cache_and_gives_the_same_examples(
    data: Path, tmp_path: Path, settings: Settings, pool: ParserPool
) -> None:
    cache = tmp_path / "cache"
    dataset = load_records(data, text_source=ParsedPdfSource(pool=pool, cache_dir=cache))
    first_source = ParsedPdfSource(pool=pool, cache_dir=cache)
    first = build_examples(dataset, settings=settings, labels=LABELS, source=first_source)
    again_source = ParsedPdfSource(pool=pool, cache_dir=cache)
    again = build_examples(dataset, settings=settings, labels=LABELS, source=again_source, progress=True)
    # good.pdf and short.pdf come from the cache; only the file that never parses is tried again.
    assert (first_source.cached, first_source.parsed) == (2, 1)
    assert (again_source.cached, again_source.parsed) == (2, 1)
    assert again.ids == first.ids
    assert again.inputs == first.inputs
    assert np.array_equal(again.y, first.y, equal_nan=True)
    assert again.extras == first.extras
    assert [p.model_dump() for p in again.parsed] == [p.model_dump() for p in first.parsed]
    assert again.skipped == first.skipped


def test_an_unknown_label_name_is_refused(data: Path, settings: Settings, pool: ParserPool) -> None:
    dataset = load_records(data, text_source=ParsedPdfSource(pool=pool, cache_dir=None))
    with pytest.raises(KeyError):
        build_examples(
            dataset, settings=settings, labels=["tradfi", "nope"], source=ParsedPdfSource(pool=pool)
        )


def test_text_resumes_are_parsed_again_when_asked_for_and_their_proxy_words_are_kept(
    data: Path, tmp_path: Path, settings: Settings, pool: ParserPool
) -> None:
    """Training keeps a text résumé's model input and proxy words, not its parse: the parse
    it gives back is the same as the one the input came from, and the proxy n-grams the bias
    audit builds from the kept words are those of the parse."""
    cache = tmp_path / "cache"
    dataset = load_records(data, text_source=ParsedPdfSource(pool=pool, cache_dir=cache))
    ex = build_examples(
        dataset, settings=settings, labels=LABELS, source=ParsedPdfSource(pool=pool, cache_dir=cache)
    )
    resources = load_resources(settings.data_dir, settings.spacy_model)
    texts = {"t1": (TEXT_A, 1), "t2": (TEXT_B, 3), "t3": (TEXT_C, 5)}  # (text, line of the file)
    for i, rid in enumerate(ex.ids):
        if rid in texts:
            text, line = texts[rid]
            again = parse_text(text, resources, file=f"{data.name}:{line}")
            assert ex.parsed[i].model_dump() == again.model_dump()
    assert ex.parsed[0] is ex.parsed[0]  # parsed once
    assert ex.parsed[1:3] == [ex.parsed[1], ex.parsed[2]]

    assert ex.proxy_gazetteer == resources.gazetteer.version
    assert [m is not None for m in ex.proxy_marks] == [rid in texts for rid in ex.ids]  # kept for texts
    for i in range(len(ex)):
        words = ex.proxy_words(i, resources.gazetteer)
        assert marked_ngrams(ex.inputs[i][0], words, 2) == proxy_ngrams(ex.parsed[i], resources.gazetteer, 2)
    assert "tsinghua university" in marked_ngrams(ex.inputs[0][0], ex.proxy_words(0, resources.gazetteer), 2)


def test_text_resumes_read_in_worker_processes_give_the_same_examples(
    data: Path, tmp_path: Path, settings: Settings, pool: ParserPool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Many text résumés are read in worker processes, which send back what training keeps
    of each (:class:`training.examples.TextReading`): the same as reading them here."""
    cache = tmp_path / "cache"
    dataset = load_records(data, text_source=ParsedPdfSource(pool=pool, cache_dir=cache))
    source = ParsedPdfSource(pool=pool, cache_dir=cache)
    here = build_examples(dataset, settings=settings, labels=LABELS, workers=1, source=source)
    monkeypatch.setattr(examples_module, "_PARALLEL_TEXTS", 1)  # three texts are "many"
    apart = build_examples(dataset, settings=settings, labels=LABELS, workers=2, source=source)
    assert apart.ids == here.ids
    assert apart.inputs == here.inputs
    assert apart.extras == here.extras
    assert apart.proxy_marks == here.proxy_marks
    assert any(apart.proxy_marks)
    assert [p.model_dump() for p in apart.parsed] == [p.model_dump() for p in here.parsed]

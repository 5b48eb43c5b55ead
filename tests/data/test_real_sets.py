"""The real labelled sets in ``../shared/datasets`` (skipped where the folder is absent)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import pytest

from screening.parsing.isolation import ParserPool
from training.dataset import load_records
from training.splits import check_leakage, split_dataset
from training.text_source import ParsedPdfSource, PdfText

SHARED_DATASETS = Path(__file__).resolve().parents[2].parent / "shared" / "datasets"
WRITTEN = SHARED_DATASETS / "written" / "records.jsonl"
LIVECAREER = SHARED_DATASETS / "livecareer" / "records.jsonl"


class _NameAsText:
    """A text source that reads no PDF: each file's text is its name (schema checks only)."""

    def read(self, pdfs: Sequence[Path]) -> list[PdfText]:
        return [PdfText(f"résumé file {p.stem}", p.stem) for p in pdfs]


@pytest.mark.skipif(not WRITTEN.is_file(), reason="../shared/datasets/written is not on this machine")
def test_written_set_loads_90_records_whose_pdfs_all_parse(tmp_path: Path, pool: ParserPool) -> None:
    dataset = load_records(WRITTEN, text_source=ParsedPdfSource(pool=pool, cache_dir=tmp_path))
    report = dataset.report
    assert report.issues == []  # no schema error and every PDF parsed with quality ok
    assert len(dataset) == 90
    assert len(dataset.readable) == 90
    counts = {name: (c.positive, c.negative, c.unknown) for name, c in report.total.labels.items()}
    assert counts == {
        "tradfi": (36, 54, 0),
        "web2": (32, 58, 0),
        "web3": (63, 27, 0),
        "adaptable": (49, 41, 0),
        "high_potential": (46, 44, 0),
        "ambitious": (47, 43, 0),
    }
    assert Counter(r.extras["lang"] for r in dataset.records) == {"en": 78, "zh": 12}
    # The PDF is the input; the written text is the author's reference.
    assert all(r.text is not None and r.input_text is not None for r in dataset.records)
    split = split_dataset(dataset)
    assert check_leakage(split.train, split.test).ok


@pytest.mark.skipif(not LIVECAREER.is_file(), reason="../shared/datasets/livecareer is not on this machine")
def test_livecareer_records_validate_with_strict_labels_on_the_annotated_320() -> None:
    dataset = load_records(LIVECAREER, text_source=_NameAsText())
    report = dataset.report
    assert report.issues == []  # every line valid and every PDF file present
    assert len(dataset) == 1881
    assert Counter(r.extras["label_source"] for r in dataset.records) == {
        "category_only": 1561,
        "annotated": 320,
    }
    assert report.total.unlabelled == 1561
    labels = report.total.labels
    # 19 tradfi and 15 web2 positives were given at confidence 1: unknown under strict labels.
    assert (labels["tradfi"].positive, labels["tradfi"].low_confidence_positive) == (111, 19)
    assert (labels["web2"].positive, labels["web2"].low_confidence_positive) == (47, 15)
    assert labels["web3"].positive == 0  # no Web3 résumé in LiveCareer
    assert all(labels[n].known == 320 for n in ("adaptable", "high_potential", "ambitious"))
    assert all("category" in r.extras for r in dataset.records)

    lenient = load_records(LIVECAREER, strict_confidence=False, text_source=_NameAsText()).report.total.labels
    assert (lenient["tradfi"].positive, lenient["web2"].positive) == (130, 62)

"""Field-level accuracy on rendered résumés whose ground truth is known (all layouts, fonts, Chinese)."""

from __future__ import annotations

import pytest

from screening.parsing.pipeline import parse_pdf
from screening.parsing.resources import ParseResources
from training.corpus.fixtures import generate_fixtures
from training.parse_accuracy import evaluate, summarise

FLOOR = 0.95


@pytest.fixture(scope="module")
def summary(resources: ParseResources) -> dict[str, dict[str, float]]:
    triples = ((rid, r.truth, parse_pdf(r.pdf, resources)) for rid, r in generate_fixtures(200, seed=2026))
    return summarise(evaluate(triples))


@pytest.mark.parametrize("group", ["sections", "positions", "dates"])
@pytest.mark.parametrize("measure", ["precision", "recall"])
def test_parser_meets_the_field_level_floor(
    summary: dict[str, dict[str, float]], group: str, measure: str
) -> None:
    assert summary[group][measure] >= FLOOR, summary


def test_fixture_set_covers_every_layout_and_chinese() -> None:
    seen = {(r.layout, r.truth["lang"]) for _, r in generate_fixtures(40, seed=2026)}
    assert {layout for layout, _ in seen} == {"one_column", "two_column", "table", "compact"}
    assert {lang for _, lang in seen} == {"en", "zh"}

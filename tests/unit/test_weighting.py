"""Sample weights: each data file, and within each language each label's positives, weigh
what they should."""

from __future__ import annotations

import numpy as np

from training.weighting import language_weights, source_weights, weighting_group


def test_every_data_file_carries_the_same_total_weight() -> None:
    sources = ["corpus"] * 8 + ["real"] * 2
    weights = source_weights(sources, "balanced")
    assert np.isclose(weights[:8].sum(), weights[8:].sum())
    assert np.isclose(weights.mean(), 1.0)
    assert source_weights(sources, "none").tolist() == [1.0] * 10
    assert source_weights([], "balanced").shape == (0,)


def test_origin_weighting_weighs_generated_and_real_alike_and_every_real_resume_the_same() -> None:
    """A file of a few hand-written résumés weighs per résumé what a larger annotated set
    does, not as much in total."""
    extras = (
        [{"origin": "generated", "source_file": "corpus/index.jsonl"}] * 6
        + [{"origin": "real", "source_file": "livecareer/records.jsonl"}] * 3
        + [{"origin": "real", "source_file": "written/records.jsonl"}] * 1
    )
    weights = source_weights([weighting_group(x, "origin") for x in extras], "origin")
    assert np.isclose(weights[:6].sum(), weights[6:].sum())
    assert np.allclose(weights[6:], weights[6])  # each real résumé alike, whichever file
    by_file = source_weights([weighting_group(x, "balanced") for x in extras], "balanced")
    assert np.isclose(by_file[9], by_file[6:9].sum())  # by file: the one résumé weighs three


def test_language_weights_give_each_language_the_overall_share_of_positives() -> None:
    ys = [1, 1, 1, 0, 1, 0, 0, 0, 0, 0, 1, 1]
    languages = ["zh"] * 4 + ["en"] * 6 + ["fr"] * 2
    weights = language_weights(ys, languages)
    y = np.asarray(ys, dtype=float)
    overall = y.mean()
    for language in ("zh", "en"):
        mine = np.asarray(languages) == language
        assert np.isclose(np.dot(weights[mine], y[mine]) / weights[mine].sum(), overall)
        assert np.isclose(weights[mine].sum(), mine.sum())  # each language keeps its weight
    assert weights[-2:].tolist() == [1.0, 1.0]  # one class only: nothing to balance
    base = np.array([2.0] * 4 + [1.0] * 8)
    weighted = language_weights(ys, languages, base) * base
    zh = slice(0, 4)
    assert np.isclose(np.dot(weighted[zh], y[zh]) / weighted[zh].sum(), np.dot(base, y) / base.sum())

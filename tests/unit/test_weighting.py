"""Sample weights: each data file, and within each language each label's positives, weigh
what they should."""

from __future__ import annotations

import numpy as np

from training.weighting import language_weights, source_weights


def test_every_data_file_carries_the_same_total_weight() -> None:
    sources = ["corpus"] * 8 + ["real"] * 2
    weights = source_weights(sources, "balanced")
    assert np.isclose(weights[:8].sum(), weights[8:].sum())
    assert np.isclose(weights.mean(), 1.0)
    assert source_weights(sources, "none").tolist() == [1.0] * 10
    assert source_weights([], "balanced").shape == (0,)


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

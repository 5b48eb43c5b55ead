"""A bundle scores its heads together: heads that share a vectoriser encode once, and the
probabilities are each head's own, bit for bit."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from screening.bundle import ScoringBundle, ScoringModels
from screening.features import SIGNAL_NAMES, featurize
from screening.model import model_input
from screening.parsing.pipeline import parse_text
from screening.parsing.resources import ParseResources
from training.corpus.generate import generate_text_example


def test_bundle_probabilities_are_each_heads_own(
    scoring_models: ScoringModels, resources: ParseResources
) -> None:
    texts = [generate_text_example(31, i)["text"] for i in range(12)]
    inputs = [model_input(featurize(parse_text(t, resources), resources.gazetteer)) for t in texts]
    for bundle in (scoring_models.background, scoring_models.aha):
        labels = list(reversed(bundle.labels))  # columns follow the labels asked for
        table = bundle.probabilities(inputs, labels)
        assert table.shape == (len(inputs), len(labels))
        for j, label in enumerate(labels):
            own = bundle.heads[label].predict_proba(inputs)[:, 1]
            assert table[:, j].tobytes() == own.tobytes()
        assert bundle.predict_proba(inputs) == {
            label: [float(p) for p in bundle.heads[label].predict_proba(inputs)[:, 1]]
            for label in bundle.labels
        }
        assert bundle.probabilities([], labels).shape == (0, len(labels))


def test_a_bad_input_is_refused_as_by_a_head(scoring_models: ScoringModels) -> None:
    with pytest.raises(ValueError, match="signal values"):
        scoring_models.aha.probabilities([("some text", [1.0, 2.0])])
    assert np.isfinite(scoring_models.aha.probabilities([("", [0.0] * len(SIGNAL_NAMES))])).all()


def test_a_loaded_bundle_scores_as_the_trained_one(
    scoring_models: ScoringModels, resources: ParseResources, tmp_path: Path
) -> None:
    """Saved and loaded (each head then holds its own copy of the shared vectoriser), the
    bundle gives the same probabilities, bit for bit."""
    texts = [generate_text_example(32, i)["text"] for i in range(8)]
    inputs = [model_input(featurize(parse_text(t, resources), resources.gazetteer)) for t in texts]
    bundle = scoring_models.background
    loaded = ScoringBundle.load(bundle.save(tmp_path / "bundle.skops"))
    assert loaded.heads[bundle.labels[0]].vectorizer_ is not loaded.heads[bundle.labels[1]].vectorizer_
    assert loaded.probabilities(inputs).tobytes() == bundle.probabilities(inputs).tobytes()

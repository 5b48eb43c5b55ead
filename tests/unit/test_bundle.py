"""A bundle scores its heads together: heads that share a vectoriser encode once, and the
probabilities are each head's own, bit for bit."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from screening.bundle import ScoringBundle, ScoringModels
from screening.features import SIGNAL_NAMES, featurize
from screening.model import encode_texts, model_input, same_encoding
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
    with pytest.raises(ValueError, match="not a \\(model_text, signals\\) pair"):
        scoring_models.aha.probabilities([("some text", [0.0] * len(SIGNAL_NAMES)), (3, [0.0])])  # type: ignore[list-item]
    with pytest.raises(TypeError, match="not one text"):
        scoring_models.aha.probabilities("some text")  # type: ignore[arg-type]
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


def test_texts_are_read_once_for_every_head_as_each_head_reads_them(
    scoring_models: ScoringModels, resources: ParseResources
) -> None:
    """``encode_texts`` tokenises each text once for all heads; what each head gets is its own
    vectoriser's ``transform`` and its own line scorer's values, bit for bit."""
    texts = [generate_text_example(33, i)["text"] for i in range(10)] + ["", "one line only"]
    heads = [*scoring_models.background.heads.values(), *scoring_models.aha.heads.values()]
    read = encode_texts(heads, texts)
    assert len(read.matrices) == len(read.line_values) == len(heads)
    for head, matrix, values in zip(heads, read.matrices, read.line_values, strict=True):
        expected = head.vectorizer_.transform(texts)
        assert matrix.shape == expected.shape
        assert (matrix != expected).nnz == 0
        assert matrix.data.tobytes() == expected.sorted_indices().data.tobytes()
        assert head.line_scorer is not None
        assert values is not None
        assert values.tobytes() == head.line_scorer.values(texts).tobytes()
    # Heads that encode alike (trained together) share one matrix.
    twice = encode_texts([heads[0], heads[0], heads[1]], texts)
    assert twice.matrices[0] is twice.matrices[1]
    assert same_encoding(heads[0].vectorizer_, heads[1].vectorizer_) == (
        twice.matrices[0] is twice.matrices[2]
    )
    assert encode_texts(heads, []).matrices[0].shape == (0, len(heads[0].vectorizer_.vocabulary_))


def test_given_line_values_must_be_one_per_text(scoring_models: ScoringModels) -> None:
    head = scoring_models.aha.heads["ambitious"]
    inputs = [("Launched a new market.", [0.0] * len(SIGNAL_NAMES))] * 3
    _, signals = head.split_inputs(inputs, np.array([0.1, 0.2, 0.3]))
    assert signals[:, -1].tolist() == [0.1, 0.2, 0.3]
    with pytest.raises(ValueError, match="one line value per text"):
        head.split_inputs(inputs, np.array([0.1, 0.2]))

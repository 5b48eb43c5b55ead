"""Training's bias audit scores the audited résumés once: a reading handed in by the caller
(``ScoringBundle.read``, which training already made for its impact ratios) gives the audit
it would have made itself."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from screening.bundle import ScoringBundle, ScoringModels
from screening.features import featurize
from screening.model import model_input
from screening.parsing.pipeline import parse_text
from screening.parsing.resources import ParseResources
from training.bias_audit import demographic_rows, run_bias_audit, summary_markdown
from training.corpus.generate import generate_text_example
from training.examples import Examples


def _examples(resources: ParseResources, n: int) -> Examples:
    labels = ("adaptable", "high_potential", "ambitious")
    records = [generate_text_example(41, i) for i in range(n)]
    parsed = [parse_text(r["text"], resources) for r in records]
    return Examples(
        ids=[r["id"] for r in records],
        inputs=[model_input(featurize(p, resources.gazetteer)) for p in parsed],
        y=np.asarray([[float(r[x]) for x in labels] for r in records]),
        labels=labels,
        extras=[{"id": r["id"], "origin": "generated", "demographics": r["demographics"]} for r in records],
        parsed=parsed,
    )


def _audit_settings(examples: Examples, bundle: ScoringBundle, resources: ParseResources) -> dict[str, Any]:
    """run_bias_audit's keyword arguments other than the reading."""
    return {
        "label_columns": {x: examples.labels.index(x) for x in bundle.labels},
        "gazetteer": resources.gazetteer,
        "source": f"{len(examples)} generated résumés",
        "version": "test",
    }


def test_a_given_reading_audits_as_reading_the_resumes_again(
    scoring_models: ScoringModels, resources: ParseResources
) -> None:
    examples = _examples(resources, 40)
    rows = demographic_rows(examples)
    assert len(rows) == 40
    bundle = scoring_models.aha
    kwargs = _audit_settings(examples, bundle, resources)
    reading = bundle.read([examples.inputs[i] for i in rows])
    for label in bundle.labels:
        own = bundle.heads[label].predict_proba([examples.inputs[i] for i in rows])[:, 1]
        assert reading.probabilities[label].tobytes() == own.tobytes()
    given = run_bias_audit(bundle, examples, rows, reading=reading, **kwargs)
    again = run_bias_audit(bundle, examples, rows, **kwargs)
    assert summary_markdown(given) == summary_markdown(again)
    assert given.label_ratios == again.label_ratios
    assert [c.label for c in given.proxy] == list(bundle.labels)
    assert [c.model_dump_json() for c in given.proxy] == [c.model_dump_json() for c in again.proxy]


def test_a_reading_of_other_resumes_is_refused(
    scoring_models: ScoringModels, resources: ParseResources
) -> None:
    """Fewer résumés, as many other ones, or the same ones in another order: the audit would
    report scores of the wrong résumés, so it refuses."""
    examples = _examples(resources, 6)
    bundle = scoring_models.aha
    kwargs = _audit_settings(examples, bundle, resources)
    rows = [0, 1, 2]
    for wrong in ([0, 1], [3, 4, 5], [2, 1, 0]):
        reading = bundle.read([examples.inputs[i] for i in wrong])
        assert not reading.is_of([examples.inputs[i] for i in rows])
        with pytest.raises(ValueError, match="reading of the audited rows' inputs, in their order"):
            run_bias_audit(bundle, examples, rows, reading=reading, **kwargs)
    whole = bundle.read(examples.inputs)
    assert whole.take(rows).is_of([examples.inputs[i] for i in rows])
    run_bias_audit(bundle, examples, rows, reading=whole.take(rows), **kwargs)


def test_part_of_a_reading_is_the_reading_of_that_part(
    scoring_models: ScoringModels, resources: ParseResources
) -> None:
    """Training reads the held-out and the audited résumés together and takes each part."""
    inputs = _examples(resources, 9).inputs
    for bundle in (scoring_models.background, scoring_models.aha):
        whole = bundle.read(inputs)
        part = whole.take([7, 2, 2, 5])
        alone = bundle.read([inputs[7], inputs[2], inputs[2], inputs[5]])
        assert part.stacked(bundle.labels).tobytes() == alone.stacked(bundle.labels).tobytes()
        for label in bundle.labels:
            assert (part.matrices[label] != alone.matrices[label]).nnz == 0
            got, want = part.line_values[label], alone.line_values[label]
            assert got is not None
            assert want is not None
            assert got.tobytes() == want.tobytes()
        shared = [
            label for label in bundle.labels if whole.matrices[label] is whole.matrices[bundle.labels[0]]
        ]
        assert all(part.matrices[label] is part.matrices[bundle.labels[0]] for label in shared)

"""Background and AHA bundles trained in seconds on generated text résumés.

The real estimator and bundle code on a small corpus, for the test suite and the hostile-file
benchmark: they score without a registry or a full training run.
"""

from __future__ import annotations

from typing import Any

from screening.bundle import ScoringBundle, ScoringModels
from screening.features import featurize
from screening.lexicons import FAMILIES
from screening.line_scorer import LineScorer
from screening.model import ExplainableTextClassifier, model_input
from screening.parsing.pipeline import parse_text
from screening.parsing.resources import ParseResources
from training.corpus.generate import generate_text_example
from training.evidence_lines import labelled_lines, line_labels, line_vectorizer
from training.specs import load_specs

AHA = ("adaptable", "high_potential", "ambitious")


def small_scoring_models(
    resources: ParseResources, *, seed: int = 11, n: int = 240, version: str = "test"
) -> ScoringModels:
    """Both bundles, fitted on ``n`` noise-free generated résumés of corpus ``seed`` (a tenth in
    Chinese), every head with a line scorer learned from the records' evidence quotes;
    thresholds 0.5; versions ``screening-background/<version>`` and ``screening-aha/<version>``.
    Each head reads the signals its spec in ``models/`` names for its label."""
    records = [generate_text_example(seed, i, noise=0.0, zh_share=0.1) for i in range(n)]
    inputs = [model_input(featurize(parse_text(r["text"], resources), resources.gazetteer)) for r in records]

    texts = [text for text, _ in inputs]
    vectorizer = line_vectorizer(texts)

    def value(record: dict[str, Any], label: str) -> int:
        return int(label in record["background"]) if label in FAMILIES else int(record[label])

    def line_scorer(label: str) -> LineScorer:
        # From the records' evidence quotes (here the generator's own), on the résumés the
        # heads then fit on: in-sample values, unlike training's cross-fitting (test models).
        lines: list[str] = []
        ys: list[int] = []
        for text, record in zip(texts, records, strict=True):
            found = line_labels(text, float(value(record, label)), record.get("evidence"), label)
            if found is not None:
                taught, labels = labelled_lines(text, found)
                lines += taught
                ys += labels
        return LineScorer().fit(lines, ys, vectorizer)

    specs = {spec.name: spec for spec in load_specs("all")}

    def bundle(name: str, labels: tuple[str, ...]) -> ScoringBundle:
        heads = {}
        for label in labels:
            signals = specs[name].estimator_params(label).get("signal_names")
            y = [value(r, label) for r in records]
            # Every head reads lines, as the registered ones do (evidence_lines in models/).
            heads[label] = ExplainableTextClassifier(
                min_df=2,
                max_features=5000,
                random_state=0,
                line_scorer=line_scorer(label),
                signal_names=signals,
            ).fit(inputs, y)
        return ScoringBundle(
            name=name, labels=list(labels), heads=heads, thresholds=dict.fromkeys(labels, 0.5), versions={}
        )

    return ScoringModels(
        background=bundle("screening-background", tuple(FAMILIES)),
        aha=bundle("screening-aha", AHA),
        background_version=f"screening-background/{version}",
        aha_version=f"screening-aha/{version}",
    )

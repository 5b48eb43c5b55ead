"""One conftest for the whole suite: settings, parse resources and the parser pool."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from screening.bundle import ScoringModels
from screening.parsing.isolation import ParserPool
from screening.parsing.resources import ParseResources, load_resources
from screening.settings import DEFAULT_DATA_DIR, ParseLimits, Settings

REPO = Path(__file__).resolve().parent.parent
#: ``../shared/datasets`` beside the checkout, when present (development and CI machines).
SHARED_DATASETS = REPO.parent / "shared" / "datasets"


@pytest.fixture(scope="session")
def settings() -> Settings:
    return Settings(_env_file=None, data_dir=DEFAULT_DATA_DIR)  # type: ignore[call-arg]


@pytest.fixture(scope="session")
def resources(settings: Settings) -> ParseResources:
    return load_resources(settings.data_dir, settings.spacy_model)


@pytest.fixture(scope="session")
def pool(settings: Settings) -> Iterator[ParserPool]:
    """Two parser workers with a short time limit, shared by the tests that need isolation."""
    limits = ParseLimits(timeout_s=4.0, max_pages=30, max_bytes=10 * 1024 * 1024, max_memory_mb=768)
    with ParserPool(settings.model_copy(update={"parse": limits}), workers=2) as p:
        yield p


@pytest.fixture(scope="session")
def scoring_models(resources: ParseResources) -> ScoringModels:
    """Real (small) background and AHA bundles, trained on 240 generated text résumés.

    The real estimator and bundle code, fitted in a few seconds, so that scoring, evidence,
    ranking and batch tests run without a registry; the training tests cover the registry.
    """
    from screening.bundle import ScoringBundle
    from screening.features import featurize
    from screening.model import ExplainableTextClassifier, model_input
    from screening.parsing.pipeline import parse_text
    from training.corpus.generate import generate_text_example

    records = [generate_text_example(11, i, noise=0.0, zh_share=0.1) for i in range(240)]
    inputs = [model_input(featurize(parse_text(r["text"], resources), resources.gazetteer)) for r in records]

    def bundle(name: str, labels: tuple[str, ...]) -> ScoringBundle:
        heads = {}
        for label in labels:
            if label in ("tradfi", "web2", "web3"):
                y = [int(label in r["background"]) for r in records]
            else:
                y = [int(r[label]) for r in records]
            heads[label] = ExplainableTextClassifier(min_df=2, max_features=5000, random_state=0).fit(
                inputs, y
            )
        return ScoringBundle(
            name=name, labels=list(labels), heads=heads, thresholds=dict.fromkeys(labels, 0.5), versions={}
        )

    return ScoringModels(
        background=bundle("screening-background", ("tradfi", "web2", "web3")),
        aha=bundle("screening-aha", ("adaptable", "high_potential", "ambitious")),
        background_version="screening-background/test",
        aha_version="screening-aha/test",
    )

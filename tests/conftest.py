"""One conftest for the whole suite: settings, parse resources and the parser pool."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

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

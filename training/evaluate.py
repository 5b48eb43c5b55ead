"""``screening evaluate``: score labelled data with the champions (or a given model URI)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from screening.registry import CHAMPION, load_model, model_uri
from screening.settings import Settings
from training import metrics
from training.dataset import load_records
from training.examples import build_examples
from training.specs import load_specs
from training.text_source import ParsedPdfSource
from training.tracking import configure


def evaluate(
    data: Sequence[Path], *, model: str = "all", model_uri: str | None = None, settings: Settings
) -> dict[str, Any]:
    """Metrics per label and macro for each model, plus how many records were scored or failed.

    With ``model_uri`` only that model is evaluated (its own labels); otherwise the champion of
    each model named by ``model`` (``background``, ``aha`` or ``all``).
    """
    configure()
    # One source for loading and featurising: each PDF is read and parsed once.
    source = ParsedPdfSource(settings)
    dataset = load_records(data, text_source=source)
    uris = [model_uri] if model_uri else [_champion_uri(spec.name) for spec in load_specs(model)]
    loaded = [load_model(uri) for uri in uris]
    labels = sorted({label for m in loaded for label in m.bundle.labels})
    examples = build_examples(dataset, settings=settings, labels=labels, source=source)
    out: dict[str, Any] = {
        "records": len(dataset.records),
        "scored": len(examples.ids),
        "failed": len(examples.skipped),
        "failures": dict(sorted(examples.skipped.items())),
        "models": {},
    }
    for m in loaded:
        cols = [examples.labels.index(label) for label in m.bundle.labels]
        y = examples.y[:, cols] if examples.ids else np.zeros((0, len(cols)))
        proba = m.bundle.probabilities(examples.inputs) if examples.ids else np.zeros((0, len(cols)))
        out["models"][m.name] = {
            "uri": m.uri,
            "version": m.version,
            **metrics.evaluate_labels(
                y, proba, m.bundle.thresholds, m.bundle.labels, n_boot=metrics.BOOTSTRAP_DRAWS
            ),
        }
    return out


def _champion_uri(name: str) -> str:
    return model_uri(name, CHAMPION)

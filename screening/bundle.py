"""The scoring bundle: one registered model's fitted heads, thresholds and versions.

What training registers is exactly what serving scores with: one
:class:`~screening.model.ExplainableTextClassifier` per label, the decision threshold
chosen for each on held-out data, and the versions of everything that shaped the inputs.
Saved with skops (no pickle); loading accepts only the types listed in ``TRUSTED_TYPES``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from screening.model import ExplainableTextClassifier, ModelInput, encode_texts, input_texts

#: Types a saved bundle may contain (checked before anything is loaded).
TRUSTED_TYPES = frozenset(
    {
        "screening.bundle.ScoringBundle",
        "screening.model.ExplainableTextClassifier",
        "screening.model.tokenize",
        "screening.line_scorer.LineScorer",
        "sklearn.feature_extraction.text.TfidfVectorizer",
        "sklearn.feature_extraction.text.TfidfTransformer",
        "sklearn.linear_model._logistic.LogisticRegression",
        "sklearn.preprocessing._data.StandardScaler",
        "numpy.dtype",
        "numpy.float64",
        "numpy.int64",
        "numpy.ndarray",
        "builtins.slice",
        "collections.OrderedDict",
    }
)


@dataclass
class ScoringBundle:
    """Fitted heads of one model (e.g. ``screening-background``), ready to score."""

    name: str
    labels: list[str]
    heads: dict[str, ExplainableTextClassifier]
    thresholds: dict[str, float]
    versions: dict[str, str] = field(default_factory=dict)

    def predict_proba(self, inputs: Sequence[ModelInput]) -> dict[str, list[float]]:
        """Calibrated probability of each label for each input (the same values as each head's
        ``predict_proba``; heads trained together share a vectoriser, which encodes once)."""
        heads = [self.heads[label] for label in self.labels]
        # Each text read once for every head: its tokens, n-gram rows and evidence lines.
        read = encode_texts(heads, input_texts(inputs))
        out: dict[str, list[float]] = {}
        for label, head, matrix, values in zip(
            self.labels, heads, read.matrices, read.line_values, strict=True
        ):
            _, signals = head.split_inputs(inputs, values)
            out[label] = [float(p) for p in head.predict_proba_encoded(matrix, signals)]
        return out

    def probabilities(
        self, inputs: Sequence[ModelInput], labels: Sequence[str] | None = None
    ) -> npt.NDArray[np.float64]:
        """:meth:`predict_proba` as an array, one row per input and one column per label of
        ``labels`` (default :attr:`labels`), in that order."""
        wanted = list(labels) if labels is not None else self.labels
        if not inputs:
            return np.zeros((0, len(wanted)))
        found = self.predict_proba(inputs)
        return np.column_stack([np.asarray(found[label], dtype=np.float64) for label in wanted])

    def save(self, path: Path) -> Path:
        """Write the bundle with skops to ``path``."""
        import skops.io as sio

        sio.dump(self, path)
        return path

    @classmethod
    def load(cls, path: Path) -> ScoringBundle:
        """Read a bundle written by :meth:`save`.

        Raises:
            ValueError: the file holds a type outside ``TRUSTED_TYPES``.
        """
        import skops.io as sio

        untrusted = set(sio.get_untrusted_types(file=path)) - TRUSTED_TYPES
        if untrusted:
            raise ValueError(f"refusing to load {path}: untrusted types {sorted(untrusted)}")
        bundle: Any = sio.load(path, trusted=sorted(sio.get_untrusted_types(file=path)))
        if not isinstance(bundle, cls):
            raise ValueError(f"{path} does not hold a ScoringBundle")
        return bundle


@dataclass(frozen=True)
class ModelReport:
    """What training recorded about a registered version: held-out metrics and the model card."""

    #: ``name/version`` as recorded with every score.
    version: str
    #: The training run's metrics (``test.macro_f1``, ``test.<label>.f1``, ``fairness.*``, ...).
    metrics: dict[str, float] = field(default_factory=dict)
    #: The model card (Markdown), when the run logged one.
    card: str | None = None


@dataclass(frozen=True)
class ScoringModels:
    """The two bundles and their registered versions (``name/version`` as recorded)."""

    background: ScoringBundle
    aha: ScoringBundle
    background_version: str
    aha_version: str
    #: Training reports by model kind (``background``, ``aha``), when loaded from a registry.
    reports: dict[str, ModelReport] = field(default_factory=dict)

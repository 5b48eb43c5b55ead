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
from scipy import sparse  # type: ignore[import-untyped]

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


def input_keys(inputs: Sequence[ModelInput]) -> tuple[int, ...]:
    """A key of each input, equal for equal text and signals, for telling within one process
    which inputs a :class:`BundleReading` was made of (Python's ``hash``: not stable across
    processes, never stored)."""
    return tuple(hash((text, tuple(signals))) for text, signals in inputs)


@dataclass(frozen=True)
class BundleReading:
    """What a bundle read of some inputs, per label: its head's tf-idf rows of the texts
    (``matrices``; heads that encode alike share one object), its line scorer's value of each
    text (``line_values``, ``None`` without one) and the calibrated probabilities. Audits that
    need more than the probabilities (the proxy check) take them from here instead of
    reading the texts again. ``keys`` tells which inputs were read (:meth:`is_of`)."""

    matrices: dict[str, sparse.csr_matrix]
    line_values: dict[str, npt.NDArray[np.float64] | None]
    probabilities: dict[str, npt.NDArray[np.float64]]
    #: :func:`input_keys` of the inputs read, in order.
    keys: tuple[int, ...]

    def take(self, positions: Sequence[int]) -> BundleReading:
        """The reading of the inputs at ``positions`` (in that order), as if only they had
        been read; matrices shared between labels stay shared."""
        at = np.asarray(positions, dtype=np.intp)
        taken: dict[int, sparse.csr_matrix] = {}
        for matrix in self.matrices.values():
            if id(matrix) not in taken:
                taken[id(matrix)] = matrix[at]
        return BundleReading(
            matrices={label: taken[id(m)] for label, m in self.matrices.items()},
            line_values={label: None if v is None else v[at] for label, v in self.line_values.items()},
            probabilities={label: p[at] for label, p in self.probabilities.items()},
            keys=tuple(self.keys[i] for i in positions),
        )

    def is_of(self, inputs: Sequence[ModelInput]) -> bool:
        """Whether this is the reading of ``inputs``: the same texts and signals, in order."""
        return self.keys == input_keys(inputs)

    def stacked(self, labels: Sequence[str]) -> npt.NDArray[np.float64]:
        """The probabilities as an array, one column per label of ``labels``, in that order."""
        return np.column_stack([self.probabilities[label] for label in labels])


@dataclass
class ScoringBundle:
    """Fitted heads of one model (e.g. ``screening-background``), ready to score."""

    name: str
    labels: list[str]
    heads: dict[str, ExplainableTextClassifier]
    thresholds: dict[str, float]
    versions: dict[str, str] = field(default_factory=dict)

    def read(self, inputs: Sequence[ModelInput]) -> BundleReading:
        """Read ``inputs`` with every head (:class:`BundleReading`): each text once for all
        of them (its tokens, n-gram rows and evidence lines), then each head's probabilities."""
        heads = [self.heads[label] for label in self.labels]
        read = encode_texts(heads, input_texts(inputs))
        probabilities: dict[str, npt.NDArray[np.float64]] = {}
        for label, head, matrix, values in zip(
            self.labels, heads, read.matrices, read.line_values, strict=True
        ):
            _, signals = head.split_inputs(inputs, values)
            probabilities[label] = np.asarray(head.predict_proba_encoded(matrix, signals), dtype=np.float64)
        return BundleReading(
            matrices=dict(zip(self.labels, read.matrices, strict=True)),
            line_values=dict(zip(self.labels, read.line_values, strict=True)),
            probabilities=probabilities,
            keys=input_keys(inputs),
        )

    def predict_proba(self, inputs: Sequence[ModelInput]) -> dict[str, list[float]]:
        """Calibrated probability of each label for each input (the same values as each head's
        ``predict_proba``; heads trained together share a vectoriser, which encodes once)."""
        found = self.read(inputs).probabilities
        return {label: [float(p) for p in found[label]] for label in self.labels}

    def probabilities(
        self, inputs: Sequence[ModelInput], labels: Sequence[str] | None = None
    ) -> npt.NDArray[np.float64]:
        """:meth:`predict_proba` as an array, one row per input and one column per label of
        ``labels`` (default :attr:`labels`), in that order."""
        return self.read(inputs).stacked(list(labels) if labels is not None else self.labels)

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

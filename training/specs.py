"""Model specs: ``models/<name>.yaml`` declares what is trained (labels, estimator, grid, gates).

An ML engineer changes a model by editing its spec, not the code.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from screening.features import SIGNAL_NAMES
from screening.lexicons import FAMILIES

AHA_LABELS = ("adaptable", "high_potential", "ambitious")
KNOWN_LABELS = (*FAMILIES, *AHA_LABELS)
#: Where the specs live in a source checkout.
DEFAULT_SPEC_DIR = Path(__file__).resolve().parent.parent / "models"


class _Spec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class EstimatorSpec(_Spec):
    class_: Literal["screening.model.ExplainableTextClassifier"] = Field(alias="class")
    params: dict[str, Any] = Field(default_factory=dict)
    grid: dict[str, list[Any]] = Field(default_factory=dict)
    cv_folds: int = Field(3, ge=2, le=10)


class EvidenceLines(_Spec):
    """A line scorer per label, learned from the lines annotators quoted as evidence
    (:mod:`training.evidence_lines`); its best line's probability is one more signal."""

    #: Whose quotes teach it: ``real`` résumés only (the generator's quotes are its own
    #: templates, which the whole-text model reads already), or ``all``.
    sources: Literal["real", "all"] = "real"
    #: Folds of the cross-fitting that gives training résumés values from scorers that never
    #: saw them (the head would otherwise learn to trust in-sample values).
    folds: int = Field(5, ge=2, le=10)
    C: float = Field(1.0, gt=0)
    #: Résumés (not lines) an n-gram must occur in to be read: none is kept from one résumé.
    min_df: int = Field(2, ge=1)
    #: Word n-gram lengths of a line (each length costs about 0.1 ms per long résumé scored).
    ngram_range: tuple[int, int] = (1, 2)

    @field_validator("ngram_range")
    @classmethod
    def _ngram_range(cls, value: tuple[int, int]) -> tuple[int, int]:
        if not 1 <= value[0] <= value[1] <= 3:
            raise ValueError("ngram_range must be [min, max] with 1 <= min <= max <= 3")
        return value


class Gates(_Spec):
    min_macro_f1: float = Field(0.0, ge=0, le=1)
    max_ece: float = Field(1.0, ge=0, le=1)
    max_swap_change: float = Field(0.01, ge=0, le=1)
    min_impact_ratio: float = Field(0.0, ge=0, le=1)


def _signal_list(signals: list[str]) -> list[str]:
    unknown = [name for name in signals if name not in SIGNAL_NAMES]
    if unknown or not signals or len(set(signals)) != len(signals):
        raise ValueError(f"signals must be distinct names of screening.features.SIGNAL_NAMES; got {unknown}")
    return sorted(signals, key=SIGNAL_NAMES.index)  # the order of the rows


class Features(_Spec):
    text: Literal["redacted"] = "redacted"
    #: ``all`` of :data:`screening.features.SIGNAL_NAMES`, the names of those every head uses,
    #: or, by label, the names of those each head uses (a family's head reads its own
    #: family's evidence; an AHA head the items of its label in the labelling guide).
    signals: Literal["all"] | list[str] | dict[str, list[str]] = "all"

    @field_validator("signals")
    @classmethod
    def _known_signals(
        cls, signals: str | list[str] | dict[str, list[str]]
    ) -> str | list[str] | dict[str, list[str]]:
        if isinstance(signals, list):
            return _signal_list(signals)
        if isinstance(signals, dict):
            return {label: _signal_list(names) for label, names in signals.items()}
        return signals

    def signals_of(self, label: str | None) -> list[str] | None:
        """The names of the signals ``label``'s head uses, in the order of the rows (``None``:
        all of them); without a label, the names every head shares (``None`` when the spec
        names them by label)."""
        if isinstance(self.signals, dict):
            return self.signals[label] if label is not None else None
        return self.signals if isinstance(self.signals, list) else None


class ModelSpec(_Spec):
    """One registered model: its labels (one calibrated head each), estimator and gates."""

    name: str
    description: str = ""
    labels: list[str]
    features: Features = Features()
    estimator: EstimatorSpec
    threshold: Literal["f1", "0.5"] = "f1"
    #: ``origin``: generated and real résumés carry the same total weight in fitting,
    #: calibration and the threshold, and every real résumé the same whichever file holds it;
    #: ``balanced``: every data file given to ``--data`` does (each record
    #: ``n / (files * records in file)``); see :mod:`training.weighting`.
    source_weighting: Literal["none", "balanced", "origin"] = "none"
    gates: Gates = Gates()
    #: Learn a line scorer per label from annotators' evidence quotes (None: no line signal).
    evidence_lines: EvidenceLines | None = None
    compare_on: Literal["macro_f1"] = "macro_f1"

    @field_validator("labels")
    @classmethod
    def _known_labels(cls, labels: list[str]) -> list[str]:
        unknown = [label for label in labels if label not in KNOWN_LABELS]
        if unknown or not labels or len(set(labels)) != len(labels):
            raise ValueError(f"labels must be distinct names among {KNOWN_LABELS}; got {labels}")
        return labels

    @model_validator(mode="after")
    def _signals_per_label(self) -> ModelSpec:
        signals = self.features.signals
        if isinstance(signals, dict) and set(signals) != set(self.labels):
            raise ValueError(
                "features.signals by label must name each label once: "
                f"{sorted(self.labels)}, got {sorted(signals)}"
            )
        return self

    def estimator_params(self, label: str | None = None) -> dict[str, Any]:
        """Constructor arguments of ``label``'s head (YAML lists become the tuples the
        estimator expects); without a label, those every head shares (no ``signal_names``
        when the spec names signals by label)."""
        params = dict(self.estimator.params)
        if "ngram_range" in params:
            params["ngram_range"] = tuple(params["ngram_range"])
        if label is not None and label not in self.labels:
            raise ValueError(f"{self.name} has no label {label!r}")
        names = self.features.signals_of(label)
        if names is not None:
            params["signal_names"] = tuple(names)
        return params


def load_spec(path: Path) -> ModelSpec:
    """Read and validate one spec file.

    Raises:
        ValueError: the file is not a valid spec (the message names the field).
    """
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    return ModelSpec.model_validate(raw)


def load_specs(which: str, spec_dir: Path = DEFAULT_SPEC_DIR) -> list[ModelSpec]:
    """``background``, ``aha`` or ``all``."""
    names = ["background", "aha"] if which == "all" else [which]
    return [load_spec(spec_dir / f"{name}.yaml") for name in names]

"""The scored-candidate schema: what every consumer (API, UI, batch files, audits) reads.

The core fields are fixed (see the README, "Output schema"); fields may be added, never
renamed or removed. Offsets are character offsets into the parsed résumé text
(:attr:`screening.parsing.model.ParsedResume.text`), end exclusive, and every ``text`` equals
``parsed_text[start:end]`` exactly.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

#: The six labels, in output order.
LABEL_NAMES: tuple[str, ...] = ("tradfi", "web2", "web3", "adaptable", "high_potential", "ambitious")

Status = Literal["scored", "needs_review", "error"]


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SpanRef(_Out):
    """One stretch of the parsed text."""

    text: str
    start: int
    end: int
    page: int


class EvidenceItem(_Out):
    """A passage of the résumé that moved a label's probability.

    ``weight`` is its additive part of the calibrated logit (positive raised the probability,
    negative lowered it). ``feature`` names the strongest model feature in the passage:
    ``ngram:<words>`` for words of the text, ``sig:<name>`` for a named signal, whose
    ``spans`` list every stretch of text the signal was computed from (the passage,
    ``text``/``start``/``end``, is the bullet or line holding the first of them), and
    ``sig:evidence_line`` for the line a model's line scorer rated most like annotated
    evidence of the label (the passage is that line).
    """

    text: str
    start: int
    end: int
    page: int
    weight: float
    feature: str
    features: list[str] = Field(default_factory=list, description="every model feature in the passage")
    spans: list[SpanRef] = Field(default_factory=list, description="a signal's source spans")


class LabelScore(_Out):
    """One label: calibrated probability, the decision at the trained threshold, and why."""

    probability: float
    predicted: bool
    threshold: float
    evidence: list[EvidenceItem]


class FitComponent(_Out):
    """One term of the fit score: ``contribution == weight * value``."""

    name: str
    weight: float
    value: float
    contribution: float


class SkillEvidence(_Out):
    """A role skill found in the résumé (through the taxonomy), with where it is written."""

    skill: str
    evidence: list[SpanRef]


class MustHave(_Out):
    met: list[SkillEvidence]
    missing: list[str]


class Fit(_Out):
    """How well the candidate fits a role: ``score == sum(c.contribution for c in components)``."""

    role: str
    score: float
    components: list[FitComponent]
    must_have: MustHave
    nice_to_have: MustHave | None = None


class Versions(_Out):
    """What produced a result: registered model versions, parser and taxonomy versions."""

    background: str
    aha: str
    parser: str
    taxonomy: str


class ErrorOut(_Out):
    code: str
    message: str


class CandidateResult(_Out):
    """One résumé's outcome. ``labels`` and ``fit`` are empty unless ``status == "scored"``;
    ``needs_review`` carries the parse quality's reasons in ``error``."""

    file: str | None
    sha256: str | None
    status: Status
    error: ErrorOut | None = None
    labels: dict[str, LabelScore] = Field(default_factory=dict)
    fit: Fit | None = None
    versions: Versions | None = None
    rank: int | None = Field(None, description="1-based position in a ranking, when ranked")

"""Builders of scored-candidate results for the store tests."""

from __future__ import annotations

from screening.parsing.model import PARSER_VERSION, ParsedResume
from screening.schema import (
    LABEL_NAMES,
    CandidateResult,
    ErrorOut,
    EvidenceItem,
    Fit,
    FitComponent,
    LabelScore,
    MustHave,
    SkillEvidence,
    SpanRef,
    Versions,
)

VERSIONS = Versions(
    background="screening-background/3", aha="screening-aha/2", parser=PARSER_VERSION, taxonomy="2026.11"
)


def scored_result(
    parsed: ParsedResume, *, rank: int, fit_score: float, file: str | None = None
) -> CandidateResult:
    """A scored result over ``parsed`` with evidence quoted from its text."""
    word = "Solidity"
    start = parsed.text.index(word)
    span = SpanRef(text=word, start=start, end=start + len(word), page=parsed.page_of(start))
    evidence = EvidenceItem(
        text=span.text, start=span.start, end=span.end, page=span.page, weight=0.8, feature="ngram:solidity"
    )
    labels = {
        name: LabelScore(probability=0.7, predicted=True, threshold=0.5, evidence=[evidence])
        for name in LABEL_NAMES
    }
    fit = Fit(
        role="smart-contract-engineer",
        score=fit_score,
        components=[FitComponent(name="labels", weight=1.0, value=fit_score, contribution=fit_score)],
        must_have=MustHave(met=[SkillEvidence(skill="Solidity", evidence=[span])], missing=["Rust"]),
    )
    return CandidateResult(
        file=file or parsed.file,
        sha256=parsed.sha256,
        status="scored",
        labels=labels,
        fit=fit,
        versions=VERSIONS,
        rank=rank,
    )


def failed_result(sha256: str, file: str = "broken.pdf") -> CandidateResult:
    """A file that could not be parsed (its sha256 is not in the parse cache)."""
    return CandidateResult(
        file=file,
        sha256=sha256,
        status="error",
        error=ErrorOut(code="encrypted", message="the PDF is encrypted"),
    )

"""Rows of scores or decisions -> one outcome per candidate -> the audit report.

The two bases of an audit:

* :func:`audit_scores`: the *scoring rate*, the share of a group scored strictly above the
  median of every scored candidate (rows without a score are left out and counted as
  excluded).
* :func:`audit_decisions`: the *selection rate*, advanced / assessed, where assessed
  candidates are those with a recorded decision and the latest decision counts.
"""

from __future__ import annotations

from collections.abc import Sequence

from screening.audit.inputs import SELECTED_DECISION, DecisionRow, ScoredRow, current_decisions, score_name
from screening.audit.stats import (
    DEFAULT_CATEGORIES,
    AuditReport,
    Demographics,
    Outcome,
    audit,
    score_outcomes,
)


def audit_scores(
    rows: Sequence[ScoredRow],
    demographics: Demographics,
    *,
    label: str | None = None,
    source: str = "",
    categories: Sequence[str] | None = None,
    intersection: tuple[str, str] | None = DEFAULT_CATEGORIES,
) -> AuditReport:
    """The scoring-rate audit of ``rows`` (the fit score, or ``label``'s probability).

    Raises:
        AuditError: see :func:`screening.audit.stats.audit`.
    """
    scored = [(r.keys, r.score) for r in rows if r.score is not None]
    outcomes, median = score_outcomes(scored) if scored else ([], None)
    return audit(
        outcomes,
        demographics,
        basis="scores",
        score=score_name(label),
        median=median,
        categories=categories,
        intersection=intersection,
        excluded=len(rows) - len(scored),
        versions=[v for r in rows if r.score is not None for v in r.versions],
        source=source,
    )


def audit_decisions(
    rows: Sequence[DecisionRow],
    demographics: Demographics,
    *,
    source: str = "",
    categories: Sequence[str] | None = None,
    intersection: tuple[str, str] | None = DEFAULT_CATEGORIES,
    versions: Sequence[str] = (),
) -> AuditReport:
    """The selection-rate audit of recorded decisions (the latest per candidate counts).

    Raises:
        AuditError: see :func:`screening.audit.stats.audit`.
    """
    current = current_decisions(list(rows))
    outcomes = [Outcome(r.keys, r.decision == SELECTED_DECISION) for r in current]
    return audit(
        outcomes,
        demographics,
        basis="decisions",
        categories=categories,
        intersection=intersection,
        versions=versions,
        source=source,
    )

"""The service's stored screenings and decisions as audit rows.

Which candidates: those of screenings matching every filter given: the role (``role``),
one screening (``screening_id``), and the screening's creation time (``since`` inclusive,
``until`` exclusive). One row per stored candidate: a résumé uploaded in two screenings is
two assessments. Rows are known by the candidate id and the résumé's SHA-256, so the
demographics may use either.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, Literal, TypeVar

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from screening.audit.inputs import DecisionRow, ScoredRow, score_name
from screening.audit.outcomes import audit_decisions, audit_scores
from screening.audit.stats import AuditError, AuditReport, Demographics
from screening.store.tables import Candidate, Decision, Screening

_Q = TypeVar("_Q", bound=Select[*tuple[Any, ...]])


@dataclass(frozen=True, slots=True)
class StoredFilter:
    """Which stored screenings an audit covers (None: no filter)."""

    role: str | None = None
    screening_id: str | None = None
    since: datetime | None = None
    until: datetime | None = None

    def describe(self) -> str:
        """The filter in words, for the report's ``source``."""
        parts = [
            f"role {self.role}" if self.role else None,
            f"screening {self.screening_id}" if self.screening_id else None,
            f"since {self.since.isoformat()}" if self.since else None,
            f"until {self.until.isoformat()}" if self.until else None,
        ]
        chosen = ", ".join(p for p in parts if p)
        return f"stored screenings ({chosen or 'all'})"


def parse_time(value: str, *, end: bool = False) -> datetime:
    """An ISO 8601 date or time as a UTC-aware time. A bare date is its midnight, or, as an
    end (``end=True``), the next day's midnight, so ``--until 2026-03-31`` includes that day.

    Raises:
        AuditError: ``invalid_request``: not an ISO date or time.
    """
    text = value.strip()
    try:
        if len(text) == 10:
            day = date.fromisoformat(text)
            moment = datetime.combine(day + timedelta(days=1) if end else day, time(), tzinfo=UTC)
        else:
            moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
        return moment.astimezone(UTC) if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    except (ValueError, OverflowError):  # not a time, or out of range once in UTC (9999-12-31 as an end)
        raise AuditError(
            "invalid_request", f"not an ISO 8601 date or time in range: {value[:40]!r}"
        ) from None


def _filtered(query: _Q, where: StoredFilter) -> _Q:
    query = query.join(Screening, Candidate.screening_id == Screening.id)
    if where.role is not None:
        query = query.where(Screening.role_id == where.role)
    if where.screening_id is not None:
        query = query.where(Screening.id == where.screening_id)
    if where.since is not None:
        query = query.where(Screening.created_at >= where.since)
    if where.until is not None:
        query = query.where(Screening.created_at < where.until)
    return query


def _keys(candidate: Candidate) -> tuple[str, ...]:
    return tuple(k for k in (candidate.id, candidate.sha256) if k)


def _versions(candidate: Candidate) -> tuple[str, ...]:
    versions = candidate.versions or {}
    return tuple(str(versions[k]) for k in ("background", "aha") if versions.get(k))


def stored_scores(session: Session, where: StoredFilter, *, label: str | None = None) -> list[ScoredRow]:
    """One row per stored candidate: its fit score (or ``label``'s probability); None when it
    was not scored (needs review, error).

    Raises:
        AuditError: ``unknown_label``.
    """
    score_name(label)
    query = _filtered(select(Candidate), where).order_by(Candidate.created_at, Candidate.id)
    rows: list[ScoredRow] = []
    for candidate in session.scalars(query):
        score: float | None = None
        if candidate.status == "scored":
            if label is None:
                score = candidate.fit_score
            else:
                entry = (candidate.result_json.get("labels") or {}).get(label) or {}
                value = entry.get("probability")
                score = float(value) if isinstance(value, int | float) else None
        rows.append(ScoredRow(_keys(candidate), score, _versions(candidate)))
    return rows


def stored_decisions(session: Session, where: StoredFilter) -> tuple[list[DecisionRow], list[str]]:
    """Every recorded decision on the stored candidates, oldest first, and the model versions
    the decided candidates were scored with."""
    query = _filtered(
        select(Decision, Candidate).join(Candidate, Decision.candidate_id == Candidate.id), where
    ).order_by(Decision.created_at, Decision.id)
    rows: list[DecisionRow] = []
    versions: set[str] = set()
    for decision, candidate in session.execute(query):
        rows.append(DecisionRow(_keys(candidate), decision.decision, decision.created_at))
        versions.update(_versions(candidate))
    return rows, sorted(versions)


def screening_exists(session: Session, screening_id: str) -> bool:
    """Whether a screening with this id is stored."""
    return session.get(Screening, screening_id) is not None


@dataclass(frozen=True, slots=True)
class StoredAudit:
    """What an audit of the stored screenings asks for (the API's and the web UI's parameters)."""

    role: str | None = None
    screening: str | None = None
    since: str | None = None
    until: str | None = None
    basis: Literal["decisions", "scores"] = "decisions"
    label: str | None = None


def audit_stored(
    session: Session, demographics: Demographics, params: StoredAudit, roles: Collection[str]
) -> AuditReport:
    """The bias audit of the stored screenings matching ``params``.

    Raises:
        AuditError: ``unknown_role`` (not in ``roles``), ``invalid_request`` (a bad time, or a
            label with ``basis="decisions"``), ``not_found`` (an unknown screening), and the
            codes of :func:`screening.audit.stats.audit`.
    """
    if params.role is not None and params.role not in roles:
        raise AuditError("unknown_role", f"unknown role {params.role!r}; see GET /v1/roles")
    if params.label is not None and params.basis != "scores":
        raise AuditError("invalid_request", "label applies to basis=scores")
    where = StoredFilter(
        role=params.role,
        screening_id=params.screening,
        since=parse_time(params.since) if params.since else None,
        until=parse_time(params.until, end=True) if params.until else None,
    )
    if params.screening is not None and not screening_exists(session, params.screening):
        raise AuditError("not_found", f"no screening {params.screening}")
    if params.basis == "scores":
        rows = stored_scores(session, where, label=params.label)
        return audit_scores(rows, demographics, label=params.label, source=where.describe())
    decisions, versions = stored_decisions(session, where)
    return audit_decisions(decisions, demographics, source=where.describe(), versions=versions)

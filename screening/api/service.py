"""The service layer of the API: screening uploads, decisions' override rule, explanations.

Routes parse the request and call these functions; these call the parser pool, the scorer,
the ranking and the store. Nothing here logs résumé text, file names or personal data: only
ids, counts, codes and versions.
"""

from __future__ import annotations

import hashlib
import logging
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from screening.parsing.isolation import ParserPool
from screening.parsing.model import ParsedResume, ParseFailure
from screening.ranking import RoleProfile, rank
from screening.schema import CandidateResult, ErrorOut
from screening.scoring import Scorer
from screening.store import repo
from screening.store.tables import Candidate, Screening

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class UploadedFile:
    """One file of an upload: its (client-given) name and bytes."""

    name: str | None
    data: bytes


def safe_file_name(name: str | None) -> str | None:
    """The last component of a client-given file name (never a path), at most 200 characters."""
    if not name:
        return None
    base = PurePath(name.replace("\\", "/")).name
    return base[:200] or None


def _score(scorer: Scorer, outcome: ParsedResume | ParseFailure, role: RoleProfile) -> CandidateResult:
    try:
        return scorer.score(outcome, role)
    except Exception as exc:  # a bad file must become an error row, never a 500
        logger.exception("scoring failed", extra={"error_type": type(exc).__name__})
        return CandidateResult(
            file=outcome.file,
            sha256=outcome.sha256,
            status="error",
            error=ErrorOut(code="scoring_failed", message="the résumé could not be scored"),
            versions=scorer.versions,
        )


def parse_uploads(
    session: Session, pool: ParserPool, files: Sequence[UploadedFile]
) -> list[ParsedResume | ParseFailure]:
    """Each file's parse, from the parse cache (by SHA-256) or from the worker pool, in order.

    Ends the session's read transaction before parsing, so no transaction stays open while
    the (slow) parser runs.
    """
    hashes = [hashlib.sha256(f.data).hexdigest() for f in files]
    cached: dict[str, ParsedResume] = {}
    for sha in dict.fromkeys(hashes):
        hit = repo.get_parsed(session, sha)
        if hit is not None:
            cached[sha] = hit
    session.commit()
    todo = [(i, f) for i, (f, sha) in enumerate(zip(files, hashes, strict=True)) if sha not in cached]
    parsed = pool.parse_many((f.name or "", f.data) for _, f in todo)
    fresh = {i: outcome for (i, _), outcome in zip(todo, parsed, strict=True)}
    outcomes: list[ParsedResume | ParseFailure] = []
    for i, (f, sha) in enumerate(zip(files, hashes, strict=True)):
        if i in fresh:
            outcome = fresh[i]
            outcomes.append(outcome.model_copy(update={"file": f.name}))
        else:
            outcomes.append(cached[sha].model_copy(update={"file": f.name}))
    logger.info(
        "parsed upload",
        extra={"files": len(files), "cache_hits": len(files) - len(todo)},
    )
    return outcomes


def create_screening(
    session: Session,
    *,
    pool: ParserPool,
    scorer: Scorer,
    role: RoleProfile,
    files: Sequence[UploadedFile],
    actor: str,
    store_pdfs: bool,
) -> tuple[Screening, list[Candidate]]:
    """Parse, score, rank and store an upload for ``role``, and commit.

    Returns:
        The screening (status ``ranked``) and its candidates, best rank first.
    """
    outcomes = parse_uploads(session, pool, files)
    results = rank([_score(scorer, outcome, role) for outcome in outcomes])
    data_of = {hashlib.sha256(f.data).hexdigest(): f.data for f in files}
    for outcome in outcomes:
        if isinstance(outcome, ParsedResume):
            repo.put_parsed(session, outcome, data_of.get(outcome.sha256), store_pdfs=store_pdfs, actor=actor)
    screening = repo.create_screening(session, role.id, actor=actor, status="processing")
    candidates = repo.add_candidates(session, screening, results, actor=actor)
    repo.set_screening_status(session, screening.id, "ranked", actor=actor)
    session.commit()
    counts: dict[str, int] = {}
    for result in results:
        counts[result.status] = counts.get(result.status, 0) + 1
    logger.info("screening created", extra={"screening_id": screening.id, "role": role.id, **counts})
    return screening, candidates


# --- decisions ---------------------------------------------------------------------------------


def ranked_count(session: Session, screening_id: str) -> int:
    """How many candidates of a screening have a rank (were scored)."""
    query = (
        select(func.count())
        .select_from(Candidate)
        .where(Candidate.screening_id == screening_id, Candidate.rank.is_not(None))
    )
    return int(session.scalar(query) or 0)


def in_top_half(rank_: int, ranked: int) -> bool:
    """Whether rank ``rank_`` (1-based) of ``ranked`` is in the top half: ``rank <= ceil(n / 2)``
    (the middle candidate of an odd count counts as top)."""
    return rank_ <= math.ceil(ranked / 2)


def is_override(decision: str, rank_: int | None, ranked: int) -> bool:
    """Whether a decision goes against the ranking's recommendation.

    The ranking recommends the top half (``rank <= ceil(n/2)`` of the ``n`` ranked
    candidates) and advises against the bottom half. ``advance`` of a bottom-half candidate and
    ``reject`` of a top-half candidate are overrides; ``hold`` never is. Unranked candidates
    (``needs_review``/``error``) carry no recommendation, so no decision on them is an override.
    """
    if rank_ is None or ranked < 1 or decision == "hold":
        return False
    top = in_top_half(rank_, ranked)
    return (decision == "advance" and not top) or (decision == "reject" and top)


# --- explanations ----------------------------------------------------------------------------

HOW_TO_CONTEST = (
    "This assessment is advice to a recruiter; a person makes every decision and records why. "
    "To contest it, ask the recruiter or the hiring team to review the decision, quoting the "
    "screening and candidate ids above: a reviewer re-reads the résumé, can record a new "
    "decision and correct any label, and every change is kept in the audit log."
)
ASSESSED = (
    "The text of the résumé only, with names, contact details and other personal attributes "
    "removed before scoring: which backgrounds it shows (traditional finance, Web2, Web3), the "
    "evidence it holds of being adaptable, high-potential and ambitious, and the role's "
    "must-have and nice-to-have skills. Age, gender, nationality, photos and career gaps are "
    "not assessed."
)
TOP_EVIDENCE = 3


def explanation(candidate: Candidate, result: CandidateResult, role_title: str | None) -> dict[str, Any]:
    """A reader's explanation of one candidate's result (no file name, no personal data beyond the
    résumé passages quoted as evidence, which never overlap detected personal data)."""
    labels = {
        name: {
            "probability": score.probability,
            "predicted": score.predicted,
            "threshold": score.threshold,
            "evidence": [
                {"text": e.text, "page": e.page, "weight": e.weight} for e in score.evidence[:TOP_EVIDENCE]
            ],
        }
        for name, score in result.labels.items()
    }
    fit = result.fit
    return {
        "screening_id": candidate.screening_id,
        "candidate_id": candidate.id,
        "role": {"id": candidate.screening.role_id, "title": role_title},
        "status": result.status,
        "rank": result.rank,
        "assessed": ASSESSED,
        "fit": None
        if fit is None
        else {
            "score": fit.score,
            "components": [c.model_dump() for c in fit.components],
            "must_have_met": [s.skill for s in fit.must_have.met],
            "must_have_missing": list(fit.must_have.missing),
            "nice_to_have_met": [s.skill for s in fit.nice_to_have.met] if fit.nice_to_have else [],
        },
        "labels": labels,
        "not_scored_because": result.error.message if result.error is not None else None,
        "model_versions": result.versions.model_dump() if result.versions is not None else None,
        "advice_only": True,
        "how_to_contest": HOW_TO_CONTEST,
    }

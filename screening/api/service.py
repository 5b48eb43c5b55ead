"""The service layer of the API: screening uploads, decisions' override rule, idempotent
writes, explanations.

Routes parse the request and call these functions; these call the parser pool, the scorer,
the ranking and the store. Nothing here logs résumé text, file names or personal data: only
ids, counts, codes and versions.
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any, BinaryIO, TypeVar

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from screening.api.errors import ApiError
from screening.parsing.isolation import ParserPool
from screening.parsing.model import ParsedResume, ParseFailure
from screening.ranking import RoleProfile, rank
from screening.schema import CandidateResult, ErrorOut
from screening.scoring import Scorer
from screening.store import repo
from screening.store.tables import Candidate, Decision, LabelCorrection, Screening, new_id

logger = logging.getLogger(__name__)

_Row = TypeVar("_Row", Decision, LabelCorrection)


@dataclass(frozen=True)
class UploadedFile:
    """One file of an upload: its (client-given) name and bytes."""

    name: str | None
    data: bytes


def safe_file_name(name: str | None) -> str | None:
    """The last component of a client-given file name, at most 200 characters, without control,
    format or separator characters (NUL, ANSI escapes, bidirectional overrides, line breaks),
    and never ``.`` or ``..``: a label to show, never a path. None when nothing is left."""
    if not name:
        return None
    printable = "".join(c for c in name if c.isprintable())
    base = PurePath(printable.replace("\\", "/")).name.strip()
    if base in ("", ".", ".."):
        return None
    return base[:200]


def read_upload(name: str | None, stream: BinaryIO, max_bytes: int) -> UploadedFile:
    """One uploaded file, read up to one byte past ``max_bytes`` (never more: a larger file is
    refused by the parser pool as ``too_large``, or as ``not_pdf`` when it is no PDF), under a
    safe name."""
    return UploadedFile(safe_file_name(name), stream.read(max_bytes + 1))


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

    Raises:
        ApiError: 415 ``unsupported_media_type`` when no file is a PDF (nothing is stored).
            A PDF that cannot be read beside others is kept as a candidate with its error.
    """
    outcomes = parse_uploads(session, pool, files)
    if outcomes and all(isinstance(o, ParseFailure) and o.error.code == "not_pdf" for o in outcomes):
        raise ApiError(415, "unsupported_media_type", "none of the uploaded files is a PDF")
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


# --- idempotent writes -------------------------------------------------------------------------


def decide(
    session: Session,
    candidate: Candidate,
    decision: str,
    reason: str,
    *,
    reviewer: str,
    decision_id: str | None = None,
) -> Decision:
    """Record a reviewer's decision on ``candidate`` (not committed), with ``override`` set by
    :func:`is_override` against the candidate's screening. The API and the web UI both use it."""
    override = is_override(decision, candidate.rank, ranked_count(session, candidate.screening_id))
    return repo.record_decision(
        session, candidate.id, decision, reason, reviewer=reviewer, override=override, decision_id=decision_id
    )


def request_digest(operation: str, **fields: Any) -> str:
    """SHA-256 of a write request: its operation and its JSON-able fields (path ids, the
    validated body), canonically serialised. Two requests with equal digests ask for the same
    write."""
    canonical = json.dumps(
        {"operation": operation, **fields}, sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def idempotent_write(
    session: Session,
    *,
    api_key_id: str,
    key: str | None,
    digest: str,
    target: str,
    write: Callable[[str], _Row],
    load: Callable[[str], _Row | None],
) -> tuple[_Row, bool]:
    """Run a write once per ``Idempotency-Key``, and commit.

    Without a key, ``write`` runs. With a new key, the key (with ``digest`` and the id of the
    row about to be written) and the write are stored in one transaction: a crash keeps both
    or neither. With a key already stored for this API key, nothing is written: the stored row
    is loaded and returned, if the request is the same one (same ``digest`` and ``target``).

    Args:
        api_key_id: the caller (keys are unique per API key).
        key: the ``Idempotency-Key`` header, or ``None``.
        digest: :func:`request_digest` of the request.
        target: what ``write`` stores (``decision``, ``label_correction``).
        write: stores the row with the id it is given, in ``session`` (without committing).
        load: the stored row of an id.

    Returns:
        The row, and whether it is a replay (stored by an earlier request with this key).

    Raises:
        ApiError: 422 ``idempotency_key_reused`` (the key came with another request), 409
            ``idempotency_key_in_use`` (a concurrent request with the key failed meanwhile:
            retry); whatever ``write`` raises (nothing is stored then, the key included).
    """
    if key is None:
        row = write(new_id())
        session.commit()
        return row, False
    stored = repo.find_idempotency_key(session, api_key_id, key)
    if stored is None:
        row_id = new_id()
        try:
            # The key first: a concurrent request with the same key fails here, before it
            # writes anything (on PostgreSQL this insert waits until the other one commits).
            repo.save_idempotency_key(
                session, api_key_id, key, request_sha256=digest, target=target, target_id=row_id
            )
        except IntegrityError:
            session.rollback()
            logger.info("idempotency key stored concurrently", extra={"target": target})
            stored = repo.find_idempotency_key(session, api_key_id, key)
            if stored is None:
                raise ApiError(
                    409, "idempotency_key_in_use", "a request with this Idempotency-Key is in progress"
                ) from None
        else:
            row = write(row_id)
            session.commit()
            return row, False
    if stored.request_sha256 != digest or stored.target != target:
        raise ApiError(
            422,
            "idempotency_key_reused",
            "this Idempotency-Key was sent with another request; use a new key for a new request",
        )
    replayed = load(stored.target_id)
    session.commit()
    if replayed is None:  # pragma: no cover - decisions and corrections are never deleted
        raise RuntimeError("an idempotency key names a row that does not exist")
    logger.info("idempotent replay", extra={"target": target, "target_id": stored.target_id})
    return replayed, True


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

"""Reading and writing the store: plain functions taking a :class:`~sqlalchemy.orm.Session`.

Transactions belong to the caller: functions add and flush (so ids exist and constraint
errors surface at the call) but never commit. Every write function appends its own audit
event to the same session, so the change and its audit record commit together or not at
all::

    with factory.begin() as session:        # commits on success, rolls back on error
        screening = repo.create_screening(session, "risk-analyst", actor=key.id)
        repo.add_candidates(session, screening, results, actor=key.id)

Authorisation (which role may call what) is the API's; these functions check only what
keeps the data consistent. Errors: :class:`NotFoundError` (an id that does not exist) and
:class:`InvalidValueError` (a value the store refuses), both :class:`StoreError`.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import secrets
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import Select, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from screening.lexicons import FAMILIES
from screening.parsing.model import PARSER_VERSION, ParsedResume
from screening.schema import LABEL_NAMES, CandidateResult
from screening.store.tables import (
    DECISIONS,
    IDEMPOTENT_TARGETS,
    ROLES,
    SCREENING_STATUSES,
    ApiKey,
    AuditEvent,
    Candidate,
    Decision,
    IdempotencyKey,
    LabelCorrection,
    ParsedDocument,
    Screening,
    new_id,
    utcnow,
)

logger = logging.getLogger(__name__)

#: The actor of events no API key caused (start-up, batch jobs).
SYSTEM_ACTOR = "system"
#: Generated secrets start with this, so a leaked key is recognisable (secret scanners).
KEY_PREFIX = "aha_"
#: Shortest accepted configured admin token: keys are hashed with a fast hash, which is safe
#: only for high-entropy secrets (see :class:`~screening.store.tables.ApiKey`).
MIN_TOKEN_LENGTH = 32
#: Characters of a secret kept in clear for display (``aha_`` + 8).
DISPLAY_PREFIX_LENGTH = 12
MAX_PAGE = 500
AHA_LABELS: tuple[str, ...] = ("adaptable", "high_potential", "ambitious")

_Q = TypeVar("_Q", bound=Select[Any])


class StoreError(Exception):
    """Base of the store's domain errors."""


class NotFoundError(StoreError, LookupError):
    """A screening, candidate or key id that does not exist."""


class InvalidValueError(StoreError, ValueError):
    """A value the store refuses (unknown role, decision or label; empty reason…)."""


# --- audit ----------------------------------------------------------------------------------


def audit(
    session: Session,
    actor: str,
    action: str,
    *,
    screening_id: str | None = None,
    candidate_id: str | None = None,
    sha256: str | None = None,
    model_versions: dict[str, str] | None = None,
    parser_version: str | None = None,
    details: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one event to the audit log (in the caller's transaction).

    Args:
        session: the session of the change being audited.
        actor: the API key id that acted, or :data:`SYSTEM_ACTOR`.
        action: what happened, ``<object>.<verb>`` (``decision.recorded``…).
        screening_id, candidate_id, sha256: what it concerned (the input file's SHA-256).
        model_versions: registered model versions involved (``{"background": ..., "aha": ...}``).
        parser_version: the parser version involved.
        details: JSON-serialisable facts about the event. Never résumé text.

    Returns:
        The event (flushed: its ``id`` is set).
    """
    event = AuditEvent(
        at=utcnow(),
        actor=actor,
        action=action,
        screening_id=screening_id,
        candidate_id=candidate_id,
        sha256=sha256,
        model_versions=model_versions,
        parser_version=parser_version,
        details=details or {},
    )
    session.add(event)
    session.flush()
    return event


def list_audit(
    session: Session,
    *,
    screening_id: str | None = None,
    candidate_id: str | None = None,
    actor: str | None = None,
    action: str | None = None,
    since: datetime | None = None,
    after_id: int | None = None,
    limit: int = 100,
    offset: int = 0,
) -> list[AuditEvent]:
    """Audit events, oldest first, filtered by any of the arguments.

    ``after_id`` pages by cursor (events with a larger id), ``limit``/``offset`` by position;
    ``limit`` is capped at :data:`MAX_PAGE`.
    """
    query = select(AuditEvent)
    if screening_id is not None:
        query = query.where(AuditEvent.screening_id == screening_id)
    if candidate_id is not None:
        query = query.where(AuditEvent.candidate_id == candidate_id)
    if actor is not None:
        query = query.where(AuditEvent.actor == actor)
    if action is not None:
        query = query.where(AuditEvent.action == action)
    if since is not None:
        query = query.where(AuditEvent.at >= since)
    if after_id is not None:
        query = query.where(AuditEvent.id > after_id)
    query = _page(query.order_by(AuditEvent.id), limit, offset)
    return list(session.scalars(query))


# --- API keys -------------------------------------------------------------------------------


def hash_secret(secret: str) -> str:
    """The stored form of an API secret: SHA-256, hex (why a fast hash: see ``ApiKey``)."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def _check_role(role: str) -> None:
    if role not in ROLES:
        raise InvalidValueError(f"unknown role {role!r} (expected one of {', '.join(ROLES)})")


def create_api_key(
    session: Session, role: str, name: str, *, actor: str = SYSTEM_ACTOR
) -> tuple[ApiKey, str]:
    """Create an API key with a new random secret.

    Args:
        role: ``recruiter``, ``auditor`` or ``admin``.
        name: who or what holds it (shown in lists and audits).
        actor: who created it.

    Returns:
        The key and its secret. The secret is not stored: show it once, it cannot be recovered.

    Raises:
        InvalidValueError: unknown role or empty name.
    """
    _check_role(role)
    if not name.strip():
        raise InvalidValueError("a key needs a name")
    secret = KEY_PREFIX + secrets.token_urlsafe(32)
    key = _add_key(session, role, name.strip(), secret, actor=actor, source="generated")
    return key, secret


def _add_key(session: Session, role: str, name: str, secret: str, *, actor: str, source: str) -> ApiKey:
    key = ApiKey(
        name=name,
        role=role,
        key_hash=hash_secret(secret),
        prefix=secret[:DISPLAY_PREFIX_LENGTH],
        created_at=utcnow(),
    )
    session.add(key)
    session.flush()
    audit(session, actor, "api_key.created", details={"key_id": key.id, "role": role, "source": source})
    return key


def authenticate(session: Session, secret: str) -> ApiKey | None:
    """The active key whose secret is ``secret``, or ``None`` (unknown or revoked)."""
    if not secret:
        return None
    digest = hash_secret(secret)
    key = session.scalars(select(ApiKey).where(ApiKey.key_hash == digest)).one_or_none()
    if key is None or not hmac.compare_digest(key.key_hash, digest) or not key.active:
        return None
    return key


def revoke_api_key(session: Session, key_id: str, *, actor: str) -> ApiKey:
    """Revoke a key (for good: a revoked key never authenticates again).

    Raises:
        NotFoundError: no key has this id.
    """
    key = session.get(ApiKey, key_id)
    if key is None:
        raise NotFoundError(f"no API key {key_id}")
    if key.revoked_at is None:
        key.revoked_at = utcnow()
        session.flush()
        audit(session, actor, "api_key.revoked", details={"key_id": key.id, "role": key.role})
    return key


def list_api_keys(session: Session, *, include_revoked: bool = True) -> list[ApiKey]:
    """Every API key, oldest first."""
    query = select(ApiKey).order_by(ApiKey.created_at, ApiKey.id)
    if not include_revoked:
        query = query.where(ApiKey.revoked_at.is_(None))
    return list(session.scalars(query))


def ensure_admin_token(session: Session, token: str, *, name: str = "admin token (configured)") -> ApiKey:
    """Make sure an active admin key with secret ``token`` exists (``SCREENING_ADMIN_TOKEN``).

    Idempotent: run at every start; the key is created once.

    Raises:
        InvalidValueError: the token is shorter than :data:`MIN_TOKEN_LENGTH`, belongs to a
            non-admin key, or to a revoked key (a revoked token is never brought back:
            configure a new one).
    """
    if len(token) < MIN_TOKEN_LENGTH:
        raise InvalidValueError(f"the admin token must be at least {MIN_TOKEN_LENGTH} characters")
    digest = hash_secret(token)
    key = session.scalars(select(ApiKey).where(ApiKey.key_hash == digest)).one_or_none()
    if key is None:
        return _add_key(session, "admin", name, token, actor=SYSTEM_ACTOR, source="admin_token")
    if key.role != "admin":
        raise InvalidValueError("the admin token is the secret of a non-admin key")
    if not key.active:
        raise InvalidValueError("the admin token was revoked: configure a new one")
    return key


# --- the parse cache ------------------------------------------------------------------------


def get_parsed(session: Session, sha256: str, parser_version: str = PARSER_VERSION) -> ParsedResume | None:
    """The cached parse of the file with this SHA-256, if made by ``parser_version``.

    The cache is by content, so ``file`` is the name the file had when first parsed: replace
    it (``parsed.model_copy(update={"file": name})``) for a new upload.
    """
    doc = session.get(ParsedDocument, sha256)
    if doc is None or doc.parser_version != parser_version:
        return None
    return ParsedResume.model_validate_json(doc.parsed_json)


def get_pdf(session: Session, sha256: str) -> bytes | None:
    """The stored PDF bytes of a parsed file (``None`` unless PDFs are stored)."""
    doc = session.get(ParsedDocument, sha256)
    return doc.pdf if doc is not None else None


def put_parsed(
    session: Session,
    parsed: ParsedResume,
    pdf: bytes | None = None,
    *,
    store_pdfs: bool = False,
    actor: str = SYSTEM_ACTOR,
) -> ParsedDocument:
    """Cache a parsed résumé by its SHA-256 (and its PDF bytes, only if ``store_pdfs``).

    Idempotent for the same parser version; a parse by another parser version replaces the
    cached one. Safe against a concurrent insert of the same file (the other one wins).

    Args:
        parsed: the parse result; ``parsed.sha256`` is the key.
        pdf: the file's bytes; kept only when ``store_pdfs`` is true.
        store_pdfs: the deployment's setting (PDFs hold personal data: off by default).
        actor: who uploaded the file.

    Raises:
        InvalidValueError: ``pdf`` is given and its SHA-256 is not ``parsed.sha256``.
    """
    if pdf is not None and hashlib.sha256(pdf).hexdigest() != parsed.sha256:
        raise InvalidValueError("the PDF bytes do not match the parsed résumé's sha256")
    keep = pdf if store_pdfs else None
    payload = parsed.model_dump_json()
    doc = session.get(ParsedDocument, parsed.sha256)
    if doc is not None:
        changed = doc.parser_version != parsed.parser_version
        if changed:
            doc.parser_version = parsed.parser_version
            doc.parsed_json = payload
        if keep is not None and doc.pdf is None:
            doc.pdf = keep
            changed = True
        if changed:
            session.flush()
            audit(
                session,
                actor,
                "document.reparsed",
                sha256=parsed.sha256,
                parser_version=parsed.parser_version,
                details={"pdf_stored": doc.pdf is not None},
            )
        return doc
    doc = ParsedDocument(
        sha256=parsed.sha256,
        parser_version=parsed.parser_version,
        parsed_json=payload,
        pdf=keep,
        created_at=utcnow(),
    )
    try:
        with session.begin_nested():
            session.add(doc)
    except IntegrityError:
        # Another request cached the same file meanwhile: theirs is as good as ours.
        existing = session.get(ParsedDocument, parsed.sha256)
        if existing is None:
            raise
        return existing
    audit(
        session,
        actor,
        "document.parsed",
        sha256=parsed.sha256,
        parser_version=parsed.parser_version,
        details={"quality": parsed.quality, "pages": len(parsed.pages), "pdf_stored": keep is not None},
    )
    return doc


# --- screenings and candidates --------------------------------------------------------------


def _check_status(status: str) -> None:
    if status not in SCREENING_STATUSES:
        raise InvalidValueError(
            f"unknown status {status!r} (expected one of {', '.join(SCREENING_STATUSES)})"
        )


def create_screening(session: Session, role_id: str, *, actor: str, status: str = "pending") -> Screening:
    """Start a screening for a role.

    Args:
        role_id: the role profile's id (``data/roles/<id>.yaml``).
        actor: the API key creating it (``created_by``), or :data:`SYSTEM_ACTOR`.
        status: ``pending``, ``processing``, ``ranked`` or ``failed``.
    """
    _check_status(status)
    screening = Screening(
        role_id=role_id,
        created_by=None if actor == SYSTEM_ACTOR else actor,
        created_at=utcnow(),
        status=status,
    )
    session.add(screening)
    session.flush()
    audit(session, actor, "screening.created", screening_id=screening.id, details={"role_id": role_id})
    return screening


def set_screening_status(session: Session, screening_id: str, status: str, *, actor: str) -> Screening:
    """Move a screening to ``status``.

    Raises:
        NotFoundError: no such screening.
        InvalidValueError: unknown status.
    """
    _check_status(status)
    screening = session.get(Screening, screening_id)
    if screening is None:
        raise NotFoundError(f"no screening {screening_id}")
    previous = screening.status
    screening.status = status
    session.flush()
    audit(
        session,
        actor,
        "screening.status",
        screening_id=screening.id,
        details={"from": previous, "to": status},
    )
    return screening


def _model_versions(versions: dict[str, Any] | None) -> dict[str, str] | None:
    if not versions:
        return None
    return {k: str(versions[k]) for k in ("background", "aha", "taxonomy") if k in versions}


def add_candidates(
    session: Session, screening: Screening, results: Sequence[CandidateResult], *, actor: str
) -> list[Candidate]:
    """Store scored (or failed) résumés in a screening, one audit event each.

    Rank and fit score are copied to columns for ordering; the whole result, evidence
    included, is kept as JSON (:func:`candidate_result` reads it back). A result whose file
    is in the parse cache is linked to it (``Candidate.document``).

    Returns:
        The candidates, in the order of ``results``.
    """
    hashes = {r.sha256 for r in results if r.sha256}
    cached = set(
        session.scalars(select(ParsedDocument.sha256).where(ParsedDocument.sha256.in_(hashes)))
        if hashes
        else []
    )
    candidates = []
    for result in results:
        versions = result.versions.model_dump() if result.versions is not None else None
        candidate = Candidate(
            screening_id=screening.id,
            sha256=result.sha256,
            document_sha256=result.sha256 if result.sha256 in cached else None,
            file_name=result.file,
            status=result.status,
            result_json=result.model_dump(mode="json"),
            fit_score=result.fit.score if result.fit is not None else None,
            rank=result.rank,
            versions=versions,
            created_at=utcnow(),
        )
        session.add(candidate)
        candidates.append(candidate)
    session.flush()
    for candidate, result in zip(candidates, results, strict=True):
        audit(
            session,
            actor,
            "candidate.added",
            screening_id=screening.id,
            candidate_id=candidate.id,
            sha256=result.sha256,
            model_versions=_model_versions(candidate.versions),
            parser_version=result.versions.parser if result.versions is not None else None,
            details={
                "status": result.status,
                "rank": result.rank,
                "fit_score": candidate.fit_score,
                "role_id": screening.role_id,
                "error": result.error.code if result.error is not None else None,
            },
        )
    return candidates


def _page(query: _Q, limit: int, offset: int) -> _Q:
    if limit < 1 or offset < 0:
        raise InvalidValueError("limit must be positive and offset not negative")
    return query.limit(min(limit, MAX_PAGE)).offset(offset)


def list_screenings(
    session: Session, *, limit: int = 50, offset: int = 0, created_by: str | None = None
) -> list[Screening]:
    """Screenings, newest first (``limit`` capped at :data:`MAX_PAGE`); candidates not loaded."""
    query = select(Screening).order_by(Screening.created_at.desc(), Screening.id.desc())
    if created_by is not None:
        query = query.where(Screening.created_by == created_by)
    return list(session.scalars(_page(query, limit, offset)))


def get_screening(session: Session, screening_id: str) -> Screening | None:
    """A screening with its candidates loaded (best rank first, unranked last)."""
    query = select(Screening).where(Screening.id == screening_id).options(selectinload(Screening.candidates))
    return session.scalars(query).one_or_none()


def get_candidate(session: Session, candidate_id: str) -> Candidate | None:
    """A candidate with its screening, parsed document, decisions and label corrections loaded."""
    query = (
        select(Candidate)
        .where(Candidate.id == candidate_id)
        .options(
            selectinload(Candidate.screening),
            selectinload(Candidate.document),
            selectinload(Candidate.decisions),
            selectinload(Candidate.label_corrections),
        )
    )
    return session.scalars(query).one_or_none()


def candidate_result(candidate: Candidate) -> CandidateResult:
    """The stored :class:`~screening.schema.CandidateResult` of a candidate."""
    return CandidateResult.model_validate(candidate.result_json)


def _require_candidate(session: Session, candidate_id: str) -> Candidate:
    candidate = session.get(Candidate, candidate_id)
    if candidate is None:
        raise NotFoundError(f"no candidate {candidate_id}")
    return candidate


def _require_reviewer(session: Session, reviewer: str) -> None:
    key = session.get(ApiKey, reviewer)
    if key is None or not key.active:
        raise InvalidValueError("the reviewer must be an active API key")


def _result_digest(result_json: dict[str, Any]) -> str:
    canonical = json.dumps(result_json, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


# --- decisions and label corrections --------------------------------------------------------


def record_decision(
    session: Session,
    candidate_id: str,
    decision: str,
    reason: str,
    *,
    reviewer: str,
    override: bool = False,
    decision_id: str | None = None,
) -> Decision:
    """Record a reviewer's decision on a candidate (decisions accumulate; the latest counts).

    The audit event carries the model and parser versions of the score and the SHA-256 of
    the stored result (the explanation the reviewer saw).

    Args:
        decision: ``advance``, ``hold`` or ``reject``.
        reason: why, in the reviewer's words (required).
        reviewer: the deciding API key's id.
        override: the decision goes against the ranking's recommendation.
        decision_id: the new row's id (a new UUID when omitted; given when an idempotency
            key must name the row before it is written).

    Raises:
        NotFoundError: no such candidate.
        InvalidValueError: unknown decision, empty reason, unknown or revoked reviewer.
    """
    if decision not in DECISIONS:
        raise InvalidValueError(f"unknown decision {decision!r} (expected one of {', '.join(DECISIONS)})")
    if not reason.strip():
        raise InvalidValueError("a decision needs a reason")
    candidate = _require_candidate(session, candidate_id)
    _require_reviewer(session, reviewer)
    row = Decision(
        id=decision_id or new_id(),
        candidate_id=candidate.id,
        decision=decision,
        reason=reason.strip(),
        reviewer=reviewer,
        override=override,
        created_at=utcnow(),
    )
    session.add(row)
    session.flush()
    versions = candidate.versions or {}
    audit(
        session,
        reviewer,
        "decision.recorded",
        screening_id=candidate.screening_id,
        candidate_id=candidate.id,
        sha256=candidate.sha256,
        model_versions=_model_versions(versions),
        parser_version=versions.get("parser"),
        details={
            "decision_id": row.id,
            "decision": decision,
            "reason": row.reason,
            "override": override,
            "rank": candidate.rank,
            "fit_score": candidate.fit_score,
            "result_sha256": _result_digest(candidate.result_json),
        },
    )
    return row


def add_label_correction(
    session: Session,
    candidate_id: str,
    label: str,
    value: int,
    *,
    reviewer: str,
    note: str | None = None,
    correction_id: str | None = None,
) -> LabelCorrection:
    """Record a reviewer's value (0 or 1) for one label of a candidate's résumé.

    Corrections accumulate; for export, the latest per résumé and label counts.
    ``correction_id`` is the new row's id (a new UUID when omitted).

    Raises:
        NotFoundError: no such candidate.
        InvalidValueError: unknown label, a value other than 0/1, unknown or revoked reviewer.
    """
    if label not in LABEL_NAMES:
        raise InvalidValueError(f"unknown label {label!r} (expected one of {', '.join(LABEL_NAMES)})")
    if type(value) is not int or value not in (0, 1):
        raise InvalidValueError("a label value is 0 or 1")
    candidate = _require_candidate(session, candidate_id)
    _require_reviewer(session, reviewer)
    row = LabelCorrection(
        id=correction_id or new_id(),
        candidate_id=candidate.id,
        label=label,
        value=value,
        note=note.strip() if note and note.strip() else None,
        reviewer=reviewer,
        created_at=utcnow(),
    )
    session.add(row)
    session.flush()
    versions = candidate.versions or {}
    predicted = candidate.result_json.get("labels", {}).get(label, {}).get("predicted")
    audit(
        session,
        reviewer,
        "label.corrected",
        screening_id=candidate.screening_id,
        candidate_id=candidate.id,
        sha256=candidate.sha256,
        model_versions=_model_versions(versions),
        parser_version=versions.get("parser"),
        details={"correction_id": row.id, "label": label, "value": value, "predicted": predicted},
    )
    return row


# --- idempotency keys ------------------------------------------------------------------------


def find_idempotency_key(session: Session, api_key_id: str, key: str) -> IdempotencyKey | None:
    """The stored ``Idempotency-Key`` ``key`` of the API key ``api_key_id``, if any."""
    return session.get(IdempotencyKey, (api_key_id, key))


def save_idempotency_key(
    session: Session, api_key_id: str, key: str, *, request_sha256: str, target: str, target_id: str
) -> IdempotencyKey:
    """Store an ``Idempotency-Key`` with the request it came with and the row it names, in the
    caller's transaction (the one writing that row). Not audited: the write it names is.

    Raises:
        sqlalchemy.exc.IntegrityError: the key is stored already (a concurrent request with
            the same key committed first; on PostgreSQL the insert waits for it).
        InvalidValueError: unknown target.
    """
    if target not in IDEMPOTENT_TARGETS:
        raise InvalidValueError(f"unknown idempotency target {target!r}")
    row = IdempotencyKey(
        api_key_id=api_key_id,
        key=key,
        request_sha256=request_sha256,
        target=target,
        target_id=target_id,
        created_at=utcnow(),
    )
    session.add(row)
    session.flush()
    return row


def _labels_record(sha256: str, parsed: ParsedResume, rows: Iterable[LabelCorrection]) -> dict[str, Any]:
    latest: dict[str, int] = {}
    notes: list[str] = []
    candidate_ids: list[str] = []
    for row in rows:  # oldest first: later corrections replace earlier ones
        latest[row.label] = row.value
        if row.note and row.note not in notes:
            notes.append(row.note)
        if row.candidate_id not in candidate_ids:
            candidate_ids.append(row.candidate_id)
    # ``background`` lists the positive families and makes every family it leaves out a 0:
    # it is written only once all three families are reviewed, else it stays unknown (null)
    # and the reviewed families are kept in ``corrections`` (never guessed negative).
    background = [f for f in FAMILIES if latest[f] == 1] if all(f in latest for f in FAMILIES) else None
    record: dict[str, Any] = {"id": f"review-{sha256[:16]}", "text": parsed.text, "background": background}
    for name in AHA_LABELS:
        record[name] = latest.get(name)
    record.update(
        {
            "source": "review",
            "notes": "; ".join(notes) or None,
            "corrections": {name: latest[name] for name in LABEL_NAMES if name in latest},
            "sha256": sha256,
            "candidate_ids": candidate_ids,
            "lang": parsed.lang,
        }
    )
    return record


def export_labels(session: Session, *, actor: str = SYSTEM_ACTOR) -> list[dict[str, Any]]:
    """Reviewer label corrections as labelled-résumé records (the training JSONL format).

    One record per résumé (by SHA-256, across screenings), the latest correction per label;
    a label nobody corrected is ``null`` (unknown), never negative. ``text`` is the parsed
    résumé text; corrections on files that were never parsed are left out. Exporting is
    audited (``labels.exported``): the records carry résumé text.

    Returns:
        Records for :func:`training.dataset.load_records`, sorted by id; extras:
        ``source`` (``"review"``), ``notes``, ``corrections``, ``sha256``, ``candidate_ids``,
        ``lang``.
    """
    query = (
        select(LabelCorrection, Candidate.document_sha256)
        .join(Candidate, LabelCorrection.candidate_id == Candidate.id)
        .order_by(LabelCorrection.created_at, LabelCorrection.id)
    )
    by_doc: dict[str, list[LabelCorrection]] = {}
    skipped = 0
    for row, doc_sha in session.execute(query):
        if doc_sha is None:
            skipped += 1
            continue
        by_doc.setdefault(doc_sha, []).append(row)
    records = []
    for sha256, rows in by_doc.items():
        doc = session.get(ParsedDocument, sha256)
        if doc is None:  # pragma: no cover - the foreign key prevents it
            continue
        parsed = ParsedResume.model_validate_json(doc.parsed_json)
        if not parsed.text.strip():
            skipped += len(rows)
            continue
        records.append(_labels_record(sha256, parsed, rows))
    records.sort(key=lambda r: str(r["id"]))
    if skipped:
        logger.info("label export: %d corrections without parsed text left out", skipped)
    audit(session, actor, "labels.exported", details={"records": len(records), "skipped": skipped})
    return records

"""The ``/v1`` routes: thin, each names its access rule (see :mod:`screening.api.deps`).

Errors are ``{"code", "message"}`` (:mod:`screening.api.errors`).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import datetime
from typing import Annotated, Any, Literal, NoReturn, TypeVar, get_args

from fastapi import APIRouter, File, Form, Header, Query, Request, Response, UploadFile
from fastapi.responses import HTMLResponse
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.orm import Session

from screening.api import service
from screening.api.deps import (
    AdminKey,
    AuditorKey,
    PoolDep,
    ReaderKey,
    ScorerDep,
    SessionDep,
    SettingsDep,
    WriterKey,
)
from screening.api.errors import ApiError
from screening.api.html import explanation_html
from screening.api.limits import MAX_QUERY_INT
from screening.api.metrics import Metrics
from screening.ranking import RoleError, RoleProfile, load_roles
from screening.schema import LABEL_NAMES, CandidateResult, Versions
from screening.store import repo
from screening.store.tables import ApiKey, Candidate, Decision, LabelCorrection, Screening

T = TypeVar("T", Decision, LabelCorrection)
logger = logging.getLogger(__name__)

router = APIRouter(prefix="/v1")

LabelName = Literal["tradfi", "web2", "web3", "adaptable", "high_potential", "ambitious"]
assert set(LABEL_NAMES) == set(get_args(LabelName))  # kept in step with the schema


class DecisionIn(BaseModel):
    """A reviewer's decision on a candidate."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    decision: Literal["advance", "hold", "reject"]
    reason: str = Field(min_length=1, max_length=5000, description="why, in the reviewer's words")


class LabelIn(BaseModel):
    """A reviewer's value for one label of the candidate's résumé (training data)."""

    model_config = ConfigDict(extra="forbid")

    label: LabelName
    value: int = Field(strict=True, ge=0, le=1, description="0 or 1 (an integer; not a boolean or string)")
    note: str | None = Field(None, max_length=5000)


#: The ``Idempotency-Key`` header of the write routes that take one.
IdempotencyKeyHeader = Annotated[
    str | None,
    Header(
        alias="Idempotency-Key",
        min_length=1,
        max_length=255,
        pattern=r"^[\x21-\x7e]+$",
        description=(
            "a client-chosen unique key (1-255 visible ASCII characters, e.g. a UUID) making the "
            "post safe to retry: a retry with the same key and body stores nothing new and "
            "answers the original response (with `Idempotent-Replayed: true`); the same key with "
            "another body is refused (422 `idempotency_key_reused`). Keys are per API key."
        ),
    ),
]
#: Set on the answer of a request that replayed a stored write.
REPLAYED_HEADER = "Idempotent-Replayed"


# --- response models ------------------------------------------------------------------------


class _Out(BaseModel):
    # from_attributes: a stored row (Decision, LabelCorrection, AuditEvent) validates directly.
    model_config = ConfigDict(extra="forbid", frozen=True, from_attributes=True)


class CandidateOut(CandidateResult):
    """A stored candidate: its :class:`~screening.schema.CandidateResult` and its id."""

    id: str


class ScreeningSummary(_Out):
    id: str
    role: str
    status: str
    created_at: datetime
    created_by: str | None


class ScreeningOut(ScreeningSummary):
    """A screening and its candidates, best rank first (unranked ones last)."""

    candidates: list[CandidateOut]


class ScreeningPage(_Out):
    items: list[ScreeningSummary]
    limit: int
    offset: int


class DecisionOut(_Out):
    id: str
    candidate_id: str
    decision: str
    reason: str
    override: bool = Field(description="the decision goes against the ranking's recommendation")
    reviewer: str
    created_at: datetime


class LabelOut(_Out):
    id: str
    candidate_id: str
    label: str
    value: int
    note: str | None
    reviewer: str
    created_at: datetime


class CandidateDetail(CandidateOut):
    """A candidate with its decisions and label corrections (oldest first)."""

    screening_id: str
    decisions: list[DecisionOut]
    label_corrections: list[LabelOut]


class AuditEventOut(_Out):
    id: int
    at: datetime
    actor: str
    action: str
    screening_id: str | None
    candidate_id: str | None
    sha256: str | None
    model_versions: dict[str, Any] | None
    parser_version: str | None
    details: dict[str, Any]


class AuditPage(_Out):
    items: list[AuditEventOut]
    limit: int
    offset: int


class ModelInfo(_Out):
    version: str
    labels: list[str]
    thresholds: dict[str, float]
    metrics: dict[str, float] = Field(
        default_factory=dict, description="the training run's held-out and fairness metrics"
    )
    card: str | None = Field(None, description="the model card (Markdown) logged by training")


class ModelsOut(_Out):
    versions: Versions
    models: dict[str, ModelInfo]


class ReloadOut(_Out):
    previous: dict[str, str] | None
    current: dict[str, str]


# --- views ----------------------------------------------------------------------------------


def _screening_view(screening: Screening) -> ScreeningSummary:
    return ScreeningSummary(
        id=screening.id,
        role=screening.role_id,
        status=screening.status,
        created_at=screening.created_at,
        created_by=screening.created_by,
    )


def _candidate_view(candidate: Candidate) -> CandidateOut:
    return CandidateOut.model_validate({**candidate.result_json, "id": candidate.id})


def _candidate_in(session: SessionDep, screening_id: str, candidate_id: str) -> Candidate:
    candidate = repo.get_candidate(session, candidate_id)
    if candidate is None or candidate.screening_id != screening_id:
        raise ApiError(404, "not_found", f"no candidate {candidate_id} in screening {screening_id}")
    return candidate


# --- screenings -------------------------------------------------------------------------------


@router.post(
    "/screenings",
    status_code=201,
    tags=["screenings"],
    responses={415: {"description": "unsupported_media_type: none of the files is a PDF"}},
)
def create_screening(
    key: WriterKey,
    session: SessionDep,
    pool: PoolDep,
    scorer: ScorerDep,
    settings: SettingsDep,
    request: Request,
    role: Annotated[str, Form(min_length=1, description="the role profile's id (GET /v1/roles)")],
    files: Annotated[list[UploadFile], File(description="the résumés, PDF")],
) -> ScreeningOut:
    """Parse, score and rank résumés for a role. A file that cannot be read becomes a candidate
    with status ``error`` (or ``needs_review``), never a failed request; an upload in which no
    file is a PDF is refused (415 ``unsupported_media_type``) and nothing is stored."""
    if not files:
        raise ApiError(422, "invalid_request", "upload at least one file")
    if len(files) > settings.max_files_per_request:
        raise ApiError(413, "too_many_files", f"at most {settings.max_files_per_request} files per request")
    roles = load_roles(settings.data_dir)
    if role not in roles:
        raise ApiError(422, "unknown_role", f"unknown role {role!r}; see GET /v1/roles")
    uploads = [service.read_upload(f.filename, f.file, settings.parse.max_bytes) for f in files]
    screening, candidates = service.create_screening(
        session,
        pool=pool,
        scorer=scorer,
        role=roles[role],
        files=uploads,
        actor=key.id,
        store_pdfs=settings.store_pdfs,
    )
    metrics: Metrics = request.app.state.metrics
    metrics.screenings.inc()
    for candidate in candidates:
        metrics.files.labels(candidate.status).inc()
    ordered = sorted(candidates, key=lambda c: (c.rank is None, c.rank or 0))
    return ScreeningOut(
        **_screening_view(screening).model_dump(), candidates=[_candidate_view(c) for c in ordered]
    )


@router.get("/screenings", tags=["screenings"])
def list_screenings(
    _key: ReaderKey,
    session: SessionDep,
    limit: Annotated[int, Query(ge=1, le=repo.MAX_PAGE)] = 50,
    offset: Annotated[int, Query(ge=0, le=MAX_QUERY_INT)] = 0,
) -> ScreeningPage:
    """Screenings, newest first."""
    rows = repo.list_screenings(session, limit=limit, offset=offset)
    return ScreeningPage(items=[_screening_view(s) for s in rows], limit=limit, offset=offset)


@router.get("/screenings/{screening_id}", tags=["screenings"])
def get_screening(screening_id: str, _key: ReaderKey, session: SessionDep) -> ScreeningOut:
    """A screening with its candidates, best rank first (unranked ones last)."""
    screening = repo.get_screening(session, screening_id)
    if screening is None:
        raise ApiError(404, "not_found", f"no screening {screening_id}")
    return ScreeningOut(
        **_screening_view(screening).model_dump(),
        candidates=[_candidate_view(c) for c in screening.candidates],
    )


@router.get("/screenings/{screening_id}/candidates/{candidate_id}", tags=["candidates"])
def get_candidate(
    screening_id: str, candidate_id: str, _key: ReaderKey, session: SessionDep
) -> CandidateDetail:
    """One candidate's result, with its decisions and label corrections (oldest first)."""
    candidate = _candidate_in(session, screening_id, candidate_id)
    return CandidateDetail.model_validate(
        {
            **candidate.result_json,
            "id": candidate.id,
            "screening_id": candidate.screening_id,
            "decisions": [DecisionOut.model_validate(d) for d in candidate.decisions],
            "label_corrections": [LabelOut.model_validate(c) for c in candidate.label_corrections],
        }
    )


def _write_once(
    session: Session,
    response: Response,
    key: ApiKey,
    idempotency_key: str | None,
    target: str,
    table: type[T],
    write: Callable[[str], T],
    **request: Any,
) -> tuple[T, bool]:
    """:func:`service.idempotent_write` of one route's write (``request``: its path ids and
    body, digested); a replay is marked with the ``Idempotent-Replayed`` header."""
    row, replayed = service.idempotent_write(
        session,
        api_key_id=key.id,
        key=idempotency_key,
        digest=service.request_digest(target, **request),
        target=target,
        write=write,
        load=lambda row_id: session.get(table, row_id),
    )
    if replayed:
        response.headers[REPLAYED_HEADER] = "true"
    return row, replayed


@router.post(
    "/screenings/{screening_id}/candidates/{candidate_id}/decisions", status_code=201, tags=["candidates"]
)
def record_decision(
    screening_id: str,
    candidate_id: str,
    body: DecisionIn,
    key: WriterKey,
    session: SessionDep,
    response: Response,
    idempotency_key: IdempotencyKeyHeader = None,
) -> DecisionOut:
    """Record a decision. ``override`` is set when it goes against the ranking's recommendation:
    ``advance`` of a bottom-half candidate or ``reject`` of a top-half one (top half: rank <=
    ceil(n/2) of the n ranked candidates; ``hold`` and unranked candidates never override).
    Send an ``Idempotency-Key`` to make retries safe (one decision per key)."""

    def write(row_id: str) -> Decision:
        candidate = _candidate_in(session, screening_id, candidate_id)
        return service.decide(
            session, candidate, body.decision, body.reason, reviewer=key.id, decision_id=row_id
        )

    row, replayed = _write_once(
        session, response, key, idempotency_key, "decision", Decision, write,
        screening_id=screening_id, candidate_id=candidate_id, body=body.model_dump(mode="json"),
    )  # fmt: skip
    if not replayed:
        logger.info("decision recorded", extra={"candidate_id": row.candidate_id, "override": row.override})
    return DecisionOut.model_validate(row)


@router.get(
    "/screenings/{screening_id}/candidates/{candidate_id}/explanation",
    tags=["candidates"],
    response_model=None,
    responses={200: {"content": {"application/json": {}, "text/html": {}}}},
)
def get_explanation(
    screening_id: str,
    candidate_id: str,
    _key: ReaderKey,
    session: SessionDep,
    settings: SettingsDep,
    request: Request,
) -> dict[str, Any] | Response:
    """Why the candidate was ranked so: JSON, or a page with ``Accept: text/html``."""
    candidate = _candidate_in(session, screening_id, candidate_id)
    try:
        role = load_roles(settings.data_dir).get(candidate.screening.role_id)
    except RoleError:
        role = None
    data = service.explanation(candidate, repo.candidate_result(candidate), role.title if role else None)
    accept = request.headers.get("accept", "")
    if "text/html" in accept and "application/json" not in accept.split(",")[0]:
        return HTMLResponse(explanation_html(data))
    return data


@router.post(
    "/screenings/{screening_id}/candidates/{candidate_id}/labels", status_code=201, tags=["candidates"]
)
def add_label(
    screening_id: str,
    candidate_id: str,
    body: LabelIn,
    key: WriterKey,
    session: SessionDep,
    response: Response,
    idempotency_key: IdempotencyKeyHeader = None,
) -> LabelOut:
    """Record a reviewer's value for one label (kept as training data, exported by an admin).
    Send an ``Idempotency-Key`` to make retries safe (one correction per key)."""

    def write(row_id: str) -> LabelCorrection:
        candidate = _candidate_in(session, screening_id, candidate_id)
        return repo.add_label_correction(
            session,
            candidate.id,
            body.label,
            body.value,
            reviewer=key.id,
            note=body.note,
            correction_id=row_id,
        )

    row, _ = _write_once(
        session, response, key, idempotency_key, "label_correction", LabelCorrection, write,
        screening_id=screening_id, candidate_id=candidate_id, body=body.model_dump(mode="json"),
    )  # fmt: skip
    return LabelOut.model_validate(row)


# --- labels, roles, models, audit ---------------------------------------------------------------


@router.get("/labels/export", tags=["labels"])
def export_labels(key: AdminKey, session: SessionDep) -> list[dict[str, Any]]:
    """Reviewer corrections as labelled-résumé records (one JSONL line each; they hold résumé
    text, so exporting is admin-only and audited)."""
    records = repo.export_labels(session, actor=key.id)
    session.commit()
    return records


@router.get("/roles", tags=["roles"])
def list_roles(_key: ReaderKey, settings: SettingsDep) -> list[RoleProfile]:
    """The role profiles a screening can be run for."""
    return list(load_roles(settings.data_dir).values())


@router.post(
    "/roles",
    tags=["roles"],
    status_code=501,
    response_model=None,
    responses={501: {"description": "not implemented: roles are reviewed files"}},
)
def create_role(_key: AdminKey) -> NoReturn:
    """Not implemented (501 ``not_implemented``): role profiles are files in ``data/roles``,
    reviewed and versioned with the code. Writing them from the API would bypass that review,
    fail on read-only deployments, and leave other workers' cached roles stale."""
    raise ApiError(501, "not_implemented", "roles are files in data/roles: add one by a reviewed change")


@router.get("/models", tags=["models"])
def get_models(_key: ReaderKey, scorer: ScorerDep) -> ModelsOut:
    """The served model versions, labels and decision thresholds."""
    versions = scorer.versions
    bundles = {"background": scorer.models.background, "aha": scorer.models.aha}
    return ModelsOut(
        versions=versions,
        models={
            name: ModelInfo(
                version=getattr(versions, name),
                labels=list(bundle.labels),
                thresholds={k: float(v) for k, v in bundle.thresholds.items()},
                metrics=report.metrics if (report := scorer.models.reports.get(name)) else {},
                card=report.card if report else None,
            )
            for name, bundle in bundles.items()
        },
    )


@router.post("/models/reload", tags=["models"])
async def reload_models(key: AdminKey, settings: SettingsDep, request: Request) -> ReloadOut:
    """Load the current champions and swap them in. Requests already running finish with the
    models they started with; on failure the served models stay."""
    from screening.api import app as app_module

    state = request.app.state
    async with state.reload_lock:
        previous = state.scorer.versions.model_dump() if state.scorer is not None else None
        try:
            models = await asyncio.to_thread(app_module.load_champions, settings)
            scorer = await asyncio.to_thread(app_module.build_scorer, settings, models)
        except Exception as exc:
            logger.error("model reload failed: %s", type(exc).__name__)
            raise ApiError(
                503, "reload_failed", f"the models could not be loaded ({type(exc).__name__})"
            ) from None
        state.scorer = scorer  # one attribute store: atomic for the requests that read it next
    current = scorer.versions.model_dump()

    def record() -> None:
        with state.sessions.begin() as session:
            repo.audit(
                session,
                key.id,
                "models.reloaded",
                model_versions={k: current[k] for k in ("background", "aha", "taxonomy")},
                details={"previous": previous},
            )

    await asyncio.to_thread(record)
    return ReloadOut(previous=previous, current=current)


@router.get("/audit", tags=["audit"])
def list_audit(
    _key: AuditorKey,
    session: SessionDep,
    screening_id: str | None = None,
    candidate_id: str | None = None,
    actor: str | None = None,
    action: str | None = None,
    after_id: Annotated[int | None, Query(ge=0, le=MAX_QUERY_INT)] = None,
    limit: Annotated[int, Query(ge=1, le=repo.MAX_PAGE)] = 100,
    offset: Annotated[int, Query(ge=0, le=MAX_QUERY_INT)] = 0,
) -> AuditPage:
    """Audit events, oldest first; page with ``after_id`` (the last id seen) or ``offset``."""
    events = repo.list_audit(
        session,
        screening_id=screening_id,
        candidate_id=candidate_id,
        actor=actor,
        action=action,
        after_id=after_id,
        limit=limit,
        offset=offset,
    )
    return AuditPage(items=[AuditEventOut.model_validate(e) for e in events], limit=limit, offset=offset)

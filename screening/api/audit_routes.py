"""The bias-audit routes: ``GET /v1/audit/bias`` and ``POST /v1/audit/bias`` (auditors and admins).

``GET /v1/audit`` is the audit *log* (:mod:`screening.api.routes`); the bias audit lives
beside it. Both routes audit the stored screenings that match the filters (``role``,
``screening``, ``since``, ``until``), on recorded decisions (``basis=decisions``, the
selection rate) or on scores (``basis=scores``, the scoring rate of the fit score, or of a
``label``'s probability), as JSON (:class:`~screening.audit.stats.AuditReport`), Markdown or
HTML (``format``).

Demographics are never stored in the service's database:

* ``GET`` reads them at each request from the CSV file of the ``demographics_path`` setting
  (``SCREENING_DEMOGRAPHICS_PATH``); unset or unreadable: 409 ``demographics_unavailable``.
* ``POST`` takes them as a multipart upload (field ``demographics``), used for this one
  report and not kept.

Errors (``{"code", "message"}``): 404 ``not_found`` (an unknown screening), 409
``demographics_unavailable``, 413 ``request_too_large`` (an upload over
:data:`MAX_DEMOGRAPHICS_BYTES`), 422 ``unknown_role``, ``unknown_label``,
``invalid_request`` (a bad time), ``invalid_demographics``, ``unknown_category``,
``no_candidates`` (nothing to audit), ``no_matching_ids`` (no candidate in the demographics).
Each report is recorded in the audit log (``bias_audit.reported``: filters and counts, no
demographics).
"""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass
from typing import Annotated, Literal

from fastapi import APIRouter, File, Form, Query, Response, UploadFile
from sqlalchemy.orm import Session

from screening.api.deps import AuditorKey, SessionDep, SettingsDep
from screening.api.errors import ApiError
from screening.audit.inputs import parse_demographics, read_demographics
from screening.audit.report import MEDIA_TYPES, render_html, render_markdown
from screening.audit.stats import AuditError, AuditReport, Demographics
from screening.audit.stored import StoredAudit, audit_stored
from screening.ranking import load_roles
from screening.settings import Settings
from screening.store import repo
from screening.store.tables import ApiKey

logger = logging.getLogger(__name__)

router = APIRouter(prefix="/v1", tags=["audit"])

#: Largest demographics upload accepted by ``POST /v1/audit/bias``.
MAX_DEMOGRAPHICS_BYTES = 20 * 1024 * 1024
#: HTTP status of each audit error code (422 otherwise).
_STATUS = {"demographics_unavailable": 409, "not_found": 404}

BasisParam = Literal["decisions", "scores"]
FormatParam = Literal["json", "md", "html"]
_RESPONSES: dict[int | str, dict[str, object]] = {
    200: {"content": {"text/markdown": {}, "text/html": {}}, "description": "the report"},
    409: {"description": "demographics_unavailable: no demographics file configured or readable"},
    422: {"description": "bad filters, demographics or no candidate to audit"},
}


@dataclass(frozen=True)
class AuditParams(StoredAudit):
    """What one bias-audit request asks for: the stored audit and the answer's format."""

    format: FormatParam = "json"


def configured_demographics(settings: Settings) -> Demographics:
    """The demographics file of ``SCREENING_DEMOGRAPHICS_PATH``, read now (never stored).

    Raises:
        AuditError: ``demographics_unavailable`` when unset; the reader's codes otherwise.
    """
    if settings.demographics_path is None:
        raise AuditError(
            "demographics_unavailable",
            "no demographics file is configured (SCREENING_DEMOGRAPHICS_PATH); POST one to /v1/audit/bias",
        )
    return read_demographics(settings.demographics_path)


def _answer(
    session: Session, settings: Settings, key: ApiKey, demographics: Demographics | None, params: AuditParams
) -> AuditReport | Response:
    """The report in the requested format, recorded in the audit log (filters and counts only)."""
    try:
        stored = StoredAudit(
            params.role, params.screening, params.since, params.until, params.basis, params.label
        )
        report = audit_stored(
            session, demographics or configured_demographics(settings), stored, load_roles(settings.data_dir)
        )
    except AuditError as exc:
        raise ApiError(_STATUS.get(exc.code, 422), exc.code, str(exc)) from None
    details = {
        **{k: v for k, v in asdict(params).items() if k != "format"},
        "demographics": "configured file" if demographics is None else "upload",
        "candidates": report.candidates,
        "matched": report.matched,
        "min_impact_ratio": {t.category: t.min_impact_ratio for t in report.categories},
    }
    repo.audit(session, key.id, "bias_audit.reported", screening_id=params.screening, details=details)
    session.commit()
    logger.info("bias audit reported", extra={"basis": params.basis, "candidates": report.candidates})
    if params.format == "md":
        return Response(render_markdown(report), media_type=MEDIA_TYPES["md"])
    if params.format == "html":
        return Response(render_html(report), media_type=MEDIA_TYPES["html"])
    return report


@router.get("/audit/bias", response_model=AuditReport, responses=_RESPONSES)
def bias_audit(
    key: AuditorKey,
    session: SessionDep,
    settings: SettingsDep,
    role: Annotated[str | None, Query(description="screenings for this role")] = None,
    screening: Annotated[str | None, Query(description="one screening's id")] = None,
    since: Annotated[str | None, Query(description="created at or after (ISO 8601)")] = None,
    until: Annotated[str | None, Query(description="created before (a date: its end)")] = None,
    basis: Annotated[BasisParam, Query(description="decisions or scores")] = "decisions",
    label: Annotated[str | None, Query(description="scores: a label's probability")] = None,
    format: Annotated[FormatParam, Query(description="json, md (Markdown) or html")] = "json",
) -> AuditReport | Response:
    """Bias audit of the stored screenings, with the configured demographics file."""
    params = AuditParams(role, screening, since, until, basis, label, format)
    return _answer(session, settings, key, None, params)


@router.post("/audit/bias", response_model=AuditReport, responses=_RESPONSES)
def bias_audit_upload(
    key: AuditorKey,
    session: SessionDep,
    settings: SettingsDep,
    demographics: Annotated[UploadFile, File(description="CSV: id and one column per category")],
    role: Annotated[str | None, Form()] = None,
    screening: Annotated[str | None, Form()] = None,
    since: Annotated[str | None, Form()] = None,
    until: Annotated[str | None, Form()] = None,
    basis: Annotated[BasisParam, Form()] = "decisions",
    label: Annotated[str | None, Form()] = None,
    format: Annotated[FormatParam, Form()] = "json",
) -> AuditReport | Response:
    """Bias audit of the stored screenings with uploaded demographics (used once, not kept)."""
    data = demographics.file.read(MAX_DEMOGRAPHICS_BYTES + 1)
    if len(data) > MAX_DEMOGRAPHICS_BYTES:
        raise ApiError(413, "request_too_large", f"the demographics exceed {MAX_DEMOGRAPHICS_BYTES:,} bytes")
    try:
        text = data.decode("utf-8")
        loaded = parse_demographics(text, source=demographics.filename or "upload")
    except UnicodeDecodeError:
        raise ApiError(422, "invalid_demographics", "the demographics file is not UTF-8 text") from None
    except AuditError as exc:
        raise ApiError(422, exc.code, str(exc)) from None
    params = AuditParams(role, screening, since, until, basis, label, format)
    return _answer(session, settings, key, loaded, params)

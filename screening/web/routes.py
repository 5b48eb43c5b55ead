"""The recruiter web UI: server-rendered pages over the same service layer as the API.

Pages (none is in the OpenAPI schema; all but sign-in need a signed-in key):

==============================================  ==============================================
``GET  /sign-in``, ``POST /sign-in``             sign in with an API key; ``POST /sign-out``
``GET  /screenings``                             screenings, newest first
``GET  /screenings/new``, ``POST`` the same      choose a role, upload PDFs (recruiter, admin)
``GET  /screenings/{id}``                        the ranked shortlist (sort, filter by decision)
``GET  /screenings/{id}/candidates/{cid}``       a candidate: evidence in place, fit, decisions
``POST .../candidates/{cid}/decision``           record a decision with a reason
``GET  /models``                                 the served champions, metrics, model cards
``GET  /audit``, ``POST /audit``                 bias audit of stored screenings (auditor, admin)
==============================================  ==============================================
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import asdict
from pathlib import Path
from typing import Annotated, Any, Literal

import markdown as markdown_lib
from fastapi import APIRouter, FastAPI, File, Form, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape

from screening import __version__
from screening.api import service
from screening.api.audit_routes import configured_demographics
from screening.api.deps import PoolDep, SessionDep, SettingsDep
from screening.api.errors import ApiError
from screening.api.limits import MAX_QUERY_INT
from screening.audit.inputs import parse_demographics
from screening.audit.stats import FLAG_BELOW, AuditError, AuditReport, Demographics
from screening.audit.stored import StoredAudit, audit_stored
from screening.parsing.model import ParsedResume
from screening.ranking import RoleProfile, load_roles
from screening.schema import LABEL_NAMES, CandidateResult
from screening.scoring import Scorer
from screening.settings import Settings
from screening.store import repo
from screening.store.tables import ApiKey, Candidate
from screening.web import views
from screening.web.auth import (
    LOGIN_CSRF_COOKIE,
    SESSION_COOKIE,
    SESSION_MAX_AGE_S,
    CsrfChecked,
    PageError,
    SignInRequiredError,
    User,
    new_login_csrf,
    require_role,
    safe_next,
)

logger = logging.getLogger(__name__)

HERE = Path(__file__).resolve().parent
router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)


def install_web(app: FastAPI) -> None:
    """Add the UI to ``app``: templates, ``/static`` assets, pages and their error handlers."""
    templates = Jinja2Templates(directory=HERE / "templates")
    templates.env.globals.update(
        label_titles=views.LABEL_TITLES,
        background_labels=views.BACKGROUND_LABELS,
        aha_labels=views.AHA_LABELS,
        version=__version__,
    )
    templates.env.filters["pct"] = lambda v: f"{100 * float(v):.0f}%"
    templates.env.filters["signed"] = lambda v: f"{float(v):+.2f}"
    app.state.templates = templates
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    @app.exception_handler(SignInRequiredError)
    async def _to_sign_in(_request: Request, exc: SignInRequiredError) -> Response:
        return RedirectResponse(exc.next_path, status_code=303)

    @app.exception_handler(PageError)
    async def _page_error(request: Request, exc: PageError) -> Response:
        return _render(
            request, "error.html", {"code": exc.code, "message": exc.message}, status_code=exc.status
        )

    app.include_router(router)


def _render(
    request: Request,
    name: str,
    context: dict[str, Any],
    *,
    status_code: int = 200,
    user: ApiKey | None = None,
) -> HTMLResponse:
    templates: Jinja2Templates = request.app.state.templates
    base = {"user": user, "csrf": getattr(request.state, "csrf", ""), "path": request.url.path}
    response = templates.TemplateResponse(request, name, {**base, **context}, status_code=status_code)
    # Pages hold personal data: never cached, never framed by another site.
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["Content-Security-Policy"] = (
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        "frame-ancestors 'none'; form-action 'self'"
    )
    return response


def _scorer(request: Request) -> Scorer | None:
    scorer: Scorer | None = request.app.state.scorer
    return scorer


def _roles(settings: Any) -> dict[str, RoleProfile]:
    return load_roles(settings.data_dir)


# --- sign-in ---------------------------------------------------------------------------------


@router.get("/")
def home() -> RedirectResponse:
    return RedirectResponse("/screenings", status_code=303)


@router.get("/sign-in")
def sign_in_form(request: Request, next: str | None = None) -> HTMLResponse:
    token = new_login_csrf()
    response = _render(request, "sign_in.html", {"next": safe_next(next), "login_csrf": token, "error": None})
    response.set_cookie(
        LOGIN_CSRF_COOKIE, token, httponly=True, samesite="strict", secure=request.url.scheme == "https"
    )
    return response


@router.post("/sign-in")
def sign_in(
    request: Request,
    session: SessionDep,
    api_key: Annotated[str, Form()] = "",
    csrf_token: Annotated[str, Form()] = "",
    next: Annotated[str, Form()] = "/screenings",
) -> Response:
    expected = request.cookies.get(LOGIN_CSRF_COOKIE)
    if not expected or csrf_token != expected:
        raise PageError(403, "csrf_failed", "The sign-in form expired. Reload the page and try again.")
    key = repo.authenticate(session, api_key.strip()) if api_key.strip() else None
    session.commit()
    if key is None:
        token = new_login_csrf()
        page = _render(
            request,
            "sign_in.html",
            {"next": safe_next(next), "login_csrf": token, "error": "That key is unknown or revoked."},
            status_code=401,
        )
        page.set_cookie(
            LOGIN_CSRF_COOKIE, token, httponly=True, samesite="strict", secure=request.url.scheme == "https"
        )
        return page
    logger.info("ui sign-in", extra={"key_id": key.id, "role": key.role})
    response: Response = RedirectResponse(safe_next(next), status_code=303)
    response.set_cookie(
        SESSION_COOKIE,
        api_key.strip(),
        max_age=SESSION_MAX_AGE_S,
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
    )
    response.delete_cookie(LOGIN_CSRF_COOKIE)
    return response


@router.post("/sign-out", dependencies=[CsrfChecked])
def sign_out(_user: User) -> Response:
    response = RedirectResponse("/sign-in", status_code=303)
    response.delete_cookie(SESSION_COOKIE)
    return response


# --- screenings ------------------------------------------------------------------------------


@router.get("/screenings")
def screenings_page(
    request: Request,
    user: User,
    session: SessionDep,
    settings: SettingsDep,
    offset: Annotated[int, Query(ge=0, le=MAX_QUERY_INT)] = 0,
) -> HTMLResponse:
    rows = repo.list_screenings(session, limit=50, offset=offset)
    roles = _roles(settings)
    items = [
        {
            "screening": s,
            "role": roles[s.role_id].title if s.role_id in roles else s.role_id,
            "candidates": len(s.candidates),
        }
        for s in rows
    ]
    return _render(
        request,
        "screenings.html",
        {"items": items, "offset": offset, "more": len(rows) == 50},
        user=user,
    )


@router.get("/screenings/new")
def new_screening_page(request: Request, user: User, settings: SettingsDep) -> HTMLResponse:
    require_role(user, "recruiter", "admin")
    return _render(
        request,
        "new_screening.html",
        {
            "roles": list(_roles(settings).values()),
            "max_files": settings.max_files_per_request,
            "max_mb": settings.parse.max_bytes / 1024 / 1024,
            "ready": _scorer(request) is not None,
        },
        user=user,
    )


@router.post("/screenings/new", dependencies=[CsrfChecked])
def create_screening(
    request: Request,
    user: User,
    session: SessionDep,
    pool: PoolDep,
    settings: SettingsDep,
    role: Annotated[str, Form()] = "",
    files: Annotated[list[UploadFile] | None, File()] = None,
) -> Response:
    """Parse, score and rank the uploaded PDFs (the API's service function); the shortlist, or
    for the page's script (``Accept: application/json``) each file's outcome."""
    require_role(user, "recruiter", "admin")
    scorer = _scorer(request)
    if scorer is None:
        raise PageError(503, "models_unavailable", "No scoring model is loaded yet. Try again shortly.")
    roles = _roles(settings)
    if role not in roles:
        raise PageError(422, "unknown_role", "Choose one of the roles.")
    uploads = [f for f in files or [] if f.filename or f.size]
    if not uploads:
        raise PageError(422, "invalid_request", "Choose at least one PDF.")
    if len(uploads) > settings.max_files_per_request:
        raise PageError(
            413, "too_many_files", f"At most {settings.max_files_per_request} files per screening."
        )
    data = [service.read_upload(f.filename, f.file, settings.parse.max_bytes) for f in uploads]
    try:
        screening, candidates = service.create_screening(
            session,
            pool=pool,
            scorer=scorer,
            role=roles[role],
            files=data,
            actor=user.id,
            store_pdfs=settings.store_pdfs,
        )
    except ApiError as exc:
        raise PageError(exc.status, exc.code, f"{exc.message[:1].upper()}{exc.message[1:]}.") from exc
    url = f"/screenings/{screening.id}"
    if "application/json" in request.headers.get("accept", ""):
        by_sha = {c.sha256: c for c in candidates}
        outcomes = [by_sha.get(hashlib.sha256(f.data).hexdigest()) for f in data]
        return JSONResponse(
            {
                "screening_id": screening.id,
                "url": url,
                "files": [
                    {
                        "status": c.status if c else "error",
                        "rank": c.rank if c else None,
                        "error": (c.result_json.get("error") or {}).get("code") if c else "not_stored",
                    }
                    for c in outcomes
                ],
            }
        )
    return RedirectResponse(url, status_code=303)


def _latest_decision(candidate: Candidate) -> str | None:
    return candidate.decisions[-1].decision if candidate.decisions else None


@router.get("/screenings/{screening_id}")
def shortlist_page(
    screening_id: str,
    request: Request,
    user: User,
    session: SessionDep,
    settings: SettingsDep,
    sort: Annotated[str, Query()] = "rank",
    order: Annotated[str, Query(pattern="^(asc|desc)$")] = "",
    decision: Annotated[str, Query()] = "all",
) -> HTMLResponse:
    screening = repo.get_screening(session, screening_id)
    if screening is None:
        raise PageError(404, "not_found", "There is no such screening.")
    if sort not in views.SORT_KEYS or decision not in views.DECISION_FILTERS:
        raise PageError(422, "invalid_request", "Unknown sort key or decision filter.")
    descending = order == "desc" if order else sort not in ("rank", "decision")
    role = _roles(settings).get(screening.role_id)
    ranked: list[views.ShortlistRow] = []
    apart: list[views.ShortlistRow] = []
    masked_of: dict[str, bool] = {}
    for position, c in enumerate(screening.candidates, start=1):
        latest = _latest_decision(c)
        masked = settings.blind_review and latest is None
        masked_of[c.id] = masked
        row = views.ShortlistRow(
            id=c.id,
            rank=c.rank,
            file=views.display_name(c.file_name, c.rank, position, masked=masked),
            result=CandidateResult.model_validate(c.result_json),
            decision=latest,
        )
        (ranked if c.status == "scored" else apart).append(row)
    shown = views.sort_rows(views.filter_rows(ranked, decision), sort, descending=descending)
    return _render(
        request,
        "shortlist.html",
        {
            "screening": screening,
            "role": role,
            "rows": shown,
            "apart": views.filter_rows(apart, decision),
            "total": len(ranked),
            "sort": sort,
            "descending": descending,
            "decision": decision,
            "filters": views.DECISION_FILTERS,
            "sort_keys": views.SORT_KEYS,
            "blind": settings.blind_review,
        },
        user=user,
    )


def _candidate(session: SessionDep, screening_id: str, candidate_id: str) -> Candidate:
    candidate = repo.get_candidate(session, candidate_id)
    if candidate is None or candidate.screening_id != screening_id:
        raise PageError(404, "not_found", "There is no such candidate in this screening.")
    return candidate


def _parsed(candidate: Candidate, result: CandidateResult) -> ParsedResume | None:
    doc = candidate.document
    if doc is None:
        return None
    parsed = ParsedResume.model_validate_json(doc.parsed_json)
    # Offsets are those of the parser that scored the candidate; a later re-parse may differ.
    if result.versions is not None and parsed.parser_version != result.versions.parser:
        return None
    return parsed


@router.get("/screenings/{screening_id}/candidates/{candidate_id}")
def candidate_page(
    screening_id: str,
    candidate_id: str,
    request: Request,
    user: User,
    session: SessionDep,
    settings: SettingsDep,
    label: Annotated[str, Query()] = "",
) -> HTMLResponse:
    candidate = _candidate(session, screening_id, candidate_id)
    result = repo.candidate_result(candidate)
    if label and label not in LABEL_NAMES:
        raise PageError(422, "invalid_request", "Unknown label.")
    chosen = label or _strongest_label(result)
    masked = settings.blind_review and not candidate.decisions
    parsed = _parsed(candidate, result)
    evidence = result.labels[chosen].evidence if chosen in result.labels else []
    hidden = views.masked_spans(parsed) if parsed is not None and masked else []
    text_segments = views.segments(parsed.text, evidence, hidden) if parsed is not None else []
    role = _roles(settings).get(candidate.screening.role_id)
    position = next((i for i, c in enumerate(candidate.screening.candidates, 1) if c.id == candidate.id), 1)
    return _render(
        request,
        "candidate.html",
        {
            "candidate": candidate,
            "result": result,
            "role": role,
            "name": views.display_name(candidate.file_name, candidate.rank, position, masked=masked),
            "masked": masked,
            "blind": settings.blind_review,
            "label": chosen,
            "evidence": [
                {
                    "index": k,
                    "text": views.mask_text(e.text, hidden, e.start),
                    "weight": e.weight,
                    "feature": e.feature,
                    "page": e.page,
                }
                for k, e in enumerate(evidence, start=1)
            ],
            "segments": text_segments,
            "decisions": candidate.decisions,
            "choices": views.DECISIONS,
            "can_decide": user.role in ("recruiter", "admin"),
            "ranked": service.ranked_count(session, screening_id),
        },
        user=user,
    )


def _strongest_label(result: CandidateResult) -> str:
    if not result.labels:
        return LABEL_NAMES[0]
    return max(LABEL_NAMES, key=lambda n: result.labels[n].probability if n in result.labels else -1.0)


@router.post("/screenings/{screening_id}/candidates/{candidate_id}/decision", dependencies=[CsrfChecked])
def decide(
    screening_id: str,
    candidate_id: str,
    user: User,
    session: SessionDep,
    decision: Annotated[str, Form()] = "",
    reason: Annotated[str, Form()] = "",
    label: Annotated[str, Form()] = "",
) -> Response:
    """Record a reviewer's decision (the API's rule for overrides) and show the candidate again."""
    require_role(user, "recruiter", "admin")
    candidate = _candidate(session, screening_id, candidate_id)
    reason = reason.strip()
    if decision not in views.DECISIONS:
        raise PageError(422, "invalid_request", "Choose advance, hold or reject.")
    if not reason or len(reason) > 5000:
        raise PageError(422, "reason_required", "Give a reason for the decision (up to 5,000 characters).")
    row = service.decide(session, candidate, decision, reason, reviewer=user.id)
    session.commit()
    logger.info("ui decision recorded", extra={"candidate_id": candidate.id, "override": row.override})
    suffix = f"?label={label}" if label in LABEL_NAMES else ""
    return RedirectResponse(f"/screenings/{screening_id}/candidates/{candidate_id}{suffix}", status_code=303)


# --- bias audit ------------------------------------------------------------------------------

#: Largest demographics file the audit page accepts.
MAX_DEMOGRAPHICS_BYTES = 20 * 1024 * 1024


def _audit_page(
    request: Request,
    user: ApiKey,
    session: SessionDep,
    settings: Settings,
    params: StoredAudit,
    demographics: Demographics | None,
) -> HTMLResponse:
    """Run the audit (when demographics are at hand) and show it with its form."""
    roles = _roles(settings)
    report: AuditReport | None = None
    error: dict[str, str] | None = None
    if demographics is not None or settings.demographics_path is not None:
        try:
            loaded = demographics or configured_demographics(settings)
            report = audit_stored(session, loaded, params, roles)
        except AuditError as exc:
            error = {"code": exc.code, "message": str(exc)}
        if report is not None:
            details = {**asdict(params), "demographics": "upload" if demographics else "configured file"}
            details.update(candidates=report.candidates, matched=report.matched, via="web")
            repo.audit(
                session, user.id, "bias_audit.reported", screening_id=params.screening, details=details
            )
            session.commit()
    return _render(
        request,
        "audit.html",
        {
            "roles": list(roles.values()),
            "params": params,
            "configured": settings.demographics_path is not None,
            "report": report,
            "error": error,
            "flag_below": FLAG_BELOW,
        },
        status_code=422 if error and demographics is not None else 200,
        user=user,
    )


@router.get("/audit")
def audit_page(
    request: Request,
    user: User,
    session: SessionDep,
    settings: SettingsDep,
    role: str | None = None,
    screening: str | None = None,
    basis: Annotated[str, Query(pattern="^(decisions|scores)$")] = "decisions",
) -> HTMLResponse:
    """The audit form; with a configured demographics file, the audit of the filters too."""
    require_role(user, "auditor", "admin")
    params = StoredAudit(role=role or None, screening=screening or None, basis=_basis(basis))
    return _audit_page(request, user, session, settings, params, None)


def _basis(value: str) -> Literal["decisions", "scores"]:
    return "scores" if value == "scores" else "decisions"


@router.post("/audit", dependencies=[CsrfChecked])
def audit_upload(
    request: Request,
    user: User,
    session: SessionDep,
    settings: SettingsDep,
    role: Annotated[str, Form()] = "",
    screening: Annotated[str, Form()] = "",
    basis: Annotated[str, Form()] = "decisions",
    demographics: Annotated[UploadFile | None, File()] = None,
) -> HTMLResponse:
    """The audit with an uploaded demographics CSV (used for this report only, not kept)."""
    require_role(user, "auditor", "admin")
    params = StoredAudit(role=role or None, screening=screening.strip() or None, basis=_basis(basis))
    loaded: Demographics | None = None
    if demographics is not None and (demographics.filename or demographics.size):
        data = demographics.file.read(MAX_DEMOGRAPHICS_BYTES + 1)
        if len(data) > MAX_DEMOGRAPHICS_BYTES:
            raise PageError(413, "request_too_large", "The demographics file is too large.")
        try:
            loaded = parse_demographics(data.decode("utf-8"), source="upload")
        except UnicodeDecodeError:
            raise PageError(422, "invalid_demographics", "The demographics file is not UTF-8 text.") from None
        except AuditError as exc:
            raise PageError(422, exc.code, str(exc)) from None
    elif settings.demographics_path is None:
        raise PageError(422, "demographics_unavailable", "Choose a demographics CSV file.")
    return _audit_page(request, user, session, settings, params, loaded)


# --- models ----------------------------------------------------------------------------------


def _card_html(card: str | None) -> Markup | None:
    if not card:
        return None
    # The card is escaped first: only Markdown's own markup becomes HTML.
    html = markdown_lib.markdown(str(escape(card)), extensions=["tables"])
    return Markup(html)


@router.get("/models")
def models_page(request: Request, user: User) -> HTMLResponse:
    scorer = _scorer(request)
    models: list[dict[str, Any]] = []
    if scorer is not None:
        for kind, bundle, version in (
            ("background", scorer.models.background, scorer.versions.background),
            ("aha", scorer.models.aha, scorer.versions.aha),
        ):
            report = scorer.models.reports.get(kind)
            metrics = report.metrics if report else {}
            headline = {
                label: {
                    name: metrics.get(f"test.{label}.{name}")
                    for name in ("f1", "precision", "recall", "roc_auc", "brier", "ece")
                }
                for label in bundle.labels
            }
            models.append(
                {
                    "kind": kind,
                    "version": version,
                    "labels": list(bundle.labels),
                    "thresholds": dict(bundle.thresholds),
                    "headline": headline,
                    "macro_f1": metrics.get("test.macro_f1"),
                    "fairness": {k: v for k, v in sorted(metrics.items()) if k.startswith("fairness.")},
                    "card": _card_html(report.card if report else None),
                }
            )
    return _render(
        request,
        "models.html",
        {"models": models, "versions": scorer.versions if scorer else None},
        user=user,
    )

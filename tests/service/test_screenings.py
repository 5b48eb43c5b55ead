"""The screening workflow through the real app, on SQLite and PostgreSQL: upload generated PDF
résumés (and a file that is not a PDF), read the ranking, decide, explain, label, export, audit."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from screening.bundle import ScoringModels
from screening.settings import Settings
from training.corpus.generate import generate_example

ROLE = "risk-analyst"
Auth = dict[str, dict[str, str]]


@pytest.fixture(scope="module")
def resumes() -> list[tuple[dict[str, Any], bytes]]:
    """Four generated English résumés: (record with its ``truth``, PDF bytes)."""
    return [generate_example(21, i, zh_share=0.0) for i in range(4)]


def _files(resumes: list[tuple[dict[str, Any], bytes]]) -> list[tuple[str, tuple[str, bytes, str]]]:
    files = [("files", (f"cv-{i}.pdf", pdf, "application/pdf")) for i, (_, pdf) in enumerate(resumes)]
    files.append(("files", ("notes.txt", b"not a pdf at all", "text/plain")))
    return files


@pytest.fixture(scope="module")
def upload(client: TestClient, auth: Auth, resumes: list[tuple[dict[str, Any], bytes]]) -> dict[str, Any]:
    response = client.post(
        "/v1/screenings", data={"role": ROLE}, files=_files(resumes), headers=auth["recruiter"]
    )
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


def _ranked(upload: dict[str, Any]) -> list[dict[str, Any]]:
    return [c for c in upload["candidates"] if c["rank"] is not None]


def test_upload_ranks_pdfs_and_keeps_a_bad_file_as_an_error_row(upload: dict[str, Any]) -> None:
    assert upload["role"] == ROLE
    assert upload["status"] == "ranked"
    candidates = upload["candidates"]
    assert len(candidates) == 5
    assert all(c["id"] for c in candidates)
    ranked = _ranked(upload)
    assert [c["rank"] for c in ranked] == list(range(1, len(ranked) + 1))
    assert len(ranked) >= 3
    scores = [c["fit"]["score"] for c in ranked]
    assert scores == sorted(scores, reverse=True)
    assert all(c["fit"]["role"] == ROLE and c["versions"]["background"].endswith("/test") for c in ranked)
    bad = [c for c in candidates if c["file"] == "notes.txt"]
    assert len(bad) == 1
    assert bad[0]["status"] == "error"
    assert bad[0]["error"]["code"] == "not_pdf"
    assert candidates[-1]["status"] == "error"  # unranked rows come last


def test_a_second_upload_of_the_same_files_uses_the_parse_cache(
    client: TestClient, auth: Auth, upload: dict[str, Any], resumes: list[tuple[dict[str, Any], bytes]]
) -> None:
    def parsed_events() -> int:
        items = client.get(
            "/v1/audit", params={"action": "document.parsed", "limit": 500}, headers=auth["auditor"]
        ).json()["items"]
        return len(items)

    before = parsed_events()
    again = client.post(
        "/v1/screenings", data={"role": ROLE}, files=_files(resumes), headers=auth["recruiter"]
    )
    assert again.status_code == 201
    assert parsed_events() == before
    strip = [{k: v for k, v in c.items() if k != "id"} for c in again.json()["candidates"]]
    assert strip == [{k: v for k, v in c.items() if k != "id"} for c in upload["candidates"]]


@pytest.mark.parametrize(
    ("data", "count", "status", "code"),
    [
        ({"role": "astronaut"}, 1, 422, "unknown_role"),
        ({"role": ROLE}, 6, 413, "too_many_files"),
        ({"role": ROLE}, 0, 422, "invalid_request"),
        ({}, 1, 422, "invalid_request"),
    ],
)
def test_upload_errors_have_stable_codes(
    client: TestClient,
    auth: Auth,
    resumes: list[tuple[dict[str, Any], bytes]],
    data: dict[str, str],
    count: int,
    status: int,
    code: str,
) -> None:
    pdf = resumes[0][1]
    files = [("files", (f"cv-{i}.pdf", pdf, "application/pdf")) for i in range(count)]
    response = client.post("/v1/screenings", data=data, files=files or None, headers=auth["recruiter"])
    assert response.status_code == status, response.text
    assert response.json()["code"] == code
    assert set(response.json()) == {"code", "message"}


def test_an_upload_without_any_pdf_is_refused_and_stores_nothing(
    client: TestClient, auth: Auth, service_settings: Settings
) -> None:
    def total() -> int:
        page = client.get("/v1/screenings", params={"limit": 200}, headers=auth["recruiter"]).json()
        return len(page["items"])

    before = total()
    files = [
        ("files", ("notes.txt", b"not a pdf at all", "text/plain")),
        ("files", ("photo.png", b"\x89PNG\r\n\x1a\n" + bytes(64), "image/png")),
        # Over the size limit too: what it is (no PDF) decides, not its size.
        (
            "files",
            ("slides.pptx", b"PK\x03\x04" + bytes(service_settings.parse.max_bytes), "application/zip"),
        ),
    ]
    response = client.post("/v1/screenings", data={"role": ROLE}, files=files, headers=auth["recruiter"])
    assert response.status_code == 415, response.text
    assert response.json() == {
        "code": "unsupported_media_type",
        "message": "none of the uploaded files is a PDF",
    }
    assert total() == before


def test_an_oversized_upload_is_refused_before_it_is_read(client: TestClient, auth: Auth) -> None:
    headers = {
        **auth["recruiter"],
        "Content-Length": str(10**10),
        "Content-Type": "multipart/form-data; boundary=x",
    }
    response = client.post("/v1/screenings", content=b"--x--", headers=headers)
    assert response.status_code == 413
    assert response.json()["code"] == "request_too_large"


def test_screenings_are_listed_newest_first_with_pagination(
    client: TestClient, auth: Auth, upload: dict[str, Any]
) -> None:
    everything = client.get("/v1/screenings", headers=auth["auditor"]).json()["items"]
    assert upload["id"] in [s["id"] for s in everything]
    first = client.get("/v1/screenings", params={"limit": 1}, headers=auth["recruiter"]).json()
    second = client.get("/v1/screenings", params={"limit": 1, "offset": 1}, headers=auth["recruiter"]).json()
    assert [s["id"] for s in first["items"] + second["items"]] == [s["id"] for s in everything[:2]]
    assert client.get("/v1/screenings", params={"limit": 0}, headers=auth["recruiter"]).status_code == 422


def test_a_screening_reads_back_as_it_was_created(
    client: TestClient, auth: Auth, upload: dict[str, Any]
) -> None:
    body = client.get(f"/v1/screenings/{upload['id']}", headers=auth["recruiter"]).json()
    assert body["role"] == ROLE
    assert [c["id"] for c in body["candidates"]] == [c["id"] for c in upload["candidates"]]
    assert body["candidates"] == upload["candidates"]


def test_unknown_ids_are_not_found(client: TestClient, auth: Auth, upload: dict[str, Any]) -> None:
    other = client.get("/v1/screenings", headers=auth["recruiter"]).json()["items"]
    other_id = next(s["id"] for s in other if s["id"] != upload["id"])
    cid = upload["candidates"][0]["id"]
    for url in (
        "/v1/screenings/nope",
        f"/v1/screenings/{upload['id']}/candidates/nope",
        f"/v1/screenings/{other_id}/candidates/{cid}",  # a candidate of another screening
        "/v1/nothing-here",
    ):
        response = client.get(url, headers=auth["recruiter"])
        assert response.status_code == 404, url
        assert response.json()["code"] == "not_found"


def test_decisions_record_overrides_against_the_ranking(
    client: TestClient, auth: Auth, upload: dict[str, Any]
) -> None:
    ranked = _ranked(upload)
    top, bottom = ranked[0], ranked[-1]
    base = f"/v1/screenings/{upload['id']}/candidates"
    cases = [
        (top, "advance", False),
        (top, "reject", True),
        (bottom, "advance", True),
        (bottom, "hold", False),
    ]
    for candidate, decision, override in cases:
        response = client.post(
            f"{base}/{candidate['id']}/decisions",
            json={"decision": decision, "reason": "read the résumé in full"},
            headers=auth["recruiter"],
        )
        assert response.status_code == 201, response.text
        assert response.json()["override"] is override, (candidate["rank"], decision)
    error_row = next(c for c in upload["candidates"] if c["status"] == "error")
    response = client.post(
        f"{base}/{error_row['id']}/decisions",
        json={"decision": "reject", "reason": "unreadable"},
        headers=auth["admin"],
    )
    assert response.json()["override"] is False
    body = client.get(f"{base}/{top['id']}", headers=auth["auditor"]).json()
    assert [d["decision"] for d in body["decisions"]] == ["advance", "reject"]
    events = client.get(
        "/v1/audit",
        params={"candidate_id": top["id"], "action": "decision.recorded"},
        headers=auth["auditor"],
    ).json()["items"]
    assert len(events) == 2
    assert events[0]["model_versions"]["background"] == "screening-background/test"
    assert events[1]["details"]["override"] is True


@pytest.mark.parametrize(
    "payload",
    [
        {"decision": "advance", "reason": "   "},
        {"decision": "advance"},
        {"decision": "promote", "reason": "why not"},
        {"decision": "advance", "reason": "ok", "extra": 1},
    ],
)
def test_invalid_decisions_are_refused(
    client: TestClient, auth: Auth, upload: dict[str, Any], payload: dict[str, Any]
) -> None:
    cid = upload["candidates"][0]["id"]
    response = client.post(
        f"/v1/screenings/{upload['id']}/candidates/{cid}/decisions", json=payload, headers=auth["recruiter"]
    )
    assert response.status_code == 422
    assert response.json()["code"] == "invalid_request"


def _personal_data(resumes: list[tuple[dict[str, Any], bytes]]) -> list[str]:
    return [r["truth"][k] for r, _ in resumes for k in ("name", "email", "phone")]


def test_explanation_in_json_and_html_without_personal_data(
    client: TestClient, auth: Auth, upload: dict[str, Any], resumes: list[tuple[dict[str, Any], bytes]]
) -> None:
    top = _ranked(upload)[0]
    url = f"/v1/screenings/{upload['id']}/candidates/{top['id']}/explanation"
    data = client.get(url, headers=auth["auditor"]).json()
    assert data["candidate_id"] == top["id"]
    assert data["role"]["id"] == ROLE
    assert data["role"]["title"]
    assert data["fit"]["score"] == top["fit"]["score"]
    assert data["model_versions"]["aha"] == "screening-aha/test"
    assert "contest" in data["how_to_contest"]
    assert set(data["labels"]) == {"tradfi", "web2", "web3", "adaptable", "high_potential", "ambitious"}
    page = client.get(url, headers={**auth["recruiter"], "Accept": "text/html"})
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert "How to contest" in page.text
    assert "screening-aha/test" in page.text
    assert "<script" not in page.text
    for value in _personal_data(resumes):
        assert value not in page.text
        assert value not in str(data)
    assert "cv-" not in page.text  # the file name is not shown


def test_label_corrections_are_recorded_exported_and_audited(
    client: TestClient, auth: Auth, upload: dict[str, Any]
) -> None:
    top = _ranked(upload)[0]
    url = f"/v1/screenings/{upload['id']}/candidates/{top['id']}/labels"
    for body in ({"label": "web3", "value": 1, "note": "DeFi work"}, {"label": "adaptable", "value": 0}):
        response = client.post(url, json=body, headers=auth["recruiter"])
        assert response.status_code == 201, response.text
        assert response.json()["label"] == body["label"]
    for bad in (
        {"label": "web3", "value": 2},
        {"label": "web3", "value": True},
        {"label": "web3", "value": "1"},
        {"label": "kind", "value": 1},
    ):
        response = client.post(url, json=bad, headers=auth["recruiter"])
        assert response.status_code == 422, bad
        assert response.json()["code"] == "invalid_request"
    records = client.get("/v1/labels/export", headers=auth["admin"]).json()
    mine = [r for r in records if top["id"] in r["candidate_ids"]]
    assert len(mine) == 1
    assert mine[0]["corrections"] == {"web3": 1, "adaptable": 0}
    assert mine[0]["adaptable"] == 0
    assert mine[0]["background"] is None  # tradfi and web2 not reviewed: unknown, not negative
    assert mine[0]["text"]
    events = client.get("/v1/audit", params={"action": "labels.exported"}, headers=auth["admin"]).json()[
        "items"
    ]
    assert events


def test_audit_log_tells_the_story_of_a_screening(
    client: TestClient, auth: Auth, upload: dict[str, Any]
) -> None:
    items = client.get("/v1/audit", params={"screening_id": upload["id"]}, headers=auth["auditor"]).json()[
        "items"
    ]
    actions = [e["action"] for e in items]
    assert actions[0] == "screening.created"
    assert actions.count("candidate.added") == 5
    assert "screening.status" in actions
    ids = [e["id"] for e in items]
    assert ids == sorted(ids)
    after = client.get(
        "/v1/audit", params={"screening_id": upload["id"], "after_id": ids[0]}, headers=auth["auditor"]
    ).json()["items"]
    assert [e["id"] for e in after] == ids[1:]


def test_roles_are_listed_and_not_created_through_the_api(client: TestClient, auth: Auth) -> None:
    roles = client.get("/v1/roles", headers=auth["recruiter"]).json()
    assert ROLE in {r["id"] for r in roles}
    response = client.post("/v1/roles", json={"id": "x"}, headers=auth["admin"])
    assert response.status_code == 501
    assert response.json()["code"] == "not_implemented"


def test_models_report_versions_and_thresholds(client: TestClient, auth: Auth) -> None:
    body = client.get("/v1/models", headers=auth["recruiter"]).json()
    assert body["versions"]["background"] == "screening-background/test"
    assert body["models"]["aha"]["thresholds"] == {"adaptable": 0.5, "high_potential": 0.5, "ambitious": 0.5}


def test_metrics_count_requests_by_route_and_screenings(client: TestClient, upload: dict[str, Any]) -> None:
    text = client.get("/metrics").text
    assert 'route="/v1/screenings"' in text
    assert 'route="/v1/screenings/{screening_id}"' in text or "screening_http_requests_total" in text
    assert "screening_screenings_created_total" in text
    assert 'screening_files_scored_total{status="error"}' in text
    assert "screening_http_request_duration_seconds_bucket" in text
    assert upload["id"] not in text  # route templates, never raw paths with ids


def test_model_reload_swaps_the_scorer_and_keeps_it_on_failure(
    client: TestClient,
    app: FastAPI,
    auth: Auth,
    scoring_models: ScoringModels,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from screening.api import app as app_module

    newer = dataclasses.replace(scoring_models, background_version="screening-background/7")
    monkeypatch.setattr(app_module, "load_champions", lambda _settings: newer)
    old_scorer = app.state.scorer
    response = client.post("/v1/models/reload", headers=auth["admin"])
    assert response.status_code == 200, response.text
    assert response.json()["current"]["background"] == "screening-background/7"
    assert app.state.scorer is not old_scorer
    assert old_scorer.versions.background == "screening-background/test"  # in-flight requests keep theirs
    assert client.get("/v1/models", headers=auth["auditor"]).json()["versions"]["background"].endswith("/7")

    def broken(_settings: object) -> ScoringModels:
        raise RuntimeError("registry down")

    monkeypatch.setattr(app_module, "load_champions", broken)
    failed = client.post("/v1/models/reload", headers=auth["admin"])
    assert failed.status_code == 503
    assert failed.json()["code"] == "reload_failed"
    assert client.get("/readyz").json()["models"]["background"] == "screening-background/7"
    events = client.get("/v1/audit", params={"action": "models.reloaded"}, headers=auth["auditor"]).json()[
        "items"
    ]
    assert events[-1]["model_versions"]["background"] == "screening-background/7"
    monkeypatch.setattr(app_module, "load_champions", lambda _settings: scoring_models)
    assert client.post("/v1/models/reload", headers=auth["admin"]).status_code == 200

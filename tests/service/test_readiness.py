"""Start-up without models, an unreachable database, and unexpected errors: JSON answers, no crash."""

from __future__ import annotations

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from screening.api import app as app_module
from screening.api.app import create_app
from screening.settings import Settings
from screening.store.db import make_engine
from screening.store.repo import create_api_key


def _fail(_settings: Settings) -> None:
    raise RuntimeError("no registry here")


def test_the_app_starts_without_models_and_is_not_ready(
    service_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(app_module, "load_champions", _fail)
    app = create_app(service_settings)
    with TestClient(app) as client:
        assert client.get("/healthz").status_code == 200
        ready = client.get("/readyz")
        assert ready.status_code == 503
        assert ready.json()["code"] == "models_unavailable"
        assert ready.json()["message"].startswith(
            "no scoring model is loaded: the models could not be loaded"
        )
        with app.state.sessions.begin() as session:
            _, secret = create_api_key(session, "recruiter", "r")
        headers = {"Authorization": f"Bearer {secret}"}
        models = client.get("/v1/models", headers=headers)
        assert models.status_code == 503
        assert models.json()["code"] == "models_unavailable"
        upload = client.post(
            "/v1/screenings",
            data={"role": "risk-analyst"},
            files=[("files", ("a.pdf", b"%PDF", "application/pdf"))],
            headers=headers,
        )
        assert upload.status_code == 503


def test_readiness_reports_an_unreachable_database(client: TestClient, app: FastAPI) -> None:
    engine = app.state.engine
    dead = make_engine("postgresql+psycopg://postgres@127.0.0.1:1/none?connect_timeout=2")
    app.state.engine = dead
    try:
        response = client.get("/readyz")
    finally:
        app.state.engine = engine
        dead.dispose()
    assert response.status_code == 503
    assert response.json()["code"] == "database_unavailable"
    assert client.get("/readyz").status_code == 200


def test_an_unexpected_error_is_a_json_500(
    client: TestClient, app: FastAPI, auth: dict[str, dict[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    from screening.api import routes

    def boom(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("Jane Doe, jane@example.org")

    monkeypatch.setattr(routes.repo, "list_screenings", boom)
    # A second client on the running app (not entered: the lifespan already runs in ``client``).
    quiet = TestClient(app, raise_server_exceptions=False)
    response = quiet.get("/v1/screenings", headers=auth["auditor"])
    assert response.status_code == 500
    assert response.json()["code"] == "internal_error"

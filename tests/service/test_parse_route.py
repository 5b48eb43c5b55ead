"""The service's parse route, through the real app and its lifespan (worker pool included)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests import pdf_builders as pdfs


def test_health_and_readiness(client: TestClient) -> None:
    assert client.get("/healthz").json() == {"status": "alive"}
    ready = client.get("/readyz").json()
    assert ready["status"] == "ready"
    assert ready["database"] == "ok"
    assert ready["models"]["background"] == "screening-background/test"


def test_parse_route_returns_the_parsed_resume(client: TestClient, auth: dict[str, dict[str, str]]) -> None:
    pdf = pdfs.one_column(["Ana Costa", "Experience", "Product Manager, Shopify, 2019 - 2023"])
    response = client.post(
        "/v1/parse", files={"file": ("ana.pdf", pdf, "application/pdf")}, headers=auth["recruiter"]
    )
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["positions"][0]["employer"] == "Shopify"


@pytest.mark.parametrize(
    ("payload", "status", "code"),
    [(b"plain text", 415, "not_pdf"), (pdfs.encrypted(pdfs.one_column(["x y z"]), "pw"), 422, "encrypted")],
)
def test_parse_route_answers_bad_files_with_stable_codes(
    client: TestClient, auth: dict[str, dict[str, str]], payload: bytes, status: int, code: str
) -> None:
    response = client.post(
        "/v1/parse", files={"file": ("f.pdf", payload, "application/pdf")}, headers=auth["recruiter"]
    )
    assert response.status_code == status
    assert response.json()["code"] == code

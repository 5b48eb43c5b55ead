"""The service's parse route, through the real app and its lifespan (worker pool included)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from screening.api.app import create_app
from screening.settings import Settings
from tests import pdf_builders as pdfs


@pytest.fixture(scope="module")
def client(settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings.model_copy(update={"parse_workers": 1}))) as c:
        yield c


def test_health_and_readiness(client: TestClient) -> None:
    assert client.get("/healthz").json() == {"status": "alive"}
    assert client.get("/readyz").json()["status"] == "ready"


def test_parse_route_returns_the_parsed_resume(client: TestClient) -> None:
    pdf = pdfs.one_column(["Ana Costa", "Experience", "Product Manager, Shopify, 2019 - 2023"])
    response = client.post("/v1/parse", files={"file": ("ana.pdf", pdf, "application/pdf")})
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["positions"][0]["employer"] == "Shopify"


@pytest.mark.parametrize(
    ("payload", "status", "code"),
    [(b"plain text", 415, "not_pdf"), (pdfs.encrypted(pdfs.one_column(["x y z"]), "pw"), 422, "encrypted")],
)
def test_parse_route_answers_bad_files_with_stable_codes(
    client: TestClient, payload: bytes, status: int, code: str
) -> None:
    response = client.post("/v1/parse", files={"file": ("f.pdf", payload, "application/pdf")})
    assert response.status_code == status
    assert response.json()["code"] == code

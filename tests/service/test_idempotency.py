"""``Idempotency-Key`` on decision and label-correction posts, on SQLite and PostgreSQL: a retry
stores nothing new and answers the original response; the same key with another request is
refused; keys are per API key; a failed request does not use its key up."""

from __future__ import annotations

import threading
import uuid
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from screening.store.repo import create_api_key
from training.corpus.generate import generate_example

Auth = dict[str, dict[str, str]]


@pytest.fixture(scope="module")
def candidate_url(client: TestClient, auth: Auth) -> str:
    """The URL of a scored candidate of a fresh screening."""
    files = [("files", (f"cv-{i}.pdf", generate_example(61, i)[1], "application/pdf")) for i in range(2)]
    response = client.post(
        "/v1/screenings", data={"role": "risk-analyst"}, files=files, headers=auth["recruiter"]
    )
    assert response.status_code == 201, response.text
    body = response.json()
    return f"/v1/screenings/{body['id']}/candidates/{body['candidates'][0]['id']}"


def _with_key(headers: dict[str, str], key: str) -> dict[str, str]:
    return {**headers, "Idempotency-Key": key}


def _decisions(client: TestClient, auth: Auth, url: str) -> list[dict[str, Any]]:
    decisions: list[dict[str, Any]] = client.get(url, headers=auth["auditor"]).json()["decisions"]
    return decisions


def _decision_events(client: TestClient, auth: Auth, decision_id: str) -> list[dict[str, Any]]:
    items = client.get(
        "/v1/audit", params={"action": "decision.recorded", "limit": 500}, headers=auth["auditor"]
    ).json()["items"]
    return [e for e in items if e["details"]["decision_id"] == decision_id]


def test_a_retried_decision_is_stored_once_and_answered_the_same(
    client: TestClient, auth: Auth, candidate_url: str
) -> None:
    key = str(uuid.uuid4())
    payload = {"decision": "hold", "reason": "retry me"}
    before = len(_decisions(client, auth, candidate_url))
    first = client.post(f"{candidate_url}/decisions", json=payload, headers=_with_key(auth["recruiter"], key))
    again = client.post(f"{candidate_url}/decisions", json=payload, headers=_with_key(auth["recruiter"], key))
    assert first.status_code == again.status_code == 201
    assert "idempotent-replayed" not in first.headers
    assert again.headers["idempotent-replayed"] == "true"
    assert again.json() == first.json()
    decisions = _decisions(client, auth, candidate_url)
    assert len(decisions) == before + 1
    assert decisions[-1]["id"] == first.json()["id"]
    assert len(_decision_events(client, auth, first.json()["id"])) == 1


def test_the_same_key_with_another_request_is_refused(
    client: TestClient, auth: Auth, candidate_url: str
) -> None:
    key = str(uuid.uuid4())
    headers = _with_key(auth["recruiter"], key)
    first = client.post(
        f"{candidate_url}/decisions", json={"decision": "hold", "reason": "a"}, headers=headers
    )
    assert first.status_code == 201
    before = len(_decisions(client, auth, candidate_url))
    other = client.post(
        f"{candidate_url}/decisions", json={"decision": "advance", "reason": "a"}, headers=headers
    )
    assert other.status_code == 422
    assert other.json()["code"] == "idempotency_key_reused"
    # The same key on another route is another request too.
    label = client.post(f"{candidate_url}/labels", json={"label": "web2", "value": 1}, headers=headers)
    assert label.status_code == 422
    assert label.json()["code"] == "idempotency_key_reused"
    assert len(_decisions(client, auth, candidate_url)) == before


def test_keys_belong_to_one_api_key(client: TestClient, app: FastAPI, auth: Auth, candidate_url: str) -> None:
    with app.state.sessions.begin() as session:
        _, other_secret = create_api_key(session, "recruiter", "another recruiter")
    key = str(uuid.uuid4())
    payload = {"decision": "reject", "reason": "each reviewer decides"}
    mine = client.post(f"{candidate_url}/decisions", json=payload, headers=_with_key(auth["recruiter"], key))
    theirs = client.post(
        f"{candidate_url}/decisions",
        json=payload,
        headers={"Authorization": f"Bearer {other_secret}", "Idempotency-Key": key},
    )
    assert mine.status_code == theirs.status_code == 201
    assert "idempotent-replayed" not in theirs.headers
    assert mine.json()["id"] != theirs.json()["id"]


def test_a_failed_request_does_not_use_its_key_up(client: TestClient, auth: Auth, candidate_url: str) -> None:
    key = str(uuid.uuid4())
    headers = _with_key(auth["recruiter"], key)
    screening_url = candidate_url.rsplit("/candidates/", 1)[0]
    missing = client.post(
        f"{screening_url}/candidates/{uuid.uuid4()}/decisions",
        json={"decision": "hold", "reason": "x"},
        headers=headers,
    )
    assert missing.status_code == 404
    ok = client.post(f"{candidate_url}/decisions", json={"decision": "hold", "reason": "x"}, headers=headers)
    assert ok.status_code == 201
    assert "idempotent-replayed" not in ok.headers


def test_a_retried_label_correction_is_stored_once(
    client: TestClient, auth: Auth, candidate_url: str
) -> None:
    key = str(uuid.uuid4())
    payload = {"label": "tradfi", "value": 0, "note": "no bank"}
    first = client.post(f"{candidate_url}/labels", json=payload, headers=_with_key(auth["recruiter"], key))
    again = client.post(f"{candidate_url}/labels", json=payload, headers=_with_key(auth["recruiter"], key))
    assert first.status_code == again.status_code == 201
    assert again.headers["idempotent-replayed"] == "true"
    assert again.json() == first.json()
    corrections = client.get(candidate_url, headers=auth["auditor"]).json()["label_corrections"]
    assert [c["id"] for c in corrections].count(first.json()["id"]) == 1
    assert sum(c["note"] == "no bank" for c in corrections) == 1


def test_concurrent_requests_with_one_key_store_one_decision(
    client: TestClient, auth: Auth, candidate_url: str
) -> None:
    key = str(uuid.uuid4())
    payload = {"decision": "advance", "reason": "sent from eight tabs at once"}
    before = len(_decisions(client, auth, candidate_url))
    answers: list[tuple[int, str]] = []
    start = threading.Barrier(8)

    def post() -> None:
        start.wait()
        r = client.post(f"{candidate_url}/decisions", json=payload, headers=_with_key(auth["recruiter"], key))
        answers.append((r.status_code, r.json().get("id", r.text)))

    threads = [threading.Thread(target=post) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert len(answers) == 8
    assert {status for status, _ in answers} == {201}
    assert len({decision_id for _, decision_id in answers}) == 1
    assert len(_decisions(client, auth, candidate_url)) == before + 1
    assert len(_decision_events(client, auth, answers[0][1])) == 1


@pytest.mark.parametrize("key", ["", "x" * 256, "has space", "é-accent".encode()])
def test_a_malformed_key_is_refused(
    client: TestClient, auth: Auth, candidate_url: str, key: str | bytes
) -> None:
    headers: dict[str, Any] = {**auth["recruiter"], "Idempotency-Key": key}
    response = client.post(
        f"{candidate_url}/decisions", json={"decision": "hold", "reason": "x"}, headers=headers
    )
    assert response.status_code == 422
    assert response.json()["code"] == "invalid_request"


def test_the_header_is_documented_in_the_openapi_schema(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for path, method in [
        ("/v1/screenings/{screening_id}/candidates/{candidate_id}/decisions", "post"),
        ("/v1/screenings/{screening_id}/candidates/{candidate_id}/labels", "post"),
    ]:
        params = {p["name"]: p for p in paths[path][method]["parameters"]}
        assert params["Idempotency-Key"]["in"] == "header"
        assert not params["Idempotency-Key"].get("required", False)

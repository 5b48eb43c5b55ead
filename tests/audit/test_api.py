"""``GET``/``POST /v1/audit/bias`` through the real app (real models, parser workers and store),
on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from screening.settings import Settings
from training.corpus.generate import generate_example

ROLE = "risk-analyst"
Auth = dict[str, dict[str, str]]
#: Who is who, and what was decided (in upload order): female 1 of 2 advanced, male 2 of 2.
PEOPLE = (("female", "Asian", "advance"), ("female", "Black", "reject"), ("male", "Asian", "advance"),
          ("male", "Black", "advance"))  # fmt: skip


@pytest.fixture(scope="module")
def demographics_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where the service reads demographics (written once the candidates exist)."""
    return tmp_path_factory.mktemp("audit") / "demographics.csv"


@pytest.fixture(scope="module")
def service_settings(settings: Settings, module_db_url: str, demographics_file: Path) -> Settings:
    """The root conftest's service settings, with a demographics file configured."""
    return settings.model_copy(
        update={
            "database_url": module_db_url,
            "parse_workers": 1,
            "max_files_per_request": 5,
            "demographics_path": demographics_file,
        }
    )


@pytest.fixture(scope="module")
def screening(client: TestClient, auth: Auth, demographics_file: Path) -> dict[str, Any]:
    """Four generated résumés and a file that is not a PDF, uploaded for a role; a decision on
    each résumé (one changed later); demographics of the four written by candidate id."""
    resumes = [generate_example(31, i, zh_share=0.0) for i in range(4)]
    files = [("files", (f"cv-{i}.pdf", pdf, "application/pdf")) for i, (_, pdf) in enumerate(resumes)]
    files.append(("files", ("notes.txt", b"not a pdf", "text/plain")))
    response = client.post("/v1/screenings", data={"role": ROLE}, files=files, headers=auth["recruiter"])
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    by_file = {c["file"]: c for c in body["candidates"]}
    base = f"/v1/screenings/{body['id']}/candidates"
    for i, (_, _, decision) in enumerate(PEOPLE):
        cid = by_file[f"cv-{i}.pdf"]["id"]
        if i == 0:  # rejected first, advanced later: the latest decision counts
            first = {"decision": "reject", "reason": "first look"}
            assert (
                client.post(f"{base}/{cid}/decisions", json=first, headers=auth["recruiter"]).status_code
                == 201
            )
        sent = client.post(
            f"{base}/{cid}/decisions",
            json={"decision": decision, "reason": "read"},
            headers=auth["recruiter"],
        )
        assert sent.status_code == 201
    lines = ["id,sex,race_ethnicity"]
    lines += [f"{by_file[f'cv-{i}.pdf']['id']},{sex},{race}" for i, (sex, race, _) in enumerate(PEOPLE)]
    demographics_file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return body


def test_decisions_audit_as_json(client: TestClient, auth: Auth, screening: dict[str, Any]) -> None:
    response = client.get("/v1/audit/bias", params={"role": ROLE}, headers=auth["auditor"])
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["basis"], body["candidates"], body["selected"], body["matched"]) == ("decisions", 4, 3, 4)
    sex = body["categories"][0]
    assert sex["category"] == "sex"
    rows = {g["group"]: g for g in sex["groups"]}
    assert rows["female"]["rate"] == 0.5
    assert rows["male"]["rate"] == 1.0
    assert rows["female"]["impact_ratio"] == 0.5
    assert sex["flagged"] == ["female"]
    assert sex["reference_group"] == "male"
    assert [t["category"] for t in body["categories"]] == ["sex", "race_ethnicity", "sex × race_ethnicity"]
    assert body["versions"] == ["screening-aha/test", "screening-background/test"]


def test_scores_audit_of_one_screening(client: TestClient, auth: Auth, screening: dict[str, Any]) -> None:
    response = client.get(
        "/v1/audit/bias", params={"screening": screening["id"], "basis": "scores"}, headers=auth["admin"]
    )
    assert response.status_code == 200, response.text
    body = response.json()
    scored = [c for c in screening["candidates"] if c["status"] == "scored"]
    assert body["candidates"] == len(scored)
    assert body["excluded"] == len(screening["candidates"]) - len(scored)
    scores = sorted(c["fit"]["score"] for c in scored)
    assert body["selected"] == sum(s > body["median"] for s in scores)
    by_label = client.get(
        "/v1/audit/bias", params={"basis": "scores", "label": "web3", "role": ROLE}, headers=auth["auditor"]
    )
    assert by_label.status_code == 200
    assert by_label.json()["score"] == "web3 probability"


def test_markdown_and_html(client: TestClient, auth: Auth, screening: dict[str, Any]) -> None:
    md = client.get("/v1/audit/bias", params={"format": "md"}, headers=auth["auditor"])
    assert md.status_code == 200
    assert md.headers["content-type"].startswith("text/markdown")
    assert "| female | 2 | 50.0% | 1 | 0.500" in md.text
    html = client.get("/v1/audit/bias", params={"format": "html"}, headers=auth["auditor"])
    assert html.headers["content-type"].startswith("text/html")
    assert "<h2>sex × race_ethnicity</h2>" in html.text


@pytest.mark.parametrize(
    ("params", "status", "code"),
    [
        ({"role": "astronaut"}, 422, "unknown_role"),
        ({"screening": "00000000-0000-0000-0000-000000000000"}, 404, "not_found"),
        ({"label": "web3"}, 422, "invalid_request"),
        ({"basis": "scores", "label": "charisma"}, 422, "unknown_label"),
        ({"since": "last tuesday"}, 422, "invalid_request"),
        ({"since": "2999-01-01"}, 422, "no_candidates"),
        ({"basis": "votes"}, 422, "invalid_request"),
    ],
)
def test_bad_requests(
    client: TestClient, auth: Auth, screening: dict[str, Any], params: dict[str, str], status: int, code: str
) -> None:
    response = client.get("/v1/audit/bias", params=params, headers=auth["auditor"])
    assert response.status_code == status, response.text
    assert response.json()["code"] == code


@pytest.fixture
def no_demographics(app: FastAPI, service_settings: Settings) -> Iterator[None]:
    from screening.api.deps import get_settings

    app.dependency_overrides[get_settings] = lambda: service_settings.model_copy(
        update={"demographics_path": None}
    )
    yield
    app.dependency_overrides.pop(get_settings)


def test_no_configured_demographics_is_a_conflict(
    client: TestClient, auth: Auth, screening: dict[str, Any], no_demographics: None
) -> None:
    response = client.get("/v1/audit/bias", headers=auth["auditor"])
    assert response.status_code == 409
    assert response.json()["code"] == "demographics_unavailable"


def test_upload_demographics_for_one_report(
    client: TestClient, auth: Auth, screening: dict[str, Any], no_demographics: None
) -> None:
    by_file = {c["file"]: c["id"] for c in screening["candidates"]}
    # Only the two women are known this time: the men are unknown.
    csv_text = f"id,sex\n{by_file['cv-0.pdf']},female\n{by_file['cv-1.pdf']},female\n"
    response = client.post(
        "/v1/audit/bias",
        data={"role": ROLE, "format": "json"},
        files={"demographics": ("people.csv", csv_text.encode(), "text/csv")},
        headers=auth["auditor"],
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["matched"] == 2
    sex = body["categories"][0]
    assert sex["unknown"] == {"n": 2, "selected": 2, "rate": 1.0}
    assert [t["category"] for t in body["categories"]] == ["sex"]
    bad = client.post(
        "/v1/audit/bias",
        files={"demographics": ("people.csv", b"who,sex\nx,female\n", "text/csv")},
        headers=auth["auditor"],
    )
    assert bad.status_code == 422
    assert bad.json()["code"] == "invalid_demographics"
    binary = client.post(
        "/v1/audit/bias",
        files={"demographics": ("p.csv", b"\xff\xfe\x00id", "text/csv")},
        headers=auth["admin"],
    )
    assert binary.json()["code"] == "invalid_demographics"
    missing = client.post("/v1/audit/bias", data={"role": ROLE}, headers=auth["auditor"])
    assert missing.status_code == 422


def test_each_report_is_in_the_audit_log_without_demographics(
    client: TestClient, auth: Auth, screening: dict[str, Any]
) -> None:
    assert client.get("/v1/audit/bias", params={"role": ROLE}, headers=auth["auditor"]).status_code == 200
    events = client.get(
        "/v1/audit", params={"action": "bias_audit.reported", "limit": 500}, headers=auth["auditor"]
    ).json()["items"]
    assert events
    last = events[-1]
    assert last["details"]["role"] == ROLE
    assert last["details"]["candidates"] == 4
    assert "female" not in str(last["details"])

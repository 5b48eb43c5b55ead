"""The web UI's pages through the real app (SQLite and PostgreSQL): sign-in, CSRF, uploads,
the shortlist, blind review, decisions and role rules. The browser tests drive the same pages
in Chromium (``test_browser.py``)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from fastapi.testclient import TestClient

from training.corpus.generate import generate_example

ROLE = "risk-analyst"


@pytest.fixture(scope="module")
def resumes() -> list[tuple[dict[str, Any], bytes]]:
    return [generate_example(31, i, zh_share=0.0) for i in range(3)]


def _csrf(html: str) -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert match, "the page has no CSRF field"
    return match.group(1)


def _sign_in(client: TestClient, secret: str) -> None:
    client.cookies.clear()
    form = client.get("/sign-in")
    response = client.post(
        "/sign-in",
        data={"api_key": secret, "csrf_token": _csrf(form.text), "next": "/screenings"},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text
    cookie = response.headers["set-cookie"]
    assert "aha_session=" in cookie
    assert "HttpOnly" in cookie
    assert "SameSite=strict" in cookie


@pytest.fixture(scope="module")
def screening_url(
    client: TestClient, api_keys: dict[str, str], resumes: list[tuple[dict[str, Any], bytes]]
) -> str:
    _sign_in(client, api_keys["recruiter"])
    page = client.get("/screenings/new")
    files = [("files", (f"{r['truth']['name']}.pdf", pdf, "application/pdf")) for r, pdf in resumes]
    files.append(("files", ("scan.pdf", b"%PDF-1.4 not really", "application/pdf")))
    response = client.post(
        "/screenings/new",
        data={"role": ROLE, "csrf_token": _csrf(page.text)},
        files=files,
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text
    url: str = response.headers["location"]
    assert url.startswith("/screenings/")
    return url


def test_pages_need_a_sign_in_and_come_back_after_it(client: TestClient, api_keys: dict[str, str]) -> None:
    client.cookies.clear()
    response = client.get("/screenings?offset=0", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/sign-in?next=%2Fscreenings%3Foffset%3D0"
    form = client.get(response.headers["location"])
    assert 'value="/screenings?offset=0"' in form.text
    wrong = client.post(
        "/sign-in", data={"api_key": "aha_wrong", "csrf_token": _csrf(form.text)}, follow_redirects=False
    )
    assert wrong.status_code == 401
    assert "unknown or revoked" in wrong.text
    assert "aha_session" not in wrong.headers.get("set-cookie", "")


def test_sign_in_refuses_a_form_without_its_token(client: TestClient, api_keys: dict[str, str]) -> None:
    client.cookies.clear()
    client.get("/sign-in")
    response = client.post("/sign-in", data={"api_key": api_keys["recruiter"], "csrf_token": "forged"})
    assert response.status_code == 403
    assert "csrf_failed" in response.text


@pytest.mark.parametrize("target", ["//evil.example/x", "https://evil.example/", "/\\evil"])
def test_sign_in_never_redirects_to_another_site(
    client: TestClient, api_keys: dict[str, str], target: str
) -> None:
    client.cookies.clear()
    form = client.get("/sign-in")
    response = client.post(
        "/sign-in",
        data={"api_key": api_keys["auditor"], "csrf_token": _csrf(form.text), "next": target},
        follow_redirects=False,
    )
    assert response.headers["location"] == "/screenings"


def test_the_shortlist_ranks_scored_candidates_and_lists_unreadable_ones_apart(
    client: TestClient,
    api_keys: dict[str, str],
    screening_url: str,
    resumes: list[tuple[dict[str, Any], bytes]],
) -> None:
    _sign_in(client, api_keys["recruiter"])
    page = client.get(screening_url)
    assert page.status_code == 200
    ranked = page.text.split('id="shortlist"')[1].split("</table>")[0]
    apart = page.text.split('id="apart"')[1].split("</table>")[0]
    assert ranked.count("data-candidate=") == 3
    assert apart.count("data-candidate=") == 1
    for rank in (1, 2, 3):
        assert f">Candidate {rank}<" in ranked  # blind review: no file names (they carry names)
    for record, _ in resumes:
        assert record["truth"]["name"] not in page.text
    assert page.headers["cache-control"] == "no-store"
    assert "frame-ancestors 'none'" in page.headers["content-security-policy"]
    by_fit = client.get(screening_url + "?sort=fit&order=asc")
    fits = [
        float(x)
        for x in re.findall(r'<span class="num">([0-9.]+)</span>', by_fit.text.split('id="shortlist"')[1])
    ]
    assert fits == sorted(fits)
    assert client.get(screening_url + "?sort=name").status_code == 422


def _candidate_urls(client: TestClient, screening_url: str) -> list[str]:
    page = client.get(screening_url).text.split('id="shortlist"')[1].split("</table>")[0]
    return re.findall(r'href="(/screenings/[^"]+/candidates/[^"]+)"', page)


def test_a_candidate_shows_evidence_in_place_and_masks_identity_until_decided(
    client: TestClient,
    api_keys: dict[str, str],
    screening_url: str,
    resumes: list[tuple[dict[str, Any], bytes]],
) -> None:
    _sign_in(client, api_keys["recruiter"])
    url = _candidate_urls(client, screening_url)[0]
    page = client.get(url + "?label=tradfi")
    assert page.status_code == 200
    assert 'aria-current="true" data-label="tradfi"' in page.text
    marks = re.findall(
        r'<mark class="ev (pos|neg)" tabindex="0" data-index="\d+" data-tip="#\d+ · weight ([+-][0-9.]+)"',
        page.text,
    )
    assert marks, "no highlighted evidence"
    names = [r["truth"]["name"] for r, _ in resumes]
    assert 'class="masked"' in page.text
    assert not any(name in page.text for name in names)
    decided = client.post(
        url + "/decision",
        data={
            "decision": "hold",
            "reason": "Check the custody experience.",
            "csrf_token": _csrf(page.text),
            "label": "tradfi",
        },
        follow_redirects=False,
    )
    assert decided.status_code == 303
    assert decided.headers["location"] == url + "?label=tradfi"
    after = client.get(decided.headers["location"])
    assert "Check the custody experience." in after.text
    assert 'class="masked"' not in after.text
    assert any(name in after.text for name in names)  # revealed once a decision is recorded
    shortlist = client.get(screening_url + "?decision=hold")
    assert shortlist.text.split('id="shortlist"')[1].count("data-candidate=") == 1


def test_decisions_need_a_reason_a_choice_and_the_form_token(
    client: TestClient, api_keys: dict[str, str], screening_url: str
) -> None:
    _sign_in(client, api_keys["recruiter"])
    url = _candidate_urls(client, screening_url)[1]
    token = _csrf(client.get(url).text)
    assert (
        client.post(
            url + "/decision", data={"decision": "advance", "reason": " ", "csrf_token": token}
        ).status_code
        == 422
    )
    assert (
        client.post(
            url + "/decision", data={"decision": "maybe", "reason": "x", "csrf_token": token}
        ).status_code
        == 422
    )
    forged = client.post(
        url + "/decision", data={"decision": "advance", "reason": "x", "csrf_token": "0" * 64}
    )
    assert forged.status_code == 403
    assert "csrf_failed" in forged.text
    assert "No decision yet." in client.get(url).text


def test_an_upload_without_any_pdf_is_refused_with_the_reason(
    client: TestClient, api_keys: dict[str, str], screening_url: str
) -> None:
    _sign_in(client, api_keys["recruiter"])
    before = client.get("/screenings").text.count('href="/screenings/')
    page = client.get("/screenings/new")
    response = client.post(
        "/screenings/new",
        data={"role": ROLE, "csrf_token": _csrf(page.text)},
        files=[("files", ("notes.txt", b"not a pdf at all", "text/plain"))],
        follow_redirects=False,
    )
    assert response.status_code == 415
    assert "None of the uploaded files is a PDF." in response.text
    assert client.get("/screenings").text.count('href="/screenings/') == before


def test_an_auditor_reads_but_cannot_decide_or_upload(
    client: TestClient, api_keys: dict[str, str], screening_url: str
) -> None:
    _sign_in(client, api_keys["auditor"])
    url = _candidate_urls(client, screening_url)[2]
    page = client.get(url)
    assert page.status_code == 200
    assert 'id="decision-form"' not in page.text
    response = client.post(
        url + "/decision", data={"decision": "advance", "reason": "x", "csrf_token": _csrf(page.text)}
    )
    assert response.status_code == 403
    assert client.get("/screenings/new").status_code == 403


def test_the_models_page_shows_the_served_versions(client: TestClient, api_keys: dict[str, str]) -> None:
    _sign_in(client, api_keys["auditor"])
    page = client.get("/models")
    assert page.status_code == 200
    assert "screening-background/test" in page.text
    assert "screening-aha/test" in page.text


def test_sign_out_ends_the_session(client: TestClient, api_keys: dict[str, str]) -> None:
    _sign_in(client, api_keys["recruiter"])
    token = _csrf(client.get("/screenings").text)
    response = client.post("/sign-out", data={"csrf_token": token}, follow_redirects=False)
    assert response.status_code == 303
    assert client.get("/screenings", follow_redirects=False).status_code == 303


def test_an_auditor_audits_a_screening_with_uploaded_demographics(
    client: TestClient,
    api_keys: dict[str, str],
    screening_url: str,
    resumes: list[tuple[dict[str, Any], bytes]],
) -> None:
    import hashlib

    screening_id = screening_url.rsplit("/", 1)[1]
    rows = ["id,sex,race_ethnicity"]
    for (_, pdf), (sex, race) in zip(
        resumes, [("female", "asian"), ("male", "black"), ("female", "")], strict=True
    ):
        rows.append(f"{hashlib.sha256(pdf).hexdigest()},{sex},{race}")
    _sign_in(client, api_keys["recruiter"])
    assert client.get("/audit").status_code == 403
    _sign_in(client, api_keys["auditor"])
    form = client.get("/audit")
    assert form.status_code == 200
    assert 'name="demographics"' in form.text
    response = client.post(
        "/audit",
        data={"csrf_token": _csrf(form.text), "screening": screening_id, "basis": "scores"},
        files={"demographics": ("demo.csv", "\n".join(rows).encode(), "text/csv")},
    )
    assert response.status_code == 200, response.text
    assert "3 candidates audited" in response.text
    sex = response.text.split("<h3>sex")[1].split("</table>")[0]
    counts = dict(
        re.findall(
            r'<th scope="row">(\w+)[^<]*(?:<[^>]+>[^<]*</[^>]+>)*[^<]*</th>\s*<td class="num">(\d+)</td>', sex
        )
    )
    assert counts == {"female": "2", "male": "1"}
    race = response.text.split("<h3>race ethnicity")[1].split("</table>")[0]
    assert re.search(r'unknown</th><td class="num">1</td>', race)
    assert '<svg class="chart"' in response.text
    bad = client.post(
        "/audit",
        data={"csrf_token": _csrf(form.text), "screening": screening_id, "basis": "scores"},
        files={"demographics": ("demo.csv", b"name,sex\nx,female\n", "text/csv")},
    )
    assert bad.status_code == 422

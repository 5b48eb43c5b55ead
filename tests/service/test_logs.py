"""Logs never carry résumé text or personal data: a full upload and review run, captured at DEBUG."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from fastapi.testclient import TestClient

from training.corpus.generate import generate_example

_STANDARD = set(logging.LogRecord("", 0, "", 0, "", None, None).__dict__) | {"message", "asctime"}


def _everything_logged(records: list[logging.LogRecord]) -> str:
    parts = []
    for record in records:
        parts.append(record.getMessage())
        parts.extend(str(v) for k, v in record.__dict__.items() if k not in _STANDARD)
        if record.exc_text:
            parts.append(record.exc_text)
    return "\n".join(parts)


def test_a_full_run_logs_no_personal_data(
    client: TestClient, auth: dict[str, dict[str, str]], caplog: pytest.LogCaptureFixture
) -> None:
    resumes = [generate_example(33, i, zh_share=0.0) for i in range(3)]
    personal: list[str] = [r["truth"][k] for r, _ in resumes for k in ("name", "email", "phone")]
    files: list[Any] = [
        ("files", (f"cv-{i}.pdf", pdf, "application/pdf")) for i, (_, pdf) in enumerate(resumes)
    ]
    files.append(("files", ("broken.pdf", b"%PDF-1.7 garbage", "application/pdf")))
    with caplog.at_level(logging.DEBUG):
        created = client.post(
            "/v1/screenings", data={"role": "risk-analyst"}, files=files, headers=auth["recruiter"]
        )
        assert created.status_code == 201
        body = created.json()
        cid = body["candidates"][0]["id"]
        base = f"/v1/screenings/{body['id']}/candidates/{cid}"
        assert (
            client.post(
                f"{base}/decisions",
                json={"decision": "advance", "reason": "strong"},
                headers=auth["recruiter"],
            ).status_code
            == 201
        )
        assert client.get(f"{base}/explanation", headers=auth["recruiter"]).status_code == 200
        assert (
            client.post(
                f"{base}/labels", json={"label": "web2", "value": 1}, headers=auth["recruiter"]
            ).status_code
            == 201
        )
    logged = _everything_logged(caplog.records)
    assert any(r.name.startswith("screening.") for r in caplog.records)  # the run did log
    for value in personal:
        assert value not in logged
    exported = client.get("/v1/labels/export", headers=auth["admin"]).json()
    text = next(r["text"] for r in exported if cid in r["candidate_ids"])
    lines = [line for line in text.split("\n") if len(line) > 30]
    assert lines
    for line in lines:  # résumé text
        assert line not in logged

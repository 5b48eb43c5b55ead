"""End to end: the real `screening serve` process, real models from a real MLflow registry,
uploads, a decision, a restart, and everything still there."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from screening.bundle import ScoringModels
from tests.live_server import LiveServer, multipart, serving

pytestmark = [pytest.mark.slow]


@pytest.fixture
def server(tmp_path: Path, scoring_models: ScoringModels) -> Iterator[LiveServer]:
    with serving(scoring_models, f"sqlite:///{tmp_path / 'screening.db'}", tmp_path) as srv:
        yield srv


def test_screenings_and_decisions_survive_a_restart(server: LiveServer) -> None:
    from training.corpus.generate import generate_example

    server.start()
    roles = server.call("GET", "/v1/roles")
    assert isinstance(roles, list)
    role = sorted(r["id"] for r in roles)[0]
    files = [(f"cv-{i}.pdf", generate_example(51, i)[1]) for i in range(2)]
    body, content_type = multipart(files, role)
    created = server.call("POST", "/v1/screenings", body, content_type)
    assert isinstance(created, dict)
    screening_id = created["id"]
    candidates = created["candidates"]
    assert [c["status"] for c in candidates] == ["scored", "scored"]
    cid = candidates[0]["id"]
    decision = json.dumps({"decision": "hold", "reason": "e2e: check references first"}).encode()
    server.call(
        "POST", f"/v1/screenings/{screening_id}/candidates/{cid}/decisions", decision, "application/json"
    )

    server.stop()
    server.start()
    again = server.call("GET", f"/v1/screenings/{screening_id}")
    assert isinstance(again, dict)
    assert [c["id"] for c in again["candidates"]] == [c["id"] for c in candidates]
    candidate = server.call("GET", f"/v1/screenings/{screening_id}/candidates/{cid}")
    assert isinstance(candidate, dict)
    assert [d["decision"] for d in candidate["decisions"]] == ["hold"]
    assert candidate["decisions"][0]["reason"] == "e2e: check references first"


def test_two_server_processes_serve_one_store(server: LiveServer) -> None:
    """``serve --workers 2``: both processes start with their models, and screenings stored
    through either are read back (each call is a new connection, handed to either process)."""
    from training.corpus.generate import generate_example

    server.workers = 2
    server.start()
    started = {m for m in server.log_messages() if m.startswith("Started server process")}
    assert len(started) == 2, started
    roles = server.call("GET", "/v1/roles")
    assert isinstance(roles, list)
    role = sorted(r["id"] for r in roles)[0]
    created = []
    for i in range(4):
        body, content_type = multipart([(f"cv-{i}.pdf", generate_example(52, i)[1])], role)
        answer = server.call("POST", "/v1/screenings", body, content_type)
        assert isinstance(answer, dict)
        created.append(answer["id"])
    for screening_id in created:
        again = server.call("GET", f"/v1/screenings/{screening_id}")
        assert isinstance(again, dict)
        assert [c["status"] for c in again["candidates"]] == ["scored"]

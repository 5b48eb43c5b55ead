"""End to end: the real `screening serve` process, real models from a real MLflow registry,
uploads, a decision, a restart, and everything still there."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from screening.bundle import ScoringModels

pytestmark = [pytest.mark.slow]

ADMIN_TOKEN = "e2e-admin-token-" + "x" * 32


def _register(models: ScoringModels, store: Path) -> str:
    """Register the two bundles as champions in a fresh SQLite MLflow store; its URI."""
    import mlflow
    import pandas as pd

    from screening.registry import BUNDLE_ARTIFACT, CHAMPION, BundleModel
    from training.train import PIP_REQUIREMENTS

    uri = f"sqlite:///{store / 'mlflow.db'}"
    mlflow.set_tracking_uri(uri)
    mlflow.set_registry_uri(uri)
    experiment = mlflow.create_experiment("e2e", artifact_location=(store / "artifacts").as_uri())
    client = mlflow.MlflowClient()
    for bundle in (models.background, models.aha):
        path = bundle.save(store / f"{bundle.name}.skops")
        frame = pd.DataFrame(
            {"text": ["a résumé"], "signals": [[0.0] * bundle.heads[bundle.labels[0]].n_signals_]}
        )
        with mlflow.start_run(experiment_id=experiment):
            info = mlflow.pyfunc.log_model(
                name="model",
                python_model=BundleModel(),
                artifacts={BUNDLE_ARTIFACT: str(path)},
                pip_requirements=PIP_REQUIREMENTS,
                input_example=frame,
                registered_model_name=bundle.name,
            )
        client.set_registered_model_alias(bundle.name, CHAMPION, str(info.registered_model_version))
    return uri


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    def __init__(self, env: dict[str, str], port: int, log: Path) -> None:
        self.env, self.port, self.log = env, port, log
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        with self.log.open("ab") as out:  # the child keeps its own copy of the descriptor
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "screening.cli", "serve", "--port", str(self.port)],
                env=self.env,
                stdout=out,
                stderr=out,
            )
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise AssertionError(f"server exited: {self.log.read_text(errors='replace')[-2000:]}")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/readyz", timeout=2) as r:
                    if r.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.5)
        raise AssertionError("server not ready in 120 s")

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(30)

    def call(
        self, method: str, path: str, body: bytes | None = None, content_type: str | None = None
    ) -> object:
        request = urllib.request.Request(f"http://127.0.0.1:{self.port}{path}", data=body, method=method)
        request.add_header("Authorization", f"Bearer {ADMIN_TOKEN}")
        if content_type:
            request.add_header("Content-Type", content_type)
        with urllib.request.urlopen(request, timeout=60) as r:
            return json.loads(r.read())


def _multipart(files: list[tuple[str, bytes]], role: str) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="role"\r\n\r\n{role}\r\n'.encode()]
    for name, data in files:
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="{name}"\r\n'
            "Content-Type: application/pdf\r\n\r\n"
        )
        parts.append(head.encode() + data + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


@pytest.fixture
def server(tmp_path: Path, scoring_models: ScoringModels) -> Iterator[Server]:
    store = tmp_path / "mlflow"
    store.mkdir()
    env = {
        **os.environ,
        "MLFLOW_TRACKING_URI": _register(scoring_models, store),
        "SCREENING_DATABASE_URL": f"sqlite:///{tmp_path / 'screening.db'}",
        "SCREENING_ADMIN_TOKEN": ADMIN_TOKEN,
    }
    srv = Server(env, _free_port(), tmp_path / "server.log")
    try:
        yield srv
    finally:
        srv.stop()


def test_screenings_and_decisions_survive_a_restart(server: Server) -> None:
    from training.corpus.generate import generate_example

    server.start()
    roles = server.call("GET", "/v1/roles")
    assert isinstance(roles, list)
    role = sorted(r["id"] for r in roles)[0]
    files = [(f"cv-{i}.pdf", generate_example(51, i)[1]) for i in range(2)]
    body, content_type = _multipart(files, role)
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

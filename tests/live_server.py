"""The real ``screening serve`` process for end-to-end, reliability and load tests.

Shared by ``tests/service/test_server_restart.py``, ``tests/reliability/`` and
``benchmarks/load_test.py`` (which imports it from a checkout): register models as champions
in a fresh MLflow store, start the server in a subprocess, call it, stop or kill it.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from screening.bundle import ScoringModels

#: The admin token the servers of these tests start with (``SCREENING_ADMIN_TOKEN``).
ADMIN_TOKEN = "e2e-admin-token-" + "x" * 32


def register_champions(models: ScoringModels, store: Path) -> str:
    """Register the two bundles as champions in a fresh SQLite MLflow store under ``store``.

    Returns:
        The store's tracking URI (``sqlite:///…/mlflow.db``), for ``MLFLOW_TRACKING_URI``.
    """
    import mlflow
    import pandas as pd

    from screening.registry import BUNDLE_ARTIFACT, CHAMPION, BundleModel
    from training.train import PIP_REQUIREMENTS

    store.mkdir(parents=True, exist_ok=True)
    uri = f"sqlite:///{store / 'mlflow.db'}"
    mlflow.set_tracking_uri(uri)
    mlflow.set_registry_uri(uri)
    try:
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
    finally:
        # Leave no process-wide MLflow setting behind for the next test.
        mlflow.set_tracking_uri(None)  # type: ignore[arg-type]
        mlflow.set_registry_uri(None)  # type: ignore[arg-type]
    return uri


def free_port() -> int:
    """A TCP port nobody listens on now (on 127.0.0.1)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def multipart(files: list[tuple[str, bytes]], role: str) -> tuple[bytes, str]:
    """A ``multipart/form-data`` body of ``POST /v1/screenings``: its bytes and content type."""
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


class HttpError(Exception):
    """A non-2xx answer of :meth:`LiveServer.call`."""

    def __init__(self, status: int, body: bytes) -> None:
        super().__init__(f"HTTP {status}: {body[:300]!r}")
        self.status, self.body = status, body


def log_entries(log: Path) -> list[dict[str, Any]]:
    """The JSON log lines (see :mod:`screening.logs`) of a process's output file, in order;
    other lines (a traceback, a library's print) are left out."""
    if not log.exists():
        return []
    return [json.loads(line) for line in log.read_text(errors="replace").splitlines() if line.startswith("{")]


class LiveServer:
    """``screening serve`` in a subprocess on 127.0.0.1, its output appended to ``log``."""

    def __init__(self, env: dict[str, str], port: int, log: Path, *, workers: int = 1) -> None:
        self.env, self.port, self.log, self.workers = env, port, log, workers
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, *, ready: bool = True, timeout: float = 120) -> None:
        """Start the process and wait until ``/readyz`` answers 200 (``ready``) or, with
        ``ready=False``, until ``/healthz`` does (the app runs, whatever it depends on).

        Raises:
            AssertionError: the process exited or did not answer within ``timeout`` seconds.
        """
        command = [sys.executable, "-m", "screening.cli", "serve", "--port", str(self.port)]
        if self.workers > 1:
            command += ["--workers", str(self.workers)]
        with self.log.open("ab") as out:  # the child keeps its own copy of the descriptor
            self.proc = subprocess.Popen(command, env=self.env, stdout=out, stderr=out)
        self.wait_for("/readyz" if ready else "/healthz", timeout=timeout)

    def wait_for(self, path: str, *, status: int = 200, timeout: float = 120) -> None:
        """Poll ``path`` until it answers ``status``.

        Raises:
            AssertionError: the process exited or ``timeout`` seconds passed first.
        """
        deadline = time.monotonic() + timeout
        last: object = None
        while time.monotonic() < deadline:
            if self.proc is not None and self.proc.poll() is not None:
                raise AssertionError(f"server exited: {self.log_text()[-3000:]}")
            try:
                with urllib.request.urlopen(f"{self.url}{path}", timeout=5) as r:
                    last = r.status
            except urllib.error.HTTPError as exc:
                last = exc.code
            except (urllib.error.URLError, ConnectionError, TimeoutError) as exc:
                last = exc
            if last == status:
                return
            time.sleep(0.25)
        raise AssertionError(f"{path} did not answer {status} in {timeout:g} s (last: {last!r})")

    def stop(self) -> None:
        """SIGTERM, and wait for the process (graceful shutdown)."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(30)

    def kill(self) -> None:
        """SIGKILL the server process (no shutdown code runs) and reap it."""
        if self.proc is not None and self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGKILL)
            self.proc.wait(30)

    def log_text(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""

    def log_messages(self) -> list[str]:
        """The ``msg`` of every JSON log line of the server (see :mod:`screening.logs`)."""
        return [str(entry.get("msg", "")) for entry in log_entries(self.log)]

    def request(
        self,
        method: str,
        path: str,
        body: bytes | None = None,
        *,
        content_type: str | None = None,
        headers: dict[str, str] | None = None,
        token: str | None = ADMIN_TOKEN,
        timeout: float = 60,
    ) -> tuple[int, Any]:
        """One request; its status and JSON body (``None`` when the body is not JSON). HTTP
        errors are returned, not raised; connection errors are raised (``OSError``)."""
        request = urllib.request.Request(f"{self.url}{path}", data=body, method=method)
        if token is not None:
            request.add_header("Authorization", f"Bearer {token}")
        if content_type:
            request.add_header("Content-Type", content_type)
        for name, value in (headers or {}).items():
            request.add_header(name, value)
        try:
            with urllib.request.urlopen(request, timeout=timeout) as r:
                status, raw = r.status, r.read()
        except urllib.error.HTTPError as exc:
            status, raw = exc.code, exc.read()
        try:
            return status, json.loads(raw)
        except ValueError:
            return status, None

    def call(self, method: str, path: str, body: bytes | None = None, content_type: str | None = None) -> Any:
        """:meth:`request` as the admin, for a 2xx answer: its JSON body.

        Raises:
            HttpError: any other status.
        """
        status, data = self.request(method, path, body, content_type=content_type)
        if not 200 <= status < 300:
            raise HttpError(status, json.dumps(data).encode())
        return data


def server_env(tracking_uri: str, database_url: str, **extra: str) -> dict[str, str]:
    """The environment of a test server: this one, plus the registry, the store, the admin
    token and ``extra`` (``SCREENING_*`` settings)."""
    return {
        **os.environ,
        "MLFLOW_TRACKING_URI": tracking_uri,
        "SCREENING_DATABASE_URL": database_url,
        "SCREENING_ADMIN_TOKEN": ADMIN_TOKEN,
        **extra,
    }


@contextlib.contextmanager
def serving(models: ScoringModels, database_url: str, work: Path) -> Iterator[LiveServer]:
    """A :class:`LiveServer` (not started) over ``models`` registered as champions in a new
    MLflow store under ``work`` and the database ``database_url``; stopped on exit."""
    env = server_env(register_champions(models, work / "mlflow"), database_url)
    server = LiveServer(env, free_port(), work / "server.log")
    try:
        yield server
    finally:
        server.stop()


class MlflowServer:
    """A real ``mlflow server`` process (one worker, no job runner) over a tracking store,
    in its own process group (``mlflow server`` starts uvicorn as a child)."""

    def __init__(self, backend_uri: str, port: int, folder: Path) -> None:
        self.backend_uri, self.port, self.folder = backend_uri, port, folder
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 90) -> None:
        """Start it and wait until ``/health`` answers 200.

        Raises:
            AssertionError: it exited or did not answer in ``timeout`` seconds.
        """
        env = {**os.environ, "MLFLOW_SERVER_ENABLE_JOB_EXECUTION": "false"}
        command = [
            *(sys.executable, "-m", "mlflow", "server", "--backend-store-uri", self.backend_uri),
            *("--artifacts-destination", str(self.folder / "served-artifacts"), "--workers", "1"),
            *("--host", "127.0.0.1", "--port", str(self.port)),
        ]
        with (self.folder / "mlflow-server.log").open("ab") as out:
            self.proc = subprocess.Popen(
                command, env=env, stdout=out, stderr=out, cwd=self.folder, start_new_session=True
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise AssertionError("mlflow server exited")
            try:
                with urllib.request.urlopen(f"{self.url}/health", timeout=2) as r:
                    if r.status == 200:
                        return
            except OSError:
                pass
            time.sleep(0.5)
        raise AssertionError(f"mlflow server not up in {timeout:g} s")

    def stop(self) -> None:
        """SIGTERM to its process group, wait, then SIGKILL whatever is left of the group."""
        if self.proc is None or self.proc.poll() is not None:
            return
        os.killpg(self.proc.pid, signal.SIGTERM)
        try:
            self.proc.wait(30)
        finally:
            with contextlib.suppress(ProcessLookupError):  # what is left of the group
                os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(10)

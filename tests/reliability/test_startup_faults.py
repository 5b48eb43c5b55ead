"""A database or model registry that is not there at start: the service starts anyway, says
what is missing on ``/readyz`` (503) and in its log (without secrets), and comes up by itself
once they answer. Real things only: the PostgreSQL server (a database created late, or a TCP
proxy in front of it opened late) and a real ``mlflow server`` process started late."""

from __future__ import annotations

import contextlib
import logging
import secrets
import signal
import socket
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from screening.api.app import create_app
from screening.bundle import ScoringModels
from screening.settings import Settings
from tests.live_server import (
    ADMIN_TOKEN,
    LiveServer,
    MlflowServer,
    free_port,
    multipart,
    register_champions,
    server_env,
)

#: In every database URL of these tests; PostgreSQL here trusts local connections and ignores
#: it, so it must appear in no log line and no answer.
PASSWORD = "not-to-be-logged-" + secrets.token_hex(4)
PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
ADMIN = {"Authorization": f"Bearer {ADMIN_TOKEN}"}


@pytest.fixture
def pg_admin() -> Iterator[Any]:
    import psycopg

    try:
        conn = psycopg.connect(PG_ADMIN, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as exc:
        pytest.skip(f"PostgreSQL not reachable on 127.0.0.1:5432: {exc}")
    with conn:
        yield conn


@pytest.fixture
def late_database(pg_admin: Any) -> Iterator[tuple[str, Callable[[], None]]]:
    """A database name that does not exist yet, and the function creating it."""
    name = f"screening_late_{secrets.token_hex(5)}"
    try:
        yield name, lambda: pg_admin.execute(f'CREATE DATABASE "{name}"')
    finally:
        pg_admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class TcpProxy:
    """Forwards 127.0.0.1:``port`` to 127.0.0.1:``target``; nothing listens until :meth:`open`."""

    def __init__(self, target: int) -> None:
        self.port, self.target = free_port(), target
        self._listener: socket.socket | None = None
        self._sockets: list[socket.socket] = []

    def open(self) -> None:
        self._listener = socket.create_server(("127.0.0.1", self.port))
        threading.Thread(target=self._accept, args=(self._listener,), daemon=True).start()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            upstream = socket.create_connection(("127.0.0.1", self.target))
            self._sockets += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(a, b), daemon=True).start()

    @staticmethod
    def _pump(source: socket.socket, sink: socket.socket) -> None:
        with contextlib.suppress(OSError):
            while data := source.recv(65536):
                sink.sendall(data)
        with contextlib.suppress(OSError):
            sink.shutdown(socket.SHUT_WR)

    def close(self) -> None:
        for s in [self._listener, *self._sockets]:
            if s is not None:
                with contextlib.suppress(OSError):
                    s.close()


def _settings(settings: Settings, database_url: str) -> Settings:
    return settings.model_copy(
        update={
            "database_url": database_url,
            "parse_workers": 1,
            "startup_retry_max_s": 1.0,
            "admin_token": SecretStr(ADMIN_TOKEN),
        }
    )


def _wait_ready(client: TestClient, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while (ready := client.get("/readyz")).status_code != 200:
        assert time.monotonic() < deadline, ready.json()
        time.sleep(0.2)


def _logged(caplog: pytest.LogCaptureFixture) -> str:
    return "\n".join(record.getMessage() for record in caplog.records)


@pytest.mark.postgres
@pytest.mark.parametrize("fault", ["database_missing", "server_down"])
def test_the_app_starts_without_its_database_and_recovers_when_it_answers(
    fault: str,
    settings: Settings,
    scoring_models: ScoringModels,
    late_database: tuple[str, Callable[[], None]],
    caplog: pytest.LogCaptureFixture,
) -> None:
    name, create_database = late_database
    proxy = TcpProxy(target=5432)
    if fault == "database_missing":
        port, bring_back = 5432, create_database
        expected_in_log = f'database "{name}" does not exist'
    else:
        create_database()
        port, bring_back = proxy.port, proxy.open
        expected_in_log = "Connection refused"
    url = f"postgresql+psycopg://postgres:{PASSWORD}@127.0.0.1:{port}/{name}"
    app = create_app(_settings(settings, url), models=scoring_models)
    try:
        with caplog.at_level(logging.WARNING), TestClient(app) as client:
            assert client.get("/healthz").status_code == 200
            ready = client.get("/readyz")
            assert ready.status_code == 503
            assert ready.json()["code"] == "database_unavailable"
            assert ready.json()["message"].startswith("the database is not available")
            refused = client.get("/v1/roles", headers=ADMIN)
            assert refused.status_code == 503
            assert refused.json()["code"] == "database_unavailable"

            bring_back()
            _wait_ready(client)
            assert client.get("/v1/roles", headers=ADMIN).status_code == 200  # admin key created
            assert PASSWORD not in ready.text
    finally:
        proxy.close()
    logged = _logged(caplog)
    assert expected_in_log in logged
    assert f"postgres:***@127.0.0.1:{port}/{name}" in logged
    assert "database available after" in logged
    assert PASSWORD not in logged


def test_an_unreachable_registry_does_not_hold_the_start_up(
    settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    import mlflow

    # MLflow's client retries a refused connection for minutes; the start must not wait for it.
    monkeypatch.setenv("MLFLOW_TRACKING_URI", f"http://reader:{PASSWORD}@127.0.0.1:{free_port()}")
    app = create_app(_settings(settings, f"sqlite:///{tmp_path / 'screening.db'}"))
    started = time.monotonic()
    try:
        with caplog.at_level(logging.WARNING), TestClient(app) as client:
            assert time.monotonic() - started < 30
            ready = client.get("/readyz")
            assert ready.status_code == 503
            assert ready.json()["code"] == "models_unavailable"
            assert "the model registry does not answer" in ready.json()["message"]
            models = client.get("/v1/models", headers=ADMIN)
            assert models.status_code == 503
            assert client.get("/v1/roles", headers=ADMIN).status_code == 200  # the rest works
    finally:
        mlflow.set_tracking_uri(None)  # type: ignore[arg-type]
        mlflow.set_registry_uri(None)  # type: ignore[arg-type]
    logged = _logged(caplog)
    assert "reader:***@127.0.0.1" in logged
    assert "Connection refused" in logged
    assert PASSWORD not in logged


def _readyz_code(server: LiveServer) -> str | None:
    status, body = server.request("GET", "/readyz", token=None)
    return None if status == 200 else str(body["code"])


def _wait_code(server: LiveServer, code: str | None, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while (now := _readyz_code(server)) != code:
        assert time.monotonic() < deadline, f"/readyz: {now}, expected {code}"
        time.sleep(0.3)


@pytest.mark.slow
@pytest.mark.postgres
@pytest.mark.mlflow_server
def test_the_server_comes_up_when_its_database_and_registry_do(
    tmp_path: Path,
    scoring_models: ScoringModels,
    late_database: tuple[str, Callable[[], None]],
) -> None:
    from training.corpus.generate import generate_example

    name, create_database = late_database
    store = tmp_path / "mlflow"
    backend = register_champions(scoring_models, store)
    registry = MlflowServer(backend, free_port(), tmp_path)
    env = server_env(
        registry.url,
        f"postgresql+psycopg://postgres:{PASSWORD}@127.0.0.1:5432/{name}",
        SCREENING_STARTUP_RETRY_MAX_S="1",
        SCREENING_PARSE_WORKERS="1",
    )
    server = LiveServer(env, free_port(), tmp_path / "server.log")
    try:
        server.start(ready=False)
        assert _readyz_code(server) == "database_unavailable"
        assert server.request("GET", "/v1/roles")[0] == 503

        create_database()
        _wait_code(server, "models_unavailable")
        status, body = server.request("GET", "/readyz", token=None)
        assert "the model registry does not answer" in body["message"]
        assert server.request("GET", "/v1/roles")[0] == 200

        registry.start()
        _wait_code(server, None, timeout=90)
        upload, content_type = multipart([("cv.pdf", generate_example(71, 0)[1])], "risk-analyst")
        status, created = server.request("POST", "/v1/screenings", upload, content_type=content_type)
        assert status == 201, created
        assert created["candidates"][0]["versions"]["background"] == "screening-background/1"

        assert server.proc is not None
        server.stop()  # the retry tasks are done; shutting down is prompt and clean
        # uvicorn shuts down, then re-raises the SIGTERM it caught (the exit status says so)
        assert server.proc.returncode == -signal.SIGTERM
        assert "Application shutdown complete" in server.log_text()
    finally:
        server.stop()
        registry.stop()
    log = "\n".join(server.log_messages())
    assert f'database "{name}" does not exist' in log
    assert "database available after" in log
    assert "does not answer" in log
    assert "models available after" in log
    assert PASSWORD not in log


def test_a_registry_that_answers_with_an_error_status_is_reachable() -> None:
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    from screening.registry import RegistryUnreachableError, check_reachable

    class Refusing(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_error(401)

        def log_message(self, *_args: object) -> None:
            pass

    with ThreadingHTTPServer(("127.0.0.1", 0), Refusing) as httpd:
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        try:
            check_reachable(f"http://user:{PASSWORD}@127.0.0.1:{httpd.server_address[1]}")
        finally:
            httpd.shutdown()
    with pytest.raises(RegistryUnreachableError) as raised:
        check_reachable(f"http://user:{PASSWORD}@127.0.0.1:{free_port()}", timeout_s=2)
    assert PASSWORD not in str(raised.value)
    check_reachable("sqlite:///nowhere/mlflow.db")  # not a server: nothing to check


def test_passwords_in_quoted_urls_are_masked() -> None:
    from screening.api.startup import scrub
    from screening.registry import redact_uri

    assert redact_uri("https://me:s3cret@mlflow.example:8443/x") == "https://me:***@mlflow.example:8443/x"
    assert redact_uri("http://127.0.0.1:5000") == "http://127.0.0.1:5000"
    assert scrub("failed: postgresql://me:s3cret@db/x\nsecond line") == "failed: postgresql://me:***@db/x"


@pytest.mark.slow
@pytest.mark.parametrize("workers", [1, 2])
def test_a_server_that_cannot_start_exits_with_status_3(tmp_path: Path, workers: int) -> None:
    """A database migrated by a newer release cannot be served: the start stops, and the exit
    status says so with several server processes as with one (a supervisor restarting the
    service, or an operator's script, must not read it as a clean stop)."""
    import os
    import sqlite3
    import subprocess
    import sys

    database = tmp_path / "newer.db"
    with contextlib.closing(sqlite3.connect(database)) as connection, connection:
        connection.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY)")
        connection.execute("INSERT INTO alembic_version VALUES ('9999_from_a_newer_release')")
    env = {
        **os.environ,
        "SCREENING_DATABASE_URL": f"sqlite:///{database}",
        "MLFLOW_TRACKING_URI": f"sqlite:///{tmp_path / 'mlflow.db'}",
    }
    command = [sys.executable, "-m", "screening.cli", "serve", "--port", str(free_port())]
    done = subprocess.run(
        [*command, "--workers", str(workers)], env=env, capture_output=True, timeout=180, check=False
    )
    log = done.stdout + done.stderr
    assert b"Application startup failed" in log
    assert done.returncode == 3, log[-2000:]

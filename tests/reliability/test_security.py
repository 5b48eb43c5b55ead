"""Security of the upload and key handling, through the real app on SQLite and PostgreSQL.

- A file is a PDF by its bytes (``%PDF-`` in its first KB), never by its name or declared type.
- Client file names are reduced to one harmless component: never a path, no NUL or control
  character, whatever the client sends.
- Body size limits hold before the body is read: a declared ``Content-Length``, and a chunked
  body without one, counted as it arrives (checked on a real HTTP server too).
- Keys are stored hashed; logs never hold an API key or résumé text.

Every route's 401/403 is in ``tests/service/test_auth.py``.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import select
import socket
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from screening.bundle import ScoringModels
from screening.settings import ParseLimits, Settings
from tests import pdf_builders as pdfs
from tests.uvicorn_thread import serve_in_thread

ROLE = "risk-analyst"
RESUME = [
    "Mei Lin Tan",
    "Experience",
    "Compliance Officer, Harbour Bank, Singapore, 2017 - 2023",
    "Designed the transaction monitoring rules for the digital asset desk.",
    "Education",
    "LLB, National University of Singapore",
]
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64)
Auth = dict[str, dict[str, str]]


@pytest.fixture(scope="module")
def pdf() -> bytes:
    return pdfs.one_column(RESUME)


def _multipart(parts: list[tuple[bytes, bytes, bytes]], role: str | None = ROLE) -> tuple[bytes, str]:
    """A multipart body of ``(filename, content type, data)`` file parts, written byte for byte
    (clients escape odd file names; an attacker does not)."""
    boundary = uuid.uuid4().hex.encode()
    body = b""
    if role is not None:
        body += (
            b"--"
            + boundary
            + b'\r\nContent-Disposition: form-data; name="role"\r\n\r\n'
            + role.encode()
            + b"\r\n"
        )
    for name, content_type, data in parts:
        body += (
            b"--"
            + boundary
            + b'\r\nContent-Disposition: form-data; name="files"; filename="'
            + name
            + b'"\r\n'
        )
        body += b"Content-Type: " + content_type + b"\r\n\r\n" + data + b"\r\n"
    body += b"--" + boundary + b"--\r\n"
    return body, f"multipart/form-data; boundary={boundary.decode()}"


# --- content type by magic bytes ---------------------------------------------------------------


def test_a_pdf_name_and_type_do_not_make_a_file_a_pdf(client: TestClient, auth: Auth, pdf: bytes) -> None:
    parsed = client.post(
        "/v1/parse", files={"file": ("cv.pdf", PNG, "application/pdf")}, headers=auth["recruiter"]
    )
    assert parsed.status_code == 415
    assert parsed.json()["code"] == "not_pdf"
    files = [("files", ("cv.pdf", PNG, "application/pdf")), ("files", ("real.pdf", pdf, "application/pdf"))]
    created = client.post("/v1/screenings", data={"role": ROLE}, files=files, headers=auth["recruiter"])
    assert created.status_code == 201
    by_name = {c["file"]: c for c in created.json()["candidates"]}
    assert by_name["cv.pdf"]["status"] == "error"
    assert by_name["cv.pdf"]["error"]["code"] == "not_pdf"  # a row of the mixed upload, not a failure
    assert by_name["real.pdf"]["status"] == "scored"


def test_what_a_file_is_decides_before_its_size(
    client: TestClient, auth: Auth, service_settings: Settings, pdf: bytes
) -> None:
    big = service_settings.parse.max_bytes + 1
    deck = client.post(
        "/v1/parse",
        files={"file": ("deck.pdf", PNG + bytes(big), "application/pdf")},
        headers=auth["recruiter"],
    )
    assert (deck.status_code, deck.json()["code"]) == (415, "not_pdf")
    padded = client.post(
        "/v1/parse",
        files={"file": ("cv.pdf", pdf + bytes(big), "application/pdf")},
        headers=auth["recruiter"],
    )
    assert (padded.status_code, padded.json()["code"]) == (413, "too_large")


@pytest.mark.parametrize(("name", "content_type"), [("cv.txt", "text/plain"), ("scan", "image/png")])
def test_pdf_bytes_are_read_whatever_the_name_and_declared_type(
    client: TestClient, auth: Auth, pdf: bytes, name: str, content_type: str
) -> None:
    parsed = client.post("/v1/parse", files={"file": (name, pdf, content_type)}, headers=auth["recruiter"])
    assert parsed.status_code == 200
    assert "Harbour Bank" in parsed.json()["text"]
    files = {"files": (name, pdf, content_type)}
    created = client.post("/v1/screenings", data={"role": ROLE}, files=files, headers=auth["recruiter"])
    assert created.status_code == 201
    assert created.json()["candidates"][0]["status"] == "scored"


# --- file names ---------------------------------------------------------------------------------

HOSTILE_NAMES = [
    b"../../../../etc/passwd.pdf",
    b"/etc/cron.d/evil.pdf",
    b"..\\..\\Windows\\System32\\cv.pdf",
    b"C:\\Users\\x\\cv.pdf",
    b"cv\x00.pdf",
    b"\x01\x1b[31mred\x7f.pdf",
    b"..",
    b".",
    b"%2e%2e%2fcv.pdf",
    b"r\xc3\xa9sum\xc3\xa9 \xe5\xb1\xa5\xe5\x8e\x86.pdf",
    b"x" * 3000 + b".pdf",
]


def _is_harmless(name: str | None) -> bool:
    if name is None:
        return True
    return (
        0 < len(name) <= 200
        and name not in (".", "..")
        and not any(c in name for c in "/\\")
        and all(c.isprintable() for c in name)
    )


@pytest.mark.parametrize("name", HOSTILE_NAMES, ids=lambda n: repr(n[:24]))
def test_client_file_names_never_become_paths(
    client: TestClient, auth: Auth, pdf: bytes, name: bytes
) -> None:
    body, content_type = _multipart([(name, b"application/pdf", pdf)])
    headers = {**auth["recruiter"], "Content-Type": content_type}
    created = client.post("/v1/screenings", content=body, headers=headers)
    assert created.status_code == 201, created.text
    screening = created.json()
    (candidate,) = screening["candidates"]
    assert candidate["status"] == "scored"
    assert _is_harmless(candidate["file"]), candidate["file"]
    stored = client.get(
        f"/v1/screenings/{screening['id']}/candidates/{candidate['id']}", headers=auth["auditor"]
    )
    assert stored.json()["file"] == candidate["file"]

    body, content_type = _multipart([(name, b"application/pdf", pdf)], role=None)
    headers = {**auth["recruiter"], "Content-Type": content_type}
    parsed = client.post("/v1/parse", content=body.replace(b'name="files"', b'name="file"'), headers=headers)
    assert parsed.status_code == 200, parsed.text
    assert _is_harmless(parsed.json()["file"]), parsed.json()["file"]


def test_a_path_in_a_file_name_keeps_only_its_last_component(
    client: TestClient, auth: Auth, pdf: bytes
) -> None:
    body, content_type = _multipart([(b"../../secret/dir/cv 2024.pdf", b"application/pdf", pdf)])
    created = client.post(
        "/v1/screenings", content=body, headers={**auth["recruiter"], "Content-Type": content_type}
    )
    assert created.json()["candidates"][0]["file"] == "cv 2024.pdf"


# --- body size limits -------------------------------------------------------------------------


def _chunks(total: int, size: int = 64 * 1024, field: bytes = b"files") -> Iterator[bytes]:
    """``total`` bytes of a well-formed multipart body (boundary ``x``) that never ends: one file
    part whose data goes on, so that only the size limit can stop it."""
    head = b'--x\r\nContent-Disposition: form-data; name="' + field + b'"; filename="big.pdf"\r\n'
    head += b"Content-Type: application/pdf\r\n\r\n%PDF-1.7\n"
    yield head
    sent = len(head)
    while sent < total:
        chunk = b"x" * min(size, total - sent)
        sent += len(chunk)
        yield chunk


def _upload_limit(settings: Settings) -> int:
    from screening.api.limits import UPLOAD_OVERHEAD_BYTES

    return settings.max_files_per_request * settings.parse.max_bytes + UPLOAD_OVERHEAD_BYTES


@pytest.mark.parametrize("path", ["/v1/screenings", "/v1/parse"])
def test_a_declared_oversized_body_is_refused_before_it_is_read(
    client: TestClient, auth: Auth, path: str
) -> None:
    headers = {
        **auth["recruiter"],
        "Content-Length": str(10**10),
        "Content-Type": "multipart/form-data; boundary=x",
    }
    response = client.post(path, content=b"--x--", headers=headers)
    assert response.status_code == 413
    assert response.json()["code"] == "request_too_large"


def test_a_chunked_upload_without_length_is_refused_past_the_limit(
    client: TestClient, auth: Auth, service_settings: Settings
) -> None:
    limit = _upload_limit(service_settings)
    headers = {**auth["recruiter"], "Content-Type": "multipart/form-data; boundary=x"}
    response = client.post("/v1/screenings", content=_chunks(limit + 1), headers=headers)
    assert response.status_code == 413
    assert response.json()["code"] == "request_too_large"


def test_a_chunked_parse_upload_over_one_file_is_refused(
    client: TestClient, auth: Auth, service_settings: Settings
) -> None:
    headers = {**auth["recruiter"], "Content-Type": "multipart/form-data; boundary=x"}
    response = client.post(
        "/v1/parse", content=_chunks(service_settings.parse.max_bytes + 2**21, field=b"file"), headers=headers
    )
    assert response.status_code == 413


def test_a_json_body_is_limited_too(client: TestClient, auth: Auth) -> None:
    path = "/v1/screenings/00000000-0000-0000-0000-000000000000/candidates/x/decisions"
    headers = {**auth["recruiter"], "Content-Type": "application/json"}
    response = client.post(path, content=(b"x" * 65536 for _ in range(32)), headers=headers)
    assert response.status_code == 413
    small = client.post(path, json={"decision": "hold", "reason": "fine"}, headers=auth["recruiter"])
    assert small.status_code == 404  # under the limit, the route answers as usual


@pytest.fixture
def small_limit_server(
    service_settings: Settings, scoring_models: ScoringModels, tmp_path: Path
) -> Iterator[tuple[int, int]]:
    """The app served by uvicorn over real HTTP, with 64 KiB files: (port, body limit)."""
    from screening.api.app import create_app

    settings = service_settings.model_copy(
        update={
            "parse": ParseLimits(max_bytes=64 * 1024),
            "database_url": f"sqlite:///{tmp_path / 'db.sqlite'}",
        }
    )
    with serve_in_thread(create_app(settings, models=scoring_models)) as port:
        yield port, _upload_limit(settings)


def test_a_streamed_chunked_upload_is_answered_413_before_it_ends(
    small_limit_server: tuple[int, int],
) -> None:
    port, limit = small_limit_server
    answer, sent = b"", 0
    with socket.create_connection(("127.0.0.1", port), timeout=20) as conn:
        conn.sendall(
            b"POST /v1/screenings HTTP/1.1\r\nHost: test\r\nTransfer-Encoding: chunked\r\n"
            b"Content-Type: multipart/form-data; boundary=x\r\n\r\n"
        )
        # Stream until the server answers. The last chunk (0) is never sent: a server that waited
        # for the whole body would never answer.
        # The server may close while a chunk is on its way: the send fails, and the answer already
        # in this socket's receive queue is still read below.
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            for chunk in _chunks(4 * limit):
                if select.select([conn], [], [], 0)[0]:
                    break
                conn.sendall(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
                sent += len(chunk)
        with contextlib.suppress(ConnectionResetError):
            while data := conn.recv(65536):  # the server closes after its answer
                answer += data
    assert answer.startswith(b"HTTP/1.1 413"), answer[:200]
    assert b"request_too_large" in answer
    assert sent > limit  # (the kernel's socket buffers take more than the server has read)


# --- keys and logs --------------------------------------------------------------------------------


def test_keys_are_stored_hashed(app: FastAPI, api_keys: dict[str, str]) -> None:
    from sqlalchemy import select

    from screening.store.tables import ApiKey

    with app.state.sessions() as session:
        rows = session.scalars(select(ApiKey)).all()
    stored = " ".join(str(value) for row in rows for value in vars(row).values())
    for secret in api_keys.values():
        assert secret not in stored
        assert hashlib.sha256(secret.encode()).hexdigest() in stored


_STANDARD = set(logging.LogRecord("", 0, "", 0, "", None, None).__dict__) | {"message", "asctime"}


def test_logs_hold_no_api_key_and_no_resume_text(
    client: TestClient, auth: Auth, api_keys: dict[str, str], pdf: bytes, caplog: pytest.LogCaptureFixture
) -> None:
    wrong = "aha_" + "w" * 43
    with caplog.at_level(logging.DEBUG):
        files = [
            ("files", ("cv.pdf", pdf, "application/pdf")),
            ("files", ("bad.pdf", b"%PDF-1.7 junk", "x/y")),
        ]
        assert (
            client.post(
                "/v1/screenings", data={"role": ROLE}, files=files, headers=auth["recruiter"]
            ).status_code
            == 201
        )
        assert (
            client.post("/v1/parse", files={"file": ("cv.pdf", pdf)}, headers=auth["admin"]).status_code
            == 200
        )
        assert client.get("/v1/roles", headers={"Authorization": f"Bearer {wrong}"}).status_code == 401
        assert client.get("/v1/audit", headers=auth["recruiter"]).status_code == 403
        assert client.get("/v1/models", headers={"Authorization": "Basic " + wrong}).status_code == 401
    logged = []
    for record in caplog.records:
        logged.append(record.getMessage())
        logged += [str(v) for k, v in record.__dict__.items() if k not in _STANDARD]
        if record.exc_text:
            logged.append(record.exc_text)
    text = "\n".join(logged)
    assert caplog.records  # the run did log
    for secret in (*api_keys.values(), wrong):
        assert secret not in text
    for line in RESUME[1:]:
        assert line not in text


def test_an_unexpected_error_logs_its_type_never_its_message(
    service_settings: Settings,
    scoring_models: ScoringModels,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    import httpx
    from pydantic import SecretStr

    from screening.api.app import create_app
    from screening.api.deps import get_scorer
    from screening.logs import JsonFormatter

    token = "t" * 40
    settings = service_settings.model_copy(
        update={"database_url": f"sqlite:///{tmp_path / 'db.sqlite'}", "admin_token": SecretStr(token)}
    )
    app = create_app(settings, models=scoring_models)
    quoted = RESUME[3]  # an exception quoting request data, as database errors quote SQL parameters

    def broken() -> None:
        raise RuntimeError(f"INSERT failed; parameters: ('{quoted}',)")

    app.dependency_overrides[get_scorer] = broken
    with caplog.at_level(logging.INFO), serve_in_thread(app) as port:
        response = httpx.get(
            f"http://127.0.0.1:{port}/v1/models", headers={"Authorization": f"Bearer {token}"}
        )
    assert response.status_code == 500
    assert response.json()["code"] == "internal_error"
    # As the service writes them (screening.logs): the server logs the exception it re-raises.
    formatter = JsonFormatter()
    logged = "\n".join(formatter.format(record) for record in caplog.records)
    assert '"exc_type": "RuntimeError"' in logged
    assert quoted not in logged

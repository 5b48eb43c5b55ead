"""``screening keys`` and ``screening export-labels`` against each database."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from screening.cli import main
from screening.parsing.pipeline import parse_text
from screening.parsing.resources import ParseResources
from screening.store import repo
from screening.store.db import make_engine, session_factory
from screening.store.repo import authenticate
from tests.store.conftest import RESUME
from tests.store.helpers import scored_result


@pytest.fixture
def store_url(db_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("SCREENING_DATABASE_URL", db_url)
    return db_url


def test_keys_create_prints_a_working_secret_once(store_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["keys", "create", "--role", "auditor", "--name", "compliance team"]) == 0
    out, err = capsys.readouterr()
    secret = out.strip()
    assert secret.startswith("aha_")
    assert secret not in err
    engine = make_engine(store_url)
    try:
        with session_factory(engine)() as session:
            key = authenticate(session, secret)
            assert key is not None
            assert (key.role, key.name) == ("auditor", "compliance team")
    finally:
        engine.dispose()
    assert main(["keys", "list"]) == 0
    listing = capsys.readouterr().out
    assert "compliance team" in listing
    assert secret not in listing
    assert main(["keys", "revoke", key.id]) == 0
    assert main(["keys", "revoke", "no-such-key"]) == 2


def test_keys_create_refuses_an_unknown_role(store_url: str) -> None:
    with pytest.raises(SystemExit):
        main(["keys", "create", "--role", "superuser"])


def test_export_labels_writes_jsonl(
    store_url: str, tmp_path: Path, resources: ParseResources, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "labels" / "review.jsonl"
    assert main(["export-labels", "--out", str(out)]) == 0  # migrates an empty store
    assert out.read_text(encoding="utf-8") == ""
    parsed = parse_text(RESUME, resources, file="jane-doe.pdf")
    engine = make_engine(store_url)
    try:
        with session_factory(engine).begin() as session:
            key, _ = repo.create_api_key(session, "recruiter", "reviewer")
            repo.put_parsed(session, parsed)
            screening = repo.create_screening(session, "smart-contract-engineer", actor=key.id)
            [candidate] = repo.add_candidates(
                session, screening, [scored_result(parsed, rank=1, fit_score=0.8)], actor=key.id
            )
            repo.add_label_correction(session, candidate.id, "web3", 1, reviewer=key.id, note="DeFi")
    finally:
        engine.dispose()
    capsys.readouterr()
    assert main(["export-labels", "--out", str(out)]) == 0
    assert "wrote 1 records" in capsys.readouterr().err
    assert out.stat().st_mode & 0o077 == 0
    [record] = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert record["corrections"] == {"web3": 1}
    assert record["text"] == parsed.text


def test_the_listener_of_several_server_processes_sends_answers_without_delay() -> None:
    """``serve --workers N``: accepted connections have TCP_NODELAY, as with one process, so a
    keep-alive answer does not wait for the client's delayed ACK."""
    import asyncio
    import socket

    import uvicorn

    from screening.api.cli import _tcp_listener

    listener = _tcp_listener(
        uvicorn.Config("screening.api.app:create_app", port=0, workers=2, log_config=None).bind_socket()
    )
    seen: list[int] = []

    class Probe(asyncio.Protocol):
        def connection_made(self, transport: asyncio.BaseTransport) -> None:
            seen.append(transport.get_extra_info("socket").getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
            transport.close()

    async def accept_one() -> None:
        server = await asyncio.get_running_loop().create_server(Probe, sock=listener)
        async with server:
            _, writer = await asyncio.open_connection(*listener.getsockname()[:2])
            for _ in range(100):
                if seen:
                    break
                await asyncio.sleep(0.01)
            writer.close()

    asyncio.run(accept_one())
    assert seen == [1]

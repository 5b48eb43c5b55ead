"""``kill -9`` of the real server while decisions are being posted, on SQLite and PostgreSQL.

Clients post decisions with idempotency keys from several threads; the server is SIGKILLed
mid-stream and started again; every request that got no answer is sent again with its key.
Then: every decision that got a 2xx is stored, every request is stored exactly once, and the
audit log holds exactly one ``decision.recorded`` event per decision, in order.
"""

from __future__ import annotations

import http.client
import itertools
import json
import threading
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from screening.bundle import ScoringModels
from tests.live_server import LiveServer, multipart, serving

pytestmark = [pytest.mark.slow]

THREADS = 4
PER_THREAD = 50
#: The server is killed once this many decisions have been answered.
KILL_AFTER = 40


@dataclass
class Post:
    """One decision post: its key, path and body, and the id of the decision it got (if any)."""

    key: str
    path: str
    body: dict[str, str]
    answered_id: str | None = None


@pytest.fixture
def server(tmp_path: Path, scoring_models: ScoringModels, db_url: str) -> Iterator[LiveServer]:
    with serving(scoring_models, db_url, tmp_path) as srv:
        yield srv


def _send(server: LiveServer, post: Post) -> tuple[int, Any]:
    return server.request(
        "POST",
        post.path,
        json.dumps(post.body).encode(),
        content_type="application/json",
        headers={"Idempotency-Key": post.key},
        timeout=30,
    )


def _audit_events(server: LiveServer, action: str | None = None) -> list[dict[str, Any]]:
    events: list[dict[str, Any]] = []
    after = 0
    while True:
        query = f"/v1/audit?limit=500&after_id={after}" + (f"&action={action}" if action else "")
        page = server.call("GET", query)["items"]
        if not page:
            return events
        events += page
        after = page[-1]["id"]


def test_no_answered_decision_is_lost_or_doubled_by_a_kill_9(server: LiveServer, db_url: str) -> None:
    from training.corpus.generate import generate_example

    server.start()
    upload, content_type = multipart(
        [(f"cv-{i}.pdf", generate_example(81, i)[1]) for i in range(2)], "risk-analyst"
    )
    screening = server.call("POST", "/v1/screenings", upload, content_type)
    paths = [
        f"/v1/screenings/{screening['id']}/candidates/{c['id']}/decisions" for c in screening["candidates"]
    ]
    decisions = itertools.cycle(["advance", "hold", "reject"])
    posts = [
        Post(
            str(uuid.uuid4()),
            paths[i % len(paths)],
            {"decision": next(decisions), "reason": f"crash test {i}"},
        )
        for i in range(THREADS * PER_THREAD)
    ]

    answered = 0
    lock = threading.Lock()
    kill_now = threading.Event()

    def client(mine: list[Post]) -> None:
        nonlocal answered
        for post in mine:
            try:
                status, body = _send(server, post)
            except (OSError, http.client.HTTPException):
                continue  # no answer: the server is gone
            assert status == 201, body
            post.answered_id = body["id"]
            with lock:
                answered += 1
                if answered == KILL_AFTER:
                    kill_now.set()

    threads = [threading.Thread(target=client, args=(posts[k::THREADS],)) for k in range(THREADS)]
    for t in threads:
        t.start()
    assert kill_now.wait(60), "the decisions were not answered"
    server.kill()
    for t in threads:
        t.join(60)
    before_crash = {p.key: p.answered_id for p in posts if p.answered_id}
    unanswered = [p for p in posts if p.answered_id is None]
    assert len(before_crash) >= KILL_AFTER
    assert unanswered, "the kill came after the last post: nothing was in flight"

    server.start()
    stored_at_restart = sum(
        len(server.call("GET", path.removesuffix("/decisions"))["decisions"]) for path in paths
    )
    # Every answered decision survived; the surplus was committed but its answer was lost.
    assert stored_at_restart >= len(before_crash)
    for post in unanswered:  # a client's retries: same key, same body
        status, body = _send(server, post)
        assert status == 201, body
        post.answered_id = body["id"]
    for post in posts[:: len(posts) // 10]:  # answered ones sent again: the same decision
        status, body = _send(server, post)
        assert (status, body["id"]) == (201, post.answered_id)
    assert all(before_crash.get(p.key, p.answered_id) == p.answered_id for p in posts)

    stored: dict[str, dict[str, Any]] = {}
    for path in paths:
        for d in server.call("GET", path.removesuffix("/decisions"))["decisions"]:
            assert d["id"] not in stored
            stored[d["id"]] = d
    by_id = {p.answered_id: p for p in posts}
    assert set(stored) == set(by_id), "a decision is missing or one is stored twice"
    for decision_id, d in stored.items():
        assert (d["decision"], d["reason"]) == (
            by_id[decision_id].body["decision"],
            by_id[decision_id].body["reason"],
        )

    print(
        f"{db_url.split(':', maxsplit=1)[0]}: {len(posts)} decisions posted by {THREADS} threads, "
        f"{len(before_crash)} answered before the kill, {len(unanswered)} without an answer "
        f"(of which {stored_at_restart - len(before_crash)} committed); after retries "
        f"{len(stored)} stored: lost 0, doubled 0"
    )
    events = _audit_events(server, "decision.recorded")
    assert sorted(e["details"]["decision_id"] for e in events) == sorted(stored)
    ids = [e["id"] for e in _audit_events(server)]
    assert ids == sorted(set(ids))
    if db_url.startswith("sqlite"):  # rowids: no gap (PostgreSQL sequences may skip after a crash)
        assert ids == list(range(ids[0], ids[0] + len(ids)))
    server.stop()
    if db_url.startswith("sqlite"):
        import sqlite3

        with sqlite3.connect(db_url.removeprefix("sqlite:///")) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)

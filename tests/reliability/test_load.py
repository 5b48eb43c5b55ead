"""Twenty concurrent clients uploading distinct two-page PDFs to the real server: no error.

The sampled version of ``benchmarks/load_test.py`` (``make bench-load``: 60 s; here 10 s),
with the same code, on SQLite and PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from benchmarks.load_test import generated_two_page_pdfs, run_load
from screening.bundle import ScoringModels
from tests.live_server import LiveServer, serving

pytestmark = [pytest.mark.slow]

CLIENTS = 20
DURATION_S = 10.0


@pytest.fixture
def server(tmp_path: Path, scoring_models: ScoringModels, db_url: str) -> Iterator[LiveServer]:
    with serving(scoring_models, db_url, tmp_path) as srv:
        yield srv


def test_twenty_clients_uploading_for_ten_seconds_get_no_error(server: LiveServer) -> None:
    pdfs = generated_two_page_pdfs(40, seed=91)
    server.start()
    report = run_load(server.port, pdfs, "risk-analyst", clients=CLIENTS, duration_s=DURATION_S)
    print(report.summary())  # shown with -s: the sampled figures
    assert not report.errors, f"{report.summary()}\n{server.log_text()[-4000:]}"
    assert len(report.latencies_ms) >= CLIENTS
    assert "Traceback" not in server.log_text()

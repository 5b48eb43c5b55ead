"""Load test: concurrent clients uploading distinct two-page PDFs to ``screening serve``.

    python -m benchmarks.load_test [--clients 20] [--duration 60] [--database sqlite|postgresql]
                                   [--tracking-uri URI] [--corpus var/corpus] [--workers 1]

Starts the real server on loopback (a fresh store: a SQLite file, or a new PostgreSQL database
on 127.0.0.1:5432; the champions of ``--tracking-uri``, by default those of ``make train``),
then ``--clients`` threads each post one-file screenings in a loop for ``--duration`` seconds,
over keep-alive ``http.client`` connections (a light client: the load generator shares the
machine). Every request uploads a different file (distinct generated résumés, made
byte-unique when the run needs more requests than there are résumés), so none is answered
from the parse cache. Prints requests, errors by kind, throughput and p50/p95/p99/max
latency; exits 1 on any error. ``tests/reliability/test_load.py`` runs :func:`run_load` for
10 s in CI.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import secrets
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.http_speed import two_page_pdfs
from tests.live_server import ADMIN_TOKEN, LiveServer, free_port, multipart, server_env

PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"


def generated_two_page_pdfs(n: int, seed: int = 2026) -> list[bytes]:
    """``n`` distinct generated two-page résumé PDFs (English and Chinese, every layout)."""
    from training.corpus.generate import generate_example

    out: list[bytes] = []
    index = 0
    while len(out) < n:
        record, pdf = generate_example(seed, index)
        index += 1
        if str(record["truth"].get("pages")) == "2":
            out.append(pdf)
    return out


def unique_file(pdfs: list[bytes], i: int) -> bytes:
    """The ``i``-th upload: résumé ``i mod n``, with a comment after its end when it comes
    round again (PDF readers ignore it; its SHA-256 differs, so the parse cache misses)."""
    pdf = pdfs[i % len(pdfs)]
    return pdf if i < len(pdfs) else pdf + f"%load-test {i}\n".encode()


@dataclass
class LoadReport:
    """What a run measured."""

    clients: int
    duration_s: float
    latencies_ms: list[float] = field(default_factory=list)
    errors: Counter[str] = field(default_factory=Counter)
    #: CPU seconds the load generator itself used (it shares the machine with the server).
    client_cpu_s: float = 0.0

    @property
    def requests(self) -> int:
        return len(self.latencies_ms) + sum(self.errors.values())

    @property
    def throughput(self) -> float:
        """Answered screenings per second of the run."""
        return len(self.latencies_ms) / self.duration_s if self.duration_s else 0.0

    def percentile(self, q: float) -> float:
        """The latency (ms) below which a share ``q`` of the successful requests answered."""
        ordered = sorted(self.latencies_ms)
        if not ordered:
            return float("nan")
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))]

    def summary(self) -> str:
        errors = ", ".join(f"{kind} x{n}" for kind, n in self.errors.most_common()) or "none"
        return (
            f"{self.clients} clients, {self.duration_s:.1f} s: {self.requests} requests, "
            f"{sum(self.errors.values())} errors ({errors}); {self.throughput:.1f} screenings/s; "
            f"latency p50 {self.percentile(0.5):.0f} ms, p95 {self.percentile(0.95):.0f} ms, "
            f"p99 {self.percentile(0.99):.0f} ms, max {max(self.latencies_ms, default=float('nan')):.0f} ms; "
            f"client CPU {self.client_cpu_s:.1f} s"
        )


def run_load(
    port: int,
    pdfs: list[bytes],
    role: str,
    *,
    clients: int = 20,
    duration_s: float = 60.0,
    first: int = 0,
    token: str = ADMIN_TOKEN,
    timeout_s: float = 120.0,
) -> LoadReport:
    """``clients`` threads posting one-file screenings to 127.0.0.1:``port`` for ``duration_s``
    seconds (requests in flight at the end finish and count).

    Args:
        pdfs: the résumés; request ``i`` uploads :func:`unique_file` ``(pdfs, first + i)``.
        role: the role profile of every screening.
        first: the index of the first upload (runs on one server use disjoint ranges).

    Returns:
        The report: a latency per answered request (201), errors by kind (an HTTP status,
        ``status <n>: <code>``, or an exception's type).
    """
    report = LoadReport(clients=clients, duration_s=0.0)
    lock = threading.Lock()
    counter = iter(range(first, first + 10**9))
    start = threading.Barrier(clients + 1)

    def client() -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout_s)
        start.wait()
        while time.monotonic() < deadline:
            with lock:
                i = next(counter)
            body, content_type = multipart([(f"cv-{i}.pdf", unique_file(pdfs, i))], role)
            headers = {"Content-Type": content_type, "Authorization": f"Bearer {token}"}
            began = time.perf_counter()
            try:
                connection.request("POST", "/v1/screenings", body, headers)
                response = connection.getresponse()
                data = response.read()
            except (OSError, http.client.HTTPException) as exc:
                with lock:
                    report.errors[type(exc).__name__] += 1
                connection.close()  # reconnects on the next request
                continue
            elapsed_ms = (time.perf_counter() - began) * 1000
            with lock:
                if response.status == 201:
                    report.latencies_ms.append(elapsed_ms)
                else:
                    try:
                        code = json.loads(data).get("code")
                    except ValueError:
                        code = None
                    report.errors[f"status {response.status}: {code}"] += 1
        connection.close()

    threads = [threading.Thread(target=client, name=f"load-{k}") for k in range(clients)]
    for t in threads:
        t.start()
    cpu = time.process_time()
    deadline = time.monotonic() + duration_s
    began = time.perf_counter()
    start.wait()
    for t in threads:
        t.join()
    report.duration_s = time.perf_counter() - began
    report.client_cpu_s = time.process_time() - cpu
    return report


@contextmanager
def fresh_database(kind: str, folder: Path) -> Iterator[str]:
    """The URL of a new, empty store: a SQLite file in ``folder`` or a PostgreSQL database
    (dropped afterwards)."""
    if kind == "sqlite":
        yield f"sqlite:///{folder / 'load.db'}"
        return
    import psycopg

    name = f"screening_load_{secrets.token_hex(5)}"
    with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
        try:
            yield f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
        finally:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--duration", type=float, default=60.0, help="seconds of load")
    ap.add_argument("--database", choices=("sqlite", "postgresql"), default="sqlite")
    ap.add_argument("--workers", type=int, default=1, help="server processes (serve --workers)")
    ap.add_argument("--tracking-uri", help="MLflow store with the champions (default: that of `make train`)")
    ap.add_argument(
        "--corpus", type=Path, default=Path("var/corpus"), help="generated corpus to draw PDFs from"
    )
    ap.add_argument("--distinct", type=int, default=1000, help="distinct résumés (generated if no corpus)")
    args = ap.parse_args(argv)

    from screening.ranking import load_roles
    from screening.registry import tracking_uri
    from screening.settings import Settings

    index = args.corpus / "index.jsonl"
    pdfs = two_page_pdfs(args.corpus, args.distinct) if index.is_file() else []
    if len(pdfs) < args.distinct:
        pdfs += generated_two_page_pdfs(args.distinct - len(pdfs))
    role = sorted(load_roles(Settings().data_dir))[0]
    uri = args.tracking_uri or tracking_uri()
    print(f"{len(pdfs)} distinct two-page PDFs; role {role}; models from {uri}; {os.cpu_count()} CPUs")
    with tempfile.TemporaryDirectory() as tmp, fresh_database(args.database, Path(tmp)) as url:
        env = server_env(uri, url)
        server = LiveServer(env, free_port(), Path(tmp) / "server.log", workers=args.workers)
        try:
            server.start()
            warm = run_load(server.port, pdfs, role, clients=2, duration_s=3.0, first=10**8)
            print(f"warm-up: {warm.summary()}")
            report = run_load(server.port, pdfs, role, clients=args.clients, duration_s=args.duration)
        finally:
            server.stop()
        print(f"{args.database}, {args.workers} server process(es): {report.summary()}")
        if report.errors:
            problems = [line for line in server.log_text().splitlines() if '" 201' not in line]
            print("server log (without the 201 lines):", *problems[-80:], sep="\n")
    return 1 if report.errors else 0


if __name__ == "__main__":
    raise SystemExit(main())

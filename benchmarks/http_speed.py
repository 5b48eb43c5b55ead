"""HTTP throughput and latency of ``POST /v1/screenings`` on loopback.

    python -m benchmarks.http_speed [--corpus var/corpus] [--requests 64]

Uses the registered champions of the default MLflow store (``make train`` first) and the
two-page PDFs of a generated corpus. For 1 and 2 workers (``serve --workers N``: server
processes, one parser each) it starts the real ``screening serve`` (fresh SQLite store, an
admin key), then sends ``--requests`` one-file screenings with 1, 4 and 16 concurrent
clients (a bounded asyncio client) and prints throughput and p50/p99 latency, against the
in-process parse time of the same files. With each load it prints the CPU time per screening
of the server's processes (server and parsers, from ``/proc``) and of the load generator, and
the most screenings per second the machine's cores allow at that cost.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import tempfile
import time
from pathlib import Path

import httpx

from screening.parsing.pipeline import parse_pdf
from screening.parsing.resources import load_resources
from screening.ranking import load_roles
from screening.settings import Settings
from tests.live_server import LiveServer, free_port

TOKEN = "bench-admin-token-" + "b" * 32
#: Warm-up screenings per server, over new connections (distinct files from the loads').
WARM_UP = 24


def two_page_pdfs(corpus: Path, limit: int) -> list[bytes]:
    """Up to ``limit`` two-page PDFs of a generated corpus (``index.jsonl`` and its files)."""
    out = []
    for line in (corpus / "index.jsonl").open(encoding="utf-8"):
        record = json.loads(line)
        if str(record.get("truth", {}).get("pages")) == "2" and record.get("pdf"):
            out.append((corpus / record["pdf"]).read_bytes())
            if len(out) == limit:
                break
    return out


async def _load(
    port: int,
    files: list[bytes],
    role: str,
    requests: int,
    clients: int,
    first: int = 0,
    *,
    keep_alive: bool = True,
) -> tuple[float, list[float]]:
    latencies: list[float] = []
    queue: asyncio.Queue[int] = asyncio.Queue()
    for i in range(first, first + requests):
        queue.put_nowait(i)
    headers = {"Authorization": f"Bearer {TOKEN}"}

    async def client(http: httpx.AsyncClient) -> None:
        while True:
            try:
                i = queue.get_nowait()
            except asyncio.QueueEmpty:
                return
            data = files[i % len(files)]
            started = time.perf_counter()
            r = await http.post(
                f"http://127.0.0.1:{port}/v1/screenings",
                files={"files": (f"cv-{i}.pdf", data, "application/pdf")},
                data={"role": role},
                headers=headers,
            )
            if r.status_code != 201:
                raise RuntimeError(f"HTTP {r.status_code}: {r.text[:200]}")
            latencies.append((time.perf_counter() - started) * 1000)

    # Without keep-alive every request is a new connection, which the kernel may hand to any
    # server process (the warm-up reaches them all).
    limits = httpx.Limits() if keep_alive else httpx.Limits(max_keepalive_connections=0)
    async with httpx.AsyncClient(timeout=120, limits=limits) as http:
        started = time.perf_counter()
        await asyncio.gather(*(client(http) for _ in range(clients)))
        wall = time.perf_counter() - started
    return requests / wall, latencies


def _tree_cpu_s(root: int) -> float:
    """CPU seconds (user + system) so far of ``root`` and its descendants, from ``/proc``
    (Linux; 0.0 elsewhere). The server's processes and parsers all live long enough."""
    ticks = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    parent: dict[int, int] = {}
    cpu: dict[int, float] = {}
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()  # after "pid (comm) "
        pid = int(entry.name)
        parent[pid] = int(fields[1])
        cpu[pid] = (int(fields[11]) + int(fields[12])) / ticks
    total, todo = 0.0, [root]
    while todo:
        pid = todo.pop()
        total += cpu.get(pid, 0.0)
        todo.extend(child for child, ppid in parent.items() if ppid == pid)
    return total


def _serve(workers: int, store: Path) -> LiveServer:
    env = {
        **os.environ,
        "SCREENING_DATABASE_URL": f"sqlite:///{store / f'bench-{workers}.db'}",
        "SCREENING_ADMIN_TOKEN": TOKEN,
        "SCREENING_PARSE_WORKERS": "1",  # one parser per server process
    }
    server = LiveServer(env, free_port(), store / f"server-{workers}.log", workers=workers)
    try:
        server.start()
    except AssertionError as exc:
        server.kill()
        raise RuntimeError(f"the server did not become ready (run `make train` first): {exc}") from None
    return server


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=Path("var/corpus"))
    ap.add_argument("--requests", type=int, default=64)
    args = ap.parse_args(argv)
    settings = Settings()
    # Distinct files for every request of a server (warm-up and three loads): no parse-cache hit.
    files = two_page_pdfs(args.corpus, WARM_UP + 3 * args.requests)
    role = sorted(load_roles(settings.data_dir))[0]
    resources = load_resources(settings.data_dir, settings.spacy_model)
    for data in files[:4]:
        parse_pdf(data, resources)
    started = time.perf_counter()
    for data in files[:64]:
        parse_pdf(data, resources)
    parse_ms = (time.perf_counter() - started) / min(64, len(files)) * 1000
    print(f"{len(files)} two-page PDFs; in-process parse {parse_ms:.1f} ms each; role {role}")
    rates: dict[tuple[int, int], float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        store = Path(os.environ.get("BENCH_STORE", tmp))
        for workers in (1, 2):
            server = _serve(workers, store)
            port = server.port
            try:
                # Warm-up of every server process: first requests pay one-time costs.
                asyncio.run(_load(port, files, role, WARM_UP, 2, keep_alive=False))
                assert server.proc is not None
                for k, clients in enumerate((1, 4, 16)):
                    first = WARM_UP + k * args.requests
                    server_cpu, client_cpu = _tree_cpu_s(server.proc.pid), time.process_time()
                    rate, lat = asyncio.run(_load(port, files, role, args.requests, clients, first))
                    server_ms = (_tree_cpu_s(server.proc.pid) - server_cpu) * 1000 / args.requests
                    client_ms = (time.process_time() - client_cpu) * 1000 / args.requests
                    rates[(workers, clients)] = rate
                    lat.sort()
                    p99 = lat[min(len(lat) - 1, int(0.99 * len(lat)))]
                    # The most screenings per second the machine's cores allow at this CPU cost.
                    ceiling = 1000 * (os.cpu_count() or 1) / (server_ms + client_ms)
                    print(f"workers {workers}, clients {clients:>2}: {rate:5.1f} screenings/s, "
                          f"p50 {statistics.median(lat):6.1f} ms, p99 {p99:6.1f} ms; CPU per screening: "
                          f"server and parsers {server_ms:.1f} ms, load generator {client_ms:.1f} ms "
                          f"(ceiling on {os.cpu_count()} cores {ceiling:.0f}/s)")  # fmt: skip
            finally:
                server.stop()
    for clients in (4, 16):
        ratio = rates[(2, clients)] / rates[(1, clients)]
        print(f"2 workers vs 1 at {clients} clients: {ratio:.2f}x (floor 1.8x)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

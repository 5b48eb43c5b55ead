"""Every hostile PDF through the batch CLI and through the real HTTP service.

    python -m benchmarks.hostile_run var/hostile [--timeout 10] [--workers 2] [--json out.json]

Reads a corpus written by ``screening generate-hostile`` (``DIR/index.jsonl``) and sends
every file

- through the CLI: ``screening score DIR/files --out rows.jsonl`` in a subprocess (the
  batch engine: the isolated parser pool, scoring in its workers), and
- through the service: ``screening serve`` in a subprocess, one ``POST /v1/screenings``
  per file from ``--workers`` client threads,

with small scoring models registered as champions in a throw-away MLflow store (trained in
seconds on generated text résumés; robustness does not depend on the models). It reports,
per path: files tried, outcomes (``scored``, ``needs_review``, error codes), crashes (the
CLI failing or missing rows, a 5xx, a dropped connection, the server dying), hangs (no answer
within the time limit plus a margin: a request, or the gap between two rows of the CLI's
output, which it writes in input order), worker processes lost, crafted files whose outcome
is not one their index record accepts, the peak RSS (``VmHWM``) and address-space limit of
every parser worker (sampled from ``/proc`` every 50 ms), and whether ``/healthz`` and
``/readyz`` answer 200, a good résumé still scores, and the server log holds neither the API
key nor résumé text afterwards.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from screening.bundle import ScoringModels

#: Seconds allowed on top of the parse time limit before an answer counts as a hang. The
#: worker is killed at the limit; scoring, storing and the HTTP round trip come on top, and a
#: file that arrives while every worker is busy with a slow file waits for one: up to the limit
#: for the slow file, then a replacement worker's start-up (1-3 s idle, 10 s and more on two
#: busy cores). A parser stuck without the kill would never answer.
HANG_MARGIN_S = 30.0
#: Text that must never reach a log: lines of the crafted résumé (see training.hostile).
LOGGED_TEXT_PROBES = ("Built credit scorecards for small-business loans", "Risk Analyst, Harbour Bank")


# --- corpus and models --------------------------------------------------------------------------


def load_index(folder: Path, limit: int | None = None) -> list[dict[str, Any]]:
    """The records of ``folder/index.jsonl`` (the first ``limit``)."""
    with (folder / "index.jsonl").open(encoding="utf-8") as fh:
        records = [json.loads(line) for line in fh if line.strip()]
    return records[:limit] if limit else records


def small_models(seed: int = 11, n: int = 240) -> ScoringModels:
    """Background and AHA bundles trained in seconds on ``n`` generated text résumés (those of
    the test suite's ``scoring_models`` fixture)."""
    from screening.parsing.resources import load_resources
    from screening.settings import Settings
    from training.small_models import small_scoring_models

    settings = Settings()
    resources = load_resources(settings.data_dir, settings.spacy_model)
    return small_scoring_models(resources, seed=seed, n=n, version="hostile-run")


def outcome_of(status: str, code: str | None) -> str:
    """One name per outcome: ``scored``, ``needs_review`` or the error code."""
    return (code or "error") if status == "error" else status


def accepted(outcome: str, expect: Sequence[str] | None) -> bool:
    """Whether ``outcome`` is one the index record accepts (``ok``: scored or needs review)."""
    if expect is None:
        return True
    if outcome in ("scored", "needs_review") and "ok" in expect:
        return True
    return outcome in expect


# --- watching the worker processes -----------------------------------------------------------


def _children(pid: int) -> list[int]:
    out: list[int] = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children", encoding="ascii") as fh:
                out += [int(p) for p in fh.read().split()]
    except OSError:
        pass
    return out


def _descendants(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        for child in _children(todo.pop()):
            found.append(child)
            todo.append(child)
    return found


def _cmdline(pid: int) -> bytes | None:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as fh:
            return fh.read()
    except OSError:
        return None


def _worker_kind(pid: int, root_cmdline: bytes | None) -> str | None:
    """``spawned`` (``spawn_main``, not the resource tracker), ``forked`` (the watched
    process's own command line: the batch forks its first workers) or None."""
    cmdline = _cmdline(pid)
    if cmdline is None:
        return None
    if b"spawn_main" in cmdline and b"resource_tracker" not in cmdline:
        return "spawned"
    if root_cmdline is not None and cmdline == root_cmdline:
        return "forked"
    return None


def _status_kib(pid: int, key: str) -> int | None:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith(key + ":"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        return None
    return None


def _address_space_limit(pid: int) -> int | None:
    try:
        with open(f"/proc/{pid}/limits", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Max address space"):
                    soft = line.split()[3]
                    return None if soft == "unlimited" else int(soft)
    except (OSError, ValueError, IndexError):
        return None
    return None


class WorkerWatch:
    """Samples the parser workers under a process every ``interval`` seconds: the peak resident
    memory (``VmHWM``) and the address-space limit of each (forked and spawned workers alike)."""

    def __init__(self, root: int, interval: float = 0.05) -> None:
        self.root, self.interval = root, interval
        self.peak_kib: dict[int, int] = {}
        self.limit: dict[int, int | None] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> WorkerWatch:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        root_cmdline = _cmdline(self.root)
        # A child between fork and exec (a subprocess starting) also has the root's command
        # line: a forked worker counts once it still has it one sample later.
        forked_once: set[int] = set()
        while not self._stop.is_set():
            for pid in _descendants(self.root):
                if pid not in self.limit:
                    kind = _worker_kind(pid, root_cmdline)
                    if kind is None or (kind == "forked" and pid not in forked_once):
                        if kind == "forked":
                            forked_once.add(pid)
                        continue
                    self.limit[pid] = None
                hwm = _status_kib(pid, "VmHWM")
                if hwm is not None:
                    self.peak_kib[pid] = max(hwm, self.peak_kib.get(pid, 0))
                limit = _address_space_limit(pid)
                if limit is not None:
                    self.limit[pid] = limit
            self._stop.wait(self.interval)

    @property
    def workers(self) -> int:
        return len(self.limit)

    @property
    def max_rss_mib(self) -> float:
        return max(self.peak_kib.values(), default=0) / 1024

    @property
    def address_space_limit_mib(self) -> float | None:
        limits = [v for v in self.limit.values() if v is not None]
        return max(limits) / 2**20 if limits else None


# --- results ----------------------------------------------------------------------------------


@dataclass
class PathReport:
    """What one path (CLI or API) did with the corpus."""

    path: str
    files: int = 0
    outcomes: dict[str, int] = field(default_factory=dict)
    crashes: list[str] = field(default_factory=list)
    hangs: list[str] = field(default_factory=list)
    unexpected: list[str] = field(default_factory=list)
    workers_lost: int = 0
    max_seconds: float = 0.0
    p50_seconds: float = 0.0
    p99_seconds: float = 0.0
    wall_seconds: float = 0.0
    parser_workers_seen: int = 0
    max_worker_rss_mib: float = 0.0
    worker_address_space_limit_mib: float | None = None
    healthy_after: dict[str, bool] = field(default_factory=dict)
    #: How the CLI's workers started (``fork`` or ``spawn``), from its "batch scored" log line.
    workers_started: str = ""
    by_file: dict[str, str] = field(default_factory=dict)
    _seconds: list[float] = field(default_factory=list, repr=False)

    def latencies(self, seconds: Sequence[float] | None = None) -> None:
        """Set the median, 99th percentile and maximum answer time (of ``seconds`` if given)."""
        values = sorted(self._seconds if seconds is None else seconds)
        if values:
            self.p50_seconds = round(values[len(values) // 2], 2)
            self.p99_seconds = round(values[min(len(values) - 1, int(len(values) * 0.99))], 2)
            self.max_seconds = round(values[-1], 2)

    def add(self, record: dict[str, Any], outcome: str, seconds: float, message: str = "") -> None:
        self.files += 1
        self.by_file[record["file"]] = outcome
        self.outcomes[outcome] = self.outcomes.get(outcome, 0) + 1
        self.max_seconds = max(self.max_seconds, seconds)
        self._seconds.append(seconds)
        if not accepted(outcome, record.get("expect")):
            self.unexpected.append(f"{record['file']} ({record['variant']}): {outcome}")
        if "parser process stopped" in message:
            self.workers_lost += 1

    def watched(self, watch: WorkerWatch) -> None:
        self.parser_workers_seen = watch.workers
        self.max_worker_rss_mib = round(watch.max_rss_mib, 1)
        limit = watch.address_space_limit_mib
        self.worker_address_space_limit_mib = round(limit, 1) if limit is not None else None


def _settings_env(timeout: float, workers: int) -> dict[str, str]:
    return {"SCREENING_PARSE__TIMEOUT_S": str(timeout), "SCREENING_PARSE_WORKERS": str(workers)}


# --- the CLI path ------------------------------------------------------------------------------


def run_cli(
    folder: Path,
    records: Sequence[dict[str, Any]],
    tracking_uri: str,
    work: Path,
    *,
    timeout: float,
    workers: int,
    margin: float = HANG_MARGIN_S,
) -> PathReport:
    """``screening score`` over the corpus files in a subprocess (the batch engine)."""
    report = PathReport("cli")
    files = work / "cli-input"
    files.mkdir(parents=True, exist_ok=True)
    for record in records:  # the sample (symlinks: the CLI reads them as files)
        link = files / Path(record["file"]).name
        if not link.exists():
            link.symlink_to((folder / record["file"]).resolve())
    out = work / "cli-rows.jsonl"
    out.unlink(missing_ok=True)
    env = {**os.environ, "MLFLOW_TRACKING_URI": tracking_uri, **_settings_env(timeout, workers)}
    # -v: the CLI's log at DEBUG, which says how its workers started.
    command = [sys.executable, "-m", "screening.cli", "-v", "score", str(files), "--out", str(out)]
    command += ["--workers", str(workers), "--role", _role()]
    # Every file at the time limit, in parallel, plus start-up: past that the CLI hangs.
    budget = 120 + len(records) * (timeout + margin) / workers
    arrivals: list[float] = []
    started = time.monotonic()
    with (work / "cli.log").open("wb") as log:
        proc = subprocess.Popen(command, env=env, stdout=log, stderr=log)
        with WorkerWatch(proc.pid) as watch:
            seen = 0
            while proc.poll() is None and time.monotonic() - started < budget:
                rows = _count_lines(out)
                arrivals += [time.monotonic()] * (rows - seen)
                seen = rows
                time.sleep(0.05)
            if proc.poll() is None:
                proc.kill()
                report.hangs.append(f"the CLI did not finish in {budget:.0f} s")
            proc.wait()
    report.watched(watch)
    report.wall_seconds = round(time.monotonic() - started, 1)
    if proc.returncode != 0:
        report.crashes.append(f"screening score exited with {proc.returncode}")
    report.workers_started = _logged(work / "cli.log", "batch scored").get("workers_started", "")
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines() if line.strip()]
    arrivals += [time.monotonic()] * (len(rows) - len(arrivals))
    # Rows come in input order; the first waits for the models and the workers to start.
    gaps = [b - a for a, b in itertools.pairwise(arrivals)]
    by_sha = {row["sha256"]: row for row in rows if row.get("sha256")}
    by_file = {Path(row["file"]).name: row for row in rows}
    for record in records:
        row = by_file.get(Path(record["file"]).name) or by_sha.get(record["sha256"])
        if row is None:
            report.crashes.append(f"{record['file']}: no row")
            continue
        error = row.get("error") or {}
        report.add(record, outcome_of(row["status"], error.get("code")), 0.0, error.get("message", ""))
    report.latencies(gaps)
    if report.max_seconds > timeout + margin:
        report.hangs.append(f"{report.max_seconds:.1f} s between two rows")
    return report


def _logged(log: Path, message: str) -> dict[str, Any]:
    """The last JSON log line of ``log`` whose message is ``message`` ({} when none)."""
    from tests.live_server import log_entries

    return next((e for e in reversed(log_entries(log)) if e.get("msg") == message), {})


def _count_lines(path: Path) -> int:
    try:
        with path.open("rb") as fh:
            return sum(chunk.count(b"\n") for chunk in iter(lambda: fh.read(1 << 16), b""))
    except OSError:
        return 0


def _role() -> str:
    from screening.ranking import load_roles
    from screening.settings import Settings

    return sorted(load_roles(Settings().data_dir))[0]


# --- the API path ------------------------------------------------------------------------------


def run_api(
    folder: Path,
    records: Sequence[dict[str, Any]],
    tracking_uri: str,
    work: Path,
    *,
    timeout: float,
    workers: int,
    margin: float = HANG_MARGIN_S,
) -> PathReport:
    """One ``POST /v1/screenings`` per file to a real ``screening serve`` process."""
    from tests.live_server import ADMIN_TOKEN, LiveServer, free_port, multipart, server_env
    from training.hostile import RESUME_LINES, text_page

    report = PathReport("api")
    env = server_env(tracking_uri, f"sqlite:///{work / 'api.db'}", **_settings_env(timeout, workers))
    server = LiveServer(env, free_port(), work / "server.log")
    server.start()
    assert server.proc is not None
    role = _role()
    limit = timeout + margin
    lock = threading.Lock()

    def one(record: dict[str, Any]) -> None:
        data = (folder / record["file"]).read_bytes()
        body, content_type = multipart([(Path(record["file"]).name, data)], role)
        started = time.monotonic()
        try:
            status, answer = server.request(
                "POST", "/v1/screenings", body, content_type=content_type, timeout=limit + 30
            )
        except OSError as exc:  # refused, reset or timed out: the service did not answer
            seconds = time.monotonic() - started
            with lock:
                target = report.hangs if seconds >= limit else report.crashes
                target.append(f"{record['file']}: {type(exc).__name__} after {seconds:.1f} s")
            return
        seconds = time.monotonic() - started
        with lock:
            if seconds > limit:
                report.hangs.append(f"{record['file']}: answered after {seconds:.1f} s")
            if status >= 500 or not isinstance(answer, dict):
                report.crashes.append(f"{record['file']}: HTTP {status}")
                return
            if status != 201:  # refused as a whole (e.g. 413): its error code
                code = str(answer.get("code"))
                # One file per request: "no file of the upload is a PDF" is this file's not_pdf.
                report.add(record, "not_pdf" if code == "unsupported_media_type" else code, seconds)
                return
            (candidate,) = answer["candidates"]
            error = candidate.get("error") or {}
            report.add(
                record, outcome_of(candidate["status"], error.get("code")), seconds, error.get("message", "")
            )

    started = time.monotonic()
    try:
        with WorkerWatch(server.proc.pid) as watch, ThreadPoolExecutor(workers) as clients:
            list(clients.map(one, records))
        report.watched(watch)
        report.wall_seconds = round(time.monotonic() - started, 1)
        report.latencies()
        alive = server.proc.poll() is None
        report.healthy_after["process_alive"] = alive
        if not alive:
            report.crashes.append("the server process died")
        else:
            for path in ("/healthz", "/readyz"):
                report.healthy_after[path] = server.request("GET", path, token=None)[0] == 200
            body, content_type = multipart([("good.pdf", text_page())], role)
            status, answer = server.request("POST", "/v1/screenings", body, content_type=content_type)
            report.healthy_after["good_resume_scored"] = (
                status == 201 and answer["candidates"][0]["status"] == "scored"
            )
    finally:
        server.stop()
    log = server.log_text()
    report.healthy_after["log_free_of_api_key"] = ADMIN_TOKEN not in log
    report.healthy_after["log_free_of_resume_text"] = not any(
        probe in log for probe in (*LOGGED_TEXT_PROBES, *RESUME_LINES[2:])
    )
    return report


# --- entry point -------------------------------------------------------------------------------


def run(
    folder: Path,
    *,
    limit: int | None = None,
    timeout: float = 10.0,
    workers: int = 2,
    paths: Iterable[str] = ("cli", "api"),
    models: ScoringModels | None = None,
    work: Path | None = None,
    margin: float = HANG_MARGIN_S,
) -> dict[str, Any]:
    """Run the corpus through ``paths``; the reports as a dict (see :class:`PathReport`)."""
    from tests.live_server import register_champions

    records = load_index(folder, limit)
    with tempfile.TemporaryDirectory(prefix="hostile-run-") as tmp:
        base = work or Path(tmp)
        tracking_uri = register_champions(models or small_models(), base / "mlflow")
        reports = {}
        for name in paths:
            folder_work = base / name
            folder_work.mkdir(parents=True, exist_ok=True)
            runner = run_cli if name == "cli" else run_api
            report = runner(
                folder, records, tracking_uri, folder_work, timeout=timeout, workers=workers, margin=margin
            )
            reports[name] = {k: v for k, v in asdict(report).items() if not k.startswith("_")}
    categories = Counter(r["category"] for r in records)
    return {
        "files": len(records),
        "categories": dict(sorted(categories.items())),
        "timeout_s": timeout,
        "hang_after_s": timeout + margin,
        "workers": workers,
        "paths": reports,
    }


def _print(result: dict[str, Any]) -> None:
    print(
        f"{result['files']} files; time limit {result['timeout_s']:g} s (a hang: no answer in "
        f"{result['hang_after_s']:g} s); {result['workers']} parser workers"
    )
    print("categories: " + ", ".join(f"{k} {v}" for k, v in result["categories"].items()))
    for name, report in result["paths"].items():
        outcomes = ", ".join(f"{k} {v}" for k, v in sorted(report["outcomes"].items(), key=lambda kv: -kv[1]))
        print(f"\n[{name}] {report['files']} answered in {report['wall_seconds']} s: {outcomes}")
        crashes, hangs, unexpected = report["crashes"], report["hangs"], report["unexpected"]
        print(
            f"  crashes {len(crashes)}, hangs {len(hangs)}, workers lost {report['workers_lost']}, "
            f"unexpected outcomes {len(unexpected)}"
        )
        print(
            f"  answers in {report['p50_seconds']} s (median), {report['p99_seconds']} s (p99), "
            f"{report['max_seconds']} s (slowest); parser workers {report['parser_workers_seen']}, "
            f"max worker RSS {report['max_worker_rss_mib']} MiB, "
            f"address-space limit {report['worker_address_space_limit_mib']} MiB"
        )
        for item in crashes[:10] + hangs[:10] + unexpected[:20]:
            print(f"  ! {item}")
        if report["healthy_after"]:
            print("  after: " + ", ".join(f"{k} {v}" for k, v in report["healthy_after"].items()))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("corpus", type=Path, help="a folder written by `screening generate-hostile`")
    ap.add_argument("--limit", type=int, help="only the first N files")
    ap.add_argument("--timeout", type=float, default=10.0, help="parse time limit per file (default 10)")
    ap.add_argument("--workers", type=int, default=2, help="parser workers, and API clients (default 2)")
    ap.add_argument("--paths", default="cli,api", help="cli, api or both (default cli,api)")
    ap.add_argument(
        "--margin", type=float, default=HANG_MARGIN_S, help="seconds past the limit that make a hang"
    )
    ap.add_argument("--json", type=Path, help="write the full report here")
    args = ap.parse_args(argv)
    result = run(
        args.corpus,
        limit=args.limit,
        timeout=args.timeout,
        workers=args.workers,
        paths=args.paths.split(","),
        margin=args.margin,
    )
    _print(result)
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    failed = any(
        r["crashes"] or r["hangs"] or not all(r["healthy_after"].values()) for r in result["paths"].values()
    )
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())

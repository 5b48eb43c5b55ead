"""Scoring speed, batch throughput and end-to-end cost against raw pypdf.

    python -m benchmarks.score_speed FOLDER [--limit 500] [--role ROLE]

Uses the registered champions of the configured MLflow store (``make train`` first).

1. scoring after parsing: every PDF is parsed once, then ``Scorer.score`` (features, six
   explained heads, evidence, the role's fit) is timed per résumé: median and p95 in ms;
2. batch throughput: ``screening.batch.score_files`` on the same files with 1 and with 2
   parser workers (fresh output each time, the workers' start-up included): files per
   second and the ratio, end to end and once running (first row to last: the workers'
   start-up left out) (wall clock: it needs an otherwise idle machine, so the load
   average is printed with it), and the CPU time of the main process and of the workers
   per file (``getrusage``), which other processes do not change;
3. end to end: parse + score in one process per file against
   ``pypdf.PdfReader(...).pages[*].extract_text()`` on the same bytes, interleaved, in CPU
   time of this process (``time.process_time``: other processes on the machine do not
   count).
"""

from __future__ import annotations

import argparse
import io
import os
import resource
import statistics
import tempfile
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pypdf

from screening.batch import score_files
from screening.parsing.model import ParsedResume
from screening.parsing.pipeline import parse_pdf
from screening.parsing.resources import load_resources
from screening.ranking import load_roles
from screening.registry import configure, load_scoring_models
from screening.scoring import Scorer
from screening.settings import Settings


def _raw_pypdf(data: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages)


def _cpu(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def _load() -> str:
    return "load average " + " ".join(f"{x:.2f}" for x in os.getloadavg())


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", type=Path)
    ap.add_argument("--limit", type=int, default=500)
    ap.add_argument("--role", default=None, help="default: the first role id")
    args = ap.parse_args(argv)
    settings = Settings()
    configure()
    resources = load_resources(settings.data_dir, settings.spacy_model)
    scorer = Scorer.from_settings(load_scoring_models(), settings)
    roles = load_roles(settings.data_dir)
    role = roles[args.role or sorted(roles)[0]]
    files = sorted(args.folder.rglob("*.pdf"))[: args.limit]
    blobs = [f.read_bytes() for f in files]
    print(f"{len(files)} PDFs from {args.folder}; role {role.id}; models {scorer.versions.background}, "
          f"{scorer.versions.aha}")  # fmt: skip

    # 1. Scoring after parsing.
    parsed: list[ParsedResume] = []
    raw_ms: list[float] = []
    ours_ms: list[float] = []
    for f, data in zip(files, blobs, strict=True):
        t0 = time.process_time()
        _raw_pypdf(data)
        t1 = time.process_time()
        p = parse_pdf(data, resources, settings.parse, file=str(f))
        scorer.score(p, role)
        t2 = time.process_time()
        raw_ms.append((t1 - t0) * 1000)
        ours_ms.append((t2 - t1) * 1000)
        parsed.append(p)
    ok = [p for p in parsed if p.quality == "ok"]
    for p in ok[:20]:  # warm-up
        scorer.score(p, role)
    times = []
    for p in ok:  # CPU time of this process: what scoring costs, whatever else runs
        t = time.process_time()
        scorer.score(p, role)
        times.append((time.process_time() - t) * 1000)
    times.sort()
    p95 = times[int(0.95 * (len(times) - 1))]
    print(f"scoring after parsing (CPU): median {statistics.median(times):.2f} ms, mean "
          f"{statistics.fmean(times):.2f} ms, p95 {p95:.2f} ms "
          f"per résumé ({len(ok)} scored; floor 5 ms)")  # fmt: skip

    # 3. End to end against raw pypdf (measured above, interleaved per file).
    ratio = sum(ours_ms) / sum(raw_ms)
    print(f"parse + score {sum(ours_ms) / len(files):.1f} ms vs raw pypdf {sum(raw_ms) / len(files):.1f} ms "
          f"per file (CPU): ratio {ratio:.2f} (floor 1.15)")  # fmt: skip

    # 2. Batch throughput with 1 and 2 workers.
    rates: dict[int, float] = {}
    steady: dict[int, float] = {}
    for workers in (1, 2):
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "scores.jsonl"
            before = _load()
            main_cpu, workers_cpu = _cpu(resource.RUSAGE_SELF), _cpu(resource.RUSAGE_CHILDREN)
            arrivals: list[float] = []

            def timed(rows: Iterable[Any], _total: int, arrivals: list[float] = arrivals) -> Iterator[Any]:
                for row in rows:
                    arrivals.append(time.perf_counter())
                    yield row

            t = time.perf_counter()
            score_files(
                [str(f) for f in files], out, scorer=scorer, role=role, settings=settings, workers=workers,
                progress=timed,
            )  # fmt: skip
            rates[workers] = len(files) / (time.perf_counter() - t)
            # Once running: rows per second from the first row to the last (the workers'
            # start-up, the same for 1 and 2 workers, left out).
            steady[workers] = (len(arrivals) - 1) / (arrivals[-1] - arrivals[0]) if len(arrivals) > 1 else 0.0
            main_cpu = _cpu(resource.RUSAGE_SELF) - main_cpu
            workers_cpu = _cpu(resource.RUSAGE_CHILDREN) - workers_cpu  # the pool's workers, once stopped
        print(f"batch, {workers} worker(s): {rates[workers]:.1f} files/s end to end, {steady[workers]:.1f} "
              f"once running; CPU per file: main process "
              f"{1000 * main_cpu / len(files):.1f} ms, workers {1000 * workers_cpu / len(files):.1f} ms "
              f"(start-up included); {before} -> {_load()}")  # fmt: skip
    print(f"batch speed-up, 2 workers vs 1: {rates[2] / rates[1]:.2f}x end to end (workers' start-up "
          f"included), {steady[2] / steady[1]:.2f}x once running (floor 1.8x; wall clock)")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Parse figures on a folder of real résumé PDFs (e.g. the LiveCareer set).

    python -m benchmarks.parse_livecareer FOLDER [--workers 2] [--limit N]

Prints: files, parsed with status ok, quality ok, an experience section found, at least
one dated position, errors by code. Uses the isolated parser pool, as the service does.
"""

from __future__ import annotations

import argparse
import collections
import sys
import time
from pathlib import Path

from screening.parsing.isolation import ParserPool
from screening.parsing.model import ParsedResume
from screening.settings import Settings


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", type=Path)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--limit", type=int, default=0)
    args = ap.parse_args(argv)
    files = sorted(args.folder.glob("*.pdf"))
    if args.limit:
        files = files[: args.limit]
    if not files:
        print(f"no PDFs in {args.folder}", file=sys.stderr)
        return 2
    counts: collections.Counter[str] = collections.Counter()
    errors: collections.Counter[str] = collections.Counter()
    qualities: collections.Counter[str] = collections.Counter()
    started = time.perf_counter()
    with ParserPool(Settings(), workers=args.workers) as pool:
        for outcome in pool.parse_many((str(f), f.read_bytes()) for f in files):
            if not isinstance(outcome, ParsedResume):
                errors[outcome.error.code] += 1
                continue
            counts["ok"] += 1
            qualities[outcome.quality] += 1
            if any(s.name == "experience" for s in outcome.sections):
                counts["experience"] += 1
            if any(p.start_date for p in outcome.positions):
                counts["dated"] += 1
    elapsed = time.perf_counter() - started
    n = len(files)
    pct = lambda k: f"{counts[k]:5d}  {100 * counts[k] / n:6.2f} %"  # noqa: E731
    print(f"files                        {n:5d}  ({elapsed:.1f} s, {args.workers} workers)")
    print(f"parsed, status ok            {pct('ok')}")
    print(f"experience section found     {pct('experience')}")
    print(f"at least one dated position  {pct('dated')}")
    print(f"quality                      {dict(qualities)}")
    print(f"errors by code               {dict(errors) or 'none'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

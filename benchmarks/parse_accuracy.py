"""Field-level precision and recall of the parser on generated résumés with known ground truth.

python -m benchmarks.parse_accuracy [--n 400] [--seed 2026]
"""

from __future__ import annotations

import argparse
import json

from screening.parsing.pipeline import parse_pdf
from screening.parsing.resources import load_resources
from screening.settings import Settings
from training.corpus.fixtures import generate_fixtures
from training.parse_accuracy import evaluate, summarise


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=400)
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--errors", type=int, default=0, help="print this many field errors")
    args = ap.parse_args(argv)
    settings = Settings()
    resources = load_resources(settings.data_dir, settings.spacy_model)
    scores = evaluate(
        (rid + ":" + r.layout, r.truth, parse_pdf(r.pdf, resources))
        for rid, r in generate_fixtures(args.n, args.seed)
    )
    for name, row in summarise(scores).items():
        print(f"{name:<20} {json.dumps(row)}")
    for line in scores.errors[: args.errors]:
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

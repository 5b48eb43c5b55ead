"""``screening score PATH... --role ROLE --out FILE``: a thin layer over :mod:`screening.batch`."""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TypeVar, cast

T = TypeVar("T")


def _progress(rows: Iterable[T], total: int) -> Iterable[T]:
    if importlib.util.find_spec("tqdm") is None or not sys.stderr.isatty():
        return rows
    tqdm = importlib.import_module("tqdm").tqdm
    return cast(Iterable[T], tqdm(rows, total=total, desc="scoring", unit="file"))


def run_score(args: argparse.Namespace) -> int:
    """Exit 0 when every file was processed (scored, sent to review or failed as a row);
    2 on bad arguments."""
    from screening.batch import BatchError, output_format, score_files
    from screening.ranking import load_roles
    from screening.registry import configure, load_scoring_models
    from screening.scoring import Scorer
    from screening.settings import Settings

    settings = Settings()
    out = Path(args.out)
    try:
        output_format(out)
    except BatchError as exc:
        print(f"screening score: {exc}", file=sys.stderr)
        return 2
    roles = load_roles(settings.data_dir)
    if args.role is not None and args.role not in roles:
        print(
            f"screening score: unknown role {args.role!r}; known: {', '.join(sorted(roles))}", file=sys.stderr
        )
        return 2
    role = roles[args.role] if args.role else None
    if args.engine == "spark":
        from screening.batch_spark import score_files_spark

        summary = score_files_spark(
            args.paths,
            out,
            role_id=args.role,
            master=args.master,
            background_uri=args.background_uri,
            aha_uri=args.aha_uri,
            settings=settings,
        )
    else:
        configure()
        models = load_scoring_models(args.background_uri, args.aha_uri)
        scorer = Scorer.from_settings(models, settings)
        try:
            summary = score_files(
                args.paths,
                out,
                scorer=scorer,
                role=role,
                settings=settings,
                workers=args.workers or settings.parse_workers,
                progress=_progress,
            )
        except BatchError as exc:
            print(f"screening score: {exc}", file=sys.stderr)
            return 2
    print(
        f"{summary.inputs} file(s): {summary.scored} scored, {summary.needs_review} need review, "
        f"{summary.errors} failed, {summary.skipped} already in {summary.out}",
        file=sys.stderr,
    )
    return 0


def add_score_command(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``screening score``."""
    p = subparsers.add_parser("score", help="score stored PDF résumés for a role (JSONL, CSV or Parquet)")
    p.add_argument("paths", nargs="+", metavar="PATH", help="PDF files, folders or glob patterns")
    p.add_argument("--role", help="role id (data/roles/<id>.yaml); without it, no fit score")
    p.add_argument("--out", required=True, help="output file: .jsonl, .csv or .parquet")
    p.add_argument("--workers", type=int, default=None, help="parser processes (default: settings)")
    p.add_argument("--engine", choices=["local", "spark"], default="local")
    p.add_argument("--master", default=None, help="Spark master URL (default: local[*])")
    p.add_argument("--background-uri", help="default: models:/screening-background@champion")
    p.add_argument("--aha-uri", help="default: models:/screening-aha@champion")
    p.set_defaults(func=run_score)

"""``screening data validate``: load labelled-résumé files and print the validation report."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from screening.settings import Settings


def register_data(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``data`` sub-command (with ``validate``) to the ``screening`` command.

    Args:
        subparsers: the ``screening`` command's sub-parsers; each leaf parser's ``func`` is its handler.
    """
    data = subparsers.add_parser(
        "data",
        help="labelled-résumé datasets: validate",
        description="Work with labelled-résumé files (JSON lines; see data/README.md).",
    )
    commands = data.add_subparsers(dest="data_command", metavar="COMMAND", required=True)
    validate = commands.add_parser(
        "validate",
        help="validate labelled-résumé files and report counts, duplicates, unreadable PDFs and leakage",
        description="Load every --data file, read the PDFs with the project parser (cached under "
        "--cache-dir), and print a report: counts per file and label, family combinations, exact and "
        "near-duplicate groups, unreadable PDFs by code, and the leakage check of the default split. "
        "Exit 1 when a record fails schema validation (duplicates and unreadable PDFs are only "
        "reported), 0 otherwise.",
    )
    validate.add_argument(
        "--data", type=Path, action="append", required=True, metavar="PATH", help="a JSONL file (repeatable)"
    )
    validate.add_argument(
        "--labels",
        type=Path,
        action="append",
        default=[],
        metavar="PATH",
        help="a label file adding labels to --data records by id (repeatable)",
    )
    validate.add_argument("--json", action="store_true", help="print the report as JSON")
    validate.add_argument(
        "--no-strict-confidence",
        dest="strict_confidence",
        action="store_false",
        help="keep 1s given at confidence < 2 as positives (default: count them as unknown)",
    )
    validate.add_argument("--workers", type=int, default=None, help="parser processes (default: settings)")
    validate.add_argument(
        "--cache-dir",
        type=Path,
        default=None,
        help="parsed-PDF cache (default: .cache/parsed/ in the checkout)",
    )
    validate.add_argument("--no-cache", action="store_true", help="parse every PDF again; cache nothing")
    validate.add_argument("--test-size", type=float, default=0.2, help="held-out share of the split checked")
    validate.add_argument("--seed", type=int, default=0, help="seed of the split checked")
    validate.add_argument("--max-issues", type=int, default=40, help="issues listed in the text report")
    validate.set_defaults(func=validate_command)


def validate_command(args: argparse.Namespace) -> int:
    """Handle ``data validate``: load, validate, split, check leakage and print the report.

    Args:
        args: parsed arguments (``data``, ``labels``, ``json``, ``strict_confidence``, ``workers``,
            ``cache_dir``, ``no_cache``, ``test_size``, ``seed``, ``max_issues``).

    Returns:
        0 when every record passed schema validation, 1 when some did not, 2 on bad arguments.
    """
    from training.dataset import load_records
    from training.splits import split_dataset, summarise_split
    from training.text_source import DEFAULT_CACHE_DIR, ParsedPdfSource

    if args.workers is not None and args.workers < 1:
        print("data validate: --workers must be >= 1", file=sys.stderr)
        return 2
    if not 0.0 < args.test_size < 1.0:
        print("data validate: --test-size must be in (0, 1)", file=sys.stderr)
        return 2
    cache_dir = None if args.no_cache else (args.cache_dir or DEFAULT_CACHE_DIR)
    source = ParsedPdfSource(Settings(), workers=args.workers, cache_dir=cache_dir)
    dataset = load_records(
        args.data, labels=args.labels, strict_confidence=args.strict_confidence, text_source=source
    )
    split = split_dataset(dataset, test_size=args.test_size, seed=args.seed)
    report = dataset.report.model_copy(
        update={"split": summarise_split(split, test_size=args.test_size, seed=args.seed)}
    )
    if args.json:
        print(report.model_dump_json(indent=2))
    else:
        sys.stdout.write(report.to_text(max_issues=args.max_issues))
        print(f"\nPDFs: {source.cached} read from the cache, {source.parsed} parsed")
    return 1 if report.has_errors else 0

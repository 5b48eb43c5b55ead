"""``screening export-labels``: reviewers' label corrections as a training JSONL file."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path


def run_export(args: argparse.Namespace) -> int:
    """Write one labelled-résumé record per line (``training.dataset.load_records`` format).

    The file holds résumé text: it is written with owner-only permissions, atomically.
    """
    from screening.settings import Settings
    from screening.store.db import database_url
    from screening.store.migrate import open_store
    from screening.store.repo import export_labels

    engine, sessions = open_store(database_url(Settings().database_url))
    try:
        with sessions.begin() as session:
            records = export_labels(session)
    finally:
        engine.dispose()
    out: Path = args.out
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        for record in records:
            fh.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
    tmp.replace(out)
    print(f"wrote {len(records)} records to {out}", file=sys.stderr)
    return 0


def add_export_labels_command(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``screening export-labels --out FILE.jsonl`` (uses ``SCREENING_DATABASE_URL``)."""
    p = subparsers.add_parser(
        "export-labels",
        help="export reviewers' label corrections as JSONL",
        description="Export label corrections as labelled-résumé records (one JSON object per line).",
    )
    p.add_argument("--out", type=Path, required=True, help="the JSONL file to write")
    p.set_defaults(func=run_export)

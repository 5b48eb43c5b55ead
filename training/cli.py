"""Sub-commands contributed by the ``training`` package to the ``screening`` command."""

from __future__ import annotations

import argparse
import json
import logging
import multiprocessing
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

from training.corpus.fixtures import render_fixture
from training.corpus.render import RenderedResume

logger = logging.getLogger(__name__)


def register_generate_corpus(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``generate-corpus`` sub-command.

    Args:
        subparsers: the ``screening`` command's sub-parsers; the new parser's ``func`` is the handler.
    """
    parser = subparsers.add_parser(
        "generate-corpus",
        help="render a synthetic, labelled-layout résumé corpus (PDFs and ground truth)",
        description="Render N synthetic résumés to DIR/pdfs/<id>.pdf and write their ground truth to "
        "DIR/index.jsonl. The output is byte-identical for a given seed.",
    )
    parser.add_argument("--n", type=int, required=True, help="number of résumés")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default: 0)")
    parser.add_argument("--out", type=Path, required=True, metavar="DIR", help="output folder")
    parser.add_argument("--workers", type=int, default=1, help="worker processes (default: 1)")
    parser.set_defaults(func=generate_corpus_command)


def _render(job: tuple[int, int]) -> tuple[str, RenderedResume]:
    return render_fixture(*job)


def generate_corpus_command(args: argparse.Namespace) -> int:
    """Handle ``generate-corpus``: render the corpus and write the PDFs and ``index.jsonl``.

    Args:
        args: parsed arguments with ``n``, ``seed``, ``out`` and ``workers``.

    Returns:
        The exit code: 0 on success, 2 on invalid arguments.
    """
    if args.n < 0 or args.workers < 1:
        print("generate-corpus: --n must be >= 0 and --workers >= 1", file=sys.stderr)
        return 2
    out: Path = args.out
    (out / "pdfs").mkdir(parents=True, exist_ok=True)
    jobs = [(args.seed, i) for i in range(args.n)]
    with (out / "index.jsonl").open("w", encoding="utf-8") as index:
        if args.workers == 1:
            _write_all(map(_render, jobs), out, index)
        else:
            with multiprocessing.Pool(args.workers) as pool:
                _write_all(pool.imap(_render, jobs, chunksize=8), out, index)
    logger.info("generated corpus", extra={"n": args.n, "seed": args.seed})
    print(f"wrote {args.n} résumés to {out}")
    return 0


def _write_all(results: Iterable[tuple[str, RenderedResume]], out: Path, index: TextIO) -> None:
    for rid, rendered in results:
        pdf = f"pdfs/{rid}.pdf"
        (out / pdf).write_bytes(rendered.pdf)
        record = {
            "id": rid,
            "pdf": pdf,
            "layout": rendered.layout,
            "lang": rendered.truth["lang"],
            "font": rendered.font,
            "truth": rendered.truth,
        }
        index.write(json.dumps(record, ensure_ascii=False) + "\n")

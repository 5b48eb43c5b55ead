"""Sub-commands contributed by the ``training`` package to the ``screening`` command."""

from __future__ import annotations

import argparse
import json
import logging
import multiprocessing
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TextIO

from training.corpus.generate import DEFAULT_NOISE, DEFAULT_ZH_SHARE, generate_example

logger = logging.getLogger(__name__)


def register_generate_corpus(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``generate-corpus`` sub-command.

    Args:
        subparsers: the ``screening`` command's sub-parsers; the new parser's ``func`` is the handler.
    """
    parser = subparsers.add_parser(
        "generate-corpus",
        help="generate a labelled synthetic résumé corpus (PDFs, labels, evidence and ground truth)",
        description="Generate N labelled synthetic résumés: PDFs in DIR/pdfs/<id>.pdf and one record per "
        "résumé in DIR/index.jsonl (labels by the labelling guide, evidence, demographics, layout, language, "
        "parser ground truth). The output is byte-identical for a given seed.",
    )
    parser.add_argument("--n", type=int, required=True, help="number of résumés")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default: 0)")
    parser.add_argument("--out", type=Path, required=True, metavar="DIR", help="output folder")
    parser.add_argument("--workers", type=int, default=1, help="worker processes (default: 1)")
    parser.add_argument(
        "--noise",
        type=float,
        default=DEFAULT_NOISE,
        metavar="RATE",
        help=f"probability of flipping each label, recorded in the index (default: {DEFAULT_NOISE})",
    )
    parser.add_argument(
        "--zh-share",
        type=float,
        default=DEFAULT_ZH_SHARE,
        metavar="P",
        help=f"share of résumés written in Chinese (default: {DEFAULT_ZH_SHARE})",
    )
    parser.set_defaults(func=generate_corpus_command)


def _generate(job: tuple[int, int, float, float]) -> tuple[dict[str, Any], bytes]:
    seed, index, noise, zh_share = job
    return generate_example(seed, index, noise=noise, zh_share=zh_share)


def generate_corpus_command(args: argparse.Namespace) -> int:
    """Handle ``generate-corpus``: render the corpus and write the PDFs and ``index.jsonl``.

    Args:
        args: parsed arguments with ``n``, ``seed``, ``out``, ``workers``, ``noise`` and ``zh_share``.

    Returns:
        The exit code: 0 on success, 2 on invalid arguments.
    """
    if args.n < 0 or args.workers < 1 or not 0 <= args.noise <= 0.5 or not 0 <= args.zh_share <= 1:
        print(
            "generate-corpus: --n must be >= 0, --workers >= 1, --noise in [0, 0.5], --zh-share in [0, 1]",
            file=sys.stderr,
        )
        return 2
    out: Path = args.out
    (out / "pdfs").mkdir(parents=True, exist_ok=True)
    jobs = [(args.seed, i, args.noise, args.zh_share) for i in range(args.n)]
    with (out / "index.jsonl").open("w", encoding="utf-8") as index:
        if args.workers == 1:
            _write_all(map(_generate, jobs), out, index)
        else:
            with multiprocessing.Pool(args.workers) as pool:
                _write_all(pool.imap(_generate, jobs, chunksize=16), out, index)
    logger.info("generated corpus", extra={"n": args.n, "seed": args.seed})
    print(f"wrote {args.n} résumés to {out}")
    return 0


def _write_all(results: Iterable[tuple[dict[str, Any], bytes]], out: Path, index: TextIO) -> None:
    for record, pdf in results:
        (out / record["pdf"]).write_bytes(pdf)
        index.write(json.dumps(record, ensure_ascii=False) + "\n")

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

from training.corpus.generate import (
    DEFAULT_NOISE,
    DEFAULT_ZH_SHARE,
    generate_example,
    generate_text_example,
)

logger = logging.getLogger(__name__)


def register_generate_corpus(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``generate-corpus`` sub-command.

    Args:
        subparsers: the ``screening`` command's sub-parsers; the new parser's ``func`` is the handler.
    """
    parser = subparsers.add_parser(
        "generate-corpus",
        help="generate a labelled synthetic résumé corpus (PDFs or text, labels, evidence, ground truth)",
        description="Generate N labelled synthetic résumés: PDFs in DIR/pdfs/<id>.pdf and one record per "
        "résumé in DIR/index.jsonl (labels by the labelling guide, evidence, demographics, layout, language, "
        "parser ground truth). With --format text, no PDFs: each record holds the résumé as plain text "
        "in 'text'. The output is byte-identical for a given seed.",
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
    parser.add_argument(
        "--format",
        choices=("pdf", "text"),
        default="pdf",
        help="pdf: render each résumé to DIR/pdfs/<id>.pdf; text: write it as plain text in the record's "
        "'text' (no PDFs, much faster) (default: pdf)",
    )
    parser.set_defaults(func=generate_corpus_command)


def _generate(job: tuple[int, int, float, float]) -> tuple[dict[str, Any], bytes | None]:
    seed, index, noise, zh_share = job
    return generate_example(seed, index, noise=noise, zh_share=zh_share)


def _generate_text(job: tuple[int, int, float, float]) -> tuple[dict[str, Any], bytes | None]:
    seed, index, noise, zh_share = job
    return generate_text_example(seed, index, noise=noise, zh_share=zh_share), None


def generate_corpus_command(args: argparse.Namespace) -> int:
    """Handle ``generate-corpus``: generate the corpus and write ``index.jsonl`` (and the PDFs).

    Args:
        args: parsed arguments with ``n``, ``seed``, ``out``, ``workers``, ``noise``, ``zh_share``
            and ``format`` (``pdf`` or ``text``).

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
    text = args.format == "text"
    out.mkdir(parents=True, exist_ok=True)
    if not text:
        (out / "pdfs").mkdir(exist_ok=True)
    work = _generate_text if text else _generate
    jobs = [(args.seed, i, args.noise, args.zh_share) for i in range(args.n)]
    with (out / "index.jsonl").open("w", encoding="utf-8") as index:
        if args.workers == 1:
            _write_all(map(work, jobs), out, index)
        else:
            with multiprocessing.Pool(args.workers) as pool:
                _write_all(pool.imap(work, jobs, chunksize=64 if text else 16), out, index)
    logger.info(
        "generated corpus", extra={"n": args.n, "seed": args.seed, "format": "text" if text else "pdf"}
    )
    print(f"wrote {args.n} résumés to {out}")
    return 0


def _write_all(results: Iterable[tuple[dict[str, Any], bytes | None]], out: Path, index: TextIO) -> None:
    for record, pdf in results:
        if pdf is not None:
            (out / record["pdf"]).write_bytes(pdf)
        index.write(json.dumps(record, ensure_ascii=False) + "\n")

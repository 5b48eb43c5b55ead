"""``screening parse FILE...``: one JSON object per file on stdout (JSON lines)."""

from __future__ import annotations

import argparse
import glob
import sys
from collections.abc import Iterator
from pathlib import Path

from screening.parsing.isolation import ParserPool
from screening.parsing.model import ErrorInfo, ParsedResume, ParseFailure
from screening.parsing.sniff import HEADER_WINDOW, not_pdf_reason
from screening.settings import Settings


def expand_inputs(inputs: list[str]) -> Iterator[Path]:
    """Files as given, ``*.pdf`` under folders (sorted), and glob patterns."""
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() == ".pdf")
        elif not path.exists() and any(ch in item for ch in "*?["):
            yield from (Path(p) for p in sorted(glob.glob(item, recursive=True)))
        else:
            yield path


def read_input(path: Path, max_bytes: int) -> bytes | ParseFailure:
    """The bytes of one input file, or a failure (not a PDF, too large, unreadable) never raised."""
    name = str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:  # refuse before reading the file into memory (its kind first)
            with path.open("rb") as fh:
                reason = not_pdf_reason(fh.read(HEADER_WINDOW))
            if reason is not None:
                return ParseFailure(file=name, error=ErrorInfo(code="not_pdf", message=reason))
            return ParseFailure(
                file=name,
                error=ErrorInfo(
                    code="too_large", message=f"file is {size:,} bytes; the limit is {max_bytes:,}"
                ),
            )
        return path.read_bytes()
    except OSError as exc:
        return ParseFailure(
            file=name, error=ErrorInfo(code="not_pdf", message=f"cannot read the file: {exc.strerror}")
        )


def run_parse(args: argparse.Namespace) -> int:
    """Parse every input; print JSON lines; exit 0 when all parsed, 2 when some failed."""
    settings = Settings()
    limits = settings.parse.model_copy(
        update={
            k: v for k, v in (("timeout_s", args.timeout), ("max_pages", args.max_pages)) if v is not None
        }
    )
    settings = settings.model_copy(update={"parse": limits})
    paths = list(expand_inputs(args.files))
    if not paths:
        print("screening parse: no input files", file=sys.stderr)
        return 2
    out = open(args.out, "w", encoding="utf-8") if args.out else sys.stdout  # noqa: SIM115
    failed = 0
    exclude = None if args.with_lines else {"lines"}
    try:
        with ParserPool(settings, workers=min(args.workers or settings.parse_workers, len(paths))) as pool:
            items = ((str(p), read_input(p, limits.max_bytes)) for p in paths)
            for outcome in pool.parse_many(items):
                if isinstance(outcome, ParsedResume):
                    line = outcome.model_dump_json(exclude=exclude)
                else:
                    failed += 1
                    line = outcome.model_dump_json()
                out.write(line + "\n")
                out.flush()
    finally:
        if out is not sys.stdout:
            out.close()
    return 2 if failed else 0


def add_parse_command(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``screening parse``."""
    p = subparsers.add_parser(
        "parse",
        help="parse PDF résumés to JSON lines",
        description="Parse PDF résumés (files, folders or globs) and print one JSON object per file.",
    )
    p.add_argument(
        "files", nargs="+", metavar="FILE", help="PDF files, folders (searched for *.pdf) or globs"
    )
    p.add_argument("--out", help="write JSON lines here instead of stdout")
    p.add_argument("--workers", type=int, help="parser processes (default: SCREENING_PARSE_WORKERS or 2)")
    p.add_argument("--timeout", type=float, help="seconds per file before its worker is killed (default 10)")
    p.add_argument("--max-pages", type=int, help="refuse files with more pages (default 30)")
    p.add_argument("--with-lines", action="store_true", help="include the position of every line on its page")
    p.set_defaults(func=run_parse)

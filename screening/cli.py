"""The ``screening`` command: a thin layer over plain functions.

Sub-commands of other packages (``training``) are discovered through the
``screening.commands`` entry-point group, so this package never imports them.
Each entry point is a callable ``register(subparsers)`` that adds one sub-parser and sets
``func=handler`` where ``handler(args: argparse.Namespace) -> int`` returns the exit code.
"""

from __future__ import annotations

import argparse
import logging
from collections.abc import Sequence
from importlib.metadata import entry_points

from screening import __version__
from screening.logs import configure_logging

logger = logging.getLogger(__name__)


def _register_parse(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from screening.parsing.cli import add_parse_command

    add_parse_command(subparsers)


def _register_serve(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from screening.api.cli import add_serve_command

    add_serve_command(subparsers)


def _register_score(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from screening.batch_cli import add_score_command

    add_score_command(subparsers)


def _register_keys(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from screening.keys_cli import add_keys_command

    add_keys_command(subparsers)


def _register_export_labels(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from screening.export_cli import add_export_labels_command

    add_export_labels_command(subparsers)


def _register_audit(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from screening.audit.cli import add_audit_command

    add_audit_command(subparsers)


def build_parser() -> argparse.ArgumentParser:
    """Build the argument parser with the built-in and the plugged-in sub-commands."""
    parser = argparse.ArgumentParser(prog="screening", description=__doc__.splitlines()[0])
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log at DEBUG level on stderr")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    _register_parse(subparsers)
    _register_serve(subparsers)
    _register_score(subparsers)
    _register_keys(subparsers)
    _register_export_labels(subparsers)
    _register_audit(subparsers)
    for ep in sorted(entry_points(group="screening.commands"), key=lambda e: e.name):
        ep.load()(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI and return its exit code."""
    args = build_parser().parse_args(argv)
    configure_logging(logging.DEBUG if args.verbose else logging.WARNING)
    code: int = args.func(args)
    return code


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())

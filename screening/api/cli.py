"""``screening serve``: run the HTTP service with uvicorn."""

from __future__ import annotations

import argparse


def run_serve(args: argparse.Namespace) -> int:
    """Start the service in the foreground until interrupted."""
    import uvicorn

    from screening.api.app import create_app
    from screening.settings import Settings

    uvicorn.run(create_app(Settings()), host=args.host, port=args.port, log_level="info")
    return 0


def add_serve_command(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``screening serve``."""
    p = subparsers.add_parser("serve", help="run the HTTP service", description="Run the screening service.")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.set_defaults(func=run_serve)

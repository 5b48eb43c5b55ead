"""``screening serve``: run the HTTP service with uvicorn."""

from __future__ import annotations

import argparse
import contextlib
import socket


def run_serve(args: argparse.Namespace) -> int:
    """Start the service in the foreground until interrupted."""
    import uvicorn

    from screening.api.app import create_app
    from screening.logs import uvicorn_log_config
    from screening.settings import Settings

    settings = Settings()
    log_config = uvicorn_log_config(settings.log_level)

    if args.workers > 1:
        # Several processes, each with its own app (lifespan: migrations, parser pool, models),
        # built by the factory from the same SCREENING_* settings.
        from uvicorn.config import STARTUP_FAILURE
        from uvicorn.supervisors import Multiprocess

        config = uvicorn.Config(
            "screening.api.app:create_app",
            factory=True,
            host=args.host,
            port=args.port,
            workers=args.workers,
            log_config=log_config,
        )
        supervisor = Multiprocess(config, sockets=[_tcp_listener(config.bind_socket())])
        with contextlib.suppress(KeyboardInterrupt):  # as uvicorn.run does
            supervisor.run()
        # The supervisor stops when a worker fails at start-up (a migration that cannot run,
        # a revoked admin token), but returns normally: say so, as one process does (exit 3).
        if any(process.exitcode == STARTUP_FAILURE for process in supervisor.processes):
            return STARTUP_FAILURE
    else:
        uvicorn.run(create_app(settings), host=args.host, port=args.port, log_config=log_config)
    return 0


def _tcp_listener(sock: socket.socket) -> socket.socket:
    """``sock`` (uvicorn's bound listener) with its protocol set to TCP.

    uvicorn leaves ``proto`` at 0 on the socket it binds for several workers; accepted
    connections inherit it, and asyncio turns on ``TCP_NODELAY`` only for sockets that say
    ``IPPROTO_TCP``. Without it each keep-alive response waited for the client's delayed ACK
    (about 40 ms on Linux; uvicorn issue #3149). One process is not affected: asyncio binds
    that listener itself.
    """
    if sock.family not in (socket.AF_INET, socket.AF_INET6) or sock.proto == socket.IPPROTO_TCP:
        return sock
    tcp = socket.socket(sock.family, sock.type, socket.IPPROTO_TCP, fileno=sock.detach())
    tcp.set_inheritable(True)
    return tcp


def add_serve_command(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``screening serve``."""
    p = subparsers.add_parser("serve", help="run the HTTP service", description="Run the screening service.")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument(
        "--workers", type=int, default=1, help="server processes (each with SCREENING_PARSE_WORKERS parsers)"
    )
    p.set_defaults(func=run_serve)

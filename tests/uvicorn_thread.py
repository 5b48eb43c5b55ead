"""An app served over real HTTP by uvicorn in a thread of the test process (its lifespan included).

For tests that need a real HTTP server (chunked bodies, sockets, Schemathesis over HTTP) but not
a separate process: no model registry, the app is built with the test models.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from fastapi import FastAPI


@contextmanager
def serve_in_thread(app: FastAPI, timeout: float = 60) -> Iterator[int]:
    """Serve ``app`` on 127.0.0.1 until the block ends; yields the port.

    Raises:
        AssertionError: the server did not start within ``timeout`` seconds.
    """
    import uvicorn

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = int(s.getsockname()[1])
    # log_config=None: the test process keeps its logging (caplog sees the server's records).
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_config=None))
    thread = threading.Thread(target=server.run, name="uvicorn", daemon=True)
    thread.start()
    deadline = time.monotonic() + timeout
    while not server.started:
        assert thread.is_alive(), "uvicorn stopped while starting"
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    try:
        yield port
    finally:
        server.should_exit = True
        thread.join(30)

"""Parsing untrusted PDFs in worker processes with a wall-clock and a memory limit.

Each worker is a separate process that loads the parse resources once and then parses
one file at a time. A file that runs past the time limit gets its worker killed (and a
fresh one started in the background): the caller receives ``timeout``. The worker's
address space is capped at its size after start-up plus ``max_memory_mb`` (``RLIMIT_AS``),
so a file that makes the parser allocate without bound gets ``too_large`` instead of
exhausting the machine. A worker that dies (a crash in a C extension, the OOM killer)
costs only that file, reported as ``malformed``. The pool is safe to use from several threads.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import logging
import multiprocessing
import os
import queue
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from screening.parsing.errors import ErrorCode, ParseError
from screening.parsing.model import ErrorInfo, ParsedResume, ParseFailure
from screening.parsing.sniff import HEADER_WINDOW, not_pdf_reason
from screening.settings import ParseLimits, Settings

if TYPE_CHECKING:
    from screening.parsing.resources import ParseResources

logger = logging.getLogger(__name__)

ParseOutcome = ParsedResume | ParseFailure


def _limit_memory(extra_mb: int) -> None:
    try:
        import resource

        with open("/proc/self/statm", encoding="ascii") as fh:
            pages = int(fh.read().split()[0])
        current = pages * os.sysconf("SC_PAGE_SIZE")
        limit = current + extra_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ImportError, OSError, ValueError):  # not Linux: no cap, the time limit still holds
        logger.warning("worker memory limit not applied on this platform")


def parse_outcome(
    data: bytes, resources: ParseResources, limits: ParseLimits, file: str | None
) -> ParseOutcome:
    """Parse in this process; every failure becomes a :class:`ParseFailure` with a stable code.

    What a pool worker runs for each file (and what the Spark engine runs per row).
    """
    from screening.parsing.pipeline import parse_pdf

    sha256 = hashlib.sha256(data).hexdigest()

    def failure(code: ErrorCode, message: str) -> ParseFailure:
        return ParseFailure(file=file, sha256=sha256, error=ErrorInfo(code=code, message=message))

    try:
        return parse_pdf(data, resources, limits, file=file)
    except ParseError as exc:
        return failure(exc.code, exc.message)
    except MemoryError:
        return failure("too_large", "parsing the file needs more memory than allowed")
    except RecursionError:
        return failure("malformed", "the PDF nests too deeply")
    except Exception as exc:
        return failure("malformed", f"the PDF could not be read ({type(exc).__name__})")


def _worker_main(
    conn: Connection,
    data_dir: str,
    spacy_model: str | None,
    limits: dict[str, Any],
    after: Callable[[ParseOutcome], object] | None = None,
) -> None:
    """Worker loop: receive ``(bytes, file)``, send a parse outcome; exit on ``None``."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # pypdf's warnings about broken files quote the file's bytes (résumé text) and would reach
    # the service's log through this process's stderr; callers get the outcome's stable code.
    logging.getLogger("pypdf").setLevel(logging.CRITICAL)
    from screening.parsing.resources import load_resources

    parse_limits = ParseLimits(**limits)
    resources = load_resources(Path(data_dir), spacy_model)
    # The ``after`` step's own start-up (a batch's models), before the memory cap and outside
    # any file's time limit.
    prepare = getattr(after, "prepare", None)
    if callable(prepare):
        prepare()
    _limit_memory(parse_limits.max_memory_mb)
    conn.send("ready")
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        data, file = job
        sha256 = hashlib.sha256(data).hexdigest()
        outcome: object = parse_outcome(data, resources, parse_limits, file)
        if after is not None:
            outcome = after(cast(ParseOutcome, outcome))
        try:
            conn.send(outcome)
        except MemoryError:
            conn.send(
                ParseFailure(
                    file=file, sha256=sha256, error=ErrorInfo(code="too_large", message="result too large")
                )
            )


class _Worker:
    def __init__(self, ctx: Any, settings: Settings, after: Callable[[ParseOutcome], object] | None) -> None:
        parent, child = ctx.Pipe()
        self.conn: Connection = parent
        self.proc: BaseProcess = ctx.Process(
            target=_worker_main,
            args=(child, str(settings.data_dir), settings.spacy_model, settings.parse.model_dump(), after),
            daemon=True,
            name="screening-parser",
        )
        self.proc.start()
        child.close()
        self.ready = False

    def wait_ready(self, timeout: float) -> bool:
        if not self.ready and self.conn.poll(timeout):
            try:
                self.ready = self.conn.recv() == "ready"
            except (EOFError, OSError):
                return False
        return self.ready

    def kill(self) -> None:
        if self.proc.is_alive():
            self.proc.kill()
        self.proc.join(5)
        self.conn.close()

    def stop(self) -> None:
        with contextlib.suppress(OSError):
            self.conn.send(None)
        self.proc.join(2)
        if self.proc.is_alive():
            self.proc.kill()
            self.proc.join(2)
        self.conn.close()


def _single_threaded(grace_s: float = 1.0) -> bool:
    """Whether this process runs one Python thread (native pools such as BLAS's are not
    seen), after a garbage collection and up to ``grace_s`` for threads to end: the threads of
    a thread pool whose owner is garbage end once it is collected (MLflow leaves such pools
    behind after downloading a model's files)."""
    if threading.active_count() > 1:
        gc.collect()
        deadline = time.monotonic() + grace_s
        while threading.active_count() > 1 and time.monotonic() < deadline:
            time.sleep(0.01)
    return threading.active_count() == 1


#: Time a fresh worker may take to import and load the parse resources.
STARTUP_TIMEOUT_S = 60.0


class ParserPool:
    """A fixed number of parser processes; ``parse`` blocks the calling thread only."""

    def __init__(
        self,
        settings: Settings,
        workers: int | None = None,
        after: Callable[[ParseOutcome], object] | None = None,
        *,
        fork: bool = False,
    ) -> None:
        """``after``, when given, runs in the worker on every parse outcome and its result is
        what :meth:`run` returns (it must be picklable: it travels to the worker processes).
        Batch scoring uses it to score where it parses. Its ``prepare()`` method, if it has
        one, runs once in each worker before the worker reports ready.

        ``fork=True`` forks the first workers from this process, so that they start with its
        imported modules and with ``after`` as it is here (a batch's loaded models) instead of
        importing and loading everything again (seconds per worker). Only where ``fork``
        exists and this process runs a single Python thread: forking a threaded process can leave a
        lock held in the child. Replacements, started while the pool's threads run, are
        always spawned (``after`` is then pickled as for any spawned worker).
        """
        self.settings = settings
        self.after = after
        self.size = workers or settings.parse_workers
        self._ctx = multiprocessing.get_context("spawn")
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closed = False
        first: Any = self._ctx
        if fork and "fork" in multiprocessing.get_all_start_methods() and _single_threaded():
            first = multiprocessing.get_context("fork")
        #: How the first workers started (``fork`` or ``spawn``).
        self.start_method: str = first.get_start_method()
        # Every first worker is started before the threads that wait for them.
        for worker in [self._start(first) for _ in range(self.size)]:
            self._watch(worker)

    def _start(self, ctx: Any) -> _Worker | None:
        worker = _Worker(ctx, self.settings, self.after)
        with self._lock:
            closed = self._closed
            if not closed:
                self._all.add(worker)
        if closed:  # a replacement that started while the pool closed
            worker.stop()
            return None
        return worker

    def _watch(self, worker: _Worker | None) -> None:
        """Hand a started worker out once ready, so that files go to the workers that are up
        rather than wait seconds for a new one to start."""
        if worker is not None:
            threading.Thread(
                target=self._when_ready, args=(worker,), name="parser-start", daemon=True
            ).start()

    def _add(self) -> None:
        """Start a (spawned) worker and hand it out once ready."""
        self._watch(self._start(self._ctx))

    def _when_ready(self, worker: _Worker) -> None:
        with contextlib.suppress(OSError, EOFError, ValueError):  # stopped while starting
            worker.wait_ready(STARTUP_TIMEOUT_S)
        # Ready or not: a worker that failed to start is found out, retired and reported by run().
        self._idle.put(worker)

    def _replace(self) -> None:
        # Starting a process blocks while it reads its arguments (the ``after`` step may carry
        # scoring models): done here, in the background, not by the caller waiting for its file.
        try:
            self._add()
        except Exception:
            logger.exception("a replacement parser worker failed to start")

    def _retire(self, worker: _Worker) -> None:
        worker.kill()
        with self._lock:
            self._all.discard(worker)
            closed = self._closed
        if not closed:
            threading.Thread(target=self._replace, name="parser-replace", daemon=True).start()

    def parse(self, data: bytes, file: str | None = None) -> ParseOutcome:
        """Parse one file in a worker, within the time limit; never raises for a bad file."""
        if self.after is not None:
            raise RuntimeError("this pool runs a post-processing step: use run()")
        return cast(ParseOutcome, self.run(data, file))

    def run(self, data: bytes, file: str | None = None) -> object:
        """:meth:`parse`, then the pool's ``after`` step in the same worker: its result, or
        the :class:`ParseFailure` when the file was refused, timed out or killed the worker."""
        if self._closed:
            raise RuntimeError("the parser pool is closed")
        limits = self.settings.parse
        reason = not_pdf_reason(data[:HEADER_WINDOW])
        if reason is not None:  # (over the limit, ``data`` may be a truncated read: no digest)
            digest = hashlib.sha256(data).hexdigest() if len(data) <= limits.max_bytes else None
            return ParseFailure(file=file, sha256=digest, error=ErrorInfo(code="not_pdf", message=reason))
        if len(data) > limits.max_bytes:  # (``data`` may be a read cut one byte past the limit)
            return ParseFailure(
                file=file,
                error=ErrorInfo(code="too_large", message=f"the file exceeds {limits.max_bytes:,} bytes"),
            )
        sha256 = hashlib.sha256(data).hexdigest()
        worker = self._idle.get()
        if not worker.wait_ready(STARTUP_TIMEOUT_S):
            self._retire(worker)
            raise RuntimeError("a parser worker failed to start")
        started = time.monotonic()
        try:
            worker.conn.send((data, file))
            if worker.conn.poll(limits.timeout_s):
                outcome: object = worker.conn.recv()
                self._idle.put(worker)
                return outcome
        except (EOFError, OSError):
            code = worker.proc.exitcode
            self._retire(worker)
            logger.warning("parser worker died", extra={"exitcode": code})
            return ParseFailure(
                file=file,
                sha256=sha256,
                error=ErrorInfo(code="malformed", message="the parser process stopped on this file"),
            )
        self._retire(worker)
        elapsed = time.monotonic() - started
        logger.info("parse timed out; worker restarted", extra={"seconds": round(elapsed, 2)})
        return ParseFailure(
            file=file,
            sha256=sha256,
            error=ErrorInfo(code="timeout", message=f"parsing took longer than {limits.timeout_s:g} s"),
        )

    def parse_many(self, items: Iterable[tuple[str, bytes | ParseFailure]]) -> Iterator[ParseOutcome]:
        """Parse ``(name, bytes)`` items on all workers; results come back in input order.

        An item may already be a :class:`ParseFailure` (e.g. a file that could not be read):
        it is passed through in its place.
        """
        if self.after is not None:
            raise RuntimeError("this pool runs a post-processing step: use run_many()")
        return cast(Iterator[ParseOutcome], self.run_many(items))

    def run_many(self, items: Iterable[tuple[str, bytes | ParseFailure]]) -> Iterator[object]:
        """:meth:`parse_many` through :meth:`run`: in input order; failures passed through."""

        def one(item: tuple[str, bytes | ParseFailure]) -> object:
            name, payload = item
            return payload if isinstance(payload, ParseFailure) else self.run(payload, name)

        window: deque[Future[object]] = deque()
        with ThreadPoolExecutor(max_workers=self.size) as threads:
            # A bounded window keeps memory flat on long inputs; a deep one lets the workers
            # run ahead of a slow file at the head of the line (results stay in order).
            for item in items:
                window.append(threads.submit(one, item))
                if len(window) >= self.size * 8:
                    yield window.popleft().result()
            while window:
                yield window.popleft().result()

    def close(self) -> None:
        """Stop every worker."""
        with self._lock:
            self._closed = True
            workers = list(self._all)
            self._all.clear()
        for worker in workers:
            worker.stop()

    def __enter__(self) -> ParserPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

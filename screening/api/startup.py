"""Bringing up what the service depends on (the database, the scoring models), and again
until it comes, without a restart.

At start the app tries each dependency once; if one is not there (the database server down,
the model registry unreachable), the app still starts, ``/readyz`` answers 503 with the
dependency's code and why, and a background task tries again with exponential backoff until
it succeeds. Tasks are cancelled when the app stops.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
from collections.abc import Awaitable, Callable

logger = logging.getLogger(__name__)

#: ``scheme://user:password@``: the password of credentials inside a URL quoted in a message.
_URL_PASSWORD = re.compile(r"(://[^/\s:@]*):[^@\s/]*@")

#: Seconds before the first retry; each later wait doubles, up to the configured maximum.
FIRST_RETRY_S = 1.0
#: Seconds :meth:`Dependency.stop` lets an attempt in progress finish before cancelling it.
STOP_GRACE_S = 15.0


def scrub(text: str, limit: int = 300) -> str:
    """The first line of ``text``, at most ``limit`` characters, with URL passwords masked."""
    first = text.strip().splitlines()[0] if text.strip() else ""
    return _URL_PASSWORD.sub(r"\1:***@", first)[:limit]


class Dependency:
    """One thing the service needs, brought up by ``bring_up`` (an async step, safe to repeat).

    ``problem`` says why it is not up (``None`` once it is), for ``/readyz``; ``detail`` says
    more, for the log. ``describe`` makes both from an exception of ``bring_up``: never a
    secret or personal data (``/readyz`` answers anyone). An exception that is not one of
    ``retry_on`` stops the start at the first attempt (a configuration error does not heal);
    later, in the background, every failure is retried.
    """

    def __init__(
        self,
        name: str,
        bring_up: Callable[[], Awaitable[None]],
        describe: Callable[[Exception], tuple[str, str]],
        *,
        retry_on: tuple[type[Exception], ...],
        max_delay_s: float,
    ) -> None:
        self.name = name
        self.problem: str | None = "not started yet"
        self.detail = ""
        self.attempts = 0
        self._bring_up, self._describe, self._retry_on = bring_up, describe, retry_on
        self._max_delay_s = max(max_delay_s, FIRST_RETRY_S)
        self._task: asyncio.Task[None] | None = None
        self._stopping = asyncio.Event()

    @property
    def up(self) -> bool:
        return self.problem is None

    async def attempt(self) -> bool:
        """Try once; whether it is up.

        Raises:
            Exception: at the first attempt only, what ``bring_up`` raised if it is not one of
                ``retry_on``.
        """
        self.attempts += 1
        try:
            await self._bring_up()
        except Exception as exc:
            if self.attempts == 1 and not isinstance(exc, self._retry_on):
                raise
            self.problem, self.detail = self._describe(exc)
            return False
        if self.attempts > 1:
            logger.warning("%s available after %d attempts", self.name, self.attempts)
        self.problem = None
        return True

    def retry_in_background(self) -> None:
        """Keep trying in a background task (with backoff) until :meth:`attempt` succeeds."""
        if self._task is None and not self.up:
            self._task = asyncio.create_task(self._retry(), name=f"bring-up-{self.name}")

    async def _retry(self) -> None:
        delay = FIRST_RETRY_S
        while True:
            logger.warning(
                "%s unavailable (attempt %d): %s; next attempt in %.0f s",
                self.name,
                self.attempts,
                self.detail or self.problem,
                delay,
            )
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stopping.wait(), timeout=delay)
            if self._stopping.is_set() or await self.attempt():
                return
            delay = min(delay * 2, self._max_delay_s)

    async def stop(self, grace_s: float = STOP_GRACE_S) -> None:
        """End the background retries, if any: an attempt in progress may finish (within
        ``grace_s``, so that what it opened is closed with the app), then the task is cancelled."""
        task, self._task = self._task, None
        if task is None:
            return
        self._stopping.set()
        try:
            await asyncio.wait_for(asyncio.shield(task), timeout=grace_s)
        except TimeoutError:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

"""Concurrency-slot limiters, so a caller's jobs never exceed the team's slots (D-SLOTS).

Every in-flight job (each task of a ``POST /task/generate``, each face / image / pose generation,
upscale and video request) holds one of the team's slots until it completes; a request that does not
fit is refused with 429. Size a limiter from ``GET /metering/plan``'s ``concurrent_requests``
(``Huhu.slots()`` does), hold ``n`` slots for as long as ``n`` jobs run, and 429s are avoided
rather than retried::

    limiter = huhu.slots()
    with limiter.hold(len(task_ids)):
        huhu.call(generate_tasks, body=GenerateTasksRequest(project_id=p, task_ids=task_ids))
        huhu.wait_for_tasks(task_ids, project_id=p)

Waiters are served first come, first served, so a large request is not starved by small ones.
"""

from __future__ import annotations

import asyncio
import threading
from collections import deque
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager

__all__ = ["AsyncSlotLimiter", "SlotLimiter"]


def _check(size: int, n: int) -> None:
    if n < 1:
        raise ValueError("n must be >= 1")
    if n > size:
        raise ValueError(f"cannot hold {n} slots: the team has only {size}")


class _Slots:
    """The counting and the FIFO queue both limiters share; each adds its lock and waiting."""

    def __init__(self, size: int) -> None:
        if size < 1:
            raise ValueError("size must be >= 1")
        self.size = size
        self._free = size
        self._queue: deque[object] = deque()

    @property
    def in_use(self) -> int:
        return self.size - self._free

    @property
    def available(self) -> int:
        return self._free

    def _turn(self, me: object, n: int) -> bool:
        """Whether ``me`` is first in line and ``n`` slots are free."""
        return self._queue[0] is me and self._free >= n

    def _give_back(self, n: int) -> None:
        if n < 1 or self._free + n > self.size:
            raise ValueError(f"cannot release {n} slots: only {self.size - self._free} are held")
        self._free += n

    def __repr__(self) -> str:
        return f"{type(self).__name__}(size={self.size}, in_use={self.size - self._free})"


class SlotLimiter(_Slots):
    """A thread-safe, FIFO counting semaphore over the team's concurrency slots."""

    def __init__(self, size: int) -> None:
        super().__init__(size)
        self._cond = threading.Condition()

    def acquire(self, n: int = 1, *, timeout: float | None = None) -> bool:
        """Take ``n`` slots, waiting (up to ``timeout`` seconds) until they are free. False on timeout."""
        _check(self.size, n)
        me = object()
        with self._cond:
            self._queue.append(me)
            try:
                ok = self._cond.wait_for(lambda: self._turn(me, n), timeout)
                if ok:
                    self._free -= n
                return ok
            finally:
                self._queue.remove(me)
                self._cond.notify_all()

    def release(self, n: int = 1) -> None:
        """Give back ``n`` slots."""
        with self._cond:
            self._give_back(n)
            self._cond.notify_all()

    @contextmanager
    def hold(self, n: int = 1) -> Iterator[None]:
        """``with limiter.hold(n):`` holds ``n`` slots for the duration of the block."""
        self.acquire(n)
        try:
            yield
        finally:
            self.release(n)


class AsyncSlotLimiter(_Slots):
    """The asyncio version of :class:`SlotLimiter` (use it from one event loop)."""

    def __init__(self, size: int) -> None:
        super().__init__(size)
        self._cond = asyncio.Condition()

    async def acquire(self, n: int = 1, *, timeout: float | None = None) -> bool:
        """Take ``n`` slots, waiting (up to ``timeout`` seconds) until they are free. False on timeout."""
        _check(self.size, n)
        me = object()
        async with self._cond:
            self._queue.append(me)
            try:
                await asyncio.wait_for(self._cond.wait_for(lambda: self._turn(me, n)), timeout)
            except TimeoutError:
                return False
            else:
                self._free -= n
                return True
            finally:
                self._queue.remove(me)
                self._cond.notify_all()

    async def release(self, n: int = 1) -> None:
        """Give back ``n`` slots."""
        async with self._cond:
            self._give_back(n)
            self._cond.notify_all()

    @asynccontextmanager
    async def hold(self, n: int = 1) -> AsyncIterator[None]:
        """``async with limiter.hold(n):`` holds ``n`` slots for the duration of the block."""
        await self.acquire(n)
        try:
            yield
        finally:
            await self.release(n)

"""The mock's sense of time: the real wall clock, or a manual clock that tests advance.

Jobs finish when ``clock.now() >= finish_time``; nothing runs in the background, so a manual clock
makes every lifecycle deterministic.
"""

from __future__ import annotations

import threading
import time
from typing import Protocol, runtime_checkable

__all__ = ["Clock", "ManualClock", "RealClock"]


@runtime_checkable
class Clock(Protocol):
    """A source of Unix time in seconds."""

    manual: bool

    def now(self) -> float: ...

    def advance(self, seconds: float) -> float:
        """Move the clock forward and return the new time (manual clocks only)."""
        ...


class RealClock:
    """The wall clock; cannot be advanced."""

    manual = False

    def now(self) -> float:
        return time.time()

    def advance(self, seconds: float) -> float:
        raise ValueError("the real clock cannot be advanced; start the mock with the manual clock")

    def __repr__(self) -> str:
        return "RealClock()"


class ManualClock:
    """A clock that stands still until :meth:`advance` moves it. Thread-safe."""

    manual = True

    def __init__(self, start: float | None = None) -> None:
        self._now = time.time() if start is None else float(start)
        self._lock = threading.Lock()

    def now(self) -> float:
        with self._lock:
            return self._now

    def advance(self, seconds: float) -> float:
        if seconds < 0:
            raise ValueError("a clock cannot go backwards")
        with self._lock:
            self._now += seconds
            return self._now

    def set(self, when: float) -> None:
        """Jump to ``when`` if it is later than now (used to resume a persisted manual clock)."""
        with self._lock:
            self._now = max(self._now, when)

    def __repr__(self) -> str:
        return f"ManualClock(now={self.now():.3f})"

"""Elastic worker threads: one by default, one more for each request waiting on slow work (D-MOCK-THREADS-ELASTIC).

With the GIL, one waitress worker thread is the fastest setting for any app: several threads hand
the GIL to one another at every SQLite call and in waitress's own per-request code, each hand-off a
thread switch (benchmarks/FINDINGS.md: 1.5-1.7× the requests/s of 8 threads). But with one thread a
request that waits — injected latency, decoding a 36-megapixel upload, unpacking a zip, rendering a
job's output — would hold up every other request. Code that waits says so with
:func:`waiting`: while it waits, the server has one more worker thread, so the other requests go on,
and the thread is retired when the wait ends. Outside a server started by ``huhu-mock serve``
(tests, in-process use) :func:`waiting` does nothing.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

__all__ = ["attach", "detach", "waiting"]

MAX_EXTRA_THREADS = 64

_lock = threading.Lock()
_dispatcher: Any = None  # waitress.task.ThreadedTaskDispatcher
_base = 1
_extra = 0


def attach(dispatcher: Any, threads: int) -> None:
    """Let :func:`waiting` grow ``dispatcher`` (a waitress ``ThreadedTaskDispatcher``) above ``threads``."""
    global _dispatcher, _base, _extra
    with _lock:
        _dispatcher, _base, _extra = dispatcher, threads, 0


def detach() -> None:
    attach(None, 1)


def _resize(delta: int) -> None:
    global _extra
    with _lock:
        _extra += delta
        if _dispatcher is not None:
            _dispatcher.set_thread_count(_base + min(_extra, MAX_EXTRA_THREADS))


@contextmanager
def waiting() -> Iterator[None]:
    """Run a block that waits or computes for long; the server gets a worker thread meanwhile."""
    if _dispatcher is None:
        yield
        return
    _resize(1)
    try:
        yield
    finally:
        _resize(-1)

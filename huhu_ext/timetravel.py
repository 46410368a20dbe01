"""Time travel: how a client waits while an offline Huhu mock on its manual clock is active.

:class:`~huhu_ext.Huhu` and :class:`~huhu_ext.AsyncHuhu` sleep with :func:`sleep` / :func:`asleep` and
read time with :func:`monotonic` unless told otherwise. Normally these are ``time.sleep``,
``asyncio.sleep`` and ``time.monotonic``. While a mock on the manual clock is active
(``mock_huhu()``, the ``huhu_mock`` fixture, ``HuhuMockServer`` / ``huhu_mock_server``), a client that
waits moves the mock's clock forward by the same amount instead of sleeping, and its own clock moves
with it: waiters, retries and deadlines finish in milliseconds, yet the jobs walk every status they
would in real time (decision D-CLI-TIMETRAVEL). Clients given their own ``sleep=`` are left alone.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

__all__ = [
    "Traveller",
    "asleep",
    "epoch_clock",
    "explain_timeout",
    "install",
    "mock_time",
    "monotonic",
    "sleep",
    "uninstall",
]


@dataclass(frozen=True, eq=False)
class Traveller:
    """An active mock on the manual clock: ``advance(seconds)`` moves it, ``now()`` reads it."""

    advance: Callable[[float], object]
    now: Callable[[], float]
    name: str = "the Huhu mock"


_lock = threading.Lock()
_travellers: list[Traveller] = []  # innermost last
_offset = 0.0  # seconds travelled: monotonic() runs ahead of time.monotonic() by this much


def install(traveller: Traveller) -> Traveller:
    """Make waiting clients advance ``traveller`` instead of sleeping (until :func:`uninstall`)."""
    with _lock:
        _travellers.append(traveller)
    return traveller


def uninstall(traveller: Traveller) -> None:
    with _lock:
        if traveller in _travellers:
            _travellers.remove(traveller)


def _current() -> Traveller | None:
    with _lock:
        return _travellers[-1] if _travellers else None


def _travel(traveller: Traveller, seconds: float) -> None:
    global _offset
    traveller.advance(max(0.0, seconds))
    with _lock:
        _offset += max(0.0, seconds)


def sleep(seconds: float) -> None:
    """``time.sleep``, or a jump of the active manual-clock mock."""
    traveller = _current()
    if traveller is None:
        time.sleep(seconds)
    else:
        _travel(traveller, seconds)


async def asleep(seconds: float) -> None:
    """``asyncio.sleep``, or a jump of the active manual-clock mock."""
    traveller = _current()
    if traveller is None:
        await asyncio.sleep(seconds)
    else:
        _travel(traveller, seconds)
        await asyncio.sleep(0)


def monotonic() -> float:
    """``time.monotonic`` plus every second travelled (never goes backwards)."""
    with _lock:
        return time.monotonic() + _offset


def epoch_clock(
    injected: Callable[[float], None] | None = None,
) -> tuple[Callable[[float], None], Callable[[], float]]:
    """A sleep, and an epoch clock that times how long a request stays in doubt: wall-clock time plus
    every second travelled and every second the ``injected`` sleep (e.g. a mock's manual clock)
    waited (D-CLI-TIMETRAVEL). Without ``injected``, the sleep is :func:`sleep`."""
    slept = [0.0]

    def waited(seconds: float) -> None:
        slept[0] += seconds
        if injected is not None:
            injected(seconds)

    def clock() -> float:
        return time.time() + (monotonic() - time.monotonic()) + slept[0]

    return (sleep if injected is None else waited), clock


def mock_time() -> float | None:
    """The active manual-clock mock's time, None when there is none."""
    traveller = _current()
    return None if traveller is None else traveller.now()


def explain_timeout(started: float | None) -> str:
    """Why a wait that began at mock time ``started`` could not finish ('' when no mock is active)."""
    traveller = _current()
    if traveller is None or started is None:
        return ""
    moved = traveller.now() - started
    if moved <= 0:
        return (
            f" The clock of {traveller.name} is manual and nothing advanced it during this wait (this "
            "client sleeps for real: it was given its own sleep=): call advance(seconds) on the mock, "
            'drop sleep=, or use clock="real".'
        )
    return (
        f" The clock of {traveller.name} is manual: time travel moved it {moved:.0f} s during this wait "
        "and these jobs still did not finish; their status does not change with time (were they started?)."
    )

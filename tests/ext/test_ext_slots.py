"""Slot limiters never let more than ``size`` slots be held, under threads and under asyncio."""

from __future__ import annotations

import asyncio
import threading
import time

import pytest
import respx
from ext_support import plan_json
from hypothesis import given, settings
from hypothesis import strategies as st

from huhu_ext import AsyncSlotLimiter, Huhu, SlotLimiter


class Gauge:
    """Counts slots held right now and the most ever held at once."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.now = 0
        self.peak = 0

    def add(self, n: int) -> None:
        with self.lock:
            self.now += n
            self.peak = max(self.peak, self.now)


@settings(max_examples=25, deadline=None)
@given(size=st.integers(1, 6), wants=st.lists(st.integers(1, 6), min_size=1, max_size=24))
def test_threads_never_exceed_size(size: int, wants: list[int]) -> None:
    limiter = SlotLimiter(size)
    gauge = Gauge()
    wants = [min(n, size) for n in wants]

    def job(n: int) -> None:
        with limiter.hold(n):
            gauge.add(n)
            time.sleep(0.0005)
            gauge.add(-n)

    threads = [threading.Thread(target=job, args=(n,)) for n in wants]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=10)
    assert not any(t.is_alive() for t in threads)
    assert gauge.peak <= size
    assert gauge.now == 0 and limiter.available == size and limiter.in_use == 0


def test_fifo_large_request_not_starved() -> None:
    limiter = SlotLimiter(3)
    order: list[str] = []
    limiter.acquire(2)

    def big_job() -> None:
        with limiter.hold(3):
            order.append("big")

    big = threading.Thread(target=big_job)
    big.start()
    while not limiter._queue:  # wait until the big request is queued
        time.sleep(0.001)
    # one slot is free, but a newcomer must queue behind the big request
    assert limiter.acquire(1, timeout=0.05) is False
    limiter.release(2)
    big.join(timeout=5)
    assert order == ["big"] and limiter.available == 3


def test_acquire_timeout_and_bad_sizes() -> None:
    limiter = SlotLimiter(2)
    assert limiter.acquire(2) is True
    assert limiter.acquire(1, timeout=0.01) is False
    limiter.release(2)
    with pytest.raises(ValueError, match="only 2"):
        limiter.acquire(3)
    with pytest.raises(ValueError):
        limiter.release(1)
    with pytest.raises(ValueError):
        SlotLimiter(0)
    assert repr(limiter) == "SlotLimiter(size=2, in_use=0)"


def test_huhu_slots_sized_from_plan_and_shared(huhu: Huhu, api: respx.MockRouter) -> None:
    route = api.get("/metering/plan").respond(200, json=plan_json(slots=7))
    limiter = huhu.slots()
    assert limiter.size == 7 and huhu.slots() is limiter
    assert route.call_count == 1


def test_async_limiter_never_exceeds_size() -> None:
    async def main() -> int:
        limiter = AsyncSlotLimiter(3)
        held = 0
        peak = 0

        async def job(n: int) -> None:
            nonlocal held, peak
            async with limiter.hold(n):
                held += n
                peak = max(peak, held)
                await asyncio.sleep(0)
                held -= n

        await asyncio.gather(*(job(1 + i % 3) for i in range(30)))
        assert limiter.available == 3
        assert await limiter.acquire(3) is True
        assert await limiter.acquire(1, timeout=0.01) is False
        await limiter.release(3)
        return peak

    assert asyncio.run(main()) <= 3

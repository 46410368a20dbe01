"""Run the ``huhu tryon`` logic (:class:`huhu_ext.batch.TryOnRun`) against the in-process mock.

Wired like ``huhu --offline`` (:mod:`huhu_ext.offline`): the mock's WSGI app behind
``httpx.WSGITransport``, the manual clock, and a ``sleep`` that advances the mock's clock instead of
waiting. Between the mock and the client sits a :class:`~benchlib.CountingTransport` (below the
client's retries), so every request, and every 429, is seen.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import httpx
from benchlib import API_KEY, CountingTransport, make_garments

from huhu_ext.batch import RunResult, TryOnOptions, TryOnRun
from huhu_ext.client import Huhu

BASE_URL = "http://huhu-bench.invalid/public/v1"


@dataclass
class BatchStats:
    tasks: int
    slots: int
    job_seconds: float
    makespan: float  # mock-clock seconds from the first generate request to the last task done
    ideal: float  # ceil(N / C) * T
    requests: int
    rate_limited: int  # 429 answers received (retried or not)
    generate_requests: int
    list_requests: int
    intervals: int
    max_lists_per_interval: int
    mean_lists_per_interval: float
    outputs: int
    wall_seconds: float

    @property
    def ratio(self) -> float:
        return self.makespan / self.ideal


def run_batch(
    workdir: Path,
    tasks: int,
    *,
    slots: int = 10,
    tryon_seconds: float = 90.0,
    poll_interval: float = 5.0,
    db_path: Path | None = None,
    server: str | None = None,
) -> BatchStats:
    """One batch of ``tasks`` single-view SKUs with ``slots`` slots and try-ons of ``tryon_seconds``.

    In-process (like ``huhu --offline``) unless ``server`` is the root URL of a ``huhu-mock serve
    --clock manual`` started with the same ``tryon_seconds``; then ``sleep`` advances its clock
    through the admin API and this process holds only the client.
    """
    garments = make_garments(workdir / "garments", tasks)
    options = TryOnOptions(
        garments=(garments,),
        out=workdir / "out",
        model_description="young adult woman",
        poll_interval=poll_interval,
        timeout=10 * math.ceil(tasks / slots) * tryon_seconds + 600,
    )
    if server is None:
        # Imported here: a client-only batch (``server`` given) must not load the mock's code, or its
        # memory would be counted as the client's.
        from mock_server import HuhuBackend, create_app

        backend = HuhuBackend(
            db_path=None if db_path is None else str(db_path),
            clock="manual",
            job_seconds=5.0,
            tryon_seconds=tryon_seconds,
        )
        try:
            backend.set_slots(slots, api_key=API_KEY)
            backend.set_credits(10 * tasks + 1000, api_key=API_KEY)
            counting = CountingTransport(httpx.WSGITransport(app=create_app(backend)), backend.now)
            result, wall = _run(counting, BASE_URL, options, backend.advance_clock)
        finally:
            backend.close()
    else:
        with httpx.Client(base_url=server, timeout=60.0) as admin:
            for path, body in (
                ("slots", {"slots": slots, "api_key": API_KEY}),
                ("credits", {"credits": 10 * tasks + 1000, "api_key": API_KEY}),
            ):
                admin.post(f"/_mock/{path}", json=body).raise_for_status()
            now = [float(admin.get("/_mock/clock").json()["now"])]

            def advance(seconds: float) -> float:
                now[0] = float(admin.post("/_mock/clock/advance", json={"seconds": seconds}).json()["now"])
                return now[0]

            counting = CountingTransport(httpx.HTTPTransport(), lambda: now[0])
            result, wall = _run(counting, server + "/public/v1", options, advance)
    return _stats(counting, tasks, slots, tryon_seconds, len(result.outputs), wall)


def _run(
    counting: CountingTransport, base_url: str, options: TryOnOptions, advance: Callable[[float], float]
) -> tuple[RunResult, float]:
    def sleep(seconds: float) -> None:
        counting.mark_interval()
        advance(seconds)

    started = time.perf_counter()
    with (
        Huhu(api_key=API_KEY, base_url=base_url, transport=counting, sleep=sleep) as huhu,
        httpx.Client(transport=counting, timeout=60.0) as files,
    ):
        result = TryOnRun(huhu, options, files=files, sleep=sleep).run()
    return result, time.perf_counter() - started


def _stats(
    counting: CountingTransport, tasks: int, slots: int, seconds: float, outputs: int, wall: float
) -> BatchStats:
    counting.close_intervals()
    per_interval = counting.lists_per_interval
    return BatchStats(
        tasks=tasks,
        slots=slots,
        job_seconds=seconds,
        makespan=counting.last_list_at - counting.first_generate_at,
        ideal=math.ceil(tasks / slots) * seconds,
        requests=counting.requests,
        rate_limited=counting.rate_limited,
        generate_requests=counting.generates,
        list_requests=counting.lists,
        intervals=len(per_interval),
        max_lists_per_interval=max(per_interval, default=0),
        mean_lists_per_interval=sum(per_interval) / len(per_interval) if per_interval else math.nan,
        outputs=outputs,
        wall_seconds=wall,
    )

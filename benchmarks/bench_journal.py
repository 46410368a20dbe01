"""7. What the request journal costs: mock throughput with the journal on and off.

Two ``huhu-mock serve --threads 1`` processes on 127.0.0.1 (real clock, in-memory state): one with
the default journal (``--journal-size 1000``), one with ``--journal-size 0``. Load as in
``bench_throughput.py`` (wrk when installed, else its Python generator: 8 keep-alive connections),
``GET /metering/plan`` and ``POST /project``, ``runs`` runs of ``duration`` seconds each, servers
and endpoints interleaved run by run.

Two figures per endpoint, each journal on / journal off, of the medians over the runs:

* requests/s per CPU-second of the server process (``/proc/<pid>/stat`` user + system time): the
  throughput the server would reach on a core of its own; the figure is the median of the runs'
  paired ratios (on and off measured back to back in each run). This is the figure the target (≥ 0.9: the
  journal costs at most 10 %) is read on, because on a shared machine wall-clock rates swing by
  2-3× between runs of the same server while its CPU time per request does not;
* wall-clock requests/s (information).

And in-process (``create_app(journal_size=1000)`` vs ``journal_size=0``, each over its own
backend, driven through Flask's test client, no sockets): ``rounds`` rounds of ``batch`` requests,
journal on and off back to back in each round (alternating which goes first). A round gives the
ratio of the two batches' times; the figure is the median of those paired ratios, which cancels the
slow swings of a shared machine that rates measured apart suffer from. For information, the same
in-process requests also give a figure no other process can disturb: Python and C function calls
per request (``sys.setprofile``), journal off / journal on.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from bench_throughput import ENDPOINTS, Endpoint, Server, cpu_seconds, python_rate, start_mock, wrk_rate
from benchlib import Figure, cli, median, spread, stop


def start(journal_size: int) -> Server:
    return start_mock(threads=1, extra=["--journal-size", str(journal_size)], name=f"journal-{journal_size}")


def count_calls(func: Callable[[], object]) -> int:
    """Python and C function calls made by ``func()``."""
    count = 0

    def profile(frame: object, event: str, arg: object) -> None:
        nonlocal count
        if event in ("call", "c_call"):
            count += 1

    sys.setprofile(profile)
    try:
        func()
    finally:
        sys.setprofile(None)
    return count


def in_process(rounds: int = 60, batch: int = 100) -> list[Figure]:
    import statistics
    import time

    from mock_server import create_app
    from mock_server.models import DEFAULT_API_KEY, HuhuBackend

    headers = {"Authorization": f"Bearer {DEFAULT_API_KEY}"}
    backends = {size: HuhuBackend() for size in (1000, 0)}
    clients = {size: create_app(b, journal_size=size).test_client() for size, b in backends.items()}
    figures = []
    try:
        for endpoint in ENDPOINTS:
            body = None if endpoint.body is None else endpoint.body.encode()

            def run(size: int, endpoint: Endpoint = endpoint, body: bytes | None = body) -> float:
                client = clients[size]
                started = time.perf_counter()
                for _ in range(batch):
                    client.open(
                        "/public/v1" + endpoint.path,
                        method=endpoint.method,
                        headers=headers,
                        data=body,
                        content_type="application/json",
                    )
                return time.perf_counter() - started

            run(1000), run(0)  # warm-up
            calls = {size: count_calls(lambda size=size: run(size)) / batch for size in (1000, 0)}
            figures.append(
                Figure(
                    key=f"journal-calls-{endpoint.method.lower()}",
                    label=f"In-process {endpoint.name} function calls per request, journal off / journal on",
                    value=calls[0] / calls[1000],
                    detail=f"on {calls[1000]:.0f} calls/request, off {calls[0]:.0f}",
                )
            )
            ratios = []
            for i in range(rounds):
                if i % 2:
                    off, on = run(0), run(1000)
                else:
                    on, off = run(1000), run(0)
                ratios.append(off / on)  # throughput on / throughput off
            figures.append(
                Figure(
                    key=f"journal-inprocess-{endpoint.method.lower()}",
                    label=f"In-process {endpoint.name} throughput, journal on / journal off (paired batches)",
                    value=statistics.median(ratios),
                    target=0.9,
                    op=">=",
                    detail=f"median of {rounds} paired ratios of {batch}-request batches ({spread(ratios)})",
                    runs=rounds,
                )
            )
    finally:
        for backend in backends.values():
            backend.close()
    return figures


def measure(runs: int = 9, duration: float = 1.5, warmup: float = 0.5, rounds: int = 60) -> list[Figure]:
    load = wrk_rate if shutil.which("wrk") else python_rate
    on, off = start(1000), start(0)
    rates: dict[tuple[str, str], list[float]] = {}
    per_cpu: dict[tuple[str, str], list[float]] = {}
    try:
        with tempfile.TemporaryDirectory() as work:
            workdir = Path(work)
            for server in (on, off):
                for endpoint in ENDPOINTS:
                    load(server.url(endpoint), endpoint, warmup, workdir)
            for run in range(runs):
                order = (on, off) if run % 2 == 0 else (off, on)
                for endpoint in ENDPOINTS:
                    for server in order:
                        cpu_before = cpu_seconds(server.proc.pid)
                        rate, count, failures = load(server.url(endpoint), endpoint, duration, workdir)
                        cpu = cpu_seconds(server.proc.pid) - cpu_before
                        if failures:
                            raise RuntimeError(f"{server.name} {endpoint.name}: {failures} non-2xx answers")
                        rates.setdefault((server.name, endpoint.name), []).append(rate)
                        per_cpu.setdefault((server.name, endpoint.name), []).append(count / max(cpu, 1e-9))
    finally:
        stop(on.proc)
        stop(off.proc)
    figures = in_process(rounds)
    for endpoint in ENDPOINTS:
        cpu_on, cpu_off = per_cpu[(on.name, endpoint.name)], per_cpu[(off.name, endpoint.name)]
        figures.append(
            Figure(
                key=f"journal-cpu-{endpoint.method.lower()}",
                label=f"Mock --threads 1 {endpoint.name} req per CPU-second, journal on / journal off",
                value=median([a / b for a, b in zip(cpu_on, cpu_off, strict=True)]),
                target=0.9,
                op=">=",
                detail=f"median of the runs' paired ratios; on {median(cpu_on):.0f} ({spread(cpu_on)}),"
                f" off {median(cpu_off):.0f} ({spread(cpu_off)})",
                runs=runs,
                extra={"on": cpu_on, "off": cpu_off, "generator": load.__name__},
            )
        )
        wall_on, wall_off = rates[(on.name, endpoint.name)], rates[(off.name, endpoint.name)]
        figures.append(
            Figure(
                key=f"journal-wall-{endpoint.method.lower()}",
                label=f"Mock --threads 1 {endpoint.name} req/s (wall clock), journal on / journal off",
                value=median(wall_on) / median(wall_off),
                detail=f"on {median(wall_on):.0f} req/s ({spread(wall_on)}), off {median(wall_off):.0f} req/s"
                f" ({spread(wall_off)})",
                runs=runs,
                extra={"on": wall_on, "off": wall_off, "generator": load.__name__},
            )
        )
    return figures


if __name__ == "__main__":
    cli(measure, {"runs": 1, "duration": 0.5, "warmup": 0.2, "rounds": 4}, __doc__ or "")

"""1. Mock throughput on loopback: ``huhu-mock serve`` vs a bare Flask hello-world and vs Prism.

Servers on 127.0.0.1, started by this script and stopped at the end:

* ``huhu-mock serve`` with no tuning flag (waitress, one elastic worker thread, real clock,
  in-memory state): the configuration the targets are read on — with the GIL, one worker thread is
  waitress's fastest setting for any app (no hand-offs between worker threads), the hello-world's too;
* ``huhu-mock serve --threads 8``, the default before issue 12 (information: the thread pool costs
  every app about a third of its throughput; the default is now one thread, plus one per request
  waiting on slow work, D-MOCK-THREADS-ELASTIC);
* ``huhu-mock serve --workers 2`` (information: two processes sharing one SQLite file);
* the floor: a Flask hello-world on waitress (:mod:`hello_app`) with the same thread count as the
  mock it is compared with (1 and 8), same method and body, path ``/``;
* Stoplight Prism (``prism mock openapi.json``, from benchmarks/.prism) serving the same spec;
  missing or failing to start → said so, and that column is skipped.

Load: ``wrk -t1 -c8`` (8 keep-alive connections) for ``duration`` seconds per measurement, or, without
wrk, a bounded Python generator (8 threads, http.client keep-alive, same duration). Requests:
``GET /metering/plan`` and ``POST /project`` with the default key (7 runs by default). Servers and endpoints are
interleaved run by run; a figure is the median over runs of requests/s, the ratio is of the medians.
Targets: ≥ 0.6× the hello-world, ≥ 1.5× Prism.
"""

from __future__ import annotations

import http.client
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchlib import (
    API_KEY,
    BENCH_DIR,
    SPEC,
    Figure,
    cli,
    ensure_prism,
    env_for_child,
    free_port,
    median,
    spread,
    stop,
    wait_for_http,
)

THREADS = 1  # the configuration the targets are read on (mock and hello-world alike)
DEFAULT_THREADS = 8  # huhu-mock serve's default before issue 12 (now 1, elastic), measured for information
CONNECTIONS = 8
BODY = '{"project_name": "bench"}'


@dataclass(frozen=True)
class Endpoint:
    name: str
    method: str
    path: str  # under /public/v1 on the mock, at the root on Prism
    body: str | None


ENDPOINTS = (
    Endpoint("GET /metering/plan", "GET", "/metering/plan", None),
    Endpoint("POST /project", "POST", "/project", BODY),
)


@dataclass
class Server:
    name: str
    proc: subprocess.Popen[bytes]
    root: str  # http://127.0.0.1:PORT
    prefix: str  # path prefix of the API ("" for the hello-world, whose path is always /)

    def url(self, endpoint: Endpoint) -> str:
        return self.root + ("/" if self.name.startswith("flask-hello") else self.prefix + endpoint.path)


def _first_line(proc: subprocess.Popen[bytes], pattern: str, timeout: float) -> str | None:
    """The first stdout line matching ``pattern`` (the rest of stdout is drained in a thread)."""
    assert proc.stdout is not None
    found: list[str] = []
    event = threading.Event()

    def read() -> None:
        assert proc.stdout is not None
        for raw in proc.stdout:
            line = raw.decode(errors="replace")
            if not found and re.search(pattern, line):
                found.append(line)
                event.set()
        event.set()

    threading.Thread(target=read, daemon=True).start()
    event.wait(timeout)
    return found[0] if found else None


def start_mock(
    workers: int = 1, threads: int | None = None, extra: Sequence[str] = (), name: str | None = None
) -> Server:
    """``huhu-mock serve`` with no tuning flag (``threads`` None: its default, one elastic thread),
    plus the ``extra`` arguments given."""
    command = [sys.executable, "-m", "mock_server", "serve", "--port", "0"]
    if threads is not None:
        command += ["--threads", str(threads)]
    if workers > 1:
        command += ["--workers", str(workers)]
    command += extra
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env_for_child())
    line = _first_line(proc, r"serving http://", 30)
    if line is None:
        stop(proc)
        raise RuntimeError("huhu-mock serve did not start")
    base = line.split("serving ", 1)[1].strip()
    if name is None:
        name = (
            "huhu-mock"
            + ("" if threads is None else f"-t{threads}")
            + (f"-w{workers}" if workers > 1 else "")
        )
    return Server(name, proc, base.removesuffix("/public/v1"), "/public/v1")


def start_hello(threads: int = THREADS) -> Server:
    command = [sys.executable, str(BENCH_DIR / "hello_app.py"), "0", str(threads)]
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env_for_child())
    line = _first_line(proc, r"serving http://", 30)
    if line is None:
        stop(proc)
        raise RuntimeError("the Flask hello-world did not start")
    return Server(f"flask-hello-t{threads}", proc, line.split("serving ", 1)[1].strip(), "")


def start_prism(log: list[str]) -> Server | None:
    prism = ensure_prism(install=False)
    if prism is None:
        log.append("Prism not installed (benchmarks/.prism): Prism column skipped")
        return None
    port = free_port()
    command = [str(prism), "mock", str(SPEC), "-p", str(port), "-h", "127.0.0.1"]
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    if _first_line(proc, r"Prism is listening", 60) is None:
        stop(proc)
        log.append("Prism failed to start: Prism column skipped")
        return None
    server = Server("prism", proc, f"http://127.0.0.1:{port}", "")
    if not wait_for_http(server.root + "/metering/plan", proc=proc):
        stop(proc)
        log.append("Prism does not answer: Prism column skipped")
        return None
    return server


# -- load generators ------------------------------------------------------------------------------
def wrk_rate(url: str, endpoint: Endpoint, duration: float, workdir: Path) -> tuple[float, int, int]:
    """Requests/s, requests and non-2xx count of one ``wrk`` run."""
    script = workdir / f"{endpoint.method.lower()}.lua"
    lines = [
        f'wrk.method = "{endpoint.method}"',
        f'wrk.headers["Authorization"] = "Bearer {API_KEY}"',
    ]
    if endpoint.body is not None:
        lines += [f"wrk.body = '{endpoint.body}'", 'wrk.headers["Content-Type"] = "application/json"']
    script.write_text("\n".join(lines) + "\n")
    wrk = shutil.which("wrk")
    assert wrk is not None
    done = subprocess.run(
        [wrk, "-t1", f"-c{CONNECTIONS}", f"-d{max(1, round(duration))}s", "-s", str(script), url],
        capture_output=True,
        text=True,
        timeout=duration + 30,
        check=True,
    )
    rate = re.search(r"Requests/sec:\s+([\d.]+)", done.stdout)
    count = re.search(r"(\d+) requests in", done.stdout)
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", done.stdout)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", done.stdout)
    failed = int(bad.group(1)) if bad else 0
    if errors:
        failed += sum(int(g) for g in errors.groups())
    return (float(rate.group(1)) if rate else 0.0), (int(count.group(1)) if count else 0), failed


def python_rate(url: str, endpoint: Endpoint, duration: float, workdir: Path) -> tuple[float, int, int]:
    """The fallback without wrk: ``CONNECTIONS`` threads, keep-alive, for ``duration`` seconds."""
    host_port, _, path = url.removeprefix("http://").partition("/")
    host, _, port = host_port.partition(":")
    headers = {"Authorization": f"Bearer {API_KEY}", "Content-Type": "application/json"}
    counts = [0] * CONNECTIONS
    failures = [0] * CONNECTIONS
    deadline = time.monotonic() + duration

    def worker(slot: int) -> None:
        conn = http.client.HTTPConnection(host, int(port), timeout=10)
        try:
            while time.monotonic() < deadline:
                conn.request(endpoint.method, "/" + path, body=endpoint.body, headers=headers)
                response = conn.getresponse()
                response.read()
                if 200 <= response.status < 400:
                    counts[slot] += 1
                else:
                    failures[slot] += 1
        finally:
            conn.close()

    started = time.monotonic()
    workers = [threading.Thread(target=worker, args=(i,)) for i in range(CONNECTIONS)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return sum(counts) / (time.monotonic() - started), sum(counts), sum(failures)


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process and its live children so far (Linux /proc; NaN elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return math.nan
    total = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    try:  # the workers of ``huhu-mock serve --workers N``
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        children = []
    for child in children:
        found = cpu_seconds(int(child))
        if not math.isnan(found):
            total += found
    return total


# -- the benchmark --------------------------------------------------------------------------------
@dataclass(frozen=True)
class Comparison:
    """A mock configuration and the hello-world it is compared with."""

    mock: str  # server name
    hello: str
    label: str
    targets: bool  # the configuration the targets are read on (else: information)


def measure(
    runs: int = 7,
    duration: float = 3.0,
    prism: bool = True,
    warmup: float = 1.0,
    generator: str = "auto",
    workers: int = 1,
    default_threads: bool = True,
) -> list[Figure]:
    """``generator``: "wrk", "python", or "auto" (wrk when installed).

    The targets are read on ``huhu-mock serve --threads 1`` against the hello-world with one thread.
    ``default_threads`` also measures both at ``--threads 8`` (the mock's default); ``workers`` > 1
    also measures ``huhu-mock serve --threads 1 --workers N`` (N processes, one temporary SQLite
    file) against the single-process hello-world. Both are information. The script (and so
    ``run.py``) measures with ``workers=2``.
    """
    notes: list[str] = []
    use_wrk = generator == "wrk" or (generator == "auto" and shutil.which("wrk") is not None)
    load = wrk_rate if use_wrk else python_rate
    if not use_wrk:
        notes.append(
            "Python load generator (threads + http.client keep-alive)"
            + ("" if generator == "python" else ": wrk not found")
        )
    servers: list[Server] = []
    comparisons: list[Comparison] = []
    try:
        mock, hello = start_mock(), start_hello()
        servers += [mock, hello]
        comparisons.append(Comparison(mock.name, hello.name, "Mock, default settings (no flags)", True))
        if default_threads:
            mock, hello = start_mock(threads=DEFAULT_THREADS), start_hello(DEFAULT_THREADS)
            servers += [mock, hello]
            comparisons.append(
                Comparison(mock.name, hello.name, f"Mock --threads {DEFAULT_THREADS} (old default)", False)
            )
        if workers > 1:
            mock = start_mock(workers)
            servers.append(mock)
            comparisons.append(Comparison(mock.name, servers[1].name, f"Mock --workers {workers}", False))
        if prism:
            found = start_prism(notes)
            if found is not None:
                servers.append(found)
        else:
            notes.append("Prism column not requested")
        for server in servers:
            if not wait_for_http(server.root + "/", proc=server.proc):
                raise RuntimeError(f"{server.name} does not answer")
        rates: dict[tuple[str, str], list[float]] = {}
        cpu: dict[tuple[str, str], list[float]] = {}  # server CPU seconds per request
        failures: dict[tuple[str, str], int] = {}
        with tempfile.TemporaryDirectory(prefix="huhu-wrk-") as tmp:
            for server in servers if warmup > 0 else []:
                for endpoint in ENDPOINTS:
                    load(server.url(endpoint), endpoint, warmup, Path(tmp))
            for run in range(runs):
                for endpoint in ENDPOINTS:
                    order = servers if run % 2 == 0 else list(reversed(servers))
                    for server in order:
                        key = (server.name, endpoint.name)
                        before = cpu_seconds(server.proc.pid)
                        rate, count, failed = load(server.url(endpoint), endpoint, duration, Path(tmp))
                        rates.setdefault(key, []).append(rate)
                        cpu.setdefault(key, []).append(
                            (cpu_seconds(server.proc.pid) - before) / max(1, count)
                        )
                        failures[key] = failures.get(key, 0) + failed
    finally:
        for server in servers:
            stop(server.proc)
    for note in notes:
        print(f"note: {note}", flush=True)
    return _figures(rates, cpu, failures, comparisons, runs, duration, notes, use_wrk)


def _figures(
    rates: dict[tuple[str, str], list[float]],
    cpu: dict[tuple[str, str], list[float]],
    failures: dict[tuple[str, str], int],
    comparisons: list[Comparison],
    runs: int,
    duration: float,
    notes: list[str],
    with_wrk: bool,
) -> list[Figure]:
    load = f"wrk -t1 -c{CONNECTIONS}" if with_wrk else f"Python, {CONNECTIONS} connections"
    figures = []
    for comparison, endpoint in [(c, e) for c in comparisons for e in ENDPOINTS]:
        mock = rates[(comparison.mock, endpoint.name)]
        suffix = comparison.mock.removeprefix("huhu-mock")  # "" for the default settings
        for anchor, label, target in (
            (comparison.hello, "Flask hello-world", 0.6),
            ("prism", "Prism", 1.5),
        ):
            short = "flask" if anchor.startswith("flask") else anchor
            key = f"throughput_{endpoint.path.strip('/').replace('/', '_')}_vs_{short}{suffix.replace('-', '_')}"
            threads = anchor.removeprefix("flask-hello-t")
            name = f"{label} --threads {threads}" if anchor.startswith("flask") else label
            title = f"{comparison.label} {endpoint.name} req/s / {name}"
            goal = {"target": target, "op": ">="} if comparison.targets else {}
            other = rates.get((anchor, endpoint.name))
            if other is None:
                figures.append(
                    Figure(key, title, float("nan"), detail="skipped: " + "; ".join(notes), runs=0, **goal)
                )
                continue
            bad = failures.get((comparison.mock, endpoint.name), 0) + failures.get((anchor, endpoint.name), 0)
            ratios = [m / o for m, o in zip(mock, other, strict=True) if o > 0]
            figures.append(
                Figure(
                    key,
                    title,
                    median(mock) / median(other) if median(other) > 0 else float("nan"),
                    detail=(
                        f"{median(mock):.0f} vs {median(other):.0f} req/s ({load}, {duration:g} s × {runs}); "
                        f"server CPU/request {median(cpu[(comparison.mock, endpoint.name)]) * 1e6:.0f} vs "
                        f"{median(cpu[(anchor, endpoint.name)]) * 1e6:.0f} µs; "
                        f"per-run ratios {spread(ratios)}"
                        + (f"; {bad} non-2xx/socket errors" if bad else "")
                        + ("" if comparison.targets else "; information, no target")
                    ),
                    runs=runs,
                    **goal,
                )
            )
    hellos = sorted({c.hello for c in comparisons})
    for hello_name, endpoint in [(h, e) for h in hellos for e in ENDPOINTS]:
        hello, prism = rates.get((hello_name, endpoint.name)), rates.get(("prism", endpoint.name))
        if hello and prism:
            threads = hello_name.removeprefix("flask-hello-t")
            figures.append(
                Figure(
                    f"throughput_{endpoint.path.strip('/').replace('/', '_')}_hello_t{threads}_vs_prism",
                    f"Ceiling: Flask hello-world --threads {threads} / Prism, {endpoint.name}",
                    median(hello) / median(prism),
                    detail="what the same WSGI server does with an empty app (no target: context for the Prism ratio)",
                    runs=runs,
                )
            )
    return figures


def measure_with_workers(**options: Any) -> list[Figure]:
    """What the script (and ``run.py``) measures: the defaults of :func:`measure`, plus ``--workers 2``."""
    return measure(**{"workers": 2, **options})


if __name__ == "__main__":
    cli(measure_with_workers, {"runs": 1, "duration": 1.0}, __doc__ or "")

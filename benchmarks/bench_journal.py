"""7. What the request journal costs: mock throughput with the journal on and off.

Two ``huhu-mock serve --threads 1`` processes on 127.0.0.1 (real clock, in-memory state): one with
the default journal (``--journal-size 1000``), one with ``--journal-size 0``. Load as in
``bench_throughput.py`` (wrk when installed, else its Python generator: 8 keep-alive connections),
``GET /metering/plan`` and ``POST /project``, ``runs`` runs of ``duration`` seconds each, servers
and endpoints interleaved run by run. A figure is the median requests/s; the ratio (journal on /
journal off) is of the medians. Target: ≥ 0.9 (the journal costs at most 10 %).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from bench_throughput import ENDPOINTS, Server, _first_line, python_rate, wrk_rate
from benchlib import Figure, cli, env_for_child, median, spread, stop


def start(journal_size: int) -> Server:
    command = [sys.executable, "-m", "mock_server", "serve", "--port", "0", "--threads", "1"]
    command += ["--journal-size", str(journal_size)]
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env_for_child())
    line = _first_line(proc, r"serving http://", 30)
    if line is None:
        stop(proc)
        raise RuntimeError("huhu-mock serve did not start")
    base = line.split("serving ", 1)[1].strip()
    return Server(f"journal-{journal_size}", proc, base.removesuffix("/public/v1"), "/public/v1")


def measure(runs: int = 5, duration: float = 2.0, warmup: float = 0.5) -> list[Figure]:
    load = wrk_rate if shutil.which("wrk") else python_rate
    on, off = start(1000), start(0)
    rates: dict[tuple[str, str], list[float]] = {}
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
                        rate, _count, failures = load(server.url(endpoint), endpoint, duration, workdir)
                        if failures:
                            raise RuntimeError(f"{server.name} {endpoint.name}: {failures} non-2xx answers")
                        rates.setdefault((server.name, endpoint.name), []).append(rate)
    finally:
        stop(on.proc)
        stop(off.proc)
    figures = []
    for endpoint in ENDPOINTS:
        with_journal = rates[(on.name, endpoint.name)]
        without = rates[(off.name, endpoint.name)]
        figures.append(
            Figure(
                key=f"journal-{endpoint.method.lower()}",
                label=f"Mock --threads 1 {endpoint.name} req/s, journal on / journal off",
                value=median(with_journal) / median(without),
                target=0.9,
                op=">=",
                detail=(
                    f"on {median(with_journal):.0f} req/s ({spread(with_journal)}),"
                    f" off {median(without):.0f} req/s ({spread(without)})"
                ),
                runs=runs,
                extra={"on": with_journal, "off": without, "generator": load.__name__},
            )
        )
    return figures


if __name__ == "__main__":
    cli(measure, {"runs": 1, "duration": 0.5, "warmup": 0.2}, __doc__ or "")

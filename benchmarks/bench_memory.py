"""6. Memory: peak RSS of a batch at N = 100 and N = 2,000 tasks; target flat (≤ 1.2×).

Each batch runs in a child process; its peak RSS is the child's ``ru_maxrss`` (``os.wait4``). Two
set-ups:

* ``client``: the batch process holds only the client (``TryOnRun`` + ``Huhu``), against a
  ``huhu-mock serve --clock manual`` process whose clock the run's ``sleep`` advances — the shape of
  a run against the real API;
* ``offline``: the mock in the same process with its SQLite file in the run's folder, as
  ``huhu --offline tryon`` does.

C = 50 slots and T = 10 s keep the 2,000-task batch short (memory depends on N, not on C or T), and
so does the memoised try-on renderer of :mod:`fast_render` (one real output, reused).
Work folders live on tmpfs when there is one (every output is fsynced; disk speed is not measured).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from benchlib import BENCH_DIR, Figure, cli, env_for_child, median, spread, stop

SLOTS = 50
TRYON_SECONDS = 10.0


def _tmp_root() -> str | None:
    shm = Path("/dev/shm")
    return str(shm) if shm.is_dir() else None


def _start_server(workdir: Path) -> tuple[subprocess.Popen[bytes], str]:
    command = [sys.executable, str(BENCH_DIR / "fast_render.py"), "serve", "--port", "0", "--clock", "manual"]
    command += ["--db", str(workdir / "mock.sqlite"), "--tryon-seconds", str(TRYON_SECONDS), "--threads", "2"]
    proc = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=env_for_child(),
    )
    assert proc.stdout is not None
    line = proc.stdout.readline().decode()
    if "serving " not in line:
        stop(proc)
        raise RuntimeError(f"huhu-mock serve did not start: {line!r}")
    url = line.split("serving ", 1)[1].strip().removesuffix("/public/v1")
    return proc, url


def peak_rss(mode: str, tasks: int) -> tuple[float, dict[str, float]]:
    """Peak RSS in MiB of one batch of ``tasks`` in a child process, and the child's batch stats."""
    with tempfile.TemporaryDirectory(prefix="huhu-mem-", dir=_tmp_root()) as tmp:
        workdir = Path(tmp)
        server: subprocess.Popen[bytes] | None = None
        command = [sys.executable, str(BENCH_DIR / "bench_memory.py"), "--child", mode, str(tasks), tmp]
        try:
            if mode == "client":
                server, url = _start_server(workdir)
                command.append(url)
            child = subprocess.Popen(command, stdout=subprocess.PIPE, env=env_for_child())
            assert child.stdout is not None
            out = child.stdout.read()
            _, status, usage = os.wait4(child.pid, 0)
            child.returncode = os.waitstatus_to_exitcode(status)
        finally:
            if server is not None:
                stop(server)
        if child.returncode != 0:
            raise RuntimeError(f"memory child ({mode}, N={tasks}) failed with exit {child.returncode}")
        stats: dict[str, float] = json.loads(out.decode().strip().splitlines()[-1])
        return usage.ru_maxrss / 1024, stats  # Linux: KiB


def _child(mode: str, tasks: int, workdir: Path, server: str | None) -> None:
    from batch_harness import run_batch

    if mode == "offline":  # the client-only child never imports the mock (its server process renders)
        import fast_render

        fast_render.install()
    stats = run_batch(
        workdir,
        tasks,
        slots=SLOTS,
        tryon_seconds=TRYON_SECONDS,
        db_path=workdir / "offline-mock.sqlite" if mode == "offline" else None,
        server=server,
    )
    print(json.dumps({"outputs": stats.outputs, "wall": stats.wall_seconds, "requests": stats.requests}))


def measure(
    runs: int = 5, small: int = 100, large: int = 2000, modes: tuple[str, ...] = ("client", "offline")
) -> list[Figure]:
    figures = []
    for mode in modes:
        low: list[float] = []
        high: list[float] = []
        walls: list[float] = []
        for _ in range(runs):
            low.append(peak_rss(mode, small)[0])
            rss, stats = peak_rss(mode, large)
            high.append(rss)
            walls.append(stats["wall"])
        ratios = [h / lo for h, lo in zip(high, low, strict=True)]
        where = "client only, mock in another process" if mode == "client" else "offline: mock in-process"
        figures.append(
            Figure(
                f"memory_{mode}",
                f"Peak RSS N={large} / N={small} ({where})",
                median(ratios),
                target=1.2,
                detail=(
                    f"{median(low):.1f} MiB → {median(high):.1f} MiB; N={large} batch {median(walls):.0f} s wall; "
                    f"{spread(ratios)}"
                ),
                runs=runs,
            )
        )
    return figures


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        _child(sys.argv[2], int(sys.argv[3]), Path(sys.argv[4]), sys.argv[5] if len(sys.argv) > 5 else None)
    else:
        cli(measure, {"runs": 1, "small": 10, "large": 40}, __doc__ or "")

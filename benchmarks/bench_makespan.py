"""2. Batch makespan of the ``huhu tryon`` logic against the mock, on the mock's manual clock.

N = 200 single-view SKUs, C = 10 slots, try-on time T = 90 s (the real API's), poll every 5 s. The
makespan runs from the first generate request to the list request that sees every task done, in
mock-clock seconds (deterministic; the wall time of a run is reported too). Targets: makespan
≤ 1.10 × ceil(N/C)·T, no 429 answer, and list requests per poll interval independent of N (the same
batch at N = 50 gives the comparison).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from batch_harness import BatchStats, run_batch
from benchlib import Figure, cli, median, spread


def _batch(tasks: int, slots: int, seconds: float) -> BatchStats:
    with tempfile.TemporaryDirectory(prefix="huhu-bench-", dir=_tmp_root()) as tmp:
        return run_batch(Path(tmp), tasks, slots=slots, tryon_seconds=seconds)


def _tmp_root() -> str | None:
    """tmpfs when there is one: the run fsyncs every output, which is not what is measured here."""
    shm = Path("/dev/shm")
    return str(shm) if shm.is_dir() else None


def measure(runs: int = 5, tasks: int = 200, slots: int = 10, seconds: float = 90.0) -> list[Figure]:
    big = [_batch(tasks, slots, seconds) for _ in range(runs)]
    small = _batch(max(2 * slots, tasks // 4), slots, seconds)  # two waves at least
    ratios = [b.ratio for b in big]
    last = big[-1]
    scaling = f"N={small.tasks}: max {small.max_lists_per_interval}, mean {small.mean_lists_per_interval:.2f}"
    return [
        Figure(
            "makespan",
            f"Batch makespan / ceil(N/C)·T (N={tasks}, C={slots}, T={seconds:g} s)",
            median(ratios),
            target=1.10,
            detail=(
                f"{median([b.makespan for b in big]):g} s vs ideal {last.ideal:g} s (mock clock); "
                f"wall {median([b.wall_seconds for b in big]):.1f} s/run; {spread(ratios)}"
            ),
            runs=runs,
        ),
        Figure(
            "makespan_429",
            "429 answers received during the batch",
            median([float(b.rate_limited) for b in big]),
            unit="",
            target=0,
            detail=f"{last.requests} requests in all, {last.generate_requests} generate requests",
            runs=runs,
        ),
        Figure(
            "makespan_polls",
            "List requests (GET /task) per poll interval, max",
            median([float(b.max_lists_per_interval) for b in big]),
            unit="",
            target=float(small.max_lists_per_interval),
            detail=(
                f"N={tasks}: mean {last.mean_lists_per_interval:.2f} over {last.intervals} intervals, "
                f"{last.list_requests} lists in all; {scaling} (target: the same as at N={small.tasks})"
            ),
            runs=runs,
        ),
    ]


if __name__ == "__main__":
    cli(measure, {"runs": 1, "tasks": 20}, __doc__ or "")

"""benchmarks/bench_hardening.py runs on a tiny budget and returns sane figures (no timing asserted)."""

from __future__ import annotations

import math
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

import bench_hardening


def test_bench_hardening_runs_on_a_tiny_budget() -> None:
    figures = bench_hardening.measure(duration=0.5, clients=2, images=2, side=400, big_mb=2, base64_mb=1)
    keys = {f.key for f in figures}
    assert {"hardening_zip_longest_get", "hardening_rss_base64", "hardening_rss_big_upload"} <= keys
    assert "hardening_mixed_default_p99" in keys
    for figure in figures:
        assert math.isfinite(figure.value), figure
        if figure.key.endswith("_5xx"):
            assert figure.value == 0, figure.line()  # a count, not a timing: no request may answer 5xx
        elif figure.key.startswith("hardening_rss"):
            assert "parts left" not in figure.detail or "parts left in SQLite: 0" in figure.detail
        else:
            assert figure.value > 0, figure

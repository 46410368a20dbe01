"""Smoke test of benchmarks/: every benchmark function runs on a tiny budget and returns sane numbers.

No timing is asserted (benchmarks are not tests): only that each figure is a finite, positive number
(a count may be zero), or NaN for a column its script reports as skipped (Prism, openai missing).
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "benchmarks"
sys.path.insert(0, str(BENCH))

import bench_client_overhead  # noqa: E402
import bench_fixture  # noqa: E402
import bench_import  # noqa: E402
import bench_makespan  # noqa: E402
import bench_memory  # noqa: E402
import bench_throughput  # noqa: E402
from benchlib import Figure  # noqa: E402

COUNTS = {"makespan_429"}  # figures that are counts and may be zero


def check(figures: list[Figure]) -> None:
    assert figures
    for figure in figures:
        assert figure.label and figure.key
        if figure.runs == 0:  # a skipped column says why
            assert math.isnan(figure.value) and figure.detail.startswith("skipped")
            continue
        assert math.isfinite(figure.value), figure
        assert figure.value >= 0 if figure.key in COUNTS else figure.value > 0, figure
        assert figure.status() in {"met", "MISSED", "info"}
        assert figure.line()


def test_client_overhead() -> None:
    check(bench_client_overhead.measure(runs=1, calls=20))


def test_makespan_counts_requests() -> None:
    figures = bench_makespan.measure(runs=1, tasks=20, slots=10, seconds=90.0)
    check(figures)
    polls = next(f for f in figures if f.key == "makespan_polls")
    assert polls.value >= 1  # the run polled with list requests


def test_fixture() -> None:
    check(bench_fixture.measure(runs=1, duration=0.05))


def test_import() -> None:
    check(bench_import.measure(runs=1, anchor=False))


def test_memory() -> None:
    check(bench_memory.measure(runs=1, small=5, large=10, modes=("offline",)))


def test_throughput_on_loopback() -> None:
    figures = bench_throughput.measure(
        runs=1, duration=0.3, prism=False, warmup=0, generator="python", default_threads=False
    )
    check(figures)
    assert {f.key for f in figures if f.runs == 0} == {
        "throughput_metering_plan_vs_prism",
        "throughput_project_vs_prism",
    }
    targets = {f.key for f in figures if f.target is not None}  # read on --threads 1, mock and hello-world
    assert targets == {
        "throughput_metering_plan_vs_flask",
        "throughput_project_vs_flask",
        "throughput_metering_plan_vs_prism",
        "throughput_project_vs_prism",
    }


@pytest.mark.parametrize("value", [math.nan, math.inf])
def test_figure_without_a_number_is_neither_met_nor_missed(value: float) -> None:
    assert Figure("k", "label", value, target=1.0).met is None

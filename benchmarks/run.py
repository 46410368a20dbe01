"""Run every benchmark and write benchmarks/RESULTS.md.

    python benchmarks/run.py             # all of them (about 5 minutes on 2 cores), then RESULTS.md
    python benchmarks/run.py --quick     # tiny budgets: checks that everything runs, writes nothing
    python benchmarks/run.py --only makespan --only memory

Prism (npm, into benchmarks/.prism) and openai (into benchmarks/.venv-bench) are installed on
first use unless ``--no-setup``; without them their columns are skipped, and the table says so.
Each benchmark runs in its own interpreter (``bench_*.py --json``), one after the other.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path

from benchlib import (
    BENCH_DIR,
    BENCH_PYTHON,
    PRISM_BIN,
    Figure,
    ensure_bench_venv,
    ensure_prism,
    env_for_child,
    load_figures,
)

BENCHMARKS = {  # name -> script, in the order they run
    "import": "bench_import.py",
    "overhead": "bench_client_overhead.py",
    "throughput": "bench_throughput.py",
    "makespan": "bench_makespan.py",
    "fixture": "bench_fixture.py",
    "memory": "bench_memory.py",
    "hardening": "bench_hardening.py",
    "journal": "bench_journal.py",
}
NUMBERS = {
    "throughput": 1,
    "makespan": 2,
    "overhead": 3,
    "fixture": 4,
    "import": 5,
    "memory": 6,
    "hardening": 7,
    "journal": 8,
}
PACKAGES = ("huhu-python", "httpx", "attrs", "flask", "werkzeug", "waitress", "jsonschema", "pillow", "respx")
RESULTS = BENCH_DIR / "RESULTS.md"
BEFORE = BENCH_DIR / "BEFORE.md"
TIMEOUT = 420  # seconds, per benchmark


def _run(name: str, quick: bool) -> tuple[list[Figure], str, float]:
    with tempfile.TemporaryDirectory(prefix="huhu-bench-") as tmp:
        out = Path(tmp) / f"{name}.json"
        command = [sys.executable, str(BENCH_DIR / BENCHMARKS[name]), "--json", str(out)]
        if quick:
            command.append("--quick")
        started = time.perf_counter()
        done = subprocess.run(
            command, capture_output=True, text=True, timeout=TIMEOUT, check=False, env=env_for_child()
        )
        took = time.perf_counter() - started
        notes = [
            line.removeprefix("note: ") for line in done.stdout.splitlines() if line.startswith("note: ")
        ]
        if done.returncode != 0 or not out.exists():
            tail = (done.stderr.strip().splitlines() or ["no output"])[-1]
            return [], f"{name}: failed ({tail})", took
        return load_figures(out), "; ".join(notes), took


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _ram() -> str:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    return "unknown"


def _version(command: list[str]) -> str:
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return "not available"
    text = (done.stdout + done.stderr).strip().splitlines()
    return text[0].strip() if done.returncode in (0, 1) and text else "not available"


def _machine() -> list[tuple[str, str]]:
    versions = []
    for package in PACKAGES:
        try:
            versions.append(f"{package} {metadata.version(package)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{package} (not installed)")
    openai = "not installed"
    if BENCH_PYTHON.exists():
        openai = _version([str(BENCH_PYTHON), "-c", "import openai; print(openai.__version__)"])
    wrk = shutil.which("wrk")
    return [
        ("Code", _code()),
        ("CPU", f"{_cpu_model()}, {os.cpu_count()} cores"),
        ("RAM", _ram()),
        ("OS", platform.platform()),
        ("Python", f"{platform.python_implementation()} {platform.python_version()} ({sys.executable})"),
        ("Packages", ", ".join(versions)),
        ("Anchors", f"openai {openai} (benchmarks/.venv-bench); Prism {_prism_version()}"),
        ("Load generator", _version([wrk, "-v"]) if wrk else "wrk not found: Python generator"),
    ]


def _code() -> str:
    """The commit measured, and whether the measured packages differ from it in the work tree."""
    git = ["git", "-C", str(BENCH_DIR.parent)]
    try:
        commit = subprocess.run(
            [*git, "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=True
        )
        changed = subprocess.run(
            [*git, "status", "--porcelain", "--", "huhu_ext", "mock_server", "generated"],
            capture_output=True,
            text=True,
            check=True,
        )
    except (OSError, subprocess.CalledProcessError):
        return "not a git checkout"
    dirty = (
        " + uncommitted changes in huhu_ext/, mock_server/ or generated/" if changed.stdout.strip() else ""
    )
    return f"git {commit.stdout.strip()}{dirty}"


def _prism_version() -> str:
    if not PRISM_BIN.exists():
        return "not installed"
    return _version([str(PRISM_BIN), "--version"])


def _load() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "unknown"


def _before() -> dict[str, str]:
    """Figure label → value, from the table in BEFORE.md (empty when the file is missing)."""
    values: dict[str, str] = {}
    if not BEFORE.exists():
        return values
    for line in BEFORE.read_text().splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) >= 3 and cells[0].isdigit():
            values[cells[1]] = cells[2]
    return values


def _before_after(figures: dict[str, list[Figure]]) -> list[str]:
    before = _before()
    if not before:
        return []
    lines = [
        "",
        "## Before / after",
        "",
        "Before: [BEFORE.md](BEFORE.md) (another run, another load: compare ratios, not req/s).",
        "",
        "| # | Figure | Before | After | Target |",
        "| --- | --- | --- | --- | --- |",
    ]
    for name in sorted(figures, key=lambda n: NUMBERS[n]):
        for figure in figures[name]:
            after = figure.value_text() if figure.runs else "skipped"
            lines.append(
                f"| {NUMBERS[name]} | {figure.label} | {before.get(figure.label, '—')} | {after} | "
                f"{figure.target_text()} |"
            )
    return lines


def write_results(
    figures: dict[str, list[Figure]],
    notes: dict[str, str],
    times: dict[str, float],
    wall: float,
    loads: tuple[str, str],
) -> None:
    now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        "# Benchmark results",
        "",
        f"Written by `python benchmarks/run.py` on {now}; the whole run took {wall:.0f} s.",
        "How to run and what each figure means: [README.md](README.md). Profiles of the misses and the",
        "fixes: [FINDINGS.md](FINDINGS.md); the figures before those fixes: [BEFORE.md](BEFORE.md), compared",
        "below under Before / after.",
        "",
        "## Machine",
        "",
        "| | |",
        "| --- | --- |",
        *[f"| {k} | {v} |" for k, v in _machine()],
        f"| Load average (1, 5, 15 min) | at start {loads[0]}; at end {loads[1]} |",
        "",
        "## Figures",
        "",
        "Medians over the runs shown; ratios, not absolute times, carry the targets.",
        "",
        "| # | Figure | Value | Target | Status | Runs | Detail |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for name in sorted(figures, key=lambda n: NUMBERS[n]):
        for figure in figures[name]:
            status = {"met": "met", "MISSED": "**missed**", "info": "info"}[figure.status()]
            if figure.runs == 0:
                status = "skipped"
            lines.append(
                f"| {NUMBERS[name]} | {figure.label} | {figure.value_text()} | {figure.target_text()} | "
                f"{status} | {figure.runs} | {figure.detail.replace('|', '/')} |"
            )
    lines += _before_after(figures)
    lines += ["", "## Time per benchmark", ""]
    for name in sorted(figures, key=lambda n: NUMBERS[n]):
        note = f": {notes[name]}" if notes.get(name) else ""
        lines.append(f"- {NUMBERS[name]}. `{BENCHMARKS[name]}`: {times[name]:.0f} s{note}")
    RESULTS.write_text("\n".join(lines) + "\n")


def main() -> int:
    parser = argparse.ArgumentParser(description="Run the huhu-python benchmarks and write RESULTS.md.")
    parser.add_argument("--quick", action="store_true", help="tiny budgets; do not write RESULTS.md")
    parser.add_argument("--no-setup", action="store_true", help="do not install Prism or openai")
    parser.add_argument(
        "--only",
        action="append",
        choices=sorted(BENCHMARKS),
        help="run only these (RESULTS.md is not written)",
    )
    args = parser.parse_args()
    started = time.perf_counter()
    if not args.no_setup:
        ensure_prism(install=True)
        ensure_bench_venv(install=True)
    loads = [_load()]
    figures: dict[str, list[Figure]] = {}
    notes: dict[str, str] = {}
    times: dict[str, float] = {}
    failed = False
    for name in BENCHMARKS:
        if args.only and name not in args.only:
            continue
        print(f"== {name} ({BENCHMARKS[name]})", flush=True)
        found, note, took = _run(name, args.quick)
        figures[name], notes[name], times[name] = found, note, took
        failed = failed or not found
        for figure in found:
            print("  " + figure.line(), flush=True)
        if note:
            print("  note: " + note, flush=True)
        print(f"  ({took:.0f} s)", flush=True)
    loads.append(_load())
    wall = time.perf_counter() - started
    if not args.quick and not args.only:
        write_results(figures, notes, times, wall, (loads[0], loads[1]))
        print(f"wrote {RESULTS.relative_to(BENCH_DIR.parent)}", flush=True)
    print(f"total {wall:.0f} s", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

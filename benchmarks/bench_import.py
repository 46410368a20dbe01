"""5. Import time: ``import huhu_ext`` vs ``import openai`` (the anchor) and ``import httpx``.

Each sample is a fresh interpreter (``python -X importtime -c "import X"``); the figure is the
module's cumulative import time from ``-X importtime`` (the interpreter's own start-up excluded),
median of ``runs`` samples, modules interleaved. The wall time of the whole ``python -c`` command is
reported as well. ``openai`` lives in benchmarks/.venv-bench (same Python), so the toolkit's own
environment is not touched; without it the anchor is skipped. Target: huhu_ext ≤ 0.5× openai.
"""

from __future__ import annotations

import re
import subprocess
import sys
import time

from benchlib import Figure, cli, ensure_bench_venv, env_for_child, median, spread

_LINE = re.compile(r"import time:\s+(\d+)\s+\|\s+(\d+)\s+\|\s+(\S.*)$")


def import_sample(python: str, module: str) -> tuple[float, float]:
    """(cumulative import time of ``module`` in s, wall time of the whole command in s)."""
    started = time.perf_counter()
    done = subprocess.run(
        [python, "-X", "importtime", "-c", f"import {module}"],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
        env=env_for_child(),
    )
    wall = time.perf_counter() - started
    for line in done.stderr.splitlines():
        match = _LINE.match(line)
        if match and match.group(3).strip() == module:
            return int(match.group(2)) / 1e6, wall
    raise RuntimeError(f"no -X importtime line for {module}")


def measure(runs: int = 7, anchor: bool = True) -> list[Figure]:
    pythons = {"huhu_ext": sys.executable, "httpx": sys.executable}
    bench_python = ensure_bench_venv(install=False) if anchor else None
    if bench_python is not None:
        pythons["openai"] = str(bench_python)
    else:
        print(
            "note: openai not installed in benchmarks/.venv-bench: the openai anchor is skipped", flush=True
        )
    imports: dict[str, list[float]] = {m: [] for m in pythons}
    walls: dict[str, list[float]] = {m: [] for m in pythons}
    for module, python in pythons.items():  # warm the file cache
        import_sample(python, module)
    for _ in range(runs):
        for module, python in pythons.items():
            took, wall = import_sample(python, module)
            imports[module].append(took)
            walls[module].append(wall)
    ms = {m: median(v) * 1000 for m, v in imports.items()}
    wall_ms = {m: median(v) * 1000 for m, v in walls.items()}
    figures = []
    if "openai" in ms:
        ratios = [h / o for h, o in zip(imports["huhu_ext"], imports["openai"], strict=True)]
        figures.append(
            Figure(
                "import_vs_openai",
                "Import time: huhu_ext / openai",
                ms["huhu_ext"] / ms["openai"],
                target=0.5,
                detail=(
                    f"{ms['huhu_ext']:.0f} ms vs {ms['openai']:.0f} ms (-X importtime, cumulative); whole "
                    f"`python -c` {wall_ms['huhu_ext']:.0f} vs {wall_ms['openai']:.0f} ms; per-run {spread(ratios)}"
                ),
                runs=runs,
            )
        )
    else:
        figures.append(
            Figure(
                "import_vs_openai",
                "Import time: huhu_ext / openai",
                float("nan"),
                target=0.5,
                detail="skipped: openai not installed (benchmarks/.venv-bench)",
                runs=0,
            )
        )
    figures.append(
        Figure(
            "import_vs_httpx",
            "Import time: huhu_ext / httpx",
            ms["huhu_ext"] / ms["httpx"],
            detail=(
                f"{ms['huhu_ext']:.0f} ms vs {ms['httpx']:.0f} ms (httpx is imported by huhu_ext); "
                f"whole `python -c` {wall_ms['huhu_ext']:.0f} vs {wall_ms['httpx']:.0f} ms"
            ),
            runs=runs,
        )
    )
    return figures


if __name__ == "__main__":
    cli(measure, {"runs": 1}, __doc__ or "")

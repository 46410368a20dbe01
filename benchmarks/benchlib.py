"""Shared helpers of the benchmarks: figures, medians, tiny PNGs, a counting transport, tools.

Every benchmark module has ``measure(...) -> list[Figure]`` with small keyword budgets (the smoke
test passes tiny ones) and a ``main()`` that prints its figures (``--json PATH`` writes them too).
"""

from __future__ import annotations

import argparse
import io
import json
import math
import os
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import httpx

BENCH_DIR = Path(__file__).resolve().parent
REPO = BENCH_DIR.parent
SPEC = REPO / "openapi.json"
PRISM_DIR = BENCH_DIR / ".prism"
PRISM_BIN = PRISM_DIR / "node_modules" / ".bin" / "prism"
BENCH_VENV = BENCH_DIR / ".venv-bench"
BENCH_PYTHON = BENCH_VENV / "bin" / "python"
API_KEY = "sk-" + "deadbeef" * 6  # the mock's documented default key, not a secret


@dataclass
class Figure:
    """One line of the results table.

    ``value`` is what is compared with ``target`` (``op`` ``"<="`` or ``">="``); ``target`` None is
    a figure reported for information. ``detail`` says what the value is made of.
    """

    key: str
    label: str
    value: float
    unit: str = "x"
    target: float | None = None
    op: str = "<="
    detail: str = ""
    runs: int = 1
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def met(self) -> bool | None:
        if self.target is None or not math.isfinite(self.value):
            return None
        return self.value <= self.target if self.op == "<=" else self.value >= self.target

    def target_text(self) -> str:
        if self.target is None:
            return "—"
        return f"{self.op.replace('<=', '≤').replace('>=', '≥')} {self.target:g}{self.unit_suffix()}"

    def unit_suffix(self) -> str:
        return "×" if self.unit == "x" else (f" {self.unit}" if self.unit else "")

    def value_text(self) -> str:
        if not math.isfinite(self.value):
            return "n/a"
        if self.unit == "" and self.value == int(self.value):
            return str(int(self.value))
        digits = 2 if abs(self.value) < 100 else 0
        return f"{self.value:.{digits}f}{self.unit_suffix()}"

    def status(self) -> str:
        met = self.met
        return "info" if met is None else ("met" if met else "MISSED")

    def line(self) -> str:
        return (
            f"{self.label}: {self.value_text()} (target {self.target_text()}: {self.status()}) {self.detail}"
        )


def median(values: Sequence[float]) -> float:
    return float(statistics.median(values)) if values else math.nan


def spread(values: Sequence[float]) -> str:
    """``min–max`` of the runs, for the detail column."""
    if not values:
        return "no runs"
    return f"{min(values):.3g}–{max(values):.3g} over {len(values)} runs"


def timed(func: Callable[[], Any]) -> float:
    started = time.perf_counter()
    func()
    return time.perf_counter() - started


# -- inputs ---------------------------------------------------------------------------------------
def tiny_png(width: int = 16, height: int = 24, rgb: tuple[int, int, int] = (180, 40, 40)) -> bytes:
    """A small solid-colour PNG."""
    from PIL import Image  # here: the client-only memory batch must not load Pillow for its garments

    out = io.BytesIO()
    Image.new("RGB", (width, height), rgb).save(out, format="PNG")
    return out.getvalue()


def make_garments(root: Path, tasks: int) -> Path:
    """A folder of SKU folders, one front view each, so that the run has exactly ``tasks`` tasks."""
    root.mkdir(parents=True, exist_ok=True)
    for i in range(tasks):
        sku = root / f"sku{i:05d}"
        sku.mkdir(exist_ok=True)
        (sku / "front.png").write_bytes(tiny_png(rgb=(i % 256, (i // 256) % 256, 90)))
    return root


# -- counting transport ---------------------------------------------------------------------------
class CountingTransport(httpx.BaseTransport):
    """Counts the requests that reach the mock (below the client's retries, so retried 429s count).

    Counters only, no request log, so that counting does not grow with the batch. A poll interval
    is the time between two ``mark_interval()`` calls (the run's ``sleep``); list requests
    (``GET /task`` without ``task_id``) are counted per interval from the first generate request on.
    """

    def __init__(self, wrapped: httpx.BaseTransport, clock: Callable[[], float]) -> None:
        self.wrapped = wrapped
        self.clock = clock
        self.requests = 0
        self.rate_limited = 0
        self.generates = 0
        self.lists = 0
        self.first_generate_at = math.nan
        self.last_list_at = math.nan
        self.lists_per_interval: list[int] = []  # one int per interval: small
        self._current: int | None = None  # None until the first generate request

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self.wrapped.handle_request(request)
        self.requests += 1
        if response.status_code == 429:
            self.rate_limited += 1
        path = request.url.path
        if request.method == "POST" and path.endswith("/task/generate"):
            self.generates += 1
            if self._current is None:
                self.first_generate_at = self.clock()
                self._current = 0
        elif request.method == "GET" and path.endswith("/task") and b"task_id=" not in request.url.query:
            self.lists += 1
            self.last_list_at = self.clock()
            if self._current is not None:
                self._current += 1
        return response

    def mark_interval(self) -> None:
        if self._current is not None:
            self.lists_per_interval.append(self._current)
            self._current = 0

    def close_intervals(self) -> None:
        if self._current:
            self.lists_per_interval.append(self._current)
        self._current = None


# -- processes and ports --------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for_http(url: str, timeout: float = 30.0, proc: subprocess.Popen[bytes] | None = None) -> bool:
    """Poll ``url`` until it answers at all (any status); False after ``timeout`` or if ``proc`` died."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            return False
        try:
            httpx.get(url, timeout=1.0)
            return True
        except httpx.HTTPError:
            time.sleep(0.1)
    return False


def stop(proc: subprocess.Popen[bytes]) -> None:
    """Stop a process this benchmark started (by its own handle), politely then firmly."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


# -- tools ----------------------------------------------------------------------------------------
def ensure_prism(install: bool = True, log: Callable[[str], None] = print) -> Path | None:
    """The ``prism`` launcher under benchmarks/.prism (npm-installed on demand), or None."""
    if not PRISM_BIN.exists() and install:
        npm = _which("npm")
        if npm is None:
            log("prism: npm not found; the Prism column is skipped")
            return None
        PRISM_DIR.mkdir(exist_ok=True)
        log("prism: npm install @stoplight/prism-cli into benchmarks/.prism ...")
        done = subprocess.run(
            [npm, "install", "--no-audit", "--no-fund", "--prefix", str(PRISM_DIR), "@stoplight/prism-cli"],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        if done.returncode != 0:
            log(f"prism: npm install failed ({done.stderr.strip().splitlines()[-1:]}); column skipped")
    return PRISM_BIN if PRISM_BIN.exists() else None


def ensure_bench_venv(install: bool = True, log: Callable[[str], None] = print) -> Path | None:
    """benchmarks/.venv-bench with ``openai`` (for the import-time anchor), made on demand, or None."""
    if _has_openai():
        return BENCH_PYTHON
    if not install:
        return None
    log("bench venv: python -m venv benchmarks/.venv-bench && pip install openai ...")
    if not BENCH_PYTHON.exists():
        subprocess.run([sys.executable, "-m", "venv", str(BENCH_VENV)], check=False, timeout=120)
    if BENCH_PYTHON.exists():
        subprocess.run(
            [str(BENCH_PYTHON), "-m", "pip", "install", "-q", "openai"],
            capture_output=True,
            timeout=300,
            check=False,
        )
    return BENCH_PYTHON if _has_openai() else None


def _has_openai() -> bool:
    if not BENCH_PYTHON.exists():
        return False
    probe = subprocess.run(
        [str(BENCH_PYTHON), "-c", "import openai"], capture_output=True, timeout=60, check=False
    )
    return probe.returncode == 0


def _which(name: str) -> str | None:
    import shutil

    return shutil.which(name)


# -- command line ---------------------------------------------------------------------------------
def cli(measure: Callable[..., list[Figure]], quick: dict[str, Any], description: str) -> None:
    """``python bench_x.py [--quick] [--json PATH]``: print the figures (and write them as JSON)."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--quick", action="store_true", help="tiny budget (a smoke run, not a figure)")
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    args = parser.parse_args()
    figures = measure(**(quick if args.quick else {}))
    for figure in figures:
        print(figure.line(), flush=True)
    if args.json is not None:
        args.json.write_text(json.dumps([asdict(f) for f in figures], indent=2) + "\n")


def load_figures(path: Path) -> list[Figure]:
    return [Figure(**item) for item in json.loads(path.read_text())]


def env_for_child() -> dict[str, str]:
    """The environment for child Pythons: unbuffered, no user site, no inherited Huhu settings."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("HUHU_")}
    env["PYTHONUNBUFFERED"] = "1"
    return env

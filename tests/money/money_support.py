"""Shared helpers of the money tests: a real ``huhu-mock serve --db`` process, its ledger, garments."""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
from collections import Counter, deque
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from mock_server import DEFAULT_API_KEY

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "garments"
HEADERS = {"Authorization": f"Bearer {DEFAULT_API_KEY}"}
BILLABLE_PATHS = ("/task/generate", "/upscale", "/video")


@dataclass
class Server:
    base_url: str  # .../public/v1
    root: str  # for /_mock/...

    def fault(self, path: str, *, status: int | None = None, latency: float = 0.0, count: int = 1) -> None:
        body: dict[str, Any] = {"path": path, "method": "POST", "count": count}
        if status is not None:
            body["status"] = status
        if latency:
            body["latency_seconds"] = latency
        httpx.post(f"{self.root}/_mock/faults", json=body).raise_for_status()

    def clear_faults(self) -> None:
        httpx.delete(f"{self.root}/_mock/faults").raise_for_status()

    def history(self) -> list[dict[str, Any]]:
        r = httpx.get(
            f"{self.base_url}/metering/credit-history", params={"fetch_all": "true"}, headers=HEADERS
        )
        r.raise_for_status()
        return list(r.json()["items"])

    def balance(self) -> int:
        r = httpx.get(f"{self.base_url}/metering/plan", headers=HEADERS)
        r.raise_for_status()
        return int(r.json()["credits"])


@contextmanager
def serve(db: Path, *extra: str) -> Iterator[Server]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "mock_server", "serve", "--port", "0", "--db", str(db), *extra],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    line = proc.stdout.readline()
    assert line.startswith("huhu-mock serving "), line
    base_url = line.split()[-1]
    try:
        yield Server(base_url, base_url.removesuffix("/public/v1"))
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=10)


def charges(history: list[dict[str, Any]], operation: str) -> Counter[str]:
    """Positive charges of ``operation`` per request id (task id for try-ons)."""
    return Counter(e["request_id"] for e in history if e["operation"] == operation and e["credits"] > 0)


def garments(folder: Path, n: int) -> tuple[Path, ...]:
    """``n`` lone dress images: n SKUs of one task each."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = tuple(folder / f"dress-{i}.png" for i in range(n))
    for path in paths:
        shutil.copy(EXAMPLES / "summer-dress-red" / "dress-front.png", path)
    return paths


ACTIONS = (
    "ok",
    "applied_answer_lost",
    "late",
    "lost",
    "500",
    "500_applied",
    "429",
    "reset_applied",
    "reset_lost",
    "kill_before",
    "kill_after",
)
LATE_AFTER = 3  # a late request lands after this many further requests


class Killed(BaseException):
    """The client process dies here (kill -9): nothing after this line of its code runs."""


class FaultyNetwork(httpx.BaseTransport):
    def __init__(self, inner: httpx.BaseTransport, schedule: list[str]) -> None:
        self.inner = inner
        self.schedule = deque(schedule)
        self.late: list[tuple[int, httpx.Request]] = []

    def _forward(self, request: httpx.Request) -> httpx.Response:
        response = self.inner.handle_request(request)
        response.read()
        return response

    def land_late(self, *, all_now: bool = False) -> None:
        due = [(n - 1, r) for n, r in self.late]
        self.late = [(n, r) for n, r in due if n > 0 and not all_now]
        for n, request in due:
            if n <= 0 or all_now:
                self._forward(request)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.land_late()
        path = request.url.path.removeprefix("/public/v1")
        if request.method != "POST" or path not in BILLABLE_PATHS or not self.schedule:
            return self._forward(request)
        action = self.schedule.popleft()
        request.read()
        if action == "ok":
            return self._forward(request)
        if action in ("applied_answer_lost", "reset_applied", "kill_after", "500_applied"):
            self._forward(request)
        if action == "late":
            copy = httpx.Request(
                request.method, request.url, headers=request.headers, content=request.content
            )
            self.late.append((LATE_AFTER, copy))
        if action in ("kill_before", "kill_after"):
            raise Killed
        if action in ("500", "500_applied"):
            return httpx.Response(500, json={"detail": "injected"}, request=request)
        if action == "429":
            return httpx.Response(429, json={"detail": "busy"}, headers={"Retry-After": "1"}, request=request)
        if action in ("reset_applied", "reset_lost"):
            raise httpx.RemoteProtocolError(
                "Server disconnected without sending a response.", request=request
            )
        raise httpx.ReadTimeout("timed out", request=request)  # applied_answer_lost, late, lost

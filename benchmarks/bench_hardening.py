"""7. The mock under load and under attack (issue 12): tail latency, freezes, memory.

Servers: ``huhu-mock serve`` started by this script on 127.0.0.1 with its default settings (and with
``--workers 2`` for the mixed load), stopped at the end.

(a) **Mixed load**: 16 client threads for ``duration`` seconds, each looping over 8 × ``GET
    /metering/plan``, 1 × ``POST /project`` and 1 × ``POST /model/face`` (generation of 4 images:
    its job finishes after ``--job-seconds 0.5``); before each generation the client polls its
    previous one and, once completed, downloads one of its outputs (rendered on that first read). The figure is the
    p99 of the GETs' latency (max and p50 in the detail) and the count of 5xx answers, at the
    default settings and with ``--workers 2``. The team has credits and slots enough: no 402/429.
(b) **Heavy zip completion**: a zip of ``images`` solid-colour PNGs of ``side`` × ``side`` pixels
    (~1.2 MB at 10 × 6000², ~36 MP each to decode) is uploaded in parts and completed while another
    thread polls ``GET /metering/plan`` every 20 ms; the figure is the longest poll.
(c) **Memory**: resident memory (``VmRSS``) of the server (``--db`` on disk) before and after a
    25 MB base64 body that is not an image (422), and after completing a ``big_mb`` MB upload that
    is not a zip (422: its parts are deleted at once); peak (``VmHWM``) in the detail.

Targets (issue 12): p99 ≤ 100 ms; longest GET during the completion ≤ 100 ms; 0 × 5xx.
"""

from __future__ import annotations

import base64
import io
import json
import math
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
import zipfile
from pathlib import Path
from typing import Any

from benchlib import API_KEY, Figure, cli, env_for_child, stop
from PIL import Image

AUTH = {"Authorization": f"Bearer {API_KEY}"}


# -- servers and requests ----------------------------------------------------------------------------------
class Mock:
    def __init__(self, *args: str) -> None:
        command = [sys.executable, "-m", "mock_server", "serve", "--port", "0", *args]
        self.proc = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env_for_child()
        )
        assert self.proc.stdout is not None
        self.base = ""
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not self.base:
            line = self.proc.stdout.readline().decode()
            if not line:
                break
            found = re.search(r"serving (http://\S+)/public/v1", line)
            if found:
                self.base = found.group(1)
        if not self.base:
            stop(self.proc)
            raise RuntimeError("huhu-mock serve did not start")
        threading.Thread(target=self.proc.stdout.read, daemon=True).start()  # drain the rest

    @property
    def api(self) -> str:
        return self.base + "/public/v1"

    def rss(self) -> tuple[float, float]:
        """(VmRSS, VmHWM) in MB of the server process (NaN where /proc is missing)."""
        try:
            text = Path(f"/proc/{self.proc.pid}/status").read_text()
        except OSError:
            return math.nan, math.nan
        values = {
            k: int(v.split()[0]) / 1024
            for k, v in (line.split(":", 1) for line in text.splitlines())
            if k in ("VmRSS", "VmHWM")
        }
        return values.get("VmRSS", math.nan), values.get("VmHWM", math.nan)

    def stop(self) -> None:
        stop(self.proc)


def request(
    method: str, url: str, body: Any = None, data: bytes | None = None, timeout: float = 300
) -> tuple[int, bytes]:
    headers = dict(AUTH)
    if body is not None:
        data = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    req = urllib.request.Request(url, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def rich_team(mock: Mock) -> None:
    request("POST", mock.base + "/_mock/credits", {"credits": 10**9, "api_key": API_KEY})
    request("POST", mock.base + "/_mock/slots", {"slots": 10_000, "api_key": API_KEY})


def percentile(values: list[float], q: float) -> float:
    if not values:
        return math.nan
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, math.ceil(q * len(ordered)) - 1)]


# -- (a) mixed load ----------------------------------------------------------------------------------------
def mixed_load(args: tuple[str, ...], label: str, duration: float, clients: int) -> list[Figure]:
    mock = Mock("--job-seconds", "0.5", *args)
    try:
        rich_team(mock)
        for _ in range(3):  # warm-up: first-use costs (schema compilation, fonts) are not the figure
            request("GET", mock.api + "/metering/plan")
            request("POST", mock.api + "/project", {"project_name": "warm"})
            _, raw = request("POST", mock.api + "/model/face", {"prompt": "warm", "num_output_images": 1})
        time.sleep(0.6)
        _, raw = request("GET", mock.api + "/model/image?request_id=" + json.loads(raw)["request_id"])
        for url in re.findall(r'https?://[^"]+/_mock/files/[^"]+', raw.decode()):
            request("GET", url)
        gets: list[float] = []
        statuses: dict[int, int] = {}
        lock = threading.Lock()
        deadline = time.monotonic() + duration  # after the warm-up

        def client() -> None:
            step = 0
            last_face: str | None = None
            while time.monotonic() < deadline:
                step += 1
                kind = step % 10
                started = time.monotonic()
                if kind == 8:
                    status, _ = request("POST", mock.api + "/project", {"project_name": "load"})
                elif kind == 9:
                    if last_face is not None:  # poll the previous generation; download one output if done
                        _, raw = request("GET", mock.api + "/model/image?request_id=" + last_face)
                        urls = re.findall(r'https?://[^"]+/_mock/files/[^"]+', raw.decode())
                        if urls:
                            record(request("GET", urls[0])[0], None)
                    status, raw = request(
                        "POST", mock.api + "/model/face", {"prompt": "a face", "num_output_images": 4}
                    )
                    last_face = json.loads(raw).get("request_id") if status == 200 else None
                else:
                    status, _ = request("GET", mock.api + "/metering/plan")
                record(status, time.monotonic() - started if kind < 8 else None)

        def record(status: int, get_seconds: float | None) -> None:
            with lock:
                statuses[status] = statuses.get(status, 0) + 1
                if get_seconds is not None:
                    gets.append(get_seconds)

        threads = [threading.Thread(target=client) for _ in range(clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        mock.stop()
    errors = sum(n for status, n in statuses.items() if status >= 500)
    key = "hardening_mixed_" + ("workers2" if args else "default")
    detail = (
        f"{len(gets)} GETs in {duration:g} s, {clients} clients; p50 {percentile(gets, 0.5) * 1000:.1f} ms,"
        f" max {max(gets, default=math.nan) * 1000:.0f} ms; statuses {dict(sorted(statuses.items()))}"
    )
    return [
        Figure(
            key + "_p99",
            f"GET p99 under mixed load with generation, {label}",
            percentile(gets, 0.99) * 1000,
            "ms",
            100,
            "<=",
            detail,
        ),
        Figure(
            key + "_5xx",
            f"5xx answers under mixed load, {label}",
            float(errors),
            "",
            0,
            "<=",
            "",
            extra={"count": True},
        ),
    ]


# -- (b) heavy zip completion ------------------------------------------------------------------------------
def heavy_zip(images: int, side: int) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (side, side), (30, 160, 90)).save(buffer, format="PNG")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:
        for n in range(images):
            archive.writestr(
                f"heavy-{n // 2}/shirt-{'front' if n % 2 == 0 else 'back'}-{n}.png", buffer.getvalue()
            )
    return out.getvalue()


def upload_parts(mock: Mock, data: bytes) -> dict[str, Any]:
    _, raw = request("POST", mock.api + "/project", {"project_name": "bench"})
    project = json.loads(raw)["project_id"]
    _, raw = request(
        "POST",
        mock.api + "/project/upload",
        {"project_id": project, "file_type": "sku_zip", "file_size": len(data)},
    )
    upload = json.loads(raw)
    parts = []
    size = upload.get("part_size") or -(-len(data) // len(upload["upload_urls"]))
    for number, url in enumerate(upload["upload_urls"], start=1):
        req = urllib.request.Request(url, data=data[(number - 1) * size : number * size], method="PUT")
        with urllib.request.urlopen(req, timeout=300) as response:
            parts.append({"PartNumber": number, "ETag": response.headers["ETag"]})
    return {"project_id": project, "key": upload["key"], "upload_id": upload["upload_id"], "parts": parts}


def zip_freeze(images: int, side: int) -> list[Figure]:
    data = heavy_zip(images, side)
    mock = Mock()
    try:
        complete = upload_parts(mock, data)
        polls: list[float] = []
        done = threading.Event()

        def poll() -> None:
            while not done.is_set():
                started = time.monotonic()
                request("GET", mock.api + "/metering/plan")
                polls.append(time.monotonic() - started)
                time.sleep(0.02)

        poller = threading.Thread(target=poll)
        poller.start()
        time.sleep(0.1)
        started = time.monotonic()
        status, _ = request("POST", mock.api + "/project/complete_multipart_upload", complete)
        took = time.monotonic() - started
        done.set()
        poller.join()
    finally:
        mock.stop()
    detail = (
        f"{images} PNGs of {side}×{side} in a {len(data) / 1e6:.1f} MB zip; completion {took:.1f} s (HTTP {status});"
        f" {len(polls)} polls, median {statistics.median(polls) * 1000:.1f} ms"
    )
    return [
        Figure(
            "hardening_zip_longest_get",
            "Longest GET during a heavy zip completion",
            max(polls) * 1000,
            "ms",
            100,
            "<=",
            detail,
        )
    ]


# -- (c) memory --------------------------------------------------------------------------------------------
def memory(big_mb: int, base64_mb: int) -> list[Figure]:
    with tempfile.TemporaryDirectory(prefix="huhu-bench-") as tmp:
        mock = Mock("--db", os.path.join(tmp, "mock.sqlite3"))
        try:
            _, raw = request("POST", mock.api + "/project", {"project_name": "memory"})
            project = json.loads(raw)["project_id"]
            for _ in range(3):  # warm up the paths measured
                request(
                    "POST",
                    mock.api + "/project/upload",
                    {"project_id": project, "file_type": "model_image", "file_data": "AAAA" * 1000},
                )
            start, _ = mock.rss()
            junk = base64.b64encode(os.urandom(base64_mb * 1024 * 1024 * 3 // 4)).decode()
            status_small, _ = request(
                "POST",
                mock.api + "/project/upload",
                {"project_id": project, "file_type": "model_image", "file_data": junk},
            )
            del junk
            time.sleep(0.5)
            after_small, peak_small = mock.rss()
            data = os.urandom(1024 * 1024) * big_mb  # not a zip
            complete = upload_parts(mock, data)
            del data
            after_parts, _ = mock.rss()
            status_big, _ = request("POST", mock.api + "/project/complete_multipart_upload", complete)
            time.sleep(0.5)
            after_big, peak_big = mock.rss()
            _, raw = request("GET", mock.base + "/_mock/state")
            parts_left = len(json.loads(raw)["upload_parts"])
        finally:
            mock.stop()
    return [
        Figure(
            "hardening_rss_base64",
            f"RSS growth after a {base64_mb} MB non-image base64 body",
            after_small - start,
            "MB",
            None,
            detail=f"HTTP {status_small}; RSS {start:.0f} → {after_small:.0f} MB, peak {peak_small:.0f} MB",
        ),
        Figure(
            "hardening_rss_big_upload",
            f"RSS growth after completing a {big_mb} MB non-zip upload",
            after_big - start,
            "MB",
            None,
            detail=f"HTTP {status_big}; RSS after the parts {after_parts:.0f} MB, after completion {after_big:.0f} MB,"
            f" peak {peak_big:.0f} MB; parts left in SQLite: {parts_left}",
        ),
    ]


def measure(
    duration: float = 10.0,
    clients: int = 16,
    images: int = 10,
    side: int = 6000,
    big_mb: int = 400,
    base64_mb: int = 25,
    parts: tuple[str, ...] = ("mixed", "zip", "memory"),
) -> list[Figure]:
    figures: list[Figure] = []
    if "mixed" in parts:
        figures += mixed_load((), "default settings", duration, clients)
        if hasattr(os, "fork"):
            figures += mixed_load(("--workers", "2"), "--workers 2", duration, clients)
    if "zip" in parts:
        figures += zip_freeze(images, side)
    if "memory" in parts:
        figures += memory(big_mb, base64_mb)
    return figures


if __name__ == "__main__":
    cli(
        measure,
        {"duration": 1.0, "clients": 4, "images": 2, "side": 1000, "big_mb": 16, "base64_mb": 2},
        __doc__.splitlines()[0],
    )

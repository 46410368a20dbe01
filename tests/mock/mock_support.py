"""Helpers shared by the mock_server tests: images, zips, a real ``huhu-mock serve`` process, HTTP."""

from __future__ import annotations

import base64
import io
import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PIL import Image

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_KEY = "sk-" + "deadbeef" * 6


def png(
    width: int = 60, height: int = 80, color: tuple[int, int, int] = (200, 30, 30), fmt: str = "PNG"
) -> bytes:
    """A small real image with a white border (so the mock classifies it as a clean flat lay)."""
    im = Image.new("RGB", (width, height), (255, 255, 255))
    im.paste(color, (width // 5, height // 5, width - width // 5, height - height // 5))
    buffer = io.BytesIO()
    im.save(buffer, format=fmt)
    return buffer.getvalue()


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def make_zip(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def garment_zip() -> bytes:
    """Two SKU folders: a shirt with front and back views, jeans with a front view."""
    return make_zip(
        {
            "linen-shirt/shirt-front.png": png(60, 70, (240, 240, 200)),
            "linen-shirt/shirt-back.png": png(60, 70, (230, 230, 190)),
            "blue-jeans/jeans-front.png": png(50, 90, (30, 40, 160)),
        }
    )


@dataclass
class Reply:
    status: int
    headers: dict[str, str]  # names in lower case
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


def http(
    method: str,
    url: str,
    *,
    json_body: Any = None,
    data: bytes | None = None,
    key: str | None = None,
    headers: dict[str, str] | None = None,
    timeout: float = 30.0,
) -> Reply:
    """One HTTP request with urllib; error statuses are returned, not raised."""
    all_headers = dict(headers or {})
    if key is not None:
        all_headers["Authorization"] = f"Bearer {key}"
    if json_body is not None:
        data = json.dumps(json_body).encode()
        all_headers["Content-Type"] = "application/json"
    request = urllib.request.Request(url, data=data, method=method, headers=all_headers)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return Reply(
                response.status, {k.lower(): v for k, v in response.headers.items()}, response.read()
            )
    except urllib.error.HTTPError as exc:
        return Reply(exc.code, {k.lower(): v for k, v in exc.headers.items()}, exc.read())


@dataclass
class MockServer:
    """A ``python -m mock_server serve`` subprocess on a free loopback port."""

    args: list[str] = field(default_factory=list)
    process: subprocess.Popen[str] | None = None
    base: str = ""
    output: list[str] = field(default_factory=list)

    @property
    def api(self) -> str:
        return self.base + "/public/v1"

    def start(self) -> MockServer:
        command = [sys.executable, "-m", "mock_server", "serve", "--port", "0", *self.args]
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        env.pop("HUHU_MOCK_API_KEY", None)
        self.process = subprocess.Popen(
            command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env
        )
        assert self.process.stdout is not None
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            line = self.process.stdout.readline()
            if not line:
                break
            self.output.append(line)
            found = re.search(r"serving (http://\S+)/public/v1", line)
            if found:
                self.base = found.group(1)
                break
        if not self.base:
            self.process.kill()
            raise RuntimeError("huhu-mock did not start:\n" + "".join(self.output))
        for line in self.process.stdout:  # the key and admin lines follow at once
            self.output.append(line)
            if line.startswith("admin API"):
                break
        return self

    def stop(self) -> int:
        """SIGTERM, then the exit status (the server must stop cleanly)."""
        assert self.process is not None
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        try:
            rest, _ = self.process.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            rest, _ = self.process.communicate()
        self.output.append(rest or "")
        return self.process.returncode

    def __enter__(self) -> MockServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        if self.process is not None and self.process.poll() is None:
            self.stop()


def comparable_state(state: dict[str, Any]) -> dict[str, Any]:
    """A state dump without what moves on its own (the real clock)."""
    return {k: v for k, v in state.items() if k != "now"}

"""Start ``huhu mcp serve --offline`` as a subprocess and talk to it with the MCP SDK's own client."""

from __future__ import annotations

import base64
import contextlib
import io
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import mcp_types as types
from mcp import ClientSession
from mcp.client.stdio import StdioServerParameters, stdio_client
from mcp.client.streamable_http import streamable_http_client
from PIL import Image

ROOT = Path(__file__).resolve().parents[2]
SERVE = [sys.executable, "-m", "huhu_ext.cli", "mcp", "serve", "--offline"]


def env() -> dict[str, str]:
    """The server's environment: this checkout, and a fresh offline mock state of its own (the
    offline state is otherwise shared by every ``huhu --offline`` command of the user, D-CLI-OFFLINE)."""
    return {
        "PYTHONPATH": os.environ.get("PYTHONPATH", f"{ROOT}{os.pathsep}{ROOT / 'generated'}"),
        "HUHU_OFFLINE_DIR": tempfile.mkdtemp(prefix="huhu-mcp-offline-"),
    }


def png_b64(color: tuple[int, int, int] = (200, 30, 30)) -> str:
    """A small flat-lay garment (white border) the mock classifies."""
    im = Image.new("RGB", (60, 80), (255, 255, 255))
    im.paste(color, (12, 16, 48, 64))
    out = io.BytesIO()
    im.save(out, format="PNG")
    return base64.b64encode(out.getvalue()).decode()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.asynccontextmanager
async def stdio_session(*flags: str) -> AsyncIterator[ClientSession]:
    params = StdioServerParameters(command=SERVE[0], args=[*SERVE[1:], *flags], env=env(), cwd=str(ROOT))
    async with stdio_client(params) as (read, write), ClientSession(read, write) as session:
        await session.initialize()
        yield session


@contextlib.asynccontextmanager
async def http_session(*flags: str) -> AsyncIterator[ClientSession]:
    port = free_port()
    proc = subprocess.Popen(
        [*SERVE, "--transport", "http", "--port", str(port), *flags],
        env={**os.environ, **env()},
        cwd=str(ROOT),
    )
    try:
        deadline = time.monotonic() + 60
        while True:  # readiness only: the test asserts nothing about how long this takes
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
                break
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the HTTP server did not start (exit code {proc.poll()})")
            time.sleep(0.2)
        async with (
            streamable_http_client(f"http://127.0.0.1:{port}/mcp") as streams,
            ClientSession(streams[0], streams[1]) as session,
        ):
            await session.initialize()
            yield session
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


async def call(session: ClientSession, name: str, arguments: dict[str, Any] | None = None) -> Any:
    result = await session.call_tool(name, arguments or {})
    assert isinstance(result, types.CallToolResult)
    return result


async def ok(session: ClientSession, name: str, arguments: dict[str, Any] | None = None) -> dict[str, Any]:
    """The structured answer of a call that must succeed."""
    result = await call(session, name, arguments)
    text = result.content[0].text if result.content else ""
    assert not result.is_error, f"{name} failed: {text}"
    assert result.structured_content is not None
    assert json.loads(text) is not None  # the text content is JSON too
    return dict(result.structured_content)


async def error_text(session: ClientSession, name: str, arguments: dict[str, Any] | None = None) -> str:
    result = await call(session, name, arguments)
    assert result.is_error, f"{name} should have failed"
    return str(result.content[0].text)

"""Helpers of the fidelity tests: a fake clock, a client on a handler, a spec copy with new statuses."""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import httpx
import pytest

from huhu_ext import Huhu
from huhu_ext import spec as spec_module
from huhu_ext.spec import Spec, load_spec

BASE = "https://api.huhu.ai/public/v1"
KEY = "sk-" + "0123456789abcdef" * 3


class FakeClock:
    """A clock that only moves when something sleeps; records every sleep."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


@contextmanager
def client_on(
    handler: Callable[[httpx.Request], httpx.Response], clock: FakeClock | None = None
) -> Iterator[Huhu]:
    clock = clock or FakeClock()
    with Huhu(
        KEY,
        transport=httpx.MockTransport(handler),
        sleep=clock.sleep,
        clock=clock,
        poll_interval=5.0,
    ) as huhu:
        yield huhu


def spec_copy(edit: Callable[[dict[str, Any]], None]) -> Spec:
    """A copy of the shipped spec, changed by ``edit`` (the shipped one is left alone)."""
    document = copy.deepcopy(load_spec().document)
    edit(document)
    return Spec(document)


def lifecycle_data(document: dict[str, Any], schema: str) -> dict[str, Any]:
    data: dict[str, Any] = document["components"]["schemas"][schema]["x-huhu-lifecycle"]
    return data


def use_spec(monkeypatch: pytest.MonkeyPatch, spec: Spec) -> None:
    """Make ``huhu_ext.spec.load_spec()`` (what the client layer reads) answer ``spec``."""
    monkeypatch.setattr(spec_module, "load_spec", lambda: spec)


def png_b64(width: int = 60, height: int = 80) -> str:
    """A small real garment photo: a coloured block on white (a clean flat lay for the mock)."""
    import base64
    import io

    from PIL import Image

    image = Image.new("RGB", (width, height), (255, 255, 255))
    image.paste((200, 30, 30), (width // 5, height // 5, width - width // 5, height - height // 5))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return base64.b64encode(buffer.getvalue()).decode()

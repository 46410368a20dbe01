"""Helpers of the huhu_ext tests (imported by the test modules and conftest.py)."""

from __future__ import annotations

from typing import Any

BASE = "https://api.huhu.ai/public/v1"
KEY = "sk-" + "0123456789abcdef" * 3


class FakeClock:
    """A monotonic clock that only moves when something sleeps; records every sleep."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds

    async def asleep(self, seconds: float) -> None:
        self.sleep(seconds)


def plan_json(credits: int = 50, slots: int = 10) -> dict[str, Any]:
    return {"credits": credits, "plan_status": "free", "concurrent_requests": slots, "plan_name": None}


def error_json(detail: str, code: str, **extra: Any) -> dict[str, Any]:
    return {"detail": detail, "code": code, **extra}

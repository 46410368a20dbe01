"""No twins in the client: Huhu and AsyncHuhu share one implementation of each waiter and credit check.

The shared methods are written once, as steps, in ``huhu_ext.client._Common``; Huhu runs them and
AsyncHuhu awaits them, with the same signature, the same docs and the right type for each.
"""

from __future__ import annotations

import asyncio
import inspect
import os
from pathlib import Path

import httpx
import pytest
from huhu_client.models import Plan

from huhu_ext import AsyncHuhu, Huhu

SHARED = (
    "wait_for_generation",
    "wait_for_tasks",
    "wait_for_upscale",
    "wait_for_video",
    "plan",
    "ensure_credits",
)
PLAN = {
    "credits": 7,
    "plan_status": "active",
    "plan_name": "Pro",
    "concurrent_requests": 3,
}


def _plan_transport(seen: list[str]) -> httpx.MockTransport:
    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(f"{request.method} {request.url.path}")
        return httpx.Response(200, json=PLAN)

    return httpx.MockTransport(answer)


@pytest.mark.parametrize("name", SHARED)
def test_a_shared_method_is_defined_once_with_one_signature(name: str) -> None:
    assert name not in vars(Huhu) and name not in vars(AsyncHuhu)
    sync, asynchronous = getattr(Huhu("k"), name), getattr(AsyncHuhu("k"), name)
    assert inspect.signature(sync) == inspect.signature(asynchronous)
    assert "self" not in inspect.signature(sync).parameters
    assert sync.__doc__ and sync.__doc__ == asynchronous.__doc__ and sync.__name__ == name
    assert inspect.iscoroutinefunction(asynchronous) and not inspect.iscoroutinefunction(sync)


def test_sync_and_async_plan_and_credit_check_make_the_same_requests() -> None:
    sync_seen: list[str] = []
    with Huhu("k", transport=_plan_transport(sync_seen)) as huhu:
        plan = huhu.ensure_credits(7, program_id="prog")
        assert isinstance(plan, Plan) and plan.credits_ == 7 and huhu.slots().size == 3

    async def main() -> Plan:
        async with AsyncHuhu("k", transport=_plan_transport(async_seen)) as huhu:
            plan = await huhu.ensure_credits(7, program_id="prog")
            assert (await huhu.slots()).size == 3
            return plan

    async_seen: list[str] = []
    assert asyncio.run(main()) == plan
    assert sync_seen == async_seen == ["GET /public/v1/metering/plan"] * 2


def test_with_options_keeps_the_class_and_shares_the_pool_and_slots() -> None:
    huhu = Huhu("k", transport=_plan_transport([]))
    huhu.slots()
    quick = huhu.with_options(timeout=5, max_retries=0)
    assert type(quick) is Huhu and quick.timeout == 5 and quick.transport.policy.max_retries == 0
    assert quick.transport.wrapped is huhu.transport.wrapped and quick._slots is huhu._slots
    ahuhu = AsyncHuhu("k")
    assert type(ahuhu.with_options(max_retries=1)) is AsyncHuhu


def test_the_shared_methods_type_check_for_each_client(tmp_path: Path) -> None:
    mypy_api = pytest.importorskip("mypy.api")
    user = tmp_path / "user.py"
    user.write_text(
        "from typing import assert_type\n"
        "from huhu_client.models import GenerationStatus, Plan, TaskDetail, VideoRequest\n"
        "from huhu_ext import AsyncHuhu, Huhu\n"
        "def sync(huhu: Huhu) -> None:\n"
        "    assert_type(huhu.plan(), Plan)\n"
        "    assert_type(huhu.wait_for_tasks(['t'], timeout=1), dict[str, TaskDetail])\n"
        "    assert_type(huhu.with_options(timeout=1), Huhu)\n"
        "async def asynchronous(huhu: AsyncHuhu) -> None:\n"
        "    assert_type(await huhu.ensure_credits(1), Plan)\n"
        "    assert_type(await huhu.wait_for_generation('r'), GenerationStatus)\n"
        "    assert_type(await huhu.wait_for_video('r', interval=1), VideoRequest)\n"
        "    assert_type(huhu.with_options(timeout=1), AsyncHuhu)\n"
        "def wrong(huhu: Huhu) -> None:\n"
        "    huhu.wait_for_upscale('r', bogus=1)\n"
    )
    out, err, status = mypy_api.run(["--strict", "--no-incremental", "--cache-dir", os.devnull, str(user)])
    assert status == 1, out + err
    assert out.count("error:") == 1 and 'Unexpected keyword argument "bogus"' in out, out

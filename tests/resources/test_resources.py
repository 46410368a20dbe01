"""Every resource method against the mock, in-process and over HTTP, sync and async.

The mock serves pages of 2, so every paginated list is walked across pages; its clock is manual, so
each waiter (tasks, generation, upscale, video) finishes at once, one GET per interval.
"""

from __future__ import annotations

import asyncio
import inspect
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import resource_scenario as scenario
from huhu_client import resources

from huhu_ext.testing import HuhuMockServer, mock_huhu

HERE = Path(__file__).resolve().parent


@pytest.fixture(scope="module")
def server() -> Iterator[HuhuMockServer]:
    with HuhuMockServer(page_size=scenario.PAGE_SIZE, threads=2, extras=True) as running:
        yield running


def test_sync_in_process() -> None:
    with mock_huhu(page_size=scenario.PAGE_SIZE, extras=True) as mock, mock.client() as huhu:
        seen = scenario.run_sync(huhu, mock)
    assert seen["operations"] == scenario.ALL_SPENDING


def test_async_in_process() -> None:
    async def main() -> dict[str, object]:
        with mock_huhu(page_size=scenario.PAGE_SIZE, extras=True) as mock:
            async with mock.async_client() as huhu:
                return await scenario.run_async(huhu, mock)

    assert asyncio.run(main())["operations"] == scenario.ALL_SPENDING


def test_sync_over_http(server: HuhuMockServer) -> None:
    server.reset()
    with server.client() as huhu:
        seen = scenario.run_sync(huhu, server)
    assert seen["operations"] == scenario.ALL_SPENDING


def test_async_over_http(server: HuhuMockServer) -> None:
    server.reset()

    async def main() -> dict[str, object]:
        async with server.async_client() as huhu:
            return await scenario.run_async(huhu, server)

    assert asyncio.run(main())["operations"] == scenario.ALL_SPENDING


def _public_methods(cls: type) -> set[str]:
    return {name for name in vars(cls) if not name.startswith("_")}


def test_the_scenarios_call_every_resource_method() -> None:
    source = (HERE / "resource_scenario.py").read_text()
    sync_part, async_part = source.split("async def run_async", 1)
    for resource in _public_methods(resources.Resources):
        prop = getattr(resources.Resources, resource)
        cls = inspect.signature(prop.func).return_annotation
        sync_cls = getattr(resources, cls)
        async_cls = getattr(resources, "Async" + cls)
        assert _public_methods(sync_cls) == _public_methods(async_cls)
        for method in _public_methods(sync_cls):
            for part, kind in ((sync_part, "sync"), (async_part, "async")):
                assert re.search(rf"huhu\.{resource}\.{method}\b", part), (
                    f"{kind} {resource}.{method} untested"
                )

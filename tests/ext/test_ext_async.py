"""AsyncHuhu: the same calls, retries, errors, waiters, slots and credit guard as Huhu."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import httpx
import pytest
import respx
from ext_support import KEY, FakeClock, error_json, plan_json
from huhu_client.api.metering import get_plan
from huhu_client.api.tasks import generate_tasks
from huhu_client.models import GenerateTasksRequest, Plan

from huhu_ext import (
    AmbiguousRequestError,
    AsyncHuhu,
    InsufficientCreditsError,
    JobFailedError,
    NotFoundError,
    PollTimeoutError,
)

R = TypeVar("R")
GENERATE = GenerateTasksRequest(project_id="p", task_ids=["t1", "t2", "t3"], num_output_images=2)


def run(clock: FakeClock, body: Callable[[AsyncHuhu], Awaitable[R]]) -> R:
    async def main() -> R:
        async with AsyncHuhu(KEY, sleep=clock.asleep, clock=clock) as huhu:
            return await body(huhu)

    return asyncio.run(main())


def test_call_retries_429_honouring_retry_after(api: respx.MockRouter, clock: FakeClock) -> None:
    busy = httpx.Response(429, headers={"Retry-After": "4"}, json=error_json("busy", "rate_limited"))
    route = api.get("/metering/plan").mock(
        side_effect=[busy, busy, httpx.Response(200, json=plan_json(credits=9))]
    )

    async def body(huhu: AsyncHuhu) -> Plan:
        return await huhu.call(get_plan)

    assert run(clock, body).credits_ == 9
    assert clock.sleeps == [4.0, 4.0] and route.call_count == 3
    assert route.calls.last.request.headers["Authorization"] == f"Bearer {KEY}"


def test_500_on_get_retried(api: respx.MockRouter, clock: FakeClock) -> None:
    route = api.get("/metering/plan").mock(
        side_effect=[
            httpx.Response(500, json=error_json("x", "internal_error")),
            httpx.Response(200, json=plan_json()),
        ]
    )

    async def body(huhu: AsyncHuhu) -> Plan:
        return await huhu.call(get_plan)

    assert run(clock, body).credits_ == 50 and route.call_count == 2


def test_errors_map_with_message_method_path(api: respx.MockRouter, clock: FakeClock) -> None:
    api.get("/metering/plan").respond(404, json=error_json("Program not found", "not_found"))

    async def body(huhu: AsyncHuhu) -> None:
        with pytest.raises(NotFoundError) as caught:
            await huhu.call(get_plan, program_id="nope")
        assert (caught.value.message, caught.value.method, caught.value.path) == (
            "Program not found",
            "GET",
            "/public/v1/metering/plan",
        )

    run(clock, body)


@pytest.mark.parametrize(
    "failure",
    [httpx.Response(500, json=error_json("boom", "internal_error")), httpx.ReadTimeout("slow")],
    ids=["500", "timeout"],
)
def test_post_generate_not_resent(api: respx.MockRouter, clock: FakeClock, failure: Any) -> None:
    route = api.post("/task/generate").mock(side_effect=[failure])

    async def body(huhu: AsyncHuhu) -> None:
        with pytest.raises(AmbiguousRequestError, match="credit-history"):
            await huhu.call(generate_tasks, body=GENERATE)

    run(clock, body)
    assert route.call_count == 1 and clock.sleeps == []


def test_connect_error_on_post_retried(api: respx.MockRouter, clock: FakeClock) -> None:
    route = api.post("/task/generate").mock(
        side_effect=[httpx.ConnectError("refused"), httpx.Response(200, json={"message": "success"})]
    )

    async def body(huhu: AsyncHuhu) -> str:
        return (await huhu.call(generate_tasks, body=GENERATE)).message

    assert run(clock, body) == "success" and route.call_count == 2


def test_wait_for_tasks_one_list_request_per_interval(api: respx.MockRouter, clock: FakeClock) -> None:
    walk = ["Task created", "Submitted", "Generation", "Generation completed"]
    lists = [
        {
            "skus": [
                {
                    "sku_name": "s",
                    "sku_id": "s1",
                    "project_id": "p",
                    "tasks": [{"task_id": "t1", "task_status": w}],
                }
            ]
        }
        for w in walk
    ]
    detail = {
        "task_id": "t1",
        "task_status": "Generation completed",
        "output": [{"image_id": "i", "image_url": "u"}],
    }
    details = api.get("/task", params={"task_id": "t1"}).respond(200, json=detail)  # matched first
    listing = api.get("/task").mock(side_effect=[httpx.Response(200, json=b) for b in lists])

    async def body(huhu: AsyncHuhu) -> dict[str, Any]:
        return dict(await huhu.wait_for_tasks(["t1"], interval=3.0))

    result = run(clock, body)
    assert result["t1"].output[0].image_url == "u"
    assert listing.call_count == 4 and clock.sleeps == [3.0, 3.0, 3.0]
    assert details.call_count == 1


def test_waiters_timeout_and_failure(api: respx.MockRouter, clock: FakeClock) -> None:
    api.get("/model/image").respond(200, json={"status": "Request Submitted", "images_generated": []})
    api.get("/upscale").respond(200, json={"request_id": "u", "status": "failed", "result_urls": []})

    async def body(huhu: AsyncHuhu) -> None:
        with pytest.raises(PollTimeoutError):
            await huhu.wait_for_generation("g", timeout=7.0)
        with pytest.raises(JobFailedError):
            await huhu.wait_for_upscale("u")

    run(clock, body)
    assert clock.sleeps == [5.0, 2.0]


def test_wait_for_video(api: respx.MockRouter, clock: FakeClock) -> None:
    done = {
        "request_id": "v",
        "request_status": "Generation completed",
        "duration": "10",
        "video_url": "https://v",
    }
    api.get("/video/requests").mock(
        side_effect=[
            httpx.Response(
                200, json={"requests": [{**done, "request_status": "Generation", "video_url": None}]}
            ),
            httpx.Response(200, json={"requests": [done]}),
        ]
    )

    async def body(huhu: AsyncHuhu) -> str | None:
        video = await huhu.wait_for_video("v")
        return video.video_url if isinstance(video.video_url, str) else None

    assert run(clock, body) == "https://v"


def test_slots_and_credit_guard(api: respx.MockRouter, clock: FakeClock) -> None:
    api.get("/metering/plan").respond(200, json=plan_json(credits=11, slots=4))
    submit = api.post("/task/generate")

    async def body(huhu: AsyncHuhu) -> int:
        limiter = await huhu.slots()
        assert await huhu.slots() is limiter
        with pytest.raises(InsufficientCreditsError):
            await huhu.ensure_credits([("generate_tasks", GENERATE)])
        return limiter.size

    assert run(clock, body) == 4
    assert submit.call_count == 0

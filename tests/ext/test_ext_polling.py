"""Waiters: documented statuses to completion, one list request per interval for tasks, wall-clock
deadlines on a fake clock, failure statuses, progress callbacks."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
import respx
from ext_support import FakeClock

from huhu_ext import Huhu, HuhuError, JobFailedError, PollProgress, PollTimeoutError

TASK_WALK = ["Task created", "Submitted", "Generation", "Generation completed"]


def task_list(statuses: dict[str, str], *, with_ids: bool = True) -> dict[str, Any]:
    sku: dict[str, Any] = {
        "sku_name": "Blue Dress",
        "tasks": [{"task_id": t, "task_status": s} for t, s in statuses.items()],
    }
    if with_ids:
        sku |= {"sku_id": "sku-1", "project_id": "proj-1"}
    return {"skus": [sku]}


def task_detail(task_id: str, status: str = "Generation completed") -> dict[str, Any]:
    return {
        "task_id": task_id,
        "task_status": status,
        "output": [{"image_id": f"{task_id}-out", "image_url": f"https://files/{task_id}.png"}],
    }


class TaskApi:
    """GET /task: the list answers the next state of ``states`` (then stays on the last); details on demand."""

    def __init__(self, states: list[dict[str, str]], *, with_ids: bool = True) -> None:
        self.states: Iterator[dict[str, str]] = iter(states)
        self.current: dict[str, str] = {}
        self.with_ids = with_ids
        self.list_calls: list[httpx.Request] = []
        self.detail_calls: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        params = request.url.params
        if "task_id" in params:
            self.detail_calls.append(request)
            return httpx.Response(200, json=task_detail(params["task_id"], self.current[params["task_id"]]))
        self.list_calls.append(request)
        self.current = next(self.states, self.current)
        return httpx.Response(200, json=task_list(self.current, with_ids=self.with_ids))


def test_tasks_walk_documented_statuses_one_list_request_per_interval(
    huhu: Huhu, api: respx.MockRouter, clock: FakeClock
) -> None:
    ids = ["t1", "t2", "t3"]
    # t1 runs a step ahead of the others
    states = [
        {"t1": TASK_WALK[min(i + 1, 3)], "t2": TASK_WALK[i], "t3": TASK_WALK[i]}
        for i in range(len(TASK_WALK))
    ]
    fake = TaskApi(states)
    api.get("/task").mock(side_effect=fake)
    progress: list[PollProgress] = []

    results = huhu.wait_for_tasks(ids, project_id="proj-1", on_progress=progress.append)

    assert list(results) == ids
    assert all(r.task_status == "Generation completed" for r in results.values())
    assert [r.output[0].image_url for r in results.values()] == [f"https://files/{t}.png" for t in ids]
    # one list request per interval, covering all tasks; sleeps of the default interval in between
    assert len(fake.list_calls) == 4 and clock.sleeps == [5.0, 5.0, 5.0]
    assert all(
        c.url.params["project_id"] == "proj-1" and "task_id" not in c.url.params for c in fake.list_calls
    )
    # each finished task's detail fetched exactly once, with project_id + sku_id + task_id
    assert sorted(c.url.params["task_id"] for c in fake.detail_calls) == ids
    assert all(
        (c.url.params["project_id"], c.url.params["sku_id"]) == ("proj-1", "sku-1") for c in fake.detail_calls
    )
    assert [(p.done, p.total) for p in progress] == [(0, 3), (0, 3), (1, 3), (3, 3)]
    assert progress[1].statuses == {"t1": "Generation", "t2": "Submitted", "t3": "Submitted"}


def test_tasks_poll_hits_its_deadline(huhu: Huhu, api: respx.MockRouter, clock: FakeClock) -> None:
    fake = TaskApi([{"t1": "Generation", "t2": "Generation completed"}])
    api.get("/task").mock(side_effect=fake)
    with pytest.raises(PollTimeoutError) as caught:
        huhu.wait_for_tasks(["t1", "t2", "ghost"], timeout=12.0)
    error = caught.value
    assert error.pending == ("t1", "ghost")
    assert error.statuses == {"t1": "Generation", "ghost": "not listed"}
    assert clock.sleeps == [5.0, 5.0, 2.0]  # the last sleep ends exactly at the deadline
    assert len(fake.list_calls) == 4 and len(fake.detail_calls) == 1
    assert "12s" in str(error) and "t1 (Generation)" in str(error)


def test_task_failure_waits_for_the_rest_then_raises(huhu: Huhu, api: respx.MockRouter) -> None:
    fake = TaskApi(
        [
            {"t1": "Generation", "t2": "Generation"},
            {"t1": "Generation failed", "t2": "Generation"},
            {"t1": "Generation failed", "t2": "Generation completed"},
        ]
    )
    api.get("/task").mock(side_effect=fake)
    progress: list[PollProgress] = []
    with pytest.raises(JobFailedError) as caught:
        huhu.wait_for_tasks(["t1", "t2"], on_progress=progress.append)
    assert caught.value.failed == {"t1": "Generation failed"}
    assert [(p.done, p.failed, p.total) for p in progress] == [(0, 0, 2), (0, 1, 2), (1, 1, 2)]
    assert list(caught.value.results) == ["t2"]
    assert len(fake.list_calls) == 3


def test_task_list_without_sku_ids_resolves_through_sku_list(huhu: Huhu, api: respx.MockRouter) -> None:
    fake = TaskApi([{"t1": "Generation completed"}], with_ids=False)
    api.get("/task").mock(side_effect=fake)
    skus = api.get("/sku").respond(
        200, json={"skus": [{"sku_id": "sku-9", "sku_name": "Blue Dress"}], "pagination_token": None}
    )
    results = huhu.wait_for_tasks(["t1"], project_id="proj-7")
    assert results["t1"].output[0].image_id == "t1-out"
    assert skus.call_count == 1 and skus.calls.last.request.url.params["project_id"] == "proj-7"
    [detail] = fake.detail_calls
    assert (detail.url.params["project_id"], detail.url.params["sku_id"]) == ("proj-7", "sku-9")


def test_task_list_without_ids_and_no_project_is_a_clear_error(huhu: Huhu, api: respx.MockRouter) -> None:
    api.get("/task").mock(side_effect=TaskApi([{"t1": "Generation completed"}], with_ids=False))
    with pytest.raises(HuhuError, match="pass project_id"):
        huhu.wait_for_tasks(["t1"])


def test_no_tasks_no_requests(huhu: Huhu, api: respx.MockRouter) -> None:
    route = api.get("/task")
    assert huhu.wait_for_tasks([]) == {}
    assert route.call_count == 0


def sequence(*bodies: dict[str, Any]) -> Callable[[httpx.Request], httpx.Response]:
    """Answers each body in turn, then keeps answering the last one."""
    remaining = list(bodies)

    def answer(request: httpx.Request) -> httpx.Response:
        body = remaining.pop(0) if len(remaining) > 1 else remaining[0]
        return httpx.Response(200, json=body)

    return answer


def generation(status: str) -> dict[str, Any]:
    images = [{"model_image_id": "o.png", "model_image_url": "https://files/o.png"}]
    return {"status": status, "images_generated": images if status == "Generation Completed" else []}


def test_wait_for_generation(huhu: Huhu, api: respx.MockRouter, clock: FakeClock) -> None:
    route = api.get("/model/image").mock(
        side_effect=sequence(
            generation("Request Submitted"),
            generation("Request Submitted"),
            generation("Generation Completed"),
        )
    )
    progress: list[PollProgress] = []
    status = huhu.wait_for_generation("req-1", interval=2.0, on_progress=progress.append)
    assert status.status == "Generation Completed"
    assert status.images_generated[0].model_image_url == "https://files/o.png"
    assert route.call_count == 3 and clock.sleeps == [2.0, 2.0]
    assert all(c.request.url.params["request_id"] == "req-1" for c in route.calls)
    assert [p.done for p in progress] == [0, 0, 1]
    assert progress[0].statuses == {"req-1": "Request Submitted"}


def test_generation_failed_raises(huhu: Huhu, api: respx.MockRouter) -> None:
    api.get("/model/image").mock(
        side_effect=sequence(generation("Request Submitted"), generation("Generation Failed"))
    )
    with pytest.raises(JobFailedError) as caught:
        huhu.wait_for_generation("req-1")
    assert caught.value.failed == {"req-1": "Generation Failed"}


def test_generation_timeout(huhu: Huhu, api: respx.MockRouter, clock: FakeClock) -> None:
    api.get("/model/image").respond(200, json=generation("Request Submitted"))
    with pytest.raises(PollTimeoutError) as caught:
        huhu.wait_for_generation("req-1", timeout=10.0)
    assert caught.value.pending == ("req-1",) and caught.value.statuses == {"req-1": "Request Submitted"}
    assert clock.sleeps == [5.0, 5.0]


def upscale(status: str) -> dict[str, Any]:
    urls = ["https://files/up.png"] if status == "success" else []
    return {"request_id": "up-1", "status": status, "result_urls": urls}


def test_wait_for_upscale(huhu: Huhu, api: respx.MockRouter, clock: FakeClock) -> None:
    route = api.get("/upscale").mock(side_effect=sequence(upscale("processing"), upscale("success")))
    result = huhu.wait_for_upscale("up-1")
    assert result.result_urls == ["https://files/up.png"]
    assert route.call_count == 2 and clock.sleeps == [5.0]


def test_upscale_failed_raises(huhu: Huhu, api: respx.MockRouter) -> None:
    api.get("/upscale").respond(200, json=upscale("failed"))
    with pytest.raises(JobFailedError, match="up-1"):
        huhu.wait_for_upscale("up-1")


def video(request_id: str, status: str) -> dict[str, Any]:
    url = f"https://files/{request_id}.mp4" if status == "Generation completed" else None
    return {"request_id": request_id, "request_status": status, "duration": "5", "video_url": url}


class VideoApi:
    """GET /video/requests: two pages; the wanted request sits on the second page."""

    def __init__(self, statuses: list[str]) -> None:
        self.statuses = iter(statuses)
        self.status = ""
        self.calls: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.calls.append(request)
        if request.url.params.get("pagination_token") == "p2":
            return httpx.Response(
                200, json={"requests": [video("vid-1", self.status)], "pagination_token": None}
            )
        self.status = next(self.statuses, self.status)
        return httpx.Response(
            200, json={"requests": [video("other", "Generation completed")], "pagination_token": "p2"}
        )


def test_wait_for_video_pages_through_requests(huhu: Huhu, api: respx.MockRouter, clock: FakeClock) -> None:
    fake = VideoApi(["Submitted", "Generation", "Generation completed"])
    api.get("/video/requests").mock(side_effect=fake)
    result = huhu.wait_for_video("vid-1", program_id="prog-1")
    assert result.video_url == "https://files/vid-1.mp4"
    assert len(fake.calls) == 6 and clock.sleeps == [5.0, 5.0]
    assert all(c.url.params["program_id"] == "prog-1" for c in fake.calls)


def test_video_failed_raises(huhu: Huhu, api: respx.MockRouter) -> None:
    api.get("/video/requests").mock(side_effect=VideoApi(["Generation failed"]))
    with pytest.raises(JobFailedError) as caught:
        huhu.wait_for_video("vid-1")
    assert caught.value.failed == {"vid-1": "Generation failed"}


def test_video_not_listed_until_deadline(huhu: Huhu, api: respx.MockRouter) -> None:
    api.get("/video/requests").respond(200, json={"requests": [], "pagination_token": None})
    with pytest.raises(PollTimeoutError) as caught:
        huhu.wait_for_video("vid-404", timeout=5.0)
    assert caught.value.statuses == {"vid-404": "not listed"}


def test_resume_needs_only_ids(api: respx.MockRouter, clock: FakeClock) -> None:
    # A new client (after a restart) waits on ids it never submitted itself.
    fake = TaskApi([{"t1": "Generation"}, {"t1": "Generation completed"}])
    api.get("/task").mock(side_effect=fake)
    with Huhu("sk-" + "f" * 48, sleep=clock.sleep, clock=clock) as fresh:
        assert fresh.wait_for_tasks(["t1"], interval=1.0)["t1"].output[0].image_id == "t1-out"
    assert clock.sleeps == [1.0]

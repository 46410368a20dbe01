"""Retries: 429 honours Retry-After, idempotent calls retry 5xx and transport errors, a POST that may
have been applied is never re-sent."""

from __future__ import annotations

import email.utils

import httpx
import pytest
import respx
from ext_support import BASE, KEY, FakeClock, error_json, plan_json
from huhu_client.api.metering import get_plan
from huhu_client.api.tasks import generate_tasks, update_task
from huhu_client.models import GenerateTasksRequest, Plan, UpdateTaskRequest

from huhu_ext import AmbiguousRequestError, Huhu, RateLimitError, RetryTransport
from huhu_ext._http import parse_retry_after
from huhu_ext.transport import RetryPolicy

GENERATE = GenerateTasksRequest(project_id="proj-1", task_ids=["t1", "t2"], num_output_images=2)


def busy(retry_after: str) -> httpx.Response:
    return httpx.Response(
        429, headers={"Retry-After": retry_after}, json=error_json("slots busy", "rate_limited")
    )


def test_429_429_200_honours_retry_after(huhu: Huhu, api: respx.MockRouter, clock: FakeClock) -> None:
    route = api.get("/metering/plan").mock(
        side_effect=[busy("3"), busy("7"), httpx.Response(200, json=plan_json(credits=42))]
    )
    plan = huhu.call(get_plan)
    assert isinstance(plan, Plan) and plan.credits_ == 42
    assert clock.sleeps == [3.0, 7.0]
    assert route.call_count == 3


def test_429_on_post_is_retried(huhu: Huhu, api: respx.MockRouter, clock: FakeClock) -> None:
    # D-429: a refused request was neither charged nor started, so repeating it is safe.
    route = api.post("/task/generate").mock(
        side_effect=[busy("2"), httpx.Response(200, json={"message": "success"})]
    )
    assert huhu.call(generate_tasks, body=GENERATE).message == "success"
    assert route.call_count == 2 and clock.sleeps == [2.0]


def test_retry_after_as_http_date() -> None:
    now = 1_700_000_000.0
    date = email.utils.formatdate(now + 12, usegmt=True)
    assert parse_retry_after(date, now=now) == pytest.approx(12.0)
    assert parse_retry_after("0") == 0.0
    assert parse_retry_after("soon") is None
    assert parse_retry_after(None) is None


def test_429_exhausted_raises_rate_limit_with_retry_after(
    huhu: Huhu, api: respx.MockRouter, clock: FakeClock
) -> None:
    route = api.get("/metering/plan").mock(side_effect=[busy("1"), busy("1"), busy("4")])
    with pytest.raises(RateLimitError) as caught:
        huhu.call(get_plan)
    assert route.call_count == 3 and clock.sleeps == [1.0, 1.0]
    assert caught.value.retry_after == 4.0


def test_retry_after_beyond_the_cap_is_not_waited(api: respx.MockRouter, clock: FakeClock) -> None:
    transport = RetryTransport(httpx.HTTPTransport(), sleep=clock.sleep, max_retry_after=60)
    with httpx.Client(base_url=BASE, transport=transport) as client:
        api.get("/metering/plan").mock(side_effect=[busy("3600")])
        assert client.get("/metering/plan").status_code == 429
    assert clock.sleeps == []


def test_500_on_get_retried_then_succeeds(huhu: Huhu, api: respx.MockRouter, clock: FakeClock) -> None:
    route = api.get("/metering/plan").mock(
        side_effect=[
            httpx.Response(500, json=error_json("boom", "internal_error")),
            httpx.Response(200, json=plan_json()),
        ]
    )
    assert huhu.call(get_plan).concurrent_requests == 10
    assert route.call_count == 2 and len(clock.sleeps) == 1


def test_500_on_put_retried(huhu: Huhu, api: respx.MockRouter) -> None:
    route = api.put("/task").mock(
        side_effect=[
            httpx.Response(503, text="unavailable"),
            httpx.Response(200, json={"message": "success"}),
        ]
    )
    body = UpdateTaskRequest(project_id="p", task_id="t", sku_id="s", model_image="img")
    assert huhu.call(update_task, body=body).message == "success"
    assert route.call_count == 2


def test_500_on_post_generate_not_resent(huhu: Huhu, api: respx.MockRouter, clock: FakeClock) -> None:
    route = api.post("/task/generate").respond(500, json=error_json("boom", "internal_error"))
    with pytest.raises(AmbiguousRequestError) as caught:
        huhu.call(generate_tasks, body=GENERATE)
    assert route.call_count == 1 and clock.sleeps == []
    error = caught.value
    assert (error.status, error.method, error.path) == (500, "POST", "/public/v1/task/generate")
    text = str(error)
    assert "may or may not have applied" in text and "not re-sent" in text
    assert "charge twice" in text and "/metering/credit-history" in text and "GET /task" in text


def test_timeout_on_post_generate_not_resent(huhu: Huhu, api: respx.MockRouter, clock: FakeClock) -> None:
    route = api.post("/task/generate").mock(side_effect=httpx.ReadTimeout("timed out"))
    with pytest.raises(AmbiguousRequestError) as caught:
        huhu.call(generate_tasks, body=GENERATE)
    assert route.call_count == 1 and clock.sleeps == []
    assert caught.value.status is None
    assert "ReadTimeout" in str(caught.value) and "/metering/credit-history" in str(caught.value)
    assert isinstance(caught.value.__cause__, httpx.ReadTimeout)


def test_dropped_connection_on_post_not_resent(huhu: Huhu, api: respx.MockRouter) -> None:
    route = api.post("/task/generate").mock(side_effect=httpx.RemoteProtocolError("server disconnected"))
    with pytest.raises(AmbiguousRequestError):
        huhu.call(generate_tasks, body=GENERATE)
    assert route.call_count == 1


def test_connect_error_on_post_is_retried(huhu: Huhu, api: respx.MockRouter, clock: FakeClock) -> None:
    # The connection was never established: the request never left, repeating it cannot charge twice.
    route = api.post("/task/generate").mock(
        side_effect=[httpx.ConnectError("refused"), httpx.Response(200, json={"message": "success"})]
    )
    assert huhu.call(generate_tasks, body=GENERATE).message == "success"
    assert route.call_count == 2 and len(clock.sleeps) == 1
    assert route.calls[0].request.content == route.calls[1].request.content  # same body re-sent


def test_read_timeout_on_get_is_retried(huhu: Huhu, api: respx.MockRouter) -> None:
    route = api.get("/metering/plan").mock(
        side_effect=[httpx.ReadTimeout("slow"), httpx.Response(200, json=plan_json())]
    )
    assert huhu.call(get_plan).credits_ == 50
    assert route.call_count == 2


def test_generated_functions_through_client_get_retries(
    huhu: Huhu, api: respx.MockRouter, clock: FakeClock
) -> None:
    api.get("/metering/plan").mock(side_effect=[busy("2"), httpx.Response(200, json=plan_json())])
    plan = get_plan.sync(client=huhu.client)
    assert isinstance(plan, Plan) and clock.sleeps == [2.0]
    assert api.calls.last.request.headers["Authorization"] == f"Bearer {KEY}"


def test_max_retries_zero(api: respx.MockRouter, clock: FakeClock) -> None:
    route = api.get("/metering/plan").mock(side_effect=[busy("1"), httpx.Response(200, json=plan_json())])
    with Huhu(KEY, max_retries=0, sleep=clock.sleep) as huhu, pytest.raises(RateLimitError):
        huhu.call(get_plan)
    assert route.call_count == 1


def test_backoff_is_full_jitter_exponential_and_capped() -> None:
    policy = RetryPolicy(max_retries=10, backoff_base=0.5, backoff_max=4.0, jitter=lambda: 1.0)
    assert [policy.backoff(n) for n in range(6)] == [0.5, 1.0, 2.0, 4.0, 4.0, 4.0]
    half = RetryPolicy(backoff_base=0.5, backoff_max=30.0, jitter=lambda: 0.5)
    assert half.backoff(3) == 2.0
    with pytest.raises(ValueError):
        RetryPolicy(max_retries=-1)


def test_5xx_without_retry_after_uses_backoff(api: respx.MockRouter, clock: FakeClock) -> None:
    transport = RetryTransport(
        httpx.HTTPTransport(), sleep=clock.sleep, jitter=lambda: 1.0, backoff_base=0.25
    )
    with httpx.Client(base_url=BASE, transport=transport) as client:
        api.get("/metering/plan").mock(
            side_effect=[httpx.Response(502), httpx.Response(502), httpx.Response(200, json=plan_json())]
        )
        assert client.get("/metering/plan").status_code == 200
    assert clock.sleeps == [0.25, 0.5]

"""Streamed JSON items: ``json_items`` on any chunking, and ``Huhu.stream_items`` with typed errors."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import pytest
import respx
from ext_support import KEY, FakeClock, error_json
from huhu_client.api.tasks import get_tasks
from hypothesis import given
from hypothesis import strategies as st

from huhu_ext import AsyncHuhu, Huhu, NotFoundError, UnexpectedResponseError
from huhu_ext.streaming import StreamedJSONError, ajson_items, json_items

JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**63) + 1, max_value=2**63 - 1)  # int64, as the spec's integers (format int64)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=20,
)


def _chunks(data: bytes, size: int) -> Iterator[bytes]:
    return (data[i : i + size] for i in range(0, len(data), size))


@given(items=st.lists(JSON, max_size=6), other=JSON, size=st.integers(min_value=1, max_value=64))
def test_items_equal_what_json_loads_gives_on_any_chunking(items: list[Any], other: Any, size: int) -> None:
    data = json.dumps({"before": other, "skus": items, "after": other}).encode()
    assert list(json_items(_chunks(data, size), "skus")) == json.loads(data)["skus"]


def test_nested_arrays_and_async_chunks() -> None:
    data = json.dumps({"a": [{"b": [1, {"c": 2}]}, {"b": []}]}).encode()
    assert list(json_items(_chunks(data, 3), "a.item.b")) == [1, {"c": 2}]

    async def chunks() -> AsyncIterator[bytes]:
        for chunk in _chunks(data, 5):
            yield chunk

    async def collect() -> list[Any]:
        return [item async for item in ajson_items(chunks(), "a")]

    assert asyncio.run(collect()) == [{"b": [1, {"c": 2}]}, {"b": []}]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b'{"skus": [{"sku_id": "a"}', "not valid JSON"),  # truncated
        (b'{"skus": [1,,]}', "not valid JSON"),
        (b"", "not valid JSON"),
        (b'{"task_id": "t", "task_status": "Task created"}', "no 'skus' array"),  # a detail, not a list
        (b'{"skus": {"a": 1}}', "no 'skus' array"),
    ],
)
def test_bad_bodies_raise_one_clear_error(body: bytes, message: str) -> None:
    with pytest.raises(StreamedJSONError, match=message):
        list(json_items(_chunks(body, 4), "skus"))


LISTING = {
    "skus": [
        {"sku_id": "s1", "sku_name": "tee", "tasks": [{"task_id": "t1", "task_status": "Generation"}]},
        {"sku_id": "s2", "sku_name": "skirt", "tasks": []},
    ]
}


def test_stream_items_sends_the_generated_request_and_yields_skus(api: respx.MockRouter, huhu: Huhu) -> None:
    route = api.get("/task").respond(200, json=LISTING)
    assert list(huhu.stream_items(get_tasks, "skus", project_id="p1")) == LISTING["skus"]
    request = route.calls.last.request
    assert request.url.params["project_id"] == "p1" and "task_id" not in request.url.params
    assert request.headers["Authorization"] == f"Bearer {KEY}"


def test_stream_items_errors_are_the_typed_errors_of_call(
    api: respx.MockRouter, huhu: Huhu, clock: FakeClock
) -> None:
    api.get("/task", params={"project_id": "p9"}).respond(
        404, json=error_json("Project p9 not found", "not_found")
    )
    with pytest.raises(NotFoundError, match="Project p9 not found"):
        list(huhu.stream_items(get_tasks, "skus", project_id="p9"))

    flaky = api.get("/task", params={"project_id": "p2"}).mock(
        side_effect=[
            httpx.Response(503, json=error_json("busy", "internal_error")),
            httpx.Response(200, json=LISTING),
        ]
    )
    assert len(list(huhu.stream_items(get_tasks, "skus", project_id="p2"))) == 2  # retried like call()
    assert flaky.call_count == 2 and clock.sleeps

    api.get("/task", params={"project_id": "p3"}).respond(
        200, json={"task_id": "t1", "task_status": "Generation"}
    )
    with pytest.raises(UnexpectedResponseError, match="no 'skus' array") as caught:
        list(huhu.stream_items(get_tasks, "skus", project_id="p3"))
    assert caught.value.status == 200 and KEY not in str(caught.value)

    api.get("/task", params={"project_id": "p4"}).respond(200, content=b'{"skus": [{"sku_id": ')
    with pytest.raises(UnexpectedResponseError, match="not valid JSON"):
        list(huhu.stream_items(get_tasks, "skus", project_id="p4"))


def test_async_stream_items(api: respx.MockRouter, clock: FakeClock) -> None:
    api.get("/task", params={"project_id": "p1"}).respond(200, json=LISTING)
    api.get("/task", params={"project_id": "p9"}).respond(404, json=error_json("gone", "not_found"))

    async def main() -> list[Any]:
        async with AsyncHuhu(KEY, sleep=clock.asleep, clock=clock) as huhu:
            with pytest.raises(NotFoundError):
                [sku async for sku in huhu.stream_items(get_tasks, "skus", project_id="p9")]
            return [sku async for sku in huhu.stream_items(get_tasks, "skus", project_id="p1")]

    assert asyncio.run(main()) == LISTING["skus"]


def test_an_operation_that_is_not_generated_is_refused(huhu: Huhu) -> None:
    with pytest.raises(TypeError, match="not a generated operation"):
        list(huhu.stream_items(json, "skus"))  # type: ignore[arg-type]


def test_one_huge_chunk_is_parsed_piece_by_piece() -> None:
    """An in-process transport hands over the whole body as one chunk; memory must stay bounded."""
    import tracemalloc

    body = json.dumps({"skus": [{"sku_id": f"s{i}", "tasks": [{"task_id": f"t{i}"}]} for i in range(20_000)]})
    data = body.encode()
    assert len(data) > 1_000_000
    tracemalloc.start()
    try:
        count = 0
        for sku in json_items([data], "skus"):  # each item dropped at once, as the batch does
            count += sku["sku_id"] == f"s{count}"
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 20_000
    assert peak < 2_000_000  # the events of the whole document would be several times the body

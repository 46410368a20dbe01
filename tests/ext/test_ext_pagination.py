"""The paginator follows pagination_token across every page, sync and async, from the spec's marking."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import httpx
import pytest
import respx
from ext_support import KEY, FakeClock
from huhu_client.api.metering import get_credit_history, get_plan
from huhu_client.api.programs import list_programs
from huhu_client.api.projects import get_projects
from huhu_client.models import CreditHistoryPage, Program, ProgramList

from huhu_ext import AsyncHuhu, Huhu, PaginationError, UnexpectedResponseError


def programs(*names: str, token: str | None) -> dict[str, Any]:
    return {
        "programs": [{"program_id": f"id-{n}", "program_name": n} for n in names],
        "pagination_token": token,
    }


def by_token(pages: dict[str | None, dict[str, Any]]) -> Callable[[httpx.Request], httpx.Response]:
    """A respx side effect answering the page the request's pagination_token asks for."""

    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json=pages[request.url.params.get("pagination_token")])

    return answer


THREE_PAGES = {
    None: programs("a", "b", token="t1"),
    "t1": programs("c", "d", token="t2"),
    "t2": programs("e", token=None),
}


def test_three_pages_iterated_completely(huhu: Huhu, api: respx.MockRouter) -> None:
    route = api.get("/program").mock(side_effect=by_token(THREE_PAGES))
    items = list(huhu.paginate(list_programs, owned=True))
    assert all(isinstance(i, Program) for i in items)
    assert [i.program_name for i in items] == ["a", "b", "c", "d", "e"]
    assert route.call_count == 3
    assert [c.request.url.params.get("pagination_token") for c in route.calls] == [None, "t1", "t2"]
    assert all(c.request.url.params["owned"] == "true" for c in route.calls)  # kwargs kept on every page


def test_pages_gives_whole_pages(huhu: Huhu, api: respx.MockRouter) -> None:
    api.get("/program").mock(side_effect=by_token(THREE_PAGES))
    pages = list(huhu.paginate(list_programs).pages())
    assert all(isinstance(p, ProgramList) for p in pages)
    assert [len(p.programs) for p in pages] == [2, 2, 1]


def test_empty_page_with_token_does_not_end_iteration(huhu: Huhu, api: respx.MockRouter) -> None:
    api.get("/program").mock(
        side_effect=by_token(
            {None: programs("a", token="t1"), "t1": programs(token="t2"), "t2": programs("z", token=None)}
        )
    )
    assert [p.program_name for p in huhu.paginate(list_programs)] == ["a", "z"]


def test_repeated_token_raises_instead_of_looping(huhu: Huhu, api: respx.MockRouter) -> None:
    route = api.get("/program").mock(
        side_effect=by_token({None: programs("a", token="t1"), "t1": programs("b", token="t1")})
    )
    seen: list[str] = []
    with pytest.raises(PaginationError, match="t1"):
        seen.extend(p.program_name for p in huhu.paginate(list_programs))
    assert seen == ["a", "b"] and route.call_count == 2


def test_items_field_from_spec_credit_history(huhu: Huhu, api: respx.MockRouter) -> None:
    entry = {"program_id": "p", "credits": 2, "timestamp": 1, "operation": "tryon_gen"}
    api.get("/metering/credit-history").mock(
        side_effect=by_token(
            {
                None: {"items": [{**entry, "request_id": "r1"}], "pagination_token": "x"},
                "x": {"items": [{**entry, "request_id": "r2"}]},  # token absent: last page
            }
        )
    )
    paginator = huhu.paginate(get_credit_history)
    assert [i.request_id for i in paginator] == ["r1", "r2"]
    assert all(isinstance(p, CreditHistoryPage) for p in paginator.pages())  # iterable again


def test_resume_from_a_token(huhu: Huhu, api: respx.MockRouter) -> None:
    api.get("/program").mock(side_effect=by_token(THREE_PAGES))
    assert [p.program_name for p in huhu.paginate(list_programs, pagination_token="t1")] == ["c", "d", "e"]


def test_non_paginated_operation_refused(huhu: Huhu) -> None:
    with pytest.raises(ValueError, match="get_plan is not a paginated"):
        huhu.paginate(get_plan)


def test_detail_answer_is_not_a_page(huhu: Huhu, api: respx.MockRouter) -> None:
    api.get("/project").respond(
        200, json={"project_id": "p", "project_name": "Spring", "project_status": "Created", "create_time": 1}
    )
    with pytest.raises(UnexpectedResponseError, match="projects"):
        list(huhu.paginate(get_projects, project_id="p"))


def test_async_three_pages(api: respx.MockRouter, clock: FakeClock) -> None:
    route = api.get("/program").mock(side_effect=by_token(THREE_PAGES))

    async def main() -> tuple[list[str], list[int]]:
        async with AsyncHuhu(KEY, sleep=clock.asleep, clock=clock) as huhu:
            names = [p.program_name async for p in huhu.paginate(list_programs)]
            sizes = [len(page.programs) async for page in huhu.paginate(list_programs).pages()]
            return names, sizes

    names, sizes = asyncio.run(main())
    assert names == ["a", "b", "c", "d", "e"] and sizes == [2, 2, 1]
    assert route.call_count == 6


def test_async_empty_page_and_repeat_guard(api: respx.MockRouter, clock: FakeClock) -> None:
    api.get("/program").mock(
        side_effect=by_token(
            {None: programs(token="t1"), "t1": programs("b", token="t2"), "t2": programs("c", token="t1")}
        )
    )

    async def main() -> list[str]:
        got: list[str] = []
        async with AsyncHuhu(KEY, sleep=clock.asleep, clock=clock) as huhu:
            with pytest.raises(PaginationError):
                async for program in huhu.paginate(list_programs):
                    got.append(program.program_name)
        return got

    assert asyncio.run(main()) == ["b", "c"]

"""Pagination: for any page size and any number of items, ``Huhu.paginate`` (and ``AsyncHuhu.paginate``)
yields each item exactly once, in the list's order, over every paginated operation of the spec
(``x-huhu-pagination``: credit history, programs, projects, SKUs, video requests).

Each example runs against a fresh in-process mock built with that page size (video requests take
the page size as their ``limit`` parameter instead).
"""

from __future__ import annotations

import asyncio
import base64
import io
import math
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from huhu_client.api.metering import get_credit_history
from huhu_client.api.models import generate_face
from huhu_client.api.programs import create_program, list_programs
from huhu_client.api.projects import create_project, get_projects, upload_project_file
from huhu_client.api.skus import get_skus
from huhu_client.api.video import create_video, list_video_requests
from huhu_client.models import (
    CreateProgramRequest,
    CreateProjectRequest,
    CreateVideoRequest,
    FirstFrameBase64,
    GenerateFaceRequest,
    UploadRequest,
)
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from huhu_ext import Huhu
from huhu_ext.spec import load_spec
from huhu_ext.testing import HuhuMock, mock_huhu


def png_b64(shade: int) -> str:
    buffer = io.BytesIO()
    Image.new("RGB", (16, 20), (shade % 256, 90, 160)).save(buffer, format="PNG")
    return base64.b64encode(buffer.getvalue()).decode()


FRAME = png_b64(40)


@dataclass
class Listing:
    """How to fill one paginated list through the client, and how to name its items."""

    endpoint: Any
    make: Callable[[Huhu, dict[str, str], int], str]  # creates item i, returns its id
    item_id: Callable[[Any], str]
    newest_first: bool = False
    preexisting: Callable[[HuhuMock, dict[str, str]], list[str]] = lambda mock, ctx: []
    kwargs: Callable[[dict[str, str], int], dict[str, Any]] = lambda ctx, page_size: {}


def make_project(huhu: Huhu, ctx: dict[str, str], i: int) -> str:
    return huhu.call(create_project, body=CreateProjectRequest(project_name=f"project {i}")).project_id


def make_charge(huhu: Huhu, ctx: dict[str, str], i: int) -> str:
    return huhu.call(generate_face, body=GenerateFaceRequest(prompt=f"face {i}")).request_id


def make_program(huhu: Huhu, ctx: dict[str, str], i: int) -> str:
    return huhu.call(create_program, body=CreateProgramRequest(program_name=f"program {i}")).program_id


def make_sku(huhu: Huhu, ctx: dict[str, str], i: int) -> str:
    body = UploadRequest(
        project_id=ctx["project"], file_type="garment_image", file_data=png_b64(i), sku_name=f"sku-{i}"
    )
    sku = huhu.call(upload_project_file, body=body).sku_id
    assert isinstance(sku, str)
    return sku


def make_video(huhu: Huhu, ctx: dict[str, str], i: int) -> str:
    body = CreateVideoRequest(
        project_id=ctx["project"],
        sku_id=ctx["sku"],
        video_length="5",
        prompt=f"walk {i}",
        first_frame_image=FirstFrameBase64(image_base64=FRAME),
    )
    return huhu.call(create_video, body=body).request_id


LISTINGS: dict[str, Listing] = {
    "get_projects": Listing(
        get_projects, make_project, lambda p: p.project_id, preexisting=lambda mock, ctx: [ctx["project"]]
    ),
    "get_credit_history": Listing(get_credit_history, make_charge, lambda h: h.request_id, newest_first=True),
    "list_programs": Listing(
        list_programs, make_program, lambda p: p.program_id, preexisting=lambda mock, ctx: [ctx["program"]]
    ),
    "get_skus": Listing(
        get_skus,
        make_sku,
        lambda s: s.sku_id,
        preexisting=lambda mock, ctx: [ctx["sku"]],
        kwargs=lambda ctx, page_size: {"project_id": ctx["project"]},
    ),
    "list_video_requests": Listing(
        list_video_requests,
        make_video,
        lambda v: v.request_id,
        newest_first=True,
        kwargs=lambda ctx, page_size: {"limit": page_size},
    ),
}


def test_every_paginated_operation_is_covered() -> None:
    paginated = {op.operation_id for op in load_spec().operations.values() if op.pagination is not None}
    assert paginated == set(LISTINGS)


def prepare(mock: HuhuMock, huhu: Huhu) -> dict[str, str]:
    """A context for the lists that need one: the default program, and a project holding one SKU."""
    project = huhu.call(create_project, body=CreateProjectRequest(project_name="holder")).project_id
    (team,) = mock.state()["teams"]  # the default team, the only one
    ctx = {"project": project, "program": team["default_program_id"]}
    ctx["sku"] = make_sku(huhu, ctx, 999)
    return ctx


def expected_order(listing: Listing, before: list[str], created: list[str]) -> list[str]:
    ordered = before + created
    return ordered[::-1] if listing.newest_first else ordered


@settings(max_examples=60, deadline=None)
@given(
    name=st.sampled_from(sorted(LISTINGS)),
    page_size=st.integers(1, 6),
    count=st.integers(0, 13),
    use_async=st.booleans(),
)
def test_paginate_yields_each_item_exactly_once(
    name: str, page_size: int, count: int, use_async: bool
) -> None:
    listing = LISTINGS[name]
    with mock_huhu(page_size=page_size, extras=True) as mock, mock.client() as huhu:  # sku_name, sku_id
        mock.set_credits(10_000)
        mock.set_slots(1_000)
        ctx = prepare(mock, huhu)
        before = listing.preexisting(mock, ctx)
        created = [listing.make(huhu, ctx, i) for i in range(count)]
        kwargs = listing.kwargs(ctx, page_size)

        if use_async:

            async def collect() -> tuple[list[Any], list[Any]]:
                async with mock.async_client() as client:
                    items = [item async for item in client.paginate(listing.endpoint, **kwargs)]
                    pages = [page async for page in client.paginate(listing.endpoint, **kwargs).pages()]
                    return items, pages

            items, pages = asyncio.run(collect())
        else:
            items = list(huhu.paginate(listing.endpoint, **kwargs))
            pages = list(huhu.paginate(listing.endpoint, **kwargs).pages())

    ids = [listing.item_id(item) for item in items]
    assert Counter(ids) == Counter(before + created)  # each exactly once
    assert ids == expected_order(listing, before, created)
    total = len(before) + count
    assert len(pages) == max(1, math.ceil(total / page_size))
    op = load_spec().operation(name)
    assert op.pagination is not None
    sizes = [len(getattr(page, op.pagination.items_field)) for page in pages]
    assert all(size == page_size for size in sizes[:-1]) and sum(sizes) == total


@settings(max_examples=25, deadline=None)
@given(page_size=st.integers(1, 4), count=st.integers(1, 10), added=st.integers(1, 5), at=st.integers(0, 10))
def test_items_added_while_paginating_never_duplicate_or_hide_older_ones(
    page_size: int, count: int, added: int, at: int
) -> None:
    """New projects created halfway through an iteration: the old ones still come exactly once, the
    new ones (appended at the end of the list) come at most once."""
    with mock_huhu(page_size=page_size, extras=True) as mock, mock.client() as huhu:  # sku_name, sku_id
        old = [make_project(huhu, {}, i) for i in range(count)]
        seen: list[str] = []
        new: list[str] = []
        for i, project in enumerate(huhu.paginate(get_projects)):
            seen.append(project.project_id)
            if i == min(at, count - 1):
                new = [make_project(huhu, {}, 100 + j) for j in range(added)]
    counts = Counter(seen)
    assert all(counts[p] == 1 for p in old)
    assert all(counts[p] <= 1 for p in new) and set(seen) <= set(old) | set(new)
    assert seen[: len(old)] == old

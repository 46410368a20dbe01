"""``huhu mcp serve --offline`` over stdio and HTTP, driven by the MCP SDK's client: the tool list,
annotations and costs, a scripted agent through a whole try-on, the budget, read-only and bad input."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractAsyncContextManager
from typing import Any

import anyio
import mcp_types as types
import pytest
from agents_support import error_text, http_session, ok, png_b64, stdio_session
from mcp import ClientSession

from huhu_ext.spec import load_spec

Opener = Callable[..., AbstractAsyncContextManager[ClientSession]]
COMPOSITES = {"huhu_estimate", "find_model", "wait", "fetch_image", "tryon"}
META = "ai.huhu/operation"


def run(opener: Opener, flags: tuple[str, ...], script: Callable[[ClientSession], Any]) -> None:
    async def main() -> None:
        async with opener(*flags) as session:
            await script(session)

    anyio.run(main)


def billable(tool: types.Tool) -> bool:
    return bool((tool.meta or {})[META]["billable"])


async def scripted_tryon(session: ClientSession) -> None:
    """A fixed sequence of tool calls, as an agent would make them, with the ledger checked at the end."""
    tools = {t.name: t for t in (await session.list_tools()).tools}
    spec = load_spec()
    assert set(tools) == set(spec.operations) | COMPOSITES
    assert len(spec.operations) == 27
    gen = tools["generate_tasks"]
    assert gen.annotations is not None
    assert gen.annotations.idempotent_hint is False and gen.annotations.read_only_hint is False
    assert gen.annotations.open_world_hint is True
    assert "Cost: 2 credits per output image" in (gen.description or "")
    assert "slot" in (gen.description or "")
    listing = tools["get_models"].annotations
    assert listing is not None and listing.read_only_hint is True
    assert "use filters to match user descriptions" in (tools["get_models"].description or "")
    for name, tool in tools.items():
        if name in spec.operations:
            rule = spec.operations[name].credits
            assert ("Cost: free" in (tool.description or "")) == (rule is None), name
            assert billable(tool) == (rule is not None)

    before = (await ok(session, "get_plan"))["result"]["credits"]
    announced = 0
    found = await ok(session, "find_model", {"description": "young adult woman"})
    assert found["filters"] == {"model_type": "Women", "age_range": "Young Adult"}
    model_image = found["suggested_model_image"]["model_image_id"]
    project = (await ok(session, "create_project", {"project_name": "agent try-on"}))["result"]["project_id"]
    upload = await ok(
        session,
        "upload_project_file",
        {"project_id": project, "file_type": "garment_image", "file_data": png_b64()},
    )
    assert upload["result"]  # the reference's upload answer names no sku_id: the SKU list does
    skus = (await ok(session, "get_skus", {"project_id": project}))["result"]["skus"]
    sku = skus[0]["sku_id"]
    created = await ok(session, "create_tasks", {"project_id": project, "sku_ids": [sku]})
    announced += created["credits_charged"]
    listed = (await ok(session, "get_tasks", {"project_id": project}))["result"]
    task_ids = [t["task_id"] for s in listed["skus"] for t in s["tasks"]]
    assert task_ids
    for task in task_ids:
        await ok(
            session,
            "update_task",
            {"project_id": project, "task_id": task, "sku_id": sku, "model_image": model_image},
        )
    plan = {"project_id": project, "task_ids": task_ids}
    estimate = await ok(session, "huhu_estimate", {"tool": "generate_tasks", "arguments": plan})
    assert estimate["credits"] == 2 * len(task_ids) and estimate["allowed"] is True
    generated = await ok(session, "generate_tasks", plan)
    assert generated["credits_charged"] == estimate["credits"]
    announced += generated["credits_charged"]
    waited = await session.call_tool("wait", {"kind": "tasks", "task_ids": task_ids, "project_id": project})
    assert isinstance(waited, types.CallToolResult) and not waited.is_error
    assert waited.structured_content is not None
    statuses = {t["task_status"] for t in waited.structured_content["result"]["tasks"]}
    assert statuses == {"Generation completed"}
    assert any(isinstance(c, types.ImageContent) for c in waited.content)
    url = waited.structured_content["image_urls"][0]
    fetched = await session.call_tool("fetch_image", {"url": url, "max_size": 64})
    assert isinstance(fetched, types.CallToolResult) and not fetched.is_error
    images = [c for c in fetched.content if isinstance(c, types.ImageContent)]
    assert len(images) == 1 and images[0].mime_type == "image/png"
    assert url in str(fetched.content[0].text)

    history = (await ok(session, "get_credit_history"))["result"]["items"]
    assert sum(abs(item["credits"]) for item in history) == announced == generated["credits_charged"]
    after = (await ok(session, "get_plan"))["result"]["credits"]
    assert before - after == announced


@pytest.mark.parametrize("opener", [stdio_session, http_session], ids=["stdio", "http"])
def test_scripted_agent_runs_a_whole_tryon(opener: Opener) -> None:
    run(opener, (), scripted_tryon)


def test_budget_refuses_a_call_past_it_and_sends_nothing() -> None:
    async def script(session: ClientSession) -> None:
        four = {"prompt": "headshot of a young adult woman", "num_output_images": 4}
        estimate = await ok(session, "huhu_estimate", {"tool": "generate_face", "arguments": four})
        assert estimate["credits"] == 4 and estimate["allowed"] is False and estimate["budget_left"] == 3
        refused = await error_text(session, "generate_face", four)
        assert "budget" in refused and "nothing was sent" in refused and "4 credits" in refused
        assert (await ok(session, "get_credit_history"))["result"]["items"] == []
        assert (await ok(session, "get_plan"))["result"]["credits"] == 50
        one = await ok(session, "generate_face", {"prompt": "headshot", "num_output_images": 1})
        assert one["credits_charged"] == 1 and one["budget_left"] == 2
        assert "budget" in await error_text(session, "generate_face", {"prompt": "x", "num_output_images": 3})
        assert (await ok(session, "get_plan"))["result"]["credits"] == 49

    run(stdio_session, ("--budget", "3"), script)


def test_read_only_lists_no_billable_tool() -> None:
    async def script(session: ClientSession) -> None:
        tools = (await session.list_tools()).tools
        assert tools
        for tool in tools:
            assert not billable(tool), tool.name
            assert tool.annotations is not None and tool.annotations.read_only_hint is True, tool.name
        names = {t.name for t in tools}
        assert "generate_tasks" not in names and "tryon" not in names and "get_plan" in names
        assert "hidden" in await error_text(session, "generate_face", {"prompt": "x"})

    run(stdio_session, ("--read-only",), script)


def test_bad_input_is_a_tool_error_naming_the_field() -> None:
    async def script(session: ClientSession) -> None:
        assert "task_ids" in await error_text(session, "generate_tasks", {"project_id": "p"})
        assert "project_id" in await error_text(session, "get_tasks", {"project_id": 5})
        foreign = await error_text(session, "get_tasks", {"project_id": "not-a-project"})
        assert "project_id" in foreign and "not found" in foreign
        assert "num_output_images" in await error_text(
            session, "generate_face", {"prompt": "x", "num_output_images": 9}
        )
        assert "promt" in await error_text(session, "generate_face", {"promt": "typo"})
        assert "variants" in await error_text(session, "create_model_image", {})
        assert "unknown tool" in await error_text(session, "no_such_tool", {})
        assert "garments.0" in await error_text(session, "tryon", {"garments": ["not an image"]})
        assert (await ok(session, "get_plan"))["result"]["credits"] == 50  # still serving, nothing spent

    run(stdio_session, (), script)


def test_dynamic_mode_lists_meta_tools_and_invokes_through_them() -> None:
    async def script(session: ClientSession) -> None:
        tools = {t.name: t for t in (await session.list_tools()).tools}
        assert set(tools) == {"list_api_endpoints", "get_api_endpoint_schema", "invoke_api_endpoint"}
        listed = (await ok(session, "list_api_endpoints", {"tag": "tasks"}))["tools"]
        gen = next(t for t in listed if t["name"] == "generate_tasks")
        assert gen["cost"].startswith("Cost: 2 credits")
        schema = await ok(session, "get_api_endpoint_schema", {"name": "generate_tasks"})
        assert schema["inputSchema"]["required"] == ["project_id", "task_ids"]
        plan = await ok(session, "invoke_api_endpoint", {"name": "get_plan", "arguments": {}})
        assert plan["result"]["credits"] == 50
        bad = await error_text(session, "invoke_api_endpoint", {"name": "get_skus", "arguments": {}})
        assert "project_id" in bad

    run(stdio_session, ("--tools", "dynamic", "--budget", "0"), script)


def test_tryon_composite_dresses_a_model_and_returns_thumbnails() -> None:
    async def script(session: ClientSession) -> None:
        garments = [png_b64((200, 30, 30))]
        args = {"garments": garments, "model_description": "young adult woman"}
        estimate = await ok(session, "huhu_estimate", {"tool": "tryon", "arguments": args})
        assert estimate["credits"] == 2
        result = await session.call_tool("tryon", args)
        assert isinstance(result, types.CallToolResult)
        assert not result.is_error, result.content[0]
        assert result.structured_content is not None
        assert result.structured_content["credits_charged"] == 2
        assert any(isinstance(c, types.ImageContent) for c in result.content)
        history = (await ok(session, "get_credit_history"))["result"]["items"]
        assert sum(abs(i["credits"]) for i in history) == 2

    run(stdio_session, ("--budget", "2"), script)

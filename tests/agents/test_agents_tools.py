"""Tool definitions exported from openapi.json: valid JSON Schema, accepted by each target's request
types, named and described as the targets require, priced from the spec, deterministic."""

from __future__ import annotations

import json
from typing import Any

import mcp_types
import pytest
from anthropic.types import ToolParam
from click.testing import CliRunner
from jsonschema import Draft202012Validator
from openai.types.chat import ChatCompletionFunctionToolParam
from pydantic import TypeAdapter

from huhu_ext.cli import cli
from huhu_ext.spec import load_spec
from huhu_ext.tools import (
    FORMATS,
    NAME_PATTERN,
    ToolInputError,
    build_tools,
    check_arguments,
    export,
    select,
)

UNIONS = ("oneOf", "anyOf", "allOf", "not", "if", "then", "else")


def exported(*args: str) -> list[dict[str, Any]]:
    result = CliRunner().invoke(cli, ["tools", "export", *args])
    assert result.exit_code == 0, result.output
    data: list[dict[str, Any]] = json.loads(result.output)
    return data


def schema_of(fmt: str, tool: dict[str, Any]) -> dict[str, Any]:
    if fmt == "openai":
        return dict(tool["function"]["parameters"])
    return dict(tool["input_schema" if fmt == "anthropic" else "inputSchema"])


def name_of(fmt: str, tool: dict[str, Any]) -> str:
    return str(tool["function"]["name"] if fmt == "openai" else tool["name"])


def typed_keys(typed_dict: Any) -> set[str]:
    return set(typed_dict.__required_keys__) | set(typed_dict.__optional_keys__)


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_operation_exports_a_valid_schema_each_target_accepts(fmt: str) -> None:
    tools = exported("--format", fmt)
    spec = load_spec()
    assert sorted(name_of(fmt, t) for t in tools) == sorted(spec.operations)
    assert len(tools) == 27
    for tool in tools:
        name, schema = name_of(fmt, tool), schema_of(fmt, tool)
        Draft202012Validator.check_schema(schema)
        assert NAME_PATTERN.match(name), name
        assert schema["type"] == "object" and not set(UNIONS) & set(schema), name
        assert "$ref" not in json.dumps(schema), name
        if fmt == "openai":
            TypeAdapter(ChatCompletionFunctionToolParam).validate_python(tool)
            assert set(tool) <= typed_keys(ChatCompletionFunctionToolParam)
            assert "oneOf" not in json.dumps(schema), name  # function calling takes anyOf
            description = tool["function"]["description"]
            assert len(description) <= 1024, name
        elif fmt == "anthropic":
            TypeAdapter(ToolParam).validate_python(tool)
            assert set(tool) <= typed_keys(ToolParam)
            description = tool["description"]
        else:
            mcp_types.Tool.model_validate(tool)
            description = tool["description"]
        assert "Cost: " in description
        op = spec.operations[name]
        assert ("Cost: free" in description) == (op.credits is None)


def test_export_is_deterministic_and_filters_by_tag_op_and_read_only() -> None:
    assert exported("--format", "mcp") == exported("--format", "mcp")
    first = CliRunner().invoke(cli, ["tools", "export"]).output
    assert first == CliRunner().invoke(cli, ["tools", "export"]).output
    tasks = exported("--only", "tasks,get_plan")
    assert {t["name"] for t in tasks} == {
        "create_tasks",
        "update_task",
        "get_tasks",
        "generate_tasks",
        "get_plan",
    }
    read_only = exported("--read-only")
    assert read_only and all(t["annotations"]["readOnlyHint"] for t in read_only)
    assert all(not t["_meta"]["ai.huhu/operation"]["billable"] for t in read_only)
    bad = CliRunner().invoke(cli, ["tools", "export", "--only", "nope"])
    assert bad.exit_code != 0 and "nope" in bad.output


def test_costs_and_slots_come_from_the_spec() -> None:
    tools = {t.name: t for t in build_tools()}
    gen = tools["generate_tasks"]
    assert gen.price({"project_id": "p", "task_ids": ["a", "b"], "num_output_images": 3}) == 12
    assert "per item of task_ids" in gen.description
    assert tools["create_video"].price({"video_length": "10", "project_id": "p", "sku_id": "s"}) == 40
    image = tools["create_model_image"]
    assert image.price({"prompt": "x", "num_output_images": 2}) == 2
    assert image.price({"model_id": "m", "style_id": "s", "image_url": "https://x"}) == 0
    assert "Charged only when prompt is given" in image.description
    annotations = {n: t.annotations for n, t in tools.items()}
    assert annotations["get_tasks"]["readOnlyHint"] and annotations["get_tasks"]["idempotentHint"]
    assert annotations["generate_tasks"]["idempotentHint"] is False
    assert annotations["update_task"]["destructiveHint"] is True
    assert '"front view"' in tools["list_pose_library"].description  # the reference's agent tip


def test_oneof_body_is_flattened_for_targets_but_checked_exactly() -> None:
    image = {t.name: t for t in build_tools()}["create_model_image"]
    props = image.input_schema["properties"]
    assert {"prompt", "model_id", "style_id", "image_url"} <= set(props)
    assert "required" not in image.input_schema  # each variant requires something else
    assert "Variant 1" in image.description and "Variant 2" in image.description
    check_arguments(image, {"prompt": "a model"})
    check_arguments(image, {"model_id": "m", "style_id": "s", "image_url": "https://x"})
    with pytest.raises(ToolInputError) as both:
        check_arguments(image, {"prompt": "a", "model_id": "m", "style_id": "s"})
    assert "prompt" in str(both.value) and "model_id + style_id" in str(both.value)
    upload = {t.name: t for t in build_tools()}["upload_project_file"]
    with pytest.raises(ToolInputError) as missing:  # if/then/else of the exact schema
        check_arguments(upload, {"project_id": "p", "file_type": "sku_zip"})
    assert missing.value.field == "file_size"


def test_select_rejects_unknown_names() -> None:
    with pytest.raises(ValueError, match="bogus"):
        select(build_tools(), ["bogus"])
    assert export([], "openai") == []


def test_readme_mcp_config_is_a_valid_serve_command() -> None:
    from pathlib import Path

    from huhu_ext.mcp_server import mcp_cli

    text = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    section = text.split("## LLM agents", 1)[1].split("\n## ", 1)[0]
    config = json.loads(section.split("```json\n", 1)[1].split("\n```", 1)[0])["mcpServers"]["huhu"]
    assert config["command"] == "huhu" and config["args"][:2] == ["mcp", "serve"]
    context = mcp_cli.make_context("mcp", list(config["args"][1:]))
    serve = mcp_cli.get_command(context, "serve")
    assert serve is not None
    assert serve.make_context("serve", list(config["args"][2:])).params["budget"] == 20


def test_a_missing_mcp_extra_is_one_clear_line(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "mcp", None)
    result = CliRunner().invoke(cli, ["--offline", "mcp", "serve"])
    assert result.exit_code != 0
    assert "pip install 'huhu-python[mcp]'" in result.output


def test_long_descriptions_are_cut_for_openai_but_keep_the_cost() -> None:
    import copy

    from huhu_ext.spec import Spec

    document = copy.deepcopy(load_spec().document)
    document["paths"]["/task/generate"]["post"]["description"] = "word " * 400
    tools = [t for t in build_tools(Spec(document)) if t.name == "generate_tasks"]
    [openai] = export(tools, "openai")
    description = openai["function"]["description"]
    assert len(description) <= 1024 < len(tools[0].description)
    assert description.endswith("(POST /task/generate)") and "Cost: 2 credits" in description
    [anthropic] = export(tools, "anthropic")
    assert anthropic["description"] == tools[0].description  # no such limit there


def test_openapi_only_keywords_are_dropped_but_fields_of_that_name_kept() -> None:
    from huhu_ext.tools import _clean

    schema = {
        "type": "object",
        "example": {"a": 1},
        "properties": {"example": {"type": "string", "example": "x"}, "n": {"type": "integer"}},
    }
    assert _clean(schema) == {
        "type": "object",
        "properties": {"example": {"type": "string"}, "n": {"type": "integer"}},
    }

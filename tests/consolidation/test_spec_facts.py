"""Facts the CLI shows or checks (choices, ranges) come from openapi.json, not from lists in the code."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from huhu_ext import cli as cli_module
from huhu_ext.spec import Spec, load_spec

SPEC_PATH = Path(__file__).resolve().parents[2] / "openapi.json"


@pytest.mark.parametrize(
    ("command", "option", "operation_id", "name"),
    [
        ("models", "--model-type", "get_models", "model_type"),
        ("models", "--skin-tone", "get_models", "skin_tone"),
        ("poses", "--category", "list_pose_library", "model_category"),
        ("poses", "--type", "list_pose_library", "prompt_type"),
    ],
)
def test_cli_choices_are_the_spec_enums(command: str, option: str, operation_id: str, name: str) -> None:
    values = load_spec().enum(operation_id, name)
    assert values
    param = next(p for p in cli_module.cli.commands[command].params if option in p.opts)
    assert isinstance(param.type, click.Choice)
    assert list(param.type.choices) == values


def test_a_value_added_to_the_spec_is_offered_without_code_changes(monkeypatch: pytest.MonkeyPatch) -> None:
    document = json.loads(SPEC_PATH.read_text())
    changed = Spec(copy.deepcopy(document))
    param = next(
        changed.resolve(p)
        for p in changed.operation("get_models").raw["parameters"]
        if changed.resolve(p)["name"] == "model_size"
    )
    schema = changed.resolve(param["schema"])
    options = schema if "enum" in schema else next(s for s in schema["anyOf"] if "enum" in s)
    options["enum"].append("Tall")
    monkeypatch.setattr(cli_module, "load_spec", lambda: changed)
    choice = cli_module._choice("get_models", "model_size")
    assert isinstance(choice, click.Choice) and "Tall" in choice.choices


def test_ranges_come_from_the_spec() -> None:
    images = next(p for p in cli_module.cli.commands["tryon"].params if "--images-per-task" in p.opts)
    schema = load_spec().field_schema("generate_tasks", "num_output_images")
    assert isinstance(images.type, click.IntRange)
    assert (images.type.min, images.type.max) == (schema["minimum"], schema["maximum"])
    result = CliRunner().invoke(cli_module.cli, ["upscale", "x.png", "--factor", str(schema["maximum"] + 9)])
    assert result.exit_code != 0

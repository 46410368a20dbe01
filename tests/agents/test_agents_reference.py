"""docs/huhu-agent-reference.md is rendered from the spec and `regen --check` catches drift."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from huhu_ext import agent_reference, regen
from huhu_ext.spec import Spec, load_spec

ROOT = Path(__file__).resolve().parents[2]


def test_committed_reference_is_what_the_spec_renders() -> None:
    assert agent_reference.check(ROOT) is None
    text = (ROOT / agent_reference.REFERENCE_PATH).read_text(encoding="utf-8")
    for op in load_spec().operations.values():
        assert f"`{op.operation_id}` — {op.method} {op.path}" in text
    assert "| `generate_tasks` | POST /task/generate | 2 credits per output image" in text
    assert "`Generation completed`" in text  # statuses
    assert "## Workflows" in text and 'Agent tip: "front view"' in text


def test_check_fails_when_the_spec_changes_without_regen(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = json.loads((ROOT / "openapi.json").read_text(encoding="utf-8"))
    document["paths"]["/task/generate"]["post"]["x-huhu-credits"]["credits"] = 3
    changed = tmp_path / "openapi.json"
    changed.write_text(json.dumps(document), encoding="utf-8")
    assert regen.main(["--check", "--spec", str(changed)]) == 1
    assert "huhu-agent-reference.md is stale" in capsys.readouterr().err
    docs = tmp_path / "repo"
    agent_reference.write(docs, Spec(document))  # what `python -m huhu_ext.regen` writes
    assert agent_reference.check(docs, Spec(document)) is None
    assert "3 credits per output image" in (docs / agent_reference.REFERENCE_PATH).read_text(encoding="utf-8")
    assert agent_reference.check(docs) == f"changed: {agent_reference.REFERENCE_PATH}"


def test_statuses_section_lists_every_lifecycle_state_with_its_phase() -> None:
    """The section is read from each status enum's x-huhu-lifecycle (it was empty once, when the
    statuses moved from inline enums to $ref'd lifecycle schemas)."""
    text = (ROOT / agent_reference.REFERENCE_PATH).read_text(encoding="utf-8")
    section = text.split("## Statuses", 1)[1].split("\n## ", 1)[0]
    lines = {line.split(":", 1)[0][2:]: line for line in section.splitlines() if line.startswith("- ")}
    lifecycles = load_spec().lifecycles
    assert set(lines) == set(lifecycles)
    for name, life in lifecycles.items():
        for state in life.states:
            assert f"`{state}`" in lines[name]
        done = ", ".join(f"`{s}`" for s in life.states if s in life.done)
        assert f"finished: {done}" in lines[name]
    assert "running: `processing`; finished: `success`; failed: `failed`" in lines["upscale_status"]

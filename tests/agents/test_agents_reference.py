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

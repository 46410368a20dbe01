"""The regen command: reproducible output, and a check mode that catches drift."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from huhu_ext import regen

ROOT = Path(__file__).resolve().parent.parent


def test_generated_is_up_to_date(capsys: pytest.CaptureFixture[str]) -> None:
    assert regen.main(["--check"]) == 0
    assert "up to date" in capsys.readouterr().out


def test_regen_twice_is_byte_identical(tmp_path: Path) -> None:
    first = regen.generate(ROOT / "openapi.json", ROOT / "openapi-python-client.yaml", tmp_path / "a")
    second = regen.generate(ROOT / "openapi.json", ROOT / "openapi-python-client.yaml", tmp_path / "b")
    assert regen.diff_trees(first, second) == []
    assert regen.diff_trees(first, ROOT / "generated" / "huhu_client") == []


def test_check_fails_when_spec_changes_without_regen(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = json.loads((ROOT / "openapi.json").read_text())
    spec["components"]["schemas"]["Plan"]["properties"]["renewal_date"] = {"type": "string"}
    changed = tmp_path / "openapi.json"
    changed.write_text(json.dumps(spec))
    assert regen.main(["--check", "--spec", str(changed)]) == 1
    err = capsys.readouterr().err
    assert "stale" in err and "changed: models/plan.py" in err


def test_regen_removes_stray_files(tmp_path: Path) -> None:
    target = tmp_path / "generated"
    shutil.copytree(ROOT / "generated", target)
    (target / "huhu_client" / "stray.py").write_text("x = 1\n")
    assert regen.main(["--check", "--generated", str(target)]) == 1
    assert regen.main(["--generated", str(target)]) == 0
    assert not (target / "huhu_client" / "stray.py").exists()
    assert regen.main(["--check", "--generated", str(target)]) == 0

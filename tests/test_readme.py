"""The README's two commands are the ones CI runs, and the main-job command works as written."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from huhu_ext.cli import main

ROOT = Path(__file__).resolve().parent.parent


def _two_commands() -> tuple[str, str]:
    text = (ROOT / "README.md").read_text()
    section = text.split("## Two commands on a fresh machine", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```bash\n(.*?)\n```", section, flags=re.S)
    assert len(blocks) == 2, "the section holds exactly two commands"
    return blocks[0].strip(), blocks[1].strip()


def test_ci_runs_the_readme_test_command_after_the_readme_install() -> None:
    setup, tests = _two_commands()
    ci = (ROOT / ".ci" / "run").read_text().splitlines()
    assert tests in ci  # the same command, verbatim, on a line of its own
    assert "pip install -e '.[mock]'" in setup  # the main job runs offline: the mock's extra
    assert "pip install -e '.[dev]'" in tests and tests.endswith("python -m pytest -n auto")
    assert any("pip install" in line and "-e '.[dev]'" in line for line in ci)


def test_readme_main_job_runs_as_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    setup, _ = _two_commands()
    huhu = shlex.split(setup.split("&&")[-1])
    assert huhu[0] == "huhu"
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HUHU_OFFLINE_DIR", str(tmp_path / "offline"))  # a fresh offline mock, not the user's
    (tmp_path / "examples").symlink_to(ROOT / "examples")
    assert main(huhu[1:]) == 0
    out = capsys.readouterr().out
    assert "credits spent: 10" in out
    assert len(list((tmp_path / "huhu-out").rglob("*.png"))) == 5
    assert (tmp_path / "huhu-out" / "manifest.csv").exists()

"""README's client section: every ```python snippet runs as written, each against a fresh in-process
mock (``HUHU_API_KEY`` / ``HUHU_BASE_URL`` point at it; on its manual clock a waiting client travels
in time, D-CLI-TIMETRAVEL, so the waiters finish at once), and type-checks with ``mypy --strict``."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from huhu_ext.testing import mock_huhu

ROOT = Path(__file__).resolve().parents[2]


def _snippets() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text[text.index("<!-- client:start -->") : text.index("<!-- client:end -->")]
    return re.findall(r"```python\n(.*?)```", section, re.S)


SNIPPETS = _snippets()


def test_the_section_is_about_resources() -> None:
    assert len(SNIPPETS) == 4
    joined = "\n".join(SNIPPETS)
    for shown in (
        "huhu.tasks.generate(",
        ".estimate(",
        "max_credits=",
        "huhu.tasks.wait(",
        "with_options(",
        "async for",
        "huhu.tryon(",
    ):
        assert shown in joined
    assert "huhu.call(" not in joined and "Unset" not in joined  # the escape hatch is prose only


@pytest.mark.parametrize("number", range(len(SNIPPETS)))
def test_snippet_runs_as_written(
    number: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "examples").symlink_to(ROOT / "examples")
    with mock_huhu() as mock:
        exec(compile(SNIPPETS[number], f"README client snippet {number}", "exec"), {"__name__": "__main__"})
        spent = 50 - mock.credits()
    out = capsys.readouterr().out.splitlines()
    if number == 0:
        assert out[:2] == ["50", "4"] and len(out) == 4 and spent == 4  # balance, price, two images
    elif number == 1:
        assert out[-2] == "40" and out[-1].startswith("404 {") and spent == 0
    elif number == 2:
        assert out[0] == "Generation Completed 1" and out[1:] == ["face_gen 1"] and spent == 1
    else:
        assert out == ["5 10"] and spent == 10


def test_the_snippets_type_check_strictly(tmp_path: Path) -> None:
    mypy_api = pytest.importorskip("mypy.api")
    files = []
    for number, code in enumerate(SNIPPETS):
        files.append(tmp_path / f"snippet_{number}.py")
        files[-1].write_text(code, encoding="utf-8")
    out, err, status = mypy_api.run(
        ["--strict", "--no-incremental", "--cache-dir", os.devnull, *map(str, files)]
    )
    assert status == 0, out + err

"""The README's "Testing your integration offline" section runs: every ```python snippet as a pytest
module in a fresh project (so the entry-point plugin provides the fixtures), and the ```bash curl
session against a real mock server."""

from __future__ import annotations

import ast
import json
import re
import shlex
import subprocess
import sys
from pathlib import Path

from huhu_ext.testing import DEFAULT_API_KEY, HuhuMockServer
from mock_server.cli import build_parser

README = Path(__file__).resolve().parents[2] / "README.md"


def section() -> str:
    text = README.read_text(encoding="utf-8")
    start, end = text.index("<!-- testing:start -->"), text.index("<!-- testing:end -->")
    return text[start:end]


SECTION = section()
PYTHON = re.findall(r"```python\n(.*?)```", SECTION, re.S)
BASH = re.findall(r"```bash\n(.*?)```", SECTION, re.S)


def test_the_section_shows_the_three_ways_in() -> None:
    assert len(PYTHON) == 2 and len(BASH) == 1
    assert "@mock_huhu" in PYTHON[0] and "with mock_huhu()" in PYTHON[0]
    assert "def test_" in PYTHON[1] and "huhu_mock)" in PYTHON[1] and "huhu_mock_server)" in PYTHON[1]
    assert "huhu-mock serve" in BASH[0] and "curl" in BASH[0]
    assert DEFAULT_API_KEY in BASH[0]


def test_every_python_snippet_passes_as_a_test_module(tmp_path: Path) -> None:
    expected = 0
    for number, code in enumerate(PYTHON):
        tree = ast.parse(code)
        tests = [n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name.startswith("test_")]
        assert tests, f"snippet {number} defines no test"
        expected += len(tests)
        (tmp_path / f"test_readme_snippet_{number}.py").write_text(code, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(tmp_path)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"{expected} passed" in done.stdout, done.stdout


def test_the_curl_session_runs_against_a_real_server(huhu_mock_server: HuhuMockServer) -> None:
    lines = BASH[0].strip().splitlines()
    serve = shlex.split(lines[0].split("#", 1)[0].replace("&", ""))
    assert serve[:2] == ["huhu-mock", "serve"]
    options = build_parser().parse_args(serve[1:])  # the documented flags exist
    assert (options.port, options.clock) == (8080, "manual")

    script = "\n".join(lines[1:]).replace("BASE=http://127.0.0.1:8080", f"BASE={huhu_mock_server.url}")
    assert huhu_mock_server.url in script
    done = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", script], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    plan, project, face, clock, history = (json.loads(line) for line in done.stdout.splitlines())
    assert plan["credits"] == 50 and plan["concurrent_requests"] == 10
    assert project["project_name"] == "spring" and project["project_status"] == "Created"
    assert face["status"] == "Request Submitted" and face["num_output_images"] == 2
    assert clock["now"] == huhu_mock_server.now()
    assert [(i["operation"], i["credits"], i["request_id"]) for i in history["items"]] == [
        ("face_gen", 2, face["request_id"])
    ]
    done_face = huhu_mock_server.state()["gen_requests"][0]
    assert done_face["status"] == "Generation Completed"  # 5 s passed on the server's clock

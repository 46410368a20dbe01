"""Lean installs: the client does not load the mock's stack, the mock does not load the client, and a
base install (no extras) of the built wheel works without Flask and says what to install for the mock."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def _loaded(statement: str) -> set[str]:
    """Top-level packages in sys.modules after running ``statement`` in a fresh interpreter."""
    code = (
        f"{statement}\nimport sys, json\nprint(json.dumps(sorted({{m.split('.')[0] for m in sys.modules}})))"
    )
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    return set(json.loads(out.splitlines()[-1]))


@pytest.mark.parametrize(
    "statement", ["import mock_server", "import mock_server.app", "import mock_server.cli"]
)
def test_the_mock_loads_neither_the_generated_client_nor_httpx(statement: str) -> None:
    loaded = _loaded(statement)
    assert "mock_server" in loaded
    assert not loaded & {"huhu_client", "httpx"}, sorted(loaded & {"huhu_client", "httpx"})


@pytest.mark.parametrize("statement", ["import huhu_ext", "from huhu_ext import Huhu", "import huhu_ext.cli"])
def test_the_client_loads_no_flask_waitress_or_pillow(statement: str) -> None:
    loaded = _loaded(statement)
    assert not loaded & {"flask", "waitress", "PIL", "jsonschema_rs", "respx", "werkzeug"}


def test_the_spec_layer_loads_no_client() -> None:
    assert not _loaded("import huhu_ext.spec") & {"huhu_client", "httpx"}


def test_the_lazy_exports_match_all() -> None:
    import huhu_ext

    exports = huhu_ext._EXPORTS
    assert sorted(exports) == sorted(huhu_ext.__all__)
    for name in huhu_ext.__all__:
        assert getattr(huhu_ext, name).__name__ == name


def test_a_base_install_of_the_wheel_has_the_client_and_no_flask(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(wheels), str(REPO)],
        check=True,
        capture_output=True,
    )
    (wheel,) = wheels.glob("huhu_python-*.whl")
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    clean = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "HUHU_API_KEY", "VIRTUAL_ENV"}}
    subprocess.run(
        [python, "-m", "pip", "install", "--quiet", str(wheel)], check=True, capture_output=True, env=clean
    )
    probe = (
        "import importlib.util as u, huhu_ext\n"
        "from huhu_ext import Huhu, price\n"
        "from huhu_client.models import CreateProjectRequest\n"
        "print([m for m in ('flask', 'waitress', 'PIL', 'respx') if u.find_spec(m)])\n"
    )
    out = subprocess.run(
        [python, "-c", probe], check=True, capture_output=True, text=True, env=clean, cwd=tmp_path
    )
    assert out.stdout.strip() == "[]"
    offline = subprocess.run(
        [env_dir / "bin" / "huhu", "--offline", "credits"],
        capture_output=True,
        text=True,
        env=clean,
        cwd=tmp_path,
    )
    assert offline.returncode == 2
    assert len(offline.stderr.strip().splitlines()) == 1, offline.stderr
    assert "pip install 'huhu-python[mock]'" in offline.stderr
    assert "Traceback" not in offline.stderr

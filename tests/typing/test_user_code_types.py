"""``mypy --strict`` on a user's file that calls every resource method with ``assert_type``.

``.ci/run`` runs the same check from outside the repository against the installed package (the
README's editable install), where only the ``.pth`` of ``editable_mode=compat`` can lead mypy to
``huhu_ext`` and ``huhu_client``.
"""

from __future__ import annotations

import ast
import os
from pathlib import Path

import pytest
from huhu_client import resources

mypy_api = pytest.importorskip("mypy.api")  # the dev extra has it; CI installs the dev extra

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
USER_CODE = HERE / "user_code.py"


def _mypy(*files: Path) -> tuple[str, int]:
    out, err, status = mypy_api.run(
        ["--strict", "--no-incremental", "--cache-dir", os.devnull, *map(str, files)]
    )
    return out + err, status


def test_user_code_type_checks_strictly() -> None:
    output, status = _mypy(USER_CODE)
    assert status == 0, output


def test_a_wrong_result_type_is_caught(tmp_path: Path) -> None:
    wrong = tmp_path / "wrong.py"
    wrong.write_text(
        "from typing import assert_type\n"
        "from huhu_client.models import TaskList\n"
        "from huhu_ext import Huhu\n"
        "def f(huhu: Huhu) -> None:\n"
        "    assert_type(huhu.tasks.retrieve('t'), TaskList)\n"  # it is a TaskDetail
        "    huhu.tasks.generate(project_id='p', task_ids=['t'], num_output_images=None, bogus=1)\n"
    )
    output, status = _mypy(wrong)
    assert status == 1
    assert 'Expression is of type "TaskDetail", not "TaskList"' in output
    assert 'Unexpected keyword argument "bogus"' in output


def test_user_code_calls_every_resource_method() -> None:
    functions = {
        node.name: node
        for node in ast.parse(USER_CODE.read_text()).body
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
    }
    for function, mixin in (("sync_user", resources.Resources), ("async_user", resources.AsyncResources)):
        called = {
            (node.value.attr, node.attr)
            for node in ast.walk(functions[function])
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Attribute)
        }
        for resource in (n for n in vars(mixin) if not n.startswith("_")):
            resource_cls = getattr(resources, getattr(mixin, resource).func.__annotations__["return"])
            for method in (n for n in vars(resource_cls) if not n.startswith("_")):
                assert (resource, method) in called, f"{function}: {resource}.{method} is not called"


def test_no_unset_in_a_resource_signature() -> None:
    source = (ROOT / "generated" / "huhu_client" / "resources.py").read_text()
    assert "Unset" not in source and "UNSET" not in source

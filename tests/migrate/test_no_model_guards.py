"""Issue 14 migration: the batch, the CLI, the waiters and the MCP server call the typed resources, so
no ``isinstance`` check against a generated response model may come back into them (an AST scan).

A resource method returns one precise model (``huhu.models.list()`` is a ``ModelList``) and raises
``UnexpectedResponseError`` on any other answer, and a waiter's ``Call`` step names the model it
expects (checked once, in the step driver), so such a guard is dead code that hides a type error.
"""

from __future__ import annotations

import ast
from pathlib import Path

import huhu_client.models
import pytest

ROOT = Path(__file__).resolve().parents[2]
MIGRATED = ("huhu_ext/batch.py", "huhu_ext/cli.py", "huhu_ext/polling.py", "huhu_ext/mcp_server.py")
MODELS = frozenset(huhu_client.models.__all__)


def _class_names(node: ast.expr) -> list[str]:
    """The class names an ``isinstance`` second argument mentions: ``M``, ``m.M``, ``(A, B)``, ``A | B``."""
    if isinstance(node, ast.Name):
        return [node.id]
    if isinstance(node, ast.Attribute):
        return [node.attr]
    if isinstance(node, ast.Tuple):
        return [name for element in node.elts for name in _class_names(element)]
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        return _class_names(node.left) + _class_names(node.right)
    return []


def model_guards(source: str) -> list[tuple[int, str]]:
    """(line, model) of every ``isinstance(x, <generated model>)`` in ``source``."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source)):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "isinstance"
            and len(node.args) == 2
        ):
            found += [(node.lineno, name) for name in _class_names(node.args[1]) if name in MODELS]
    return found


def test_the_scan_finds_a_guard() -> None:
    """The scan itself: every spelling of a guard is found, ``Unset`` checks are not guards."""
    source = (
        "from huhu_client import models\n"
        "isinstance(a, ModelList)\n"
        "isinstance(b, models.TaskDetail)\n"
        "isinstance(c, (int, ModelImageList))\n"
        "isinstance(d, VideoRequest | None)\n"
        "isinstance(e, Unset)\n"
        "isinstance(f, str)\n"
    )
    assert model_guards(source) == [
        (2, "ModelList"),
        (3, "TaskDetail"),
        (4, "ModelImageList"),
        (5, "VideoRequest"),
    ]


@pytest.mark.parametrize("path", MIGRATED)
def test_no_isinstance_guard_against_a_generated_model(path: str) -> None:
    guards = model_guards((ROOT / path).read_text())
    assert guards == [], f"{path} checks generated models with isinstance again: {guards}"


def test_no_per_call_expect_helper_in_the_waiters() -> None:
    """The waiters declare the model a step returns (``Call(..., returns=M)``) instead of checking it."""
    tree = ast.parse((ROOT / "huhu_ext/polling.py").read_text())
    helpers = [n.name for n in ast.walk(tree) if isinstance(n, ast.FunctionDef) and n.name == "_expect"]
    assert helpers == []

"""One rule, one place: no status string is written in handwritten code outside the spec layer.

Every status value lives in ``openapi.json`` (``x-huhu-lifecycle``) and is read through
``huhu_ext.spec.lifecycle``. This test reads every handwritten module of ``huhu_ext`` and
``mock_server`` and fails on a string literal (docstrings aside) that is a status, or that quotes one
inside SQL (``'Generation'``).
"""

from __future__ import annotations

import ast
from pathlib import Path

from huhu_ext.spec import load_spec

ROOT = Path(__file__).resolve().parents[2]
SPEC_LAYER = {ROOT / "huhu_ext" / "spec.py"}

# Words that are statuses *and* something else, with the reason they may appear as literals.
NOT_ONLY_STATUSES = {
    "success": "the reference's acknowledgement text ({'message': 'success'}, POST /upscale and POST /pose)",
    "failed": "the mock's internal job-table state (jobs.state), not an API status",
}


def _statuses() -> set[str]:
    found: set[str] = set()
    for life in load_spec().lifecycles.values():
        found |= set(life.states)
    return found - set(NOT_ONLY_STATUSES)


def _docstrings(tree: ast.AST) -> set[int]:
    ids: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                ids.add(id(body[0].value))
    return ids


def _offences(path: Path, statuses: set[str], root: Path = ROOT) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _docstrings(tree)
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip:
            text = node.value
            hits = sorted(s for s in statuses if text == s or f"'{s}'" in text)
            if hits:
                out.append(f"{path.relative_to(root)}:{node.lineno}: {hits}")
    return sorted(out)


def test_known_statuses_cover_every_lifecycle() -> None:
    statuses = _statuses()
    assert {"Task created", "Generation completed", "Request Submitted", "processing", "Creating"} <= statuses


def test_no_status_literal_outside_the_spec_layer() -> None:
    statuses = _statuses()
    files = sorted((ROOT / "huhu_ext").glob("*.py")) + sorted((ROOT / "mock_server").rglob("*.py"))
    assert len(files) > 30
    offences = [o for f in files if f not in SPEC_LAYER for o in _offences(f, statuses)]
    assert offences == []


def test_the_check_catches_a_status_literal(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        '"""Docstring: Generation completed is fine here."""\n'
        'DONE = {"Generation completed"}\n'
        "SQL = \"UPDATE tasks SET task_status = 'Generation' WHERE task_id = ?\"\n"
        'ACK = {"message": "success"}\n'
    )
    assert _offences(sample, _statuses(), tmp_path) == [
        "sample.py:2: ['Generation completed']",
        "sample.py:3: ['Generation']",
    ]

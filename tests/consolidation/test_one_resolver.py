"""One ``$ref`` resolver and one validator factory: the spec layer (``huhu_ext/spec.py``).

The mock's request/response validation, ``huhu contract check``, the mock's extras and the agent
tools all read the spec's references through :class:`huhu_ext.spec.Spec` (``node``, ``follow``,
``resolve``, ``inline``, ``schema``, ``validator``); no other handwritten module walks a ``$ref``.
"""

from __future__ import annotations

import copy
import re
import subprocess
import sys
from pathlib import Path

import pytest

from huhu_ext.contract import ResponseChecker
from huhu_ext.spec import Spec, load_spec, pointer, ref_name
from mock_server.validation import ResponseValidationError, SpecValidator

ROOT = Path(__file__).resolve().parents[2]
SPEC_LAYER = ROOT / "huhu_ext" / "spec.py"

# What resolving a reference by hand looks like: reading the "$ref" key, stripping "#" off a
# pointer, or building a referencing registry of the spec.
RESOLVING = re.compile(r"""["']\$ref["']|removeprefix\(\s*["']#|\breferencing\b|\bRegistry\(""")


def _handwritten() -> list[Path]:
    return sorted(p for d in ("huhu_ext", "mock_server") for p in (ROOT / d).rglob("*.py"))


def test_only_the_spec_layer_resolves_references() -> None:
    offenders = []
    for path in _handwritten():
        if path == SPEC_LAYER:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if RESOLVING.search(line):
                offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert offenders == []
    assert RESOLVING.search(SPEC_LAYER.read_text(encoding="utf-8"))  # the pattern does find it


def test_the_pattern_catches_a_hand_written_resolver() -> None:
    for line in (
        'while "$ref" in schema:',
        "ref = schema.get('$ref')",
        'pointer = ref.removeprefix("#/")',
        "from referencing import Registry, Resource",
    ):
        assert RESOLVING.search(line), line


def test_the_mock_and_the_contract_check_share_the_spec_layers_validator() -> None:
    spec = Spec(copy.deepcopy(load_spec().document))
    where = pointer(
        "paths", "/metering/plan", "get", "responses", "200", "content", "application/json", "schema"
    )
    mock, contract = SpecValidator(spec), ResponseChecker(spec)
    assert mock.validator(where) is spec.validator(where)
    op = spec.operation("get_plan")
    good = {
        "credits": 5,
        "plan_status": "active",
        "concurrent_requests": 2,
        "plan_name": "Pro",
        "subscription_id": "s",
    }
    mock.check_response(op, 200, good, {})
    _, problems = contract.check(op, 200, {"content-type": "application/json"}, b'{"credits": "5"}')
    assert any(p.pointer == "/credits" for p in problems)
    with pytest.raises(ResponseValidationError, match="credits"):
        mock.check_response(op, 200, {**good, "credits": "5"}, {})


def test_a_changed_component_is_seen_by_the_mock_and_the_contract_check() -> None:
    """Both checkers follow the spec layer: tighten a shared component in a copy and both refuse."""
    document = copy.deepcopy(load_spec().document)
    plan = load_spec().follow(
        pointer("paths", "/metering/plan", "get", "responses", "200", "content", "application/json", "schema")
    )[0]
    node = Spec(document).node(plan)
    node["properties"]["plan_name"] = {"type": "string", "enum": ["Gold"]}
    spec = Spec(document)
    op = spec.operation("get_plan")
    body = {"credits": 5, "plan_status": "active", "concurrent_requests": 2, "plan_name": "Pro"}
    with pytest.raises(ResponseValidationError, match="plan_name"):
        SpecValidator(spec).check_response(op, 200, {**body, "subscription_id": "s"}, {})
    _, problems = ResponseChecker(spec).check(op, 200, {"content-type": "application/json"}, b"{}")
    assert problems
    raw = b'{"credits": 5, "plan_status": "active", "concurrent_requests": 2, "plan_name": "Pro"}'
    _, problems = ResponseChecker(spec).check(op, 200, {"content-type": "application/json"}, raw)
    assert [p.pointer for p in problems] == ["/plan_name"]


def test_resolver_helpers() -> None:
    spec = load_spec()
    assert pointer("paths", "/sku", "get") == "/paths/~1sku/get"
    assert spec.node(pointer("paths", "/sku")) is spec.document["paths"]["/sku"]
    where, response = spec.follow(pointer("paths", "/project", "get", "responses", "401"))
    assert where.startswith("/components/responses/") and "$ref" not in response
    assert ref_name({"$ref": "#/components/schemas/Plan"}) == "Plan" and ref_name({"type": "string"}) is None
    inlined = spec.inline(spec.document["paths"])
    assert "$ref" not in repr(inlined)
    cyclic = Spec(
        {"paths": {}, "components": {"schemas": {"A": {"items": {"$ref": "#/components/schemas/A"}}}}}
    )
    with pytest.raises(ValueError, match="recursive"):
        cyclic.inline({"$ref": "#/components/schemas/A"})


def test_importing_the_spec_layer_stays_light() -> None:
    code = (
        "import sys, huhu_ext.spec\n"
        "heavy = [m for m in ('jsonschema', 'referencing', 'httpx', 'huhu_client') if m in sys.modules]\n"
        "print(heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"

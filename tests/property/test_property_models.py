"""Generated models: ``from_dict(to_dict(x)) == x`` for every response schema, on instances generated
from the spec's JSON schemas.

``hypothesis-jsonschema`` is not a dependency, so :func:`from_schema` derives Hypothesis strategies
from the subset of JSON Schema that ``openapi.json`` uses (objects, strings, integers, numbers,
booleans, null, enums, arrays, ``$ref``, ``anyOf``/``oneOf``, type lists, length and range bounds).
Objects also get undeclared ``x_*`` properties: the spec does not forbid them, and the generated
models must carry them through ``additional_properties``. :func:`test_the_strategies_only_make_valid_instances`
checks every generated instance against the schema with ``jsonschema``, so the strategies cannot
drift from the spec.

Covered: every component schema reachable from a response (``Plan``, ``ProjectList``, ``TaskDetail``,
``Error`` ... and the nested ones, such as ``CreditHistoryItem``), and every operation's response
parser (``oneOf`` answers must come back as the variant that was sent, D-UNIONS).
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Iterator
from typing import Any

import httpx
import huhu_client.models
import jsonschema
import pytest
from huhu_client import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from huhu_ext.spec import load_spec

SPEC = load_spec()
DOCUMENT = SPEC.document
SCHEMAS: dict[str, Any] = DOCUMENT["components"]["schemas"]
REF = "#/components/schemas/"

TEXT = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=12)
EXTRA_KEYS = st.from_regex(r"\Ax_[a-z]{1,6}\Z")
EXTRA_VALUES = st.one_of(st.none(), st.booleans(), st.integers(-(2**40), 2**40), TEXT)


def resolve(schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = SCHEMAS[schema["$ref"].removeprefix(REF)]
    return schema


def from_schema(schema: dict[str, Any], *, extras: bool = True) -> st.SearchStrategy[Any]:
    """A strategy of JSON values valid against ``schema`` (the subset of JSON Schema the spec uses)."""
    schema = resolve(schema)
    if "enum" in schema:
        return st.sampled_from(schema["enum"])
    for union in ("oneOf", "anyOf"):
        if union in schema:
            return st.one_of([from_schema(s, extras=extras) for s in schema[union]])
    kind = schema.get("type")
    if isinstance(kind, list):
        return st.one_of([from_schema({**schema, "type": k}, extras=extras) for k in kind])
    if kind == "null":
        return st.none()
    if kind == "boolean":
        return st.booleans()
    if kind == "integer":
        return st.integers(schema.get("minimum", -(2**53)), schema.get("maximum", 2**53))
    if kind == "number":
        return st.floats(
            schema.get("minimum", -1e9), schema.get("maximum", 1e9), allow_nan=False, allow_infinity=False
        )
    if kind == "string":
        low = schema.get("minLength", 0)
        high = max(low, min(schema.get("maxLength", 12), 12))
        return st.text(alphabet=st.characters(exclude_categories=("Cs",)), min_size=low, max_size=high)
    if kind == "array":
        low = schema.get("minItems", 0)
        high = max(low, min(3, schema.get("maxItems", 3)))
        return st.lists(from_schema(schema["items"], extras=extras), min_size=low, max_size=high)
    if kind == "object" or "properties" in schema:
        properties = schema.get("properties", {})
        required = set(schema.get("required", []))
        base = st.fixed_dictionaries(
            {k: from_schema(v, extras=extras) for k, v in properties.items() if k in required},
            optional={k: from_schema(v, extras=extras) for k, v in properties.items() if k not in required},
        )
        if not extras or schema.get("additionalProperties") is False:
            return base
        extra = st.dictionaries(EXTRA_KEYS, EXTRA_VALUES, max_size=2)
        return st.builds(lambda declared, more: {**more, **declared}, base, extra)
    if "type" not in schema:  # any JSON value (e.g. Error.detail: the reference documents no body)
        return st.one_of(EXTRA_VALUES, st.lists(EXTRA_VALUES, max_size=2))
    raise NotImplementedError(f"no strategy for schema {json.dumps(schema)[:200]}")


def refs(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str):
                yield value
            else:
                yield from refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from refs(value)


def response_components() -> list[str]:
    """Every component schema reachable from a response of any operation."""
    found: set[str] = set()
    frontier = [r for op in SPEC.operations.values() for r in refs(op.raw["responses"])]
    while frontier:
        ref = frontier.pop()
        if ref.startswith("#/components/responses/"):
            frontier.extend(refs(DOCUMENT["components"]["responses"][ref.rsplit("/", 1)[1]]))
            continue
        name = ref.removeprefix(REF)
        if name not in found:
            found.add(name)
            frontier.extend(refs(SCHEMAS[name]))
    return sorted(found)


# Object schemas become generated models; a string schema (a status with its x-huhu-lifecycle) is `str`.
COMPONENTS = [name for name in response_components() if SCHEMAS[name].get("type") == "object"]
EXAMPLES = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def model_class(name: str) -> Any:
    return getattr(huhu_client.models, name)


def test_every_response_component_has_a_generated_model() -> None:
    missing = [name for name in COMPONENTS if not hasattr(huhu_client.models, name)]
    assert not missing, f"no generated model for {missing}"
    assert {"Plan", "Error", "CreditHistoryItem", "TaskDetail", "ProjectList", "VideoRequestList"} <= set(
        COMPONENTS
    )


@pytest.mark.parametrize("name", COMPONENTS)
@EXAMPLES
@given(data=st.data())
def test_from_dict_to_dict_round_trip(name: str, data: st.DataObject) -> None:
    cls = model_class(name)
    value = data.draw(from_schema({"$ref": REF + name}), label=name)
    model = cls.from_dict(value)
    assert cls.from_dict(model.to_dict()) == model
    assert model.to_dict() == value  # nothing lost, renamed or invented on the way
    assert json.loads(json.dumps(model.to_dict())) == value


@pytest.mark.parametrize("name", COMPONENTS)
@settings(max_examples=10, deadline=None)
@given(data=st.data())
def test_the_strategies_only_make_valid_instances(name: str, data: st.DataObject) -> None:
    value = data.draw(from_schema({"$ref": REF + name}))
    jsonschema.Draft202012Validator({"$ref": REF + name, "components": DOCUMENT["components"]}).validate(
        value
    )


def answers() -> list[tuple[str, str, dict[str, Any]]]:
    """(operation, status, schema) for every JSON answer of every operation."""
    out = []
    for op in SPEC.operations.values():
        for status, response in op.raw["responses"].items():
            response = resolve_response(response)
            schema = response.get("content", {}).get("application/json", {}).get("schema")
            if schema is not None:
                out.append((op.operation_id, status, schema))
    return out


def resolve_response(response: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in response:
        response = DOCUMENT["components"]["responses"][response["$ref"].rsplit("/", 1)[1]]
    return response


def variants(schema: dict[str, Any]) -> list[str]:
    """The component names an answer may be (one, or each ``oneOf`` variant)."""
    if "oneOf" in schema:
        return [s["$ref"].removeprefix(REF) for s in schema["oneOf"]]
    return [schema["$ref"].removeprefix(REF)]


ANSWERS = answers()


def test_every_operation_answer_is_covered() -> None:
    assert {op for op, _, _ in ANSWERS} == set(SPEC.operations)
    assert sum(1 for _, _, schema in ANSWERS if "oneOf" in schema) >= 6  # D-UNIONS


@pytest.mark.parametrize(("operation", "status", "schema"), ANSWERS, ids=[f"{o}-{s}" for o, s, _ in ANSWERS])
@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_the_generated_parser_returns_the_variant_that_was_sent(
    operation: str, status: str, schema: dict[str, Any], data: st.DataObject
) -> None:
    op = SPEC.operation(operation)
    module = importlib.import_module(f"huhu_client.api.{op.tag}.{operation}")
    name = data.draw(st.sampled_from(variants(schema)))
    value = data.draw(from_schema({"$ref": REF + name}))
    response = httpx.Response(
        int(status), json=value, request=httpx.Request(op.method, "https://api.huhu.ai")
    )
    parsed = module._parse_response(client=Client(base_url="https://api.huhu.ai"), response=response)
    assert type(parsed).__name__ == name
    assert parsed.to_dict() == value

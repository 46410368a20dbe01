"""The mock's two validators agree: ``jsonschema-rs`` (fast "valid?") and ``jsonschema`` (authority).

``SpecValidator`` returns "no errors" as soon as ``jsonschema-rs`` accepts an instance, so an
instance it accepts but ``jsonschema`` rejects would let a bad request through. For every schema in
the spec (request bodies, query parameters, responses) Hypothesis draws instances near the schema's
edges (missing and extra fields, lengths and bounds just inside and outside, wrong types, other
variants) and checks both validators give the same answer.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mock_server.validation import SpecValidator, _pointer

VALIDATOR = SpecValidator()

JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=6),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=8,
)


def _schema_pointers(node: Any, path: tuple[str | int, ...]) -> Iterator[str]:
    if isinstance(node, Mapping):
        if isinstance(node.get("schema"), Mapping):
            yield _pointer(*path, "schema")
        for key, value in node.items():
            yield from _schema_pointers(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _schema_pointers(value, (*path, index))


POINTERS = sorted(set(_schema_pointers(VALIDATOR.spec.document["paths"], ("paths",))))


def _around(low: int | None, high: int | None) -> st.SearchStrategy[int]:
    """Sizes or numbers just inside and just outside the bounds."""
    edges = {0, 1, 2}
    for bound in (low, high):
        if bound is not None:
            edges |= {bound - 1, bound, bound + 1}
    return st.sampled_from(sorted(edges))


def near(schema: Any, depth: int = 0) -> st.SearchStrategy[Any]:
    """Instances close to what ``schema`` (references inlined) accepts, and some that it does not."""
    if not isinstance(schema, Mapping) or depth > 4:
        return JSON_VALUES
    options: list[st.SearchStrategy[Any]] = [JSON_VALUES]
    for key in ("oneOf", "anyOf", "allOf"):
        for variant in schema.get(key, []):
            options.append(near(variant, depth + 1))
    if "enum" in schema:
        options.append(st.sampled_from(schema["enum"]))
    if "const" in schema:
        options.append(st.just(schema["const"]))
    kinds = schema.get("type")
    kinds = [kinds] if isinstance(kinds, str) else list(kinds or [])
    if "string" in kinds:
        sizes = _around(schema.get("minLength"), schema.get("maxLength"))
        options.append(sizes.flatmap(lambda n: st.text(min_size=max(n, 0), max_size=max(n, 0))))
    if "integer" in kinds or "number" in kinds:
        options.append(_around(schema.get("minimum"), schema.get("maximum")))
        if "number" in kinds:
            options.append(st.floats(allow_nan=False, allow_infinity=False))
    if "boolean" in kinds:
        options.append(st.booleans())
    if "array" in kinds:
        item = near(schema.get("items", {}), depth + 1)
        sizes = _around(schema.get("minItems"), schema.get("maxItems"))
        options.append(sizes.flatmap(lambda n: st.lists(item, min_size=max(n, 0), max_size=max(n, 0))))
    if "object" in kinds or "properties" in schema:
        properties = schema.get("properties", {})
        fields = {name: near(prop, depth + 1) for name, prop in properties.items()}
        options.append(
            st.fixed_dictionaries({}, optional=fields).flatmap(
                lambda body: st.dictionaries(st.text(max_size=4), JSON_VALUES, max_size=1).map(
                    lambda extra: {**extra, **body}
                )
            )
        )
        # Everything required present, the rest drawn: the shape most requests have.
        required = {name: fields[name] for name in schema.get("required", []) if name in fields}
        options.append(
            st.fixed_dictionaries(required, optional={k: v for k, v in fields.items() if k not in required})
        )
    return st.one_of(options)


def test_every_schema_of_the_spec_is_compiled_by_both() -> None:
    assert len(POINTERS) > 50
    for pointer in POINTERS:
        compiled = VALIDATOR._compiled(pointer)
        assert compiled.fast is not None, pointer


@pytest.mark.parametrize("pointer", POINTERS)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_fast_and_authoritative_validators_agree(pointer: str, data: st.DataObject) -> None:
    compiled = VALIDATOR._compiled(pointer)
    instance = data.draw(near(compiled.slow.schema), label="instance")
    assert compiled.fast_valid(instance) == compiled.slow.is_valid(instance)
    # And what the request path answers: no errors exactly when jsonschema finds none.
    assert (VALIDATOR.errors(pointer, instance, "body") == []) == compiled.slow.is_valid(instance)


def test_a_value_the_fast_validator_cannot_take_goes_to_jsonschema() -> None:
    pointer = next(p for p in POINTERS if p.endswith("/requestBody/content/application~1json/schema"))
    errors = VALIDATOR.errors(pointer, {1: "not a JSON object key"}, "body")
    assert errors  # answered (by jsonschema), not raised

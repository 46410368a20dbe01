"""What the mock answers by default: exactly the fields the reference documents (D-MOCK-EXTRAS).

The mock knows more than the reference shows (a task's ``sku_id`` and ``view``, a new program's id, a
zip upload's ``part_size``, ...). Those convenience fields are marked ``x-huhu-mock-extra: true`` on
their property in ``openapi.json`` — the one place that decides what is an extra. Unless the mock
runs with ``extras=True`` (``huhu-mock serve --extras``, ``mock_huhu(extras=True)``):

* :meth:`Extras.strip` removes every marked property from an answer (walking nested objects,
  arrays and ``oneOf`` variants), so user code cannot come to depend on them;
* :meth:`Extras.refused` names the marked request-body fields a request used (the mock-only
  ``sku_name`` of a garment upload), which the backend refuses with a 422.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from huhu_ext.spec import Spec

__all__ = ["EXTRA_MARK", "Extras", "parse_price", "with_prices"]

EXTRA_MARK = "x-huhu-mock-extra"

JSON = dict[str, Any]


@dataclass(frozen=True)
class _Shape:
    """Where extras sit under one schema: properties to drop, and shapes of nested values."""

    drop: frozenset[str] = frozenset()
    props: Mapping[str, _Shape] = field(default_factory=dict)
    items: _Shape | None = None
    # oneOf / anyOf: (required names, property names, shape) of each variant
    variants: tuple[tuple[frozenset[str], frozenset[str], _Shape | None], ...] = ()

    def apply(self, value: Any) -> Any:
        if self.variants and isinstance(value, dict):
            chosen = self._variant(value)
            return value if chosen is None else chosen.apply(value)
        if isinstance(value, list):
            return value if self.items is None else [self.items.apply(v) for v in value]
        if not isinstance(value, dict):
            return value
        out = {}
        for key, item in value.items():
            if key in self.drop:
                continue
            sub = self.props.get(key)
            out[key] = item if sub is None else sub.apply(item)
        return out

    def _variant(self, value: Mapping[str, Any]) -> _Shape | None:
        """The variant the object is an instance of: its required names present, then most names known."""
        keys = set(value)
        return max(self.variants, key=lambda v: (v[0] <= keys, len(keys & v[1])))[2]


class Extras:
    """The ``x-huhu-mock-extra`` properties of a spec, compiled once per operation."""

    def __init__(self, spec: Spec) -> None:
        self._responses: dict[str, _Shape | None] = {}
        self._requests: dict[str, frozenset[str]] = {}
        for op in spec.operations.values():  # schemas read with their references inlined by the spec layer
            ok = op.raw.get("responses", {}).get("200", {})
            schema = ok.get("content", {}).get("application/json", {}).get("schema")
            self._responses[op.operation_id] = None if schema is None else self._shape(spec.inline(schema))
            body = spec.body_schema(op.raw)
            self._requests[op.operation_id] = (
                frozenset() if body is None else self._marked_names(spec.inline(body))
            )

    def _marked_names(self, schema: Mapping[str, Any]) -> frozenset[str]:
        names = {n for n, p in schema.get("properties", {}).items() if p.get(EXTRA_MARK)}
        for variant in schema.get("oneOf", []) + schema.get("anyOf", []):
            names |= self._marked_names(variant)
        return frozenset(names)

    def _shape(self, schema: Mapping[str, Any]) -> _Shape | None:
        variants = schema.get("oneOf", []) + schema.get("anyOf", [])
        if variants:
            compiled = [
                (frozenset(v.get("required", [])), frozenset(v.get("properties", {})), self._shape(v))
                for v in variants
            ]
            if all(shape is None for _, _, shape in compiled):
                return None
            return _Shape(variants=tuple(compiled))
        if "items" in schema:
            items = self._shape(schema["items"])
            return None if items is None else _Shape(items=items)
        properties: Mapping[str, Any] = schema.get("properties", {})
        drop = frozenset(n for n, p in properties.items() if p.get(EXTRA_MARK))
        props = {n: s for n, p in properties.items() if n not in drop and (s := self._shape(p))}
        return _Shape(drop=drop, props=props) if drop or props else None

    def strip(self, operation_id: str, payload: Any) -> Any:
        """``payload`` (a 200 answer of the operation) without its mock-only fields."""
        shape = self._responses.get(operation_id)
        return payload if shape is None else shape.apply(payload)

    def refused(self, operation_id: str, body: Mapping[str, Any]) -> list[str]:
        """The mock-only request fields ``body`` uses (sorted)."""
        names = self._requests.get(operation_id, frozenset())
        return sorted(n for n in names if n in body)


def with_prices(spec: Spec, prices: Mapping[str, int]) -> Spec:
    """``spec`` with some invented credit prices changed (``huhu-mock serve --price op=N``).

    A key names a priced operation by its ``operationId`` (``generate_tasks``) or by the operation
    its credit-history entries carry (``tryon_gen``); ``op.VALUE`` sets one price of an operation
    priced by a parameter (``create_video.10``). The value replaces the unit price; everything else
    (factors, per-item entries) stays the spec's, read by the same :class:`~huhu_ext.spec.CreditRule`.
    Unknown names and negative prices raise :class:`ValueError`. The client keeps the spec's prices.
    """
    if not prices:
        return spec
    operations = dict(spec.operations)
    by_name = {
        name: op.operation_id
        for op in operations.values()
        if op.credits is not None
        for name in (op.operation_id, op.credits.operation)
    }
    for key, value in prices.items():
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise ValueError(f"price {key}={value!r}: must be an integer >= 0")
        name, _, param_value = key.partition(".")
        if name not in by_name:
            raise ValueError(
                f"price {key}: no priced operation {name!r}; known: {', '.join(sorted(by_name))}"
            )
        op = operations[by_name[name]]
        rule = op.credits
        assert rule is not None
        if rule.by_param is not None:
            if param_value not in rule.by_values:
                choices = ", ".join(f"{name}.{v}" for v in rule.by_values)
                raise ValueError(f"price {key}: {name} is priced by {rule.by_param}; use one of {choices}")
            rule = replace(rule, by_values={**rule.by_values, param_value: value})
        elif param_value:
            raise ValueError(f"price {key}: {name} has one price; use {name}=N")
        else:
            rule = replace(rule, credits=value)
        operations[op.operation_id] = replace(op, credits=rule)
    priced = copy.copy(spec)
    priced.operations = operations
    return priced


def parse_price(text: str) -> tuple[str, int]:
    """``"op=N"`` → ``("op", N)`` (the ``--price`` option); ValueError when malformed."""
    name, sep, value = text.partition("=")
    if not sep or not name.strip() or not value.strip().isdigit():
        raise ValueError(f"expected OP=N with N a whole number of credits, got {text!r}")
    return name.strip(), int(value)

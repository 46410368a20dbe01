"""Read facts out of ``openapi.json``: operations, credit costs, slot use and pagination.

The mock server and the client's cost estimator both price requests through :func:`price`, so
they can never disagree: the only place a credit cost is written is the spec's ``x-huhu-credits``.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

JSON = dict[str, Any]


@dataclass(frozen=True)
class CreditRule:
    """How an operation is billed (the operation's ``x-huhu-credits``)."""

    operation: str  # name written to the credit history, e.g. "tryon_gen"
    price_item: str  # row of the reference's credit table
    credits: int | None  # flat price per unit, or None when priced by ``by_param``
    by_param: str | None  # body parameter that selects the price (video_length)
    by_values: Mapping[str, int]
    per: str  # "request" | "output_image"
    factors: tuple[str, ...]  # body fields multiplying the price (array → its length)
    defaults: Mapping[str, int]  # schema defaults of integer factors
    when_present: str | None  # billed only when this body field is present
    entry_per: str | None  # one credit-history entry per item of this array field

    def applies(self, body: Mapping[str, Any]) -> bool:
        return self.when_present is None or self.when_present in body

    def unit_price(self, body: Mapping[str, Any]) -> int:
        if self.by_param is None:
            assert self.credits is not None
            return self.credits
        return self.by_values[str(body.get(self.by_param))]

    def factor(self, body: Mapping[str, Any], name: str) -> int:
        value = body.get(name, self.defaults.get(name, 1))
        if isinstance(value, list | tuple):
            return len(value)
        return int(value)

    def price(self, body: Mapping[str, Any]) -> int:
        """Credits the request costs in total (0 when the rule does not apply)."""
        if not self.applies(body):
            return 0
        return self.unit_price(body) * math.prod(self.factor(body, f) for f in self.factors)

    def entries(self, body: Mapping[str, Any]) -> list[tuple[str | None, int]]:
        """The credit-history entries of one request: ``(item, credits)``; item is None per request."""
        total = self.price(body)
        if total == 0:
            return []
        if self.entry_per is None:
            return [(None, total)]
        items = [str(i) for i in body.get(self.entry_per, [])]
        return [(item, total // len(items)) for item in items]


@dataclass(frozen=True)
class Pagination:
    token_param: str
    token_field: str
    items_field: str


@dataclass(frozen=True)
class Operation:
    operation_id: str
    method: str  # upper case
    path: str  # as in the spec, e.g. "/task/generate"
    tag: str
    raw: JSON = field(repr=False, compare=False)
    credits: CreditRule | None = None
    pagination: Pagination | None = None
    slots_per: str | None = None  # "request", or a body array whose items each hold a slot

    def slots(self, body: Mapping[str, Any]) -> int:
        """Concurrency slots a request of this operation holds while it runs."""
        if self.slots_per is None:
            return 0
        if self.slots_per == "request":
            return 1 if (self.credits is None or self.credits.applies(body)) else 0
        return len(body.get(self.slots_per, []))


class Spec:
    """The parsed OpenAPI document with helpers for the ``x-huhu-*`` extensions."""

    def __init__(self, document: JSON) -> None:
        self.document = document
        self.operations: dict[str, Operation] = {}
        for path, item in document["paths"].items():
            for method, raw in item.items():
                op = self._operation(path, method, raw)
                self.operations[op.operation_id] = op

    @property
    def team_defaults(self) -> JSON:
        return dict(self.document.get("x-huhu-team-defaults", {}))

    def resolve(self, schema: JSON) -> JSON:
        """Follow local ``$ref`` pointers until a concrete schema is reached."""
        while "$ref" in schema:
            node: Any = self.document
            for part in schema["$ref"].removeprefix("#/").split("/"):
                node = node[part]
            schema = node
        return schema

    def body_schema(self, raw: JSON) -> JSON | None:
        body = raw.get("requestBody")
        if body is None:
            return None
        return self.resolve(body["content"]["application/json"]["schema"])

    def _defaults(self, raw: JSON, names: tuple[str, ...]) -> dict[str, int]:
        schema = self.body_schema(raw)
        if schema is None:
            return {}
        variants = [self.resolve(s) for s in schema.get("oneOf", [schema])]
        out: dict[str, int] = {}
        for variant in variants:
            for name in names:
                prop = variant.get("properties", {}).get(name, {})
                if isinstance(prop.get("default"), int):
                    out[name] = prop["default"]
        return out

    def _operation(self, path: str, method: str, raw: JSON) -> Operation:
        rule = None
        if "x-huhu-credits" in raw:
            c = raw["x-huhu-credits"]
            factors = tuple(c.get("factors", []))
            flat = c["credits"] if isinstance(c["credits"], int) else None
            by = None if flat is not None else c["credits"]
            rule = CreditRule(
                operation=c["operation"],
                price_item=c["price_item"],
                credits=flat,
                by_param=by["param"] if by else None,
                by_values={str(k): int(v) for k, v in by["values"].items()} if by else {},
                per=c["per"],
                factors=factors,
                defaults=self._defaults(raw, factors),
                when_present=c.get("when_present"),
                entry_per=c.get("entry_per"),
            )
        pag = raw.get("x-huhu-pagination")
        return Operation(
            operation_id=raw["operationId"],
            method=method.upper(),
            path=path,
            tag=raw["tags"][0],
            raw=raw,
            credits=rule,
            pagination=Pagination(pag["token_param"], pag["token_field"], pag["items_field"])
            if pag
            else None,
            slots_per=raw.get("x-huhu-slots", {}).get("per"),
        )

    def operation(self, operation_id: str) -> Operation:
        try:
            return self.operations[operation_id]
        except KeyError:
            raise KeyError(f"unknown operation {operation_id!r}") from None

    def find(self, method: str, path: str) -> Operation | None:
        for op in self.operations.values():
            if op.method == method.upper() and op.path == path:
                return op
        return None

    def price(self, operation_id: str, body: Mapping[str, Any]) -> int:
        """Credits one request of ``operation_id`` with this JSON body costs."""
        rule = self.operation(operation_id).credits
        return 0 if rule is None else rule.price(body)

    def field_schema(self, operation_id: str, name: str) -> JSON:
        """The schema of a query/path parameter or a body field of an operation (``{}`` if absent)."""
        raw = self.operation(operation_id).raw
        for param in raw.get("parameters", []):
            param = self.resolve(param)
            if param.get("name") == name:
                return self.resolve(param.get("schema", {}))
        body = self.body_schema(raw)
        for variant in [self.resolve(v) for v in (body or {}).get("oneOf", [body or {}])]:
            if name in variant.get("properties", {}):
                return self.resolve(variant["properties"][name])
        return {}

    def enum(self, operation_id: str, name: str) -> list[str] | None:
        """The values the spec lists for a parameter or body field (``None``: any value)."""
        schema = self.field_schema(operation_id, name)
        for option in [schema, *[self.resolve(s) for s in schema.get("anyOf", [])]]:
            if "enum" in option:
                return [str(v) for v in option["enum"] if v is not None]
        return None


@cache
def load_spec() -> Spec:
    """The spec shipped with the package (``huhu_ext/openapi.json``, a link to the repo's spec)."""
    text = resources.files("huhu_ext").joinpath("openapi.json").read_text(encoding="utf-8")
    return Spec(json.loads(text))


def price(operation_id: str, body: Mapping[str, Any]) -> int:
    return load_spec().price(operation_id, body)

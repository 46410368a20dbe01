"""Read facts out of ``openapi.json``: operations, credit costs, slot use, pagination and lifecycles.

The mock server and the client's cost estimator both price requests through :func:`price`, so
they can never disagree: the only place a credit cost is written is the spec's ``x-huhu-credits``.
Likewise every status value, what it means (running, done, failed) and which transitions are
allowed live only in the spec's ``x-huhu-lifecycle`` data, read through :func:`lifecycle`.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache, cached_property
from importlib import resources
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator

JSON = dict[str, Any]
REF = "$ref"

log = logging.getLogger("huhu_ext.lifecycle")

IDLE, RUNNING, DONE, FAILED = "idle", "running", "done", "failed"
PHASES = (IDLE, RUNNING, DONE, FAILED)


def pointer(*tokens: str | int) -> str:
    """A JSON pointer (RFC 6901): ``pointer("paths", "/sku", "get")`` → ``"/paths/~1sku/get"``."""
    return "".join("/" + str(t).replace("~", "~0").replace("/", "~1") for t in tokens)


def ref_name(schema: Any) -> str | None:
    """The name a ``$ref`` points at (``#/components/schemas/Plan`` → ``Plan``); None if no reference."""
    if isinstance(schema, Mapping) and REF in schema:
        return str(schema[REF]).rsplit("/", 1)[-1]
    return None


@dataclass(frozen=True)
class Lifecycle:
    """One status field's lifecycle (its ``x-huhu-lifecycle``): states, their phase, transitions.

    A status the spec does not list is *unknown*: :meth:`phase` calls it running (a waiter keeps
    polling it) and logs it once, so a live API with a new status never crashes a client.
    """

    name: str
    states: tuple[str, ...]  # known states, in the spec's order
    phases: Mapping[str, str]  # state → idle | running | done | failed
    labels: Mapping[str, str]  # state → documented | inferred | invented
    roles: Mapping[str, str]  # role (created, submitted, generating, completed, failed, ...) → state
    transitions: Mapping[str, frozenset[str]]  # state → states it may move to
    admin_transitions: frozenset[tuple[str, str]]  # (from, to) the mock's admin API may force
    idle: frozenset[str]  # the states of each phase
    running: frozenset[str]
    done: frozenset[str]
    failed: frozenset[str]
    _unknown_seen: set[str] = field(default_factory=set, repr=False, compare=False, hash=False)

    @property
    def admin_targets(self) -> tuple[str, ...]:
        """States the admin API may move a job to, in the spec's order."""
        targets = {to for _, to in self.admin_transitions}
        return tuple(s for s in self.states if s in targets)

    def is_known(self, status: str) -> bool:
        return status in self.phases

    def phase(self, status: str) -> str:
        """The phase of ``status``; an unknown status is running (logged once per lifecycle)."""
        if status in self.phases:
            return self.phases[status]
        if status not in self._unknown_seen:
            self._unknown_seen.add(status)
            log.warning(
                "unknown %s %r (not in the spec's x-huhu-lifecycle): treated as still running",
                self.name,
                status,
            )
        return RUNNING

    def state(self, role: str) -> str:
        """The state that plays ``role`` (e.g. ``state("completed")`` → ``"Generation completed"``)."""
        if role not in self.roles:
            raise KeyError(f"lifecycle {self.name!r} has no role {role!r}")
        return self.roles[role]

    def allows(self, current: str, new: str) -> bool:
        return new in self.transitions.get(current, frozenset())

    def admin_allows(self, current: str, new: str) -> bool:
        return (current, new) in self.admin_transitions

    @classmethod
    def from_spec(cls, data: Mapping[str, Any]) -> Lifecycle:
        states: Mapping[str, Mapping[str, Any]] = data["states"]
        phases = {s: str(i["phase"]) for s, i in states.items()}
        for state, phase in phases.items():
            if phase not in PHASES:
                raise ValueError(f"lifecycle {data['name']}: {state!r} has unknown phase {phase!r}")
        by_phase = {p: frozenset(s for s in states if phases[s] == p) for p in PHASES}
        return cls(
            name=data["name"],
            states=tuple(states),
            phases=phases,
            labels={s: str(i.get("label", "invented")) for s, i in states.items()},
            roles=dict(data.get("roles", {})),
            transitions={s: frozenset(t) for s, t in data.get("transitions", {}).items()},
            admin_transitions=frozenset((a, b) for a, b in data.get("admin_transitions", [])),
            idle=by_phase[IDLE],
            running=by_phase[RUNNING],
            done=by_phase[DONE],
            failed=by_phase[FAILED],
        )


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

    def price(self, body: Mapping[str, Any]) -> int:
        """Credits the request costs in total (0 when the rule does not apply)."""
        if not self.applies(body):
            return 0
        # The unit price: flat, or the one of the value the body gives ``by_param`` (video_length).
        unit = self.credits if self.by_param is None else self.by_values[str(body.get(self.by_param))]
        assert unit is not None
        total = unit
        for name in self.factors:  # each factor multiplies: a number, or an array's length (per item)
            value = body.get(name, self.defaults.get(name, 1))  # absent: the schema's default
            total *= len(value) if isinstance(value, list | tuple) else int(value)
        return total

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
        self._inlined: dict[str, Any] = {}
        self._schemas: dict[str, Any] = {}
        self._validators: dict[str, Draft202012Validator] = {}
        self.operations: dict[str, Operation] = {}
        for path, item in document["paths"].items():
            for method, raw in item.items():
                op = self._operation(path, method, raw)
                self.operations[op.operation_id] = op

    @cached_property
    def lifecycles(self) -> dict[str, Lifecycle]:
        """Every ``x-huhu-lifecycle`` of the spec's schemas, by its name (e.g. ``task_status``)."""
        schemas = self.document.get("components", {}).get("schemas", {}).values()
        found = [Lifecycle.from_spec(s["x-huhu-lifecycle"]) for s in schemas if "x-huhu-lifecycle" in s]
        return {life.name: life for life in found}

    def lifecycle(self, name: str) -> Lifecycle:
        if name not in self.lifecycles:
            raise KeyError(f"unknown lifecycle {name!r} (known: {sorted(self.lifecycles)})")
        return self.lifecycles[name]

    @property
    def team_defaults(self) -> JSON:
        return dict(self.document.get("x-huhu-team-defaults", {}))

    # ------------------------------------------------------------------ the one $ref resolver

    def node(self, where: str) -> Any:
        """The spec's contents at a JSON pointer (``/components/schemas/Plan``) or a local reference
        (``#/components/schemas/Plan``)."""
        found: Any = self.document
        path = where.removeprefix("#")
        if not path:  # "" or "#": the whole document
            return found
        for token in path.removeprefix("/").split("/"):
            key = token.replace("~1", "/").replace("~0", "~")
            found = found[int(key)] if isinstance(found, list) else found[key]
        return found

    def follow(self, where: str) -> tuple[str, Any]:
        """``(pointer, contents)`` at ``where`` once its ``$ref`` chain is followed to the end."""
        found = self.node(where)
        while isinstance(found, Mapping) and REF in found:
            where = str(found[REF]).removeprefix("#")
            found = self.node(where)
        return where, found

    def resolve(self, schema: Mapping[str, Any]) -> JSON:
        """Follow local ``$ref`` pointers until a concrete schema is reached."""
        found: Any = schema
        if isinstance(schema, Mapping) and REF in schema:
            _, found = self.follow(str(schema[REF]))  # to the end of a chain of references
        return found  # type: ignore[no-any-return]

    def inline(self, schema: Any) -> Any:
        """``schema`` with every local ``$ref`` replaced by its target; the siblings of a ``$ref``
        (``x-`` extensions) are kept. Each target is inlined once and shared between the results:
        treat them as read-only. A recursive schema (the spec has none) raises :class:`ValueError`."""
        return self._inline(schema, ())

    def _inline(self, schema: Any, seen: tuple[str, ...]) -> Any:
        if isinstance(schema, list):
            return [self._inline(item, seen) for item in schema]
        if not isinstance(schema, Mapping):
            return schema
        ref = schema.get(REF)
        if isinstance(ref, str):
            target = self._inlined.get(ref)
            if target is None:
                if ref in seen:
                    raise ValueError(f"recursive schema at {ref}: cannot be inlined")
                target = self._inlined[ref] = self._inline(self.node(ref), (*seen, ref))
            extra = {k: v for k, v in schema.items() if k != REF}
            return {**target, **self._inline(extra, seen)} if extra else target
        return {key: self._inline(value, seen) for key, value in schema.items()}

    def schema(self, where: str) -> Any:
        """The schema at a JSON pointer, references inlined (memoised)."""
        found = self._schemas.get(where)
        if found is None:
            found = self._schemas[where] = self.inline(self.node(where))
        return found

    def validator(self, where: str) -> Draft202012Validator:
        """The ``jsonschema`` (Draft 2020-12) validator of the schema at a JSON pointer (memoised):
        the one validator factory of the mock (requests, strict responses) and the contract check."""
        found = self._validators.get(where)
        if found is None:
            from jsonschema import Draft202012Validator  # imported on use: the spec layer stays light

            found = self._validators[where] = Draft202012Validator(self.schema(where))
        return found

    def body_schema(self, raw: JSON) -> JSON | None:
        body = raw.get("requestBody")
        if body is None:
            return None
        return self.resolve(body["content"]["application/json"]["schema"])

    def _body_variants(self, raw: JSON) -> list[JSON]:
        """The request body's schema (each of its ``oneOf`` variants), resolved; [] without a body."""
        body = self.body_schema(raw)
        return [] if body is None else [self.resolve(s) for s in body.get("oneOf", [body])]

    def _defaults(self, raw: JSON, names: tuple[str, ...]) -> dict[str, int]:
        out: dict[str, int] = {}
        for variant in self._body_variants(raw):
            for name in names:
                default = variant.get("properties", {}).get(name, {}).get("default")
                if isinstance(default, int):
                    out[name] = default
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
        if operation_id not in self.operations:
            raise KeyError(f"unknown operation {operation_id!r}")
        return self.operations[operation_id]

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
        for variant in self._body_variants(raw):
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


def lifecycle(name: str) -> Lifecycle:
    """The lifecycle ``name`` of the shipped spec: ``task_status``, ``project_status``,
    ``generation_status``, ``upscale_status`` or ``video_status``."""
    return load_spec().lifecycle(name)

"""LLM tool definitions generated from ``openapi.json``: one tool per operation, for OpenAI function
calling, Anthropic tool use and MCP.

Each tool's input is one JSON object: the operation's path/query parameters and its JSON body merged,
``$ref``s inlined (through :meth:`huhu_ext.spec.Spec.inline`), and a ``oneOf`` body flattened into one
object (properties of every variant, required = what every variant requires; the variants are spelled
out in the description) because none of the three targets accepts a union at the root. The exact body
schema (with its ``oneOf`` and ``if``/``then``/``else``) is kept on the :class:`ToolSpec` and checked
by :func:`check_arguments` before anything is sent.

Descriptions carry the spec's summary and description, its agent tips (``x-huhu-agent-tips``), the
credit cost (``x-huhu-credits``) and the slot use (``x-huhu-slots``), so an agent sees what a call costs.

    huhu tools export --format openai|anthropic|mcp [--only TAGS|OPS] [--read-only]
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import click

from huhu_ext.spec import JSON, Operation, Spec, load_spec

__all__ = [
    "FORMATS",
    "NAME_PATTERN",
    "ToolInputError",
    "ToolSpec",
    "build_tools",
    "check_arguments",
    "check_object",
    "cost_text",
    "export",
    "fit",
    "select",
    "slots_text",
    "tools_cli",
]

Format = Literal["openai", "anthropic", "mcp"]
FORMATS: tuple[Format, ...] = ("openai", "anthropic", "mcp")
NAME_PATTERN = re.compile(r"^[a-zA-Z0-9_-]{1,64}$")
OPENAI_DESCRIPTION_MAX = 1024  # OpenAI refuses longer function descriptions
# OpenAPI-only or bulky keywords that tell a model nothing it needs (examples stay in descriptions)
_DROPPED = frozenset({"example", "examples", "xml", "externalDocs", "deprecated", "readOnly", "writeOnly"})
META_KEY = "ai.huhu/operation"


class ToolInputError(ValueError):
    """Tool arguments that do not fit the operation; ``field`` names the offending argument."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field


@dataclass(frozen=True)
class ToolSpec:
    """One operation as a tool."""

    name: str
    title: str
    description: str
    input_schema: JSON  # the merged object every target accepts
    operation: Operation
    locations: Mapping[str, str]  # argument -> "query" | "path" | "body"
    body_schema: JSON | None = field(default=None, repr=False)  # exact, $refs inlined
    essentials: str = ""  # the cost, slots and route sentences at the end of the description

    @property
    def billable(self) -> bool:
        return self.operation.credits is not None

    @property
    def read_only(self) -> bool:
        return self.operation.method == "GET"

    @property
    def annotations(self) -> JSON:
        method = self.operation.method
        return {
            "title": self.title,
            "readOnlyHint": self.read_only,
            # PUT overwrites fields of an existing object; POST creates (or spends) and never destroys
            "destructiveHint": method == "PUT",
            # POSTs create a new object (or charge again) each time; GET and PUT give the same state twice
            "idempotentHint": method in ("GET", "PUT"),
            "openWorldHint": True,
        }

    @property
    def meta(self) -> JSON:
        op = self.operation
        where = {"method": op.method, "path": op.path, "tag": op.tag, "billable": self.billable}
        return {
            META_KEY: {**where, "credits": op.raw.get("x-huhu-credits"), "slots": op.raw.get("x-huhu-slots")}
        }

    def split(self, arguments: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any] | None]:
        """``(query/path kwargs, JSON body or None)`` of valid arguments."""
        body = {k: v for k, v in arguments.items() if self.locations.get(k) == "body"}
        params = {k: v for k, v in arguments.items() if k not in body}
        return params, None if self.body_schema is None else body

    def price(self, arguments: Mapping[str, Any]) -> int:
        """Credits a call with these arguments costs (from ``x-huhu-credits``)."""
        rule = self.operation.credits
        return 0 if rule is None else rule.price(self.split(arguments)[1] or {})


def _clean(schema: Any, loosen: bool = False, names: bool = False) -> Any:
    """``schema`` without the keywords in ``_DROPPED`` (``names``: a ``properties`` map, whose keys
    are field names, never keywords); ``loosen``: ``oneOf`` → ``anyOf`` (function-calling targets take
    anyOf below the root; the exact oneOf is still checked by :func:`check_arguments`)."""
    if isinstance(schema, list):
        return [_clean(s, loosen) for s in schema]
    if not isinstance(schema, dict):
        return schema
    return {
        ("anyOf" if loosen and k == "oneOf" else k): _clean(v, loosen, names=not names and k == "properties")
        for k, v in schema.items()
        if names or k not in _DROPPED
    }


def _body_fields(spec: Spec, raw: JSON) -> tuple[JSON | None, dict[str, Any], list[str], list[str]]:
    """``(exact body schema, its fields over every variant, what every variant requires, notes for
    the description)``."""
    schema = spec.body_schema(raw)
    if schema is None:
        return None, {}, [], []
    exact = _clean(spec.inline(schema))
    variants: list[JSON] = exact.get("oneOf", [exact])
    fields: dict[str, Any] = {}
    notes: list[str] = []
    for i, variant in enumerate(variants, 1):
        for name, prop in variant.get("properties", {}).items():
            fields.setdefault(name, _clean(prop, loosen=True))
        if len(variants) > 1:
            needed = ", ".join(variant.get("required", [])) or "nothing"
            notes.append(f"Variant {i}: {variant.get('description', '').strip()} Requires: {needed}.")
    required = [
        r for r in variants[0].get("required", []) if all(r in v.get("required", []) for v in variants)
    ]
    if "if" in exact and exact.get("description"):
        notes.append(str(exact["description"]))
    return exact, fields, required, notes


def cost_text(op: Operation, properties: Mapping[str, Any] | None = None) -> str:
    """One sentence stating what a call of ``op`` costs, from its ``x-huhu-credits``."""
    rule = op.credits
    if rule is None:
        return "Cost: free (0 credits)."
    if rule.credits is not None:
        unit = f"{rule.credits} credit{'s' if rule.credits != 1 else ''}"
    else:
        prices = sorted(rule.by_values.items(), key=lambda kv: (kv[1], kv[0]))
        unit = ", ".join(f"{v} credits when {rule.by_param}={k}" for k, v in prices) + ","
    per = " per output image" if rule.per == "output_image" else " per request"
    props = properties or {}
    factors = [
        f"the number of {name}"
        if props.get(name, {}).get("type") == "array"
        else f"{name} (default {rule.defaults.get(name, 1)})"
        for name in rule.factors
    ]
    text = f"Cost: {unit}{per}" + (f", times {' times '.join(factors)}" if factors else "") + "."
    if rule.when_present:
        text += f" Charged only when {rule.when_present} is given; free otherwise."
    text += f" Billed as {rule.operation!r} ({rule.price_item}), deducted when submitted."
    return text


def slots_text(op: Operation) -> str:
    if op.slots_per is None:
        return ""
    if op.slots_per == "request":
        return "Holds one concurrency slot while it runs (429 when none is free)."
    return f"Holds one concurrency slot per item of {op.slots_per} while it runs (429 when they do not fit)."


def _join(parts: Iterable[str]) -> str:
    return " ".join(p.strip() for p in parts if p.strip())


def _description(op: Operation, notes: Sequence[str], properties: Mapping[str, Any]) -> tuple[str, str]:
    """``(what the operation does, its cost/slots/route)``: the second part is never shortened."""
    raw = op.raw
    tips = " ".join(raw.get("x-huhu-agent-tips", []))
    summary, description = str(raw.get("summary", "")).rstrip(".") + ".", str(raw.get("description", ""))
    explanation = _join([summary, description, *notes, f"Agent tips: {tips}" if tips else ""])
    return explanation, _join([cost_text(op, properties), slots_text(op), f"({op.method} {op.path})"])


def fit(tool: ToolSpec, limit: int) -> str:
    """The description in at most ``limit`` characters: the explanation is cut, the cost is kept."""
    if len(tool.description) <= limit:
        return tool.description
    room = max(0, limit - len(tool.essentials) - 2)
    return tool.description[:room].rstrip() + "… " + tool.essentials


def tool_for(spec: Spec, op: Operation) -> ToolSpec:
    properties: dict[str, Any] = {}
    required: list[str] = []
    locations: dict[str, str] = {}
    for param in map(spec.resolve, op.raw.get("parameters", [])):
        prop = _clean(spec.inline(param.get("schema", {})), loosen=True)
        if param.get("description"):
            prop = {"description": param["description"], **prop}
        properties[param["name"]] = prop
        locations[param["name"]] = param["in"]
        if param.get("required"):
            required.append(param["name"])
    exact, fields, body_required, notes = _body_fields(spec, op.raw)
    for name in fields:
        if name in properties:
            raise ValueError(f"{op.operation_id}: {name!r} is both a parameter and a body field")
    properties.update(fields)
    locations.update(dict.fromkeys(fields, "body"))
    schema: JSON = {"type": "object", "properties": properties}
    if required + body_required:
        schema["required"] = required + body_required
    explanation, essentials = _description(op, notes, properties)
    if not NAME_PATTERN.match(op.operation_id):
        raise ValueError(f"operationId {op.operation_id!r} is not a valid tool name")
    return ToolSpec(
        name=op.operation_id,
        title=str(op.raw.get("summary", op.operation_id)),
        description=_join([explanation, essentials]),
        essentials=essentials,
        input_schema=schema,
        operation=op,
        locations=locations,
        body_schema=exact,
    )


def build_tools(spec: Spec | None = None) -> list[ToolSpec]:
    """All operations of the spec as tools, in the spec's order."""
    spec = spec or load_spec()
    return [tool_for(spec, op) for op in spec.operations.values()]


def select(tools: Iterable[ToolSpec], only: Sequence[str] = (), read_only: bool = False) -> list[ToolSpec]:
    """Tools whose tag or operation id is in ``only`` (all when empty); GETs only with ``read_only``."""
    wanted = {w.strip() for w in only if w.strip()}
    known = {t.name for t in tools} | {t.operation.tag for t in tools}
    unknown = sorted(wanted - known)
    if unknown:
        raise ValueError(
            f"unknown tag or operation: {', '.join(unknown)} (known: {', '.join(sorted(known))})"
        )
    return [
        t
        for t in tools
        if (not wanted or {t.name, t.operation.tag} & wanted) and (t.read_only or not read_only)
    ]


_SHAPES: dict[str, Callable[[ToolSpec], JSON]] = {
    "openai": lambda t: {
        "type": "function",
        "function": {
            "name": t.name,
            "description": fit(t, OPENAI_DESCRIPTION_MAX),
            "parameters": t.input_schema,
            "strict": False,
        },
    },
    "anthropic": lambda t: {"name": t.name, "description": t.description, "input_schema": t.input_schema},
    "mcp": lambda t: {
        "name": t.name,
        "title": t.title,
        "description": t.description,
        "inputSchema": t.input_schema,
        "annotations": t.annotations,
        "_meta": t.meta,
    },
}


def export(tools: Iterable[ToolSpec], fmt: Format) -> list[JSON]:
    """Tool definitions in the request shape of ``fmt``."""
    if fmt not in _SHAPES:
        raise ValueError(f"unknown format {fmt!r} (one of {', '.join(FORMATS)})")
    return [_SHAPES[fmt](t) for t in tools]


# -- checking arguments -------------------------------------------------------------------------------


def _field_of(error: Any) -> str:
    path = [str(p) for p in error.absolute_path]
    if error.validator == "required":
        missing = re.search(r"'([^']+)' is a required property", error.message)
        if missing:
            path.append(missing.group(1))
    return ".".join(path) or "arguments"


def check_object(schema: JSON, arguments: Mapping[str, Any]) -> None:
    """Raise :class:`ToolInputError` naming the field when ``arguments`` do not fit an object schema
    (unknown arguments included: a typo must not be dropped silently)."""
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import best_match

    unknown = sorted(set(arguments) - set(schema["properties"]))
    if unknown:
        raise ToolInputError(
            unknown[0], f"unknown argument (allowed: {', '.join(sorted(schema['properties']))})"
        )
    error = best_match(Draft202012Validator(schema).iter_errors(dict(arguments)))
    if error is not None:
        if error.validator == "oneOf" and not list(error.absolute_path):
            options = [" + ".join(v.get("required", [])) or "no field" for v in schema.get("oneOf", [])]
            raise ToolInputError("arguments", "give exactly one of the variants: " + " | ".join(options))
        raise ToolInputError(_field_of(error), error.message)


def check_arguments(tool: ToolSpec, arguments: Mapping[str, Any]) -> None:
    """Raise :class:`ToolInputError` naming the field when ``arguments`` do not fit the operation:
    first the merged tool schema, then the exact body schema (its oneOf and if/then/else)."""
    check_object(tool.input_schema, arguments)
    _, body = tool.split(arguments)
    if tool.body_schema is not None and body is not None:
        check_object({"properties": {k: {} for k in body}, **tool.body_schema}, body)


# -- command line --------------------------------------------------------------------------------------


@click.group("tools")
def tools_cli() -> None:
    """LLM tool definitions generated from openapi.json."""


@tools_cli.command("export")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="mcp", show_default=True)
@click.option("--only", default="", help="Comma-separated tags or operation ids (default: all).")
@click.option("--read-only", is_flag=True, help="Only operations that change nothing (GETs).")
def export_command(fmt: Format, only: str, read_only: bool) -> None:
    """Print the tool definitions as JSON (deterministic: same spec, same bytes)."""
    try:
        chosen = select(build_tools(), only.split(","), read_only)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None
    click.echo(json.dumps(export(chosen, fmt), indent=2, ensure_ascii=False))

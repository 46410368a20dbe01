"""``docs/huhu-agent-reference.md``: the API reference for LLM context windows, rendered from the spec.

Everything in it (operations, parameters, costs, slots, statuses, agent tips) is read from
``openapi.json`` through :mod:`huhu_ext.spec` and :mod:`huhu_ext.tools`; only the prose and the workflow
outlines are written by hand, in ``agent_reference.template.md``, and their costs are computed from the
spec. ``python -m huhu_ext.regen`` rewrites the file and ``--check`` fails when it differs from what
the spec renders.
"""

from __future__ import annotations

from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from string import Template
from typing import Any

from huhu_ext.spec import Spec, load_spec
from huhu_ext.tools import ToolSpec, build_tools, cost_text, slots_text

__all__ = ["REFERENCE_PATH", "check", "render", "write"]

REFERENCE_PATH = Path("docs") / "huhu-agent-reference.md"


def _type(schema: dict[str, Any]) -> str:
    if "enum" in schema:
        return " \\| ".join(f"`{v}`" for v in schema["enum"])
    for union in ("oneOf", "anyOf"):
        if union in schema:
            return " or ".join(_type(s) for s in schema[union])
    kind = schema.get("type", "object")
    if kind == "array":
        return f"{_type(schema.get('items', {}))}[]"
    if kind == "object" and "properties" in schema:
        return "{" + ", ".join(schema["properties"]) + "}"
    return str(kind)


def _cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _statuses(spec: Spec) -> Iterator[str]:
    """One line per status lifecycle of the spec: its states by phase (a wait ends on done or failed)."""
    for life in spec.lifecycles.values():
        phases = zip(
            ("not started", "running", "finished", "failed"),
            (life.idle, life.running, life.done, life.failed),
            strict=True,
        )
        parts = [
            f"{what}: " + ", ".join(f"`{s}`" for s in life.states if s in states)
            for what, states in phases
            if states
        ]
        yield f"- {life.name}: {'; '.join(parts)}. A status not listed here counts as running (keep waiting)."


def _operations(spec: Spec, tools: list[ToolSpec]) -> Iterator[str]:
    """The operations section: each tag's operations with their tips, cost, slots and arguments."""
    for tag in [t["name"] for t in spec.document.get("tags", [])]:
        in_tag = [t for t in tools if t.operation.tag == tag]
        if not in_tag:
            continue
        yield from [f"### {tag}", ""]
        for t in in_tag:
            op = t.operation
            yield from [
                f"#### `{t.name}` — {op.method} {op.path}",
                "",
                _cell(op.raw.get("summary", "")) + ".",
                "",
            ]
            if op.raw.get("description"):
                yield from [_cell(op.raw["description"]), ""]
            for tip in op.raw.get("x-huhu-agent-tips", []):
                yield f"- Agent tip: {_cell(tip)}"
            yield f"- {cost_text(op, t.input_schema['properties'])}"
            if slots_text(op):
                yield f"- {slots_text(op)}"
            yield ""
            props = t.input_schema["properties"]
            if props:
                required = set(t.input_schema.get("required", []))
                yield from ["| Argument | In | Type | Required | Description |", "|---|---|---|---|---|"]
                for name, schema in props.items():
                    desc = schema.get("description", "")
                    if "default" in schema:
                        desc = f"{desc} (default {schema['default']})".strip()
                    yield (
                        f"| `{name}` | {t.locations[name]} | {_cell(_type(schema))} | "
                        f"{'yes' if name in required else 'no'} | {_cell(desc)} |"
                    )
                yield ""


def render(spec: Spec | None = None) -> str:
    """The reference: ``agent_reference.template.md`` (its prose and workflow outlines) filled in from
    the spec."""
    spec = spec or load_spec()
    tools = build_tools(spec)
    costs = []
    for t in tools:
        if t.billable:
            op = t.operation
            cost = cost_text(op, t.input_schema["properties"]).removeprefix("Cost: ")
            costs.append(
                f"| `{t.name}` | {op.method} {op.path} | {_cell(cost)} | {_cell(slots_text(op)) or '-'} |\n"
            )
    template = Template(
        resources.files("huhu_ext").joinpath("agent_reference.template.md").read_text(encoding="utf-8")
    )
    text = template.substitute(
        description=_cell(spec.document["info"].get("description", "")),
        base_url=spec.document["servers"][0]["url"],
        team_defaults=", ".join(f"{k}={v}" for k, v in sorted(spec.team_defaults.items())),
        costs="".join(costs),
        statuses="".join(line + "\n" for line in _statuses(spec)),
        tryon_price=spec.price("generate_tasks", {"task_ids": ["t"], "num_output_images": 1}),
        face_price=spec.price("generate_face", {"prompt": "p"}),
        completed=spec.lifecycle("task_status").state("completed"),
        operations="\n".join(_operations(spec, tools)),
    )
    return text.rstrip() + "\n"


def write(repo: Path, spec: Spec | None = None) -> Path:
    target = repo / REFERENCE_PATH
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(render(spec), encoding="utf-8")
    return target


def check(repo: Path, spec: Spec | None = None) -> str | None:
    """A problem line when the committed reference differs from what the spec renders, else None."""
    target = repo / REFERENCE_PATH
    if not target.is_file():
        return f"missing: {REFERENCE_PATH}"
    if target.read_text(encoding="utf-8") != render(spec):
        return f"changed: {REFERENCE_PATH}"
    return None

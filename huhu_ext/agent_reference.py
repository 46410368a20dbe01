"""``docs/huhu-agent-reference.md``: the API reference for LLM context windows, rendered from the spec.

Everything in it (operations, parameters, costs, slots, statuses, agent tips) is read from
``openapi.json`` through :mod:`huhu_ext.spec` and :mod:`huhu_ext.tools`; only the workflow outlines are
written here, and their costs are computed from the spec. ``python -m huhu_ext.regen`` rewrites the
file and ``--check`` fails when it differs from what the spec renders.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from huhu_ext.spec import Spec, load_spec
from huhu_ext.tools import build_tools, cost_text, slots_text

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
    seen: dict[tuple[str, ...], list[str]] = {}
    for name, schema in spec.document["components"]["schemas"].items():
        for prop, value in schema.get("properties", {}).items():
            if "status" in prop and "enum" in value:
                seen.setdefault(tuple(value["enum"]), []).append(f"{name}.{prop}")
    for values, where in seen.items():
        yield f"- {', '.join(where)}: one of " + ", ".join(f"`{v}`" for v in values)


def _workflows(spec: Spec) -> list[str]:
    gen = spec.price("generate_tasks", {"task_ids": ["t"], "num_output_images": 1})
    face = spec.price("generate_face", {"prompt": "p"})
    completed = spec.lifecycle("task_status").state("completed")
    return [
        "## Workflows",
        "",
        f"**Try-on** (costs {gen} credits per task and output image; everything else is free):",
        "1. `get_models` with attribute filters (the user's description), then `get_models` with `model_id`:"
        " pick a `front_facing`, `fullbody` image; its `model_image_id` is the model image.",
        "2. `create_project` → `project_id`.",
        "3. `upload_project_file` with `file_type=garment_image` and the base64 `file_data` → one SKU per image.",
        "4. `get_skus` → `sku_id`s; `create_tasks` with them → tasks (one per view).",
        "5. `update_task` with `model_image` for every task (required before generation).",
        "6. `generate_tasks` with the `task_ids` (billed now, one slot per task), then poll `get_tasks`"
        f" until every task is `{completed}` (or failed: refunded); outputs hold signed URLs.",
        "",
        f"**New model face** (costs {face} credit per image): `generate_face` → poll `get_generation_request`"
        " → `create_model` → `create_model_image` with `model_id` + `style_id` + `image_url` (free).",
        "",
        "**Money**: check `get_plan` before spending; a request whose answer was lost may have been"
        " charged: look at `get_credit_history` (and the job's status) before sending it again.",
        "",
    ]


def render(spec: Spec | None = None) -> str:
    spec = spec or load_spec()
    info = spec.document["info"]
    tools = build_tools(spec)
    lines = [
        "# Huhu API — reference for LLM agents",
        "",
        "<!-- Generated from openapi.json by `python -m huhu_ext.regen`; do not edit by hand. -->",
        "",
        _cell(info.get("description", "")),
        "",
        f"Base URL: `{spec.document['servers'][0]['url']}`. Auth: `Authorization: Bearer sk-<key>`.",
        "New teams: "
        + ", ".join(f"{k}={v}" for k, v in sorted(spec.team_defaults.items()))
        + ". Errors are JSON `{message, code, detail?}` with HTTP 401/402/403/404/422/429/500.",
        "",
        "## Costs",
        "",
        "| Operation | Call | Cost | Slots |",
        "|---|---|---|---|",
    ]
    for t in tools:
        if t.billable:
            op = t.operation
            cost = cost_text(op, t.input_schema["properties"]).removeprefix("Cost: ")
            lines.append(
                f"| `{t.name}` | {op.method} {op.path} | {_cell(cost)} | {_cell(slots_text(op)) or '-'} |"
            )
    lines += ["", "Every other operation is free.", "", "## Statuses", "", *_statuses(spec), ""]
    lines += _workflows(spec)
    lines += ["## Operations", ""]
    for tag in [t["name"] for t in spec.document.get("tags", [])]:
        in_tag = [t for t in tools if t.operation.tag == tag]
        if not in_tag:
            continue
        lines += [f"### {tag}", ""]
        for t in in_tag:
            op = t.operation
            lines += [
                f"#### `{t.name}` — {op.method} {op.path}",
                "",
                _cell(op.raw.get("summary", "")) + ".",
                "",
            ]
            if op.raw.get("description"):
                lines += [_cell(op.raw["description"]), ""]
            for tip in op.raw.get("x-huhu-agent-tips", []):
                lines.append(f"- Agent tip: {_cell(tip)}")
            lines.append(f"- {cost_text(op, t.input_schema['properties'])}")
            if slots_text(op):
                lines.append(f"- {slots_text(op)}")
            lines.append("")
            props = t.input_schema["properties"]
            if props:
                required = set(t.input_schema.get("required", []))
                lines += ["| Argument | In | Type | Required | Description |", "|---|---|---|---|---|"]
                for name, schema in props.items():
                    desc = schema.get("description", "")
                    if "default" in schema:
                        desc = f"{desc} (default {schema['default']})".strip()
                    lines.append(
                        f"| `{name}` | {t.locations[name]} | {_cell(_type(schema))} | "
                        f"{'yes' if name in required else 'no'} | {_cell(desc)} |"
                    )
                lines.append("")
    return "\n".join(lines).rstrip() + "\n"


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

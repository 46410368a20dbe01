"""The mock's dashboard at ``/_mock/ui``: its state and its request journal, for a human.

Server-rendered (Jinja templates in ``mock_server/ui/templates``, shipped as package data) with a
little plain JavaScript that polls JSON (``GET /_mock/requests?after=<seq>``) and re-renders the
state panels (``GET /_mock/ui/panels``) when something happened. Nothing is fetched from the
internet. The advance-clock and add-fault controls call the admin API (``/_mock/clock/advance``,
``/_mock/faults``), so they obey the same rules as any other admin call. Like the rest of
``/_mock/``, the page shows no key material (D-JOURNAL-UI).
"""

from __future__ import annotations

import functools
import json
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import jinja2

from mock_server.domain.access import Caller
from mock_server.domain.shared import sku_category

if TYPE_CHECKING:
    from flask import Flask

    from mock_server.journal import Journal
    from mock_server.models import HuhuBackend

__all__ = ["install", "view_model"]

JOURNAL_ROWS = 200  # journal rows the page renders at first (the poller appends the newer ones)
LEDGER_ROWS = 100
RUNNING = ("submitted", "generating")


def _clock_text(seconds: float) -> str:
    return time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(seconds)) + f".{int(seconds * 1000) % 1000:03d}"


def _short(ident: str | None) -> str:
    return "—" if not ident else ident[:8]


def view_model(backend: HuhuBackend, base_url: str) -> dict[str, Any]:
    """Everything the panels show, from the state dump (which settles due jobs first)."""
    state = backend.dump_state()
    now = float(state["now"])
    signer = Caller(team_id="", key_id="", program_id="", base_url=base_url)

    def url(path: str) -> str:
        return backend.file_url(signer, path)

    def urls(paths: str | None) -> list[str]:
        return [url(path) for path in json.loads(paths or "[]")]

    program_team = {p["program_id"]: p["team_id"] for p in state["programs"]}
    running = [j for j in state["jobs"] if j["state"] in RUNNING and j["finish_at"] > now]
    busy = Counter(j["team_id"] for j in running)
    keys = Counter(k["team_id"] for k in state["api_keys"] if not k["revoked"])
    job_of = {j["ref_id"]: j for j in state["jobs"] if j["state"] in RUNNING}

    def progress(ref: str) -> str | None:
        job = job_of.get(ref)
        return None if job is None else f"{max(0.0, job['finish_at'] - now):.0f} s left"

    garments: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for g in state["garment_images"]:
        garments[g["sku_id"]].append({**g, "url": url(g["image_id"])})
    tasks_of: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for task in state["tasks"]:
        tasks_of[task["sku_id"]].append(
            {**task, "outputs": urls(task["outputs"]), "progress": progress(task["task_id"])}
        )
    skus_of: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for sku in state["skus"]:
        images = garments[sku["sku_id"]]
        skus_of[sku["project_id"]].append(
            {
                **sku,
                "category": sku_category(g["garment_type"] for g in images),
                "garments": images,
                "tasks": tasks_of[sku["sku_id"]],
            }
        )

    def requests(table: str, **outputs: Callable[[dict[str, Any]], Any]) -> list[dict[str, Any]]:
        """The requests of ``table``, newest first, with their team, ``outputs`` (URLs) and progress."""
        return [
            {
                **r,
                "team_id": program_team.get(r["program_id"]),
                **{name: output(r) for name, output in outputs.items()},
                "progress": progress(r["request_id"]),
            }
            for r in reversed(state[table])
        ]

    return {
        "now": now,
        "now_text": _clock_text(now),
        "manual": state["clock"] == "manual",
        "teams": [{**t, "busy": busy[t["team_id"]], "key_count": keys[t["team_id"]]} for t in state["teams"]],
        "ledger": list(reversed(state["ledger"]))[:LEDGER_ROWS],
        "ledger_total": len(state["ledger"]),
        "projects": [
            {**p, "team_id": program_team.get(p["program_id"]), "skus": skus_of[p["project_id"]]}
            for p in reversed(state["projects"])
        ],
        "generations": requests("gen_requests", images=lambda r: urls(r["images"])),
        "upscales": requests("upscales", results=lambda r: urls(r["results"])),
        "videos": requests("videos", video_url=lambda v: url(v["video_file"]) if v["video_file"] else None),
        "faults": state["faults"],
        "running": len(running),
    }


@functools.cache
def _templates() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("mock_server.ui", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["clock"] = _clock_text
    env.filters["short"] = _short
    env.filters["compact"] = lambda value: json.dumps(value, ensure_ascii=False)
    return env


def install(app: Flask, backend: HuhuBackend, journal: Journal) -> None:
    """Add ``GET /_mock/ui`` (the page) and ``GET /_mock/ui/panels`` (its state panels, for refresh)."""
    from flask import Response, request

    def html(template: str, **context: Any) -> Response:
        """``template`` rendered with the view model (``m``) and ``context``, never cached."""
        model = view_model(backend, request.url_root.rstrip("/"))
        text = _templates().get_template(template).render(m=model, **context)
        return Response(text, content_type="text/html; charset=utf-8", headers={"Cache-Control": "no-store"})

    def page() -> Response:
        entries = [e.as_json() for e in journal.entries(limit=JOURNAL_ROWS)]
        return html(
            "dashboard.html",
            entries=list(reversed(entries)),
            last_seq=max((e["seq"] for e in entries), default=0),
            journal_size=journal.size,
        )

    app.add_url_rule("/_mock/ui", endpoint="mock_ui", view_func=page, methods=["GET"])
    app.add_url_rule("/_mock/ui/panels", endpoint="mock_ui_panels", view_func=lambda: html("panels.html"))

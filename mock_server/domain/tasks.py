"""SKUs and try-on tasks: ``/sku``, ``/task``, ``/task/generate`` (D-TASK-CREATE, D-TASK-STATUS, D-TASK-LIST)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from mock_server.domain.access import Caller
from mock_server.domain.jobs import JobsMixin
from mock_server.domain.shared import Json, NewJob, Row, new_id, pick
from mock_server.errors import FieldError, Invalid, InvalidState

_SKU = ("sku_id", "sku_name", "garment_type", "model_id", "style_id")  # an SKU's fields in lists and detail


class TaskOps(JobsMixin):
    """GET and PUT /sku, POST, PUT and GET /task, POST /task/generate."""

    def get_skus(self, caller: Caller, params: Mapping[str, Any]) -> Json:
        with self.db.read() as tx:
            project = self._project(tx, caller, params["project_id"], params.get("program_id"))
            if params.get("sku_id") is not None:
                sku = self._sku(tx, caller, params["sku_id"], project)
                images = tx.all(
                    "SELECT * FROM garment_images WHERE sku_id = ? ORDER BY seq", (sku["sku_id"],)
                )
                detail = pick(sku, *_SKU)
                detail["garment_images"] = [
                    {
                        **pick(g, "garment_id", "image_id"),
                        "image_url": self.file_url(caller, g["image_id"]),
                        **pick(g, "garment_type", "view", "presentation"),
                    }
                    for g in images
                ]
                return self._unpaged("get_skus", [detail])  # the reference's example has no token
            return self._paginate(
                tx,
                "get_skus",
                params,
                lambda row: pick(row, *_SKU),
                table="skus",
                where="project_id = ?",
                args=[project["project_id"]],
                scope=f"skus:{project['project_id']}",
            )

    def update_skus(self, caller: Caller, params: Mapping[str, Any]) -> Json:
        with self.db.transaction() as tx:
            project = None
            if params.get("project_id") is not None:
                project = self._project(tx, caller, params["project_id"], params.get("program_id"))
            skus = [self._sku(tx, caller, sku_id, project) for sku_id in params["sku_ids"]]
            if params.get("model_id") is not None:
                self._model(tx, caller, params["model_id"])
            changes = {k: params[k] for k in ("model_id", "style_id", "garment_type") if k in params}
            if changes:
                for sku in skus:
                    tx.update("skus", "sku_id", sku["sku_id"], changes)
        return {"message": "success"}

    def create_tasks(self, caller: Caller, params: Mapping[str, Any]) -> Json:
        """D-TASK-CREATE: one task per view among each SKU's garment images; idempotent."""
        with self.db.transaction() as tx:
            project = self._project(tx, caller, params["project_id"], params.get("program_id"))
            skus = [self._sku(tx, caller, sku_id, project) for sku_id in dict.fromkeys(params["sku_ids"])]
            for sku in skus:
                views = {
                    r[0] for r in tx.all("SELECT view FROM garment_images WHERE sku_id = ?", (sku["sku_id"],))
                }
                have = {r[0] for r in tx.all("SELECT view FROM tasks WHERE sku_id = ?", (sku["sku_id"],))}
                for view in ("front", "back"):
                    if view in views and view not in have:
                        tx.insert(
                            "tasks",
                            {
                                "task_id": new_id(),
                                "sku_id": sku["sku_id"],
                                "project_id": project["project_id"],
                                "view": view,
                                "task_status": self.task_life.state("created"),
                                "create_time": self._ms(),
                            },
                        )
        return {"message": "success"}

    def update_task(self, caller: Caller, params: Mapping[str, Any]) -> Json:
        with self.db.transaction() as tx:
            project = self._project(tx, caller, params["project_id"], params.get("program_id"))
            self._sku(tx, caller, params["sku_id"], project)
            task = self._task(tx, caller, params["task_id"], project, params["sku_id"])
            if task["task_status"] in self.task_life.running:
                raise InvalidState.field(
                    "body.task_id", f"task is generating ({task['task_status']}); wait for it"
                )
            changes: dict[str, Any] = {}
            if params.get("model_id") is not None:
                self._model(tx, caller, params["model_id"])
                changes["model_id"] = params["model_id"]
            if params.get("model_image") is not None:
                owner = self._model_image_owner(tx, caller, params["model_image"])
                if owner is not None and changes.get("model_id", owner) != owner:
                    raise Invalid.field(
                        "body.model_image", f"belongs to model {owner}, not {changes['model_id']}"
                    )
                changes["model_image"] = params["model_image"]
                if owner is not None:
                    changes["model_id"] = owner
            if changes:
                tx.update("tasks", "task_id", task["task_id"], changes)
        return {"message": "success"}

    def generate_tasks(self, caller: Caller, params: Mapping[str, Any]) -> Json:
        task_ids: list[str] = params["task_ids"]
        duplicates = sorted({t for t in task_ids if task_ids.count(t) > 1})
        if duplicates:
            raise Invalid.field("body.task_ids", f"lists tasks more than once: {', '.join(duplicates)}")
        with self.db.transaction() as tx:
            project = self._project(tx, caller, params["project_id"], params.get("program_id"))
            tasks = [self._task(tx, caller, task_id, project) for task_id in task_ids]
            errors = [
                FieldError(
                    f"body.task_ids.{i}", f"task {t['task_id']} has no model_image; set it with PUT /task"
                )
                for i, t in enumerate(tasks)
                if t["model_image"] is None
            ]
            life, submitted = self.task_life, self.task_life.state("submitted")
            errors += [  # x-huhu-lifecycle: only a task whose status may move to Submitted
                FieldError(
                    f"body.task_ids.{i}",
                    f"task {t['task_id']} is already generating ({t['task_status']})"
                    if t["task_status"] in life.running
                    else f"task {t['task_id']} cannot be generated from {t['task_status']!r}",
                )
                for i, t in enumerate(tasks)
                if not life.allows(t["task_status"], submitted)
            ]
            if errors:
                raise InvalidState(errors)
            program = self._program(tx, caller, project["program_id"])  # the project's, so usable
            self._admit(
                tx,
                operation_id="generate_tasks",
                body=params,
                program=program,
                request_id=new_id(),
                jobs=[NewJob("tryon", t, self.tryon_seconds) for t in task_ids],
            )
            changes = {
                "task_status": submitted,
                "num_output_images": params.get("num_output_images", 1),
                "prompt": params.get("prompt"),
                "outputs": "[]",  # a new generation replaces the previous outputs
            }
            for task_id in task_ids:
                tx.update("tasks", "task_id", task_id, changes)
        return {"message": "success"}

    def get_tasks(self, caller: Caller, params: Mapping[str, Any]) -> Json:
        with self.db.read() as tx:
            if params.get("task_id") is not None:
                missing = [f"query.{k}" for k in ("project_id", "sku_id") if params.get(k) is None]
                if missing:
                    raise Invalid(
                        [FieldError(m, "is required for task detail (with task_id)") for m in missing]
                    )
                project = self._project(tx, caller, params["project_id"], params.get("program_id"))
                task = self._task(tx, caller, params["task_id"], project, params["sku_id"])
                return self._task_detail(caller, task)
            if params.get("project_id") is not None:
                project = self._project(tx, caller, params["project_id"], params.get("program_id"))
                where, args = "t.project_id = ?", [project["project_id"]]
            else:
                program = self._program(tx, caller, params.get("program_id"))
                where, args = "p.program_id = ?", [program["program_id"]]
            if params.get("sku_id") is not None:
                where += " AND t.sku_id = ?"
                args.append(params["sku_id"])
            rows = tx.all(
                "SELECT t.task_id, t.task_status, t.view, t.sku_id, t.project_id, s.sku_name"
                " FROM tasks t JOIN skus s ON s.sku_id = t.sku_id"
                f" JOIN projects p ON p.project_id = t.project_id WHERE {where} ORDER BY s.seq, t.seq",
                args,
            )
        groups: dict[str, Json] = {}
        for row in rows:
            group = groups.setdefault(
                row["sku_id"], {**pick(row, "sku_name", "sku_id", "project_id"), "tasks": []}
            )
            group["tasks"].append(pick(row, "task_id", "task_status", "view"))
        return {"skus": list(groups.values())}

    def _task_detail(self, caller: Caller, task: Row) -> Json:
        outputs = [
            {"image_id": path, "image_url": self.file_url(caller, path)}
            for path in json.loads(task["outputs"])
        ]
        return {
            **pick(task, "task_id", "task_status"),
            "output": outputs,
            **pick(task, "sku_id", "project_id", "view", "model_id", "model_image"),
        }

"""The batch try-on journal: a small SQLite file in the output folder that makes a run resumable.

The server's state is the authority (a task's status says whether it was generated); the journal
remembers what this run decided and did, so a rerun after Ctrl-C, a crash or ``kill -9`` neither
uploads, generates nor downloads anything twice. Every write is its own committed transaction.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from huhu_ext.in_doubt import Doubt

__all__ = ["Journal", "OutputRecord", "TaskRecord"]

JOURNAL_NAME = ".huhu-journal.sqlite"

_SCHEMA = resources.files("huhu_ext").joinpath("journal.sql").read_text(encoding="utf-8")


@dataclass(frozen=True, slots=True)
class TaskRecord:
    task_id: str
    sku_id: str
    sku_name: str
    view: str | None
    model_image: str | None
    submitted: bool
    credits: int


@dataclass(frozen=True, slots=True)
class OutputRecord:
    task_id: str
    idx: int
    image_id: str
    file: str
    kind: str
    credits: int


class Journal:
    """Run state of one ``huhu tryon`` output folder."""

    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.path = folder / JOURNAL_NAME
        self._db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        self._db.executescript(_SCHEMA)  # the connection's settings, then the tables

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- meta ---------------------------------------------------------------------------------
    def get(self, key: str) -> Any:
        row = self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else json.loads(row[0])

    def set(self, key: str, value: Any) -> None:
        self._db.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (key, json.dumps(value)))

    # -- SKUs ---------------------------------------------------------------------------------
    def sku_ids(self) -> dict[str, str]:
        return dict(self._db.execute("SELECT sku_name, sku_id FROM skus WHERE sku_id IS NOT NULL"))

    def record_sku(self, sku_name: str, sku_id: str) -> None:
        self._db.execute("INSERT OR REPLACE INTO skus(sku_name, sku_id) VALUES (?, ?)", (sku_name, sku_id))

    # -- tasks --------------------------------------------------------------------------------
    def record_task(self, task_id: str, sku_id: str, sku_name: str, view: str | None) -> None:
        self._db.execute(
            "INSERT INTO tasks(task_id, sku_id, sku_name, view) VALUES (?, ?, ?, ?) ON CONFLICT(task_id) DO NOTHING",
            (task_id, sku_id, sku_name, view),
        )

    def set_model_image(self, task_id: str, model_image: str) -> None:
        self._db.execute("UPDATE tasks SET model_image = ? WHERE task_id = ?", (model_image, task_id))

    def mark_submitted(self, task_ids: list[str], credits_each: int) -> None:
        """One statement, so all the tasks or none (the ids travel as one JSON array: no size limit)."""
        self._db.execute(
            "UPDATE tasks SET submitted = 1, credits = ? WHERE task_id IN (SELECT value FROM json_each(?))",
            (credits_each, json.dumps(task_ids)),
        )

    def tasks(self) -> list[TaskRecord]:
        rows = self._db.execute(
            "SELECT task_id, sku_id, sku_name, view, model_image, submitted, credits FROM tasks "
            "ORDER BY sku_name, view, task_id"
        )
        return [TaskRecord(r[0], r[1], r[2], r[3], r[4], bool(r[5]), r[6]) for r in rows]

    # -- paid requests (upscale, video) ----------------------------------------------------------
    def record_request(self, key: str, request_id: str, credits: int) -> None:
        """Journal a paid request the moment it exists, so a rerun waits for it instead of paying again."""
        self._db.execute(
            "INSERT INTO requests(key, request_id, credits) VALUES (?, ?, ?) ON CONFLICT(key) DO NOTHING",
            (key, request_id, credits),
        )

    def request(self, key: str) -> str | None:
        row = self._db.execute("SELECT request_id FROM requests WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def request_ids(self) -> frozenset[str]:
        return frozenset(str(r[0]) for r in self._db.execute("SELECT request_id FROM requests"))

    def run_ids(self) -> frozenset[str]:
        """Every id the credit history charges this run under: its tasks and paid requests."""
        rows = self._db.execute("SELECT task_id FROM tasks UNION SELECT request_id FROM requests")
        return frozenset(str(r[0]) for r in rows)

    # -- requests in doubt (huhu_ext.in_doubt.DoubtStore) ----------------------------------------
    def doubts(self) -> list[Doubt]:
        return [Doubt.from_json(r[0]) for r in self._db.execute("SELECT doubt FROM doubts ORDER BY key")]

    def save_doubt(self, doubt: Doubt) -> None:
        """Journal a billable request before it is sent (and again when its answer is lost)."""
        self._db.execute(
            "INSERT OR REPLACE INTO doubts(key, doubt) VALUES (?, ?)", (doubt.key, doubt.to_json())
        )

    def drop_doubt(self, key: str) -> None:
        self._db.execute("DELETE FROM doubts WHERE key = ?", (key,))

    def credits_charged(self) -> int:
        """Credits this run has been charged: generated tasks plus paid requests."""
        charges = "SELECT credits FROM tasks UNION ALL SELECT credits FROM requests"
        return int(self._db.execute(f"SELECT COALESCE(SUM(credits), 0) FROM ({charges})").fetchone()[0])

    # -- outputs ------------------------------------------------------------------------------
    def record_output(self, record: OutputRecord) -> None:
        self._db.execute(
            "INSERT INTO outputs(task_id, idx, image_id, file, kind, credits) VALUES (?, ?, ?, ?, ?, ?) "
            "ON CONFLICT(task_id, idx, kind) DO NOTHING",
            (record.task_id, record.idx, record.image_id, record.file, record.kind, record.credits),
        )

    def outputs(self) -> list[OutputRecord]:
        return [output for output, _ in self.outputs_with_tasks()]

    def outputs_with_tasks(self) -> Iterator[tuple[OutputRecord, TaskRecord | None]]:
        """Every output with its task (None if the journal has no such task), in manifest order,
        read lazily: a manifest of any size is written without holding the run in memory."""
        rows = self._db.execute(
            "SELECT o.task_id, o.idx, o.image_id, o.file, o.kind, o.credits, "
            "t.task_id, t.sku_id, t.sku_name, t.view, t.model_image, t.submitted, t.credits "
            "FROM outputs AS o LEFT JOIN tasks AS t ON t.task_id = o.task_id ORDER BY o.file, o.kind"
        )
        for r in rows:
            task = None if r[6] is None else TaskRecord(r[6], r[7], r[8], r[9], r[10], bool(r[11]), r[12])
            yield OutputRecord(*r[:6]), task

    def has_output(self, task_id: str, idx: int, kind: str = "tryon") -> bool:
        found = "SELECT 1 FROM outputs WHERE task_id = ? AND idx = ? AND kind = ?"
        return self._db.execute(found, (task_id, idx, kind)).fetchone() is not None

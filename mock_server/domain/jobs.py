"""Jobs, credits and slots: admission (charge + slot check in one transaction) and lazy completion.

D-DEDUCT / D-SLOTS / D-429: a request is charged and its jobs admitted in the same ``BEGIN IMMEDIATE``
transaction, or refused whole (402 before 429). Jobs finish when the clock passes their finish time:
:meth:`JobsMixin.settle` runs before every operation, renders the outputs of due jobs, and refunds
failed ones (D-REFUND).
"""

from __future__ import annotations

import json
import logging
import math
from collections.abc import Mapping
from typing import Any

from mock_server import imaging
from mock_server.domain.base import (
    GENERATION_LABEL,
    GENERATION_SIZE,
    VIDEO_EXT,
    BackendBase,
    NewJob,
    Row,
    new_id,
)
from mock_server.errors import (
    FieldError,
    InsufficientCredits,
    InvalidState,
    RateLimited,
)
from mock_server.storage import Tx

log = logging.getLogger(__name__)


class JobsMixin(BackendBase):
    """Admission of billable requests and the lazy lifecycle of their jobs."""

    def settle(self) -> None:
        """Move running jobs along the clock: Submitted → Generation, and finish the due ones."""
        now = self.clock.now()
        due_sql = (
            "SELECT 1 FROM jobs WHERE (state = 'submitted' AND phase_at <= ?)"
            " OR (state IN ('submitted', 'generating') AND finish_at <= ?) LIMIT 1"
        )
        with self.db.read() as tx:
            if tx.one(due_sql, (now, now)) is None:
                return
        with self.db.transaction() as tx:
            for job in tx.all(
                "SELECT * FROM jobs WHERE state = 'submitted' AND phase_at <= ? AND finish_at > ?",
                (now, now),
            ):
                tx.update("jobs", "job_id", job["job_id"], {"state": "generating"})
                if job["kind"] == "tryon":
                    life = self.task_life
                    tx.execute(
                        "UPDATE tasks SET task_status = ? WHERE task_id = ? AND task_status = ?",
                        (life.state("generating"), job["ref_id"], life.state("submitted")),
                    )
                elif job["kind"] == "video":
                    life = self.video_life
                    tx.execute(
                        "UPDATE videos SET request_status = ? WHERE request_id = ? AND request_status = ?",
                        (life.state("generating"), job["ref_id"], life.state("submitted")),
                    )
            for job in tx.all(
                "SELECT * FROM jobs WHERE state IN ('submitted', 'generating') AND finish_at <= ?"
                " ORDER BY finish_at, seq",
                (now,),
            ):
                self._finish(tx, job)

    def _finish(self, tx: Tx, job: Row) -> None:
        succeeded = not job["will_fail"]
        if succeeded:
            tx.execute("SAVEPOINT finish_job")
            try:
                self._produce(tx, job)
            except Exception:
                log.exception(
                    "job %s (%s %s) failed while rendering", job["job_id"], job["kind"], job["ref_id"]
                )
                tx.execute("ROLLBACK TO finish_job")
                succeeded = False
            tx.execute("RELEASE finish_job")
        if not succeeded:
            self._fail(tx, job)
        tx.update("jobs", "job_id", job["job_id"], {"state": "done" if succeeded else "failed"})

    def _produce(self, tx: Tx, job: Row) -> None:
        kind, ref, when = job["kind"], job["ref_id"], job["finish_at"]
        program = job["program_id"]
        if kind == "tryon":
            task = tx.get("tasks", "task_id", ref)
            assert task is not None
            garment = tx.one(
                "SELECT f.data FROM garment_images g JOIN files f ON f.path = g.image_id"
                " WHERE g.sku_id = ? AND g.view = ? ORDER BY g.seq LIMIT 1",
                (task["sku_id"], task["view"]),
            )
            model = self._model_image_bytes(tx, task["model_image"])
            assert garment is not None and model is not None
            outputs = []
            for i in range(task["num_output_images"]):
                path = f"outputs/{ref}/{job['job_id'][:12]}-{i + 1}.png"
                png = imaging.tryon_png(garment["data"], model, seed=f"{ref}:{job['job_id']}:{i}")
                self._put_file(tx, path, program, "image/png", png, when)
                outputs.append(path)
            tx.update(
                "tasks",
                "task_id",
                ref,
                {"task_status": self.task_life.state("completed"), "outputs": json.dumps(outputs)},
            )
        elif kind in GENERATION_SIZE:
            request = tx.get("gen_requests", "request_id", ref)
            assert request is not None
            width, height = GENERATION_SIZE[kind]
            images = []
            for i in range(request["num_output_images"]):
                path = f"generated/{ref}/{i + 1}.png"
                png = imaging.placeholder_png(width, height, seed=f"{ref}:{i}", label=GENERATION_LABEL[kind])
                self._put_file(tx, path, program, "image/png", png, when)
                images.append(path)
            tx.update(
                "gen_requests",
                "request_id",
                ref,
                {"status": self.generation_life.state("completed"), "images": json.dumps(images)},
            )
        elif kind == "upscale":
            request = tx.get("upscales", "request_id", ref)
            assert request is not None
            source = tx.get("files", "path", request["input_file"])
            assert source is not None
            png = imaging.upscale_png(source["data"], request["upscale_factor"])
            results = []
            for i in range(request["num_images"]):
                path = f"upscaled/{ref}/{i + 1}.png"
                self._put_file(tx, path, program, "image/png", png, when)
                results.append(path)
            done = self.upscale_life.state("completed")
            tx.update("upscales", "request_id", ref, {"status": done, "results": json.dumps(results)})
        elif kind == "video":
            video = tx.get("videos", "request_id", ref)
            assert video is not None
            data, mime = imaging.video_file(int(video["duration"]), seed=ref)
            path = f"videos/{ref}.{VIDEO_EXT.get(mime, 'bin')}"
            self._put_file(tx, path, program, mime, data, when)
            tx.update(
                "videos",
                "request_id",
                ref,
                {"request_status": self.video_life.state("completed"), "video_file": path},
            )
        else:  # pragma: no cover - kinds are written by this module only
            raise ValueError(f"unknown job kind {kind!r}")

    def _fail(self, tx: Tx, job: Row) -> None:
        kind, ref = job["kind"], job["ref_id"]
        if kind == "tryon":
            tx.update("tasks", "task_id", ref, {"task_status": self.task_life.state("failed")})
        elif kind in GENERATION_SIZE:
            tx.update("gen_requests", "request_id", ref, {"status": self.generation_life.state("failed")})
        elif kind == "upscale":
            tx.update("upscales", "request_id", ref, {"status": self.upscale_life.state("failed")})
        elif kind == "video":
            tx.update("videos", "request_id", ref, {"request_status": self.video_life.state("failed")})
        if job["credits"]:  # D-REFUND: the whole charge back, same request_id
            tx.execute(
                "UPDATE teams SET credits = credits + ? WHERE team_id = ?", (job["credits"], job["team_id"])
            )
            tx.insert(
                "ledger",
                {
                    "team_id": job["team_id"],
                    "program_id": job["program_id"],
                    "request_id": ref,
                    "credits": -job["credits"],
                    "timestamp": self._ms(job["finish_at"]),
                    "operation": "refund",
                },
            )

    def _admit(
        self,
        tx: Tx,
        *,
        operation_id: str,
        body: Mapping[str, Any],
        program: Row,
        request_id: str,
        jobs: list[NewJob],
    ) -> int:
        """Charge the request and start its jobs, or refuse it whole (402, then 429). Returns the cost."""
        op = self.spec.operation(operation_id)
        payer = program["team_id"]
        team = tx.get("teams", "team_id", payer)
        assert team is not None
        entries = op.credits.entries(body) if op.credits else []
        cost = sum(credits for _, credits in entries)
        if cost > team["credits"]:
            raise InsufficientCredits(cost, team["credits"])
        now = self.clock.now()
        slots = op.slots(body)
        if slots:
            if slots > team["slots"]:
                raise InvalidState(
                    [FieldError("body", f"needs {slots} concurrent slots; the team has {team['slots']}")],
                    f"This request needs {slots} concurrent slots but the team has only {team['slots']}",
                )
            running = tx.all(
                "SELECT finish_at FROM jobs WHERE team_id = ? AND state IN ('submitted', 'generating')"
                " AND finish_at > ? ORDER BY finish_at",
                (payer, now),
            )
            if len(running) + slots > team["slots"]:
                wait = math.ceil(running[0]["finish_at"] - now) if running else 1
                raise RateLimited(
                    f"Concurrent request limit reached: {len(running)} of {team['slots']} slots busy,"
                    f" this request needs {slots}",
                    retry_after=wait,
                )
        credits_of: dict[str, int] = {}
        if cost:
            tx.execute("UPDATE teams SET credits = credits - ? WHERE team_id = ?", (cost, payer))
            assert op.credits is not None
            for item, credits in entries:
                ref = item or request_id
                credits_of[ref] = credits_of.get(ref, 0) + credits
                tx.insert(
                    "ledger",
                    {
                        "team_id": payer,
                        "program_id": program["program_id"],
                        "request_id": ref,
                        "credits": credits,
                        "timestamp": self._ms(now),
                        "operation": op.credits.operation,
                    },
                )
        for job in jobs:
            tx.insert(
                "jobs",
                {
                    "job_id": new_id(),
                    "team_id": payer,
                    "program_id": program["program_id"],
                    "kind": job.kind,
                    "ref_id": job.ref_id,
                    "credits": credits_of.get(job.ref_id, 0),
                    "started_at": now,
                    "phase_at": now + job.seconds * 0.25,
                    "finish_at": now + job.seconds,
                    "state": "submitted",
                    "will_fail": int(self._take_failure(tx, job.kind)),
                },
            )
        return cost

    def _take_failure(self, tx: Tx, kind: str) -> bool:
        left = int(tx.get_meta("fail_next") or 0)
        wanted = tx.get_meta("fail_kind") or ""
        if left <= 0 or (wanted and wanted != kind):
            return False
        tx.set_meta("fail_next", str(left - 1))
        return True

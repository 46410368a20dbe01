"""Jobs, credits and slots: admission (charge + slot check in one transaction) and lazy completion.

D-DEDUCT / D-SLOTS / D-429: a request is charged and its jobs admitted in the same ``BEGIN IMMEDIATE``
transaction, or refused whole (402 before 429). Jobs finish when the clock passes their finish time:
:meth:`JobsMixin.settle` runs before every operation and refunds failed jobs (D-REFUND). A finished
job's outputs are not rendered then: their paths are recorded as pending and each is rendered once,
outside any transaction, when first read (D-MOCK-RENDER).
"""

from __future__ import annotations

import json
import logging
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import partial
from typing import Any

from huhu_ext.spec import Lifecycle
from mock_server import elastic, imaging
from mock_server.domain.base import BackendBase
from mock_server.domain.shared import GENERATION_LABEL, GENERATION_SIZE, NewJob, Row, new_id
from mock_server.errors import InsufficientCredits, RateLimited
from mock_server.storage import Tx

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class _Record:
    """Where a job kind keeps its task or request: table, key and status columns, lifecycle, outputs."""

    table: str
    key: str
    status: str
    life: str  # the backend attribute holding the lifecycle
    outputs: str  # the column of the output paths (a JSON list; for a video its one path)

    def where(self, backend: object) -> tuple[str, str, str, Lifecycle]:
        """Table, key column, status column and the backend's lifecycle of these records."""
        return self.table, self.key, self.status, getattr(backend, self.life)


_RECORDS = {
    "tryon": _Record("tasks", "task_id", "task_status", "task_life", "outputs"),
    "generation": _Record("gen_requests", "request_id", "status", "generation_life", "images"),
    "upscale": _Record("upscales", "request_id", "status", "upscale_life", "results"),
    "video": _Record("videos", "request_id", "request_status", "video_life", "video_file"),
}
# A job kind's outputs: the record's column of their number (None: one) and their paths (``ref``,
# ``job``: the job id's first 12 characters, ``n`` counting from 1).
_OUTPUTS = {
    "tryon": ("num_output_images", "outputs/{ref}/{job}-{n}.png"),
    "generation": ("num_output_images", "generated/{ref}/{n}.png"),
    "upscale": ("num_images", "upscaled/{ref}/{n}.png"),
    "video": (None, f"videos/{{ref}}.{imaging.VIDEO_SUFFIX}"),
}

_LEDGER_SQL = (
    "INSERT INTO ledger (team_id, program_id, request_id, credits, timestamp, operation)"
    " VALUES (?, ?, ?, ?, ?, ?)"
)


def _family(kind: str) -> str:
    """The key of a job kind in :data:`_RECORDS` and :data:`_OUTPUTS` (face, image, pose: generation)."""
    return "generation" if kind in GENERATION_SIZE else kind


def _record(kind: str) -> _Record:
    return _RECORDS[_family(kind)]


class JobsMixin(BackendBase):
    """Admission of billable requests and the lazy lifecycle of their jobs."""

    def settle(self) -> None:
        """Move running jobs along the clock: Submitted → Generation, and finish the due ones.

        Finishing is bookkeeping only (statuses, output paths, refunds): the outputs themselves are
        rendered on first read (:meth:`_render_pending`), so the transaction stays short.
        """
        now = self.clock.now()
        due_sql = (
            "SELECT 1 FROM jobs WHERE (state = 'submitted' AND phase_at <= ?)"
            " OR (state IN ('submitted', 'generating') AND finish_at <= ?) LIMIT 1"
        )
        if not self.db.query(due_sql, (now, now)):
            return
        with self.db.transaction() as tx:
            for job in tx.all(
                "SELECT * FROM jobs WHERE state = 'submitted' AND phase_at <= ? AND finish_at > ?",
                (now, now),
            ):
                tx.update("jobs", "job_id", job["job_id"], {"state": "generating"})
                table, key, status, life = _record(job["kind"]).where(self)
                if "generating" in life.roles:  # x-huhu-lifecycle: tasks and videos show the phase
                    tx.execute(
                        f"UPDATE {table} SET {status} = ? WHERE {key} = ? AND {status} = ?",
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
                log.exception("job %s (%s %s) failed to finish", job["job_id"], job["kind"], job["ref_id"])
                tx.execute("ROLLBACK TO finish_job")
                succeeded = False
            tx.execute("RELEASE finish_job")
        if not succeeded:
            self._fail(tx, job)
        tx.update("jobs", "job_id", job["job_id"], {"state": "done" if succeeded else "failed"})

    def _produce(self, tx: Tx, job: Row) -> None:
        """A successful job's statuses and output paths, each recorded pending: rendered when first read."""
        kind, ref = job["kind"], job["ref_id"]
        record = _record(kind)
        row = tx.get(record.table, record.key, ref)
        assert row is not None
        count_column, template = _OUTPUTS[_family(kind)]
        count = 1 if count_column is None else row[count_column]
        paths = [template.format(ref=ref, job=job["job_id"][:12], n=n + 1) for n in range(count)]
        # What the rendering reads that could change later (a task's model image, which a new
        # generation of the task may replace), as it was when the job finished.
        inputs = {k: row[k] for k in ("sku_id", "view", "model_image")} if kind == "tryon" else {}
        video = kind == "video"
        mime = imaging.VIDEO_MIME if video else "image/png"
        inputs_json, finished = json.dumps(inputs), self._ms(job["finish_at"])
        for index, path in enumerate(paths):
            tx.execute(
                "INSERT OR REPLACE INTO pending_files (path, program_id, mime, kind, ref_id, job_id, idx,"
                " inputs, create_time) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (path, job["program_id"], mime, kind, ref, job["job_id"], index, inputs_json, finished),
            )
        # The record's outputs column: a video's one path, the others' JSON list of paths.
        self._settle_record(tx, kind, ref, "completed", paths[0] if video else json.dumps(paths))

    def _settle_record(self, tx: Tx, kind: str, ref: str, role: str, outputs: str | None = None) -> None:
        """Set the status of a job's record (task or request) to the lifecycle's ``role``, and its outputs."""
        record = _record(kind)
        table, key, status, life = record.where(self)
        changes = {status: life.state(role)}
        if outputs is not None:
            changes[record.outputs] = outputs
        tx.update(table, key, ref, changes)

    def _render_pending(self, path: str) -> bool:
        """Render a pending output now (no transaction held while rendering); False if none is pending.

        The inputs are read in one short read snapshot, the output is stored in one short
        transaction. Rendering is deterministic, so two requests (or processes) that render the same
        output at once store the same bytes; the first one stays.
        """
        with self.db.read() as tx:
            pending = tx.get("pending_files", "path", path)
            if pending is None:
                return False
            render = self._renderer(tx, pending)
        with elastic.waiting():  # the server gets a worker thread meanwhile (D-MOCK-THREADS-ELASTIC)
            data = render()
        with self.db.transaction() as tx:
            if tx.get("pending_files", "path", path) is not None:  # not wiped by a reset meanwhile
                self._store_rendered(tx, pending, data)
        return True

    def _render_in(self, tx: Tx, path: str) -> Row | None:
        """Render a pending output inside ``tx`` (when no caller rendered it before the transaction)."""
        pending = tx.get("pending_files", "path", path)
        if pending is None:
            return None
        self._store_rendered(tx, pending, self._renderer(tx, pending)())
        return tx.get("files", "path", path)

    @staticmethod
    def _store_rendered(tx: Tx, pending: Row, data: bytes) -> None:
        """Store a rendered output (the first one stays) and drop it from the pending ones."""
        tx.execute(
            "INSERT OR IGNORE INTO files (path, program_id, mime, data, create_time) VALUES (?, ?, ?, ?, ?)",
            (pending["path"], pending["program_id"], pending["mime"], data, pending["create_time"]),
        )
        tx.execute("DELETE FROM pending_files WHERE path = ?", (pending["path"],))

    def _renderer(self, tx: Tx, pending: Row) -> Callable[[], bytes]:
        """What renders a pending output: its inputs are read in ``tx``, the rendering reads no state."""
        kind, ref, i = pending["kind"], pending["ref_id"], pending["idx"]
        if kind == "tryon":
            task = json.loads(pending["inputs"])
            garment = tx.one(
                "SELECT f.data FROM garment_images g JOIN files f ON f.path = g.image_id"
                " WHERE g.sku_id = ? AND g.view = ? ORDER BY g.seq LIMIT 1",
                (task["sku_id"], task["view"]),
            )
            model = self._model_image_bytes(tx, task["model_image"])
            assert garment is not None and model is not None
            seed = f"{ref}:{pending['job_id']}:{i}"
            return partial(imaging.tryon_png, bytes(garment["data"]), model, seed=seed)
        if kind == "upscale":
            source = tx.one(
                "SELECT f.data, u.upscale_factor FROM upscales u JOIN files f ON f.path = u.input_file"
                " WHERE u.request_id = ?",
                (ref,),
            )
            assert source is not None
            return partial(imaging.upscale_png, bytes(source["data"]), source["upscale_factor"])
        if kind == "video":
            duration = int(tx.scalar("SELECT duration FROM videos WHERE request_id = ?", (ref,)))
            return lambda: imaging.video_file(duration, seed=ref)[0]
        width, height = GENERATION_SIZE[kind]
        return partial(
            imaging.placeholder_png, width, height, seed=f"{ref}:{i}", label=GENERATION_LABEL[kind]
        )

    def _fail(self, tx: Tx, job: Row) -> None:
        ref = job["ref_id"]
        self._settle_record(tx, job["kind"], ref, "failed")
        if job["credits"]:  # D-REFUND: the whole charge back, same request_id
            tx.execute(
                "UPDATE teams SET credits = credits + ? WHERE team_id = ?", (job["credits"], job["team_id"])
            )
            refunded_at = self._ms(job["finish_at"])
            tx.execute(
                _LEDGER_SQL, (job["team_id"], job["program_id"], ref, -job["credits"], refunded_at, "refund")
            )

    def _admit_job(
        self, tx: Tx, kind: str, operation_id: str, body: Mapping[str, Any], program: Row, request_id: str
    ) -> int:
        """:meth:`_admit` a request that starts one job of ``kind``, named by the request's id."""
        job = NewJob(kind, request_id, self.job_seconds)
        return self._admit(
            tx, operation_id=operation_id, body=body, program=program, request_id=request_id, jobs=[job]
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
            running = tx.all(
                "SELECT finish_at FROM jobs WHERE team_id = ? AND state IN ('submitted', 'generating')"
                " AND finish_at > ? ORDER BY finish_at",
                (payer, now),
            )
            if len(running) + slots > team["slots"]:
                # D-429: the reference answers 429 (concurrent limit exceeded), also for a request
                # that needs more slots than the team has at all (then no wait helps: split it).
                wait = math.ceil(running[0]["finish_at"] - now) if running else 1
                if slots > team["slots"]:
                    detail = (
                        f"Concurrent request limit exceeded: this request needs {slots} slots and the"
                        f" team has {team['slots']}; submit at most {team['slots']} at a time"
                    )
                else:
                    detail = (
                        f"Concurrent request limit reached: {len(running)} of {team['slots']} slots busy,"
                        f" this request needs {slots}"
                    )
                raise RateLimited(detail, retry_after=max(1, wait))
        credits_of: dict[str, int] = {}
        if cost:
            tx.execute("UPDATE teams SET credits = credits - ? WHERE team_id = ?", (cost, payer))
            assert op.credits is not None
            for item, credits in entries:
                ref = item or request_id
                credits_of[ref] = credits_of.get(ref, 0) + credits
                entry = (payer, program["program_id"], ref, credits, self._ms(now), op.credits.operation)
                tx.execute(_LEDGER_SQL, entry)
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

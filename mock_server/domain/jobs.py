"""Jobs, credits and slots: admission (charge + slot check in one transaction) and lazy completion.

D-DEDUCT / D-SLOTS / D-429: a request is charged and its jobs admitted in the same ``BEGIN IMMEDIATE``
transaction, or refused whole (402 before 429). Jobs finish when the clock passes their finish time:
:meth:`JobsMixin.settle` runs before every operation and refunds failed jobs (D-REFUND); the
outputs of successful ones are rendered by a render thread outside any transaction (D-MOCK-RENDER).
"""

from __future__ import annotations

import json
import logging
import math
import queue
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from mock_server import elastic, imaging
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

RENDER_WAIT_SECONDS = 60.0
_RENDERER_LOCK = threading.Lock()


@dataclass(frozen=True)
class _Rendered:
    """A finished job's outputs, rendered outside any transaction: files, and the row update to commit."""

    files: list[tuple[str, str, bytes]]  # (path, mime type, content)
    table: str
    key: str
    values: dict[str, Any]


class _Renderer:
    """One thread per backend that renders finished jobs' outputs and commits them (D-MOCK-RENDER).

    A job is claimed once per process (``submit``), so two requests never render it twice; a
    request that did not ask to wait goes on at once. ``wait`` blocks until given jobs are committed.
    """

    def __init__(self, complete: Callable[[Row], None]) -> None:
        self._complete = complete
        self._cond = threading.Condition()
        self._claimed: set[str] = set()
        self._queue: queue.SimpleQueue[Row | None] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._stopped = False

    def submit(self, jobs: list[Row]) -> set[str]:
        """Queue the jobs not queued yet; return the ids of all of them."""
        ids: set[str] = set()
        with self._cond:
            if self._stopped:
                return ids
            for job in jobs:
                ids.add(job["job_id"])
                if job["job_id"] not in self._claimed:
                    self._claimed.add(job["job_id"])
                    self._queue.put(job)
            if self._thread is None and self._claimed:
                self._thread = threading.Thread(target=self._run, name="huhu-mock-render", daemon=True)
                self._thread.start()
        return ids

    def wait(self, ids: set[str], timeout: float = RENDER_WAIT_SECONDS) -> None:
        with self._cond:
            self._cond.wait_for(lambda: self._stopped or not (self._claimed & ids), timeout)

    def _run(self) -> None:
        while True:
            job = self._queue.get()
            if job is None:
                return
            try:
                self._complete(job)
            except Exception:  # the database went away (closed) or a bug: the job stays due
                log.exception("could not complete job %s", job["job_id"])
            finally:
                with self._cond:
                    self._claimed.discard(job["job_id"])
                    self._cond.notify_all()

    def stop(self) -> None:
        with self._cond:
            self._stopped = True
            thread = self._thread
            self._cond.notify_all()
        if thread is not None:
            self._queue.put(None)
            thread.join(timeout=RENDER_WAIT_SECONDS)


class JobsMixin(BackendBase):
    """Admission of billable requests and the lazy lifecycle of their jobs."""

    def _renderer(self) -> _Renderer:
        found: _Renderer | None = self.__dict__.get("_render_thread")
        if found is None:
            with _RENDERER_LOCK:
                found = self.__dict__.get("_render_thread")
                if found is None:
                    found = _Renderer(self._complete)
                    self.__dict__["_render_thread"] = found
        return found

    def close(self) -> None:
        found: _Renderer | None = self.__dict__.get("_render_thread")
        if found is not None:
            found.stop()
        super().close()

    def settle(self, *, wait: bool | None = None) -> None:
        """Move running jobs along the clock: Submitted → Generation, and finish the due ones.

        Phase changes and failures (with their refunds) commit at once. Successful jobs are
        rendered by the backend's render thread, outside any transaction, and committed one short
        transaction each. ``wait`` (default: with the manual clock) blocks until they are committed;
        otherwise a request that only happened to notice a due job goes on without waiting for it.
        """
        now = self.clock.now()
        with self.db.read() as tx:
            due = tx.all(
                "SELECT * FROM jobs WHERE (state = 'submitted' AND phase_at <= ?)"
                " OR (state IN ('submitted', 'generating') AND finish_at <= ?) ORDER BY finish_at, seq",
                (now, now),
            )
        if not due:
            return
        finished = [job for job in due if job["finish_at"] <= now]
        if len(finished) < len(due) or any(job["will_fail"] for job in finished):
            with self.db.transaction() as tx:
                self._advance_phases(tx, now)
                for job in tx.all(
                    "SELECT * FROM jobs WHERE state IN ('submitted', 'generating') AND finish_at <= ?"
                    " AND will_fail = 1 ORDER BY finish_at, seq",
                    (now,),
                ):
                    tx.update("jobs", "job_id", job["job_id"], {"state": "failed"})
                    self._fail(tx, job)
        ids = self._renderer().submit([job for job in finished if not job["will_fail"]])
        if ids and (self.clock.manual if wait is None else wait):
            with elastic.waiting():
                self._renderer().wait(ids)

    def _advance_phases(self, tx: Tx, now: float) -> None:
        for job in tx.all(
            "SELECT * FROM jobs WHERE state = 'submitted' AND phase_at <= ? AND finish_at > ?",
            (now, now),
        ):
            tx.update("jobs", "job_id", job["job_id"], {"state": "generating"})
            if job["kind"] == "tryon":
                tx.execute(
                    "UPDATE tasks SET task_status = 'Generation' WHERE task_id = ? AND task_status = 'Submitted'",
                    (job["ref_id"],),
                )
            elif job["kind"] == "video":
                tx.execute(
                    "UPDATE videos SET request_status = 'Generation'"
                    " WHERE request_id = ? AND request_status = 'Submitted'",
                    (job["ref_id"],),
                )

    def _complete(self, job: Row) -> None:
        """Render a finished job's outputs (no transaction held), then commit them in a short one."""
        rendered: _Rendered | None = None
        if not job["will_fail"]:
            try:
                rendered = self._render(job)
            except Exception:
                log.exception(
                    "job %s (%s %s) failed while rendering", job["job_id"], job["kind"], job["ref_id"]
                )
        with self.db.transaction() as tx:
            current = tx.get("jobs", "job_id", job["job_id"])
            if current is None or current["state"] not in ("submitted", "generating"):
                return  # finished elsewhere (another process), or wiped by a reset
            if rendered is None or current["will_fail"]:
                tx.update("jobs", "job_id", job["job_id"], {"state": "failed"})
                self._fail(tx, current)
                return
            for path, mime, data in rendered.files:
                self._put_file(tx, path, job["program_id"], mime, data, job["finish_at"])
            tx.update(rendered.table, rendered.key, job["ref_id"], rendered.values)
            tx.update("jobs", "job_id", job["job_id"], {"state": "done"})

    def _render(self, job: Row) -> _Rendered:
        """A job's outputs; its inputs are read in one short read transaction."""
        kind, ref = job["kind"], job["ref_id"]
        if kind == "tryon":
            with self.db.read() as tx:
                task = tx.get("tasks", "task_id", ref)
                assert task is not None
                garment = tx.one(
                    "SELECT f.data FROM garment_images g JOIN files f ON f.path = g.image_id"
                    " WHERE g.sku_id = ? AND g.view = ? ORDER BY g.seq LIMIT 1",
                    (task["sku_id"], task["view"]),
                )
                model = self._model_image_bytes(tx, task["model_image"])
            assert garment is not None and model is not None
            files = []
            for i in range(task["num_output_images"]):
                path = f"outputs/{ref}/{job['job_id'][:12]}-{i + 1}.png"
                png = imaging.tryon_png(garment["data"], model, seed=f"{ref}:{job['job_id']}:{i}")
                files.append((path, "image/png", png))
            outputs = json.dumps([path for path, _, _ in files])
            return _Rendered(
                files, "tasks", "task_id", {"task_status": "Generation completed", "outputs": outputs}
            )
        if kind in GENERATION_SIZE:
            with self.db.read() as tx:
                request = tx.get("gen_requests", "request_id", ref)
            assert request is not None
            width, height = GENERATION_SIZE[kind]
            files = []
            for i in range(request["num_output_images"]):
                png = imaging.placeholder_png(width, height, seed=f"{ref}:{i}", label=GENERATION_LABEL[kind])
                files.append((f"generated/{ref}/{i + 1}.png", "image/png", png))
            images = json.dumps([path for path, _, _ in files])
            return _Rendered(
                files, "gen_requests", "request_id", {"status": "Generation Completed", "images": images}
            )
        if kind == "upscale":
            with self.db.read() as tx:
                request = tx.get("upscales", "request_id", ref)
                assert request is not None
                source = tx.get("files", "path", request["input_file"])
            assert source is not None
            png = imaging.upscale_png(source["data"], request["upscale_factor"])
            files = [(f"upscaled/{ref}/{i + 1}.png", "image/png", png) for i in range(request["num_images"])]
            results = json.dumps([path for path, _, _ in files])
            return _Rendered(files, "upscales", "request_id", {"status": "success", "results": results})
        if kind == "video":
            with self.db.read() as tx:
                video = tx.get("videos", "request_id", ref)
            assert video is not None
            data, mime = imaging.video_file(int(video["duration"]), seed=ref)
            path = f"videos/{ref}.{VIDEO_EXT.get(mime, 'bin')}"
            return _Rendered(
                [(path, mime, data)],
                "videos",
                "request_id",
                {"request_status": "Generation completed", "video_file": path},
            )
        raise ValueError(f"unknown job kind {kind!r}")  # pragma: no cover - kinds are written here only

    def _fail(self, tx: Tx, job: Row) -> None:
        kind, ref = job["kind"], job["ref_id"]
        if kind == "tryon":
            tx.update("tasks", "task_id", ref, {"task_status": "Generation failed"})
        elif kind in GENERATION_SIZE:
            tx.update("gen_requests", "request_id", ref, {"status": "Generation Failed"})
        elif kind == "upscale":
            tx.update("upscales", "request_id", ref, {"status": "failed"})
        elif kind == "video":
            tx.update("videos", "request_id", ref, {"request_status": "Generation failed"})
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

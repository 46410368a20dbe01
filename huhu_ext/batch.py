"""Batch try-on: a folder of garment photos in, on-model photos and a manifest out.

The run is resumable and budget-guarded:

* the server is the authority on what happened (an SKU listed in the project was uploaded, a task
  whose status is past ``Task created`` was generated), the journal in the output folder remembers
  what this run did (``huhu_ext.journal``), so a rerun after a crash repeats nothing that cost
  credits or bandwidth;
* before the first credit is spent the whole run is priced from the spec's ``x-huhu-credits`` and
  refused when the balance does not cover it; it is priced again, exactly, once the tasks exist;
* generation runs in waves that keep every concurrency slot of the team busy and never more, and
  all pending tasks are polled with one ``GET /task`` per interval.
"""

from __future__ import annotations

import base64
import csv
import functools
import io
import json
import math
import os
import tempfile
import zipfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import IO, Any

import httpx
from huhu_client.api.tasks import generate_tasks, get_tasks
from huhu_client.api.upscale import create_upscale
from huhu_client.api.video import create_video
from huhu_client.models import (
    CompletedPart,
    CreateVideoRequest,
    FirstFrameImageId,
    GenerateTasksRequest,
    UpscaleRequest,
)
from huhu_client.types import Unset

from huhu_ext import timetravel
from huhu_ext.client import Huhu, SyncEndpoint
from huhu_ext.errors import (
    AmbiguousRequestError,
    APIConnectionError,
    APIStatusError,
    HuhuError,
    InsufficientCreditsError,
    RateLimitError,
)
from huhu_ext.in_doubt import (
    DEFAULT_SETTLE,
    DEFAULT_WINDOW,
    MAX_ATTEMPTS,
    Billable,
    BillingFailedError,
    Doubt,
    DoubtPolicy,
    InDoubtError,
    LedgerMark,
    Verdict,
    charge_for,
    judge,
    ledger_mark,
    ledger_since,
    ledger_spend,
    new_doubt,
)
from huhu_ext.inputs import verify_images
from huhu_ext.journal import Journal, OutputRecord, TaskRecord
from huhu_ext.spec import DONE, FAILED, IDLE, RUNNING, load_spec
from huhu_ext.transport import transfer_client

__all__ = [
    "IMAGE_SUFFIXES",
    "BatchError",
    "Progress",
    "RunResult",
    "SkuSource",
    "TryOnOptions",
    "TryOnPlan",
    "TryOnRun",
    "discover_skus",
    "match_model_description",
]

IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".webp"})


class BatchError(HuhuError):
    """The batch cannot go on (bad input, a refused plan, a stuck job)."""


@dataclass(frozen=True)
class SkuSource:
    """One SKU of the run: a name and its garment photos on disk."""

    name: str
    files: tuple[Path, ...]


def discover_skus(paths: Sequence[Path]) -> list[SkuSource]:
    """Folders of images are one SKU each; a folder of folders is one SKU per subfolder; a lone
    image is an SKU of its own (named after the file)."""
    found: dict[str, SkuSource] = {}

    def add(name: str, files: Iterable[Path]) -> None:
        images = tuple(sorted(f for f in files if f.is_file() and f.suffix.lower() in IMAGE_SUFFIXES))
        if not images:
            return
        if name in found:
            raise BatchError(f"two SKUs are both named {name!r}; rename one folder or file")
        found[name] = SkuSource(name, images)

    for path in paths:
        if path.is_file():
            if path.suffix.lower() not in IMAGE_SUFFIXES:
                raise BatchError(f"{path}: not an image (expected {', '.join(sorted(IMAGE_SUFFIXES))})")
            add(path.stem, [path])
        elif path.is_dir():
            add(path.name, path.iterdir())
            for sub in sorted(p for p in path.iterdir() if p.is_dir() and not p.name.startswith(".")):
                add(sub.name, sub.iterdir())
        else:
            raise BatchError(f"{path}: no such file or folder")
    if not found:
        raise BatchError("no garment images found in " + ", ".join(str(p) for p in paths))
    return [found[k] for k in sorted(found)]


@dataclass(frozen=True)
class TryOnOptions:
    garments: tuple[Path, ...]
    out: Path
    model_image: str | None = None
    model_description: str | None = None
    images_per_task: int = 1
    upscale: float | None = None
    video: str | None = None  # "5" | "10"
    poll_interval: float = 5.0
    timeout: float = 3600.0
    in_doubt_window: float = DEFAULT_WINDOW  # how long a billable request may stay in doubt (D-DOUBT-WINDOW)
    in_doubt_settle: float = DEFAULT_SETTLE  # after a 5xx answer: when "no sign" means "not applied"
    resend_in_doubt: bool = False  # past the window, send requests still in doubt again

    @property
    def doubt_policy(self) -> DoubtPolicy:
        return DoubtPolicy(self.in_doubt_window, self.in_doubt_settle, self.resend_in_doubt)

    def fingerprint(self, skus: Sequence[SkuSource]) -> dict[str, Any]:
        """What must match for a rerun to continue the same run."""
        return {"skus": sorted(s.name for s in skus), **{k: getattr(self, k) for k in _RUN_FIELDS}}


# The options that decide what a run makes (and pays for): a rerun with other values is another run.
_RUN_FIELDS = ("model_image", "model_description", "images_per_task", "upscale", "video")


@dataclass(frozen=True)
class TryOnPlan:
    """The priced plan of a run (an upper bound until the tasks exist)."""

    skus: list[SkuSource]
    tasks: int
    outputs: int
    credits: int
    lines: list[tuple[str, int, int]]  # (operation, count, credits)
    exact: bool

    def describe(self) -> str:
        bound = "" if self.exact else "at most "
        head = f"{len(self.skus)} SKUs, {bound}{self.tasks} tasks, {bound}{self.outputs} output images"
        rows = [f"  {op:<18} x{n:<4} {c:>6} credits" for op, n, c in self.lines]
        return "\n".join([head, *rows, f"  total: {bound}{self.credits} credits"])


def _upscale_request(factor: float, image: Path) -> UpscaleRequest:
    return UpscaleRequest(image=base64.b64encode(image.read_bytes()).decode(), upscale_factor=factor)


def _upscale_cost(factor: float) -> int:
    """Credits of one upscale, priced from the request the run sends (the image does not change it)."""
    return load_spec().price("create_upscale", UpscaleRequest(image="", upscale_factor=factor).to_dict())


def _video_cost(length: str) -> int:
    return load_spec().price("create_video", {"video_length": length})


def price_run(skus: Sequence[SkuSource], tasks: int, options: TryOnOptions, exact: bool) -> TryOnPlan:
    """Price a run from the spec's credit costs: generation per task, then upscale and video."""
    spec = load_spec()
    n = options.images_per_task
    gen = spec.price("generate_tasks", {"task_ids": ["t"] * tasks, "num_output_images": n}) if tasks else 0
    lines = [("tryon_gen", tasks, gen)]
    outputs = tasks * n
    if options.upscale:
        lines.append(("upscale", outputs, outputs * _upscale_cost(options.upscale)))
    if options.video:
        lines.append(("video_gen", len(skus), len(skus) * _video_cost(options.video)))
    return TryOnPlan(list(skus), tasks, outputs, sum(c for _, _, c in lines), lines, exact)


def plan_run(options: TryOnOptions, skus: Sequence[SkuSource] | None = None) -> TryOnPlan:
    """Upper-bound price before upload: one task per view, and an SKU has at most two views
    (front, back), never more than it has photos (decision D-TASK-CREATE)."""
    skus = discover_skus(options.garments) if skus is None else skus
    return price_run(skus, sum(min(2, len(s.files)) for s in skus), options, exact=False)


# Phrases of a model description → GET /model filter values (synonyms of each value, package data).
_PHRASES = json.loads(resources.files("huhu_ext").joinpath("model_phrases.json").read_text(encoding="utf-8"))
_WORDS: dict[str, dict[str, str]] = {
    attr: {phrase: value for value, phrases in table.items() for phrase in phrases}
    for attr, table in _PHRASES.items()
}


def match_model_description(description: str) -> dict[str, str]:
    """Turn "young adult East Asian woman, plus size" into GET /model filters.

    Longest phrases win, and each matched phrase is consumed so "young adult" is not also "young".
    """
    text = " " + " ".join(description.lower().replace(",", " ").split()) + " "
    filters: dict[str, str] = {}
    for attr, words in _WORDS.items():
        for phrase in sorted(words, key=len, reverse=True):
            needle = f" {phrase} "
            if needle in text:
                filters[attr] = words[phrase]
                text = text.replace(needle, " ", 1)
                break
    if not filters:
        raise BatchError(f"could not read any model attribute from {description!r}")
    return filters


@dataclass
class Progress:
    """Counters a reporter shows; updated as the run goes."""

    skus: int = 0
    uploaded: int = 0
    tasks: int = 0
    generating: int = 0
    done: int = 0
    downloaded: int = 0
    credits_spent: int = 0
    message: str = ""


Reporter = Callable[[Progress], None]


@dataclass
class RunResult:
    """What a run produced. Credits are the server's: the team's credit history for this run's
    tasks and requests, net of refunds (``credits_spent`` in total over every run into the same
    folder, ``credits_spent_this_time`` by this one); ``spend_note`` says when that is not the plan."""

    project_id: str
    model_image: str
    outputs: list[OutputRecord]
    credits_spent: int
    manifest_json: Path
    manifest_csv: Path
    skipped_downloads: int = 0
    notes: list[str] = field(default_factory=list)
    credits_spent_this_time: int = 0
    credits_planned: int = 0
    spend_note: str | None = None


def _text(value: object) -> str | None:
    return None if value is None or isinstance(value, Unset) else str(value)


class _FilePart:
    """``size`` bytes of ``file`` from ``offset``, sent in chunks: an upload part is never held whole.

    Iterable again from the start (not a generator), so the retrying transport can re-send it;
    the Content-Length is set by the caller, as presigned part URLs require (no chunked encoding).
    """

    CHUNK = 64 * 1024

    def __init__(self, file: IO[bytes], offset: int, size: int) -> None:
        self.file, self.offset, self.size = file, offset, size

    def __iter__(self) -> Iterator[bytes]:
        self.file.seek(self.offset)
        remaining = self.size
        while remaining > 0:
            chunk = self.file.read(min(self.CHUNK, remaining))
            if not chunk:
                raise BatchError("the zip archive shrank while it was being uploaded")
            remaining -= len(chunk)
            yield chunk


class TryOnRun:
    """One resumable batch try-on run into ``options.out``."""

    def __init__(
        self,
        huhu: Huhu,
        options: TryOnOptions,
        *,
        files: httpx.Client | None = None,
        sleep: Callable[[float], None] | None = None,
        report: Reporter | None = None,
        clock: Callable[[], float] | None = None,
    ) -> None:
        """``clock`` (epoch seconds) times how long a request stays in doubt; the default is wall-clock
        time plus whatever an injected ``sleep`` (e.g. a mock's manual clock) waited."""
        self.huhu = huhu
        self.options = options
        self._own_files = files is None
        # Doubt windows count in wall-clock time; an injected sleep (a mock's clock) counts as waited.
        self.sleep, epoch = timetravel.epoch_clock(sleep)  # default: timetravel.sleep (D-CLI-TIMETRAVEL)
        self.clock: Callable[[], float] = clock or epoch
        self.files = files if files is not None else transfer_client(sleep=self.sleep)
        self.report: Reporter = report if report is not None else (lambda p: None)
        self.skus = discover_skus(options.garments)
        self.progress = Progress(skus=len(self.skus))
        self._sku_by_name: dict[str, str] = {}

    # -- the run --------------------------------------------------------------------------------
    def run(self) -> RunResult:
        """Run (or resume) the batch. Transfers go through a retrying client (``transfer_client``),
        which the run closes at the end unless the caller gave one."""
        verify_images(self.skus)  # every photo readable before anything is created (D-CLI-INPUTS)
        if self._own_files and self.files.is_closed:
            self.files = transfer_client(sleep=self.sleep)
        try:
            with Journal(self.options.out) as journal:
                return self._run(journal)
        finally:
            if self._own_files:
                self.files.close()

    def _run(self, journal: Journal) -> RunResult:
        self._check_same_run(journal)
        this_time, first = self._ledger_marks(journal)
        plan = self.huhu.metering.plan()
        self._guard(journal, plan_run(self.options, self.skus), plan.credits_)
        project_id = self._project(journal)
        model_image = self._model_image(journal)
        sku_ids = self._upload(journal, project_id)
        tasks = self._tasks(journal, project_id, sku_ids)
        exact = price_run(self.skus, len(tasks), self.options, exact=True)
        plan = self.huhu.metering.plan()
        self._guard(journal, exact, plan.credits_)
        self._set_model_image(journal, project_id, tasks, model_image)
        self._generate(journal, project_id, tasks, max(1, plan.concurrent_requests))
        if self.options.upscale:
            self._upscale(journal, max(1, plan.concurrent_requests))
        if self.options.video:
            self._video(journal, project_id)
        now, total = ledger_spend(self.huhu, journal.run_ids(), this_time=this_time, first=first)
        json_path, csv_path = self._manifest(journal, total)
        self.progress.credits_spent = total
        self._say("done")
        note = None  # the ledger and the plan agree
        if total != exact.credits:
            note = f"the server charged {total} credits for this run; the plan was {exact.credits}"
        return RunResult(
            project_id,
            model_image,
            journal.outputs(),
            total,
            json_path,
            csv_path,
            credits_spent_this_time=now,
            credits_planned=exact.credits,
            spend_note=note,
        )

    def _ledger_marks(self, journal: Journal) -> tuple[LedgerMark, LedgerMark | None]:
        """Where the credit history stands now, and where it stood when this folder's run began
        (None: the whole history, for a journal older than this mark)."""
        now = ledger_mark(self.huhu)
        first = journal.get("ledger_mark")
        if first is None:
            # A fresh run (no project yet) starts here; a journal that already has a project but no
            # mark was begun by an older version: its charges may be anywhere in the history.
            fresh = journal.get("project_id") is None
            first = {"head": list(now.head) if fresh else None}
            journal.set("ledger_mark", first)
        return now, None if first["head"] is None else LedgerMark(tuple(first["head"]))

    def _say(self, message: str) -> None:
        self.progress.message = message
        self.report(self.progress)

    def _check_same_run(self, journal: Journal) -> None:
        fingerprint = self.options.fingerprint(self.skus)
        previous = journal.get("fingerprint")
        if previous is None:
            journal.set("fingerprint", fingerprint)
        elif previous != fingerprint:
            raise BatchError(
                f"{self.options.out} holds a different run (other garments or options); "
                "use another --out folder, or the same options to resume it"
            )

    def _guard(self, journal: Journal, plan: TryOnPlan, balance: int) -> None:
        # A request in doubt is either charged already or sent again only once found not applied.
        in_doubt = sum(d.credits for d in journal.doubts())
        remaining = max(0, plan.credits - journal.credits_charged() - in_doubt)
        if remaining > balance:
            raise InsufficientCreditsError(
                f"this run needs {'' if plan.exact else 'up to '}{remaining} credits and the balance is "
                f"{balance}; nothing was spent",
                credits_required=remaining,
                credits_available=balance,
            )

    def _project(self, journal: Journal) -> str:
        project_id = journal.get("project_id")
        if project_id is None:
            name = journal.get("project_name") or f"tryon {self.options.out.resolve().name}"
            project_id = _text(self.huhu.projects.create(project_name=name).project_id)
            if project_id is None:  # the answer is undocumented (D-PROJECT-CREATE): find it by name
                found = [p for p in self.huhu.projects.list() if p.project_name == name]
                if not found:
                    raise BatchError(f"created project {name!r} but cannot find its id in GET /project")
                project_id = found[-1].project_id
            journal.set("project_id", project_id)
            self._say(f"created project {project_id}")
        return str(project_id)

    def _model_image(self, journal: Journal) -> str:
        chosen = journal.get("model_image")
        if chosen is None:
            description = self.options.model_description or "young adult woman"
            chosen = self.options.model_image or self._pick_gallery_image(description)
            journal.set("model_image", chosen)
        return str(chosen)

    def _pick_gallery_image(self, description: str) -> str:
        """Match the description against GET /model filters, then choose a front-facing full-body
        image of the first matching model that has one."""
        filters: dict[str, Any] = match_model_description(description)  # spec enums, Literal-typed there
        for model in self.huhu.models.list(**filters).models:
            ranked = sorted(
                self.huhu.models.images(model.model_id).model_images,
                key=lambda i: (_text(i.view_type) != "front_facing", _text(i.crop_type) != "fullbody"),
            )
            if ranked and _text(ranked[0].view_type) == "front_facing":
                self._say(f"model {model.model_name} ({model.model_id})")
                return ranked[0].model_image_id
        raise BatchError(f"no gallery model with a front-facing image matches {description!r} ({filters})")

    # -- upload ---------------------------------------------------------------------------------
    def _server_skus(self, project_id: str) -> dict[str, str]:
        return {s.sku_name: s.sku_id for s in self.huhu.skus.list(project_id)}

    def _upload(self, journal: Journal, project_id: str) -> dict[str, str]:
        on_server = self._server_skus(project_id)
        missing = [s for s in self.skus if s.name not in on_server]
        if len(missing) < len(self.skus):  # say what a resumed run found (D-CLI-PROGRESS)
            self._say(f"{len(self.skus) - len(missing)} SKUs already uploaded")
        if missing:
            self._say(f"uploading {len(missing)} SKUs")
            self._upload_zip(project_id, missing)
            on_server = self._server_skus(project_id)
        for sku in self.skus:
            if sku.name not in on_server:
                raise BatchError(f"SKU {sku.name!r} is not in project {project_id} after the upload")
            journal.record_sku(sku.name, on_server[sku.name])
        self.progress.uploaded = len(self.skus)
        if missing:
            self._say(f"uploaded {len(missing)} SKUs")
        return {s.name: on_server[s.name] for s in self.skus}

    def _upload_zip(self, project_id: str, skus: Sequence[SkuSource]) -> None:
        """Zip the SKUs into a temporary file (one folder per SKU) and upload it part by part through
        the presigned URLs: memory holds one part at a time, whatever the catalogue's size."""
        with tempfile.TemporaryFile() as archive_file:
            # Photos are compressed already: stored, not deflated (faster, and no zip-bomb ratio).
            with zipfile.ZipFile(archive_file, "w", zipfile.ZIP_STORED) as archive:
                for sku in skus:
                    for path in sku.files:
                        archive.write(path, f"{sku.name}/{path.name}")
            size = archive_file.seek(0, io.SEEK_END)
            init = self.huhu.projects.start_multipart_upload(project_id=project_id, file_size=size)
            part_size = math.ceil(size / len(init.upload_urls))
            if isinstance(init.part_size, int) and init.part_size > 0:
                part_size = init.part_size
            parts: list[CompletedPart] = []
            for number, url in enumerate(init.upload_urls, start=1):
                offset = (number - 1) * part_size
                part = _FilePart(archive_file, offset, max(0, min(part_size, size - offset)))
                try:  # PUT is idempotent: the transfer client retries it like an API call
                    response = self.files.put(url, content=part, headers={"Content-Length": str(part.size)})
                except httpx.TransportError as error:
                    raise BatchError(f"part {number} upload failed: {type(error).__name__}") from error
                if response.status_code != 200 or "ETag" not in response.headers:
                    raise BatchError(f"part {number} upload failed with HTTP {response.status_code}")
                parts.append(CompletedPart(part_number=number, e_tag=response.headers["ETag"]))
        self.huhu.projects.complete_upload(
            project_id=project_id, key=init.key, upload_id=init.upload_id, parts=parts
        )

    # -- tasks ----------------------------------------------------------------------------------
    def _task_list(self, project_id: str) -> dict[str, tuple[str, str, str | None]]:
        """task_id → (status, sku_id, view) for every task of the project: one request.

        The list grows with the project and is read on every poll, so it is streamed one SKU at a
        time (``Huhu.stream_items``, D-BATCH-POLL): the whole body, its decoded JSON and generated
        models are never in memory at once, only this small map. The reference's list example
        carries only ``sku_name``; where ``sku_id`` is missing the SKU is found by its name among this
        run's SKUs (names are unique in the run's project, D-BATCH-SKU)."""
        out: dict[str, tuple[str, str, str | None]] = {}
        for sku in self.huhu.stream_items(get_tasks, "skus", project_id=project_id):
            try:
                sku_id = _text(sku.get("sku_id")) or self._sku_by_name.get(sku["sku_name"], "")
                for task in sku["tasks"]:
                    out[str(task["task_id"])] = (str(task["task_status"]), sku_id, _text(task.get("view")))
            except (AttributeError, KeyError, TypeError) as problem:
                raise BatchError(
                    f"GET /task answered a task list the spec does not allow ({type(problem).__name__}: {problem})"
                ) from None
        return out

    def _tasks(self, journal: Journal, project_id: str, sku_ids: Mapping[str, str]) -> list[str]:
        """Create the tasks (idempotent per SKU and view). Tasks come from the garment classification,
        so an SKU without tasks yet is still being classified: wait and ask again."""
        names = {v: k for k, v in sku_ids.items()}
        self._sku_by_name = dict(sku_ids)
        pending = list(sku_ids.values())
        waited = 0.0
        while True:
            self.huhu.tasks.create(project_id=project_id, sku_ids=pending)
            listed = self._task_list(project_id)
            with_tasks = {sku_id for _, sku_id, _ in listed.values()}
            pending = [s for s in pending if s not in with_tasks]
            if not pending:
                break
            if waited > self.options.timeout:
                raise BatchError(
                    f"no tasks for SKUs after {waited:.0f} s: {', '.join(names[s] for s in pending)}"
                )
            self._say(f"waiting for classification of {len(pending)} SKUs")
            self.sleep(self.options.poll_interval)
            waited += self.options.poll_interval
        mine = {t: (sku_id, view) for t, (_, sku_id, view) in listed.items() if sku_id in names}
        for task_id, (sku_id, view) in mine.items():
            journal.record_task(task_id, sku_id, names[sku_id], view)
        self.progress.tasks = len(mine)
        self._say(f"{len(mine)} tasks")
        return sorted(mine)

    def _set_model_image(self, journal: Journal, project_id: str, tasks: list[str], model_image: str) -> None:
        for r in journal.tasks():
            if r.task_id in tasks and r.model_image != model_image:
                self.huhu.tasks.update(
                    project_id=project_id, task_id=r.task_id, sku_id=r.sku_id, model_image=model_image
                )
                journal.set_model_image(r.task_id, model_image)

    def _generate(self, journal: Journal, project_id: str, tasks: list[str], slots: int) -> None:
        """Keep every slot busy: submit as many waiting tasks as slots are free, poll all running
        tasks with one list request per interval, download each task as soon as it completes.

        A wave whose answer was lost is in doubt (``huhu_ext.in_doubt``): its tasks are not sent
        again until their status or the credit history says whether it was applied."""
        n = self.options.images_per_task
        one = GenerateTasksRequest(project_id=project_id, task_ids=tasks[:1], num_output_images=n)
        credits_each = load_spec().price("generate_tasks", one.to_dict())  # a wave's body, per task
        records = {r.task_id: r for r in journal.tasks()}
        charged = {t for t, r in records.items() if r.submitted}
        downloaded = {t for t in tasks if all(journal.has_output(t, i) for i in range(n))}
        attempts: Counter[str] = Counter()  # sends per task in this run
        sends: dict[str, int] = {}  # sends found "not applied", per task
        doubts = {  # attempts count per run: a rerun may send a wave left in doubt once more
            d.key: replace(d, attempts=0)
            for d in journal.doubts()
            if d.operation_id == "generate_tasks" and set(d.items) <= records.keys()
        }
        waited = 0.0
        while True:
            status = {t: s for t, (s, _, _) in self._task_list(project_id).items() if t in records}
            life = load_spec().lifecycle("task_status")  # what each status means (x-huhu-lifecycle)
            phase = {t: life.phase(status[t]) for t in tasks if t in status}
            # Charged on the server but not in the journal: the run stopped (or the answer was lost)
            # between the POST and the journal write. The server's status is the truth.
            unrecorded = [t for t in tasks if phase.get(t) in (RUNNING, DONE) and t not in charged]
            if unrecorded:
                journal.mark_submitted(unrecorded, credits_each)
                charged.update(unrecorded)
            for doubt in self._settle_waves(journal, doubts, status, sends):
                journal.mark_submitted(list(doubt.items), credits_each)
                journal.drop_doubt(doubt.key)
                charged.update(doubt.items)
                attempts.update(doubt.items)
                for t in doubt.items:
                    if phase.get(t) in (IDLE, FAILED, None):
                        # Applied after the list was read (the ledger showed it): that status is
                        # stale, the task is running; sending it again would pay twice.
                        phase[t] = RUNNING
            running = [t for t in tasks if phase.get(t) == RUNNING]
            in_doubt = {t for d in doubts.values() for t in d.items}
            waiting = [t for t in tasks if phase.get(t) in (IDLE, FAILED) and t not in in_doubt]
            failed_twice = [t for t in waiting if phase.get(t) == FAILED and attempts[t] >= 2]
            if failed_twice:
                raise BatchError(f"tasks failed twice, giving up: {', '.join(failed_twice)}")
            self.progress.generating = len(running)
            self.progress.done = sum(1 for t in tasks if phase.get(t) == DONE)
            self.progress.credits_spent = journal.credits_charged()
            self._say("generating" if not doubts else f"generating; {len(in_doubt)} tasks in doubt")
            free = slots - len(running) - len(in_doubt)
            if waiting and free > 0:
                wave = waiting[:free]
                body = GenerateTasksRequest(project_id=project_id, task_ids=wave, num_output_images=n)
                tries = 1 + max(sends.get(t, 0) for t in wave)
                key = "generate:" + ",".join(wave)
                doubt = new_doubt(
                    self.huhu, key, "generate_tasks", body.to_dict(), now=self.clock(), attempts=tries
                )
                journal.save_doubt(doubt)  # before sending: a crash mid-request leaves it in doubt
                try:
                    self.huhu.call(generate_tasks, body=body)
                except RateLimitError:
                    journal.drop_doubt(doubt.key)  # slots busy: refused before charging (D-429)
                except AmbiguousRequestError as error:
                    doubts[doubt.key] = replace(doubt, answered=error.status)
                    journal.save_doubt(doubts[doubt.key])
                    why = f"HTTP {error.status}" if error.status else "no answer"
                    self._say(f"{len(wave)} tasks in doubt ({why}); checking the server")
                    continue
                except (APIStatusError, APIConnectionError):
                    journal.drop_doubt(doubt.key)  # refused (4xx) or never sent: not repeated
                    raise
                else:
                    journal.mark_submitted(wave, credits_each)
                    journal.drop_doubt(doubt.key)
                    charged.update(wave)
                    attempts.update(wave)
                    continue  # re-list at once: more slots may be free
            # Download while the wave runs, so downloads never hold a slot idle.
            for task_id in tasks:
                if phase.get(task_id) == DONE and task_id not in downloaded:
                    self._download_task(journal, project_id, records[task_id])
                    downloaded.add(task_id)
            if not running and not waiting and not doubts:
                return
            if waited > self.options.timeout:
                raise BatchError(
                    f"tasks still running after {self.options.timeout:.0f} s: {', '.join(running)}"
                )
            self.sleep(self.options.poll_interval)
            waited += self.options.poll_interval

    def _settle_waves(
        self, journal: Journal, doubts: dict[str, Doubt], status: Mapping[str, str], sends: dict[str, int]
    ) -> list[Doubt]:
        """Judge every wave in doubt from the task statuses and the credit history. Return the applied
        ones (still journaled); a wave not applied is dropped and may be sent once more."""
        applied: list[Doubt] = []
        expired: list[Doubt] = []
        life = load_spec().lifecycle("task_status")
        for key, doubt in list(doubts.items()):
            moved = any(life.phase(status[t]) in (RUNNING, DONE) for t in doubt.items if t in status)
            if not moved:
                moved = charge_for(doubt, ledger_since(self.huhu, doubt.mark)) is not None
            verdict = judge(doubt, applied=moved, now=self.clock(), policy=self.options.doubt_policy)
            if verdict is Verdict.OPEN:
                continue
            if verdict is Verdict.EXPIRED:
                expired.append(doubt)
                continue
            del doubts[key]
            if verdict is Verdict.APPLIED:
                applied.append(doubt)  # the caller journals the charge, then drops the doubt
                continue
            journal.drop_doubt(key)
            if doubt.attempts >= MAX_ATTEMPTS:
                raise BillingFailedError(doubt)
            sends.update(dict.fromkeys(doubt.items, doubt.attempts))
        if expired:
            raise InDoubtError(expired, self.options.in_doubt_window)
        return applied

    def _download_task(self, journal: Journal, project_id: str, record: TaskRecord) -> None:
        """Fetch the outputs of a done task that the journal does not have yet."""
        detail = self.huhu.tasks.retrieve(record.task_id, project_id=project_id, sku_id=record.sku_id)
        for idx, output in enumerate(detail.output):
            if journal.has_output(record.task_id, idx):
                continue
            view = record.view or "view"
            name = f"{record.sku_name}/{record.sku_name}-{view}-{record.task_id[:8]}-{idx + 1}.png"
            self._fetch(output.image_url, self.options.out / name)
            journal.record_output(OutputRecord(record.task_id, idx, output.image_id, name, "tryon", 0))
            self.progress.downloaded += 1

    def _fetch(self, url: str, dest: Path, *, tries: int = 3) -> None:
        """Stream a file to disk atomically (a partial file never looks like a finished one). The
        transfer client retries failures before the answer; a body cut off midway is fetched again."""
        dest.parent.mkdir(parents=True, exist_ok=True)
        tmp = dest.with_name(dest.name + ".part")
        for attempt in range(tries):
            answered = False
            try:
                with self.files.stream("GET", url) as response:
                    answered = True
                    if response.status_code != 200:
                        raise BatchError(f"download of {dest.name} failed with HTTP {response.status_code}")
                    with tmp.open("wb") as fh:
                        fh.writelines(response.iter_bytes())
                        fh.flush()
                        os.fsync(fh.fileno())
            except httpx.TransportError as error:
                if not answered or attempt + 1 >= tries:  # before the answer: the transport retried
                    raise BatchError(f"download of {dest.name} failed: {type(error).__name__}") from error
                self.sleep(0.5 * 2**attempt)
            else:
                tmp.replace(dest)
                return

    # -- optional steps -------------------------------------------------------------------------
    def _paid(
        self, journal: Journal, key: str, endpoint: SyncEndpoint[Any], body: Callable[[], Any], cost: int
    ) -> str:
        """The request id of the paid request ``key`` (upscale, video), sent under the in-doubt rule
        (``Billable``) with the body ``body()`` unless the journal has its id. The request is journaled
        as in doubt before it is sent and its id as soon as it exists: a rerun waits for it again
        instead of paying twice."""
        request_id = journal.request(key)
        if request_id is None:
            request_id = Billable(
                self.huhu,
                store=journal,
                policy=self.options.doubt_policy,
                interval=self.options.poll_interval,
                sleep=self.sleep,
                clock=self.clock,
                claimed=journal.request_ids,
            ).send(key, endpoint, body(), record=functools.partial(journal.record_request, key, credits=cost))
        return request_id

    def _upscale(self, journal: Journal, slots: int) -> None:
        factor = float(self.options.upscale or 2)
        cost = _upscale_cost(factor)
        outputs = journal.outputs()
        upscaled = {(o.task_id, o.idx) for o in outputs if o.kind == "upscale"}
        todo = [o for o in outputs if o.kind == "tryon" and (o.task_id, o.idx) not in upscaled]
        for start in range(0, len(todo), slots):
            wave = todo[start : start + slots]
            sent: list[str] = []  # the whole wave is sent, then waited for
            for o in wave:
                body = functools.partial(_upscale_request, factor, self.options.out / o.file)
                sent.append(self._paid(journal, f"upscale:{o.task_id}:{o.idx}", create_upscale, body, cost))
            for o, request_id in zip(wave, sent, strict=True):
                status = self.huhu.wait_for_upscale(request_id, interval=self.options.poll_interval)
                name = o.file.removesuffix(".png") + f"-x{factor:g}.png"
                self._fetch(status.result_urls[0], self.options.out / name)
                journal.record_output(OutputRecord(o.task_id, o.idx, request_id, name, "upscale", cost))
        self._say("upscaled")

    def _video(self, journal: Journal, project_id: str) -> None:
        length = str(self.options.video)
        cost = _video_cost(length)
        firsts: dict[str, tuple[OutputRecord, TaskRecord]] = {}  # SKU id → its first try-on image
        for output, task in journal.outputs_with_tasks():
            if output.kind == "tryon" and task is not None:
                firsts.setdefault(task.sku_id, (output, task))
        for sku_id, (output, task) in sorted(firsts.items()):
            if journal.has_output(output.task_id, 0, "video"):
                continue
            body = functools.partial(
                CreateVideoRequest,
                project_id=project_id,
                sku_id=sku_id,
                video_length=length,  # type: ignore[arg-type]
                prompt="model turns slowly, natural light",
                first_frame_image=FirstFrameImageId(image_id=output.image_id),
                source_task_id=output.task_id,
            )
            request_id = self._paid(journal, f"video:{sku_id}", create_video, body, cost)
            url = _text(self.huhu.wait_for_video(request_id, interval=self.options.poll_interval).video_url)
            if url is None:
                raise BatchError(f"video {request_id} completed without a video_url")
            name = f"{task.sku_name}/{task.sku_name}-{length}s.mp4"
            self._fetch(url, self.options.out / name)
            journal.record_output(OutputRecord(output.task_id, 0, request_id, name, "video", cost))
        self._say("videos")

    # -- manifest -------------------------------------------------------------------------------
    def _manifest(self, journal: Journal, spent: int) -> tuple[Path, Path]:
        """manifest.json and manifest.csv, written row by row (the same text as one ``json.dumps(...,
        indent=2)`` of the whole summary, without building it): memory stays flat at any size."""
        json_path = self.options.out / "manifest.json"
        csv_path = self.options.out / "manifest.csv"
        head = {k: journal.get(k) for k in ("project_id", "model_image")} | {"credits_spent": spent}
        json_tmp = json_path.with_suffix(".json.part")
        csv_tmp = csv_path.with_suffix(".csv.part")
        with json_tmp.open("w") as out_json, csv_tmp.open("w", newline="") as out_csv:
            out_json.write(json.dumps(head, indent=2)[:-2] + ',\n  "outputs": [')
            writer = csv.DictWriter(out_csv, fieldnames=MANIFEST_FIELDS)
            writer.writeheader()
            first = True
            for row in self._manifest_rows(journal):
                text = json.dumps(row, indent=2).replace("\n", "\n    ")
                out_json.write(("\n    " if first else ",\n    ") + text)
                writer.writerow(row)
                first = False
            out_json.write("]\n}\n" if first else "\n  ]\n}\n")
        json_tmp.replace(json_path)
        csv_tmp.replace(csv_path)
        return json_path, csv_path

    def _manifest_rows(self, journal: Journal) -> Iterator[dict[str, Any]]:
        n = max(1, self.options.images_per_task)  # a task's credits, shared by its try-on images
        for output, task in journal.outputs_with_tasks():
            if task is None:
                raise BatchError(f"the journal has an output of unknown task {output.task_id}")
            yield {
                "sku": task.sku_name,
                "sku_id": task.sku_id,
                "task_id": task.task_id,
                "view": task.view or "",
                "kind": output.kind,
                "index": output.idx + 1,
                "image_id": output.image_id,
                "file": output.file,
                "credits": task.credits // n if output.kind == "tryon" else output.credits,
            }


MANIFEST_FIELDS = ["sku", "sku_id", "task_id", "view", "kind", "index", "image_id", "file", "credits"]


def result_json(result: RunResult) -> dict[str, Any]:
    """What ``huhu tryon --json`` prints: manifest.json itself (the same per-output records, one shape,
    D-CLI-RESULT) plus the manifest's path and what the server's ledger says this run spent."""
    ledger = ("credits_spent_this_time", "credits_planned", "spend_note")
    data: dict[str, Any] = json.loads(result.manifest_json.read_text())
    return data | {"manifest": str(result.manifest_json)} | {k: getattr(result, k) for k in ledger}

"""Waiters for the API's asynchronous jobs, written once for both the sync and the async client.

A waiter is a generator that *describes* the work: it yields :class:`Call` (an API call to make,
whose parsed answer is sent back in) and :class:`Sleep` steps, and returns the result. :func:`run`
and :func:`arun` execute those steps with a sync or an async client. Waiting needs nothing but the
job ids, so a wait can be resumed after a restart.

- generation requests (face / image / pose): ``GET /model/image?request_id=`` until the status is
  done; a failed status raises.
- try-on tasks: one ``GET /task`` (the unpaginated list, D-TASK-LIST) per interval covers every
  pending task however many there are; each finished task's detail (its outputs) is then fetched
  once with project_id + sku_id + task_id.
- upscale: ``GET /upscale?request_id=`` until done; failed raises.
- video: pages through ``GET /video/requests`` until the request is done.

Which statuses are done or failed comes from the spec's ``x-huhu-lifecycle`` data
(:func:`huhu_ext.spec.lifecycle`); any other status, known or not, means "still running".

Every waiter has an overall wall-clock deadline (``timeout``, measured with the injected clock);
when it passes, :class:`~huhu_ext.errors.PollTimeoutError` names the pending ids and their last
statuses.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Generator, Iterable, Mapping
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any, NotRequired, TypedDict, TypeVar, Unpack

from huhu_client.api.models import get_generation_request
from huhu_client.api.skus import get_skus
from huhu_client.api.tasks import get_tasks
from huhu_client.api.upscale import get_upscale
from huhu_client.api.video import list_video_requests
from huhu_client.models import (
    GenerationStatus,
    SkuList,
    SkuTasks,
    TaskDetail,
    TaskList,
    UpscaleStatus,
    VideoRequest,
    VideoRequestList,
)

from huhu_ext import timetravel
from huhu_ext.errors import HuhuError, JobFailedError, PollTimeoutError, UnexpectedResponseError
from huhu_ext.pagination import PageCursor, operation_for
from huhu_ext.spec import DONE, FAILED, lifecycle

__all__ = [
    "Call",
    "PollProgress",
    "Sleep",
    "WaitOptions",
    "Waiter",
    "arun",
    "run",
    "wait_generation",
    "wait_tasks",
    "wait_upscale",
    "wait_video",
]

R = TypeVar("R")

# What each status means (running, done, failed) is read from the spec's x-huhu-lifecycle data when
# a wait starts; a status the spec does not know is treated as still running (logged once).

NOT_LISTED = "not listed"


@dataclass(frozen=True)
class Call:
    """Step: call ``endpoint`` (a generated endpoint module) with ``kwargs``; receive its parsed answer.

    ``returns`` is the one model the answer must be (as a resource method's return type): the step
    drivers :func:`run` / :func:`arun` raise :class:`~huhu_ext.errors.UnexpectedResponseError` for
    any other, so a waiter never checks what it is sent back."""

    endpoint: ModuleType
    kwargs: Mapping[str, Any] = field(default_factory=dict)
    returns: type[Any] | None = None


@dataclass(frozen=True)
class Sleep:
    """Step: wait ``seconds``."""

    seconds: float


Step = Call | Sleep
Waiter = Generator[Step, Any, R]


@dataclass(frozen=True)
class PollProgress:
    """Handed to ``on_progress`` after every poll."""

    kind: str  # "generation requests", "tasks", "upscale requests", "video requests"
    done: int  # finished successfully
    total: int
    statuses: Mapping[str, str]  # id → last seen status
    elapsed: float  # seconds since the wait started
    failed: int = 0  # ended in a failure status


ProgressCallback = Callable[[PollProgress], None]


def _opt(**kwargs: str | None) -> dict[str, str]:
    return {k: v for k, v in kwargs.items() if v is not None}


def _answer(step: Call, value: Any) -> Any:
    """``value`` if it is the model ``step`` declares (the one check of every waiter's answers)."""
    if step.returns is not None and not isinstance(value, step.returns):
        op = operation_for(step.endpoint.__name__)
        raise UnexpectedResponseError(
            f"expected {step.returns.__name__}, got {type(value).__name__}",
            status=200,
            method=op.method,
            path=op.path,
        )
    return value


class WaitOptions(TypedDict):
    """How a waiter waits: the poll ``interval``, the overall ``timeout`` (seconds, on ``clock``)."""

    interval: float
    timeout: float
    clock: Callable[[], float]
    on_progress: NotRequired[ProgressCallback | None]


Listed = Mapping[str, tuple[str, Any]]  # job id -> (status, what the poll saw of it), for the jobs listed


def _wait(
    kind: str,
    ids: list[str],
    poll: Callable[[], Waiter[Listed]],
    lifecycle_name: str,
    options: WaitOptions,
    finish: Callable[[str, Any], Waiter[Any]] | None = None,
) -> Waiter[dict[str, Any]]:
    """Poll until every job of ``ids`` reached a done or a failed status: one ``poll`` per interval
    for all of them; ``finish`` turns a done job into its result (else: what the poll saw). If some
    fail, waits for the rest, then raises :class:`JobFailedError` whose ``results`` hold the ones
    that succeeded."""
    clock, timeout, interval = options["clock"], options["timeout"], options["interval"]
    if interval <= 0:
        raise ValueError("interval must be > 0")
    start = clock()  # the deadline is ``timeout`` seconds after the wait starts, on ``clock``
    on_progress = options.get("on_progress")
    life = lifecycle(lifecycle_name)
    statuses: dict[str, str] = dict.fromkeys(ids, NOT_LISTED)
    results: dict[str, Any] = {}
    failed: dict[str, str] = {}
    while True:
        listed = yield from poll()
        for job_id in ids:
            if job_id in results or job_id in failed:
                continue
            if job_id not in listed:
                statuses[job_id] = NOT_LISTED
                continue
            status, seen = listed[job_id]
            statuses[job_id] = status
            phase = life.phase(status)
            if phase == FAILED:
                failed[job_id] = status
            elif phase == DONE:
                results[job_id] = seen if finish is None else (yield from finish(job_id, seen))
        if on_progress is not None:
            on_progress(
                PollProgress(kind, len(results), len(ids), dict(statuses), clock() - start, len(failed))
            )
        if len(results) + len(failed) == len(ids):
            if failed:
                raise JobFailedError(
                    kind=kind, failed=failed, results={i: results[i] for i in ids if i in results}
                )
            return {i: results[i] for i in ids}
        remaining = timeout - (clock() - start)
        if remaining <= 0:
            pending = [i for i in ids if i not in results and i not in failed]
            raise PollTimeoutError(
                kind=kind, timeout=timeout, pending=pending, statuses={i: statuses[i] for i in pending}
            )
        yield Sleep(min(interval, remaining))


# Requests polled by id (``GET ...?request_id=``): kind → endpoint, answer model, status lifecycle.
_BY_ID: dict[str, tuple[ModuleType, type[GenerationStatus | UpscaleStatus], str]] = {
    "generation requests": (get_generation_request, GenerationStatus, "generation_status"),
    "upscale requests": (get_upscale, UpscaleStatus, "upscale_status"),
}


def _status(kind: str, request_id: str, program_id: str | None, options: WaitOptions) -> Waiter[Any]:
    """Poll a request's status (``kind``: a key of ``_BY_ID``) until it is done."""
    endpoint, returns, lifecycle_name = _BY_ID[kind]

    def poll() -> Waiter[Listed]:
        answer = yield Call(endpoint, _opt(request_id=request_id, program_id=program_id), returns)
        return {request_id: (answer.status, answer)}

    return (yield from _wait(kind, [request_id], poll, lifecycle_name, options))[request_id]


def wait_generation(
    request_id: str, *, program_id: str | None = None, **options: Unpack[WaitOptions]
) -> Waiter[GenerationStatus]:
    """Poll ``GET /model/image?request_id=`` until ``Generation Completed`` (face / image / pose)."""
    return _status("generation requests", request_id, program_id, options)


def wait_upscale(
    request_id: str, *, program_id: str | None = None, **options: Unpack[WaitOptions]
) -> Waiter[UpscaleStatus]:
    """Poll ``GET /upscale?request_id=`` until ``success``."""
    return _status("upscale requests", request_id, program_id, options)


def wait_video(
    request_id: str, *, program_id: str | None = None, **options: Unpack[WaitOptions]
) -> Waiter[VideoRequest]:
    """Look the request up in ``GET /video/requests`` (all pages) until ``Generation completed``."""
    operation = operation_for(list_video_requests.__name__)

    def poll() -> Waiter[Listed]:
        cursor = PageCursor(operation, _opt(program_id=program_id))
        while not cursor.done:
            page: VideoRequestList = yield Call(list_video_requests, dict(cursor.kwargs), VideoRequestList)
            listed: list[VideoRequest] = cursor.items(page)
            for item in listed:
                if item.request_id == request_id:
                    return {request_id: (item.request_status, item)}
            cursor.advance(page)
        return {}  # not listed (yet)

    found: dict[str, VideoRequest] = yield from _wait(
        "video requests", [request_id], poll, "video_status", options
    )
    return found[request_id]


def _sku_names(project_id: str, program_id: str | None) -> Waiter[dict[str, list[str]]]:
    """SKU name → the ids of the project's SKUs of that name (``GET /sku?project_id=``, all pages)."""
    names: dict[str, list[str]] = {}
    cursor = PageCursor(operation_for(get_skus.__name__), _opt(project_id=project_id, program_id=program_id))
    while not cursor.done:
        page: SkuList = yield Call(get_skus, dict(cursor.kwargs), SkuList)
        for entry in page.skus:
            names.setdefault(entry.sku_name, []).append(entry.sku_id)
        cursor.advance(page)
    return names


def wait_tasks(
    task_ids: Iterable[str],
    *,
    project_id: str | None = None,
    program_id: str | None = None,
    **options: Unpack[WaitOptions],
) -> Waiter[dict[str, TaskDetail]]:
    """Poll ``GET /task`` (one request per interval for all of them) until every task finished;
    return each one's detail with its outputs: ``{task_id: TaskDetail}`` in the order given. If some
    tasks end in ``Generation failed``, waits for the rest, then raises :class:`JobFailedError` whose
    ``results`` hold the details of the ones that succeeded.

    A detail needs the task's project_id and sku_id. The mock's list carries both on each SKU entry
    (optional in the spec, D-REQUIRED); when the live API omits ``sku_id``, it is looked up by SKU
    name in ``GET /sku?project_id=`` (which needs a project id: the entry's or ``project_id``).
    """
    ids = list(dict.fromkeys(task_ids))
    if not ids:
        return {}
    names: dict[str, dict[str, list[str]]] = {}  # project_id → sku_name → sku ids, fetched once

    def poll() -> Waiter[Listed]:
        listing: TaskList = yield Call(
            get_tasks, _opt(project_id=project_id, program_id=program_id), TaskList
        )
        return {task.task_id: (task.task_status, sku) for sku in listing.skus for task in sku.tasks}

    def detail(task_id: str, sku: SkuTasks) -> Waiter[TaskDetail]:
        where = sku.project_id if isinstance(sku.project_id, str) else project_id
        if where is None:
            raise HuhuError(
                f"cannot fetch the outputs of task {task_id}: the task list gives no project_id for "
                f"SKU {sku.sku_name!r}; pass project_id= to wait_for_tasks"
            )
        sku_id = sku.sku_id
        if not isinstance(sku_id, str):
            if where not in names:
                names[where] = yield from _sku_names(where, program_id)
            matches = names[where].get(sku.sku_name, [])
            if len(matches) != 1:
                raise HuhuError(
                    f"cannot fetch the outputs of task {task_id}: the task list gives no sku_id and "
                    f"{len(matches)} SKUs of project {where} are named {sku.sku_name!r}"
                )
            sku_id = matches[0]
        query = _opt(project_id=where, sku_id=sku_id, task_id=task_id, program_id=program_id)
        found: TaskDetail = yield Call(get_tasks, query, TaskDetail)
        return found

    return (yield from _wait("tasks", ids, poll, "task_status", options, detail))


def run(waiter: Waiter[R], call: Callable[[Call], Any], sleep: Callable[[float], None]) -> R:
    """Drive ``waiter`` synchronously: :func:`arun` over the sync ``call`` and ``sleep``, so it never
    suspends and finishes on its first step."""

    async def acall(step: Call) -> Any:
        return call(step)

    async def asleep(seconds: float) -> None:
        sleep(seconds)

    driver = arun(waiter, acall, asleep)
    try:
        driver.send(None)
    except StopIteration as stop:
        result: R = stop.value
        return result
    driver.close()
    raise RuntimeError("a sync waiter awaited something that suspends")


async def arun(
    waiter: Waiter[R], call: Callable[[Call], Awaitable[Any]], sleep: Callable[[float], Awaitable[None]]
) -> R:
    """Drive ``waiter`` with an async client.

    A wait that times out against a mock on its manual clock says why (D-CLI-TIMETRAVEL): the
    mock's time is read when the first sleep begins (calls do not move that clock)."""
    started: float | None = None
    try:
        step = next(waiter)
        while True:
            if isinstance(step, Call):
                step = waiter.send(_answer(step, await call(step)))
            else:
                if started is None:
                    started = timetravel.mock_time()
                await sleep(step.seconds)
                step = waiter.send(None)
    except StopIteration as stop:
        result: R = stop.value
        return result
    except PollTimeoutError as error:  # say why a wait against an offline mock could not finish
        note = timetravel.explain_timeout(timetravel.mock_time() if started is None else started)
        if note:
            error.message += note
            error.args = (error.message,)
        raise error from None

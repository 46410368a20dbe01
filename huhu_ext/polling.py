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


class _Deadline:
    def __init__(self, clock: Callable[[], float], timeout: float, interval: float) -> None:
        if interval <= 0:
            raise ValueError("interval must be > 0")
        self.clock = clock
        self.start = clock()
        self.timeout = timeout
        self.interval = interval

    def elapsed(self) -> float:
        return self.clock() - self.start

    def next_sleep(self) -> float | None:
        """Seconds until the next poll, or None when the deadline has passed."""
        remaining = self.timeout - self.elapsed()
        if remaining <= 0:
            return None
        return min(self.interval, remaining)


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


def _single(
    kind: str,
    job_id: str,
    fetch: Callable[[], Waiter[R | None]],
    status_of: Callable[[R], str],
    lifecycle_name: str,
    options: WaitOptions,
) -> Waiter[R]:
    """Poll one job until it reaches a done or a failed status (``fetch`` gives None: not listed yet)."""
    deadline = _Deadline(options["clock"], options["timeout"], options["interval"])
    on_progress = options.get("on_progress")
    life = lifecycle(lifecycle_name)
    while True:
        current = yield from fetch()
        status = NOT_LISTED if current is None else status_of(current)
        phase = None if current is None else life.phase(status)
        if on_progress is not None:
            finished, lost = int(phase == DONE), int(phase == FAILED)
            on_progress(PollProgress(kind, finished, 1, {job_id: status}, deadline.elapsed(), lost))
        if current is not None:
            if phase == FAILED:
                raise JobFailedError(kind=kind, failed={job_id: status})
            if phase == DONE:
                return current
        delay = deadline.next_sleep()
        if delay is None:
            raise PollTimeoutError(
                kind=kind, timeout=deadline.timeout, pending=[job_id], statuses={job_id: status}
            )
        yield Sleep(delay)


def _status(
    endpoint: ModuleType, returns: type[R], request_id: str, program_id: str | None
) -> Callable[[], Waiter[R]]:
    """Fetch a request's status from ``endpoint`` (``GET ...?request_id=``)."""

    def fetch() -> Waiter[R]:
        status: R = yield Call(endpoint, _opt(request_id=request_id, program_id=program_id), returns)
        return status

    return fetch


def _status_field(answer: GenerationStatus | UpscaleStatus) -> str:
    return answer.status


def wait_generation(
    request_id: str, *, program_id: str | None = None, **options: Unpack[WaitOptions]
) -> Waiter[GenerationStatus]:
    """Wait for a face / image / pose generation request."""
    fetch = _status(get_generation_request, GenerationStatus, request_id, program_id)
    return _single("generation requests", request_id, fetch, _status_field, "generation_status", options)


def wait_upscale(
    request_id: str, *, program_id: str | None = None, **options: Unpack[WaitOptions]
) -> Waiter[UpscaleStatus]:
    """Wait for an upscale request."""
    fetch = _status(get_upscale, UpscaleStatus, request_id, program_id)
    return _single("upscale requests", request_id, fetch, _status_field, "upscale_status", options)


def wait_video(
    request_id: str, *, program_id: str | None = None, **options: Unpack[WaitOptions]
) -> Waiter[VideoRequest]:
    """Wait for a video request, looking it up through the pages of ``GET /video/requests``."""
    operation = operation_for(list_video_requests.__name__)

    def fetch() -> Waiter[VideoRequest | None]:
        cursor = PageCursor(operation, _opt(program_id=program_id))
        while not cursor.done:
            page: VideoRequestList = yield Call(list_video_requests, dict(cursor.kwargs), VideoRequestList)
            listed: list[VideoRequest] = cursor.items(page)
            for item in listed:
                if item.request_id == request_id:
                    return item
            cursor.advance(page)
        return None  # not listed (yet)

    return _single("video requests", request_id, fetch, lambda r: r.request_status, "video_status", options)


class _SkuResolver:
    """Finds the ids a task detail needs (project_id, sku_id) for an entry of the task list.

    The mock's list carries ``sku_id`` and ``project_id`` on each SKU entry (optional in the spec,
    D-REQUIRED). When the live API omits ``sku_id``, it is looked up by SKU name in
    ``GET /sku?project_id=`` (which needs a project id: the entry's or the one given to the waiter).
    """

    def __init__(self, project_id: str | None, program_id: str | None) -> None:
        self.project_id = project_id
        self.program_id = program_id
        self._by_name: dict[str, dict[str, list[str]]] = {}  # project_id → sku_name → sku ids

    def resolve(self, sku: SkuTasks, task_id: str) -> Waiter[tuple[str, str]]:
        project_id = sku.project_id if isinstance(sku.project_id, str) else self.project_id
        if project_id is None:
            raise HuhuError(
                f"cannot fetch the outputs of task {task_id}: the task list gives no project_id for "
                f"SKU {sku.sku_name!r}; pass project_id= to wait_for_tasks"
            )
        if isinstance(sku.sku_id, str):
            return project_id, sku.sku_id
        if project_id not in self._by_name:
            names: dict[str, list[str]] = {}
            cursor = PageCursor(
                operation_for(get_skus.__name__), _opt(project_id=project_id, program_id=self.program_id)
            )
            while not cursor.done:
                page: SkuList = yield Call(get_skus, dict(cursor.kwargs), SkuList)
                for entry in page.skus:
                    names.setdefault(entry.sku_name, []).append(entry.sku_id)
                cursor.advance(page)
            self._by_name[project_id] = names
        matches = self._by_name[project_id].get(sku.sku_name, [])
        if len(matches) != 1:
            raise HuhuError(
                f"cannot fetch the outputs of task {task_id}: the task list gives no sku_id and "
                f"{len(matches)} SKUs of project {project_id} are named {sku.sku_name!r}"
            )
        return project_id, matches[0]


def wait_tasks(
    task_ids: Iterable[str],
    *,
    project_id: str | None = None,
    program_id: str | None = None,
    **options: Unpack[WaitOptions],
) -> Waiter[dict[str, TaskDetail]]:
    """Wait for try-on tasks: one list request per interval for all of them, then each one's detail.

    Returns ``{task_id: TaskDetail}`` (with ``output``) in the order given. If some tasks end in
    ``Generation failed``, waits for the rest, then raises :class:`JobFailedError` whose ``results``
    hold the details of the ones that succeeded.
    """
    ids = list(dict.fromkeys(task_ids))
    if not ids:
        return {}
    deadline = _Deadline(options["clock"], options["timeout"], options["interval"])
    on_progress = options.get("on_progress")
    resolver = _SkuResolver(project_id, program_id)
    statuses: dict[str, str] = dict.fromkeys(ids, NOT_LISTED)
    results: dict[str, TaskDetail] = {}
    failed: dict[str, str] = {}
    list_kwargs = _opt(project_id=project_id, program_id=program_id)
    life = lifecycle("task_status")
    while True:
        listing: TaskList = yield Call(get_tasks, list_kwargs, TaskList)
        seen = {task.task_id: (task.task_status, sku) for sku in listing.skus for task in sku.tasks}
        for task_id in ids:
            if task_id in results or task_id in failed:
                continue
            if task_id not in seen:
                statuses[task_id] = NOT_LISTED
                continue
            status, sku = seen[task_id]
            statuses[task_id] = status
            phase = life.phase(status)
            if phase == FAILED:
                failed[task_id] = status
            elif phase == DONE:
                where, sku_id = yield from resolver.resolve(sku, task_id)
                detail: TaskDetail = yield Call(
                    get_tasks,
                    _opt(project_id=where, sku_id=sku_id, task_id=task_id, program_id=program_id),
                    TaskDetail,
                )
                results[task_id] = detail
        finished = len(results) + len(failed)
        if on_progress is not None:
            on_progress(
                PollProgress("tasks", len(results), len(ids), dict(statuses), deadline.elapsed(), len(failed))
            )
        if finished == len(ids):
            if failed:
                raise JobFailedError(
                    kind="tasks", failed=failed, results={i: results[i] for i in ids if i in results}
                )
            return {i: results[i] for i in ids}
        delay = deadline.next_sleep()
        if delay is None:
            pending = [i for i in ids if i not in results and i not in failed]
            raise PollTimeoutError(
                kind="tasks",
                timeout=deadline.timeout,
                pending=pending,
                statuses={i: statuses[i] for i in pending},
            )
        yield Sleep(delay)


def _explained(error: PollTimeoutError, started: float | None) -> PollTimeoutError:
    """Say why a wait against an offline mock could not finish (D-CLI-TIMETRAVEL)."""
    note = timetravel.explain_timeout(started)
    if note:
        error.message += note
        error.args = (error.message,)
    return error


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
    except PollTimeoutError as error:
        raise _explained(error, timetravel.mock_time() if started is None else started) from None

"""``Huhu`` and ``AsyncHuhu``: the generated client plus typed errors, retries, pagination, waiters,
slots and credit checks.

Every generated operation stays usable directly with ``huhu.client`` (the generated
``AuthenticatedClient``, which already carries the retrying, logging transport); ``huhu.call`` adds
typed errors::

    from huhu_client.api.metering import get_plan

    with Huhu() as huhu:                      # HUHU_API_KEY, HUHU_BASE_URL from the environment
        plan = huhu.call(get_plan)            # -> Plan, or raises a HuhuError
        for project in huhu.paginate(get_projects):
            ...
"""

from __future__ import annotations

import asyncio
import contextvars
import functools
import json
import logging
import os
import threading
from collections.abc import AsyncIterator, Awaitable, Callable, Coroutine, Generator, Iterable, Iterator
from pathlib import Path
from types import MethodType, ModuleType
from typing import Any, Concatenate, Generic, Literal, ParamSpec, Protocol, Self, TypeVar, cast, overload

import httpx
from attrs import evolve
from huhu_client import AuthenticatedClient
from huhu_client.api.metering import get_plan
from huhu_client.models import Error, Plan
from huhu_client.resources import AsyncResources, Resources
from huhu_client.types import Response

from huhu_ext import credits as _credits
from huhu_ext import polling, timetravel
from huhu_ext._http import NOT_SENT_ERRORS, is_idempotent, request_path
from huhu_ext._logging import get_logger
from huhu_ext.errors import (
    AmbiguousRequestError,
    APIConnectionError,
    APIStatusError,
    ConfigurationError,
    HuhuError,
    InsufficientBudgetError,
    UnexpectedResponseError,
    error_from_response,
)
from huhu_ext.pagination import AsyncListPaginator, AsyncPaginator, ListPaginator, Paginator, operation_for
from huhu_ext.slots import AsyncSlotLimiter, SlotLimiter
from huhu_ext.spec import Operation
from huhu_ext.streaming import StreamedJSONError, ajson_items, json_items
from huhu_ext.transport import AsyncRetryTransport, RetryTransport

__all__ = ["DEFAULT_BASE_URL", "AsyncEndpoint", "AsyncHuhu", "Huhu", "SyncEndpoint"]

DEFAULT_BASE_URL = "https://api.huhu.ai/public/v1"

T = TypeVar("T")
P = TypeVar("P")
I = TypeVar("I")  # noqa: E741 - the item model of a page
T_co = TypeVar("T_co", covariant=True)
R = TypeVar("R")
P_ = ParamSpec("P_")
TransportT = TypeVar("TransportT")
SleepT = TypeVar("SleepT")


class SyncEndpoint(Protocol[T_co]):
    """A generated endpoint module, e.g. ``huhu_client.api.metering.get_plan``."""

    @property
    def __name__(self) -> str: ...
    @property
    def sync(self) -> Callable[..., T_co | Error | None]: ...
    @property
    def sync_detailed(self) -> Callable[..., Response[Any]]: ...


class AsyncEndpoint(Protocol[T_co]):
    """A generated endpoint module, used through its ``asyncio_detailed`` function."""

    @property
    def __name__(self) -> str: ...
    @property
    def asyncio(self) -> Callable[..., Coroutine[Any, Any, T_co | Error | None]]: ...
    @property
    def asyncio_detailed(self) -> Callable[..., Coroutine[Any, Any, Response[Any]]]: ...


class _Secret(str):
    """The Authorization value: a str that never shows itself in a repr (attrs reprs of the client)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "'[REDACTED]'"


# The httpx response behind the generated call in progress (set by a response event hook), so an
# error can name the method and path, and a body the generated parser chokes on is still reported.
_last_response: contextvars.ContextVar[httpx.Response | None] = contextvars.ContextVar(
    "huhu_last_response", default=None
)


def _remember(response: httpx.Response) -> None:
    _last_response.set(response)


async def _aremember(response: httpx.Response) -> None:
    _last_response.set(response)


_STATE_HINTS = {
    "generate_tasks": "GET /task (tasks now Submitted, Generation or later were accepted)",
    "create_video": "GET /video/requests (a new request)",
}


def _in_doubt(op: Operation, method: str, path: str, what: str) -> str:
    """The message of an AmbiguousRequestError: what happened, and what to check before sending again."""
    message = (
        f"{method} {path} {what} after the request was sent: the server may or may not have applied it, "
        "so it was not re-sent."
    )
    if op.credits is None:
        return message + " Check whether it took effect before sending it again."
    checks = [f"GET /metering/credit-history for a new '{op.credits.operation}' entry"]
    if op.operation_id in _STATE_HINTS:
        checks.append(_STATE_HINTS[op.operation_id])
    return (
        f"{message} {op.operation_id} spends credits, and sending it again could charge twice: check "
        + " and ".join(checks)
        + " before submitting again."
    )


def _transport_failure(op: Operation, error: httpx.TransportError) -> HuhuError:
    """A request that got no answer: ambiguous when it may have reached the server and is not idempotent."""
    try:
        method, path = error.request.method, request_path(error.request)
    except RuntimeError:  # no request attached
        method, path = op.method, op.path
    failure = type(error).__name__
    if not is_idempotent(method) and not isinstance(error, NOT_SENT_ERRORS):
        message = _in_doubt(op, method, path, f"failed ({failure})")
        return AmbiguousRequestError(message, method=method, path=path, status=None)
    detail = str(error)
    return APIConnectionError(f"{failure}: {detail}" if detail else failure, method=method, path=path)


def _status_failure(op: Operation, error: APIStatusError) -> HuhuError:
    """An error answer; a 5xx to a non-idempotent request is ambiguous, with the server's error as cause."""
    method, path = error.method or op.method, error.path or op.path
    if error.status < 500 or is_idempotent(method):
        return error
    message = _in_doubt(op, method, path, f"answered {error.status}")
    ambiguous = AmbiguousRequestError(
        message, method=method, path=path, status=error.status, response=error.response
    )
    ambiguous.__cause__ = error
    return ambiguous


def _unexpected(
    op: Operation, problem: str, status: int, response: httpx.Response | None
) -> UnexpectedResponseError:
    return UnexpectedResponseError(problem, status=status, method=op.method, path=op.path, response=response)


class _Exchange:
    """One generated call (sync or async): remembers its httpx response and types its failures."""

    def __init__(self, name: str, returns: type[Any] | None) -> None:
        self.op = operation_for(name)
        self.returns = returns
        self.response: httpx.Response | None = None

    def __enter__(self) -> Self:
        self._token = _last_response.set(None)
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: object) -> None:
        self.response = _last_response.get()
        _last_response.reset(self._token)
        if isinstance(exc, httpx.TransportError):
            raise _transport_failure(self.op, exc) from exc
        # An answer the generated parser choked on (another such exception is not about an answer).
        if isinstance(exc, ValueError | TypeError | KeyError | AttributeError) and self.response is not None:
            response = self.response
            if 200 <= response.status_code < 300:
                raise UnexpectedResponseError(
                    f"{type(exc).__name__}: {exc}",
                    status=response.status_code,
                    method=response.request.method,
                    path=request_path(response.request),
                    response=response,
                ) from exc
            replacement = _status_failure(self.op, error_from_response(response))
            raise replacement from replacement.__cause__ or exc

    def outcome(self, detailed: Response[Any]) -> Any:
        """The parsed 2xx value (of type ``returns`` when given), or the typed error for anything else."""
        status, response, op = int(detailed.status_code), self.response, self.op
        if 200 <= status < 300:
            parsed = detailed.parsed
            if parsed is None:
                raise _unexpected(op, "the spec declares no such answer", status, response)
            if self.returns is not None and not isinstance(parsed, self.returns):
                problem = f"expected {self.returns.__name__}, got {type(parsed).__name__}"
                raise _unexpected(op, problem, status, response)
            return parsed
        if response is None:  # the generated client was given another httpx client: no hook
            response_error = error_from_response(
                status=status,
                headers=detailed.headers,
                content=detailed.content,
                method=op.method,
                path=op.path,
            )
        else:
            response_error = error_from_response(response)
        raise _status_failure(op, response_error)


class _Stream:
    """One streamed answer (sync or async): its request, and the typed errors of its failures."""

    def __init__(self, endpoint: SyncEndpoint[Any] | AsyncEndpoint[Any], kwargs: dict[str, Any]) -> None:
        build: Callable[..., dict[str, Any]] | None = getattr(endpoint, "_get_kwargs", None)
        if build is None:
            raise TypeError(f"{endpoint.__name__} is not a generated operation module")
        self.request = build(**kwargs)  # the httpx request of the generated operation
        self.op = operation_for(endpoint.__name__)
        self.response: httpx.Response | None = None

    def failed(self, response: httpx.Response) -> bool:
        """Whether ``response`` is an error answer (then read it and raise :meth:`error`)."""
        self.response = response
        return not 200 <= response.status_code < 300

    def error(self) -> HuhuError:
        assert self.response is not None
        return _status_failure(self.op, error_from_response(self.response))

    def __enter__(self) -> Self:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: object) -> None:
        if isinstance(exc, StreamedJSONError) and self.response is not None:
            problem = f"the answer is not the JSON the spec declares: {type(exc).__name__}: {exc}"
            raise _unexpected(self.op, problem, self.response.status_code, self.response) from exc
        if isinstance(exc, httpx.TransportError):
            raise _transport_failure(self.op, exc) from exc


class _Shared(Generic[P_, R]):
    """A method written once, as steps (:mod:`huhu_ext.polling`'s ``Call`` / ``Sleep``): :class:`Huhu`
    runs them, :class:`AsyncHuhu` awaits them (a coroutine method of the same signature)."""

    def __init__(self, steps: Callable[Concatenate[Any, P_], Generator[Any, Any, R]]) -> None:
        self.steps = steps

        @functools.wraps(steps)
        def run(client: Huhu, /, *args: Any, **kwargs: Any) -> Any:
            return client._run(steps(client, *args, **kwargs))

        @functools.wraps(steps)
        async def arun(client: AsyncHuhu, /, *args: Any, **kwargs: Any) -> Any:
            return await client._run(steps(client, *args, **kwargs))

        self._run, self._arun = run, arun
        self.__doc__ = steps.__doc__

    @overload
    def __get__(self, client: None, owner: type[Any]) -> Self: ...
    @overload
    def __get__(self, client: Huhu, owner: type[Any]) -> Callable[P_, R]: ...
    @overload
    def __get__(self, client: AsyncHuhu, owner: type[Any]) -> Callable[P_, Coroutine[Any, Any, R]]: ...
    def __get__(self, client: object, owner: type[Any]) -> Any:
        if client is None:
            return self
        return MethodType(self._arun if isinstance(client, AsyncHuhu) else self._run, client)


class _Common(Generic[TransportT, SleepT]):
    """Everything :class:`Huhu` and :class:`AsyncHuhu` share: settings, the generated client, credit
    estimates and budgets, how waiters wait, plan and credit checks. Each subclass adds only the I/O
    shell; the waiters (``wait_for_*``) are generated into the ``huhu_client.resources`` mixins."""

    client: AuthenticatedClient
    transport: RetryTransport | AsyncRetryTransport
    _slots: SlotLimiter | AsyncSlotLimiter | None

    def __init__(
        self,
        api_key: str | None = None,
        base_url: str | None = None,
        *,
        timeout: float = 60.0,
        max_retries: int = 2,
        transport: TransportT | None = None,
        sleep: SleepT | None = None,
        clock: Callable[[], float] = timetravel.monotonic,
        poll_interval: float = 5.0,
        logger: logging.Logger | None = None,
    ) -> None:
        key = (api_key if api_key is not None else os.environ.get("HUHU_API_KEY", "")).strip()
        if not key:
            raise ConfigurationError(
                "no Huhu API key: pass api_key=... or set the HUHU_API_KEY environment variable"
            )
        self.base_url = (base_url or os.environ.get("HUHU_BASE_URL") or DEFAULT_BASE_URL).strip().rstrip("/")
        self.timeout = timeout
        self.poll_interval = poll_interval
        self._clock = clock
        self._logger_arg = logger
        self._logger = get_logger(logger, secret=key)
        self._auth = _Secret(f"Bearer {key}")
        self._max_retries = max_retries
        self._owns_pool = True  # False for a with_options() copy: the original closes the pool
        self._slots = None
        self._connect(transport, sleep)

    def _connect(self, transport: TransportT | None, sleep: SleepT | None) -> None:
        """Set ``transport``, ``_sleep``, ``client`` and the slot limiter (sync or async)."""
        raise NotImplementedError

    def _generated_client(self, transport: httpx.BaseTransport) -> AuthenticatedClient:
        """The generated client, its sync httpx client on ``transport`` (answers remembered)."""
        # prefix="" and a pre-built "Bearer ..." token: the generated client sends it unchanged, and
        # a _Secret keeps it out of the attrs repr of the client and of its headers dict.
        return AuthenticatedClient(
            base_url=self.base_url,
            token=self._auth,
            prefix="",
            timeout=httpx.Timeout(self.timeout),
            httpx_args={"transport": transport, "event_hooks": {"response": [_remember]}},
        )

    @staticmethod
    def estimate(planned: Iterable[_credits.Planned]) -> _credits.CostEstimate:
        """Price planned requests ``[(operation_id, body), ...]`` from the spec (no request is made)."""
        return _credits.estimate(planned)

    # -- what the generated resources (huhu_client.resources) call --------------------------------
    @staticmethod
    def _estimate(endpoint: ModuleType, body: Any) -> _credits.CostItem:
        """The spec price of one request of ``endpoint`` with ``body`` (a generated request model)."""
        return _credits.estimate([(endpoint, body)]).items[0]

    def _params(
        self, endpoint: ModuleType, params: dict[str, Any], body: Any = None, max_credits: int | None = None
    ) -> dict[str, Any]:
        """A resource call's arguments; refuses, before sending, a request whose spec price exceeds
        ``max_credits`` (D-MAX-CREDITS)."""
        if body is None:
            return params
        if max_credits is not None:
            cost = self._estimate(endpoint, body)
            if cost.credits > max_credits:
                raise InsufficientBudgetError(
                    operation_id=cost.operation_id, credits_required=cost.credits, max_credits=max_credits
                )
        return {**params, "body": body}

    def with_options(self, *, timeout: float | None = None, max_retries: int | None = None) -> Self:
        """A client with another timeout / retry budget, sharing this one's connection pool.

        ``huhu.with_options(timeout=5).plan()``; closing the copy leaves the pool open (the original
        owns it).
        """
        clone = type(self)(
            api_key=self._auth.removeprefix("Bearer "),
            base_url=self.base_url,
            timeout=self.timeout if timeout is None else timeout,
            max_retries=self._max_retries if max_retries is None else max_retries,
            transport=cast(TransportT, self.transport.wrapped),
            sleep=self._sleep,
            clock=self._clock,
            poll_interval=self.poll_interval,
            logger=self._logger_arg,
        )
        clone._owns_pool = False
        clone._slots = self._slots
        return clone

    _sleep: SleepT
    _request: Callable[..., Any]  # Huhu._request / AsyncHuhu._request (a coroutine)

    def _step(self, step: polling.Call) -> Any:
        """Make a waiter's call (:mod:`huhu_ext.polling`): its answer, or a coroutine of it."""
        return self._request(step.endpoint, dict(step.kwargs), step.returns)

    # -- waiters (the generated wait_for_* methods of huhu_client.resources) ---------------------
    def _wait_options(
        self, interval: float | None, timeout: float, on_progress: polling.ProgressCallback | None
    ) -> polling.WaitOptions:
        """How a ``wait_for_*`` method waits: this client's poll interval (unless given) and clock."""
        return {
            "interval": self.poll_interval if interval is None else interval,
            "timeout": timeout,
            "clock": self._clock,
            "on_progress": on_progress,
        }

    # -- credits ----------------------------------------------------------------------------------
    @_Shared
    def plan(self, *, program_id: str | None = None) -> Generator[polling.Call, Any, Plan]:
        """``GET /metering/plan``: balance, plan status and concurrent slots."""
        plan: Plan = yield polling.Call(get_plan, {} if program_id is None else {"program_id": program_id})
        return plan

    @_Shared
    def ensure_credits(
        self,
        planned: _credits.CostEstimate | Iterable[_credits.Planned] | int,
        *,
        program_id: str | None = None,
    ) -> Generator[polling.Call, Any, Plan]:
        """Raise InsufficientCreditsError, before anything is spent, if the balance can't cover ``planned``."""
        required = _credits.required_credits(planned)
        plan = yield from _Common.plan.steps(self, program_id=program_id)
        _credits.check_balance(required, plan)
        return plan

    def __repr__(self) -> str:
        return f"{type(self).__name__}(base_url={self.base_url!r})"


class Huhu(_Common[httpx.BaseTransport, Callable[[float], None]], Resources):
    """The synchronous client.

    ``transport`` replaces the network (e.g. ``httpx.WSGITransport(app=...)`` or a respx mock); it is
    wrapped in :class:`~huhu_ext.transport.RetryTransport`. ``sleep`` and ``clock`` are injectable so
    that retries and waiters can be tested without waiting.
    """

    transport: RetryTransport
    _slots: SlotLimiter | None

    def _connect(self, transport: httpx.BaseTransport | None, sleep: Callable[[float], None] | None) -> None:
        self._sleep = timetravel.sleep if sleep is None else sleep
        self.transport = RetryTransport(
            transport if transport is not None else httpx.HTTPTransport(),
            max_retries=self._max_retries,
            sleep=self._sleep,
            logger=self._logger,
        )
        self.client = self._generated_client(self.transport)
        self._slots_lock = threading.Lock()

    # -- calls ------------------------------------------------------------------------------------
    def call(self, endpoint: SyncEndpoint[T], /, **kwargs: Any) -> T:
        """``endpoint.sync_detailed(client=self.client, **kwargs)``: the parsed 2xx value, or a HuhuError."""
        result: T = self._call(endpoint, kwargs)
        return result

    def _call(self, endpoint: SyncEndpoint[Any], kwargs: dict[str, Any], returns: Any = None) -> Any:
        with _Exchange(endpoint.__name__, returns) as exchange:
            answer = endpoint.sync_detailed(client=self.client, **kwargs)
        return exchange.outcome(answer)

    def _request(self, endpoint: ModuleType, params: dict[str, Any], returns: type[T], **body: Any) -> T:
        """One resource call: the answer as ``returns`` (else UnexpectedResponseError), or a HuhuError."""
        result: T = self._call(endpoint, self._params(endpoint, params, **body), returns)
        return result

    def _run(self, steps: polling.Waiter[R]) -> R:
        """Run a method written as steps (:mod:`huhu_ext.polling`'s ``Call`` / ``Sleep``)."""
        return polling.run(steps, self._step, self._sleep)

    def _list(
        self, endpoint: ModuleType, params: dict[str, Any], page: type[P], item: type[I]
    ) -> ListPaginator[P, I]:
        """A resource's paginated list: items ``I`` across every page ``P``."""
        fetch = functools.partial(self._request, endpoint, returns=page)
        return ListPaginator(fetch, operation_for(endpoint.__name__), params)

    def paginate(self, endpoint: SyncEndpoint[T], /, **kwargs: Any) -> Paginator[T]:
        """Items across every page of a paginated list (``.pages()`` for whole pages)."""
        return Paginator(lambda kw: self.call(endpoint, **kw), operation_for(endpoint.__name__), kwargs)

    def stream_items(self, endpoint: SyncEndpoint[Any], /, array: str, **kwargs: Any) -> Iterator[Any]:
        """The elements of the array ``array`` of an operation's JSON answer, parsed as they stream in.

        The request of ``call(endpoint, **kwargs)``, the same typed errors, but plain JSON values
        instead of generated models, and never the whole body in memory: for answers that grow
        without bound, such as a project's task list (``stream_items(get_tasks, "skus",
        project_id=...)`` yields one SKU, with its tasks, at a time). ``array`` is a top-level key,
        or an ijson prefix such as ``"a.item.b"``. A body without that array is an
        :class:`~huhu_ext.errors.UnexpectedResponseError`.
        """
        with (
            _Stream(endpoint, kwargs) as stream,
            self.client.get_httpx_client().stream(**stream.request) as answer,
        ):
            if stream.failed(answer):
                answer.read()
                raise stream.error()
            yield from json_items(answer.iter_bytes(), array)

    def tryon(
        self,
        garments: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
        *,
        model: str | None = None,
        model_image: str | None = None,
        images_per_task: int = 1,
        out: str | os.PathLike[str] = "huhu-out",
        upscale: float | None = None,
        video: Literal["5", "10"] | None = None,
        timeout: float = 3600.0,
    ) -> list[dict[str, Any]]:
        """Dress a model in ``garments`` (files, a folder per SKU, or a folder of SKU folders): the
        batch engine of ``huhu tryon`` (resumable, priced and budget-guarded before spending), run
        into ``out``; returns the result records of its ``manifest.json``.

        ``model`` describes a gallery model (e.g. ``"women"``); ``model_image`` names an image id
        instead; neither: the engine's default model.
        """
        from huhu_ext.batch import TryOnOptions, TryOnRun  # batch imports this module

        paths = [garments] if isinstance(garments, str | os.PathLike) else list(garments)
        options = TryOnOptions(
            garments=tuple(Path(p) for p in paths),
            out=Path(out),
            model_image=model_image,
            model_description=model,
            images_per_task=images_per_task,
            upscale=upscale,
            video=video,
            poll_interval=self.poll_interval,
            timeout=timeout,
        )
        result = TryOnRun(self, options, sleep=self._sleep).run()
        records: list[dict[str, Any]] = json.loads(result.manifest_json.read_text())["outputs"]
        return records

    # -- slots and lifetime -----------------------------------------------------------------------
    def slots(self) -> SlotLimiter:
        """A limiter sized from the plan's ``concurrent_requests`` (fetched once, then shared)."""
        with self._slots_lock:
            if self._slots is None:
                self._slots = SlotLimiter(self.plan().concurrent_requests)
            return self._slots

    def close(self) -> None:
        if self._owns_pool:
            self.client.get_httpx_client().close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


class AsyncHuhu(_Common[httpx.AsyncBaseTransport, Callable[[float], Awaitable[None]]], AsyncResources):
    """The asyncio client: the same surface as :class:`Huhu`, with ``async`` calls and waiters.

    ``transport`` is an async transport (e.g. ``httpx.ASGITransport`` or ``httpx.MockTransport``);
    it is wrapped in :class:`~huhu_ext.transport.AsyncRetryTransport` and set on the generated
    client's async httpx client (``httpx_args`` is shared by the sync and async clients).
    """

    transport: AsyncRetryTransport
    _slots: AsyncSlotLimiter | None

    def _connect(
        self, transport: httpx.AsyncBaseTransport | None, sleep: Callable[[float], Awaitable[None]] | None
    ) -> None:
        self._sleep = timetravel.asleep if sleep is None else sleep
        self.transport = AsyncRetryTransport(
            transport if transport is not None else httpx.AsyncHTTPTransport(),
            max_retries=self._max_retries,
            sleep=self._sleep,
            logger=self._logger,
        )
        # The generated sync functions keep working through .client too (with the given transport
        # when it also serves sync requests, e.g. httpx.MockTransport).
        sync_inner = transport if isinstance(transport, httpx.BaseTransport) else httpx.HTTPTransport()
        sync_transport = RetryTransport(sync_inner, max_retries=self._max_retries, logger=self._logger)
        self.client = self._generated_client(sync_transport)
        async_args = {"transport": self.transport, "event_hooks": {"response": [_aremember]}}
        self.client.set_async_httpx_client(
            evolve(self.client, httpx_args=async_args).get_async_httpx_client()
        )
        self._slots_lock = asyncio.Lock()

    # -- calls ------------------------------------------------------------------------------------
    async def call(self, endpoint: AsyncEndpoint[T], /, **kwargs: Any) -> T:
        """``await endpoint.asyncio_detailed(client=self.client, **kwargs)``: the parsed 2xx value, or a HuhuError."""
        result: T = await self._call(endpoint, kwargs)
        return result

    async def _call(self, endpoint: AsyncEndpoint[Any], kwargs: dict[str, Any], returns: Any = None) -> Any:
        with _Exchange(endpoint.__name__, returns) as exchange:
            answer = await endpoint.asyncio_detailed(client=self.client, **kwargs)
        return exchange.outcome(answer)

    async def _request(
        self, endpoint: ModuleType, params: dict[str, Any], returns: type[T], **body: Any
    ) -> T:
        """:meth:`Huhu._request`, asynchronously."""
        result: T = await self._call(endpoint, self._params(endpoint, params, **body), returns)
        return result

    async def _run(self, steps: polling.Waiter[R]) -> R:
        """:meth:`Huhu._run`, asynchronously."""
        return await polling.arun(steps, self._step, self._sleep)

    def _list(
        self, endpoint: ModuleType, params: dict[str, Any], page: type[P], item: type[I]
    ) -> AsyncListPaginator[P, I]:
        """:meth:`Huhu._list`: ``async for`` items ``I`` across every page ``P``."""
        fetch = functools.partial(self._request, endpoint, returns=page)
        return AsyncListPaginator(fetch, operation_for(endpoint.__name__), params)

    def paginate(self, endpoint: AsyncEndpoint[T], /, **kwargs: Any) -> AsyncPaginator[T]:
        """``async for item in huhu.paginate(...)``: items across every page (``.pages()`` for pages)."""
        return AsyncPaginator(lambda kw: self.call(endpoint, **kw), operation_for(endpoint.__name__), kwargs)

    async def stream_items(
        self, endpoint: AsyncEndpoint[Any], /, array: str, **kwargs: Any
    ) -> AsyncIterator[Any]:
        """:meth:`Huhu.stream_items`, asynchronously."""
        with _Stream(endpoint, kwargs) as stream:
            async with self.client.get_async_httpx_client().stream(**stream.request) as answer:
                if stream.failed(answer):
                    await answer.aread()
                    raise stream.error()
                async for item in ajson_items(answer.aiter_bytes(), array):
                    yield item

    # -- slots and lifetime -----------------------------------------------------------------------
    async def slots(self) -> AsyncSlotLimiter:
        """A limiter sized from the plan's ``concurrent_requests`` (fetched once, then shared)."""
        async with self._slots_lock:
            if self._slots is None:
                self._slots = AsyncSlotLimiter((await self.plan()).concurrent_requests)
            return self._slots

    async def aclose(self) -> None:
        if self._owns_pool:
            await self.client.get_async_httpx_client().aclose()
            self.client.get_httpx_client().close()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

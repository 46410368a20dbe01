"""Test your Huhu integration offline, the way moto tests AWS code: no network, no key, no credits.

Three ways in, one mock behind them (:class:`mock_server.HuhuBackend`, the stateful mock of the API):

* :func:`mock_huhu` — a decorator (sync and async functions, test classes) and a context manager built
  on respx. While it is active every httpx request to the production (``https://api.huhu.ai``) or
  gamma (``https://api-gamma.huhu.ai``) host — the API under ``/public/v1`` and the signed download
  and presigned upload URLs the mock hands out on that host — is answered in-process by a fresh mock
  through its WSGI app: no socket, no server. Works with the generated ``huhu_client``, with
  :class:`~huhu_ext.Huhu` / :class:`~huhu_ext.AsyncHuhu` and with plain ``httpx.Client`` /
  ``httpx.AsyncClient`` code that hard-codes the production URL. It yields a :class:`HuhuMock`.
* the pytest fixtures ``huhu_mock`` (the same, fresh per test) and ``huhu_mock_server``
  (:class:`HuhuMockServer`: a real ``huhu-mock serve`` process on a free loopback port, for code in
  other languages or subprocesses), registered by :mod:`huhu_ext.pytest_plugin`.
* :class:`HuhuMockServer` directly, as a context manager, outside pytest.

Requests to every other host are not touched: they go to the network, or to a respx router of your
own that is active at the same time. ``mock_huhu(passthrough=False)`` makes them fail instead
(respx's ``AllMockedAssertionError``), to prove a test never leaves the machine.

The mock runs on a *manual clock* by default: jobs (try-ons ``tryon_seconds``, other jobs
``job_seconds``) only progress when the test calls :meth:`HuhuMock.advance`. Clients made by
:meth:`HuhuMock.client` sleep by advancing that clock, and so does any default ``Huhu()`` /
``AsyncHuhu()`` of the process while the mock is active (time travel, :mod:`huhu_ext.timetravel`):
waiters finish at once, and a wait that cannot finish says why. With ``clock="real"`` jobs finish
in wall-clock time instead (use short ``job_seconds``).
"""

from __future__ import annotations

import asyncio
import contextlib
import fnmatch
import functools
import inspect
import json
import os
import re
import ssl
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Self, TypeVar, overload

import httpx

from huhu_ext import timetravel
from huhu_ext._extras import require
from huhu_ext.client import AsyncHuhu, Huhu

if TYPE_CHECKING:
    import respx
    from flask import Flask

    from mock_server.clock import Clock
    from mock_server.journal import JournalEntry
    from mock_server.models import HuhuBackend

__all__ = [
    "BASE_URL",
    "DEFAULT_API_KEY",
    "GAMMA_BASE_URL",
    "HOSTS",
    "HuhuMock",
    "HuhuMockServer",
    "MockServerError",
    "TeamHandle",
    "mock_huhu",
]

DEFAULT_API_KEY = "sk-" + "deadbeef" * 6
"""The key of the mock's default team (the same as ``mock_server.DEFAULT_API_KEY``). Not a secret."""

BASE_URL = "https://api.huhu.ai/public/v1"
GAMMA_BASE_URL = "https://api-gamma.huhu.ai/public/v1"
HOSTS: tuple[str, ...] = ("api.huhu.ai", "api-gamma.huhu.ai")
"""Hosts :func:`mock_huhu` serves (production and gamma, as in the spec's ``servers``)."""

JOB_SECONDS = 5.0
TRYON_SECONDS = 90.0  # the real API takes about 90 s per try-on task
HANDLE_PARAMETER = "huhu_mock"

F = TypeVar("F", bound=Callable[..., Any])


@dataclass(frozen=True)
class TeamHandle:
    """A team made by ``new_team``: its key (never shown in a repr), team and default program."""

    api_key: str = field(repr=False)
    team_id: str
    program_id: str


class MockServerError(RuntimeError):
    """The mock server failed to start, or its admin API refused a request."""


# -- shared by the in-process mock and the server -------------------------------------------------
@functools.cache
def _ssl_context() -> ssl.SSLContext:
    """One TLS context for every client made here: building one per client costs ~25 ms, and a
    mocked host never performs a handshake anyway."""
    return httpx.create_ssl_context()


# -- the request journal: verify and near-miss ----------------------------------------------------
NEAR_MISSES = 3  # requests a failed verify lists


def _contains(actual: Any, expected: Any, where: str) -> list[str]:
    """What differs between ``actual`` and the subset ``expected`` (objects: only the keys given)."""
    if isinstance(expected, list | tuple):  # every item, then compared as an object keyed by index
        if not isinstance(actual, list) or len(actual) != len(expected):
            return [f"{where}: {actual!r} (expected {list(expected)!r})"]
        actual, expected = dict(enumerate(actual)), dict(enumerate(expected))
    if not isinstance(expected, dict):
        if actual != expected or isinstance(actual, bool) != isinstance(expected, bool):
            return [f"{where}: {actual!r} (expected {expected!r})"]
        return []
    if not isinstance(actual, dict):
        return [f"{where}: {actual!r} is not an object"]
    out: list[str] = []
    for key, value in expected.items():
        if key not in actual:
            out.append(f"{where}.{key}: missing (expected {value!r})")
        else:
            out += _contains(actual[key], value, f"{where}.{key}")
    return out


@dataclass(frozen=True)
class _Expectation:
    """What :meth:`_Controls.verify` looks for, and how one journal entry differs from it."""

    operation: str  # an operation id, or "METHOD /path"
    body_contains: dict[str, Any] | None
    query_contains: dict[str, Any] | None
    status: int | str | None
    team: str | None

    def __post_init__(self) -> None:
        """An operation id the spec does not know is a typo: refuse it, naming the nearest ids."""
        from huhu_ext.spec import load_spec

        if " " in self.operation:  # "METHOD /path": checked against the requests themselves
            return
        known = load_spec().operations
        if self.operation not in known:
            import difflib

            close = difflib.get_close_matches(self.operation, list(known), n=3)
            hint = f"; did you mean {', '.join(close)}?" if close else ""
            raise ValueError(f"unknown operation id {self.operation!r}{hint} (or give 'METHOD /path')")

    def describe(self) -> str:
        criteria = (
            (self.body_contains, " with body containing {!r}"),
            (self.query_contains, " with query containing {!r}"),
            (self.status, " answered {}"),
            (self.team, " by team {}"),
        )
        return self.operation + "".join(text.format(value) for value, text in criteria if value is not None)

    def differences(self, entry: JournalEntry) -> list[str]:
        out: list[str] = []
        method, _, path = self.operation.partition(" ")
        if path:
            wanted_path = path.strip().removeprefix("/public/v1")
            if entry.method != method.upper() or not fnmatch.fnmatchcase(entry.path, wanted_path):
                out.append(f"request: {entry.method} {entry.path} (expected {method.upper()} {wanted_path})")
        elif entry.operation_id != self.operation:
            out.append(
                f"operation: {entry.operation_id or entry.method + ' ' + entry.path} (expected {self.operation})"
            )
        if self.body_contains is not None:
            out += _contains(entry.body, self.body_contains, "body")
        if self.query_contains is not None:
            wanted = {k: str(v) for k, v in self.query_contains.items()}
            out += _contains(entry.query, wanted, "query")
        if self.status is not None:
            text = str(self.status).lower()
            ok = str(entry.status)[0] == text[0] if text.endswith("xx") else str(entry.status) == text
            if not ok:
                out.append(f"status: {entry.status} (expected {self.status})")
        if self.team is not None and entry.team_id != self.team:
            out.append(f"team: {entry.team_id} (expected {self.team})")
        return out


class _Controls:
    """Everything both mocks offer, written once over what differs: how an admin operation reaches the
    mock (:meth:`_admin_call`: a backend call in process, the admin API over HTTP), its clock, its
    journal and its lifetime. Clients made here are sync or async shells over the same options."""

    base_url: str
    _api_key: str
    _traveller_name: str  # how a wait that cannot finish names this mock
    _traveller: timetravel.Traveller | None = None
    # What each mock provides.
    start: Callable[[], Self]
    stop: Callable[[], object]
    now: Callable[[], float]
    advance: Callable[[float], float]
    find_requests: Callable[..., list[JournalEntry]]
    _manual: Callable[[], bool]
    # Run the admin operation ``operation`` (a :class:`~mock_server.HuhuBackend` method name).
    _admin_call: Callable[..., Any]

    @property
    def api_key(self) -> str:
        """The key of the default team."""
        return self._api_key

    def __enter__(self) -> Self:
        self.start()
        self.time_travel()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.time_travel(False)
        self.stop()

    def time_travel(self, enabled: bool = True) -> None:
        """While enabled (on the manual clock), a waiting client in this process advances this mock's
        clock instead of sleeping (D-CLI-TIMETRAVEL). ``mock_huhu()`` and ``with HuhuMockServer()``
        enable it while active; the ``huhu_mock_server`` fixture for each test."""
        if enabled and self._traveller is None and self._manual():
            self._traveller = timetravel.install(
                timetravel.Traveller(self.advance, self.now, self._traveller_name)
            )
        elif not enabled and self._traveller is not None:
            timetravel.uninstall(self._traveller)
            self._traveller = None

    # -- clients ------------------------------------------------------------------------------------
    def _monotonic(self) -> float:
        """The clock of the clients made here."""
        return self.now()

    def _sleep(self, seconds: float) -> None:
        if self._manual():
            self.advance(seconds)
        else:
            time.sleep(seconds)

    async def _asleep(self, seconds: float) -> None:
        if self._manual():
            self.advance(seconds)
        else:
            await asyncio.sleep(seconds)

    def client(self, api_key: str | None = None, **options: Any) -> Huhu:
        """A :class:`~huhu_ext.Huhu` for this mock (default team unless ``api_key``).

        On the manual clock it sleeps by advancing the mock's clock, so waiters and retries finish
        at once. ``options`` go to :class:`~huhu_ext.Huhu` (e.g. ``max_retries=0``).
        """
        transport = options.get("transport") or httpx.HTTPTransport(verify=_ssl_context())
        return Huhu(api_key or self._api_key, **self._client_options(self._sleep, transport) | options)

    def async_client(self, api_key: str | None = None, **options: Any) -> AsyncHuhu:
        """An :class:`~huhu_ext.AsyncHuhu` for this mock (see :meth:`client`)."""
        transport = options.get("transport") or httpx.AsyncHTTPTransport(verify=_ssl_context())
        return AsyncHuhu(api_key or self._api_key, **self._client_options(self._asleep, transport) | options)

    def _client_options(self, sleep: object, transport: object) -> dict[str, Any]:
        """The options of a client made here, unless given: this mock's URL and clock, ``sleep``, ``transport``."""
        return {"base_url": self.base_url, "sleep": sleep, "clock": self._monotonic, "transport": transport}

    # -- admin helpers, over the admin transport of each mock ----------------------------------------
    def new_team(
        self, *, credits: int | None = None, slots: int | None = None, plan_status: str | None = None
    ) -> TeamHandle:
        """Another team with its own key (defaults: the spec's ``x-huhu-team-defaults``)."""
        team = self._admin_call("create_team", credits=credits, slots=slots, plan_status=plan_status)
        return TeamHandle(api_key=team["api_key"], team_id=team["team_id"], program_id=team["program_id"])

    def set_credits(self, credits: int, *, api_key: str | None = None) -> None:
        """Set a team's balance (an admin grant: no credit-history entry). Default team unless ``api_key``."""
        self._admin_call("set_credits", credits=credits, api_key=api_key or self._api_key)

    def set_slots(self, slots: int, *, api_key: str | None = None) -> None:
        """Set a team's concurrency slots. Default team unless ``api_key``."""
        self._admin_call("set_slots", slots=slots, api_key=api_key or self._api_key)

    def inject_fault(
        self,
        method: str,
        path: str,
        status: int | None = None,
        *,
        count: int = 1,
        retry_after: int | None = None,
        latency: float = 0.0,
    ) -> None:
        """Make the next ``count`` requests ``method path`` (``*`` for any; path with or without
        ``/public/v1``) answer ``status``, and/or answer after ``latency`` seconds. A latency above
        the client's read timeout surfaces as ``httpx.ReadTimeout`` after the mock did the work."""
        self._admin_call(
            "add_fault",
            method=method,
            path=path,
            status=status,
            count=count,
            retry_after=retry_after,
            latency_seconds=latency,
        )

    def clear_faults(self) -> None:
        """Drop every injected fault."""
        self._admin_call("clear_faults")

    def fail_next_jobs(self, count: int = 1, *, kind: str | None = None) -> None:
        """The next ``count`` jobs (of ``kind``: tryon, face, image, pose, upscale, video) fail and
        are refunded."""
        self._admin_call("fail_next_jobs", count=count, kind=kind)

    def state(self) -> dict[str, Any]:
        """Every table of the mock as JSON (no key material, no file contents)."""
        return dict(self._admin_call("dump_state"))

    def reset(self) -> None:
        """Forget everything and recreate the default team (the clock keeps its time)."""
        self._admin_call("reset")

    # -- the request journal ------------------------------------------------------------------------
    @property
    def requests(self) -> list[JournalEntry]:
        """The mock's request journal: every ``/public/v1`` request it answered, oldest first
        (:class:`mock_server.journal.JournalEntry`: method, path, operation id, team, body summary,
        status, credits charged, refusal reason...)."""
        return self.find_requests()

    def verify(
        self,
        operation: str,
        times: int | None = None,
        *,
        body_contains: dict[str, Any] | None = None,
        query_contains: dict[str, Any] | None = None,
        status: int | str | None = None,
        team: str | None = None,
        at_least: int | None = None,
    ) -> list[JournalEntry]:
        """Assert the mock received ``operation`` (an operation id such as ``"generate_tasks"``, or
        ``"POST /task/generate"``) ``times`` times (default: at least once, or ``at_least``).

        ``body_contains`` / ``query_contains``: values the request carried (objects compared on the
        keys given); ``status``: its answer (``422`` or ``"4xx"``); ``team``: the team id that sent it.
        Returns the matching requests; raises :class:`AssertionError` listing the nearest requests
        and what differed otherwise.
        """
        expectation = _Expectation(operation.strip(), body_contains, query_contains, status, team)
        entries = self.requests
        scored = [(expectation.differences(e), e) for e in entries]
        matched = [e for diffs, e in scored if not diffs]
        if times is not None:
            ok, wanted = len(matched) == times, f"exactly {times}"
        else:
            least = 1 if at_least is None else at_least
            ok, wanted = len(matched) >= least, f"at least {least}"
        if ok:
            return matched
        lines = [
            f"verify failed: expected {wanted} request(s) {expectation.describe()}, "
            f"found {len(matched)} (of {len(entries)} recorded)."
        ]
        if matched:
            lines.append("Matching requests:")
            lines += [f"  {e.line}" for e in matched[-NEAR_MISSES * 2 :]]
        near = sorted(
            ((diffs, e) for diffs, e in scored if diffs),
            key=lambda item: (
                any(d.startswith(("operation:", "request:")) for d in item[0]),
                len(item[0]),
                -item[1].seq,
            ),
        )[:NEAR_MISSES]
        if near:
            lines.append("Nearest requests, and what differed:")
            for diffs, e in near:
                lines.append(f"  {e.line}")
                lines += [f"      {d}" for d in diffs]
        elif not entries:
            lines.append(
                "No request was recorded (is the journal enabled, and did the code reach the mock?)."
            )
        raise AssertionError("\n".join(lines))


# -- the in-process interceptor -------------------------------------------------------------------
# The options of mock_huhu() that say how it intercepts (the others configure the mock itself).
_INTERCEPT_OPTIONS = frozenset({"hosts", "passthrough", "strict", "set_env"})
# Started mocks, innermost last (list append, remove and copy are atomic: no lock needed).
_active: list[HuhuMock] = []


def _set_env(name: str, value: str | None) -> None:
    if value is None:
        os.environ.pop(name, None)
    else:
        os.environ[name] = value


class HuhuMock(_Controls):
    """An in-process mock of the Huhu API behind every httpx request to the Huhu hosts.

    Use it through :func:`mock_huhu`. Between ``start()`` and ``stop()`` (a ``with`` block, or the
    decorated function) it holds a fresh :class:`~mock_server.HuhuBackend`:

    * ``api_key`` (the default team's), ``base_url`` (production), ``backend`` (the mock itself);
    * ``advance(seconds)`` moves the manual clock; ``now()`` reads it;
    * ``new_team(credits=..., slots=...)``, ``set_credits``, ``set_slots``, ``credits()``;
    * ``inject_fault(method, path, status, ...)``, ``fail_next_jobs(count)``;
    * ``state()`` (everything as JSON, no key material), ``reset()``;
    * ``requests``: the request journal (every ``/public/v1`` request, what it sent, why it was
      refused), ``find_requests(method=, path=, status=, team=, since=)``, ``verify(...)``;
    * ``http_requests``: every ``httpx.Request`` the mock answered (downloads and uploads too);
    * ``client()`` / ``async_client()``: a ready :class:`~huhu_ext.Huhu` / :class:`~huhu_ext.AsyncHuhu`.
    """

    _traveller_name = "the Huhu mock (mock_huhu)"

    def __init__(
        self,
        *,
        api_key: str = DEFAULT_API_KEY,
        clock: Clock | str = "manual",
        job_seconds: float = JOB_SECONDS,
        tryon_seconds: float | None = TRYON_SECONDS,
        page_size: int = 50,
        url_ttl_seconds: float = 3600.0,
        hosts: tuple[str, ...] = HOSTS,
        passthrough: bool = True,
        strict: bool = True,
        set_env: bool = True,
        extras: bool = False,
        prices: Mapping[str, int] | None = None,
    ) -> None:
        self._api_key = api_key
        # Every option: the decorator makes a fresh HuhuMock(**self._options) for each call.
        self._options: dict[str, Any] = {
            "extras": extras,
            "prices": dict(prices or {}),  # a copy: the caller's dict may change later
            "api_key": api_key,
            "clock": clock,
            "job_seconds": job_seconds,
            "tryon_seconds": tryon_seconds,
            "page_size": page_size,
            "url_ttl_seconds": url_ttl_seconds,
            "hosts": hosts,
            "passthrough": passthrough,
            "strict": strict,
            "set_env": set_env,
        }
        self.hosts = tuple(h.lower() for h in hosts)
        self.base_url = f"https://{self.hosts[0]}/public/v1" if self.hosts else BASE_URL
        self.passthrough = passthrough
        self.strict = strict
        self.set_env = set_env
        self.http_requests: list[httpx.Request] = []
        self._app: Flask | None = None
        self._router: respx.MockRouter | None = None
        self._stack = contextlib.ExitStack()  # what stop() undoes, last done first

    def __repr__(self) -> str:
        return f"HuhuMock(base_url={self.base_url!r}, {'active' if self.active else 'inactive'})"

    # -- lifetime ---------------------------------------------------------------------------------
    @property
    def active(self) -> bool:
        return self._app is not None

    def start(self) -> Self:
        """Create a fresh mock and start intercepting. Prefer ``with mock_huhu() as huhu_mock:``."""
        require("testing", "mock_huhu()", {"respx": "respx"})
        import respx

        from mock_server import create_app
        from mock_server.models import HuhuBackend

        if self.active:
            raise RuntimeError("this HuhuMock is already active; use a new mock_huhu() for nesting")
        backend = HuhuBackend(**{k: v for k, v in self._options.items() if k not in _INTERCEPT_OPTIONS})
        self._stack.callback(backend.close)
        self._app = create_app(backend, strict=self.strict)
        self.http_requests = []
        self._router = self._stack.enter_context(respx.mock(assert_all_called=False, assert_all_mocked=True))
        self._router.route(name="huhu-mock").mock(side_effect=self._route)
        _active.append(self)
        self._stack.callback(_active.remove, self)
        self.time_travel()  # waiting clients advance this mock's clock (D-CLI-TIMETRAVEL)
        self._stack.callback(self.time_travel, False)
        if self.set_env:
            for name, value in (("HUHU_API_KEY", self._api_key), ("HUHU_BASE_URL", self.base_url)):
                self._stack.callback(_set_env, name, os.environ.get(name))
                os.environ[name] = value
        return self

    def stop(self) -> None:
        """Stop intercepting and forget the mock's state."""
        self._stack.close()
        self._app = self._router = None

    async def __aenter__(self) -> Self:
        return self.__enter__()

    async def __aexit__(self, *exc_info: object) -> None:
        self.__exit__()

    # -- decorator --------------------------------------------------------------------------------
    def __call__(self, func: F) -> F:
        """Decorate a function (sync or async) or a class (its ``test*`` methods).

        Each call runs in a fresh mock; a parameter named ``huhu_mock`` receives the handle (pytest
        does not see that parameter, so it never looks for a fixture of that name).
        """
        if isinstance(func, type):
            for name, member in list(vars(func).items()):
                if name.startswith("test") and inspect.isfunction(member):
                    setattr(func, name, self(member))
            return func
        try:
            parameters = dict(inspect.signature(func).parameters)
        except (TypeError, ValueError):
            parameters = {}
        wants_handle = parameters.pop(HANDLE_PARAMETER, None) is not None
        options = self._options

        def call(mock: HuhuMock, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
            return func(*args, **({**kwargs, HANDLE_PARAMETER: mock} if wants_handle else kwargs))

        @functools.wraps(func)
        def sync_wrapper(*args: Any, **kwargs: Any) -> Any:
            with HuhuMock(**options) as mock:
                return call(mock, args, kwargs)

        @functools.wraps(func)
        async def async_wrapper(*args: Any, **kwargs: Any) -> Any:
            with HuhuMock(**options) as mock:
                return await call(mock, args, kwargs)

        wrapper: Callable[..., Any] = async_wrapper if inspect.iscoroutinefunction(func) else sync_wrapper
        if wants_handle:  # pytest must not look for a fixture of that name
            signature = inspect.signature(func).replace(parameters=list(parameters.values()))
            wrapper.__signature__ = signature  # type: ignore[attr-defined]
        return wrapper  # type: ignore[return-value]

    # -- interception -----------------------------------------------------------------------------
    def _route(self, request: httpx.Request) -> httpx.Response | httpx.Request | None:
        """respx side effect: a response for our hosts, the request itself to pass it through, or
        None to leave it to the next respx router (or to respx's AllMockedAssertionError)."""
        router = self._router
        if (request.url.host or "").lower() in self.hosts:
            innermost = next((m for m in reversed(list(_active)) if request.url.host in m.hosts), None)
            return self._serve(request) if innermost is self else None
        if not self.passthrough or router is None or router.Mocker is None:
            return None
        routers = list(router.Mocker.routers)
        return request if routers and routers[-1] is router else None

    def _serve(self, request: httpx.Request) -> httpx.Response:
        read_timeout = (request.extensions.get("timeout") or {}).get("read")
        started = time.monotonic()
        answer = httpx.WSGITransport(app=self.app).handle_request(request)
        content = answer.read()
        self.http_requests.append(request)
        if read_timeout is not None and time.monotonic() - started > read_timeout:
            # An injected latency longer than the client's timeout: the mock did the work (as a slow
            # server would), the client gave up waiting.
            raise httpx.ReadTimeout("The Huhu mock answered after the read timeout", request=request)
        return httpx.Response(answer.status_code, headers=answer.headers, content=content, request=request)

    # -- handle -----------------------------------------------------------------------------------
    @property
    def backend(self) -> HuhuBackend:
        """The mock's :class:`~mock_server.HuhuBackend` (only while active)."""
        from mock_server.app import backend_of

        return backend_of(self.app)

    @property
    def app(self) -> Flask:
        """The mock's WSGI app (only while active)."""
        if self._app is None:
            raise RuntimeError("the Huhu mock is not active: use it inside `with mock_huhu() as huhu_mock:`")
        return self._app

    def _manual(self) -> bool:
        return bool(self.backend.clock.manual)

    def now(self) -> float:
        """The mock's clock (Unix seconds)."""
        return self.backend.now()

    def advance(self, seconds: float) -> float:
        """Move the manual clock forward (jobs that became due finish); return the new time."""
        return self.backend.advance_clock(seconds)

    def credits(self, api_key: str | None = None) -> int:
        """A team's balance, read without a request (default team unless ``api_key``)."""
        caller = self.backend.caller_for_key(api_key or self._api_key)
        return int(self.backend.handle("get_plan", caller, {})["credits"])

    def _admin_call(self, operation: str, **arguments: Any) -> Any:
        """In process: the backend's method (and, like ``POST /_mock/reset``, a reset clears the journal)."""
        result = getattr(self.backend, operation)(**arguments)
        if operation == "reset":
            from mock_server.journal import journal_of

            journal_of(self.app).clear()
        return result

    def find_requests(self, **filters: Any) -> list[JournalEntry]:
        """Journal entries matching ``filters`` (those of ``GET /_mock/requests``: ``method``,
        ``path``, ``status``, ``team``, ``since``, ``after``, ``limit``), oldest first."""
        from mock_server.journal import journal_of

        return journal_of(self.app).entries(**filters)


@overload
def mock_huhu(func: F, /) -> F: ...


@overload
def mock_huhu(
    func: None = None,
    /,
    *,
    api_key: str = ...,
    clock: Clock | str = ...,
    job_seconds: float = ...,
    tryon_seconds: float | None = ...,
    page_size: int = ...,
    url_ttl_seconds: float = ...,
    hosts: tuple[str, ...] = ...,
    passthrough: bool = ...,
    strict: bool = ...,
    set_env: bool = ...,
    extras: bool = ...,
    prices: Mapping[str, int] | None = ...,
) -> HuhuMock: ...


def mock_huhu(func: Callable[..., Any] | None = None, /, **options: Any) -> Any:
    """An offline Huhu API for the code under test: a decorator or a context manager.

    ::

        @mock_huhu
        def test_plan(huhu_mock):                 # the parameter is optional
            assert Huhu().plan().credits_ == 50   # HUHU_API_KEY is set to the mock's key

        with mock_huhu(job_seconds=2) as huhu_mock:
            ...

    Options: ``api_key`` of the default team (``sk-`` + 48 hex), ``clock`` (``"manual"`` default,
    or ``"real"``), ``job_seconds`` (5) and ``tryon_seconds`` (90), ``page_size`` of paginated
    lists (50), ``url_ttl_seconds`` of signed URLs (3600), ``hosts`` served (production and gamma),
    ``passthrough`` (other hosts reach the network; False: they fail), ``strict`` (every answer is
    checked against the spec; a mock bug raises instead of answering), ``set_env`` (``HUHU_API_KEY``
    and ``HUHU_BASE_URL`` point at the mock while it is active, then are restored), ``extras`` (also
    answer the mock-only convenience fields; off, so tests pass only on what the real API documents),
    ``prices`` (credits of invented prices, e.g. ``{"generate_tasks": 3}``; default the spec's).
    """
    mock = HuhuMock(**options)
    return mock if func is None else mock(func)


# -- a real server ----------------------------------------------------------------------------------
_SERVING = re.compile(r"serving (http://\S+)/public/v1")


# The admin API route of each admin operation (a HuhuBackend method) the mocks' helpers use.
_ADMIN_ROUTES = {
    "create_team": ("POST", "teams"),
    "set_credits": ("POST", "credits"),
    "set_slots": ("POST", "slots"),
    "add_fault": ("POST", "faults"),
    "clear_faults": ("DELETE", "faults"),
    "fail_next_jobs": ("POST", "jobs/fail"),
    "dump_state": ("GET", "state"),
    "reset": ("POST", "reset"),
}


class HuhuMockServer(_Controls):
    """A real ``huhu-mock serve`` process on a free loopback port, with admin helpers over HTTP.

    For code in other languages, subprocesses, or anything that must talk over a socket::

        with HuhuMockServer() as server:
            subprocess.run(["curl", "-H", f"Authorization: Bearer {server.api_key}",
                            server.base_url + "/metering/plan"])
            server.advance(90)

    ``base_url`` ends in ``/public/v1``; ``url`` is the server root (the admin API is under
    ``/_mock/``). ``extras`` and ``prices`` are ``huhu-mock serve --extras`` and ``--price OP=N``. The admin helpers use urllib, so an active respx mock never intercepts them.
    """

    _traveller_name = "the Huhu mock server"

    def __init__(
        self,
        *,
        api_key: str = DEFAULT_API_KEY,
        clock: str = "manual",
        job_seconds: float = JOB_SECONDS,
        tryon_seconds: float | None = TRYON_SECONDS,
        page_size: int = 50,
        db_path: str | os.PathLike[str] | None = None,
        strict: bool = True,
        threads: int = 8,
        startup_timeout: float = 30.0,
        extras: bool = False,
        prices: Mapping[str, int] | None = None,
        journal_size: int | None = None,
    ) -> None:
        if clock not in ("manual", "real"):
            raise ValueError("clock must be 'manual' or 'real'")
        self._api_key = api_key
        self.clock_mode = clock
        self.args = ["--clock", clock, "--job-seconds", repr(float(job_seconds))]
        optional = {
            "--tryon-seconds": None if tryon_seconds is None else repr(float(tryon_seconds)),
            "--page-size": str(page_size),
            "--threads": str(threads),
            "--db": None if db_path is None else os.fspath(db_path),
            "--journal-size": None if journal_size is None else str(journal_size),
        }
        self.args += [part for flag, value in optional.items() if value is not None for part in (flag, value)]
        self.args += [flag for flag, on in (("--strict", strict), ("--extras", extras)) if on]
        self.args += [part for name, n in (prices or {}).items() for part in ("--price", f"{name}={int(n)}")]
        self.startup_timeout = startup_timeout
        self.url = ""
        self.base_url = ""
        self.process: subprocess.Popen[str] | None = None
        self.output: deque[str] = deque(maxlen=200)
        self._reader: threading.Thread | None = None
        self._advanced = 0.0

    def __repr__(self) -> str:
        return f"HuhuMockServer(url={self.url!r}, running={self.running})"

    # -- lifetime ---------------------------------------------------------------------------------
    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def start(self) -> Self:
        if self.process is not None:
            raise RuntimeError("the server is already started")
        command = [sys.executable, "-m", "mock_server", "serve", "--host", "127.0.0.1", "--port", "0"]
        env = {**os.environ, "PYTHONUNBUFFERED": "1", "HUHU_MOCK_API_KEY": self._api_key}
        self.process = subprocess.Popen(
            [*command, *self.args],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            text=True,
            env=env,
        )
        found = threading.Event()
        self._reader = threading.Thread(target=self._read_output, args=(found,), daemon=True)
        self._reader.start()
        if not found.wait(self.startup_timeout) or not self.url:
            self.stop()
            raise MockServerError("huhu-mock did not start:\n" + "".join(self.output))
        self.base_url = self.url + "/public/v1"
        return self

    def _read_output(self, found: threading.Event) -> None:
        process = self.process
        assert process is not None and process.stdout is not None
        for line in process.stdout:  # drained to the end, so the server never blocks on a full pipe
            if line.startswith("API key:"):
                continue  # the key is never kept
            self.output.append(line)
            match = _SERVING.search(line)
            if match and not found.is_set():
                self.url = match.group(1)
                found.set()
        found.set()

    def stop(self) -> int | None:
        """SIGTERM (then SIGKILL after 10 s); the exit status, None if never started."""
        process = self.process
        if process is None:
            return None
        process.terminate()  # nothing if it has exited
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if self._reader is not None:
            self._reader.join(timeout=5)
        return process.returncode

    # -- HTTP -------------------------------------------------------------------------------------
    def _request(self, method: str, path: str, body: Any = None, *, api_key: str | None = None) -> Any:
        if not self.url:
            raise MockServerError("the server is not started")
        headers = {"Accept": "application/json"}
        data = None if body is None else json.dumps(body).encode()
        if data is not None:
            headers["Content-Type"] = "application/json"
        if api_key is not None:
            headers["Authorization"] = f"Bearer {api_key}"
        request = urllib.request.Request(self.url + path, data=data, method=method, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return json.loads(response.read() or b"null")
        except urllib.error.HTTPError as error:
            detail = error.read().decode("utf-8", "replace")
            raise MockServerError(f"{method} {path} answered {error.code}: {detail}") from None

    # -- handle -----------------------------------------------------------------------------------
    def _manual(self) -> bool:
        return self.clock_mode == "manual"

    def _monotonic(self) -> float:
        return time.monotonic() + self._advanced

    def now(self) -> float:
        """The server's clock (Unix seconds)."""
        return float(self._request("GET", "/_mock/clock")["now"])

    def advance(self, seconds: float) -> float:
        """Move the server's manual clock forward; return the new time."""
        now = float(self._request("POST", "/_mock/clock/advance", {"seconds": seconds})["now"])
        self._advanced += seconds
        return now

    def credits(self, api_key: str | None = None) -> int:
        """A team's balance, through the public API (default team unless ``api_key``)."""
        plan = self._request("GET", "/public/v1/metering/plan", api_key=api_key or self._api_key)
        return int(plan["credits"])

    def _admin_call(self, operation: str, **arguments: Any) -> Any:
        """Over HTTP: the admin route of ``operation``, with the arguments given (not None) as its body."""
        method, path = _ADMIN_ROUTES[operation]
        body = {name: value for name, value in arguments.items() if value is not None}
        return self._request(method, "/_mock/" + path, body if arguments else None)

    def find_requests(self, **filters: Any) -> list[JournalEntry]:
        """Journal entries matching ``filters`` (``GET /_mock/requests``: ``method``, ``path``,
        ``status``, ``team``, ``since``, ``after``, ``limit``), oldest first."""
        from mock_server.journal import JournalEntry

        query = urllib.parse.urlencode({k: v for k, v in filters.items() if v is not None})
        found = self._request("GET", "/_mock/requests" + ("?" + query if query else ""))
        return [JournalEntry.from_json(item) for item in found["requests"]]

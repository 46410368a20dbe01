"""Retrying, logging httpx transports, so every call through the generated client gets them.

Retry rules (money first: a POST that may have been applied is never re-sent):

- **429** is retried for every method, honouring ``Retry-After`` (seconds or an HTTP date). The API
  refuses a request whose jobs do not fit the free slots *before* charging or starting anything
  (D-429), so repeating it cannot charge twice.
- **5xx** and transport failures are retried for idempotent methods (GET, PUT, HEAD, OPTIONS,
  DELETE).
- **POST**: only failures that happened before the request was sent (``httpx.ConnectError``,
  ``ConnectTimeout``, ``PoolTimeout``) are retried. A 5xx, a timeout or a dropped connection after
  the request left is ambiguous; it is passed up unchanged, and ``Huhu.call`` turns it into
  :class:`~huhu_ext.errors.AmbiguousRequestError`.

Waits are exponential with full jitter (``jitter() * min(backoff_max, backoff_base * 2**retry)``),
or exactly what ``Retry-After`` asks. A ``Retry-After`` longer than ``max_retry_after`` is not
waited for: the 429 is returned and surfaces as :class:`~huhu_ext.errors.RateLimitError`.

Each attempt is logged on the ``huhu`` logger: method, URL path (no query, no headers), status or
failure, duration and retry number.
"""

from __future__ import annotations

import asyncio
import logging
import random
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Self, TypedDict, Unpack

import httpx

from huhu_ext._http import NOT_SENT_ERRORS, is_idempotent, parse_retry_after, request_path
from huhu_ext._logging import get_logger

__all__ = ["AsyncRetryTransport", "RetryOptions", "RetryPolicy", "RetryTransport", "transfer_client"]


@dataclass(kw_only=True, eq=False)  # compared and hashed by identity, as before it was a dataclass
class RetryPolicy:
    """Decides whether (and after how long) an attempt is repeated. Pure: no I/O, no sleeping."""

    max_retries: int = 2
    backoff_base: float = 0.5
    backoff_max: float = 30.0
    max_retry_after: float = 300.0
    jitter: Callable[[], float] = random.random

    def __post_init__(self) -> None:
        if self.max_retries < 0:
            raise ValueError("max_retries must be >= 0")

    def backoff(self, retry: int) -> float:
        """Full-jitter exponential backoff before retry number ``retry`` (0-based)."""
        return self.jitter() * min(self.backoff_max, self.backoff_base * 2.0**retry)

    def after_response(self, request: httpx.Request, response: httpx.Response, retry: int) -> float | None:
        """Seconds to wait before repeating ``request``, or None to return ``response`` as it is."""
        status = response.status_code
        if retry >= self.max_retries or not (status == 429 or status >= 500):
            return None
        if status >= 500 and not is_idempotent(request.method):
            return None  # the server may have applied it: never re-send blindly
        asked = parse_retry_after(response.headers.get("Retry-After"))
        if asked is None:
            return self.backoff(retry)
        return asked if asked <= self.max_retry_after else None

    def after_error(self, request: httpx.Request, error: httpx.TransportError, retry: int) -> float | None:
        """Seconds to wait before repeating ``request`` after ``error``, or None to raise it."""
        if retry >= self.max_retries:
            return None
        if isinstance(error, NOT_SENT_ERRORS) or is_idempotent(request.method):
            return self.backoff(retry)
        return None


class RetryOptions(TypedDict, total=False):
    """The keyword arguments of :class:`RetryPolicy`, taken by both transports."""

    max_retries: int
    backoff_base: float
    backoff_max: float
    max_retry_after: float
    jitter: Callable[[], float]


class _Attempts:
    """The attempts at one request, sync or async: each is a ``with`` block around sending it, logged
    on the ``huhu`` logger.

    A transport failure inside the block is logged and swallowed when the policy repeats the request
    (``delay`` says after how long), else it propagates unchanged; :meth:`answered` does the same
    for a response (``again``: close it, sleep ``delay`` and send again; else return it).
    """

    def __init__(self, policy: RetryPolicy, logger: logging.Logger, request: httpx.Request) -> None:
        self.policy = policy
        self.logger = logger
        self.request = request
        self.method, self.path = request.method, request_path(request)
        self.retry = -1
        self.again = False
        self.delay = 0.0

    def __enter__(self) -> Self:
        self.retry += 1
        self.started = time.monotonic()
        self.response: httpx.Response | None = None
        return self

    def _log(self, result: str, value: object) -> None:
        """One attempt: method, path, status or failure, duration and retry number."""
        took = time.monotonic() - self.started
        self.logger.debug(
            f"%s %s -> {result} %.3fs (retry %d)", self.method, self.path, value, took, self.retry
        )

    def _decide(self, delay: float | None, why: str, final: bool) -> None:
        self.again = delay is not None
        if delay is not None:
            self.delay = delay
            self.logger.info(
                "retrying %s %s after %s in %.2fs (retry %d of %d)",
                self.method,
                self.path,
                why,
                delay,
                self.retry + 1,
                self.policy.max_retries,
            )
        elif final and (self.retry or not is_idempotent(self.method)):
            self.logger.warning(
                "%s %s failed: %s (after %d retries)", self.method, self.path, why, self.retry
            )

    def answered(self, response: httpx.Response) -> httpx.Response:
        self.response = response
        self._log("%d in", response.status_code)
        delay = self.policy.after_response(self.request, response, self.retry)
        status = response.status_code
        self._decide(delay, f"HTTP {status}", status == 429 or status >= 500)
        return response

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: object) -> bool:
        if not isinstance(exc, httpx.TransportError) or self.response is not None:
            return False  # not a failure to send (e.g. closing a response): not ours to retry
        self._log("%s after", type(exc).__name__)
        self._decide(self.policy.after_error(self.request, exc, self.retry), type(exc).__name__, True)
        return self.again


class _Retrying:
    """What both transports share: the policy, and the logger of each attempt."""

    def _retrying(self, logger: logging.Logger | None, options: RetryOptions) -> None:
        self.policy = RetryPolicy(**options)
        self._logger = get_logger(logger)


class RetryTransport(_Retrying, httpx.BaseTransport):
    """Wraps a sync transport with the retry rules above and per-attempt logging."""

    def __init__(
        self,
        wrapped: httpx.BaseTransport,
        *,
        sleep: Callable[[float], None] = time.sleep,
        logger: logging.Logger | None = None,
        **policy: Unpack[RetryOptions],
    ) -> None:
        self.wrapped, self._sleep = wrapped, sleep
        self._retrying(logger, policy)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        attempts = _Attempts(self.policy, self._logger, request)
        while True:
            with attempts:
                response = attempts.answered(self.wrapped.handle_request(request))
                if not attempts.again:
                    return response
                response.close()
            self._sleep(attempts.delay)

    def close(self) -> None:
        self.wrapped.close()


class AsyncRetryTransport(_Retrying, httpx.AsyncBaseTransport):
    """Wraps an async transport with the retry rules above and per-attempt logging."""

    def __init__(
        self,
        wrapped: httpx.AsyncBaseTransport,
        *,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        logger: logging.Logger | None = None,
        **policy: Unpack[RetryOptions],
    ) -> None:
        self.wrapped, self._sleep = wrapped, sleep
        self._retrying(logger, policy)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        attempts = _Attempts(self.policy, self._logger, request)
        while True:
            with attempts:
                response = attempts.answered(await self.wrapped.handle_async_request(request))
                if not attempts.again:
                    return response
                await response.aclose()
            await self._sleep(attempts.delay)

    async def aclose(self) -> None:
        await self.wrapped.aclose()


def transfer_client(
    transport: httpx.BaseTransport | None = None,
    *,
    timeout: float = 120.0,
    max_retries: int = 2,
    sleep: Callable[[float], None] = time.sleep,
    logger: logging.Logger | None = None,
) -> httpx.Client:
    """A plain httpx client for file transfers (presigned part PUTs, output downloads) with the same
    retry rules as API calls: both are idempotent, so failures and 5xx are retried with backoff."""
    retrying = RetryTransport(
        transport if transport is not None else httpx.HTTPTransport(),
        max_retries=max_retries,
        sleep=sleep,
        logger=logger,
    )
    return httpx.Client(transport=retrying, timeout=timeout)

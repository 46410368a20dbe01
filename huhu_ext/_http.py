"""Small HTTP facts shared by the transports and the client: which failures are safe to repeat."""

from __future__ import annotations

import email.utils
import math
import time
from datetime import UTC

import httpx

__all__ = ["IDEMPOTENT_METHODS", "NOT_SENT_ERRORS", "is_idempotent", "parse_retry_after", "request_path"]

# Methods whose repetition cannot apply a change twice (RFC 9110 §9.2.2). POST is not among them.
IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE"})

# Transport failures that happen before any byte of the request reached the server: the connection
# was never established (or never handed out by the pool). Repeating the request is always safe.
# Every other failure (a read timeout, a dropped connection, ...) happens after the request left.
NOT_SENT_ERRORS: tuple[type[httpx.TransportError], ...] = (
    httpx.ConnectError,
    httpx.ConnectTimeout,
    httpx.PoolTimeout,
)


def is_idempotent(method: str) -> bool:
    return method.upper() in IDEMPOTENT_METHODS


def request_path(request: httpx.Request) -> str:
    """The URL path of ``request``, without query string (it never carries headers or the key)."""
    return request.url.path


def parse_retry_after(value: str | None, *, now: float | None = None) -> float | None:
    """Seconds a ``Retry-After`` header asks to wait: delta-seconds or an HTTP date; None if absent/bad."""
    if value is None:
        return None
    value = value.strip()
    if not value:
        return None
    try:
        seconds = float(value)
    except ValueError:
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
        if when.tzinfo is None:  # HTTP dates are always GMT
            when = when.replace(tzinfo=UTC)
        seconds = when.timestamp() - (time.time() if now is None else now)
    if not math.isfinite(seconds):
        return None
    return max(0.0, seconds)

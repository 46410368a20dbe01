"""One exception hierarchy for everything huhu_ext raises.

::

    HuhuError
    ├── ConfigurationError            no API key, bad settings
    ├── APIConnectionError            the API could not be reached (nothing was applied)
    ├── AmbiguousRequestError         a POST failed after it was sent: it may or may not have been applied
    ├── UnexpectedResponseError       a 2xx answer that does not match the spec
    ├── PaginationError               a list that never ends (the server repeated a page token)
    ├── PollTimeoutError              a waiter's wall-clock deadline passed
    ├── JobFailedError                a job ended in a failure status
    ├── InsufficientBudgetError       a request dearer than its ``max_credits`` (refused, nothing sent)
    └── APIStatusError                any non-2xx answer
        ├── AuthenticationError       401
        ├── InsufficientCreditsError  402 (also raised before spending by ``ensure_credits``)
        ├── PermissionDeniedError     403
        ├── NotFoundError             404
        ├── ValidationError           422, with the per-field errors
        ├── RateLimitError            429, with ``retry_after``
        └── ServerError               5xx

HTTP errors carry the status, the server's message, the method and the URL path (never the query
string, never headers). Every error raised from an answer also keeps it, as openai's do:
``status_code``, ``response`` (the ``httpx.Response``), ``body`` (its parsed JSON, or text) and
``request_id`` (an ``X-Request-Id`` header, when the server sends one; D-ERROR-RESPONSE). Those are
None on errors that had no answer. Every message passes through :func:`huhu_ext._logging.redact`, so an API
key can never appear in one, even if a server echoes it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any, TypedDict, Unpack

import httpx
from huhu_client.models import Error, ErrorErrorsItem

from huhu_ext._http import parse_retry_after, request_path
from huhu_ext._logging import redact

__all__ = [
    "APIConnectionError",
    "APIStatusError",
    "AmbiguousRequestError",
    "AuthenticationError",
    "ConfigurationError",
    "HuhuError",
    "InsufficientBudgetError",
    "InsufficientCreditsError",
    "JobFailedError",
    "NotFoundError",
    "PaginationError",
    "PermissionDeniedError",
    "PollTimeoutError",
    "RateLimitError",
    "ServerError",
    "UnexpectedResponseError",
    "ValidationError",
    "error_from_response",
]


REQUEST_ID_HEADERS = ("x-request-id", "request-id", "x-amzn-requestid")


class HuhuError(Exception):
    """Base class of every error raised by huhu_ext."""

    # The answer the error was raised from, if any (see the module docstring).
    status_code: int | None = None
    response: httpx.Response | None = None
    body: object = None
    request_id: str | None = None

    def __init__(self, message: str) -> None:
        self.message = redact(message)
        super().__init__(self.message)

    def _keep(self, response: httpx.Response | None) -> None:
        """Remember ``response`` (status, body, request id) on this error."""
        if response is None:
            return
        self.response = response
        self.status_code = response.status_code
        self.body = _parsed_body(response)
        self.request_id = next(
            (response.headers[h] for h in REQUEST_ID_HEADERS if h in response.headers), None
        )


def _parsed_body(response: httpx.Response) -> object:
    try:
        content = response.content
    except httpx.ResponseNotRead:
        return None
    if not content:
        return None
    text = redact(content.decode("utf-8", errors="replace"))  # a key the server echoed stays out
    try:
        return json.loads(text)
    except ValueError:
        return text[:2000]


class InsufficientBudgetError(HuhuError):
    """A billable call whose spec price exceeds its ``max_credits``: refused before anything was sent."""

    def __init__(self, *, operation_id: str, credits_required: int, max_credits: int) -> None:
        self.operation_id = operation_id
        self.credits_required = credits_required
        self.max_credits = max_credits
        super().__init__(
            f"{operation_id} would cost {credits_required} credits, more than max_credits={max_credits}; "
            "nothing was sent"
        )


class ConfigurationError(HuhuError):
    """The client is not configured (e.g. no API key)."""


class APIConnectionError(HuhuError):
    """The request failed in transit and was safe to repeat, but every attempt failed."""

    def __init__(self, message: str, *, method: str, path: str) -> None:
        self.method = method
        self.path = path
        super().__init__(f"{method} {path}: {message}")


class AmbiguousRequestError(HuhuError):
    """A non-idempotent request failed after it was sent; the server may have applied it.

    It was deliberately not re-sent (that could spend credits twice). ``status`` is the HTTP status
    when the server answered (5xx), None after a timeout or a dropped connection.
    """

    def __init__(
        self,
        message: str,
        *,
        method: str,
        path: str,
        status: int | None,
        response: httpx.Response | None = None,
    ) -> None:
        self.method = method
        self.path = path
        self.status = status
        super().__init__(message)
        self._keep(response)


class UnexpectedResponseError(HuhuError):
    """A successful answer whose body the generated client cannot parse (not in the spec's shape)."""

    def __init__(
        self, message: str, *, status: int, method: str, path: str, response: httpx.Response | None = None
    ) -> None:
        self.status = status
        self.method = method
        self.path = path
        super().__init__(f"{method} {path} answered {status} with an unexpected body: {message}")
        self.status_code = status
        self._keep(response)


class PaginationError(HuhuError):
    """The server handed back a page token it had already given: following it would never end."""


def _first_ten(jobs: list[tuple[str, str]]) -> str:
    """``id (status), ...`` of the first ten jobs, and how many more there are."""
    more = f" and {len(jobs) - 10} more" if len(jobs) > 10 else ""
    return ", ".join(f"{job} ({status})" for job, status in jobs[:10]) + more


class PollTimeoutError(HuhuError):
    """A waiter's overall deadline passed; ``pending`` lists the unfinished ids, ``statuses`` the last seen."""

    def __init__(
        self, *, kind: str, timeout: float, pending: Iterable[str], statuses: Mapping[str, str]
    ) -> None:
        self.kind = kind
        self.timeout = timeout
        self.pending = tuple(pending)
        self.statuses = dict(statuses)
        shown = _first_ten([(i, self.statuses.get(i, "unknown")) for i in self.pending])
        super().__init__(
            f"timed out after {timeout:g}s waiting for {len(self.pending)} {kind}: {shown}. "
            "The jobs keep running on the server; wait again later with the same ids."
        )


class JobFailedError(HuhuError):
    """Jobs ended in a failure status. ``failed`` maps id → status; ``results`` holds the ones that succeeded."""

    def __init__(
        self, *, kind: str, failed: Mapping[str, str], results: Mapping[str, Any] | None = None
    ) -> None:
        self.kind = kind
        self.failed = dict(failed)
        self.results = dict(results or {})
        super().__init__(f"{len(self.failed)} {kind} failed: {_first_ten(list(self.failed.items()))}")


class _Answer(TypedDict, total=False):
    """Where an error answer came from and what it said, besides its status."""

    method: str | None
    path: str | None
    retry_after: float | None
    code: str | None
    response: httpx.Response | None


class APIStatusError(HuhuError):
    """The API answered with a non-2xx status."""

    def __init__(self, message: str, *, status: int, **answer: Unpack[_Answer]) -> None:
        self.status = status
        self.method = answer.get("method")
        self.path = answer.get("path")
        self.retry_after = answer.get("retry_after")
        self.code = answer.get("code")
        super().__init__(message)
        self.status_code = status
        self._keep(answer.get("response"))

    def __str__(self) -> str:
        where = f" on {self.method} {self.path}" if self.method and self.path else ""
        text = f"HTTP {self.status}{where}: {self.message}"
        if self.retry_after is not None:
            text += f" (retry after {self.retry_after:g}s)"
        return text


class AuthenticationError(APIStatusError):
    """401: the API key is invalid, missing or revoked."""


class InsufficientCreditsError(APIStatusError):
    """402: the team's balance does not cover the request (nothing was charged)."""

    def __init__(
        self,
        message: str,
        *,
        status: int = 402,
        credits_required: int | None = None,
        credits_available: int | None = None,
        **answer: Unpack[_Answer],
    ) -> None:
        self.credits_required = credits_required
        self.credits_available = credits_available
        answer.setdefault("code", "insufficient_credits")
        super().__init__(message, status=status, **answer)


class PermissionDeniedError(APIStatusError):
    """403: the resource belongs to another team (or a signed URL is expired or tampered)."""


class NotFoundError(APIStatusError):
    """404: no such resource."""


class ValidationError(APIStatusError):
    """422: bad body or parameters, or an illegal state transition. ``errors`` names each field."""

    def __init__(
        self,
        message: str,
        *,
        status: int = 422,
        errors: Iterable[ErrorErrorsItem] = (),
        **answer: Unpack[_Answer],
    ) -> None:
        self.errors = list(errors)
        super().__init__(message, status=status, **answer)

    def __str__(self) -> str:
        text = super().__str__()
        if self.errors:
            text += " [" + "; ".join(f"{e.field}: {redact(e.message)}" for e in self.errors) + "]"
        return text


class RateLimitError(APIStatusError):
    """429: every concurrency slot of the team is busy. ``retry_after`` says for how long."""


class ServerError(APIStatusError):
    """5xx: the server failed."""


_BY_STATUS: dict[int, type[APIStatusError]] = {
    401: AuthenticationError,
    402: InsufficientCreditsError,
    403: PermissionDeniedError,
    404: NotFoundError,
    422: ValidationError,
    429: RateLimitError,
}


def _error_body(content: bytes) -> tuple[Error | None, str | None]:
    """The mock's Error fields when the answer has them, and a short text of what came back.

    The reference documents no error body: any JSON (or none) is accepted, and the typed error
    depends only on the status code.
    """
    try:
        data = json.loads(content)
    except ValueError:
        text = content.decode("utf-8", errors="replace").strip()
        return None, (text[:200] or None)
    body: Error | None = None
    if isinstance(data, dict):
        try:
            body = Error.from_dict(data)
        except (KeyError, TypeError, ValueError):
            body = None
        detail = data.get("detail")
        if isinstance(detail, str):
            return body, detail
    return body, json.dumps(data)[:200]


def error_from_response(
    response: httpx.Response | None = None,
    *,
    status: int | None = None,
    headers: Mapping[str, str] | None = None,
    content: bytes | None = None,
    method: str | None = None,
    path: str | None = None,
) -> APIStatusError:
    """The typed error for a non-2xx answer: from an httpx response, or from its parts."""
    if response is None:  # the answer itself, rebuilt from its parts
        assert status is not None
        response = httpx.Response(status, headers=dict(headers or {}), content=content or b"")
    else:
        method, path = response.request.method, request_path(response.request)
    status = response.status_code
    body, text = _error_body(response.content)
    cls = _BY_STATUS.get(status, ServerError if status >= 500 else APIStatusError)
    fields: dict[str, Any] = {}  # what the subclass reads from the body
    if cls is ValidationError:
        fields["errors"] = body.errors if body and body.errors else ()
    elif cls is InsufficientCreditsError:
        for name in ("credits_required", "credits_available"):
            value = getattr(body, name, None)
            fields[name] = value if isinstance(value, int) else None
    return cls(
        text or httpx.codes.get_reason_phrase(status) or "error",
        status=status,
        method=method,
        path=path,
        retry_after=parse_retry_after(response.headers.get("Retry-After")),
        code=body.code if body is not None and isinstance(body.code, str) else None,
        response=response,
        **fields,
    )

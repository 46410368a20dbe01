"""The mock's domain errors; the HTTP layer turns each into the spec's one error body (D-ERR)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

__all__ = [
    "FieldError",
    "Forbidden",
    "InsufficientCredits",
    "Invalid",
    "InvalidState",
    "MockError",
    "NotFound",
    "PayloadTooLarge",
    "RateLimited",
    "Unauthorized",
    "clip",
]


MAX_TEXT = 200
"""An error's field or message shows at most this many characters (a 10 MB bad value is not echoed)."""


MAX_DETAIL = 2000
"""An error's ``detail`` shows at most this many characters (it may join several field errors)."""


def clip(text: str, limit: int = MAX_TEXT) -> str:
    """``text`` cut to ``limit`` characters, the cut marked with how much was left out."""
    return text if len(text) <= limit else f"{text[:limit]}... ({len(text) - limit} more characters)"


@dataclass(frozen=True)
class FieldError:
    """One problem: ``field`` is a dotted location such as ``body.parts.0.ETag``.

    Both are clipped to :data:`MAX_TEXT` characters, wherever the error comes from.
    """

    field: str
    message: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "field", clip(self.field))
        object.__setattr__(self, "message", clip(self.message))

    def as_json(self) -> dict[str, str]:
        return {"field": self.field, "message": self.message}


class MockError(Exception):
    """A request the mock refuses; ``status`` and ``code`` follow the spec's ``Error`` schema."""

    status = 500
    code = "internal_error"

    def __init__(self, detail: str) -> None:
        detail = clip(detail, MAX_DETAIL)  # ids and paths in messages come from the caller
        super().__init__(detail)
        self.detail = detail

    def body(self) -> dict[str, Any]:
        return {"detail": self.detail, "code": self.code}

    def headers(self) -> dict[str, str]:
        return {}


class Unauthorized(MockError):
    status = 401
    code = "unauthorized"


class Forbidden(MockError):
    status = 403
    code = "forbidden"


class NotFound(MockError):
    status = 404
    code = "not_found"


class PayloadTooLarge(MockError):
    """413: a body above the mock's own safety limit, answered as a gateway would (D-MOCK-LIMITS)."""

    status = 413
    code = "payload_too_large"


class Invalid(MockError):
    """422: the request is malformed; ``errors`` names each offending field."""

    status = 422
    code = "validation_error"

    def __init__(self, errors: Sequence[FieldError], detail: str | None = None) -> None:
        self.errors = list(errors)
        super().__init__(detail or "; ".join(f"{e.field}: {e.message}" for e in self.errors))

    @classmethod
    def field(cls, field: str, message: str) -> Invalid:
        return cls([FieldError(field, message)])

    def body(self) -> dict[str, Any]:
        return {**super().body(), "errors": [e.as_json() for e in self.errors]}


class InvalidState(Invalid):
    """422: well-formed, but illegal in the resource's current state (e.g. generate twice)."""

    code = "invalid_state"


class InsufficientCredits(MockError):
    status = 402
    code = "insufficient_credits"

    def __init__(self, required: int, available: int) -> None:
        super().__init__(f"Insufficient credits: {required} required, {available} available")
        self.required = required
        self.available = available

    def body(self) -> dict[str, Any]:
        return {**super().body(), "credits_required": self.required, "credits_available": self.available}


class RateLimited(MockError):
    """429: the team's concurrent request slots are busy; retry after ``retry_after`` seconds."""

    status = 429
    code = "rate_limited"

    def __init__(self, detail: str, retry_after: int) -> None:
        super().__init__(detail)
        self.retry_after = max(1, retry_after)

    def headers(self) -> dict[str, str]:
        return {"Retry-After": str(self.retry_after)}

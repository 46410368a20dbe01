"""Stateful offline mock of the Huhu public API v1.

* :class:`HuhuBackend` — the whole mock without HTTP (domain rules over SQLite); no Flask import.
* :func:`create_app` — the Flask (WSGI) app over a backend: ``/public/v1`` and the ``/_mock`` admin API.
* ``huhu-mock serve`` (:mod:`mock_server.cli`) — the app on waitress.

``create_app`` is imported lazily, so ``import mock_server.models`` never loads Flask.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mock_server._extra import MissingExtraError
from mock_server.clock import Clock, ManualClock, RealClock
from mock_server.errors import (
    FieldError,
    Forbidden,
    InsufficientCredits,
    Invalid,
    InvalidState,
    MockError,
    NotFound,
    RateLimited,
    Unauthorized,
)
from mock_server.models import DEFAULT_API_KEY, Caller, Download, Fault, HuhuBackend, is_api_key

if TYPE_CHECKING:
    from mock_server.app import create_app

__all__ = [
    "DEFAULT_API_KEY",
    "Caller",
    "Clock",
    "Download",
    "Fault",
    "FieldError",
    "Forbidden",
    "HuhuBackend",
    "InsufficientCredits",
    "Invalid",
    "InvalidState",
    "ManualClock",
    "MissingExtraError",
    "MockError",
    "NotFound",
    "RateLimited",
    "RealClock",
    "Unauthorized",
    "create_app",
    "is_api_key",
]


def __getattr__(name: str) -> Any:
    if name == "create_app":
        from mock_server.app import create_app

        return create_app
    raise AttributeError(f"module 'mock_server' has no attribute {name!r}")

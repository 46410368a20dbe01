"""huhu_ext: the handwritten layer over the generated ``huhu_client``.

The public names below are imported on first use (PEP 562), so ``import huhu_ext.spec`` (what the
mock server reads the spec through) loads neither the generated client nor httpx.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from huhu_ext.client import AsyncHuhu, Huhu
    from huhu_ext.credits import CostEstimate, CostItem, estimate
    from huhu_ext.errors import (
        AmbiguousRequestError,
        APIConnectionError,
        APIStatusError,
        AuthenticationError,
        ConfigurationError,
        HuhuError,
        InsufficientBudgetError,
        InsufficientCreditsError,
        JobFailedError,
        NotFoundError,
        PaginationError,
        PermissionDeniedError,
        PollTimeoutError,
        RateLimitError,
        ServerError,
        UnexpectedResponseError,
        ValidationError,
    )
    from huhu_ext.pagination import AsyncListPaginator, AsyncPaginator, ListPaginator, Paginator
    from huhu_ext.polling import PollProgress
    from huhu_ext.slots import AsyncSlotLimiter, SlotLimiter
    from huhu_ext.spec import CreditRule, Operation, Spec, load_spec, price
    from huhu_ext.transport import AsyncRetryTransport, RetryTransport

_EXPORTS: dict[str, str] = {
    "APIConnectionError": "huhu_ext.errors",
    "APIStatusError": "huhu_ext.errors",
    "AmbiguousRequestError": "huhu_ext.errors",
    "AsyncHuhu": "huhu_ext.client",
    "AsyncListPaginator": "huhu_ext.pagination",
    "AsyncPaginator": "huhu_ext.pagination",
    "AsyncRetryTransport": "huhu_ext.transport",
    "AsyncSlotLimiter": "huhu_ext.slots",
    "AuthenticationError": "huhu_ext.errors",
    "ConfigurationError": "huhu_ext.errors",
    "CostEstimate": "huhu_ext.credits",
    "CostItem": "huhu_ext.credits",
    "CreditRule": "huhu_ext.spec",
    "Huhu": "huhu_ext.client",
    "HuhuError": "huhu_ext.errors",
    "InsufficientBudgetError": "huhu_ext.errors",
    "InsufficientCreditsError": "huhu_ext.errors",
    "JobFailedError": "huhu_ext.errors",
    "ListPaginator": "huhu_ext.pagination",
    "NotFoundError": "huhu_ext.errors",
    "Operation": "huhu_ext.spec",
    "PaginationError": "huhu_ext.errors",
    "Paginator": "huhu_ext.pagination",
    "PermissionDeniedError": "huhu_ext.errors",
    "PollProgress": "huhu_ext.polling",
    "PollTimeoutError": "huhu_ext.errors",
    "RateLimitError": "huhu_ext.errors",
    "RetryTransport": "huhu_ext.transport",
    "ServerError": "huhu_ext.errors",
    "SlotLimiter": "huhu_ext.slots",
    "Spec": "huhu_ext.spec",
    "UnexpectedResponseError": "huhu_ext.errors",
    "ValidationError": "huhu_ext.errors",
    "estimate": "huhu_ext.credits",
    "load_spec": "huhu_ext.spec",
    "price": "huhu_ext.spec",
}

__all__ = [
    "APIConnectionError",
    "APIStatusError",
    "AmbiguousRequestError",
    "AsyncHuhu",
    "AsyncListPaginator",
    "AsyncPaginator",
    "AsyncRetryTransport",
    "AsyncSlotLimiter",
    "AuthenticationError",
    "ConfigurationError",
    "CostEstimate",
    "CostItem",
    "CreditRule",
    "Huhu",
    "HuhuError",
    "InsufficientBudgetError",
    "InsufficientCreditsError",
    "JobFailedError",
    "ListPaginator",
    "NotFoundError",
    "Operation",
    "PaginationError",
    "Paginator",
    "PermissionDeniedError",
    "PollProgress",
    "PollTimeoutError",
    "RateLimitError",
    "RetryTransport",
    "ServerError",
    "SlotLimiter",
    "Spec",
    "UnexpectedResponseError",
    "ValidationError",
    "estimate",
    "load_spec",
    "price",
]
__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'huhu_ext' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return [*globals(), *_EXPORTS]

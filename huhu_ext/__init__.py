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

# The module each public name is imported from on first use; every name not listed here is an
# exception class of huhu_ext.errors.
_MODULES: dict[str, tuple[str, ...]] = {
    "client": ("AsyncHuhu", "Huhu"),
    "credits": ("CostEstimate", "CostItem", "estimate"),
    "pagination": ("AsyncListPaginator", "AsyncPaginator", "ListPaginator", "Paginator"),
    "polling": ("PollProgress",),
    "slots": ("AsyncSlotLimiter", "SlotLimiter"),
    "spec": ("CreditRule", "Operation", "Spec", "load_spec", "price"),
    "transport": ("AsyncRetryTransport", "RetryTransport"),
}
_EXPORTS: dict[str, str] = dict.fromkeys(__all__, "huhu_ext.errors")
_EXPORTS.update({name: f"huhu_ext.{module}" for module, names in _MODULES.items() for name in names})


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'huhu_ext' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return [*globals(), *_EXPORTS]

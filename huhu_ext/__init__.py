"""huhu_ext: the handwritten layer over the generated ``huhu_client``."""

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

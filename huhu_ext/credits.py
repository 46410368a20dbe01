"""Price planned operations from the spec's ``x-huhu-credits`` and refuse a plan the balance can't cover.

Prices come only from :func:`huhu_ext.spec.price` (the mock charges through the same function), so an
estimate and the server's charge cannot disagree::

    plan = [("generate_tasks", {"project_id": p, "task_ids": ["t1", "t2", "t3"], "num_output_images": 2})]
    estimate(plan).total              # 12: 3 tasks x 2 images x 2 credits (Image Generation HD)
    huhu.ensure_credits(plan)         # InsufficientCreditsError before anything is spent
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import ModuleType
from typing import Any, Protocol, runtime_checkable

from huhu_client.models import Plan

from huhu_ext.errors import InsufficientCreditsError
from huhu_ext.pagination import operation_for
from huhu_ext.spec import load_spec

__all__ = ["CostEstimate", "CostItem", "Planned", "check_balance", "estimate", "required_credits"]


@runtime_checkable
class _RequestBody(Protocol):
    def to_dict(self) -> dict[str, Any]: ...


# One planned request: the operation (id like "generate_tasks", or the generated endpoint module)
# and its JSON body (a mapping, or a generated request model such as GenerateTasksRequest).
Planned = tuple[str | ModuleType, Mapping[str, Any] | _RequestBody]


@dataclass(frozen=True)
class CostItem:
    """The price of one planned request."""

    operation_id: str
    credits: int
    price_item: str | None  # row of the reference's credit table; None for free operations
    body: Mapping[str, Any]


@dataclass(frozen=True)
class CostEstimate:
    """The price of a set of planned requests: ``total`` and one item per request."""

    items: tuple[CostItem, ...]

    @property
    def total(self) -> int:
        return sum(item.credits for item in self.items)

    def by_operation(self) -> dict[str, int]:
        """Credits per operation id."""
        out: dict[str, int] = {}
        for item in self.items:
            out[item.operation_id] = out.get(item.operation_id, 0) + item.credits
        return out

    def __int__(self) -> int:
        return self.total


def estimate(planned: Iterable[Planned]) -> CostEstimate:
    """Price ``planned`` requests; unknown operation ids raise KeyError."""
    spec = load_spec()
    items: list[CostItem] = []
    for operation, raw_body in planned:
        op = operation_for(operation.__name__ if isinstance(operation, ModuleType) else operation)
        body = raw_body.to_dict() if isinstance(raw_body, _RequestBody) else raw_body
        credits = spec.price(op.operation_id, body)
        rule = op.credits
        items.append(CostItem(op.operation_id, credits, rule.price_item if rule and credits else None, body))
    return CostEstimate(tuple(items))


def required_credits(planned: CostEstimate | Iterable[Planned] | int) -> int:
    """Credits a plan needs: an int as is, an estimate's total, or the price of planned requests."""
    if isinstance(planned, bool):
        raise TypeError("planned must be credits (int), a CostEstimate or planned requests")
    if isinstance(planned, int):
        if planned < 0:
            raise ValueError("credits must be >= 0")
        return planned
    if isinstance(planned, CostEstimate):
        return planned.total
    return estimate(planned).total


def check_balance(required: int, plan: Plan) -> None:
    """Raise :class:`InsufficientCreditsError` (before anything is sent) if ``plan`` can't pay ``required``."""
    if plan.credits_ < required:
        raise InsufficientCreditsError(
            f"this needs {required} credits but the balance is {plan.credits_}; nothing was submitted",
            credits_required=required,
            credits_available=plan.credits_,
        )

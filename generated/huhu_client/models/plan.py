from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Plan")


@_attrs_define
class Plan:
    """
    Example:
        {'credits': 99999, 'plan_status': 'free', 'concurrent_requests': 10, 'plan_name': None, 'subscription_id': None}

    Attributes:
        credits_ (int):
        plan_status (str):
        concurrent_requests (int): Concurrent request slots of the team.
        plan_name (None | str | Unset):
        subscription_id (None | str | Unset):
    """

    credits_: int
    plan_status: str
    concurrent_requests: int
    plan_name: None | str | Unset = UNSET
    subscription_id: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        credits_ = self.credits_

        plan_status = self.plan_status

        concurrent_requests = self.concurrent_requests

        plan_name: None | str | Unset
        if isinstance(self.plan_name, Unset):
            plan_name = UNSET
        else:
            plan_name = self.plan_name

        subscription_id: None | str | Unset
        if isinstance(self.subscription_id, Unset):
            subscription_id = UNSET
        else:
            subscription_id = self.subscription_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "credits": credits_,
                "plan_status": plan_status,
                "concurrent_requests": concurrent_requests,
            }
        )
        if plan_name is not UNSET:
            field_dict["plan_name"] = plan_name
        if subscription_id is not UNSET:
            field_dict["subscription_id"] = subscription_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        credits_ = d.pop("credits")

        plan_status = d.pop("plan_status")

        concurrent_requests = d.pop("concurrent_requests")

        def _parse_plan_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        plan_name = _parse_plan_name(d.pop("plan_name", UNSET))

        def _parse_subscription_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        subscription_id = _parse_subscription_id(d.pop("subscription_id", UNSET))

        plan = cls(
            credits_=credits_,
            plan_status=plan_status,
            concurrent_requests=concurrent_requests,
            plan_name=plan_name,
            subscription_id=subscription_id,
        )

        plan.additional_properties = d
        return plan

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties

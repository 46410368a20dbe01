from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="UpscaleSubmitted")


@_attrs_define
class UpscaleSubmitted:
    """
    Example:
        {'status': 'success', 'request_id': 'req-upscale-123', 'cost': 2}

    Attributes:
        status (str):
        request_id (str):
        cost (int):
    """

    status: str
    request_id: str
    cost: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        status = self.status

        request_id = self.request_id

        cost = self.cost

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "status": status,
                "request_id": request_id,
                "cost": cost,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        status = d.pop("status")

        request_id = d.pop("request_id")

        cost = d.pop("cost")

        upscale_submitted = cls(
            status=status,
            request_id=request_id,
            cost=cost,
        )

        upscale_submitted.additional_properties = d
        return upscale_submitted

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

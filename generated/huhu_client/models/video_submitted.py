from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="VideoSubmitted")


@_attrs_define
class VideoSubmitted:
    """Undocumented in the reference (no example): every field is optional, so any JSON object (e.g. {"message":
    "success"}) is a valid answer. The mock's shape is D-VIDEO (invented).

        Example:
            {'message': 'success', 'request_id': 'xxx', 'request_status': 'Submitted', 'cost': 25}

        Attributes:
            message (str | Unset):
            request_id (str | Unset):
            request_status (str | Unset): Video request status (request_status of GET /video/requests). Known values and
                their meaning: x-huhu-lifecycle (read by huhu_ext.spec.lifecycle).
            cost (int | Unset):
    """

    message: str | Unset = UNSET
    request_id: str | Unset = UNSET
    request_status: str | Unset = UNSET
    cost: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        message = self.message

        request_id = self.request_id

        request_status = self.request_status

        cost = self.cost

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if message is not UNSET:
            field_dict["message"] = message
        if request_id is not UNSET:
            field_dict["request_id"] = request_id
        if request_status is not UNSET:
            field_dict["request_status"] = request_status
        if cost is not UNSET:
            field_dict["cost"] = cost

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        message = d.pop("message", UNSET)

        request_id = d.pop("request_id", UNSET)

        request_status = d.pop("request_status", UNSET)

        cost = d.pop("cost", UNSET)

        video_submitted = cls(
            message=message,
            request_id=request_id,
            request_status=request_status,
            cost=cost,
        )

        video_submitted.additional_properties = d
        return video_submitted

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

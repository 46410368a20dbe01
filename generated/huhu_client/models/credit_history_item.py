from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="CreditHistoryItem")


@_attrs_define
class CreditHistoryItem:
    """
    Attributes:
        program_id (str):
        request_id (str):
        credits_ (int): Credits spent; a refund is recorded as a negative amount.
        timestamp (int): Unix epoch in milliseconds.
        operation (str): Operation name, e.g. model_gen, tryon_gen, upscale, video_gen, refund.
    """

    program_id: str
    request_id: str
    credits_: int
    timestamp: int
    operation: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        program_id = self.program_id

        request_id = self.request_id

        credits_ = self.credits_

        timestamp = self.timestamp

        operation = self.operation

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "program_id": program_id,
                "request_id": request_id,
                "credits": credits_,
                "timestamp": timestamp,
                "operation": operation,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        program_id = d.pop("program_id")

        request_id = d.pop("request_id")

        credits_ = d.pop("credits")

        timestamp = d.pop("timestamp")

        operation = d.pop("operation")

        credit_history_item = cls(
            program_id=program_id,
            request_id=request_id,
            credits_=credits_,
            timestamp=timestamp,
            operation=operation,
        )

        credit_history_item.additional_properties = d
        return credit_history_item

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

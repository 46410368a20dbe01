from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="UpscaleStatus")


@_attrs_define
class UpscaleStatus:
    """
    Example:
        {'request_id': '...', 'status': 'success', 'result_urls': ['https://...upscaled.png']}

    Attributes:
        request_id (str):
        status (str): Upscale request status (GET /upscale). Known values and their meaning: x-huhu-lifecycle (read by
            huhu_ext.spec.lifecycle).
        result_urls (list[str]):
    """

    request_id: str
    status: str
    result_urls: list[str]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        request_id = self.request_id

        status = self.status

        result_urls = self.result_urls

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "request_id": request_id,
                "status": status,
                "result_urls": result_urls,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        request_id = d.pop("request_id")

        status = d.pop("status")

        result_urls = cast(list[str], d.pop("result_urls"))

        upscale_status = cls(
            request_id=request_id,
            status=status,
            result_urls=result_urls,
        )

        upscale_status.additional_properties = d
        return upscale_status

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

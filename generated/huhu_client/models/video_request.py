from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="VideoRequest")


@_attrs_define
class VideoRequest:
    """
    Attributes:
        request_status (str): Video request status (request_status of GET /video/requests). Known values and their
            meaning: x-huhu-lifecycle (read by huhu_ext.spec.lifecycle).
        duration (str): An open string: the reference's values are listed in x-huhu-known-values; any other value is
            accepted (huhu contract check notes it).
        request_id (str | Unset):
        video_url (None | str | Unset):
        project_id (str | Unset):
        sku_id (str | Unset):
        create_time (int | Unset): Unix epoch in milliseconds.
    """

    request_status: str
    duration: str
    request_id: str | Unset = UNSET
    video_url: None | str | Unset = UNSET
    project_id: str | Unset = UNSET
    sku_id: str | Unset = UNSET
    create_time: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        request_status = self.request_status

        duration = self.duration

        request_id = self.request_id

        video_url: None | str | Unset
        if isinstance(self.video_url, Unset):
            video_url = UNSET
        else:
            video_url = self.video_url

        project_id = self.project_id

        sku_id = self.sku_id

        create_time = self.create_time

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "request_status": request_status,
                "duration": duration,
            }
        )
        if request_id is not UNSET:
            field_dict["request_id"] = request_id
        if video_url is not UNSET:
            field_dict["video_url"] = video_url
        if project_id is not UNSET:
            field_dict["project_id"] = project_id
        if sku_id is not UNSET:
            field_dict["sku_id"] = sku_id
        if create_time is not UNSET:
            field_dict["create_time"] = create_time

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        request_status = d.pop("request_status")

        duration = d.pop("duration")

        request_id = d.pop("request_id", UNSET)

        def _parse_video_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        video_url = _parse_video_url(d.pop("video_url", UNSET))

        project_id = d.pop("project_id", UNSET)

        sku_id = d.pop("sku_id", UNSET)

        create_time = d.pop("create_time", UNSET)

        video_request = cls(
            request_status=request_status,
            duration=duration,
            request_id=request_id,
            video_url=video_url,
            project_id=project_id,
            sku_id=sku_id,
            create_time=create_time,
        )

        video_request.additional_properties = d
        return video_request

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

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.video_request import VideoRequest


T = TypeVar("T", bound="VideoRequestList")


@_attrs_define
class VideoRequestList:
    """
    Example:
        {'requests': [{'request_id': 'xxx', 'request_status': 'Generation completed', 'video_url':
            'https://s3.../video.mp4?signed...', 'duration': '5'}]}

    Attributes:
        requests (list[VideoRequest]):
        pagination_token (None | str | Unset):
    """

    requests: list[VideoRequest]
    pagination_token: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        requests = []
        for requests_item_data in self.requests:
            requests_item = requests_item_data.to_dict()
            requests.append(requests_item)

        pagination_token: None | str | Unset
        if isinstance(self.pagination_token, Unset):
            pagination_token = UNSET
        else:
            pagination_token = self.pagination_token

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "requests": requests,
            }
        )
        if pagination_token is not UNSET:
            field_dict["pagination_token"] = pagination_token

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.video_request import VideoRequest

        d = dict(src_dict)
        requests = []
        _requests = d.pop("requests")
        for requests_item_data in _requests:
            requests_item = VideoRequest.from_dict(requests_item_data)

            requests.append(requests_item)

        def _parse_pagination_token(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        pagination_token = _parse_pagination_token(d.pop("pagination_token", UNSET))

        video_request_list = cls(
            requests=requests,
            pagination_token=pagination_token,
        )

        video_request_list.additional_properties = d
        return video_request_list

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

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="MultipartUploadInit")


@_attrs_define
class MultipartUploadInit:
    """
    Example:
        {'message': 'success', 'key': 'uploads/xxx/skus.zip', 'upload_id': 'yyy', 'upload_urls': ['https://...']}

    Attributes:
        message (str):
        key (str):
        upload_id (str):
        upload_urls (list[str]): Presigned PUT URLs, one per part, in part order. Each PUT answers with an ETag header.
        part_size (int | Unset): Bytes per part (the last part may be shorter).
    """

    message: str
    key: str
    upload_id: str
    upload_urls: list[str]
    part_size: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        message = self.message

        key = self.key

        upload_id = self.upload_id

        upload_urls = self.upload_urls

        part_size = self.part_size

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "message": message,
                "key": key,
                "upload_id": upload_id,
                "upload_urls": upload_urls,
            }
        )
        if part_size is not UNSET:
            field_dict["part_size"] = part_size

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        message = d.pop("message")

        key = d.pop("key")

        upload_id = d.pop("upload_id")

        upload_urls = cast(list[str], d.pop("upload_urls"))

        part_size = d.pop("part_size", UNSET)

        multipart_upload_init = cls(
            message=message,
            key=key,
            upload_id=upload_id,
            upload_urls=upload_urls,
            part_size=part_size,
        )

        multipart_upload_init.additional_properties = d
        return multipart_upload_init

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

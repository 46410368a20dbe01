from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ImageUploadResult")


@_attrs_define
class ImageUploadResult:
    """
    Example:
        {'success': True, 'image_id': 'xxx'}

    Attributes:
        success (bool):
        image_id (str):
        sku_id (str | Unset): garment_image only: the SKU created for the image (D-UPLOAD).
        image_url (str | Unset):
    """

    success: bool
    image_id: str
    sku_id: str | Unset = UNSET
    image_url: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        success = self.success

        image_id = self.image_id

        sku_id = self.sku_id

        image_url = self.image_url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "success": success,
                "image_id": image_id,
            }
        )
        if sku_id is not UNSET:
            field_dict["sku_id"] = sku_id
        if image_url is not UNSET:
            field_dict["image_url"] = image_url

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        success = d.pop("success")

        image_id = d.pop("image_id")

        sku_id = d.pop("sku_id", UNSET)

        image_url = d.pop("image_url", UNSET)

        image_upload_result = cls(
            success=success,
            image_id=image_id,
            sku_id=sku_id,
            image_url=image_url,
        )

        image_upload_result.additional_properties = d
        return image_upload_result

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

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="SavedModelImage")


@_attrs_define
class SavedModelImage:
    """
    Example:
        {'success': True, 'image_id': '...', 'image_url': 'https://...', 'view_type': 'front_facing', 'crop_type':
            'fullbody'}

    Attributes:
        success (bool):
        image_id (str):
        image_url (str):
        view_type (None | str | Unset): An open string: the reference's values are listed in x-huhu-known-values; any
            other value is accepted (huhu contract check notes it).
        crop_type (None | str | Unset): An open string: the reference's values are listed in x-huhu-known-values; any
            other value is accepted (huhu contract check notes it).
    """

    success: bool
    image_id: str
    image_url: str
    view_type: None | str | Unset = UNSET
    crop_type: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        success = self.success

        image_id = self.image_id

        image_url = self.image_url

        view_type: None | str | Unset
        if isinstance(self.view_type, Unset):
            view_type = UNSET
        else:
            view_type = self.view_type

        crop_type: None | str | Unset
        if isinstance(self.crop_type, Unset):
            crop_type = UNSET
        else:
            crop_type = self.crop_type

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "success": success,
                "image_id": image_id,
                "image_url": image_url,
            }
        )
        if view_type is not UNSET:
            field_dict["view_type"] = view_type
        if crop_type is not UNSET:
            field_dict["crop_type"] = crop_type

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        success = d.pop("success")

        image_id = d.pop("image_id")

        image_url = d.pop("image_url")

        def _parse_view_type(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        view_type = _parse_view_type(d.pop("view_type", UNSET))

        def _parse_crop_type(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        crop_type = _parse_crop_type(d.pop("crop_type", UNSET))

        saved_model_image = cls(
            success=success,
            image_id=image_id,
            image_url=image_url,
            view_type=view_type,
            crop_type=crop_type,
        )

        saved_model_image.additional_properties = d
        return saved_model_image

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

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ModelImage")


@_attrs_define
class ModelImage:
    """
    Attributes:
        model_image_id (str):
        model_image_url (str):
        model_id (str):
        style_id (str | Unset):
        view_type (None | str | Unset): An open string: the reference's values are listed in x-huhu-known-values; any
            other value is accepted (huhu contract check notes it).
        crop_type (None | str | Unset): An open string: the reference's values are listed in x-huhu-known-values; any
            other value is accepted (huhu contract check notes it).
    """

    model_image_id: str
    model_image_url: str
    model_id: str
    style_id: str | Unset = UNSET
    view_type: None | str | Unset = UNSET
    crop_type: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        model_image_id = self.model_image_id

        model_image_url = self.model_image_url

        model_id = self.model_id

        style_id = self.style_id

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
                "model_image_id": model_image_id,
                "model_image_url": model_image_url,
                "model_id": model_id,
            }
        )
        if style_id is not UNSET:
            field_dict["style_id"] = style_id
        if view_type is not UNSET:
            field_dict["view_type"] = view_type
        if crop_type is not UNSET:
            field_dict["crop_type"] = crop_type

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        model_image_id = d.pop("model_image_id")

        model_image_url = d.pop("model_image_url")

        model_id = d.pop("model_id")

        style_id = d.pop("style_id", UNSET)

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

        model_image = cls(
            model_image_id=model_image_id,
            model_image_url=model_image_url,
            model_id=model_id,
            style_id=style_id,
            view_type=view_type,
            crop_type=crop_type,
        )

        model_image.additional_properties = d
        return model_image

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

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="GarmentImage")


@_attrs_define
class GarmentImage:
    """
    Attributes:
        garment_id (str):
        image_id (str):
        garment_type (str): An open string: the reference's values are listed in x-huhu-known-values; any other value is
            accepted (huhu contract check notes it).
        view (str): An open string: the reference's values are listed in x-huhu-known-values; any other value is
            accepted (huhu contract check notes it).
        image_url (str | Unset):
        presentation (str | Unset):
    """

    garment_id: str
    image_id: str
    garment_type: str
    view: str
    image_url: str | Unset = UNSET
    presentation: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        garment_id = self.garment_id

        image_id = self.image_id

        garment_type = self.garment_type

        view = self.view

        image_url = self.image_url

        presentation = self.presentation

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "garment_id": garment_id,
                "image_id": image_id,
                "garment_type": garment_type,
                "view": view,
            }
        )
        if image_url is not UNSET:
            field_dict["image_url"] = image_url
        if presentation is not UNSET:
            field_dict["presentation"] = presentation

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        garment_id = d.pop("garment_id")

        image_id = d.pop("image_id")

        garment_type = d.pop("garment_type")

        view = d.pop("view")

        image_url = d.pop("image_url", UNSET)

        presentation = d.pop("presentation", UNSET)

        garment_image = cls(
            garment_id=garment_id,
            image_id=image_id,
            garment_type=garment_type,
            view=view,
            image_url=image_url,
            presentation=presentation,
        )

        garment_image.additional_properties = d
        return garment_image

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

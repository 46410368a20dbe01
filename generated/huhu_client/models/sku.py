from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.garment_image import GarmentImage


T = TypeVar("T", bound="Sku")


@_attrs_define
class Sku:
    """
    Attributes:
        sku_id (str):
        sku_name (str):
        garment_type (None | str | Unset): SKU category (13 types, e.g. "Full body"; the list is not published, D-SKU-
            CATEGORY).
        model_id (None | str | Unset):
        style_id (None | str | Unset):
        garment_images (list[GarmentImage] | Unset): Detail only (with sku_id): AI-classified garment images.
    """

    sku_id: str
    sku_name: str
    garment_type: None | str | Unset = UNSET
    model_id: None | str | Unset = UNSET
    style_id: None | str | Unset = UNSET
    garment_images: list[GarmentImage] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        sku_id = self.sku_id

        sku_name = self.sku_name

        garment_type: None | str | Unset
        if isinstance(self.garment_type, Unset):
            garment_type = UNSET
        else:
            garment_type = self.garment_type

        model_id: None | str | Unset
        if isinstance(self.model_id, Unset):
            model_id = UNSET
        else:
            model_id = self.model_id

        style_id: None | str | Unset
        if isinstance(self.style_id, Unset):
            style_id = UNSET
        else:
            style_id = self.style_id

        garment_images: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.garment_images, Unset):
            garment_images = []
            for garment_images_item_data in self.garment_images:
                garment_images_item = garment_images_item_data.to_dict()
                garment_images.append(garment_images_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "sku_id": sku_id,
                "sku_name": sku_name,
            }
        )
        if garment_type is not UNSET:
            field_dict["garment_type"] = garment_type
        if model_id is not UNSET:
            field_dict["model_id"] = model_id
        if style_id is not UNSET:
            field_dict["style_id"] = style_id
        if garment_images is not UNSET:
            field_dict["garment_images"] = garment_images

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.garment_image import GarmentImage

        d = dict(src_dict)
        sku_id = d.pop("sku_id")

        sku_name = d.pop("sku_name")

        def _parse_garment_type(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        garment_type = _parse_garment_type(d.pop("garment_type", UNSET))

        def _parse_model_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        model_id = _parse_model_id(d.pop("model_id", UNSET))

        def _parse_style_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        style_id = _parse_style_id(d.pop("style_id", UNSET))

        _garment_images = d.pop("garment_images", UNSET)
        garment_images: list[GarmentImage] | Unset = UNSET
        if _garment_images is not UNSET:
            garment_images = []
            for garment_images_item_data in _garment_images:
                garment_images_item = GarmentImage.from_dict(garment_images_item_data)

                garment_images.append(garment_images_item)

        sku = cls(
            sku_id=sku_id,
            sku_name=sku_name,
            garment_type=garment_type,
            model_id=model_id,
            style_id=style_id,
            garment_images=garment_images,
        )

        sku.additional_properties = d
        return sku

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

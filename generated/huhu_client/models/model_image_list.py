from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.model_image import ModelImage


T = TypeVar("T", bound="ModelImageList")


@_attrs_define
class ModelImageList:
    """
    Example:
        {'model_images': [{'model_image_id': '...', 'model_image_url': 'https://...', 'model_id': 'xxx', 'style_id':
            'yyy', 'view_type': 'front_facing', 'crop_type': 'fullbody'}]}

    Attributes:
        model_images (list[ModelImage]):
    """

    model_images: list[ModelImage]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        model_images = []
        for model_images_item_data in self.model_images:
            model_images_item = model_images_item_data.to_dict()
            model_images.append(model_images_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "model_images": model_images,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.model_image import ModelImage

        d = dict(src_dict)
        model_images = []
        _model_images = d.pop("model_images")
        for model_images_item_data in _model_images:
            model_images_item = ModelImage.from_dict(model_images_item_data)

            model_images.append(model_images_item)

        model_image_list = cls(
            model_images=model_images,
        )

        model_image_list.additional_properties = d
        return model_image_list

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

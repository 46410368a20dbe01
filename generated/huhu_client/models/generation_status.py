from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.generated_image import GeneratedImage


T = TypeVar("T", bound="GenerationStatus")


@_attrs_define
class GenerationStatus:
    """
    Example:
        {'status': 'Generation Completed', 'images_generated': [{'model_image_id': 'path/to/output.png',
            'model_image_url': 'https://s3.../output.png?signed...'}]}

    Attributes:
        status (str): Face / model image / pose generation request status (GET /model/image). Known values and their
            meaning: x-huhu-lifecycle (read by huhu_ext.spec.lifecycle).
        images_generated (list[GeneratedImage]):
        request_id (str | Unset):
        num_output_images (int | Unset):
    """

    status: str
    images_generated: list[GeneratedImage]
    request_id: str | Unset = UNSET
    num_output_images: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        status = self.status

        images_generated = []
        for images_generated_item_data in self.images_generated:
            images_generated_item = images_generated_item_data.to_dict()
            images_generated.append(images_generated_item)

        request_id = self.request_id

        num_output_images = self.num_output_images

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "status": status,
                "images_generated": images_generated,
            }
        )
        if request_id is not UNSET:
            field_dict["request_id"] = request_id
        if num_output_images is not UNSET:
            field_dict["num_output_images"] = num_output_images

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.generated_image import GeneratedImage

        d = dict(src_dict)
        status = d.pop("status")

        images_generated = []
        _images_generated = d.pop("images_generated")
        for images_generated_item_data in _images_generated:
            images_generated_item = GeneratedImage.from_dict(images_generated_item_data)

            images_generated.append(images_generated_item)

        request_id = d.pop("request_id", UNSET)

        num_output_images = d.pop("num_output_images", UNSET)

        generation_status = cls(
            status=status,
            images_generated=images_generated,
            request_id=request_id,
            num_output_images=num_output_images,
        )

        generation_status.additional_properties = d
        return generation_status

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

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.generated_image import GeneratedImage


T = TypeVar("T", bound="GenerationRequest")


@_attrs_define
class GenerationRequest:
    """
    Example:
        {'request_id': 'xxx', 'status': 'Request Submitted', 'images_generated': [], 'num_output_images': 2}

    Attributes:
        request_id (str):
        status (str): Face / model image / pose generation request status (GET /model/image). Known values and their
            meaning: x-huhu-lifecycle (read by huhu_ext.spec.lifecycle).
        images_generated (list[GeneratedImage]):
        num_output_images (int | Unset):
    """

    request_id: str
    status: str
    images_generated: list[GeneratedImage]
    num_output_images: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        request_id = self.request_id

        status = self.status

        images_generated = []
        for images_generated_item_data in self.images_generated:
            images_generated_item = images_generated_item_data.to_dict()
            images_generated.append(images_generated_item)

        num_output_images = self.num_output_images

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "request_id": request_id,
                "status": status,
                "images_generated": images_generated,
            }
        )
        if num_output_images is not UNSET:
            field_dict["num_output_images"] = num_output_images

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.generated_image import GeneratedImage

        d = dict(src_dict)
        request_id = d.pop("request_id")

        status = d.pop("status")

        images_generated = []
        _images_generated = d.pop("images_generated")
        for images_generated_item_data in _images_generated:
            images_generated_item = GeneratedImage.from_dict(images_generated_item_data)

            images_generated.append(images_generated_item)

        num_output_images = d.pop("num_output_images", UNSET)

        generation_request = cls(
            request_id=request_id,
            status=status,
            images_generated=images_generated,
            num_output_images=num_output_images,
        )

        generation_request.additional_properties = d
        return generation_request

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

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="GenerateModelImageRequest")


@_attrs_define
class GenerateModelImageRequest:
    """Mode 1: generate a new image.

    Example:
        {'prompt': 'professional photo of model wearing garment'}

    Attributes:
        prompt (str):
        reference_image (str | Unset): Gallery image ID, HTTP URL, or base64.
        num_output_images (int | Unset):  Default: 1.
        program_id (str | Unset): Program ID (uses key default if omitted)
    """

    prompt: str
    reference_image: str | Unset = UNSET
    num_output_images: int | Unset = 1
    program_id: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        prompt = self.prompt

        reference_image = self.reference_image

        num_output_images = self.num_output_images

        program_id = self.program_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "prompt": prompt,
            }
        )
        if reference_image is not UNSET:
            field_dict["reference_image"] = reference_image
        if num_output_images is not UNSET:
            field_dict["num_output_images"] = num_output_images
        if program_id is not UNSET:
            field_dict["program_id"] = program_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        prompt = d.pop("prompt")

        reference_image = d.pop("reference_image", UNSET)

        num_output_images = d.pop("num_output_images", UNSET)

        program_id = d.pop("program_id", UNSET)

        generate_model_image_request = cls(
            prompt=prompt,
            reference_image=reference_image,
            num_output_images=num_output_images,
            program_id=program_id,
        )

        generate_model_image_request.additional_properties = d
        return generate_model_image_request

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

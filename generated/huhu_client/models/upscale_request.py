from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="UpscaleRequest")


@_attrs_define
class UpscaleRequest:
    """
    Attributes:
        image (str): Base64-encoded image or HTTP URL.
        upscale_factor (float | Unset):  Default: 2.0.
        num_images (int | Unset):  Default: 1.
        program_id (str | Unset): Program ID (uses key default if omitted)
    """

    image: str
    upscale_factor: float | Unset = 2.0
    num_images: int | Unset = 1
    program_id: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        image = self.image

        upscale_factor = self.upscale_factor

        num_images = self.num_images

        program_id = self.program_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "image": image,
            }
        )
        if upscale_factor is not UNSET:
            field_dict["upscale_factor"] = upscale_factor
        if num_images is not UNSET:
            field_dict["num_images"] = num_images
        if program_id is not UNSET:
            field_dict["program_id"] = program_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        image = d.pop("image")

        upscale_factor = d.pop("upscale_factor", UNSET)

        num_images = d.pop("num_images", UNSET)

        program_id = d.pop("program_id", UNSET)

        upscale_request = cls(
            image=image,
            upscale_factor=upscale_factor,
            num_images=num_images,
            program_id=program_id,
        )

        upscale_request.additional_properties = d
        return upscale_request

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

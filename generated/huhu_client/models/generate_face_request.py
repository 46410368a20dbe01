from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.generate_face_request_mode import (
    GenerateFaceRequestMode,
    check_generate_face_request_mode,
)
from ..types import UNSET, Unset

T = TypeVar("T", bound="GenerateFaceRequest")


@_attrs_define
class GenerateFaceRequest:
    """
    Attributes:
        prompt (str): Face description with attributes.
        mode (GenerateFaceRequestMode | Unset):  Default: 'variety'.
        num_output_images (int | Unset):  Default: 1.
        program_id (str | Unset): Program ID (uses key default if omitted)
    """

    prompt: str
    mode: GenerateFaceRequestMode | Unset = "variety"
    num_output_images: int | Unset = 1
    program_id: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        prompt = self.prompt

        mode: str | Unset = UNSET
        if not isinstance(self.mode, Unset):
            mode = self.mode

        num_output_images = self.num_output_images

        program_id = self.program_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "prompt": prompt,
            }
        )
        if mode is not UNSET:
            field_dict["mode"] = mode
        if num_output_images is not UNSET:
            field_dict["num_output_images"] = num_output_images
        if program_id is not UNSET:
            field_dict["program_id"] = program_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        prompt = d.pop("prompt")

        _mode = d.pop("mode", UNSET)
        mode: GenerateFaceRequestMode | Unset
        if isinstance(_mode, Unset):
            mode = UNSET
        else:
            mode = check_generate_face_request_mode(_mode)

        num_output_images = d.pop("num_output_images", UNSET)

        program_id = d.pop("program_id", UNSET)

        generate_face_request = cls(
            prompt=prompt,
            mode=mode,
            num_output_images=num_output_images,
            program_id=program_id,
        )

        generate_face_request.additional_properties = d
        return generate_face_request

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

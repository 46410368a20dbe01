from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="GeneratePoseRequest")


@_attrs_define
class GeneratePoseRequest:
    """
    Attributes:
        prompt (str):
        reference_image (str): Model image ID from gallery (e.g. from GET /model?model_id=), or a pose's
            reference_image_url from GET /pose/library (the reference's agent tip). An unknown id → 404.
        program_id (str | Unset): Program ID (uses key default if omitted)
    """

    prompt: str
    reference_image: str
    program_id: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        prompt = self.prompt

        reference_image = self.reference_image

        program_id = self.program_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "prompt": prompt,
                "reference_image": reference_image,
            }
        )
        if program_id is not UNSET:
            field_dict["program_id"] = program_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        prompt = d.pop("prompt")

        reference_image = d.pop("reference_image")

        program_id = d.pop("program_id", UNSET)

        generate_pose_request = cls(
            prompt=prompt,
            reference_image=reference_image,
            program_id=program_id,
        )

        generate_pose_request.additional_properties = d
        return generate_pose_request

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

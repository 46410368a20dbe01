from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="CreatePoseRequest")


@_attrs_define
class CreatePoseRequest:
    """
    Attributes:
        reference_image (str): Base64 image or HTTP URL of a person in the desired pose.
        pose_title (str):
        program_id (str | Unset): Program ID (uses key default if omitted)
    """

    reference_image: str
    pose_title: str
    program_id: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        reference_image = self.reference_image

        pose_title = self.pose_title

        program_id = self.program_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "reference_image": reference_image,
                "pose_title": pose_title,
            }
        )
        if program_id is not UNSET:
            field_dict["program_id"] = program_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        reference_image = d.pop("reference_image")

        pose_title = d.pop("pose_title")

        program_id = d.pop("program_id", UNSET)

        create_pose_request = cls(
            reference_image=reference_image,
            pose_title=pose_title,
            program_id=program_id,
        )

        create_pose_request.additional_properties = d
        return create_pose_request

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

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="CreatedPose")


@_attrs_define
class CreatedPose:
    """
    Example:
        {'status': 'success', 'pose_id': 'xxx', 'pose_prompt': 'standing pose, front facing, arms at sides...',
            'pose_title': 'My Pose'}

    Attributes:
        status (str):
        pose_id (str):
        pose_prompt (str):
        pose_title (str):
    """

    status: str
    pose_id: str
    pose_prompt: str
    pose_title: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        status = self.status

        pose_id = self.pose_id

        pose_prompt = self.pose_prompt

        pose_title = self.pose_title

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "status": status,
                "pose_id": pose_id,
                "pose_prompt": pose_prompt,
                "pose_title": pose_title,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        status = d.pop("status")

        pose_id = d.pop("pose_id")

        pose_prompt = d.pop("pose_prompt")

        pose_title = d.pop("pose_title")

        created_pose = cls(
            status=status,
            pose_id=pose_id,
            pose_prompt=pose_prompt,
            pose_title=pose_title,
        )

        created_pose.additional_properties = d
        return created_pose

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

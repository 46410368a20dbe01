from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.custom_pose import CustomPose


T = TypeVar("T", bound="PoseList")


@_attrs_define
class PoseList:
    """
    Example:
        {'poses': [{'pose_id': 'xxx', 'title': 'Standing Front', 'prompt': 'standing pose, front facing...',
            'reference_image_presigned_url': 'https://...', 'prompt_type': 'fullbody'}]}

    Attributes:
        poses (list[CustomPose]):
    """

    poses: list[CustomPose]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        poses = []
        for poses_item_data in self.poses:
            poses_item = poses_item_data.to_dict()
            poses.append(poses_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "poses": poses,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.custom_pose import CustomPose

        d = dict(src_dict)
        poses = []
        _poses = d.pop("poses")
        for poses_item_data in _poses:
            poses_item = CustomPose.from_dict(poses_item_data)

            poses.append(poses_item)

        pose_list = cls(
            poses=poses,
        )

        pose_list.additional_properties = d
        return pose_list

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

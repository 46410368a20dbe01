from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.library_pose import LibraryPose


T = TypeVar("T", bound="PoseLibrary")


@_attrs_define
class PoseLibrary:
    """
    Example:
        {'poses': [{'pose_id': 'f00cb596...', 'pose_name': 'Full body upright', 'model_category': 'Women',
            'prompt_type': 'fullbody', 'reference_image_url': 'https://cdn.huhu.ai/poses/xxx.png', 'sketch_url':
            'https://cdn.huhu.ai/poses/yyy.png'}], 'total': 14}

    Attributes:
        poses (list[LibraryPose]):
        total (int):
    """

    poses: list[LibraryPose]
    total: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        poses = []
        for poses_item_data in self.poses:
            poses_item = poses_item_data.to_dict()
            poses.append(poses_item)

        total = self.total

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "poses": poses,
                "total": total,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.library_pose import LibraryPose

        d = dict(src_dict)
        poses = []
        _poses = d.pop("poses")
        for poses_item_data in _poses:
            poses_item = LibraryPose.from_dict(poses_item_data)

            poses.append(poses_item)

        total = d.pop("total")

        pose_library = cls(
            poses=poses,
            total=total,
        )

        pose_library.additional_properties = d
        return pose_library

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

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="LibraryPose")


@_attrs_define
class LibraryPose:
    """
    Attributes:
        pose_id (str):
        pose_name (str):
        model_category (str): An open string: the reference's values are listed in x-huhu-known-values; any other value
            is accepted (huhu contract check notes it).
        prompt_type (str): An open string: the reference's values are listed in x-huhu-known-values; any other value is
            accepted (huhu contract check notes it).
        reference_image_url (str):
        sketch_url (str | Unset):
    """

    pose_id: str
    pose_name: str
    model_category: str
    prompt_type: str
    reference_image_url: str
    sketch_url: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        pose_id = self.pose_id

        pose_name = self.pose_name

        model_category = self.model_category

        prompt_type = self.prompt_type

        reference_image_url = self.reference_image_url

        sketch_url = self.sketch_url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "pose_id": pose_id,
                "pose_name": pose_name,
                "model_category": model_category,
                "prompt_type": prompt_type,
                "reference_image_url": reference_image_url,
            }
        )
        if sketch_url is not UNSET:
            field_dict["sketch_url"] = sketch_url

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        pose_id = d.pop("pose_id")

        pose_name = d.pop("pose_name")

        model_category = d.pop("model_category")

        prompt_type = d.pop("prompt_type")

        reference_image_url = d.pop("reference_image_url")

        sketch_url = d.pop("sketch_url", UNSET)

        library_pose = cls(
            pose_id=pose_id,
            pose_name=pose_name,
            model_category=model_category,
            prompt_type=prompt_type,
            reference_image_url=reference_image_url,
            sketch_url=sketch_url,
        )

        library_pose.additional_properties = d
        return library_pose

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

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="PoseDetail")


@_attrs_define
class PoseDetail:
    """
    Example:
        {'pose_id': 'xxx', 'title': '...', 'prompt': '...', 'reference_image_presigned_url': 'https://...'}

    Attributes:
        pose_id (str):
        title (str):
        prompt (str):
        reference_image_presigned_url (str):
        prompt_type (None | str | Unset): An open string: the reference's values are listed in x-huhu-known-values; any
            other value is accepted (huhu contract check notes it).
    """

    pose_id: str
    title: str
    prompt: str
    reference_image_presigned_url: str
    prompt_type: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        pose_id = self.pose_id

        title = self.title

        prompt = self.prompt

        reference_image_presigned_url = self.reference_image_presigned_url

        prompt_type: None | str | Unset
        if isinstance(self.prompt_type, Unset):
            prompt_type = UNSET
        else:
            prompt_type = self.prompt_type

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "pose_id": pose_id,
                "title": title,
                "prompt": prompt,
                "reference_image_presigned_url": reference_image_presigned_url,
            }
        )
        if prompt_type is not UNSET:
            field_dict["prompt_type"] = prompt_type

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        pose_id = d.pop("pose_id")

        title = d.pop("title")

        prompt = d.pop("prompt")

        reference_image_presigned_url = d.pop("reference_image_presigned_url")

        def _parse_prompt_type(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        prompt_type = _parse_prompt_type(d.pop("prompt_type", UNSET))

        pose_detail = cls(
            pose_id=pose_id,
            title=title,
            prompt=prompt,
            reference_image_presigned_url=reference_image_presigned_url,
            prompt_type=prompt_type,
        )

        pose_detail.additional_properties = d
        return pose_detail

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

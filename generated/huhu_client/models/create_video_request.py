from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.create_video_request_video_length import (
    CreateVideoRequestVideoLength,
    check_create_video_request_video_length,
)
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.first_frame_base_64 import FirstFrameBase64
    from ..models.first_frame_image_id import FirstFrameImageId


T = TypeVar("T", bound="CreateVideoRequest")


@_attrs_define
class CreateVideoRequest:
    """
    Attributes:
        project_id (str):
        sku_id (str):
        video_length (CreateVideoRequestVideoLength):
        prompt (str):
        first_frame_image (FirstFrameBase64 | FirstFrameImageId):
        program_id (str | Unset): Program ID (uses key default if omitted)
        source_task_id (str | Unset):
    """

    project_id: str
    sku_id: str
    video_length: CreateVideoRequestVideoLength
    prompt: str
    first_frame_image: FirstFrameBase64 | FirstFrameImageId
    program_id: str | Unset = UNSET
    source_task_id: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.first_frame_image_id import FirstFrameImageId

        project_id = self.project_id

        sku_id = self.sku_id

        video_length: str = self.video_length

        prompt = self.prompt

        first_frame_image: dict[str, Any]
        if isinstance(self.first_frame_image, FirstFrameImageId):
            first_frame_image = self.first_frame_image.to_dict()
        else:
            first_frame_image = self.first_frame_image.to_dict()

        program_id = self.program_id

        source_task_id = self.source_task_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "project_id": project_id,
                "sku_id": sku_id,
                "video_length": video_length,
                "prompt": prompt,
                "first_frame_image": first_frame_image,
            }
        )
        if program_id is not UNSET:
            field_dict["program_id"] = program_id
        if source_task_id is not UNSET:
            field_dict["source_task_id"] = source_task_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.first_frame_base_64 import FirstFrameBase64
        from ..models.first_frame_image_id import FirstFrameImageId

        d = dict(src_dict)
        project_id = d.pop("project_id")

        sku_id = d.pop("sku_id")

        video_length = check_create_video_request_video_length(d.pop("video_length"))

        prompt = d.pop("prompt")

        def _parse_first_frame_image(
            data: object,
        ) -> FirstFrameBase64 | FirstFrameImageId:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                first_frame_image_type_0 = FirstFrameImageId.from_dict(data)

                return first_frame_image_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            first_frame_image_type_1 = FirstFrameBase64.from_dict(data)

            return first_frame_image_type_1

        first_frame_image = _parse_first_frame_image(d.pop("first_frame_image"))

        program_id = d.pop("program_id", UNSET)

        source_task_id = d.pop("source_task_id", UNSET)

        create_video_request = cls(
            project_id=project_id,
            sku_id=sku_id,
            video_length=video_length,
            prompt=prompt,
            first_frame_image=first_frame_image,
            program_id=program_id,
            source_task_id=source_task_id,
        )

        create_video_request.additional_properties = d
        return create_video_request

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

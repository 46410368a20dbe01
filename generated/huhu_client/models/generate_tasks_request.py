from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="GenerateTasksRequest")


@_attrs_define
class GenerateTasksRequest:
    """
    Attributes:
        project_id (str):
        task_ids (list[str]):
        program_id (str | Unset): Program ID (uses key default if omitted)
        num_output_images (int | Unset):  Default: 1.
        prompt (str | Unset):
    """

    project_id: str
    task_ids: list[str]
    program_id: str | Unset = UNSET
    num_output_images: int | Unset = 1
    prompt: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        project_id = self.project_id

        task_ids = self.task_ids

        program_id = self.program_id

        num_output_images = self.num_output_images

        prompt = self.prompt

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "project_id": project_id,
                "task_ids": task_ids,
            }
        )
        if program_id is not UNSET:
            field_dict["program_id"] = program_id
        if num_output_images is not UNSET:
            field_dict["num_output_images"] = num_output_images
        if prompt is not UNSET:
            field_dict["prompt"] = prompt

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        project_id = d.pop("project_id")

        task_ids = cast(list[str], d.pop("task_ids"))

        program_id = d.pop("program_id", UNSET)

        num_output_images = d.pop("num_output_images", UNSET)

        prompt = d.pop("prompt", UNSET)

        generate_tasks_request = cls(
            project_id=project_id,
            task_ids=task_ids,
            program_id=program_id,
            num_output_images=num_output_images,
            prompt=prompt,
        )

        generate_tasks_request.additional_properties = d
        return generate_tasks_request

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

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="UpdateTaskRequest")


@_attrs_define
class UpdateTaskRequest:
    """
    Attributes:
        project_id (str):
        task_id (str):
        sku_id (str):
        program_id (str | Unset): Program ID (uses key default if omitted)
        model_id (str | Unset):
        model_image (str | Unset): Model image ID (from GET /model?model_id=, or a model_image upload). Required before
            generation.
    """

    project_id: str
    task_id: str
    sku_id: str
    program_id: str | Unset = UNSET
    model_id: str | Unset = UNSET
    model_image: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        project_id = self.project_id

        task_id = self.task_id

        sku_id = self.sku_id

        program_id = self.program_id

        model_id = self.model_id

        model_image = self.model_image

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "project_id": project_id,
                "task_id": task_id,
                "sku_id": sku_id,
            }
        )
        if program_id is not UNSET:
            field_dict["program_id"] = program_id
        if model_id is not UNSET:
            field_dict["model_id"] = model_id
        if model_image is not UNSET:
            field_dict["model_image"] = model_image

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        project_id = d.pop("project_id")

        task_id = d.pop("task_id")

        sku_id = d.pop("sku_id")

        program_id = d.pop("program_id", UNSET)

        model_id = d.pop("model_id", UNSET)

        model_image = d.pop("model_image", UNSET)

        update_task_request = cls(
            project_id=project_id,
            task_id=task_id,
            sku_id=sku_id,
            program_id=program_id,
            model_id=model_id,
            model_image=model_image,
        )

        update_task_request.additional_properties = d
        return update_task_request

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

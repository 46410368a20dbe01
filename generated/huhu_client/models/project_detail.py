from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ProjectDetail")


@_attrs_define
class ProjectDetail:
    """
    Example:
        {'project_id': 'xxx', 'project_name': 'Spring', 'project_status': 'Created', 'create_time': 1773702421471}

    Attributes:
        project_id (str):
        project_name (str):
        project_status (str): Project status (project_status), derived from the project's uploads and tasks (D-PROJECT-
            STATUS). Known values and their meaning: x-huhu-lifecycle (read by huhu_ext.spec.lifecycle).
        create_time (int): Unix epoch in milliseconds.
        program_id (str | Unset):
    """

    project_id: str
    project_name: str
    project_status: str
    create_time: int
    program_id: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        project_id = self.project_id

        project_name = self.project_name

        project_status = self.project_status

        create_time = self.create_time

        program_id = self.program_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "project_id": project_id,
                "project_name": project_name,
                "project_status": project_status,
                "create_time": create_time,
            }
        )
        if program_id is not UNSET:
            field_dict["program_id"] = program_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        project_id = d.pop("project_id")

        project_name = d.pop("project_name")

        project_status = d.pop("project_status")

        create_time = d.pop("create_time")

        program_id = d.pop("program_id", UNSET)

        project_detail = cls(
            project_id=project_id,
            project_name=project_name,
            project_status=project_status,
            create_time=create_time,
            program_id=program_id,
        )

        project_detail.additional_properties = d
        return project_detail

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

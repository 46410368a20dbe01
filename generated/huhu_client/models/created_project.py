from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="CreatedProject")


@_attrs_define
class CreatedProject:
    """Undocumented in the reference (no example): every field is optional. The mock answers the project detail (D-PROJECT-
    CREATE, invented); a client that gets no project_id finds the project by name in GET /project.

        Example:
            {'project_id': 'xxx', 'project_name': 'New Project', 'project_status': 'Created', 'create_time': 1773702421471}

        Attributes:
            project_id (str | Unset):
            project_name (str | Unset):
            project_status (str | Unset): Project status (project_status), derived from the project's uploads and tasks
                (D-PROJECT-STATUS). Known values and their meaning: x-huhu-lifecycle (read by huhu_ext.spec.lifecycle).
            create_time (int | Unset): Unix epoch in milliseconds.
            program_id (str | Unset):
            message (str | Unset):
    """

    project_id: str | Unset = UNSET
    project_name: str | Unset = UNSET
    project_status: str | Unset = UNSET
    create_time: int | Unset = UNSET
    program_id: str | Unset = UNSET
    message: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        project_id = self.project_id

        project_name = self.project_name

        project_status = self.project_status

        create_time = self.create_time

        program_id = self.program_id

        message = self.message

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if project_id is not UNSET:
            field_dict["project_id"] = project_id
        if project_name is not UNSET:
            field_dict["project_name"] = project_name
        if project_status is not UNSET:
            field_dict["project_status"] = project_status
        if create_time is not UNSET:
            field_dict["create_time"] = create_time
        if program_id is not UNSET:
            field_dict["program_id"] = program_id
        if message is not UNSET:
            field_dict["message"] = message

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        project_id = d.pop("project_id", UNSET)

        project_name = d.pop("project_name", UNSET)

        project_status = d.pop("project_status", UNSET)

        create_time = d.pop("create_time", UNSET)

        program_id = d.pop("program_id", UNSET)

        message = d.pop("message", UNSET)

        created_project = cls(
            project_id=project_id,
            project_name=project_name,
            project_status=project_status,
            create_time=create_time,
            program_id=program_id,
            message=message,
        )

        created_project.additional_properties = d
        return created_project

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

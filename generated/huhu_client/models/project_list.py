from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.project_summary import ProjectSummary


T = TypeVar("T", bound="ProjectList")


@_attrs_define
class ProjectList:
    """
    Example:
        {'projects': [{'project_id': 'xxx', 'project_name': 'Spring', 'project_status': 'Created'}], 'pagination_token':
            None}

    Attributes:
        projects (list[ProjectSummary]):
        pagination_token (None | str | Unset):
    """

    projects: list[ProjectSummary]
    pagination_token: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        projects = []
        for projects_item_data in self.projects:
            projects_item = projects_item_data.to_dict()
            projects.append(projects_item)

        pagination_token: None | str | Unset
        if isinstance(self.pagination_token, Unset):
            pagination_token = UNSET
        else:
            pagination_token = self.pagination_token

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "projects": projects,
            }
        )
        if pagination_token is not UNSET:
            field_dict["pagination_token"] = pagination_token

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.project_summary import ProjectSummary

        d = dict(src_dict)
        projects = []
        _projects = d.pop("projects")
        for projects_item_data in _projects:
            projects_item = ProjectSummary.from_dict(projects_item_data)

            projects.append(projects_item)

        def _parse_pagination_token(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        pagination_token = _parse_pagination_token(d.pop("pagination_token", UNSET))

        project_list = cls(
            projects=projects,
            pagination_token=pagination_token,
        )

        project_list.additional_properties = d
        return project_list

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

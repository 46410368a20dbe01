from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="TaskSummary")


@_attrs_define
class TaskSummary:
    """
    Attributes:
        task_id (str):
        task_status (str): Try-on task status (task_status). Any other string is an unknown status: clients treat it as
            still running. Known values and their meaning: x-huhu-lifecycle (read by huhu_ext.spec.lifecycle).
        view (str | Unset): An open string: the reference's values are listed in x-huhu-known-values; any other value is
            accepted (huhu contract check notes it).
    """

    task_id: str
    task_status: str
    view: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        task_id = self.task_id

        task_status = self.task_status

        view = self.view

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "task_id": task_id,
                "task_status": task_status,
            }
        )
        if view is not UNSET:
            field_dict["view"] = view

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        task_id = d.pop("task_id")

        task_status = d.pop("task_status")

        view = d.pop("view", UNSET)

        task_summary = cls(
            task_id=task_id,
            task_status=task_status,
            view=view,
        )

        task_summary.additional_properties = d
        return task_summary

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

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.task_summary import TaskSummary


T = TypeVar("T", bound="SkuTasks")


@_attrs_define
class SkuTasks:
    """
    Attributes:
        sku_name (str):
        tasks (list[TaskSummary]):
        sku_id (str | Unset):
        project_id (str | Unset):
    """

    sku_name: str
    tasks: list[TaskSummary]
    sku_id: str | Unset = UNSET
    project_id: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        sku_name = self.sku_name

        tasks = []
        for tasks_item_data in self.tasks:
            tasks_item = tasks_item_data.to_dict()
            tasks.append(tasks_item)

        sku_id = self.sku_id

        project_id = self.project_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "sku_name": sku_name,
                "tasks": tasks,
            }
        )
        if sku_id is not UNSET:
            field_dict["sku_id"] = sku_id
        if project_id is not UNSET:
            field_dict["project_id"] = project_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.task_summary import TaskSummary

        d = dict(src_dict)
        sku_name = d.pop("sku_name")

        tasks = []
        _tasks = d.pop("tasks")
        for tasks_item_data in _tasks:
            tasks_item = TaskSummary.from_dict(tasks_item_data)

            tasks.append(tasks_item)

        sku_id = d.pop("sku_id", UNSET)

        project_id = d.pop("project_id", UNSET)

        sku_tasks = cls(
            sku_name=sku_name,
            tasks=tasks,
            sku_id=sku_id,
            project_id=project_id,
        )

        sku_tasks.additional_properties = d
        return sku_tasks

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

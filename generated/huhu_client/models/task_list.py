from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.sku_tasks import SkuTasks


T = TypeVar("T", bound="TaskList")


@_attrs_define
class TaskList:
    """
    Example:
        {'skus': [{'sku_name': 'Blue Dress', 'tasks': [{'task_id': 'xxx', 'task_status': 'Generation completed'}]}]}

    Attributes:
        skus (list[SkuTasks]):
    """

    skus: list[SkuTasks]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        skus = []
        for skus_item_data in self.skus:
            skus_item = skus_item_data.to_dict()
            skus.append(skus_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "skus": skus,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.sku_tasks import SkuTasks

        d = dict(src_dict)
        skus = []
        _skus = d.pop("skus")
        for skus_item_data in _skus:
            skus_item = SkuTasks.from_dict(skus_item_data)

            skus.append(skus_item)

        task_list = cls(
            skus=skus,
        )

        task_list.additional_properties = d
        return task_list

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

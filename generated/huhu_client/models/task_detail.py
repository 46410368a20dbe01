from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.task_output import TaskOutput


T = TypeVar("T", bound="TaskDetail")


@_attrs_define
class TaskDetail:
    """
    Example:
        {'task_id': 'xxx', 'task_status': 'Generation completed', 'output': [{'image_id': 'xxx', 'image_url':
            'https://...'}]}

    Attributes:
        task_id (str):
        task_status (str): Try-on task status (task_status). Any other string is an unknown status: clients treat it as
            still running. Known values and their meaning: x-huhu-lifecycle (read by huhu_ext.spec.lifecycle).
        output (list[TaskOutput]):
        sku_id (str | Unset):
        project_id (str | Unset):
        view (str | Unset): An open string: the reference's values are listed in x-huhu-known-values; any other value is
            accepted (huhu contract check notes it).
        model_id (None | str | Unset):
        model_image (None | str | Unset):
    """

    task_id: str
    task_status: str
    output: list[TaskOutput]
    sku_id: str | Unset = UNSET
    project_id: str | Unset = UNSET
    view: str | Unset = UNSET
    model_id: None | str | Unset = UNSET
    model_image: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        task_id = self.task_id

        task_status = self.task_status

        output = []
        for output_item_data in self.output:
            output_item = output_item_data.to_dict()
            output.append(output_item)

        sku_id = self.sku_id

        project_id = self.project_id

        view = self.view

        model_id: None | str | Unset
        if isinstance(self.model_id, Unset):
            model_id = UNSET
        else:
            model_id = self.model_id

        model_image: None | str | Unset
        if isinstance(self.model_image, Unset):
            model_image = UNSET
        else:
            model_image = self.model_image

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "task_id": task_id,
                "task_status": task_status,
                "output": output,
            }
        )
        if sku_id is not UNSET:
            field_dict["sku_id"] = sku_id
        if project_id is not UNSET:
            field_dict["project_id"] = project_id
        if view is not UNSET:
            field_dict["view"] = view
        if model_id is not UNSET:
            field_dict["model_id"] = model_id
        if model_image is not UNSET:
            field_dict["model_image"] = model_image

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.task_output import TaskOutput

        d = dict(src_dict)
        task_id = d.pop("task_id")

        task_status = d.pop("task_status")

        output = []
        _output = d.pop("output")
        for output_item_data in _output:
            output_item = TaskOutput.from_dict(output_item_data)

            output.append(output_item)

        sku_id = d.pop("sku_id", UNSET)

        project_id = d.pop("project_id", UNSET)

        view = d.pop("view", UNSET)

        def _parse_model_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        model_id = _parse_model_id(d.pop("model_id", UNSET))

        def _parse_model_image(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        model_image = _parse_model_image(d.pop("model_image", UNSET))

        task_detail = cls(
            task_id=task_id,
            task_status=task_status,
            output=output,
            sku_id=sku_id,
            project_id=project_id,
            view=view,
            model_id=model_id,
            model_image=model_image,
        )

        task_detail.additional_properties = d
        return task_detail

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

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="UpdateSkusRequest")


@_attrs_define
class UpdateSkusRequest:
    """
    Example:
        {'sku_ids': ['sku-001'], 'model_id': '...', 'style_id': '...', 'garment_type': 'Full body'}

    Attributes:
        sku_ids (list[str]):
        model_id (str | Unset):
        style_id (str | Unset):
        garment_type (str | Unset):
        project_id (str | Unset): Optional; when given every SKU must belong to it.
        program_id (str | Unset): Program ID (uses key default if omitted)
    """

    sku_ids: list[str]
    model_id: str | Unset = UNSET
    style_id: str | Unset = UNSET
    garment_type: str | Unset = UNSET
    project_id: str | Unset = UNSET
    program_id: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        sku_ids = self.sku_ids

        model_id = self.model_id

        style_id = self.style_id

        garment_type = self.garment_type

        project_id = self.project_id

        program_id = self.program_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "sku_ids": sku_ids,
            }
        )
        if model_id is not UNSET:
            field_dict["model_id"] = model_id
        if style_id is not UNSET:
            field_dict["style_id"] = style_id
        if garment_type is not UNSET:
            field_dict["garment_type"] = garment_type
        if project_id is not UNSET:
            field_dict["project_id"] = project_id
        if program_id is not UNSET:
            field_dict["program_id"] = program_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        sku_ids = cast(list[str], d.pop("sku_ids"))

        model_id = d.pop("model_id", UNSET)

        style_id = d.pop("style_id", UNSET)

        garment_type = d.pop("garment_type", UNSET)

        project_id = d.pop("project_id", UNSET)

        program_id = d.pop("program_id", UNSET)

        update_skus_request = cls(
            sku_ids=sku_ids,
            model_id=model_id,
            style_id=style_id,
            garment_type=garment_type,
            project_id=project_id,
            program_id=program_id,
        )

        update_skus_request.additional_properties = d
        return update_skus_request

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

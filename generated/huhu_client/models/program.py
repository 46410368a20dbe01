from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Program")


@_attrs_define
class Program:
    """
    Attributes:
        program_id (str):
        program_name (str):
        create_time (int | Unset): Unix epoch in milliseconds.
        owned (bool | Unset): True when the caller's team owns the program.
    """

    program_id: str
    program_name: str
    create_time: int | Unset = UNSET
    owned: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        program_id = self.program_id

        program_name = self.program_name

        create_time = self.create_time

        owned = self.owned

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "program_id": program_id,
                "program_name": program_name,
            }
        )
        if create_time is not UNSET:
            field_dict["create_time"] = create_time
        if owned is not UNSET:
            field_dict["owned"] = owned

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        program_id = d.pop("program_id")

        program_name = d.pop("program_name")

        create_time = d.pop("create_time", UNSET)

        owned = d.pop("owned", UNSET)

        program = cls(
            program_id=program_id,
            program_name=program_name,
            create_time=create_time,
            owned=owned,
        )

        program.additional_properties = d
        return program

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

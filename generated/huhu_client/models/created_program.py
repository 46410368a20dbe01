from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="CreatedProgram")


@_attrs_define
class CreatedProgram:
    """
    Example:
        {'program_name': 'My New Brand', 'user_id': 'xxx', 'create_time': 1773702421471}

    Attributes:
        program_name (str):
        create_time (int): Unix epoch in milliseconds.
        user_id (str | Unset):
        program_id (str | Unset):
    """

    program_name: str
    create_time: int
    user_id: str | Unset = UNSET
    program_id: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        program_name = self.program_name

        create_time = self.create_time

        user_id = self.user_id

        program_id = self.program_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "program_name": program_name,
                "create_time": create_time,
            }
        )
        if user_id is not UNSET:
            field_dict["user_id"] = user_id
        if program_id is not UNSET:
            field_dict["program_id"] = program_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        program_name = d.pop("program_name")

        create_time = d.pop("create_time")

        user_id = d.pop("user_id", UNSET)

        program_id = d.pop("program_id", UNSET)

        created_program = cls(
            program_name=program_name,
            create_time=create_time,
            user_id=user_id,
            program_id=program_id,
        )

        created_program.additional_properties = d
        return created_program

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

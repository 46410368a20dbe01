from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.program import Program


T = TypeVar("T", bound="ProgramList")


@_attrs_define
class ProgramList:
    """
    Example:
        {'programs': [{'program_id': 'xxx', 'program_name': 'My Brand', 'create_time': 1773702421471}],
            'pagination_token': None}

    Attributes:
        programs (list[Program]):
        pagination_token (None | str | Unset):
    """

    programs: list[Program]
    pagination_token: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        programs = []
        for programs_item_data in self.programs:
            programs_item = programs_item_data.to_dict()
            programs.append(programs_item)

        pagination_token: None | str | Unset
        if isinstance(self.pagination_token, Unset):
            pagination_token = UNSET
        else:
            pagination_token = self.pagination_token

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "programs": programs,
            }
        )
        if pagination_token is not UNSET:
            field_dict["pagination_token"] = pagination_token

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.program import Program

        d = dict(src_dict)
        programs = []
        _programs = d.pop("programs")
        for programs_item_data in _programs:
            programs_item = Program.from_dict(programs_item_data)

            programs.append(programs_item)

        def _parse_pagination_token(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        pagination_token = _parse_pagination_token(d.pop("pagination_token", UNSET))

        program_list = cls(
            programs=programs,
            pagination_token=pagination_token,
        )

        program_list.additional_properties = d
        return program_list

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

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.completed_part import CompletedPart


T = TypeVar("T", bound="CompleteMultipartUploadRequest")


@_attrs_define
class CompleteMultipartUploadRequest:
    """
    Attributes:
        project_id (str):
        key (str):
        upload_id (str):
        parts (list[CompletedPart]):
        program_id (str | Unset): Program ID (uses key default if omitted)
    """

    project_id: str
    key: str
    upload_id: str
    parts: list[CompletedPart]
    program_id: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        project_id = self.project_id

        key = self.key

        upload_id = self.upload_id

        parts = []
        for parts_item_data in self.parts:
            parts_item = parts_item_data.to_dict()
            parts.append(parts_item)

        program_id = self.program_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "project_id": project_id,
                "key": key,
                "upload_id": upload_id,
                "parts": parts,
            }
        )
        if program_id is not UNSET:
            field_dict["program_id"] = program_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.completed_part import CompletedPart

        d = dict(src_dict)
        project_id = d.pop("project_id")

        key = d.pop("key")

        upload_id = d.pop("upload_id")

        parts = []
        _parts = d.pop("parts")
        for parts_item_data in _parts:
            parts_item = CompletedPart.from_dict(parts_item_data)

            parts.append(parts_item)

        program_id = d.pop("program_id", UNSET)

        complete_multipart_upload_request = cls(
            project_id=project_id,
            key=key,
            upload_id=upload_id,
            parts=parts,
            program_id=program_id,
        )

        complete_multipart_upload_request.additional_properties = d
        return complete_multipart_upload_request

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

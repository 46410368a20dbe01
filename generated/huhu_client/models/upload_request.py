from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.upload_request_file_type import (
    UploadRequestFileType,
    check_upload_request_file_type,
)
from ..types import UNSET, Unset

T = TypeVar("T", bound="UploadRequest")


@_attrs_define
class UploadRequest:
    """file_data (non-empty base64) is required for garment_image, model_image and reference_image; file_size is required
    for sku_zip (expressed with if/then/else; 422 otherwise).

        Attributes:
            project_id (str):
            file_type (UploadRequestFileType):
            program_id (str | Unset): Program ID (uses key default if omitted)
            file_data (str | Unset): Base64 image data (for image types). PNG, JPEG or WebP; at most 20 MB decoded.
            file_size (int | Unset): File size in bytes (for sku_zip); at most 1 GiB.
            sku_name (str | Unset): garment_image only: name of the SKU the image becomes (default: image-<n>). Mock
                extension, see D-UPLOAD.
    """

    project_id: str
    file_type: UploadRequestFileType
    program_id: str | Unset = UNSET
    file_data: str | Unset = UNSET
    file_size: int | Unset = UNSET
    sku_name: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        project_id = self.project_id

        file_type: str = self.file_type

        program_id = self.program_id

        file_data = self.file_data

        file_size = self.file_size

        sku_name = self.sku_name

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "project_id": project_id,
                "file_type": file_type,
            }
        )
        if program_id is not UNSET:
            field_dict["program_id"] = program_id
        if file_data is not UNSET:
            field_dict["file_data"] = file_data
        if file_size is not UNSET:
            field_dict["file_size"] = file_size
        if sku_name is not UNSET:
            field_dict["sku_name"] = sku_name

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        project_id = d.pop("project_id")

        file_type = check_upload_request_file_type(d.pop("file_type"))

        program_id = d.pop("program_id", UNSET)

        file_data = d.pop("file_data", UNSET)

        file_size = d.pop("file_size", UNSET)

        sku_name = d.pop("sku_name", UNSET)

        upload_request = cls(
            project_id=project_id,
            file_type=file_type,
            program_id=program_id,
            file_data=file_data,
            file_size=file_size,
            sku_name=sku_name,
        )

        upload_request.additional_properties = d
        return upload_request

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

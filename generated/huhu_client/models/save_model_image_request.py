from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="SaveModelImageRequest")


@_attrs_define
class SaveModelImageRequest:
    """Mode 2: upload/save an image to a model. Exactly one of image_url and file_data (D-MODEL-IMAGE).

    Example:
        {'model_id': 'xxx', 'style_id': 'yyy', 'image_url': 'https://s3.../generated.png?signed...'}

    Attributes:
        model_id (str):
        style_id (str):
        image_url (str | Unset): Image URL to save (e.g. from generation result); any https URL.
        file_data (str | Unset): Base64 image to upload.
        program_id (str | Unset): Program ID (uses key default if omitted)
    """

    model_id: str
    style_id: str
    image_url: str | Unset = UNSET
    file_data: str | Unset = UNSET
    program_id: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        model_id = self.model_id

        style_id = self.style_id

        image_url = self.image_url

        file_data = self.file_data

        program_id = self.program_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "model_id": model_id,
                "style_id": style_id,
            }
        )
        if image_url is not UNSET:
            field_dict["image_url"] = image_url
        if file_data is not UNSET:
            field_dict["file_data"] = file_data
        if program_id is not UNSET:
            field_dict["program_id"] = program_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        model_id = d.pop("model_id")

        style_id = d.pop("style_id")

        image_url = d.pop("image_url", UNSET)

        file_data = d.pop("file_data", UNSET)

        program_id = d.pop("program_id", UNSET)

        save_model_image_request = cls(
            model_id=model_id,
            style_id=style_id,
            image_url=image_url,
            file_data=file_data,
            program_id=program_id,
        )

        save_model_image_request.additional_properties = d
        return save_model_image_request

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

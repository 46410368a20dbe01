from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.create_model_request_model_size import (
    CreateModelRequestModelSize,
    check_create_model_request_model_size,
)
from ..models.create_model_request_model_type import (
    CreateModelRequestModelType,
    check_create_model_request_model_type,
)
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.model_attributes import ModelAttributes


T = TypeVar("T", bound="CreateModelRequest")


@_attrs_define
class CreateModelRequest:
    """
    Example:
        {'model_name': 'Caucasian Plus-Size Woman', 'model_type': 'Women', 'model_size': 'Plus size', 'attributes':
            {'ethnicity': 'Caucasian', 'age_range': 'Middle-aged', 'hair_color': 'Blonde', 'hair_style': 'Long',
            'skin_tone': 'Fair'}}

    Attributes:
        model_name (str):
        model_type (CreateModelRequestModelType | Unset):
        model_size (CreateModelRequestModelSize | Unset):
        attributes (ModelAttributes | Unset): Descriptive attributes for filtering. Free strings: the reference lists
            typical values of the GET /model filters (examples), not a closed set for POST /model bodies or answers.
        program_id (str | Unset): Program ID (uses key default if omitted)
    """

    model_name: str
    model_type: CreateModelRequestModelType | Unset = UNSET
    model_size: CreateModelRequestModelSize | Unset = UNSET
    attributes: ModelAttributes | Unset = UNSET
    program_id: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        model_name = self.model_name

        model_type: str | Unset = UNSET
        if not isinstance(self.model_type, Unset):
            model_type = self.model_type

        model_size: str | Unset = UNSET
        if not isinstance(self.model_size, Unset):
            model_size = self.model_size

        attributes: dict[str, Any] | Unset = UNSET
        if not isinstance(self.attributes, Unset):
            attributes = self.attributes.to_dict()

        program_id = self.program_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "model_name": model_name,
            }
        )
        if model_type is not UNSET:
            field_dict["model_type"] = model_type
        if model_size is not UNSET:
            field_dict["model_size"] = model_size
        if attributes is not UNSET:
            field_dict["attributes"] = attributes
        if program_id is not UNSET:
            field_dict["program_id"] = program_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.model_attributes import ModelAttributes

        d = dict(src_dict)
        model_name = d.pop("model_name")

        _model_type = d.pop("model_type", UNSET)
        model_type: CreateModelRequestModelType | Unset
        if isinstance(_model_type, Unset):
            model_type = UNSET
        else:
            model_type = check_create_model_request_model_type(_model_type)

        _model_size = d.pop("model_size", UNSET)
        model_size: CreateModelRequestModelSize | Unset
        if isinstance(_model_size, Unset):
            model_size = UNSET
        else:
            model_size = check_create_model_request_model_size(_model_size)

        _attributes = d.pop("attributes", UNSET)
        attributes: ModelAttributes | Unset
        if isinstance(_attributes, Unset):
            attributes = UNSET
        else:
            attributes = ModelAttributes.from_dict(_attributes)

        program_id = d.pop("program_id", UNSET)

        create_model_request = cls(
            model_name=model_name,
            model_type=model_type,
            model_size=model_size,
            attributes=attributes,
            program_id=program_id,
        )

        create_model_request.additional_properties = d
        return create_model_request

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

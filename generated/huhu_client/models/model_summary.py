from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.model_attributes import ModelAttributes


T = TypeVar("T", bound="ModelSummary")


@_attrs_define
class ModelSummary:
    """
    Attributes:
        model_id (str):
        model_name (str):
        model_type (None | str | Unset): An open string: the reference's values are listed in x-huhu-known-values; any
            other value is accepted (huhu contract check notes it).
        model_size (None | str | Unset): An open string: the reference's values are listed in x-huhu-known-values; any
            other value is accepted (huhu contract check notes it).
        attributes (ModelAttributes | Unset): Descriptive attributes for filtering. Free strings: the reference lists
            typical values of the GET /model filters (examples), not a closed set for POST /model bodies or answers.
    """

    model_id: str
    model_name: str
    model_type: None | str | Unset = UNSET
    model_size: None | str | Unset = UNSET
    attributes: ModelAttributes | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        model_id = self.model_id

        model_name = self.model_name

        model_type: None | str | Unset
        if isinstance(self.model_type, Unset):
            model_type = UNSET
        else:
            model_type = self.model_type

        model_size: None | str | Unset
        if isinstance(self.model_size, Unset):
            model_size = UNSET
        else:
            model_size = self.model_size

        attributes: dict[str, Any] | Unset = UNSET
        if not isinstance(self.attributes, Unset):
            attributes = self.attributes.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "model_id": model_id,
                "model_name": model_name,
            }
        )
        if model_type is not UNSET:
            field_dict["model_type"] = model_type
        if model_size is not UNSET:
            field_dict["model_size"] = model_size
        if attributes is not UNSET:
            field_dict["attributes"] = attributes

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.model_attributes import ModelAttributes

        d = dict(src_dict)
        model_id = d.pop("model_id")

        model_name = d.pop("model_name")

        def _parse_model_type(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        model_type = _parse_model_type(d.pop("model_type", UNSET))

        def _parse_model_size(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        model_size = _parse_model_size(d.pop("model_size", UNSET))

        _attributes = d.pop("attributes", UNSET)
        attributes: ModelAttributes | Unset
        if isinstance(_attributes, Unset):
            attributes = UNSET
        else:
            attributes = ModelAttributes.from_dict(_attributes)

        model_summary = cls(
            model_id=model_id,
            model_name=model_name,
            model_type=model_type,
            model_size=model_size,
            attributes=attributes,
        )

        model_summary.additional_properties = d
        return model_summary

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

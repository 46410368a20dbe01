from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ModelAttributes")


@_attrs_define
class ModelAttributes:
    """Descriptive attributes for filtering. Free strings: the reference lists typical values of the GET /model filters
    (examples), not a closed set for POST /model bodies or answers.

        Attributes:
            ethnicity (str | Unset):
            age_range (str | Unset): An open string: the reference's values are listed in x-huhu-known-values; any other
                value is accepted (huhu contract check notes it).
            hair_color (str | Unset):
            hair_style (str | Unset):
            skin_tone (str | Unset): An open string: the reference's values are listed in x-huhu-known-values; any other
                value is accepted (huhu contract check notes it).
            eye_color (str | Unset):
    """

    ethnicity: str | Unset = UNSET
    age_range: str | Unset = UNSET
    hair_color: str | Unset = UNSET
    hair_style: str | Unset = UNSET
    skin_tone: str | Unset = UNSET
    eye_color: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        ethnicity = self.ethnicity

        age_range = self.age_range

        hair_color = self.hair_color

        hair_style = self.hair_style

        skin_tone = self.skin_tone

        eye_color = self.eye_color

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if ethnicity is not UNSET:
            field_dict["ethnicity"] = ethnicity
        if age_range is not UNSET:
            field_dict["age_range"] = age_range
        if hair_color is not UNSET:
            field_dict["hair_color"] = hair_color
        if hair_style is not UNSET:
            field_dict["hair_style"] = hair_style
        if skin_tone is not UNSET:
            field_dict["skin_tone"] = skin_tone
        if eye_color is not UNSET:
            field_dict["eye_color"] = eye_color

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        ethnicity = d.pop("ethnicity", UNSET)

        age_range = d.pop("age_range", UNSET)

        hair_color = d.pop("hair_color", UNSET)

        hair_style = d.pop("hair_style", UNSET)

        skin_tone = d.pop("skin_tone", UNSET)

        eye_color = d.pop("eye_color", UNSET)

        model_attributes = cls(
            ethnicity=ethnicity,
            age_range=age_range,
            hair_color=hair_color,
            hair_style=hair_style,
            skin_tone=skin_tone,
            eye_color=eye_color,
        )

        model_attributes.additional_properties = d
        return model_attributes

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

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.error_errors_item import ErrorErrorsItem


T = TypeVar("T", bound="Error")


@_attrs_define
class Error:
    """Error body. The reference documents status codes only, no body: a client must accept any JSON body or none, and its
    typed errors depend only on the status code. The mock answers this shape (D-ERR, invented): detail, code, errors
    (422), credits_required/credits_available (402).

        Example:
            {'detail': 'Insufficient credits: 4 required, 1 available', 'code': 'insufficient_credits', 'credits_required':
                4, 'credits_available': 1}

        Attributes:
            detail (Any | Unset): Human-readable message (the mock: a string). Other servers may send another JSON value
                (e.g. FastAPI's 422 array).
            code (str | Unset): Machine-readable error code (the mock's, invented).
            errors (list[ErrorErrorsItem] | Unset): Per-field problems (422 only).
            credits_required (int | Unset): 402 only: credits the request would cost.
            credits_available (int | Unset): 402 only: the team's balance.
    """

    detail: Any | Unset = UNSET
    code: str | Unset = UNSET
    errors: list[ErrorErrorsItem] | Unset = UNSET
    credits_required: int | Unset = UNSET
    credits_available: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        detail = self.detail

        code = self.code

        errors: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.errors, Unset):
            errors = []
            for errors_item_data in self.errors:
                errors_item = errors_item_data.to_dict()
                errors.append(errors_item)

        credits_required = self.credits_required

        credits_available = self.credits_available

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if detail is not UNSET:
            field_dict["detail"] = detail
        if code is not UNSET:
            field_dict["code"] = code
        if errors is not UNSET:
            field_dict["errors"] = errors
        if credits_required is not UNSET:
            field_dict["credits_required"] = credits_required
        if credits_available is not UNSET:
            field_dict["credits_available"] = credits_available

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.error_errors_item import ErrorErrorsItem

        d = dict(src_dict)
        detail = d.pop("detail", UNSET)

        code = d.pop("code", UNSET)

        _errors = d.pop("errors", UNSET)
        errors: list[ErrorErrorsItem] | Unset = UNSET
        if _errors is not UNSET:
            errors = []
            for errors_item_data in _errors:
                errors_item = ErrorErrorsItem.from_dict(errors_item_data)

                errors.append(errors_item)

        credits_required = d.pop("credits_required", UNSET)

        credits_available = d.pop("credits_available", UNSET)

        error = cls(
            detail=detail,
            code=code,
            errors=errors,
            credits_required=credits_required,
            credits_available=credits_available,
        )

        error.additional_properties = d
        return error

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

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.credit_history_item import CreditHistoryItem


T = TypeVar("T", bound="CreditHistoryPage")


@_attrs_define
class CreditHistoryPage:
    """
    Example:
        {'items': [{'program_id': 'xxx', 'request_id': 'xxx', 'credits': 1, 'timestamp': 1773702421471, 'operation':
            'model_gen'}], 'pagination_token': None}

    Attributes:
        items (list[CreditHistoryItem]):
        pagination_token (None | str | Unset):
    """

    items: list[CreditHistoryItem]
    pagination_token: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)

        pagination_token: None | str | Unset
        if isinstance(self.pagination_token, Unset):
            pagination_token = UNSET
        else:
            pagination_token = self.pagination_token

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "items": items,
            }
        )
        if pagination_token is not UNSET:
            field_dict["pagination_token"] = pagination_token

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.credit_history_item import CreditHistoryItem

        d = dict(src_dict)
        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = CreditHistoryItem.from_dict(items_item_data)

            items.append(items_item)

        def _parse_pagination_token(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        pagination_token = _parse_pagination_token(d.pop("pagination_token", UNSET))

        credit_history_page = cls(
            items=items,
            pagination_token=pagination_token,
        )

        credit_history_page.additional_properties = d
        return credit_history_page

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

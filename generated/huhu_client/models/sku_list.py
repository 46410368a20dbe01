from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.sku import Sku


T = TypeVar("T", bound="SkuList")


@_attrs_define
class SkuList:
    """List and detail share this shape; detail holds one SKU with its garment_images.

    Example:
        {'skus': [{'sku_id': 'xxx', 'sku_name': 'sku1', 'garment_type': 'Full body', 'garment_images': [{'garment_id':
            'abc', 'image_id': 'assets/sku_images/xxx.png', 'image_url': 'https://...', 'garment_type': 'Top', 'view':
            'front', 'presentation': 'flatlay_clean'}, {'garment_id': 'def', 'image_id': 'assets/sku_images/yyy.png',
            'image_url': 'https://...', 'garment_type': 'Bottom', 'view': 'front', 'presentation': 'flatlay_clean'},
            {'garment_id': 'ghi', 'image_id': 'assets/sku_images/zzz.png', 'image_url': 'https://...', 'garment_type':
            'Shoes', 'view': 'front', 'presentation': 'flatlay_clean'}]}]}

    Attributes:
        skus (list[Sku]):
        pagination_token (None | str | Unset):
    """

    skus: list[Sku]
    pagination_token: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        skus = []
        for skus_item_data in self.skus:
            skus_item = skus_item_data.to_dict()
            skus.append(skus_item)

        pagination_token: None | str | Unset
        if isinstance(self.pagination_token, Unset):
            pagination_token = UNSET
        else:
            pagination_token = self.pagination_token

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "skus": skus,
            }
        )
        if pagination_token is not UNSET:
            field_dict["pagination_token"] = pagination_token

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.sku import Sku

        d = dict(src_dict)
        skus = []
        _skus = d.pop("skus")
        for skus_item_data in _skus:
            skus_item = Sku.from_dict(skus_item_data)

            skus.append(skus_item)

        def _parse_pagination_token(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        pagination_token = _parse_pagination_token(d.pop("pagination_token", UNSET))

        sku_list = cls(
            skus=skus,
            pagination_token=pagination_token,
        )

        sku_list.additional_properties = d
        return sku_list

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

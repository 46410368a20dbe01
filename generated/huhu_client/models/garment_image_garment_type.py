from typing import Literal

GarmentImageGarmentType = Literal["Accessory", "Bottom", "Shoes", "Top"]

GARMENT_IMAGE_GARMENT_TYPE_VALUES: set[GarmentImageGarmentType] = {
    "Accessory",
    "Bottom",
    "Shoes",
    "Top",
}


def check_garment_image_garment_type(value: str) -> GarmentImageGarmentType:
    if value in GARMENT_IMAGE_GARMENT_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {GARMENT_IMAGE_GARMENT_TYPE_VALUES!r}"
    )

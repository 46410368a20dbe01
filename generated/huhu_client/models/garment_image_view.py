from typing import Literal

GarmentImageView = Literal["back", "front"]

GARMENT_IMAGE_VIEW_VALUES: set[GarmentImageView] = {
    "back",
    "front",
}


def check_garment_image_view(value: str) -> GarmentImageView:
    if value in GARMENT_IMAGE_VIEW_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {GARMENT_IMAGE_VIEW_VALUES!r}"
    )

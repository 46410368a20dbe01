from typing import Literal

SavedModelImageCropTypeType0 = Literal["bottom", "fullbody", "head_half_cropped", "top"]

SAVED_MODEL_IMAGE_CROP_TYPE_TYPE_0_VALUES: set[SavedModelImageCropTypeType0] = {
    "bottom",
    "fullbody",
    "head_half_cropped",
    "top",
}


def check_saved_model_image_crop_type_type_0(
    value: str,
) -> SavedModelImageCropTypeType0:
    if value in SAVED_MODEL_IMAGE_CROP_TYPE_TYPE_0_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {SAVED_MODEL_IMAGE_CROP_TYPE_TYPE_0_VALUES!r}"
    )

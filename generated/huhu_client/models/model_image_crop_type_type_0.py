from typing import Literal

ModelImageCropTypeType0 = Literal["bottom", "fullbody", "head_half_cropped", "top"]

MODEL_IMAGE_CROP_TYPE_TYPE_0_VALUES: set[ModelImageCropTypeType0] = {
    "bottom",
    "fullbody",
    "head_half_cropped",
    "top",
}


def check_model_image_crop_type_type_0(value: str) -> ModelImageCropTypeType0:
    if value in MODEL_IMAGE_CROP_TYPE_TYPE_0_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {MODEL_IMAGE_CROP_TYPE_TYPE_0_VALUES!r}"
    )

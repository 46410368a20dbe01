from typing import Literal

ModelImageViewTypeType0 = Literal["back_facing", "front_facing"]

MODEL_IMAGE_VIEW_TYPE_TYPE_0_VALUES: set[ModelImageViewTypeType0] = {
    "back_facing",
    "front_facing",
}


def check_model_image_view_type_type_0(value: str) -> ModelImageViewTypeType0:
    if value in MODEL_IMAGE_VIEW_TYPE_TYPE_0_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {MODEL_IMAGE_VIEW_TYPE_TYPE_0_VALUES!r}"
    )

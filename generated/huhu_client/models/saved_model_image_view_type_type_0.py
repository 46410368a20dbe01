from typing import Literal

SavedModelImageViewTypeType0 = Literal["back_facing", "front_facing"]

SAVED_MODEL_IMAGE_VIEW_TYPE_TYPE_0_VALUES: set[SavedModelImageViewTypeType0] = {
    "back_facing",
    "front_facing",
}


def check_saved_model_image_view_type_type_0(
    value: str,
) -> SavedModelImageViewTypeType0:
    if value in SAVED_MODEL_IMAGE_VIEW_TYPE_TYPE_0_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {SAVED_MODEL_IMAGE_VIEW_TYPE_TYPE_0_VALUES!r}"
    )

from typing import Literal

LibraryPoseModelCategory = Literal["Child", "Infant", "Men", "Women"]

LIBRARY_POSE_MODEL_CATEGORY_VALUES: set[LibraryPoseModelCategory] = {
    "Child",
    "Infant",
    "Men",
    "Women",
}


def check_library_pose_model_category(value: str) -> LibraryPoseModelCategory:
    if value in LIBRARY_POSE_MODEL_CATEGORY_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {LIBRARY_POSE_MODEL_CATEGORY_VALUES!r}"
    )

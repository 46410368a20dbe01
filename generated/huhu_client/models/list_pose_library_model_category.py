from typing import Literal

ListPoseLibraryModelCategory = Literal["Child", "Infant", "Men", "Women"]

LIST_POSE_LIBRARY_MODEL_CATEGORY_VALUES: set[ListPoseLibraryModelCategory] = {
    "Child",
    "Infant",
    "Men",
    "Women",
}


def check_list_pose_library_model_category(value: str) -> ListPoseLibraryModelCategory:
    if value in LIST_POSE_LIBRARY_MODEL_CATEGORY_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {LIST_POSE_LIBRARY_MODEL_CATEGORY_VALUES!r}"
    )

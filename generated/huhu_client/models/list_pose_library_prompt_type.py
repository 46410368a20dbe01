from typing import Literal

ListPoseLibraryPromptType = Literal[
    "bottom",
    "close_up_lower_body",
    "close_up_upper_body",
    "fullbody",
    "head_half_cropped",
    "top",
]

LIST_POSE_LIBRARY_PROMPT_TYPE_VALUES: set[ListPoseLibraryPromptType] = {
    "bottom",
    "close_up_lower_body",
    "close_up_upper_body",
    "fullbody",
    "head_half_cropped",
    "top",
}


def check_list_pose_library_prompt_type(value: str) -> ListPoseLibraryPromptType:
    if value in LIST_POSE_LIBRARY_PROMPT_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {LIST_POSE_LIBRARY_PROMPT_TYPE_VALUES!r}"
    )

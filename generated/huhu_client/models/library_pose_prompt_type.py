from typing import Literal

LibraryPosePromptType = Literal[
    "bottom",
    "close_up_lower_body",
    "close_up_upper_body",
    "fullbody",
    "head_half_cropped",
    "top",
]

LIBRARY_POSE_PROMPT_TYPE_VALUES: set[LibraryPosePromptType] = {
    "bottom",
    "close_up_lower_body",
    "close_up_upper_body",
    "fullbody",
    "head_half_cropped",
    "top",
}


def check_library_pose_prompt_type(value: str) -> LibraryPosePromptType:
    if value in LIBRARY_POSE_PROMPT_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {LIBRARY_POSE_PROMPT_TYPE_VALUES!r}"
    )

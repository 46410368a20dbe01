from typing import Literal

CustomPosePromptTypeType0 = Literal[
    "bottom",
    "close_up_lower_body",
    "close_up_upper_body",
    "fullbody",
    "head_half_cropped",
    "top",
]

CUSTOM_POSE_PROMPT_TYPE_TYPE_0_VALUES: set[CustomPosePromptTypeType0] = {
    "bottom",
    "close_up_lower_body",
    "close_up_upper_body",
    "fullbody",
    "head_half_cropped",
    "top",
}


def check_custom_pose_prompt_type_type_0(value: str) -> CustomPosePromptTypeType0:
    if value in CUSTOM_POSE_PROMPT_TYPE_TYPE_0_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {CUSTOM_POSE_PROMPT_TYPE_TYPE_0_VALUES!r}"
    )

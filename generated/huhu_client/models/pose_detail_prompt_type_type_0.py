from typing import Literal

PoseDetailPromptTypeType0 = Literal[
    "bottom",
    "close_up_lower_body",
    "close_up_upper_body",
    "fullbody",
    "head_half_cropped",
    "top",
]

POSE_DETAIL_PROMPT_TYPE_TYPE_0_VALUES: set[PoseDetailPromptTypeType0] = {
    "bottom",
    "close_up_lower_body",
    "close_up_upper_body",
    "fullbody",
    "head_half_cropped",
    "top",
}


def check_pose_detail_prompt_type_type_0(value: str) -> PoseDetailPromptTypeType0:
    if value in POSE_DETAIL_PROMPT_TYPE_TYPE_0_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {POSE_DETAIL_PROMPT_TYPE_TYPE_0_VALUES!r}"
    )

from typing import Literal

PoseGenerationRequestStatus = Literal[
    "Generation Completed", "Generation Failed", "Request Submitted"
]

POSE_GENERATION_REQUEST_STATUS_VALUES: set[PoseGenerationRequestStatus] = {
    "Generation Completed",
    "Generation Failed",
    "Request Submitted",
}


def check_pose_generation_request_status(value: str) -> PoseGenerationRequestStatus:
    if value in POSE_GENERATION_REQUEST_STATUS_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {POSE_GENERATION_REQUEST_STATUS_VALUES!r}"
    )

from typing import Literal

VideoSubmittedRequestStatus = Literal[
    "Generation", "Generation completed", "Generation failed", "Submitted"
]

VIDEO_SUBMITTED_REQUEST_STATUS_VALUES: set[VideoSubmittedRequestStatus] = {
    "Generation",
    "Generation completed",
    "Generation failed",
    "Submitted",
}


def check_video_submitted_request_status(value: str) -> VideoSubmittedRequestStatus:
    if value in VIDEO_SUBMITTED_REQUEST_STATUS_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {VIDEO_SUBMITTED_REQUEST_STATUS_VALUES!r}"
    )

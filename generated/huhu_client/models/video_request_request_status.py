from typing import Literal

VideoRequestRequestStatus = Literal[
    "Generation", "Generation completed", "Generation failed", "Submitted"
]

VIDEO_REQUEST_REQUEST_STATUS_VALUES: set[VideoRequestRequestStatus] = {
    "Generation",
    "Generation completed",
    "Generation failed",
    "Submitted",
}


def check_video_request_request_status(value: str) -> VideoRequestRequestStatus:
    if value in VIDEO_REQUEST_REQUEST_STATUS_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {VIDEO_REQUEST_REQUEST_STATUS_VALUES!r}"
    )

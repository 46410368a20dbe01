from typing import Literal

VideoRequestDuration = Literal["10", "5"]

VIDEO_REQUEST_DURATION_VALUES: set[VideoRequestDuration] = {
    "10",
    "5",
}


def check_video_request_duration(value: str) -> VideoRequestDuration:
    if value in VIDEO_REQUEST_DURATION_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {VIDEO_REQUEST_DURATION_VALUES!r}"
    )

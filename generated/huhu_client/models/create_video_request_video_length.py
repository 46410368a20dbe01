from typing import Literal

CreateVideoRequestVideoLength = Literal["10", "5"]

CREATE_VIDEO_REQUEST_VIDEO_LENGTH_VALUES: set[CreateVideoRequestVideoLength] = {
    "10",
    "5",
}


def check_create_video_request_video_length(
    value: str,
) -> CreateVideoRequestVideoLength:
    if value in CREATE_VIDEO_REQUEST_VIDEO_LENGTH_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {CREATE_VIDEO_REQUEST_VIDEO_LENGTH_VALUES!r}"
    )

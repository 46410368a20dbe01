from typing import Literal

UpscaleStatusStatus = Literal["failed", "processing", "success"]

UPSCALE_STATUS_STATUS_VALUES: set[UpscaleStatusStatus] = {
    "failed",
    "processing",
    "success",
}


def check_upscale_status_status(value: str) -> UpscaleStatusStatus:
    if value in UPSCALE_STATUS_STATUS_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {UPSCALE_STATUS_STATUS_VALUES!r}"
    )

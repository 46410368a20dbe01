from typing import Literal

GenerationRequestStatus = Literal[
    "Generation Completed", "Generation Failed", "Request Submitted"
]

GENERATION_REQUEST_STATUS_VALUES: set[GenerationRequestStatus] = {
    "Generation Completed",
    "Generation Failed",
    "Request Submitted",
}


def check_generation_request_status(value: str) -> GenerationRequestStatus:
    if value in GENERATION_REQUEST_STATUS_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {GENERATION_REQUEST_STATUS_VALUES!r}"
    )

from typing import Literal

GenerationStatusStatus = Literal[
    "Generation Completed", "Generation Failed", "Request Submitted"
]

GENERATION_STATUS_STATUS_VALUES: set[GenerationStatusStatus] = {
    "Generation Completed",
    "Generation Failed",
    "Request Submitted",
}


def check_generation_status_status(value: str) -> GenerationStatusStatus:
    if value in GENERATION_STATUS_STATUS_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {GENERATION_STATUS_STATUS_VALUES!r}"
    )

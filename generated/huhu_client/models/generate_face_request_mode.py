from typing import Literal

GenerateFaceRequestMode = Literal["fidelity", "variety"]

GENERATE_FACE_REQUEST_MODE_VALUES: set[GenerateFaceRequestMode] = {
    "fidelity",
    "variety",
}


def check_generate_face_request_mode(value: str) -> GenerateFaceRequestMode:
    if value in GENERATE_FACE_REQUEST_MODE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {GENERATE_FACE_REQUEST_MODE_VALUES!r}"
    )

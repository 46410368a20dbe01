from typing import Literal

CreateModelRequestModelSize = Literal["Petit", "Plus size", "Regular"]

CREATE_MODEL_REQUEST_MODEL_SIZE_VALUES: set[CreateModelRequestModelSize] = {
    "Petit",
    "Plus size",
    "Regular",
}


def check_create_model_request_model_size(value: str) -> CreateModelRequestModelSize:
    if value in CREATE_MODEL_REQUEST_MODEL_SIZE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {CREATE_MODEL_REQUEST_MODEL_SIZE_VALUES!r}"
    )

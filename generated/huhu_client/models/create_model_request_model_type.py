from typing import Literal

CreateModelRequestModelType = Literal[
    "Baby", "Kid", "Maternity", "Men", "Toddler", "Women"
]

CREATE_MODEL_REQUEST_MODEL_TYPE_VALUES: set[CreateModelRequestModelType] = {
    "Baby",
    "Kid",
    "Maternity",
    "Men",
    "Toddler",
    "Women",
}


def check_create_model_request_model_type(value: str) -> CreateModelRequestModelType:
    if value in CREATE_MODEL_REQUEST_MODEL_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {CREATE_MODEL_REQUEST_MODEL_TYPE_VALUES!r}"
    )

from typing import Literal

GetModelsModelType = Literal["Baby", "Kid", "Maternity", "Men", "Toddler", "Women"]

GET_MODELS_MODEL_TYPE_VALUES: set[GetModelsModelType] = {
    "Baby",
    "Kid",
    "Maternity",
    "Men",
    "Toddler",
    "Women",
}


def check_get_models_model_type(value: str) -> GetModelsModelType:
    if value in GET_MODELS_MODEL_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {GET_MODELS_MODEL_TYPE_VALUES!r}"
    )

from typing import Literal

GetModelsModelSize = Literal["Petit", "Plus size", "Regular"]

GET_MODELS_MODEL_SIZE_VALUES: set[GetModelsModelSize] = {
    "Petit",
    "Plus size",
    "Regular",
}


def check_get_models_model_size(value: str) -> GetModelsModelSize:
    if value in GET_MODELS_MODEL_SIZE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {GET_MODELS_MODEL_SIZE_VALUES!r}"
    )

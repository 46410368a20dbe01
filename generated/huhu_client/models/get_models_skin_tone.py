from typing import Literal

GetModelsSkinTone = Literal["Brown", "Dark", "Fair", "Light", "Medium", "Olive", "Tan"]

GET_MODELS_SKIN_TONE_VALUES: set[GetModelsSkinTone] = {
    "Brown",
    "Dark",
    "Fair",
    "Light",
    "Medium",
    "Olive",
    "Tan",
}


def check_get_models_skin_tone(value: str) -> GetModelsSkinTone:
    if value in GET_MODELS_SKIN_TONE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {GET_MODELS_SKIN_TONE_VALUES!r}"
    )

from typing import Literal

ModelAttributesSkinTone = Literal[
    "Brown", "Dark", "Fair", "Light", "Medium", "Olive", "Tan"
]

MODEL_ATTRIBUTES_SKIN_TONE_VALUES: set[ModelAttributesSkinTone] = {
    "Brown",
    "Dark",
    "Fair",
    "Light",
    "Medium",
    "Olive",
    "Tan",
}


def check_model_attributes_skin_tone(value: str) -> ModelAttributesSkinTone:
    if value in MODEL_ATTRIBUTES_SKIN_TONE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {MODEL_ATTRIBUTES_SKIN_TONE_VALUES!r}"
    )

from typing import Literal

ModelAttributesAgeRange = Literal[
    "Mature", "Middle-aged", "Senior", "Young", "Young Adult"
]

MODEL_ATTRIBUTES_AGE_RANGE_VALUES: set[ModelAttributesAgeRange] = {
    "Mature",
    "Middle-aged",
    "Senior",
    "Young",
    "Young Adult",
}


def check_model_attributes_age_range(value: str) -> ModelAttributesAgeRange:
    if value in MODEL_ATTRIBUTES_AGE_RANGE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {MODEL_ATTRIBUTES_AGE_RANGE_VALUES!r}"
    )

from typing import Literal

GetModelsAgeRange = Literal["Mature", "Middle-aged", "Senior", "Young", "Young Adult"]

GET_MODELS_AGE_RANGE_VALUES: set[GetModelsAgeRange] = {
    "Mature",
    "Middle-aged",
    "Senior",
    "Young",
    "Young Adult",
}


def check_get_models_age_range(value: str) -> GetModelsAgeRange:
    if value in GET_MODELS_AGE_RANGE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {GET_MODELS_AGE_RANGE_VALUES!r}"
    )

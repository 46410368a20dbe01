from typing import Literal

ModelSummaryModelTypeType0 = Literal[
    "Baby", "Kid", "Maternity", "Men", "Toddler", "Women"
]

MODEL_SUMMARY_MODEL_TYPE_TYPE_0_VALUES: set[ModelSummaryModelTypeType0] = {
    "Baby",
    "Kid",
    "Maternity",
    "Men",
    "Toddler",
    "Women",
}


def check_model_summary_model_type_type_0(value: str) -> ModelSummaryModelTypeType0:
    if value in MODEL_SUMMARY_MODEL_TYPE_TYPE_0_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {MODEL_SUMMARY_MODEL_TYPE_TYPE_0_VALUES!r}"
    )

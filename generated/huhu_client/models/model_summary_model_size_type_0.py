from typing import Literal

ModelSummaryModelSizeType0 = Literal["Petit", "Plus size", "Regular"]

MODEL_SUMMARY_MODEL_SIZE_TYPE_0_VALUES: set[ModelSummaryModelSizeType0] = {
    "Petit",
    "Plus size",
    "Regular",
}


def check_model_summary_model_size_type_0(value: str) -> ModelSummaryModelSizeType0:
    if value in MODEL_SUMMARY_MODEL_SIZE_TYPE_0_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {MODEL_SUMMARY_MODEL_SIZE_TYPE_0_VALUES!r}"
    )

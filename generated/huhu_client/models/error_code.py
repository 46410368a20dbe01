from typing import Literal

ErrorCode = Literal[
    "forbidden",
    "insufficient_credits",
    "internal_error",
    "invalid_state",
    "method_not_allowed",
    "not_found",
    "rate_limited",
    "unauthorized",
    "validation_error",
]

ERROR_CODE_VALUES: set[ErrorCode] = {
    "forbidden",
    "insufficient_credits",
    "internal_error",
    "invalid_state",
    "method_not_allowed",
    "not_found",
    "rate_limited",
    "unauthorized",
    "validation_error",
}


def check_error_code(value: str) -> ErrorCode:
    if value in ERROR_CODE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {ERROR_CODE_VALUES!r}"
    )

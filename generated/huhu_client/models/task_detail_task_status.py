from typing import Literal

TaskDetailTaskStatus = Literal[
    "Approved",
    "Editing",
    "Generation",
    "Generation completed",
    "Generation failed",
    "Review",
    "Submitted",
    "Task created",
]

TASK_DETAIL_TASK_STATUS_VALUES: set[TaskDetailTaskStatus] = {
    "Approved",
    "Editing",
    "Generation",
    "Generation completed",
    "Generation failed",
    "Review",
    "Submitted",
    "Task created",
}


def check_task_detail_task_status(value: str) -> TaskDetailTaskStatus:
    if value in TASK_DETAIL_TASK_STATUS_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {TASK_DETAIL_TASK_STATUS_VALUES!r}"
    )

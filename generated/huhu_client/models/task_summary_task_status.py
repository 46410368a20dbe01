from typing import Literal

TaskSummaryTaskStatus = Literal[
    "Approved",
    "Editing",
    "Generation",
    "Generation completed",
    "Generation failed",
    "Review",
    "Submitted",
    "Task created",
]

TASK_SUMMARY_TASK_STATUS_VALUES: set[TaskSummaryTaskStatus] = {
    "Approved",
    "Editing",
    "Generation",
    "Generation completed",
    "Generation failed",
    "Review",
    "Submitted",
    "Task created",
}


def check_task_summary_task_status(value: str) -> TaskSummaryTaskStatus:
    if value in TASK_SUMMARY_TASK_STATUS_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {TASK_SUMMARY_TASK_STATUS_VALUES!r}"
    )

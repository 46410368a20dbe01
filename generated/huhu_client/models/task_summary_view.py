from typing import Literal

TaskSummaryView = Literal["back", "front"]

TASK_SUMMARY_VIEW_VALUES: set[TaskSummaryView] = {
    "back",
    "front",
}


def check_task_summary_view(value: str) -> TaskSummaryView:
    if value in TASK_SUMMARY_VIEW_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {TASK_SUMMARY_VIEW_VALUES!r}"
    )

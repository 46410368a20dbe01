from typing import Literal

TaskDetailView = Literal["back", "front"]

TASK_DETAIL_VIEW_VALUES: set[TaskDetailView] = {
    "back",
    "front",
}


def check_task_detail_view(value: str) -> TaskDetailView:
    if value in TASK_DETAIL_VIEW_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {TASK_DETAIL_VIEW_VALUES!r}"
    )

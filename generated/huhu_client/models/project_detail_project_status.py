from typing import Literal

ProjectDetailProjectStatus = Literal["Completed", "Created", "Creating", "In process"]

PROJECT_DETAIL_PROJECT_STATUS_VALUES: set[ProjectDetailProjectStatus] = {
    "Completed",
    "Created",
    "Creating",
    "In process",
}


def check_project_detail_project_status(value: str) -> ProjectDetailProjectStatus:
    if value in PROJECT_DETAIL_PROJECT_STATUS_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {PROJECT_DETAIL_PROJECT_STATUS_VALUES!r}"
    )

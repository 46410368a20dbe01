from typing import Literal

ProjectSummaryProjectStatus = Literal["Completed", "Created", "Creating", "In process"]

PROJECT_SUMMARY_PROJECT_STATUS_VALUES: set[ProjectSummaryProjectStatus] = {
    "Completed",
    "Created",
    "Creating",
    "In process",
}


def check_project_summary_project_status(value: str) -> ProjectSummaryProjectStatus:
    if value in PROJECT_SUMMARY_PROJECT_STATUS_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {PROJECT_SUMMARY_PROJECT_STATUS_VALUES!r}"
    )

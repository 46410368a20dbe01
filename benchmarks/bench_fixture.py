"""4. In-process fixture speed: complete try-on workflows per second through ``mock_huhu()``.

A workflow is what a user's test does: create a project, upload a garment image, create the task,
set its model image, generate, advance the manual clock past the try-on, fetch the task detail and
download the output through its signed URL — all through :class:`huhu_ext.Huhu` and plain httpx
against the production URL, answered in-process by :func:`huhu_ext.testing.mock_huhu` (respx + the
mock's WSGI app, strict mode as shipped). Two figures, for information (the issue sets no target):
workflows per second in one active mock, and with a fresh ``mock_huhu()`` per workflow (what a
decorated test pays). Each run lasts ``duration`` seconds; the figure is the median of the runs.
"""

from __future__ import annotations

import base64
import time

import httpx
from benchlib import Figure, cli, median, spread, tiny_png
from huhu_client.api.models import get_models
from huhu_client.api.projects import create_project, upload_project_file
from huhu_client.api.tasks import create_tasks, generate_tasks, get_tasks, update_task
from huhu_client.models import (
    CreatedProject,
    CreateProjectRequest,
    CreateTasksRequest,
    GenerateTasksRequest,
    ImageUploadResult,
    ModelImageList,
    ModelList,
    TaskDetail,
    TaskList,
    UpdateTaskRequest,
    UploadRequest,
)

from huhu_ext import Huhu
from huhu_ext.testing import HuhuMock, mock_huhu

GARMENT = base64.b64encode(tiny_png()).decode()


def _model_image(huhu: Huhu) -> str:
    models = huhu.call(get_models)
    assert isinstance(models, ModelList)
    images = huhu.call(get_models, model_id=models.models[0].model_id)
    assert isinstance(images, ModelImageList)
    return images.model_images[0].model_image_id


def workflow(mock: HuhuMock, huhu: Huhu, files: httpx.Client, model_image: str) -> int:
    """One try-on from project to downloaded output; returns the output's size in bytes."""
    project = huhu.call(create_project, body=CreateProjectRequest(project_name="bench"))
    assert isinstance(project, CreatedProject) and isinstance(project.project_id, str)
    pid = project.project_id
    upload = huhu.call(
        upload_project_file,
        body=UploadRequest(project_id=pid, file_type="garment_image", file_data=GARMENT, sku_name="shirt"),
    )
    assert isinstance(upload, ImageUploadResult) and isinstance(upload.sku_id, str)
    huhu.call(create_tasks, body=CreateTasksRequest(project_id=pid, sku_ids=[upload.sku_id]))
    listing = huhu.call(get_tasks, project_id=pid)
    assert isinstance(listing, TaskList)
    task_id = listing.skus[0].tasks[0].task_id
    huhu.call(
        update_task,
        body=UpdateTaskRequest(
            project_id=pid, task_id=task_id, sku_id=upload.sku_id, model_image=model_image
        ),
    )
    huhu.call(generate_tasks, body=GenerateTasksRequest(project_id=pid, task_ids=[task_id]))
    mock.advance(90)
    detail = huhu.call(get_tasks, project_id=pid, sku_id=upload.sku_id, task_id=task_id)
    assert isinstance(detail, TaskDetail) and detail.task_status == "Generation completed"
    image = files.get(detail.output[0].image_url)
    assert image.status_code == 200 and image.content.startswith(b"\x89PNG")
    return len(image.content)


def _steady(duration: float) -> float:
    """Workflows per second inside one active mock."""
    with mock_huhu() as mock, mock.client() as huhu, httpx.Client() as files:
        mock.set_credits(1_000_000)
        model_image = _model_image(huhu)
        workflow(mock, huhu, files, model_image)  # warm-up
        done, started = 0, time.perf_counter()
        while time.perf_counter() - started < duration:
            workflow(mock, huhu, files, model_image)
            done += 1
        return done / (time.perf_counter() - started)


def _fresh(duration: float) -> float:
    """Workflows per second with a new ``mock_huhu()`` (and client) for each one."""
    done, started = 0, time.perf_counter()
    while time.perf_counter() - started < duration or done == 0:
        with mock_huhu() as mock, mock.client() as huhu, httpx.Client() as files:
            workflow(mock, huhu, files, _model_image(huhu))
        done += 1
    return done / (time.perf_counter() - started)


def measure(runs: int = 5, duration: float = 1.5) -> list[Figure]:
    steady = [_steady(duration) for _ in range(runs)]
    fresh = [_fresh(duration) for _ in range(runs)]
    return [
        Figure(
            "fixture_steady",
            "Try-on workflows/s through mock_huhu() (one active mock)",
            median(steady),
            unit="/s",
            detail=f"{1000 / median(steady):.1f} ms per workflow (9 API calls + 1 download); {spread(steady)}",
            runs=runs,
        ),
        Figure(
            "fixture_fresh",
            "Try-on workflows/s with a fresh mock_huhu() each",
            median(fresh),
            unit="/s",
            detail=f"{1000 / median(fresh):.1f} ms per workflow incl. mock start and model lookup; {spread(fresh)}",
            runs=runs,
        ),
    ]


if __name__ == "__main__":
    cli(measure, {"runs": 1, "duration": 0.2}, __doc__ or "")

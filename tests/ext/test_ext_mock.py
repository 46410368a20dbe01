"""Against the stateful mock (in-process, manual clock): 50 try-on tasks are polled with one list
request per interval, not 50, and the credits spent match the spec's price."""

from __future__ import annotations

import base64
import io
from collections.abc import Iterator

import httpx
import pytest
from huhu_client.api.models import get_models
from huhu_client.api.projects import create_project, upload_project_file
from huhu_client.api.tasks import create_tasks, generate_tasks, get_tasks, update_task
from huhu_client.models import (
    CreateProjectRequest,
    CreateTasksRequest,
    GenerateTasksRequest,
    ImageUploadResult,
    ModelImageList,
    ModelList,
    TaskList,
    UpdateTaskRequest,
    UploadRequest,
)
from PIL import Image

from huhu_ext import Huhu, PollProgress
from mock_server import HuhuBackend, create_app

TASKS = 50
INTERVAL = 30.0
TRYON_SECONDS = 90.0


class CountingTransport(httpx.BaseTransport):
    """Records every request that reaches the mock."""

    def __init__(self, wrapped: httpx.BaseTransport) -> None:
        self.wrapped = wrapped
        self.requests: list[httpx.Request] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return self.wrapped.handle_request(request)

    def task_lists(self) -> list[httpx.Request]:
        return [r for r in self.requests if r.url.path.endswith("/task") and "task_id" not in r.url.params]

    def task_details(self) -> list[httpx.Request]:
        return [r for r in self.requests if r.url.path.endswith("/task") and "task_id" in r.url.params]


def png(shade: int) -> str:
    buffer = io.BytesIO()
    Image.new("RGB", (48, 64), (shade, 40, 120)).save(buffer, format="PNG")
    return base64.b64encode(buffer.getvalue()).decode()


@pytest.fixture
def backend() -> Iterator[HuhuBackend]:
    mock = HuhuBackend(clock="manual", tryon_seconds=TRYON_SECONDS, extras=True)  # sku_name, sku_id
    yield mock
    mock.close()


def test_fifty_tasks_one_list_request_per_interval(backend: HuhuBackend) -> None:
    team = backend.create_team(credits=500, slots=TASKS)
    transport = CountingTransport(httpx.WSGITransport(app=create_app(backend, strict=True)))
    sleeps: list[float] = []

    def sleep(seconds: float) -> None:
        sleeps.append(seconds)
        backend.advance_clock(seconds)

    with Huhu(
        team["api_key"], base_url="http://mock/public/v1", transport=transport, sleep=sleep, clock=backend.now
    ) as huhu:
        project = huhu.call(create_project, body=CreateProjectRequest(project_name="fifty")).project_id
        sku_ids = []
        for i in range(TASKS):
            upload = huhu.call(
                upload_project_file,
                body=UploadRequest(
                    project_id=project, file_type="garment_image", file_data=png(i), sku_name=f"sku-{i}"
                ),
            )
            assert isinstance(upload, ImageUploadResult) and isinstance(upload.sku_id, str)
            sku_ids.append(upload.sku_id)
        huhu.call(create_tasks, body=CreateTasksRequest(project_id=project, sku_ids=sku_ids))
        listing = huhu.call(get_tasks, project_id=project)
        assert isinstance(listing, TaskList)
        tasks = [(sku.sku_id, task.task_id) for sku in listing.skus for task in sku.tasks]
        assert len(tasks) == TASKS

        models = huhu.call(get_models)
        assert isinstance(models, ModelList)
        images = huhu.call(get_models, model_id=models.models[0].model_id)
        assert isinstance(images, ModelImageList)
        model_image = images.model_images[0].model_image_id
        for sku_id, task_id in tasks:
            assert isinstance(sku_id, str)
            body = UpdateTaskRequest(
                project_id=project, sku_id=sku_id, task_id=task_id, model_image=model_image
            )
            huhu.call(update_task, body=body)

        task_ids = [task_id for _, task_id in tasks]
        planned = GenerateTasksRequest(project_id=project, task_ids=task_ids, num_output_images=1)
        before = huhu.ensure_credits([(generate_tasks, planned)]).credits_
        with huhu.slots().hold(TASKS):
            huhu.call(generate_tasks, body=planned)
            transport.requests.clear()
            progress: list[PollProgress] = []
            results = huhu.wait_for_tasks(
                task_ids, project_id=project, interval=INTERVAL, timeout=600.0, on_progress=progress.append
            )
        polling_requests = list(transport.requests)
        after = huhu.plan().credits_

    # polled at 0, 30, 60 and 90 s: one list request per interval for all 50 tasks
    assert sleeps == [INTERVAL] * 3
    assert len(transport.task_lists()) == len(sleeps) + 1 == 4
    assert len(transport.task_details()) == TASKS  # each finished task's outputs fetched once
    assert len(polling_requests) == 4 + TASKS  # nothing else while waiting
    assert [p.done for p in progress] == [0, 0, 0, TASKS]
    assert list(results) == task_ids
    assert all(r.task_status == "Generation completed" and len(r.output) == 1 for r in results.values())
    assert before - after == huhu.estimate([(generate_tasks, planned)]).total == 2 * TASKS

"""Acceptance: a test file written the way a user of huhu-python would write it.

It imports only the public API (``huhu_ext``, ``huhu_ext.testing``, ``huhu_client``, ``httpx``) and
the standard library, and uses the three ways in: ``mock_huhu`` (decorator and context manager),
the ``huhu_mock`` fixture, and the ``huhu_mock_server`` fixture driven with ``curl``. Each one does
real work: create and list projects, generate, advance the mock's clock, watch the status change
and the credits drop by exactly the documented price.
"""

from __future__ import annotations

import asyncio
import base64
import io
import json
import shutil
import subprocess
from typing import Any

import httpx
import pytest
from huhu_client import AuthenticatedClient
from huhu_client.api.metering import get_credit_history, get_plan
from huhu_client.api.models import generate_face, get_models
from huhu_client.api.projects import create_project, get_projects, upload_project_file
from huhu_client.api.tasks import create_tasks, generate_tasks, get_tasks, update_task
from huhu_client.models import (
    CreatedProject,
    CreateProjectRequest,
    CreateTasksRequest,
    CreditHistoryPage,
    GenerateFaceRequest,
    GenerateTasksRequest,
    ImageUploadResult,
    ModelImageList,
    ModelList,
    Plan,
    ProjectDetail,
    ProjectList,
    TaskDetail,
    TaskList,
    UpdateTaskRequest,
    UploadRequest,
)
from PIL import Image

from huhu_ext import Huhu, InsufficientCreditsError, RateLimitError
from huhu_ext.testing import HuhuMock, HuhuMockServer, mock_huhu

PRODUCTION = "https://api.huhu.ai/public/v1"


def tiny_png(width: int = 24, height: int = 32, rgb: tuple[int, int, int] = (180, 40, 40)) -> bytes:
    """A small solid-colour PNG."""
    out = io.BytesIO()
    Image.new("RGB", (width, height), rgb).save(out, format="PNG")
    return out.getvalue()


def b64png(**kwargs: Any) -> str:
    return base64.b64encode(tiny_png(**kwargs)).decode()


# -- 1. the decorator, with the generated client hard-coded to production ------------------------
@mock_huhu
def test_decorator_try_on_with_the_generated_client(huhu_mock: HuhuMock) -> None:
    client = AuthenticatedClient(base_url=PRODUCTION, token=huhu_mock.api_key)

    project = create_project.sync(client=client, body=CreateProjectRequest(project_name="spring"))
    assert isinstance(project, CreatedProject) and project.project_status == "Created"
    assert isinstance(project.project_id, str)
    listing = get_projects.sync(client=client)
    assert isinstance(listing, ProjectList)
    assert [p.project_id for p in listing.projects] == [project.project_id]

    upload = upload_project_file.sync(
        client=client,
        body=UploadRequest(
            project_id=project.project_id,
            file_type="garment_image",
            file_data=b64png(),
            sku_name="red-shirt",
        ),
    )
    assert isinstance(upload, ImageUploadResult) and isinstance(upload.sku_id, str)
    create_tasks.sync(
        client=client, body=CreateTasksRequest(project_id=project.project_id, sku_ids=[upload.sku_id])
    )
    tasks = get_tasks.sync(client=client, project_id=project.project_id)
    assert isinstance(tasks, TaskList)
    task = tasks.skus[0].tasks[0]
    assert task.task_status == "Task created"

    models = get_models.sync(client=client)
    assert isinstance(models, ModelList)
    images = get_models.sync(client=client, model_id=models.models[0].model_id)
    assert isinstance(images, ModelImageList)
    update_task.sync(
        client=client,
        body=UpdateTaskRequest(
            project_id=project.project_id,
            sku_id=upload.sku_id,
            task_id=task.task_id,
            model_image=images.model_images[0].model_image_id,
        ),
    )

    before = get_plan.sync(client=client)
    assert isinstance(before, Plan)
    generate_tasks.sync(
        client=client,
        body=GenerateTasksRequest(
            project_id=project.project_id, task_ids=[task.task_id], num_output_images=2
        ),
    )
    after = get_plan.sync(client=client)
    assert isinstance(after, Plan)
    assert before.credits_ - after.credits_ == 2 * 2  # 2 credits per output image per task

    def status() -> str:
        detail = get_tasks.sync(
            client=client, project_id=project.project_id, sku_id=upload.sku_id, task_id=task.task_id
        )
        assert isinstance(detail, TaskDetail)
        return str(detail.task_status)

    assert status() == "Submitted"
    huhu_mock.advance(30)
    assert status() == "Generation"
    huhu_mock.advance(60)  # try-on takes 90 s on the mock, as on the real API
    assert status() == "Generation completed"
    project_now = get_projects.sync(client=client, project_id=project.project_id)
    assert isinstance(project_now, ProjectDetail) and project_now.project_status == "Completed"

    # the output's signed URL is on the production host too, and is served by the mock
    detail = get_tasks.sync(
        client=client, project_id=project.project_id, sku_id=upload.sku_id, task_id=task.task_id
    )
    assert isinstance(detail, TaskDetail) and len(detail.output) == 2
    image = httpx.get(detail.output[0].image_url)
    assert image.status_code == 200 and image.content.startswith(b"\x89PNG")
    assert image.headers["content-type"] == "image/png"

    history = get_credit_history.sync(client=client)
    assert isinstance(history, CreditHistoryPage)
    assert [(i.operation, i.credits_, i.request_id) for i in history.items] == [
        ("tryon_gen", 4, task.task_id)
    ]


# -- 2. the context manager, with plain httpx (sync and async) hard-coding the production URL ---
def test_context_manager_face_generation_with_plain_httpx() -> None:
    with mock_huhu(job_seconds=10) as huhu_mock:
        headers = {"Authorization": f"Bearer {huhu_mock.api_key}"}

        async def submit() -> str:
            async with httpx.AsyncClient(base_url=PRODUCTION, headers=headers) as api:
                answer = await api.post(
                    "/model/face", json={"prompt": "freckles, green eyes", "num_output_images": 3}
                )
                assert answer.status_code == 200, answer.text
                assert answer.json()["status"] == "Request Submitted"
                return str(answer.json()["request_id"])

        request_id = asyncio.run(submit())
        with httpx.Client(base_url=PRODUCTION, headers=headers) as api:
            assert api.get("/metering/plan").json()["credits"] == 50 - 3  # 1 credit per face image
            poll = api.get("/model/image", params={"request_id": request_id}).json()
            assert (poll["status"], poll["images_generated"]) == ("Request Submitted", [])
            huhu_mock.advance(9)
            assert (
                api.get("/model/image", params={"request_id": request_id}).json()["status"]
                == "Request Submitted"
            )
            huhu_mock.advance(1)
            done = api.get("/model/image", params={"request_id": request_id}).json()
            assert done["status"] == "Generation Completed" and len(done["images_generated"]) == 3
            history = api.get("/metering/credit-history").json()["items"]
            assert [(h["operation"], h["credits"]) for h in history] == [("face_gen", 3)]

    # outside the block the production host is not mocked any more (and the state is gone)
    with pytest.raises(RuntimeError):
        huhu_mock.backend  # noqa: B018


# -- 3. the huhu_mock fixture, with the Huhu client: 402 and 429 exactly as documented ----------
def test_fixture_credits_slots_and_waiting(huhu_mock: HuhuMock) -> None:
    team = huhu_mock.new_team(credits=5, slots=2)
    with Huhu(api_key=team.api_key, max_retries=0) as huhu:
        first = huhu.call(generate_face, body=GenerateFaceRequest(prompt="a", num_output_images=2))
        huhu.call(generate_face, body=GenerateFaceRequest(prompt="b", num_output_images=1))
        assert huhu.plan().credits_ == 2

        with pytest.raises(RateLimitError) as busy:  # both slots busy
            huhu.call(generate_face, body=GenerateFaceRequest(prompt="c", num_output_images=1))
        assert busy.value.retry_after == 5  # the earliest job finishes in 5 s
        with pytest.raises(InsufficientCreditsError) as broke:  # 3 credits > 2 left: 402 before 429
            huhu.call(generate_face, body=GenerateFaceRequest(prompt="d", num_output_images=3))
        assert (broke.value.credits_required, broke.value.credits_available) == (3, 2)
        assert huhu.plan().credits_ == 2  # refused requests cost nothing

    # a client from the handle waits on the mock's clock: no real sleeping
    with huhu_mock.client(team.api_key) as huhu:
        done = huhu.wait_for_generation(first.request_id, interval=2)
        assert done.status == "Generation Completed" and len(done.images_generated) == 2
        huhu.call(
            generate_face, body=GenerateFaceRequest(prompt="c", num_output_images=1)
        )  # a slot is free now
        assert huhu.plan().credits_ == 1
    assert huhu_mock.credits(team.api_key) == 1
    assert len(huhu_mock.state()["ledger"]) == 3


# -- 4. the huhu_mock_server fixture, driven by curl in a subprocess -----------------------------
def curl(server: HuhuMockServer, method: str, path: str, body: Any = None) -> tuple[int, Any]:
    command = [
        shutil.which("curl") or "curl",
        "--silent",
        "--show-error",
        "--write-out",
        "\n%{http_code}",
        "--request",
        method,
        "--header",
        f"Authorization: Bearer {server.api_key}",
    ]
    if body is not None:
        command += ["--header", "Content-Type: application/json", "--data", json.dumps(body)]
    done = subprocess.run(
        [*command, server.base_url + path], capture_output=True, text=True, timeout=60, check=True
    )
    text, _, status = done.stdout.rpartition("\n")
    return int(status), json.loads(text)


def test_server_fixture_with_curl(huhu_mock_server: HuhuMockServer) -> None:
    assert huhu_mock_server.base_url.startswith("http://127.0.0.1:")
    status, project = curl(huhu_mock_server, "POST", "/project", {"project_name": "from curl"})
    assert status == 200 and project["project_status"] == "Created"
    status, listing = curl(huhu_mock_server, "GET", "/project")
    assert status == 200 and [p["project_name"] for p in listing["projects"]] == ["from curl"]

    status, face = curl(
        huhu_mock_server, "POST", "/model/face", {"prompt": "grey hair", "num_output_images": 4}
    )
    assert status == 200
    assert curl(huhu_mock_server, "GET", "/metering/plan")[1]["credits"] == 50 - 4
    assert huhu_mock_server.credits() == 46

    path = f"/model/image?request_id={face['request_id']}"
    assert curl(huhu_mock_server, "GET", path)[1]["status"] == "Request Submitted"
    huhu_mock_server.advance(5)
    done = curl(huhu_mock_server, "GET", path)[1]
    assert done["status"] == "Generation Completed" and len(done["images_generated"]) == 4

    huhu_mock_server.set_credits(1)
    status, refused = curl(huhu_mock_server, "POST", "/model/face", {"prompt": "x", "num_output_images": 2})
    assert (status, refused["code"], refused["credits_required"]) == (402, "insufficient_credits", 2)
    assert len(huhu_mock_server.state()["ledger"]) == 1

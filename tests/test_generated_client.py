"""The generated client parses the reference's example answers, field by field (respx-mocked)."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
import respx
from huhu_client import AuthenticatedClient
from huhu_client.api.metering import get_credit_history, get_plan
from huhu_client.api.models import get_models
from huhu_client.api.projects import get_projects
from huhu_client.api.tasks import get_tasks
from huhu_client.api.upscale import create_upscale, get_upscale
from huhu_client.models import (
    CreditHistoryPage,
    Error,
    ModelImageList,
    ModelList,
    Plan,
    ProjectDetail,
    ProjectList,
    TaskDetail,
    TaskList,
    UpscaleRequest,
    UpscaleStatus,
    UpscaleSubmitted,
)
from huhu_client.types import UNSET

BASE = "https://api.huhu.ai/public/v1"
KEY = "sk-" + "0123456789abcdef" * 3


@pytest.fixture
def client() -> AuthenticatedClient:
    return AuthenticatedClient(base_url=BASE, token=KEY)


@pytest.fixture
def api() -> Iterator[respx.MockRouter]:
    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        yield router


# `credits` shadows a builtin, so the generator names the attribute `credits_` (JSON key unchanged).
def test_plan(client: AuthenticatedClient, api: respx.MockRouter) -> None:
    route = api.get("/metering/plan").respond(
        json={
            "credits": 99999,
            "plan_status": "free",
            "concurrent_requests": 10,
            "plan_name": None,
            "subscription_id": None,
        }
    )
    plan = get_plan.sync(client=client)
    assert isinstance(plan, Plan)
    assert (plan.credits_, plan.plan_status, plan.concurrent_requests) == (99999, "free", 10)
    assert plan.plan_name is None and plan.subscription_id is None
    assert route.calls.last.request.headers["Authorization"] == f"Bearer {KEY}"


def test_credit_history(client: AuthenticatedClient, api: respx.MockRouter) -> None:
    route = api.get("/metering/credit-history").respond(
        json={
            "items": [
                {
                    "program_id": "xxx",
                    "request_id": "xxx",
                    "credits": 1,
                    "timestamp": 1773702421471,
                    "operation": "model_gen",
                }
            ],
            "pagination_token": None,
        }
    )
    page = get_credit_history.sync(client=client, fetch_all=True, pagination_token="tok")
    assert isinstance(page, CreditHistoryPage)
    assert page.pagination_token is None
    [item] = page.items
    assert (item.program_id, item.request_id, item.credits_, item.timestamp, item.operation) == (
        "xxx",
        "xxx",
        1,
        1773702421471,
        "model_gen",
    )
    params = route.calls.last.request.url.params
    assert params["fetch_all"] == "true" and params["pagination_token"] == "tok"


def test_project_list_vs_detail_union(client: AuthenticatedClient, api: respx.MockRouter) -> None:
    api.get("/project", params={"project_id": "xxx"}).respond(
        json={
            "project_id": "xxx",
            "project_name": "Spring",
            "project_status": "Created",
            "create_time": 1773702421471,
        }
    )
    api.get("/project").respond(
        json={
            "projects": [{"project_id": "xxx", "project_name": "Spring", "project_status": "Created"}],
            "pagination_token": None,
        }
    )
    detail = get_projects.sync(client=client, project_id="xxx")
    assert isinstance(detail, ProjectDetail)
    assert (detail.project_id, detail.project_name, detail.project_status, detail.create_time) == (
        "xxx",
        "Spring",
        "Created",
        1773702421471,
    )
    listing = get_projects.sync(client=client)
    assert isinstance(listing, ProjectList)
    [summary] = listing.projects
    assert (summary.project_id, summary.project_name, summary.project_status) == ("xxx", "Spring", "Created")
    assert listing.pagination_token is None


def test_model_list_vs_images_union(client: AuthenticatedClient, api: respx.MockRouter) -> None:
    api.get("/model", params={"model_id": "xxx"}).respond(
        json={
            "model_images": [
                {
                    "model_image_id": "...",
                    "model_image_url": "https://...",
                    "model_id": "xxx",
                    "style_id": "yyy",
                    "view_type": "front_facing",
                    "crop_type": "fullbody",
                }
            ]
        }
    )
    api.get("/model").respond(
        json={
            "models": [
                {
                    "model_id": "xxx",
                    "model_name": "Dae Nakamura",
                    "model_type": "Women",
                    "attributes": {
                        "ethnicity": "East Asian",
                        "age_range": "Young Adult",
                        "hair_color": "Black",
                        "skin_tone": "Light",
                    },
                }
            ]
        }
    )
    images = get_models.sync(client=client, model_id="xxx")
    assert isinstance(images, ModelImageList)
    [image] = images.model_images
    assert (image.model_image_id, image.model_image_url, image.model_id, image.style_id) == (
        "...",
        "https://...",
        "xxx",
        "yyy",
    )
    assert (image.view_type, image.crop_type) == ("front_facing", "fullbody")
    models = get_models.sync(client=client, ethnicity="East Asian")
    assert isinstance(models, ModelList)
    [model] = models.models
    assert (model.model_id, model.model_name, model.model_type) == ("xxx", "Dae Nakamura", "Women")
    assert not isinstance(model.attributes, type(UNSET))
    assert (model.attributes.ethnicity, model.attributes.age_range) == ("East Asian", "Young Adult")
    assert (model.attributes.hair_color, model.attributes.skin_tone) == ("Black", "Light")


def test_task_list_vs_detail_union(client: AuthenticatedClient, api: respx.MockRouter) -> None:
    api.get("/task", params={"task_id": "xxx"}).respond(
        json={
            "task_id": "xxx",
            "task_status": "Generation completed",
            "output": [{"image_id": "xxx", "image_url": "https://..."}],
        }
    )
    api.get("/task").respond(
        json={
            "skus": [
                {
                    "sku_name": "Blue Dress",
                    "tasks": [{"task_id": "xxx", "task_status": "Generation completed"}],
                }
            ]
        }
    )
    detail = get_tasks.sync(client=client, project_id="p", sku_id="s", task_id="xxx")
    assert isinstance(detail, TaskDetail)
    assert (detail.task_id, detail.task_status) == ("xxx", "Generation completed")
    assert [(o.image_id, o.image_url) for o in detail.output] == [("xxx", "https://...")]
    listing = get_tasks.sync(client=client)
    assert isinstance(listing, TaskList)
    [sku] = listing.skus
    assert sku.sku_name == "Blue Dress"
    assert [(t.task_id, t.task_status) for t in sku.tasks] == [("xxx", "Generation completed")]


def test_upscale_submit_and_poll(client: AuthenticatedClient, api: respx.MockRouter) -> None:
    submit = api.post("/upscale").respond(
        json={"status": "success", "request_id": "req-upscale-123", "cost": 2}
    )
    api.get("/upscale", params={"request_id": "req-upscale-123"}).respond(
        json={
            "request_id": "req-upscale-123",
            "status": "success",
            "result_urls": ["https://...upscaled.png"],
        }
    )
    submitted = create_upscale.sync(client=client, body=UpscaleRequest(image="aGVsbG8=", upscale_factor=4.0))
    assert isinstance(submitted, UpscaleSubmitted)
    assert (submitted.status, submitted.request_id, submitted.cost) == ("success", "req-upscale-123", 2)
    assert httpx.Response(200, content=submit.calls.last.request.content).json() == {
        "image": "aGVsbG8=",
        "upscale_factor": 4.0,
        "num_images": 1,  # the generator fills in the spec's default
    }
    status = get_upscale.sync(client=client, request_id="req-upscale-123")
    assert isinstance(status, UpscaleStatus)
    assert (status.request_id, status.status, status.result_urls) == (
        "req-upscale-123",
        "success",
        ["https://...upscaled.png"],
    )


def test_declared_errors_parse_as_error_bodies(client: AuthenticatedClient, api: respx.MockRouter) -> None:
    api.get("/metering/plan").respond(
        429, json={"detail": "all 10 slots busy", "code": "rate_limited"}, headers={"Retry-After": "3"}
    )
    resp = get_plan.sync_detailed(client=client)
    assert resp.status_code == 429
    assert isinstance(resp.parsed, Error)
    assert (resp.parsed.detail, resp.parsed.code) == ("all 10 slots busy", "rate_limited")
    assert resp.headers["Retry-After"] == "3"

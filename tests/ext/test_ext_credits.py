"""The estimator prices from the spec's x-huhu-credits; ensure_credits refuses before anything is spent."""

from __future__ import annotations

import pytest
import respx
from ext_support import plan_json
from huhu_client.api.tasks import generate_tasks
from huhu_client.api.upscale import create_upscale
from huhu_client.models import GenerateTasksRequest, Plan

from huhu_ext import CostEstimate, Huhu, InsufficientCreditsError, estimate, price
from huhu_ext.credits import Planned


def test_three_tasks_times_two_images_cost_twelve() -> None:
    body = {"project_id": "p", "task_ids": ["t1", "t2", "t3"], "num_output_images": 2}
    result = estimate([("generate_tasks", body)])
    assert result.total == 12 == int(result)
    [item] = result.items
    assert (item.operation_id, item.credits, item.price_item) == (
        "generate_tasks",
        12,
        "Image Generation (HD) / Same-ID",
    )
    assert price("generate_tasks", body) == 12  # the same function the mock charges through


def test_mixed_plan_with_defaults_models_and_free_operations() -> None:
    planned: list[Planned] = [
        (generate_tasks, GenerateTasksRequest(project_id="p", task_ids=["a", "b"])),  # default 1 image: 4
        ("generate_face", {"prompt": "face", "num_output_images": 3}),  # 1 per image: 3
        ("create_model_image", {"model_id": "m", "style_id": "s", "image_url": "u"}),  # save mode: free
        ("create_model_image", {"prompt": "p"}),  # generate mode: 1
        ("generate_pose", {"prompt": "p", "reference_image": "r"}),  # 2
        (create_upscale, {"image": "x", "num_images": 2}),  # 2 per image: 4
        ("create_video", {"video_length": "5"}),  # 25
        ("create_video", {"video_length": "10"}),  # 40
        ("create_project", {"project_name": "free"}),  # 0
    ]
    result = estimate(planned)
    assert [i.credits for i in result.items] == [4, 3, 0, 1, 2, 4, 25, 40, 0]
    assert result.total == 79
    assert result.by_operation()["create_video"] == 65
    assert result.items[2].price_item is None


def test_unknown_operation() -> None:
    with pytest.raises(KeyError):
        estimate([("teleport", {})])


def test_ensure_credits_raises_before_any_post(huhu: Huhu, api: respx.MockRouter) -> None:
    api.get("/metering/plan").respond(200, json=plan_json(credits=10))
    submit = api.post("/task/generate").respond(200, json={"message": "success"})
    body = GenerateTasksRequest(project_id="p", task_ids=["t1", "t2", "t3"], num_output_images=2)
    planned = [(generate_tasks, body)]

    with pytest.raises(InsufficientCreditsError) as caught:
        huhu.ensure_credits(planned)
        huhu.call(generate_tasks, body=body)  # never reached

    assert submit.call_count == 0
    error = caught.value
    assert (error.credits_required, error.credits_available, error.status) == (12, 10, 402)
    assert "12 credits" in str(error) and "balance is 10" in str(error)


def test_ensure_credits_passes_and_returns_the_plan(huhu: Huhu, api: respx.MockRouter) -> None:
    plan_route = api.get("/metering/plan").respond(200, json=plan_json(credits=12))
    estimate_ = huhu.estimate(
        [("generate_tasks", {"project_id": "p", "task_ids": ["a", "b", "c"], "num_output_images": 2})]
    )
    assert isinstance(estimate_, CostEstimate)
    plan = huhu.ensure_credits(estimate_)
    assert isinstance(plan, Plan) and plan.credits_ == 12
    assert huhu.ensure_credits(0).credits_ == 12
    with pytest.raises(InsufficientCreditsError):
        huhu.ensure_credits(13, program_id="prog-1")
    assert plan_route.calls.last.request.url.params["program_id"] == "prog-1"
    with pytest.raises(ValueError):
        huhu.ensure_credits(-1)

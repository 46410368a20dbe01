"""Statuses are open strings whose meaning lives in the spec's ``x-huhu-lifecycle`` data.

The generated client parses any status; waiters treat an unknown one as still running (logged once);
a status added to a copy of the spec changes what the waiters and the mock do, with no code change.
"""

from __future__ import annotations

import logging
from typing import Any

import httpx
import pytest
from fidelity_support import FakeClock, client_on, lifecycle_data, png_b64, spec_copy, use_spec
from huhu_client.models import (
    GenerationStatus,
    ProjectDetail,
    TaskDetail,
    TaskList,
    UpscaleStatus,
    VideoRequestList,
)

from huhu_ext import JobFailedError, PollTimeoutError
from huhu_ext.spec import DONE, FAILED, IDLE, RUNNING, Spec, lifecycle, load_spec
from mock_server import DEFAULT_API_KEY
from mock_server.models import HuhuBackend

LIFECYCLES = {
    "TaskStatus": "task_status",
    "ProjectStatus": "project_status",
    "GenerationRequestStatus": "generation_status",
    "UpscaleRequestStatus": "upscale_status",
    "VideoRequestStatus": "video_status",
}


def test_task_lifecycle_from_the_spec() -> None:
    life = lifecycle("task_status")
    # The reference's lifecycle line, plus the POST /task status and the invented failure.
    assert life.states[:2] == ("Created", "Task created")
    assert life.idle == {"Created", "Task created"}
    assert life.running == {"Submitted", "Generation"}
    assert life.done == {"Generation completed", "Editing", "Review", "Approved"}
    assert life.failed == {"Generation failed"}
    assert life.labels["Generation failed"] == "invented" and life.labels["Created"] == "documented"
    assert life.state("created") == "Task created" and life.state("completed") == "Generation completed"
    assert life.allows("Created", "Submitted") and life.allows("Generation", "Generation failed")
    assert not life.allows("Task created", "Generation completed")
    assert life.admin_targets == ("Editing", "Review", "Approved")
    assert life.admin_allows("Generation completed", "Approved")
    assert not life.admin_allows("Submitted", "Approved")


@pytest.mark.parametrize(("schema", "name"), sorted(LIFECYCLES.items()))
def test_every_lifecycle_is_consistent_and_its_field_an_open_string(schema: str, name: str) -> None:
    spec = load_spec()
    status_schema = spec.document["components"]["schemas"][schema]
    assert status_schema["type"] == "string" and "enum" not in status_schema
    life = spec.lifecycle(name)
    assert set(life.phases.values()) <= {IDLE, RUNNING, DONE, FAILED}
    assert life.done and life.running
    assert set(life.roles.values()) <= set(life.states)
    for source, targets in life.transitions.items():
        assert source in life.states and targets <= set(life.states)
    for source, target in life.admin_transitions:
        assert source in life.states and target in life.states
    assert set(life.labels.values()) <= {"documented", "inferred", "invented"}


def test_no_status_field_of_the_spec_is_a_closed_enum() -> None:
    for name, schema in load_spec().document["components"]["schemas"].items():
        for prop, value in schema.get("properties", {}).items():
            if prop in ("status", "task_status", "project_status", "request_status"):
                # a lifecycle, or a plain acknowledgement string ("success" of POST /pose, /upscale)
                ref = value.get("$ref", "").rsplit("/", 1)[-1]
                assert ref in LIFECYCLES or value == {"type": "string"}, (name, prop)


def test_generated_client_parses_unknown_statuses() -> None:
    tasks = TaskList.from_dict(
        {"skus": [{"sku_name": "Blue Dress", "tasks": [{"task_id": "t1", "task_status": "Quality check"}]}]}
    )
    assert tasks.skus[0].tasks[0].task_status == "Quality check"
    detail = TaskDetail.from_dict({"task_id": "t1", "task_status": "Created", "output": []})
    assert detail.task_status == "Created"
    assert GenerationStatus.from_dict({"status": "Queued", "images_generated": []}).status == "Queued"
    upscale = UpscaleStatus.from_dict({"request_id": "u1", "status": "queued", "result_urls": []})
    assert upscale.status == "queued"
    videos = VideoRequestList.from_dict({"requests": [{"request_status": "Rendering", "duration": "7"}]})
    assert videos.requests[0].request_status == "Rendering" and videos.requests[0].duration == "7"
    project = ProjectDetail.from_dict(
        {"project_id": "p", "project_name": "n", "project_status": "Archived", "create_time": 1}
    )
    assert project.project_status == "Archived"


def _task_api(statuses: list[str]) -> tuple[Any, list[httpx.Request]]:
    """GET /task answering the next list status each poll (then the last), and details on demand."""
    lists: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        assert request.url.path.endswith("/task")
        if "task_id" in request.url.params:
            status = statuses[min(len(lists), len(statuses)) - 1]
            return httpx.Response(200, json={"task_id": "t1", "task_status": status, "output": []})
        status = statuses[min(len(lists), len(statuses) - 1)]
        lists.append(request)
        sku = {"sku_name": "Blue Dress", "sku_id": "s1", "project_id": "p1"}
        return httpx.Response(
            200, json={"skus": [sku | {"tasks": [{"task_id": "t1", "task_status": status}]}]}
        )

    return handler, lists


def test_task_waiter_keeps_polling_an_unknown_status_and_logs_it_once(
    caplog: pytest.LogCaptureFixture,
) -> None:
    handler, lists = _task_api(
        ["Quality check 1", "Quality check 1", "Quality check 1", "Generation completed"]
    )
    clock = FakeClock()
    with caplog.at_level(logging.WARNING, logger="huhu_ext.lifecycle"), client_on(handler, clock) as huhu:
        results = huhu.wait_for_tasks(["t1"], project_id="p1")
    assert results["t1"].task_status == "Generation completed"
    assert len(lists) == 4 and clock.sleeps == [5.0, 5.0, 5.0]
    warnings = [r.getMessage() for r in caplog.records if "Quality check 1" in r.getMessage()]
    assert len(warnings) == 1 and "treated as still running" in warnings[0]


def test_upscale_waiter_keeps_polling_an_unknown_status(caplog: pytest.LogCaptureFixture) -> None:
    answers = iter(["queued-xyz", "queued-xyz", "success"])

    def handler(request: httpx.Request) -> httpx.Response:
        status = next(answers)
        urls = ["https://cdn.example/u.png"] if status == "success" else []
        return httpx.Response(200, json={"request_id": "u1", "status": status, "result_urls": urls})

    clock = FakeClock()
    with caplog.at_level(logging.WARNING, logger="huhu_ext.lifecycle"), client_on(handler, clock) as huhu:
        done = huhu.wait_for_upscale("u1")
    assert done.result_urls == ["https://cdn.example/u.png"] and clock.sleeps == [5.0, 5.0]
    assert next(r for r in caplog.records if "queued-xyz" in r.getMessage()).levelno == logging.WARNING
    assert sum("queued-xyz" in r.getMessage() for r in caplog.records) == 1


def _new_task_statuses(document: dict[str, Any]) -> None:
    life = lifecycle_data(document, "TaskStatus")
    life["states"]["Delivered"] = {"phase": "done", "label": "invented", "note": "test"}
    life["states"]["Rejected"] = {"phase": "failed", "label": "invented", "note": "test"}
    life["states"]["Archived"] = {"phase": "done", "label": "invented", "note": "test"}
    life["roles"]["completed"] = "Delivered"  # the mock now finishes a generation with "Delivered"
    life["roles"]["created"] = "Created"  # and names a new task as the reference's lifecycle line does
    life["transitions"]["Generation"].append("Delivered")
    life["transitions"]["Delivered"] = ["Submitted", "Archived"]
    life["admin_transitions"].append(["Delivered", "Archived"])


def test_waiters_follow_a_status_added_to_the_spec(monkeypatch: pytest.MonkeyPatch) -> None:
    handler, lists = _task_api(["Submitted", "Delivered"])
    # The shipped spec does not know "Delivered": it is still running, until the deadline.
    with client_on(handler) as huhu, pytest.raises(PollTimeoutError):
        huhu.wait_for_tasks(["t1"], project_id="p1", timeout=30)
    use_spec(monkeypatch, spec_copy(_new_task_statuses))
    handler, lists = _task_api(["Submitted", "Delivered"])
    with client_on(handler) as huhu:
        assert huhu.wait_for_tasks(["t1"], project_id="p1")["t1"].task_status == "Delivered"
    assert len(lists) == 2
    handler, lists = _task_api(["Generation", "Rejected"])
    with client_on(handler) as huhu, pytest.raises(JobFailedError) as failed:
        huhu.wait_for_tasks(["t1"], project_id="p1")
    assert failed.value.failed == {"t1": "Rejected"}


def _call(backend: HuhuBackend, operation: str, **params: Any) -> dict[str, Any]:
    caller = backend.caller_for_key(DEFAULT_API_KEY, base_url="http://mock.test")
    answer: dict[str, Any] = backend.handle(operation, caller, params)
    return answer


def test_the_mock_follows_a_status_added_to_the_spec() -> None:
    spec = spec_copy(_new_task_statuses)
    backend = HuhuBackend(clock="manual", job_seconds=1, tryon_seconds=1, spec=spec)
    try:
        _call(backend, "create_project", project_name="lifecycle")
        project = _call(backend, "get_projects")["projects"][-1]["project_id"]
        _call(
            backend, "upload_project_file", project_id=project, file_type="garment_image", file_data=png_b64()
        )
        sku = _call(backend, "get_skus", project_id=project)["skus"][0]["sku_id"]
        _call(backend, "create_tasks", project_id=project, sku_ids=[sku])
        task = _call(backend, "get_tasks", project_id=project)["skus"][0]["tasks"][0]
        assert task["task_status"] == "Created"  # the role "created" now names the reference's state
        model = _call(backend, "get_models", model_type="Women")["models"][0]["model_id"]
        image = _call(backend, "get_models", model_id=model)["model_images"][0]["model_image_id"]
        _call(
            backend, "update_task", project_id=project, sku_id=sku, task_id=task["task_id"], model_image=image
        )
        _call(backend, "generate_tasks", project_id=project, task_ids=[task["task_id"]])
        backend.advance_clock(5)
        detail = _call(backend, "get_tasks", project_id=project, sku_id=sku, task_id=task["task_id"])
        assert detail["task_status"] == "Delivered"
        assert _call(backend, "get_projects", project_id=project)["project_status"] == "Completed"
        assert backend.set_task_status(task["task_id"], "Archived")["task_status"] == "Archived"
    finally:
        backend.close()


def test_spec_copy_leaves_the_shipped_spec_alone() -> None:
    spec_copy(_new_task_statuses)
    assert "Delivered" not in lifecycle("task_status").states
    assert isinstance(load_spec(), Spec)

"""Be liberal in what the client accepts: where the reference is silent, the client parses anyway.

Undocumented answers (POST /video, POST /project) require no field, open strings take any value,
and an error's typed exception depends only on its status code, whatever the body (any JSON or none).
"""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest
from fidelity_support import client_on
from huhu_client.api.models import create_model, get_models
from huhu_client.api.projects import create_project
from huhu_client.api.tasks import update_task
from huhu_client.api.video import create_video, list_video_requests
from huhu_client.models import (
    CreatedProject,
    CreateModelRequest,
    CreateProjectRequest,
    CreateVideoRequest,
    FirstFrameImageId,
    ModelAttributes,
    ModelList,
    UpdateTaskRequest,
    VideoSubmitted,
)
from huhu_client.types import UNSET

from huhu_ext import (
    AuthenticationError,
    InsufficientCreditsError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    ServerError,
    ValidationError,
)
from huhu_ext.errors import APIStatusError


def _answer(status: int, body: Any = None, *, content: bytes | None = None) -> Any:
    def handler(request: httpx.Request) -> httpx.Response:
        if content is not None:
            return httpx.Response(status, content=content)
        return httpx.Response(status, json=body)

    return handler


def _video_body() -> CreateVideoRequest:
    return CreateVideoRequest(
        project_id="p1",
        sku_id="s1",
        video_length="5",  # type: ignore[arg-type]
        prompt="turn",
        first_frame_image=FirstFrameImageId(image_id="img"),
    )


def test_post_video_answered_message_success_parses() -> None:
    with client_on(_answer(200, {"message": "success"})) as huhu:
        answer = huhu.call(create_video, body=_video_body())
    assert isinstance(answer, VideoSubmitted)
    assert answer.message == "success" and answer.request_id is UNSET


def test_post_project_answered_message_success_parses() -> None:
    with client_on(_answer(200, {"message": "success"})) as huhu:
        answer = huhu.call(create_project, body=CreateProjectRequest(project_name="Spring"))
    assert isinstance(answer, CreatedProject) and answer.project_id is UNSET


def test_put_task_answered_an_empty_object_parses() -> None:
    with client_on(_answer(200, {})) as huhu:
        huhu.call(update_task, body=UpdateTaskRequest(project_id="p", task_id="t", sku_id="s"))


def test_video_request_without_request_id_parses() -> None:
    page = {"requests": [{"request_status": "Generation completed", "video_url": None, "duration": "5"}]}
    with client_on(_answer(200, page)) as huhu:
        listed = huhu.call(list_video_requests)
    assert listed.requests[0].request_id is UNSET


def test_model_attributes_outside_the_listed_values_parse_and_are_sent() -> None:
    models = {
        "models": [
            {
                "model_id": "m1",
                "model_name": "Ana",
                "model_type": "Teen",
                "model_size": "Tall",
                "attributes": {"age_range": "Adult", "skin_tone": "Porcelain", "ethnicity": "Nordic"},
            }
        ]
    }
    sent: list[Any] = []

    def handler(request: httpx.Request) -> httpx.Response:
        if request.method == "POST":
            sent.append(json.loads(request.content))
            return httpx.Response(200, json={"success": True, "model_id": "m2"})
        return httpx.Response(200, json=models)

    with client_on(handler) as huhu:
        listed = huhu.call(get_models)
        assert isinstance(listed, ModelList)
        model = listed.models[0]
        assert (model.model_type, model.model_size) == ("Teen", "Tall")
        assert isinstance(model.attributes, ModelAttributes) and model.attributes.age_range == "Adult"
        body = CreateModelRequest(model_name="Ana", attributes=ModelAttributes(age_range="Adult"))
        huhu.call(create_model, body=body)
    assert sent == [{"model_name": "Ana", "attributes": {"age_range": "Adult"}}]


@pytest.mark.parametrize(
    ("status", "error"),
    [
        (401, AuthenticationError),
        (402, InsufficientCreditsError),
        (403, PermissionDeniedError),
        (404, NotFoundError),
        (422, ValidationError),
        (429, RateLimitError),
        (500, ServerError),
    ],
)
@pytest.mark.parametrize(
    ("body", "content"),
    [
        ({"detail": [{"loc": ["body", "prompt"], "msg": "field required", "type": "missing"}]}, None),
        ({"error": {"message": "nope", "type": "invalid_request"}}, None),
        (["not", "an", "object"], None),
        ("just a string", None),
        (None, b""),
        (None, b"<html>Bad Gateway</html>"),
        ({"detail": "plain", "code": "some_new_code", "errors": [{"where": "?"}]}, None),
    ],
    ids=["fastapi-422", "other-object", "array", "string", "no-body", "html", "odd-fields"],
)
def test_typed_errors_depend_only_on_the_status_code(
    status: int, error: type[APIStatusError], body: Any, content: bytes | None
) -> None:
    handler = _answer(status, body, content=content)
    with client_on(handler) as huhu, pytest.raises(error) as caught:
        huhu.call(get_models)
    assert type(caught.value) is error and caught.value.status == status
    assert caught.value.message  # always something to show

"""Every error status maps to its exception, carrying the server's message, method, path and Retry-After."""

from __future__ import annotations

import httpx
import pytest
import respx
from ext_support import BASE, KEY, error_json
from huhu_client.api.metering import get_plan
from huhu_client.api.models import generate_face
from huhu_client.api.tasks import get_tasks
from huhu_client.models import GenerateFaceRequest

from huhu_ext import (
    AmbiguousRequestError,
    APIConnectionError,
    APIStatusError,
    AuthenticationError,
    Huhu,
    HuhuError,
    InsufficientCreditsError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    ServerError,
    UnexpectedResponseError,
    ValidationError,
)


@pytest.mark.parametrize(
    ("status", "code", "cls"),
    [
        (401, "unauthorized", AuthenticationError),
        (402, "insufficient_credits", InsufficientCreditsError),
        (403, "forbidden", PermissionDeniedError),
        (404, "not_found", NotFoundError),
        (422, "validation_error", ValidationError),
        (429, "rate_limited", RateLimitError),
        (500, "internal_error", ServerError),
    ],
)
def test_status_maps_to_exception(
    huhu: Huhu, api: respx.MockRouter, status: int, code: str, cls: type[APIStatusError]
) -> None:
    message = f"server says {status}"
    api.get("/task").respond(status, json=error_json(message, code), headers={"Retry-After": "1"})
    with pytest.raises(cls) as caught:
        huhu.call(get_tasks, project_id="proj-1", task_id="task-1", sku_id="sku-1")
    error = caught.value
    assert isinstance(error, APIStatusError) and isinstance(error, HuhuError)
    assert (error.status, error.message, error.method, error.path, error.code) == (
        status,
        message,
        "GET",
        "/public/v1/task",
        code,
    )
    assert error.retry_after == 1.0
    text = str(error)
    assert f"HTTP {status}" in text and message in text and "GET /public/v1/task" in text
    assert "proj-1" not in text and "?" not in text  # the path never carries the query string


def test_validation_error_carries_field_errors(huhu: Huhu, api: respx.MockRouter) -> None:
    api.post("/model/face").respond(
        422,
        json=error_json(
            "Validation failed",
            "validation_error",
            errors=[{"field": "body.num_output_images", "message": "must be <= 4"}],
        ),
    )
    with pytest.raises(ValidationError) as caught:
        huhu.call(generate_face, body=GenerateFaceRequest(prompt="a face", num_output_images=9))
    [field] = caught.value.errors
    assert (field.field, field.message) == ("body.num_output_images", "must be <= 4")
    assert "body.num_output_images: must be <= 4" in str(caught.value)
    assert caught.value.method == "POST" and caught.value.path == "/public/v1/model/face"


def test_402_carries_required_and_available(huhu: Huhu, api: respx.MockRouter) -> None:
    api.post("/model/face").respond(
        402,
        json=error_json(
            "Insufficient credits: 4 required, 1 available",
            "insufficient_credits",
            credits_required=4,
            credits_available=1,
        ),
    )
    with pytest.raises(InsufficientCreditsError) as caught:
        huhu.call(generate_face, body=GenerateFaceRequest(prompt="a face", num_output_images=4))
    assert (caught.value.credits_required, caught.value.credits_available) == (4, 1)


def test_non_json_error_body_still_typed(huhu: Huhu, api: respx.MockRouter) -> None:
    api.get("/metering/plan").respond(403, text="<html>Forbidden by proxy</html>")
    with pytest.raises(PermissionDeniedError) as caught:
        huhu.call(get_plan)
    assert caught.value.message == "<html>Forbidden by proxy</html>"
    assert caught.value.path == "/public/v1/metering/plan"


def test_undeclared_status_is_api_status_error(huhu: Huhu, api: respx.MockRouter) -> None:
    api.get("/metering/plan").respond(405, json=error_json("Method not allowed", "method_not_allowed"))
    with pytest.raises(APIStatusError) as caught:
        huhu.call(get_plan)
    assert type(caught.value) is APIStatusError
    assert (caught.value.status, caught.value.message) == (405, "Method not allowed")


def test_2xx_body_out_of_contract(huhu: Huhu, api: respx.MockRouter) -> None:
    api.get("/metering/plan").respond(200, json={"unexpected": True})
    with pytest.raises(UnexpectedResponseError) as caught:
        huhu.call(get_plan)
    assert caught.value.status == 200 and caught.value.path == "/public/v1/metering/plan"


def test_server_echoing_the_key_is_redacted(huhu: Huhu, api: respx.MockRouter) -> None:
    api.get("/metering/plan").respond(401, json=error_json(f"Invalid API key {KEY}", "unauthorized"))
    with pytest.raises(AuthenticationError) as caught:
        huhu.call(get_plan)
    assert KEY not in str(caught.value) and KEY not in repr(caught.value)
    assert KEY not in caught.value.message and "[REDACTED]" in caught.value.message


def test_connection_failure_on_get_after_retries(huhu: Huhu, api: respx.MockRouter) -> None:
    route = api.get("/metering/plan").mock(side_effect=httpx.ConnectError("connection refused"))
    with pytest.raises(APIConnectionError) as caught:
        huhu.call(get_plan)
    assert route.call_count == 3  # first attempt + max_retries=2
    assert (caught.value.method, caught.value.path) == ("GET", "/public/v1/metering/plan")
    assert "ConnectError" in str(caught.value)


def test_post_500_with_html_body_is_ambiguous_with_the_server_error_as_cause(
    huhu: Huhu, api: respx.MockRouter
) -> None:
    route = api.post("/model/face").respond(500, text="<html>upstream crashed</html>")
    with pytest.raises(AmbiguousRequestError) as caught:
        huhu.call(generate_face, body=GenerateFaceRequest(prompt="a face"))
    assert route.call_count == 1
    assert caught.value.status == 500 and "face_gen" in str(caught.value)
    cause = caught.value.__cause__
    assert isinstance(cause, ServerError) and cause.message == "<html>upstream crashed</html>"


def test_a_key_that_is_not_hex_is_redacted_too(api: respx.MockRouter) -> None:
    odd_key = "sk-test-NOT-HEX-but-secret"
    api.get("/metering/plan").respond(401, json=error_json(f"unknown key {odd_key}", "unauthorized"))
    with Huhu(odd_key) as huhu, pytest.raises(AuthenticationError) as caught:
        huhu.call(get_plan)
    assert odd_key not in str(caught.value) and "[REDACTED]" in str(caught.value)


def test_typed_errors_even_with_a_replaced_httpx_client(huhu: Huhu, api: respx.MockRouter) -> None:
    # Without our response hook, the error is built from the generated Response and the spec's path.
    huhu.client.set_httpx_client(httpx.Client(base_url=BASE))
    api.get("/task").respond(404, json=error_json("Task not found", "not_found"))
    with pytest.raises(NotFoundError) as caught:
        huhu.call(get_tasks, project_id="p", sku_id="s", task_id="t")
    assert (caught.value.message, caught.value.method, caught.value.path) == (
        "Task not found",
        "GET",
        "/task",
    )

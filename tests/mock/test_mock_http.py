"""HTTP tests of mock_server.app through Flask's test client, in strict mode: every public answer is
checked against openapi.json, and any exception inside the mock fails the test."""

from __future__ import annotations

import io
import time
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest
from flask import Flask
from flask.testing import FlaskClient
from mock_support import DEFAULT_KEY, b64, garment_zip, png
from PIL import Image
from werkzeug.test import TestResponse

import mock_server.app
from huhu_ext.spec import load_spec
from mock_server import HuhuBackend, create_app
from mock_server.app import backend_of
from mock_server.validation import ResponseValidationError

API = "/public/v1"
AUTH = {"Authorization": f"Bearer {DEFAULT_KEY}"}


class Client:
    """A test client that records which spec operations it called."""

    def __init__(self, app: Flask) -> None:
        self.app = app
        self.http: FlaskClient = app.test_client()
        self.called: set[tuple[str, str]] = set()

    @property
    def backend(self) -> HuhuBackend:
        return backend_of(self.app)

    def api(self, method: str, path: str, *, key: str | None = DEFAULT_KEY, **kwargs: Any) -> TestResponse:
        headers = dict(kwargs.pop("headers", {}))
        if key is not None:
            headers["Authorization"] = f"Bearer {key}"
        self.called.add((method.upper(), path))
        return self.http.open(API + path, method=method, headers=headers, **kwargs)

    def ok(self, method: str, path: str, **kwargs: Any) -> Any:
        response = self.api(method, path, **kwargs)
        assert response.status_code == 200, response.get_json()
        return response.get_json()

    def admin(self, method: str, path: str, body: Any = None) -> TestResponse:
        return self.http.open("/_mock" + path, method=method, json=body)

    def state(self) -> dict[str, Any]:
        state = self.admin("GET", "/state").get_json()
        assert isinstance(state, dict)
        return {k: v for k, v in state.items() if k != "now"}

    def get_url(self, url: str) -> TestResponse:
        parts = urlsplit(url)
        return self.http.get(parts.path, query_string=parts.query)


@pytest.fixture
def client() -> Iterator[Client]:
    backend = HuhuBackend(clock="manual", page_size=2, part_size=512, extras=True)  # reads mock-only fields
    yield Client(create_app(backend, strict=True))
    backend.close()


def assert_error(response: TestResponse, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.data
    assert response.mimetype == "application/json"
    body = response.get_json()
    assert body["code"] == code and isinstance(body["detail"], str) and body["detail"]
    return dict(body)


def garment_project(c: Client) -> tuple[str, str, str]:
    """(project, sku, front task with a gallery model image set)."""
    project = c.ok("POST", "/project", json={"project_name": "Spring"})["project_id"]
    sku = c.ok(
        "POST",
        "/project/upload",
        json={"project_id": project, "file_type": "garment_image", "file_data": b64(png())},
    )["sku_id"]
    c.ok("POST", "/task", json={"project_id": project, "sku_ids": [sku]})
    task = c.ok("GET", "/task", query_string={"project_id": project})["skus"][0]["tasks"][0]["task_id"]
    model = c.ok("GET", "/model")["models"][0]["model_id"]
    image = c.ok("GET", "/model", query_string={"model_id": model})["model_images"][0]["model_image_id"]
    c.ok("PUT", "/task", json={"project_id": project, "sku_id": sku, "task_id": task, "model_image": image})
    return project, sku, task


def test_every_operation_answers_within_the_spec(client: Client) -> None:
    c = client
    assert c.admin("POST", "/credits", {"api_key": DEFAULT_KEY, "credits": 1000}).status_code == 200
    c.ok("GET", "/metering/plan")
    program = c.ok("POST", "/program", json={"program_name": "Brand"})["program_id"]
    c.ok("GET", "/program", query_string={"owned": "true"})
    project, sku, task = garment_project(c)
    c.ok("GET", "/project")
    c.ok("GET", "/project", query_string={"project_id": project})
    zipped = garment_zip()
    init = c.ok(
        "POST",
        "/project/upload",
        json={"project_id": project, "file_type": "sku_zip", "file_size": len(zipped)},
    )
    parts = []
    for n, url in enumerate(init["upload_urls"]):
        chunk = zipped[n * init["part_size"] : (n + 1) * init["part_size"]]
        put = c.http.put(urlsplit(url).path, query_string=urlsplit(url).query, data=chunk)
        assert put.status_code == 200 and put.headers["ETag"].startswith('"')
        parts.append({"PartNumber": n + 1, "ETag": put.headers["ETag"]})
    body = {"project_id": project, "key": init["key"], "upload_id": init["upload_id"], "parts": parts}
    c.ok("POST", "/project/complete_multipart_upload", json=body)
    c.ok("GET", "/sku", query_string={"project_id": project})
    c.ok("GET", "/sku", query_string={"project_id": project, "sku_id": sku})
    c.ok("PUT", "/sku", json={"sku_ids": [sku], "style_id": "st", "garment_type": "Full body"})
    model = c.ok(
        "POST",
        "/model",
        json={"model_name": "Own", "model_type": "Women", "attributes": {"age_range": "Senior"}},
    )
    c.ok("GET", "/model", query_string={"age_range": "Senior"})
    face = c.ok("POST", "/model/face", json={"prompt": "a face", "num_output_images": 2})
    image = c.ok("POST", "/model/image", json={"prompt": "a photo"})
    gallery_image = c.ok(
        "GET", "/model", query_string={"model_id": c.ok("GET", "/model")["models"][0]["model_id"]}
    )
    reference = gallery_image["model_images"][0]["model_image_id"]
    pose = c.ok("POST", "/model/pose", json={"prompt": "walking", "reference_image": reference})
    library = c.ok("GET", "/pose/library", query_string={"model_category": "Men"})
    created = c.ok(
        "POST",
        "/pose",
        json={"reference_image": library["poses"][0]["reference_image_url"], "pose_title": "Mine"},
    )
    c.ok("GET", "/pose")
    c.ok("GET", "/pose", query_string={"pose_id": created["pose_id"]})
    c.ok("POST", "/task/generate", json={"project_id": project, "task_ids": [task]})
    upscale = c.ok("POST", "/upscale", json={"image": b64(png(40, 30)), "upscale_factor": 2})
    c.admin("POST", "/clock/advance", {"seconds": 10})
    for request in (face, image, pose):
        assert (
            c.ok("GET", "/model/image", query_string={"request_id": request["request_id"]})["status"]
            == "Generation Completed"
        )
    generated = c.ok("GET", "/model/image", query_string={"request_id": image["request_id"]})[
        "images_generated"
    ][0]
    save = {"model_id": model["model_id"], "style_id": "s", "image_url": generated["model_image_url"]}
    c.ok("POST", "/model/image", json=save)
    c.ok("GET", "/task")
    detail = c.ok("GET", "/task", query_string={"project_id": project, "sku_id": sku, "task_id": task})
    frame = {"image_id": detail["output"][0]["image_id"]}
    video = {
        "project_id": project,
        "sku_id": sku,
        "video_length": "10",
        "prompt": "turn",
        "first_frame_image": frame,
    }
    assert c.ok("POST", "/video", json=video)["cost"] == 40
    c.ok("GET", "/video/requests", query_string={"limit": "5"})
    assert c.ok("GET", "/upscale", query_string={"request_id": upscale["request_id"]})["status"] == "success"
    c.ok("GET", "/metering/credit-history", query_string={"program_id": program})
    c.ok("GET", "/metering/credit-history", query_string={"fetch_all": "true"})
    every = {(op.method, op.path) for op in load_spec().operations.values()}
    assert every - c.called == set()


def test_missing_malformed_unknown_and_revoked_keys_are_401(client: Client) -> None:
    team = client.admin("POST", "/teams", {"credits": 5}).get_json()
    assert client.ok("GET", "/metering/plan", key=team["api_key"])["credits"] == 5
    assert client.admin("POST", "/keys/revoke", {"api_key": team["api_key"]}).status_code == 200
    before = client.state()
    for key in (None, "sk-short", "sk-" + "AB" * 24 + "x", "sk-" + "12" * 24, team["api_key"]):
        response = client.api("POST", "/project", key=key, json={"project_name": "x"})
        body = assert_error(response, 401, "unauthorized")
        assert "12" * 24 not in body["detail"] and team["api_key"] not in body["detail"]
    assert_error(
        client.api("GET", "/metering/plan", key=None, headers={"Authorization": "Basic abc"}),
        401,
        "unauthorized",
    )
    assert client.state() == before


def test_insufficient_credits_is_402_with_amounts_and_nothing_changes(client: Client) -> None:
    client.admin("POST", "/credits", {"api_key": DEFAULT_KEY, "credits": 1})
    before = client.state()
    response = client.api("POST", "/model/face", json={"prompt": "x", "num_output_images": 2})
    body = assert_error(response, 402, "insufficient_credits")
    assert (body["credits_required"], body["credits_available"]) == (2, 1)
    assert client.state() == before


def test_another_teams_resources_are_403_and_nothing_changes(client: Client) -> None:
    other = client.admin("POST", "/teams", {}).get_json()
    project = client.ok("POST", "/project", key=other["api_key"], json={"project_name": "theirs"})[
        "project_id"
    ]
    before = client.state()
    assert_error(client.api("GET", "/project", query_string={"project_id": project}), 403, "forbidden")
    assert_error(
        client.api("POST", "/task", json={"project_id": project, "sku_ids": ["x"]}), 403, "forbidden"
    )
    assert_error(
        client.api("GET", "/metering/plan", query_string={"program_id": other["program_id"]}),
        403,
        "forbidden",
    )
    assert client.state() == before


def test_unknown_ids_are_404_and_nothing_changes(client: Client) -> None:
    project, _sku, _ = garment_project(client)
    before = client.state()
    assert_error(client.api("GET", "/project", query_string={"project_id": "nope"}), 404, "not_found")
    assert_error(
        client.api("GET", "/sku", query_string={"project_id": project, "sku_id": "nope"}), 404, "not_found"
    )
    assert_error(
        client.api("POST", "/task/generate", json={"project_id": project, "task_ids": ["nope"]}),
        404,
        "not_found",
    )
    assert_error(client.api("GET", "/upscale", query_string={"request_id": "nope"}), 404, "not_found")
    assert_error(client.api("GET", "/model", query_string={"model_id": "nope"}), 404, "not_found")
    assert client.state() == before


def test_validation_errors_are_422_naming_each_field_and_nothing_changes(client: Client) -> None:
    project, _, task = garment_project(client)
    before = client.state()
    cases: list[tuple[str, str, dict[str, Any], set[str]]] = [
        (
            "POST",
            "/task/generate",
            {"json": {"project_id": project, "task_ids": [task], "num_output_images": "3"}},
            {"body.num_output_images"},
        ),
        (
            "POST",
            "/task/generate",
            {"json": {"task_ids": [], "num_output_images": 9}},
            {"body.project_id", "body.task_ids", "body.num_output_images"},
        ),
        ("POST", "/project", {"data": b"{not json", "content_type": "application/json"}, {"body"}),
        ("POST", "/project", {"data": b"", "content_type": "application/json"}, {"body"}),
        ("POST", "/project", {"json": ["a", "list"]}, {"body"}),
        ("POST", "/project", {"data": b"\xff\xfe", "content_type": "application/json"}, {"body"}),
        ("POST", "/model/image", {"json": {"prompt": "x", "model_id": "m", "style_id": "s"}}, {"body"}),
        ("POST", "/model/image", {"json": {"model_id": "m"}}, {"body.style_id"}),
        ("POST", "/upscale", {"json": {"image": "x", "upscale_factor": 5}}, {"body.upscale_factor"}),
        (
            "POST",
            "/video",
            {
                "json": {
                    "project_id": project,
                    "sku_id": "s",
                    "video_length": 5,
                    "prompt": "p",
                    "first_frame_image": {},
                }
            },
            {"body.video_length", "body.first_frame_image"},
        ),
        ("GET", "/sku", {}, {"query.project_id"}),
        ("GET", "/video/requests", {"query_string": {"limit": "0"}}, {"query.limit"}),
        ("GET", "/program", {"query_string": {"owned": "maybe"}}, {"query.owned"}),
        ("GET", "/model", {"query_string": {"model_type": "Aliens"}}, {"query.model_type"}),
        (
            "POST",
            "/project/upload",
            {"json": {"project_id": project, "file_type": "garment_image", "file_data": "!!"}},
            {"body.file_data"},
        ),
        (
            "POST",
            "/project/upload",
            {"json": {"project_id": project, "file_type": "sku_zip"}},
            {"body.file_size"},
        ),
    ]
    for method, path, kwargs, fields in cases:
        body = assert_error(client.api(method, path, **kwargs), 422, "validation_error")
        assert {e["field"] for e in body["errors"]} == fields, (path, body)
    assert client.state() == before


def test_illegal_state_transitions_are_422(client: Client) -> None:
    project, _sku, task = garment_project(client)
    client.ok("POST", "/task/generate", json={"project_id": project, "task_ids": [task]})
    body = assert_error(
        client.api("POST", "/task/generate", json={"project_id": project, "task_ids": [task]}),
        422,
        "invalid_state",
    )
    assert (
        body["errors"][0]["field"] == "body.task_ids.0"
        and "already generating" in body["errors"][0]["message"]
    )


def test_busy_slots_are_429_with_retry_after_and_nothing_changes(client: Client) -> None:
    team = client.admin("POST", "/teams", {"credits": 100, "slots": 1}).get_json()
    client.ok("POST", "/model/face", key=team["api_key"], json={"prompt": "a"})
    before = client.state()
    response = client.api("POST", "/model/face", key=team["api_key"], json={"prompt": "b"})
    assert_error(response, 429, "rate_limited")
    assert response.headers["Retry-After"] == "2"
    assert client.state() == before


def test_unknown_routes_and_wrong_methods_are_json(client: Client) -> None:
    assert_error(client.http.get("/public/v1/nope"), 404, "not_found")
    assert_error(client.http.get("/"), 404, "not_found")
    assert_error(client.http.get("/_mock/nope"), 404, "not_found")
    response = client.http.delete(API + "/task", headers=AUTH)
    assert_error(response, 405, "method_not_allowed")
    assert set(response.headers["Allow"].split(", ")) >= {"GET", "POST", "PUT"}
    assert_error(client.http.patch("/_mock/reset"), 405, "method_not_allowed")


@pytest.mark.parametrize(
    "payload",
    [
        b"null",
        b"42",
        b'"text"',
        b"{}",
        b'{"a": {"b": [1, 2, {"c": null}]}}',
        b'{"project_id": 5, "sku_ids": "x"}',
        b"[" * 5000,
        b'{"project_id": "\\udc00", "prompt": "x\\ud800", "task_ids": ["\\ud800"]}',
        b'{"project_name": "a\xed\xa0\x80", "prompt": "\xed\xb0\x80"}',  # surrogates as raw UTF-8 bytes
        b'{"x": 1e999}',
        b"NaN",
    ],
)
def test_junk_bodies_never_give_500(client: Client, payload: bytes) -> None:
    for op in load_spec().operations.values():
        if op.method == "GET":
            continue
        response = client.api(op.method, op.path, data=payload, content_type="application/json")
        assert 400 <= response.status_code < 500, (op.path, response.status_code)
        assert response.get_json()["code"] in ("validation_error", "not_found", "invalid_state")


def test_junk_query_strings_never_give_500(client: Client) -> None:
    junk = {
        "project_id": "\u00e9\u2603",
        "limit": "-1",
        "fetch_all": "yes",
        "owned": "",
        "model_id": "x" * 3000,
        "pagination_token": "abc",
        "request_id": "",
        "task_id": "t",
    }
    for op in load_spec().operations.values():
        if op.method != "GET":
            continue
        response = client.api("GET", op.path, query_string=junk)
        assert response.status_code in (200, 403, 404, 422), (op.path, response.status_code)


def test_oversized_body_is_413(client: Client, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(mock_server.app, "MAX_JSON_BYTES", 1000)
    body = assert_error(
        client.api("POST", "/project", json={"project_name": "x" * 2000}), 413, "payload_too_large"
    )
    assert "1000 bytes" in body["detail"]


def test_injected_faults_come_before_auth_and_run_out(client: Client) -> None:
    client.admin(
        "POST",
        "/faults",
        {"path": "/metering/plan", "method": "GET", "status": 503, "count": 2, "retry_after": 3},
    )
    client.admin("POST", "/faults", {"path": "/public/v1/task/generate", "status": 429})
    for _ in range(2):
        response = client.http.get(API + "/metering/plan")  # no key: the fault comes first
        assert response.status_code == 503 and response.headers["Retry-After"] == "3"
        assert response.get_json()["code"] == "internal_error"
    assert client.ok("GET", "/metering/plan")["credits"] == 50
    limited = client.api("POST", "/task/generate", json={})
    assert limited.status_code == 429 and limited.headers["Retry-After"] == "1"
    client.admin("POST", "/faults", {"path": "/program", "latency_seconds": 0.2})
    started = time.monotonic()
    client.ok("GET", "/program")
    assert time.monotonic() - started >= 0.2
    client.admin("POST", "/faults", {"path": "/program", "status": 500, "count": 5})
    assert client.admin("DELETE", "/faults").status_code == 200
    client.ok("GET", "/program")


def test_admin_api_validates_its_input(client: Client) -> None:
    for path, body in [
        ("/teams", {"credits": -1}),
        ("/teams", {"unknown": 1}),
        ("/credits", {"credits": 5}),
        ("/faults", {"path": "/x", "status": 200}),
        ("/faults", {"path": "/x"}),
        ("/tasks/status", {"task_id": "t", "status": "Generation"}),
        ("/jobs/fail", {"kind": "laundry"}),
    ]:
        assert_error(client.admin("POST", path, body), 422, "validation_error")
    assert_error(client.http.post("/_mock/teams", data=b"{bad"), 422, "validation_error")
    assert_error(client.admin("POST", "/keys/revoke", {"api_key": "sk-" + "0" * 48}), 404, "not_found")
    assert_error(
        client.admin("POST", "/tasks/status", {"task_id": "t", "status": "Review"}), 404, "not_found"
    )
    assert_error(client.admin("POST", "/clock/advance", {"seconds": "soon"}), 422, "validation_error")


def test_admin_task_status_jobs_fail_share_and_state(client: Client) -> None:
    project, _sku, task = garment_project(client)
    assert client.admin("POST", "/jobs/fail", {"count": 1, "kind": "tryon"}).status_code == 200
    client.ok("POST", "/task/generate", json={"project_id": project, "task_ids": [task]})
    client.admin("POST", "/clock/advance", {"seconds": 5})
    assert (
        client.ok("GET", "/task", query_string={"project_id": project})["skus"][0]["tasks"][0]["task_status"]
        == "Generation failed"
    )
    assert client.ok("GET", "/metering/plan")["credits"] == 50
    client.ok("POST", "/task/generate", json={"project_id": project, "task_ids": [task]})
    client.admin("POST", "/clock/advance", {"seconds": 5})
    moved = client.admin("POST", "/tasks/status", {"task_id": task, "status": "Review"}).get_json()
    assert moved == {"task_id": task, "task_status": "Review"}
    other = client.admin("POST", "/teams", {}).get_json()
    me = client.ok("GET", "/program")["programs"][0]["program_id"]
    assert (
        client.admin("POST", "/programs/share", {"program_id": me, "team_id": other["team_id"]}).status_code
        == 200
    )
    shared = client.ok("GET", "/project", key=other["api_key"], query_string={"program_id": me})["projects"]
    assert [p["project_id"] for p in shared] == [project]
    state = client.admin("GET", "/state").get_json()
    assert "sk-" not in str(state) and state["tasks"][0]["task_status"] == "Review"
    assert client.admin("GET", "/clock").get_json()["clock"] == "manual"
    assert client.admin("POST", "/reset").status_code == 200
    assert client.ok("GET", "/project")["projects"] == []


def test_signed_download_urls(client: Client) -> None:
    project, sku, task = garment_project(client)
    client.ok(
        "POST", "/task/generate", json={"project_id": project, "task_ids": [task], "num_output_images": 2}
    )
    client.admin("POST", "/clock/advance", {"seconds": 5})
    outputs = client.ok("GET", "/task", query_string={"project_id": project, "sku_id": sku, "task_id": task})[
        "output"
    ]
    assert len(outputs) == 2
    download = client.get_url(outputs[0]["image_url"])
    assert download.status_code == 200 and download.mimetype == "image/png"
    assert Image.open(io.BytesIO(download.data)).format == "PNG"
    url = outputs[0]["image_url"]
    assert_error(client.get_url(url.replace("expires=", "expires=9")), 403, "forbidden")
    assert_error(client.get_url(url.split("?")[0]), 403, "forbidden")
    assert_error(client.get_url(url.replace("/outputs/", "/output/")), 403, "forbidden")
    missing = client.backend.file_url(client.backend.caller_for_key(DEFAULT_KEY), "outputs/none.png")
    assert_error(client.get_url(missing), 404, "not_found")
    client.admin("POST", "/clock/advance", {"seconds": 3601})
    assert "expired" in assert_error(client.get_url(url), 403, "forbidden")["detail"]


def test_presigned_part_uploads(client: Client) -> None:
    project = client.ok("POST", "/project", json={"project_name": "z"})["project_id"]
    init = client.ok(
        "POST", "/project/upload", json={"project_id": project, "file_type": "sku_zip", "file_size": 600}
    )
    assert len(init["upload_urls"]) == 2 and init["part_size"] == 512
    url = urlsplit(init["upload_urls"][0])
    assert url.netloc == "localhost" and url.path == "/_mock/s3/" + init["key"]
    assert_error(
        client.http.put(url.path, query_string=url.query.replace("partNumber=1", "partNumber=2"), data=b"x"),
        403,
        "forbidden",
    )
    assert_error(client.http.put(url.path, query_string=url.query, data=b"x" * 513), 413, "payload_too_large")
    assert_error(client.http.get(url.path, query_string=url.query), 405, "method_not_allowed")
    assert (
        client.http.put(url.path, query_string=url.query, data=b"x").headers["ETag"]
        == '"9dd4e461268c8034f5c8564e155c67a6"'
    )
    assert client.ok("GET", "/project", query_string={"project_id": project})["project_status"] == "Creating"


def test_pagination_over_http(client: Client) -> None:
    for i in range(3):
        client.ok("POST", "/program", json={"program_name": f"b{i}"})
    first = client.ok("GET", "/program")
    assert len(first["programs"]) == 2 and first["pagination_token"]
    second = client.ok("GET", "/program", query_string={"pagination_token": first["pagination_token"]})
    assert len(second["programs"]) == 2 and second["pagination_token"] is None
    assert_error(
        client.api("GET", "/program", query_string={"pagination_token": "forged"}), 422, "validation_error"
    )


def test_curl_style_requests_without_content_type(client: Client) -> None:
    response = client.api("POST", "/project", data=b'{"project_name":"New Project"}')
    assert response.status_code == 200 and response.get_json()["project_status"] == "Created"


class _BrokenPlan(HuhuBackend):
    """A backend with a contract bug (credits as text) and a crash (credit history)."""

    def get_plan(self, caller: Any, params: Any) -> dict[str, Any]:
        return {**super().get_plan(caller, params), "credits": "fifty"}

    def get_credit_history(self, caller: Any, params: Any) -> dict[str, Any]:
        raise RuntimeError("boom")


def test_strict_mode_raises_on_answers_outside_the_spec() -> None:
    backend = _BrokenPlan(clock="manual")
    http = create_app(backend, strict=True).test_client()
    with pytest.raises(ResponseValidationError, match=r"response\.credits"):
        http.get(API + "/metering/plan", headers=AUTH)
    with pytest.raises(RuntimeError, match="boom"):
        http.get(API + "/metering/credit-history", headers=AUTH)
    backend.close()


def test_without_strict_mode_a_crash_is_a_json_500_without_details() -> None:
    backend = _BrokenPlan(clock="manual")
    http = create_app(backend).test_client()
    assert http.get(API + "/metering/plan", headers=AUTH).get_json()["credits"] == "fifty"
    body = assert_error(http.get(API + "/metering/credit-history", headers=AUTH), 500, "internal_error")
    assert "boom" not in body["detail"] and DEFAULT_KEY not in body["detail"]
    backend.close()

"""Domain tests of mock_server.models: HuhuBackend driven directly, without HTTP or Flask."""

from __future__ import annotations

import io
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest
from mock_support import DEFAULT_KEY, ROOT, b64, garment_zip, make_zip, png
from PIL import Image

from mock_server.clock import ManualClock
from mock_server.errors import (
    Forbidden,
    InsufficientCredits,
    Invalid,
    InvalidState,
    MockError,
    NotFound,
    RateLimited,
    Unauthorized,
)
from mock_server.models import Caller, HuhuBackend

# The reference's credit table, by operation (not read from the spec, so the spec is checked too).
REFERENCE_COSTS = {
    "face_per_image": 1,
    "model_gen_per_image": 1,
    "multipose": 2,
    "prompt_gen": 2,
    "tryon_per_image": 2,
}


class Api:
    """Calls operations of a backend as one team."""

    def __init__(self, backend: HuhuBackend, key: str) -> None:
        self.backend = backend
        self.key = key
        self.caller = backend.caller_for_key(key, base_url="http://mock.test")

    def __call__(self, operation_id: str, **params: Any) -> dict[str, Any]:
        return self.backend.handle(operation_id, self.caller, params)

    def credits(self) -> int:
        return int(self("get_plan")["credits"])

    def history(self, **params: Any) -> list[dict[str, Any]]:
        return list(self("get_credit_history", fetch_all=True, **params)["items"])


@pytest.fixture
def backend() -> Iterator[HuhuBackend]:
    # extras: these tests read the mock's own fields (sku_id, view, ...); tests/fidelity_mock covers extras off
    mock = HuhuBackend(
        clock="manual", job_seconds=2, tryon_seconds=90, page_size=3, part_size=256, extras=True
    )
    yield mock
    mock.close()


@pytest.fixture
def api(backend: HuhuBackend) -> Api:
    return Api(backend, DEFAULT_KEY)


def new_team(backend: HuhuBackend, **options: Any) -> Api:
    return Api(backend, backend.create_team(**options)["api_key"])


def read_url(backend: HuhuBackend, url: str) -> bytes:
    parts = urlsplit(url)
    return backend.read_file(parts.path.removeprefix("/_mock/files/"), dict(parse_qsl(parts.query))).data


def state(backend: HuhuBackend) -> dict[str, Any]:
    return {k: v for k, v in backend.dump_state().items() if k != "now"}


def ready_task(api: Api, *, name: str = "shirt-front") -> tuple[str, str, str]:
    """A project with one garment SKU whose front task has a gallery model image: (project, sku, task)."""
    project = api("create_project", project_name="p")["project_id"]
    sku = api(
        "upload_project_file",
        project_id=project,
        file_type="garment_image",
        file_data=b64(png()),
        sku_name=name,
    )["sku_id"]
    api("create_tasks", project_id=project, sku_ids=[sku])
    task = api("get_tasks", project_id=project)["skus"][0]["tasks"][0]["task_id"]
    model = api("get_models", model_type="Women")["models"][0]["model_id"]
    image = api("get_models", model_id=model)["model_images"][0]["model_image_id"]
    api("update_task", project_id=project, sku_id=sku, task_id=task, model_image=image)
    return project, sku, task


def test_domain_layer_never_imports_flask() -> None:
    script = """
import sys
from mock_server import HuhuBackend, DEFAULT_API_KEY
backend = HuhuBackend(clock="manual")
caller = backend.caller_for_key(DEFAULT_API_KEY)
project = backend.handle("create_project", caller, {"project_name": "x"})
assert project["project_status"] == "Created"
backend.handle("generate_face", caller, {"prompt": "a face", "num_output_images": 1})
backend.advance_clock(5)
assert "flask" not in sys.modules and "werkzeug" not in sys.modules, "the domain layer imported Flask"
print("ok")
"""
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"


def test_new_team_gets_the_spec_defaults(backend: HuhuBackend, api: Api) -> None:
    defaults = backend.spec.team_defaults
    assert api("get_plan") == {
        "credits": defaults["credits"],
        "plan_status": defaults["plan_status"],
        "concurrent_requests": defaults["concurrent_requests"],
        "plan_name": None,
        "subscription_id": None,
    }
    assert (defaults["credits"], defaults["concurrent_requests"], defaults["plan_status"]) == (50, 10, "free")
    programs = api("list_programs")["programs"]
    assert [p["program_id"] for p in programs] == [api.caller.program_id]
    assert programs[0]["owned"] is True


@pytest.mark.parametrize(
    ("header", "message"),
    [
        (None, "Missing"),
        ("", "Missing"),
        ("Token " + DEFAULT_KEY, "Malformed Authorization"),
        ("Bearer", "Malformed Authorization"),
        ("Bearer sk-123", "Malformed API key"),
        ("Bearer sk-" + "g" * 48, "Malformed API key"),
        ("Bearer sk-" + "ab" * 24, "Unknown API key"),
    ],
)
def test_bad_keys_are_401_and_never_echoed(backend: HuhuBackend, header: str | None, message: str) -> None:
    with pytest.raises(Unauthorized) as caught:
        backend.authenticate(header)
    assert message in caught.value.detail
    assert "ab" * 24 not in caught.value.detail and "g" * 48 not in caught.value.detail


def test_revoked_key_is_401_and_other_keys_keep_working(backend: HuhuBackend) -> None:
    team = backend.create_team()
    second = backend.create_key(team["team_id"])
    caller = backend.authenticate("bearer " + team["api_key"])
    assert caller.team_id == team["team_id"] and caller.program_id == team["program_id"]
    backend.revoke_key(team["api_key"])
    with pytest.raises(Unauthorized, match="revoked"):
        backend.authenticate("Bearer " + team["api_key"])
    assert backend.authenticate("Bearer " + second["api_key"]).team_id == team["team_id"]


def test_keys_are_stored_only_as_digests(tmp_path: Path) -> None:
    db = tmp_path / "mock.db"
    mock = HuhuBackend(db_path=str(db))
    team = mock.create_team()
    caller = mock.caller_for_key(team["api_key"])
    dumped = repr(mock.dump_state()) + repr(caller) + repr(mock)
    mock.close()
    for key in (DEFAULT_KEY, team["api_key"]):
        assert key not in dumped
        assert key.encode() not in db.read_bytes()
        assert key[3:].encode() not in db.read_bytes()


def test_each_operation_charges_the_reference_price(backend: HuhuBackend) -> None:
    api = new_team(backend, credits=1000)
    project, sku, task = ready_task(api)
    model_image = api("get_tasks", project_id=project, sku_id=sku, task_id=task)["model_image"]
    api("generate_face", prompt="face", num_output_images=3)
    api("create_model_image", prompt="photo", num_output_images=2)
    api("generate_pose", prompt="walking", reference_image=model_image)
    api("create_pose", reference_image=b64(png(40, 80)), pose_title="mine")
    api("create_upscale", image=b64(png()), upscale_factor=2, num_images=2)
    api("generate_tasks", project_id=project, task_ids=[task], num_output_images=2)
    api(
        "create_video",
        project_id=project,
        sku_id=sku,
        video_length="5",
        prompt="turn",
        first_frame_image={"image_base64": b64(png())},
    )
    api(
        "create_video",
        project_id=project,
        sku_id=sku,
        video_length="10",
        prompt="walk",
        first_frame_image={"image_base64": b64(png())},
    )
    model = api("create_model", model_name="Own")["model_id"]
    api("create_model_image", model_id=model, style_id="s1", file_data=b64(png(40, 90)))  # save mode: free
    expected = [
        ("face_gen", 3 * REFERENCE_COSTS["face_per_image"]),
        ("model_gen", 2 * REFERENCE_COSTS["model_gen_per_image"]),
        ("pose_gen", REFERENCE_COSTS["multipose"]),
        ("pose_prompt", REFERENCE_COSTS["prompt_gen"]),
        ("upscale", 2 * 2),
        ("tryon_gen", 2 * REFERENCE_COSTS["tryon_per_image"]),
        ("video_gen", 25),
        ("video_gen", 40),
    ]
    history = api.history()
    assert [(h["operation"], h["credits"]) for h in reversed(history)] == expected  # newest first
    assert api.credits() == 1000 - sum(c for _, c in expected)
    assert history[2]["request_id"] == task  # a try-on entry is per task (D-HISTORY)
    assert all(h["program_id"] == api.caller.program_id for h in history)


def test_insufficient_credits_is_402_and_changes_nothing(backend: HuhuBackend) -> None:
    api = new_team(backend, credits=3)
    before = state(backend)
    with pytest.raises(InsufficientCredits) as caught:
        api("generate_face", prompt="face", num_output_images=4)
    assert (caught.value.required, caught.value.available, caught.value.status) == (4, 3, 402)
    assert caught.value.body()["credits_required"] == 4
    assert state(backend) == before


def test_try_on_for_many_tasks_is_charged_whole_or_not_at_all(backend: HuhuBackend) -> None:
    api = new_team(backend, credits=7)
    project = api("create_project", project_name="p")["project_id"]
    zipped = make_zip({"a/top-front.png": png(), "a/top-back.png": png()})
    upload, parts = upload_zip(backend, api, project, zipped)
    api(
        "complete_multipart_upload",
        project_id=project,
        key=upload["key"],
        upload_id=upload["upload_id"],
        parts=parts,
    )
    sku = api("get_skus", project_id=project)["skus"][0]["sku_id"]
    api("create_tasks", project_id=project, sku_ids=[sku])
    tasks = [t["task_id"] for t in api("get_tasks")["skus"][0]["tasks"]]
    image = api("get_models", model_id=api("get_models")["models"][0]["model_id"])["model_images"][0][
        "model_image_id"
    ]
    for task in tasks:
        api("update_task", project_id=project, sku_id=sku, task_id=task, model_image=image)
    before = state(backend)
    with pytest.raises(InsufficientCredits) as caught:
        api("generate_tasks", project_id=project, task_ids=tasks, num_output_images=2)  # 2 tasks x 2 x 2 = 8
    assert caught.value.required == 8
    assert state(backend) == before


def test_busy_slots_are_429_with_retry_after_and_change_nothing(backend: HuhuBackend) -> None:
    api = new_team(backend, credits=100, slots=2)
    api("generate_face", prompt="a")
    backend.advance_clock(0.5)
    api("generate_face", prompt="b")
    before = state(backend)
    with pytest.raises(RateLimited) as caught:
        api("generate_face", prompt="c")
    assert caught.value.retry_after == 2  # the first job ends 1.5 s from now → 2 s
    assert caught.value.headers() == {"Retry-After": "2"}
    assert state(backend) == before
    backend.advance_clock(1.5)
    api("generate_face", prompt="c")  # a slot is free again
    assert api.credits() == 97


def test_a_request_needing_more_slots_than_the_team_has_is_429(backend: HuhuBackend) -> None:
    api = new_team(backend, credits=100, slots=0)
    with pytest.raises(RateLimited, match="slots"):
        api("generate_face", prompt="a")
    assert api.credits() == 100


def test_generation_request_lifecycle_and_signed_outputs(backend: HuhuBackend, api: Api) -> None:
    submitted = api("generate_face", prompt="face", mode="fidelity", num_output_images=2)
    assert submitted["status"] == "Request Submitted" and submitted["images_generated"] == []
    poll = api("get_generation_request", request_id=submitted["request_id"])
    assert poll["status"] == "Request Submitted"
    backend.advance_clock(2)
    poll = api("get_generation_request", request_id=submitted["request_id"])
    assert poll["status"] == "Generation Completed"
    assert len(poll["images_generated"]) == 2
    url = poll["images_generated"][0]["model_image_url"]
    assert url.startswith("http://mock.test/_mock/files/generated/")
    assert Image.open(io.BytesIO(read_url(backend, url))).size == (512, 512)
    with pytest.raises(Forbidden, match="signature"):
        read_url(backend, url.replace("signature=", "signature=0"))
    backend.advance_clock(backend.url_ttl_seconds + 1)
    with pytest.raises(Forbidden, match="expired"):
        read_url(backend, url)


def test_try_on_lifecycle_and_illegal_transitions(backend: HuhuBackend, api: Api) -> None:
    project = api("create_project", project_name="p")["project_id"]
    sku = api("upload_project_file", project_id=project, file_type="garment_image", file_data=b64(png()))[
        "sku_id"
    ]
    api("create_tasks", project_id=project, sku_ids=[sku])
    api("create_tasks", project_id=project, sku_ids=[sku, sku])  # idempotent
    tasks = api("get_tasks", project_id=project)["skus"][0]["tasks"]
    assert [(t["task_status"], t["view"]) for t in tasks] == [("Task created", "front")]
    task = tasks[0]["task_id"]

    def status() -> str:
        return str(api("get_tasks", project_id=project, sku_id=sku, task_id=task)["task_status"])

    def project_status() -> str:
        return str(api("get_projects", project_id=project)["project_status"])

    with pytest.raises(InvalidState, match="no model_image"):
        api("generate_tasks", project_id=project, task_ids=[task])
    model = api("get_models")["models"][1]
    image = api("get_models", model_id=model["model_id"])["model_images"][0]["model_image_id"]
    api("update_task", project_id=project, sku_id=sku, task_id=task, model_image=image)
    detail = api("get_tasks", project_id=project, sku_id=sku, task_id=task)
    assert (detail["model_image"], detail["model_id"]) == (image, model["model_id"])
    assert project_status() == "Created"

    api("generate_tasks", project_id=project, task_ids=[task])
    assert (status(), project_status()) == ("Submitted", "In process")
    with pytest.raises(InvalidState, match="already generating"):
        api("generate_tasks", project_id=project, task_ids=[task])
    with pytest.raises(InvalidState, match="generating"):
        api("update_task", project_id=project, sku_id=sku, task_id=task, model_image=image)
    with pytest.raises(InvalidState):
        backend.set_task_status(task, "Review")
    backend.advance_clock(30)
    assert status() == "Generation"
    backend.advance_clock(60)
    assert (status(), project_status()) == ("Generation completed", "Completed")
    for step in ("Editing", "Review", "Approved"):
        backend.set_task_status(task, step)
        assert status() == step
    assert project_status() == "Completed"
    with pytest.raises(Invalid):
        backend.set_task_status(task, "Generation")


def test_failed_job_is_refunded_and_can_be_generated_again(backend: HuhuBackend) -> None:
    api = new_team(backend, credits=20)
    project, sku, task = ready_task(api)
    backend.fail_next_jobs(1, kind="tryon")
    api("generate_tasks", project_id=project, task_ids=[task], num_output_images=2)
    assert api.credits() == 16
    backend.advance_clock(90)
    detail = api("get_tasks", project_id=project, sku_id=sku, task_id=task)
    assert (detail["task_status"], detail["output"]) == ("Generation failed", [])
    assert api.credits() == 20
    history = api.history()
    assert [(h["operation"], h["credits"], h["request_id"]) for h in history] == [
        ("refund", -4, task),
        ("tryon_gen", 4, task),
    ]
    api("generate_tasks", project_id=project, task_ids=[task])
    backend.advance_clock(90)
    assert (
        api("get_tasks", project_id=project, sku_id=sku, task_id=task)["task_status"]
        == "Generation completed"
    )
    assert api.credits() == 20 - 2 == 20 - sum(h["credits"] for h in api.history())


def test_fail_a_running_job_by_its_id(backend: HuhuBackend, api: Api) -> None:
    request = api("create_upscale", image=b64(png(30, 20)))["request_id"]
    backend.fail_job(request)
    with pytest.raises(NotFound):
        backend.fail_job("no-such-job")
    backend.advance_clock(2)
    assert api("get_upscale", request_id=request) == {
        "request_id": request,
        "status": "failed",
        "result_urls": [],
    }
    assert api.credits() == 50


def test_upscale_enforces_the_output_pixel_limit_and_renders_the_right_size(
    backend: HuhuBackend, api: Api
) -> None:
    big = b64(png(1100, 1100))  # x4 → 19.36 M pixels > 18 M
    with pytest.raises(Invalid) as caught:
        api("create_upscale", image=big, upscale_factor=4)
    assert caught.value.errors[0].field == "body.upscale_factor"
    assert api.credits() == 50
    accepted = api("create_upscale", image=b64(png(1000, 1000, fmt="JPEG")), upscale_factor=4.0, num_images=1)
    assert accepted["cost"] == 2
    backend.fail_job(accepted["request_id"])  # do not render 16 M pixels here
    done = api("create_upscale", image=b64(png(30, 20)), upscale_factor=2.5, num_images=2)
    backend.advance_clock(2)
    result = api("get_upscale", request_id=done["request_id"])
    assert result["status"] == "success" and len(result["result_urls"]) == 2
    assert Image.open(io.BytesIO(read_url(backend, result["result_urls"][1]))).size == (75, 50)


def test_video_is_a_real_file_and_costs_25_or_40(backend: HuhuBackend, api: Api) -> None:
    project, sku, task = ready_task(api)
    api("generate_tasks", project_id=project, task_ids=[task])
    backend.advance_clock(90)
    output = api("get_tasks", project_id=project, sku_id=sku, task_id=task)["output"][0]["image_id"]
    answer = api(
        "create_video",
        project_id=project,
        sku_id=sku,
        video_length="5",
        prompt="slow turn",
        first_frame_image={"image_id": output},
        source_task_id=task,
    )
    assert answer["cost"] == 25 and answer["request_status"] == "Submitted"
    with pytest.raises(NotFound):
        api(
            "create_video",
            project_id=project,
            sku_id=sku,
            video_length="5",
            prompt="x",
            first_frame_image={"image_id": "nope"},
        )
    listing = api("list_video_requests")["requests"]
    assert [(r["request_status"], r["video_url"]) for r in listing] == [("Submitted", None)]
    backend.advance_clock(1)
    assert api("list_video_requests")["requests"][0]["request_status"] == "Generation"
    backend.advance_clock(1)
    done = api("list_video_requests")["requests"][0]
    assert done["request_status"] == "Generation completed" and done["duration"] == "5"
    data = read_url(backend, done["video_url"])
    assert data[4:8] == b"ftyp"  # an MP4 (D-MOCK-VIDEO)
    assert api.credits() == 50 - 2 - 25


def test_paginated_lists_with_opaque_tokens(backend: HuhuBackend, api: Api) -> None:
    names = [f"p{i}" for i in range(7)]
    for name in names:
        api("create_project", project_name=name)
    seen: list[str] = []
    token = None
    pages = 0
    while True:
        page = api("get_projects", **({"pagination_token": token} if token else {}))
        seen += [p["project_name"] for p in page["projects"]]
        pages += 1
        token = page["pagination_token"]
        if token is None:
            break
    assert seen == names and pages == 3
    first = api("get_projects")["pagination_token"]
    with pytest.raises(Invalid) as caught:
        api("list_programs", pagination_token=first)  # a token of another list
    assert caught.value.errors[0].field == "query.pagination_token"
    with pytest.raises(Invalid):
        api("get_projects", pagination_token=first[:-2] + "00")
    for i in range(4):
        api("generate_face", prompt=f"f{i}")
    history = api("get_credit_history")
    assert len(history["items"]) == 3 and history["pagination_token"] is not None
    assert [i["request_id"] for i in api.history()][:3] == [i["request_id"] for i in history["items"]]
    rest = api("get_credit_history", pagination_token=history["pagination_token"])
    assert len(rest["items"]) == 1 and rest["pagination_token"] is None


def test_resources_of_another_team_are_403_and_unknown_ids_404(backend: HuhuBackend, api: Api) -> None:
    other = new_team(backend)
    project = other("create_project", project_name="theirs")["project_id"]
    request = other("generate_face", prompt="x")["request_id"]
    before = state(backend)
    with pytest.raises(Forbidden):
        api("get_projects", project_id=project)
    with pytest.raises(Forbidden):
        api("create_project", project_name="sneaky", program_id=other.caller.program_id)
    with pytest.raises(Forbidden):
        api("get_generation_request", request_id=request)
    with pytest.raises(Forbidden):
        api("get_plan", program_id=other.caller.program_id)
    with pytest.raises(NotFound):
        api("get_projects", project_id="0" * 32)
    with pytest.raises(NotFound):
        api("get_skus", project_id="0" * 32)
    assert state(backend) == before


def test_shared_program_is_listed_and_billed_to_its_owner(backend: HuhuBackend) -> None:
    owner = new_team(backend, credits=30)
    guest = new_team(backend, credits=5)
    shared = owner("create_program", program_name="Brand")["program_id"]
    backend.share_program(shared, guest.caller.team_id)
    listed = {p["program_id"]: p["owned"] for p in guest("list_programs")["programs"]}
    assert listed == {guest.caller.program_id: True, shared: False}
    assert [p["program_id"] for p in guest("list_programs", owned=True)["programs"]] == [
        guest.caller.program_id
    ]
    assert guest("get_plan", program_id=shared)["credits"] == 30
    guest("generate_face", prompt="x", num_output_images=4, program_id=shared)
    assert (owner.credits(), guest.credits()) == (26, 5)
    assert [h["credits"] for h in guest.history(program_id=shared)] == [4]


def test_garment_and_model_image_uploads(backend: HuhuBackend, api: Api) -> None:
    project = api("create_project", project_name="p")["project_id"]
    one = api(
        "upload_project_file", project_id=project, file_type="garment_image", file_data=b64(png(50, 90))
    )
    two = api(
        "upload_project_file",
        project_id=project,
        file_type="garment_image",
        file_data=b64(png(fmt="WEBP")),
        sku_name="sneaker-back",
    )
    skus = api("get_skus", project_id=project)["skus"]
    assert [s["sku_name"] for s in skus] == ["image-1", "sneaker-back"]
    detail = api("get_skus", project_id=project, sku_id=two["sku_id"])["skus"][0]
    garment = detail["garment_images"][0]
    assert (garment["garment_type"], garment["view"], garment["image_id"]) == (
        "Shoes",
        "back",
        two["image_id"],
    )
    assert (
        api("get_skus", project_id=project, sku_id=one["sku_id"])["skus"][0]["garment_images"][0][
            "garment_type"
        ]
        == "Bottom"
    )
    upload = api(
        "upload_project_file", project_id=project, file_type="model_image", file_data=b64(png(60, 120))
    )
    api("create_tasks", project_id=project, sku_ids=[one["sku_id"]])
    task = api("get_tasks", project_id=project)["skus"][0]["tasks"][0]["task_id"]
    api("update_task", project_id=project, sku_id=one["sku_id"], task_id=task, model_image=upload["image_id"])
    with pytest.raises(NotFound):
        api(
            "update_task", project_id=project, sku_id=one["sku_id"], task_id=task, model_image=one["image_id"]
        )
    for bad in ("not base64!", b64(b"plain text, not an image"), ""):
        with pytest.raises(Invalid) as caught:
            api("upload_project_file", project_id=project, file_type="garment_image", file_data=bad)
        assert caught.value.errors[0].field == "body.file_data"
    assert len(api("get_skus", project_id=project)["skus"]) == 2


def upload_zip(
    backend: HuhuBackend, api: Api, project: str, data: bytes
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    upload = api("upload_project_file", project_id=project, file_type="sku_zip", file_size=len(data))
    parts = []
    for n, url in enumerate(upload["upload_urls"]):
        chunk = data[n * backend.part_size : (n + 1) * backend.part_size]
        etag = backend.upload_part(upload["key"], dict(parse_qsl(urlsplit(url).query)), chunk)
        parts.append({"PartNumber": n + 1, "ETag": etag})
    return upload, parts


def test_zip_upload_in_parts_creates_classified_skus(backend: HuhuBackend, api: Api) -> None:
    project = api("create_project", project_name="p")["project_id"]
    data = garment_zip()
    upload, parts = upload_zip(backend, api, project, data)
    assert len(upload["upload_urls"]) == len(parts) == -(-len(data) // 256) > 1
    assert api("get_projects", project_id=project)["project_status"] == "Creating"
    api(
        "complete_multipart_upload",
        project_id=project,
        key=upload["key"],
        upload_id=upload["upload_id"],
        parts=parts,
    )
    assert api("get_projects", project_id=project)["project_status"] == "Created"
    skus = {s["sku_name"]: s for s in api("get_skus", project_id=project, pagination_token=None)["skus"]}
    assert set(skus) == {"linen-shirt", "blue-jeans"}
    assert skus["linen-shirt"]["garment_type"] == "Top" and skus["blue-jeans"]["garment_type"] == "Bottom"
    shirt = api("get_skus", project_id=project, sku_id=skus["linen-shirt"]["sku_id"])["skus"][0]
    assert sorted(g["view"] for g in shirt["garment_images"]) == ["back", "front"]
    api("create_tasks", project_id=project, sku_ids=[s["sku_id"] for s in skus.values()])
    views = sorted(
        t["view"] for group in api("get_tasks", project_id=project)["skus"] for t in group["tasks"]
    )
    assert views == ["back", "front", "front"]
    with pytest.raises(InvalidState):
        api(
            "complete_multipart_upload",
            project_id=project,
            key=upload["key"],
            upload_id=upload["upload_id"],
            parts=parts,
        )


@pytest.mark.parametrize(
    "files",
    [
        {"../evil.png": png()},  # zip slip
        {"a/shirt.png": b"not an image"},
        {"a/shirt.png": png(), "a/bomb.png": b"\0" * 3_000_000},  # ratio far above 100
    ],
)
def test_bad_archives_are_422_and_create_no_sku(
    backend: HuhuBackend, api: Api, files: dict[str, bytes]
) -> None:
    project = api("create_project", project_name="p")["project_id"]
    upload, parts = upload_zip(backend, api, project, make_zip(files))
    with pytest.raises(Invalid) as caught:
        api(
            "complete_multipart_upload",
            project_id=project,
            key=upload["key"],
            upload_id=upload["upload_id"],
            parts=parts,
        )
    assert caught.value.errors[0].field.startswith("zip")
    assert api("get_skus", project_id=project)["skus"] == []


def test_wrong_etag_or_missing_part_is_422_and_can_be_fixed(backend: HuhuBackend, api: Api) -> None:
    project = api("create_project", project_name="p")["project_id"]
    upload, parts = upload_zip(backend, api, project, garment_zip())
    ids = {"project_id": project, "key": upload["key"], "upload_id": upload["upload_id"]}
    wrong = [dict(parts[0], ETag='"0123"'), *parts[1:]]
    with pytest.raises(Invalid) as caught:
        api("complete_multipart_upload", parts=wrong, **ids)
    assert caught.value.errors[0].field == "body.parts.0.ETag"
    with pytest.raises(Invalid, match="missing"):
        api("complete_multipart_upload", parts=parts[:-1], **ids)
    assert api("get_skus", project_id=project)["skus"] == []
    with pytest.raises(Invalid):
        api("complete_multipart_upload", parts=parts, **{**ids, "key": "uploads/other.zip"})
    api("complete_multipart_upload", parts=parts, **ids)
    assert len(api("get_skus", project_id=project)["skus"]) == 2


def test_part_urls_are_signed(backend: HuhuBackend, api: Api) -> None:
    project = api("create_project", project_name="p")["project_id"]
    upload = api("upload_project_file", project_id=project, file_type="sku_zip", file_size=10)
    query = dict(parse_qsl(urlsplit(upload["upload_urls"][0]).query))
    with pytest.raises(Forbidden):
        backend.upload_part(upload["key"], {**query, "partNumber": "2"}, b"x")
    with pytest.raises(Forbidden):
        backend.upload_part(upload["key"] + "x", query, b"x")
    with pytest.raises(Invalid):
        backend.upload_part(upload["key"], query, b"x" * 2000)  # larger than a part
    assert backend.upload_part(upload["key"], query, b"0123456789") == '"781e5e245d69b566979b86e28d23f2c7"'


def test_models_filters_and_saved_images(backend: HuhuBackend, api: Api) -> None:
    wanted = {
        "model_type": "women",
        "model_size": "plus size",
        "ethnicity": "east asian",
        "age_range": "Young Adult",
    }
    found = api("get_models", **wanted)["models"]
    assert found and all(m["attributes"]["ethnicity"] == "East Asian" for m in found)
    images = api("get_models", model_id=found[0]["model_id"])["model_images"]
    assert any(i["view_type"] == "front_facing" and i["crop_type"] == "fullbody" for i in images)
    own = api("create_model", model_name="Own", model_type="Men", attributes={"hair_color": "Red"})[
        "model_id"
    ]
    assert [m["model_id"] for m in api("get_models", hair_color="RED", model_type="Men")["models"]] == [own]
    request = api("create_model_image", prompt="a model")["request_id"]
    backend.advance_clock(2)
    generated = api("get_generation_request", request_id=request)["images_generated"][0]["model_image_url"]
    saved = api("create_model_image", model_id=own, style_id="st", image_url=generated)
    assert saved["crop_type"] == "fullbody" and saved["view_type"] == "front_facing"
    assert [i["model_image_id"] for i in api("get_models", model_id=own)["model_images"]] == [
        saved["image_id"]
    ]
    with pytest.raises(Forbidden):
        api("create_model_image", model_id=found[0]["model_id"], style_id="s", file_data=b64(png()))
    with pytest.raises(Invalid, match="signature"):  # a foreign URL is fine, a tampered mock URL is not
        api(
            "create_model_image",
            model_id=own,
            style_id="s",
            image_url=generated.replace("signature=", "signature=0"),
        )
    with pytest.raises(Invalid):
        api("create_model_image", model_id=own, style_id="s")
    other = new_team(backend)
    with pytest.raises(Forbidden):
        other("get_models", model_id=own)


def test_pose_library_and_custom_poses(backend: HuhuBackend, api: Api) -> None:
    library = api("list_pose_library")
    assert library["total"] == len(library["poses"]) == 143
    women_full = api("list_pose_library", model_category="Women", prompt_type="fullbody")
    assert women_full["total"] == len(women_full["poses"]) > 0
    assert all(p["model_category"] == "Women" and p["prompt_type"] == "fullbody" for p in women_full["poses"])
    reference = women_full["poses"][0]["reference_image_url"]
    created = api("create_pose", reference_image=reference, pose_title="Library copy")
    assert created["status"] == "success" and created["pose_prompt"]
    detail = api("get_poses", pose_id=created["pose_id"])
    assert detail["title"] == "Library copy" and detail["prompt"] == created["pose_prompt"]
    assert [p["pose_id"] for p in api("get_poses")["poses"]] == [created["pose_id"]]
    request = api("generate_pose", prompt=created["pose_prompt"], reference_image=reference)
    backend.advance_clock(2)
    assert len(api("get_generation_request", request_id=request["request_id"])["images_generated"]) == 2
    assert api.credits() == 50 - 2 - 2


def test_update_skus_assigns_model_and_style(backend: HuhuBackend, api: Api) -> None:
    project, sku, _ = ready_task(api)
    model = api("get_models")["models"][0]["model_id"]
    api(
        "update_skus",
        sku_ids=[sku],
        model_id=model,
        style_id="s",
        garment_type="Full body",
        project_id=project,
    )
    listed = api("get_skus", project_id=project)["skus"][0]
    assert (listed["model_id"], listed["style_id"], listed["garment_type"]) == (model, "s", "Full body")
    with pytest.raises(NotFound):
        api("update_skus", sku_ids=[sku, "missing"], style_id="t")
    assert api("get_skus", project_id=project)["skus"][0]["style_id"] == "s"


def test_task_detail_needs_project_and_sku(api: Api) -> None:
    with pytest.raises(Invalid) as caught:
        api("get_tasks", task_id="x")
    assert {e.field for e in caught.value.errors} == {"query.project_id", "query.sku_id"}


def test_faults_apply_to_the_next_matching_requests(backend: HuhuBackend) -> None:
    backend.add_fault(path="/public/v1/task/generate", method="POST", status=503, count=2, retry_after=7)
    assert backend.take_fault("GET", "/task/generate") is None
    first = backend.take_fault("POST", "/task/generate")
    assert first is not None and (first.status, first.retry_after) == (503, 7)
    assert backend.take_fault("POST", "/task/generate") is not None
    assert backend.take_fault("POST", "/task/generate") is None
    with pytest.raises(Invalid):
        backend.add_fault(path="/x")


def test_state_survives_a_restart_on_the_same_file(tmp_path: Path) -> None:
    db = str(tmp_path / "mock.db")
    first = HuhuBackend(db_path=db, clock="manual", extras=True)
    api = Api(first, DEFAULT_KEY)
    project, sku, task = ready_task(api)
    api("generate_tasks", project_id=project, task_ids=[task])
    first.advance_clock(5)
    url = api("get_tasks", project_id=project, sku_id=sku, task_id=task)["output"][0]["image_url"]
    image = read_url(first, url)
    before = (api.credits(), api.history(), api("get_projects"), first.now())
    first.close()

    second = HuhuBackend(db_path=db, clock="manual", extras=True)
    again = Api(second, DEFAULT_KEY)
    assert (again.credits(), again.history(), again("get_projects"), second.now()) == before
    assert (
        again("get_tasks", project_id=project, sku_id=sku, task_id=task)["task_status"]
        == "Generation completed"
    )
    assert read_url(second, url) == image  # same secret: old signed URLs still work
    second.close()


def test_fifty_threads_never_overspend(backend: HuhuBackend) -> None:
    api = new_team(backend, credits=10, slots=50)
    outcomes = spend_in_parallel([api] * 50)
    assert outcomes.count("ok") == 10 and outcomes.count("InsufficientCredits") == 40
    assert api.credits() == 0 and len(api.history()) == 10


def test_fifty_threads_never_exceed_the_slots(backend: HuhuBackend) -> None:
    api = new_team(backend, credits=100, slots=5)
    outcomes = spend_in_parallel([api] * 50)
    assert outcomes.count("ok") == 5 and outcomes.count("RateLimited") == 45
    assert api.credits() == 95


def test_two_backends_on_one_file_never_overspend(tmp_path: Path) -> None:
    db = str(tmp_path / "shared.db")
    one = HuhuBackend(db_path=db, clock=ManualClock())
    two = HuhuBackend(db_path=db, clock=ManualClock())
    key = one.create_team(credits=10, slots=50)["api_key"]
    apis = [Api(one, key), Api(two, key)] * 25
    outcomes = spend_in_parallel(apis)
    assert outcomes.count("ok") == 10
    assert Api(two, key).credits() == 0 and len(Api(one, key).history()) == 10
    one.close()
    two.close()


def spend_in_parallel(apis: list[Api]) -> list[str]:
    """Every api submits one 1-credit face generation at the same moment; returns each outcome."""
    barrier = threading.Barrier(len(apis))
    outcomes: list[str] = []
    lock = threading.Lock()

    def spend(api: Api) -> None:
        barrier.wait()
        try:
            api("generate_face", prompt="race", num_output_images=1)
            result = "ok"
        except MockError as exc:
            result = type(exc).__name__
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=spend, args=(api,)) for api in apis]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert len(outcomes) == len(apis)
    return outcomes


def test_admin_credits_reset_and_state(backend: HuhuBackend, api: Api) -> None:
    assert backend.set_credits(7, api_key=DEFAULT_KEY)["credits"] == 7
    assert api.credits() == 7
    with pytest.raises(Invalid):
        backend.set_credits(7)
    api("create_project", project_name="gone soon")
    dumped = backend.dump_state()
    assert len(dumped["projects"]) == 1 and all("digest" not in k for k in dumped["api_keys"])
    backend.reset()
    fresh = Api(backend, DEFAULT_KEY)
    assert fresh.credits() == 50 and fresh("get_projects")["projects"] == []
    assert fresh.caller.team_id != api.caller.team_id  # same key, a new team


def test_real_clock_cannot_be_advanced() -> None:
    mock = HuhuBackend()
    with pytest.raises(InvalidState):
        mock.advance_clock(1)
    mock.close()


def test_caller_repr_holds_no_key(api: Api) -> None:
    assert isinstance(api.caller, Caller)
    assert "sk-" not in repr(api.caller)


def test_real_clock_jobs_finish_after_their_duration() -> None:
    mock = HuhuBackend(job_seconds=0.2)
    api = Api(mock, DEFAULT_KEY)
    request = api("generate_face", prompt="quick")["request_id"]
    assert api("get_generation_request", request_id=request)["status"] == "Request Submitted"
    deadline = time.monotonic() + 5
    while api("get_generation_request", request_id=request)["status"] != "Generation Completed":
        assert time.monotonic() < deadline, "the job never finished"
        time.sleep(0.05)
    mock.close()


def test_fetch_all_returns_at_most_ten_thousand_records(backend: HuhuBackend, api: Api) -> None:
    with backend.db.transaction() as tx:
        for n in range(10_005):
            tx.insert(
                "ledger",
                {
                    "team_id": api.caller.team_id,
                    "program_id": api.caller.program_id,
                    "request_id": f"r{n}",
                    "credits": 0,
                    "timestamp": n,
                    "operation": "model_gen",
                },
            )
    page = api("get_credit_history", fetch_all=True)
    assert len(page["items"]) == 10_000 and page["items"][0]["request_id"] == "r10004"
    rest = api("get_credit_history", fetch_all=True, pagination_token=page["pagination_token"])
    assert [i["request_id"] for i in rest["items"]] == ["r4", "r3", "r2", "r1", "r0"]
    assert rest["pagination_token"] is None

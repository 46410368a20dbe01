"""Reliability: the bad-input catalogue through the HTTP API and through the client.

Every bad request gets the documented 4xx with the spec's JSON error body (D-ERR), surfaces in
huhu_ext as the matching typed error, and leaves the mock's state exactly as it was.

What tests/mock already covers at the domain level (HuhuBackend called directly, no HTTP) is not
repeated here: the image decoder's and zip unpacker's every rejection (tests/mock/test_mock_uploads.py),
signature maths (test_mock_signing.py), 403/404 of the backend, 50 threads racing for credits and
slots, and two backends sharing one SQLite file in one process (test_mock_domain.py). This file adds
the HTTP and client angle, and parallel spending across two real ``huhu-mock serve`` processes on
one ``--db``.
"""

from __future__ import annotations

import base64
import io
import threading
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import httpx
import pytest
from huhu_client.api.metering import get_credit_history
from huhu_client.api.models import generate_face, get_generation_request, get_models
from huhu_client.api.projects import create_project, get_projects, upload_project_file
from huhu_client.api.skus import get_skus
from huhu_client.api.tasks import create_tasks, generate_tasks, get_tasks, update_task
from huhu_client.api.upscale import create_upscale, get_upscale
from huhu_client.models import (
    CreateProjectRequest,
    CreateTasksRequest,
    GenerateFaceRequest,
    GenerateTasksRequest,
    ModelImageList,
    ModelList,
    UpdateTaskRequest,
    UploadRequest,
    UpscaleRequest,
)
from PIL import Image

from huhu_ext import (
    APIStatusError,
    AuthenticationError,
    Huhu,
    InsufficientCreditsError,
    NotFoundError,
    PermissionDeniedError,
    ValidationError,
)
from huhu_ext.testing import BASE_URL, HuhuMock, HuhuMockServer, mock_huhu

TTL = 600.0


def png(width: int = 40, height: int = 60, fmt: str = "PNG") -> bytes:
    buffer = io.BytesIO()
    image = Image.new("RGB", (width, height), (255, 255, 255))
    image.paste((200, 30, 30), (width // 5, height // 5, width - width // 5, height - height // 5))
    image.save(buffer, format=fmt)
    return buffer.getvalue()


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def make_zip(files: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def comparable(state: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in state.items() if k != "now"}


@dataclass
class World:
    """Two teams: ours (the default key) with a ready project, and a stranger with resources of its own."""

    mock: HuhuMock
    api: httpx.Client
    huhu: Huhu
    project: str
    sku: str
    task: str
    stranger_key: str
    stranger: dict[str, str]

    @contextmanager
    def unchanged(self) -> Iterator[None]:
        """Assert that nothing in the mock changed inside the block."""
        before = comparable(self.mock.state())
        yield
        assert comparable(self.mock.state()) == before

    def expect(self, response: httpx.Response, status: int, code: str) -> dict[str, Any]:
        """The response is ``status`` with the spec's JSON error body carrying ``code``."""
        assert response.status_code == status, response.text
        assert response.headers["content-type"].startswith("application/json")
        body: dict[str, Any] = response.json()
        assert body["code"] == code and isinstance(body["detail"], str) and body["detail"]
        if status == 422:
            assert body["errors"] and all({"field", "message"} <= set(e) for e in body["errors"])
        return body


@pytest.fixture
def world() -> Iterator[World]:
    with (
        mock_huhu(url_ttl_seconds=TTL, job_seconds=5, tryon_seconds=90) as mock,
        httpx.Client(base_url=BASE_URL, headers={"Authorization": f"Bearer {mock.api_key}"}) as api,
        mock.client(max_retries=0) as huhu,
    ):
        project = huhu.call(create_project, body=CreateProjectRequest(project_name="ours")).project_id
        upload = huhu.call(
            upload_project_file,
            body=UploadRequest(project_id=project, file_type="garment_image", file_data=b64(png())),
        )
        assert upload.success and isinstance(upload.image_id, str)
        sku_id = huhu.call(get_skus, project_id=project).skus[0].sku_id  # the upload answers no sku_id
        huhu.call(create_tasks, body=CreateTasksRequest(project_id=project, sku_ids=[sku_id]))
        task = huhu.call(get_tasks, project_id=project).skus[0].tasks[0].task_id

        team = mock.new_team(credits=100)
        with mock.client(team.api_key) as them:
            theirs = them.call(create_project, body=CreateProjectRequest(project_name="theirs")).project_id
            their_upload = them.call(
                upload_project_file,
                body=UploadRequest(project_id=theirs, file_type="model_image", file_data=b64(png(30, 60))),
            )
            face = them.call(generate_face, body=GenerateFaceRequest(prompt="theirs"))
            upscale = them.call(create_upscale, body=UpscaleRequest(image=b64(png(20, 20))))
        stranger = {
            "program_id": team.program_id,
            "project_id": theirs,
            "model_image": their_upload.image_id,
            "face_request": face.request_id,
            "upscale_request": upscale.request_id,
        }
        yield World(mock, api, huhu, project, sku_id, task, team.api_key, stranger)


# -- malformed bodies and wrong types -------------------------------------------------------------
@pytest.mark.parametrize(
    "content",
    [b'{"project_name": ', b"project_name=x", b"\xff\xfe{}", b'{"project_name": NaN}', b"[]", b'"x"', b""],
    ids=["truncated", "form-encoded", "not-utf8", "nan", "array", "string", "empty"],
)
def test_malformed_json_is_422_and_changes_nothing(world: World, content: bytes) -> None:
    with world.unchanged():
        answer = world.api.post("/project", content=content, headers={"Content-Type": "application/json"})
        body = world.expect(answer, 422, "validation_error")
    assert body["errors"][0]["field"] == "body"


@pytest.mark.parametrize(
    ("path", "payload", "field"),
    [
        ("/project", {"project_name": 123}, "body.project_name"),
        ("/project", {}, "body.project_name"),
        ("/model/face", {"prompt": "x", "num_output_images": "two"}, "body.num_output_images"),
        ("/model/face", {"prompt": "x", "num_output_images": 5}, "body.num_output_images"),
        ("/model/face", {"prompt": ""}, "body.prompt"),
        ("/task/generate", {"project_id": "p", "task_ids": "t"}, "body.task_ids"),
        ("/task/generate", {"project_id": "p", "task_ids": []}, "body.task_ids"),
        ("/upscale", {"image": "x", "upscale_factor": 9}, "body.upscale_factor"),
        ("/video", {"project_id": "p", "sku_id": "s", "video_length": "7", "prompt": "x",
                    "first_frame_image": {"image_id": "i"}}, "body.video_length"),
    ],
)  # fmt: skip
def test_wrong_types_name_the_field(world: World, path: str, payload: dict[str, Any], field: str) -> None:
    with world.unchanged():
        body = world.expect(world.api.post(path, json=payload), 422, "validation_error")
    assert field in {e["field"] for e in body["errors"]}


def test_wrong_query_types_and_methods(world: World) -> None:
    with world.unchanged():
        body = world.expect(
            world.api.get("/metering/credit-history", params={"fetch_all": "maybe"}), 422, "validation_error"
        )
        assert body["errors"][0]["field"] == "query.fetch_all"
        wrong = world.expect(world.api.delete("/project"), 405, "method_not_allowed")
        assert "GET" in wrong["detail"]


def test_wrong_types_through_the_client_are_typed_validation_errors(world: World) -> None:
    with world.unchanged():
        with pytest.raises(ValidationError) as caught:
            world.huhu.call(generate_face, body=GenerateFaceRequest(prompt="x", num_output_images=9))
        assert caught.value.status == 422 and caught.value.code == "validation_error"
        assert [e.field for e in caught.value.errors] == ["body.num_output_images"]
        assert caught.value.path == "/public/v1/model/face"
        with pytest.raises(ValidationError) as missing:
            world.huhu.call(get_tasks, task_id=world.task)  # task detail needs project_id and sku_id
        assert {e.field for e in missing.value.errors} == {"query.project_id", "query.sku_id"}


# -- images -------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("file_data", "message"),
    [
        (b64(b"\x89PNG" + b"\0" * 20_000_010), "larger than"),  # over 20 MB decoded
        (b64(b"just some text, not an image"), ""),
        ("this is not base64 !!", ""),
        (b64(png(fmt="GIF")), ""),
        (b64(png()[:60]), ""),  # truncated PNG
    ],
    ids=["huge", "text", "not-base64", "gif", "truncated"],
)
def test_bad_images_are_422_and_create_nothing(world: World, file_data: str, message: str) -> None:
    with world.unchanged():
        for file_type in ("garment_image", "model_image"):
            with pytest.raises(ValidationError) as caught:
                world.huhu.call(
                    upload_project_file,
                    body=UploadRequest(project_id=world.project, file_type=file_type, file_data=file_data),
                )
            assert caught.value.errors[0].field == "body.file_data"
            assert message in caught.value.errors[0].message
        with pytest.raises(ValidationError):
            world.huhu.call(create_upscale, body=UpscaleRequest(image=file_data))


def test_a_body_over_the_size_limit_is_413(world: World) -> None:
    payload = {
        "project_id": world.project,
        "file_type": "garment_image",
        "file_data": "A" * (31 * 1024 * 1024),
    }
    with world.unchanged():
        body = world.expect(world.api.post("/project/upload", json=payload), 413, "payload_too_large")
    assert "larger than" in body["detail"]  # the mock's safety limit, answered as a gateway would


# -- zips through the presigned upload --------------------------------------------------------------
BAD_ZIPS: dict[str, bytes] = {
    "zip-slip": make_zip({"../../etc/evil.png": png()}),
    "absolute-path": make_zip({"/tmp/evil.png": png()}),
    "zip-bomb": make_zip({"shirt/front.png": png(), "shirt/bomb.png": b"\0" * 3_000_000}),
    "non-image-member": make_zip({"shirt/front.png": b"GIF89a not really"}),
    "not-a-zip": b"PK\x03\x04 but nothing else of a zip",
}


@pytest.mark.parametrize("name", sorted(BAD_ZIPS))
def test_bad_zips_are_422_and_create_no_sku(world: World, name: str) -> None:
    data = BAD_ZIPS[name]
    upload = world.api.post(
        "/project/upload", json={"project_id": world.project, "file_type": "sku_zip", "file_size": len(data)}
    ).json()
    parts = []
    size = -(-len(data) // len(upload["upload_urls"]))  # the answer has no part_size (a mock extra)
    for number, url in enumerate(upload["upload_urls"], start=1):
        chunk = data[(number - 1) * size : number * size]
        put = httpx.put(url, content=chunk)
        assert put.status_code == 200
        parts.append({"PartNumber": number, "ETag": put.headers["ETag"]})
    complete = {
        "project_id": world.project,
        "key": upload["key"],
        "upload_id": upload["upload_id"],
        "parts": parts,
    }
    before = world.mock.state()
    body = world.expect(
        world.api.post("/project/complete_multipart_upload", json=complete), 422, "validation_error"
    )
    assert body["errors"][0]["field"].startswith("zip")
    after = world.mock.state()
    # Nothing changed but the refused upload itself: it is closed and its parts are deleted at once
    # (issue 12, D-MOCK-UPLOAD-EXPIRY).
    ignored = ("now", "uploads", "upload_parts")
    assert {k: v for k, v in after.items() if k not in ignored} == {
        k: v for k, v in before.items() if k not in ignored
    }
    assert [u["state"] for u in after["uploads"] if u["upload_id"] == upload["upload_id"]] == ["rejected"]
    assert not [p for p in after["upload_parts"] if p["upload_id"] == upload["upload_id"]]
    assert len(after["skus"]) == 1  # only the world's own garment
    assert (
        world.api.get("/project", params={"project_id": world.project}).json()["project_status"] != "Creating"
    )


# -- ids of other teams, unknown ids ------------------------------------------------------------------
def test_foreign_ids_are_403_and_unknown_ids_404(world: World) -> None:
    s = world.stranger
    unknown = "0" * 32
    calls: list[tuple[type[APIStatusError], Callable[[], object]]] = [
        (PermissionDeniedError, lambda: world.huhu.call(get_projects, project_id=s["project_id"])),
        (PermissionDeniedError, lambda: world.huhu.call(get_projects, program_id=s["program_id"])),
        (PermissionDeniedError, lambda: world.huhu.call(get_credit_history, program_id=s["program_id"])),
        (
            PermissionDeniedError,
            lambda: world.huhu.call(get_generation_request, request_id=s["face_request"]),
        ),
        (PermissionDeniedError, lambda: world.huhu.call(get_upscale, request_id=s["upscale_request"])),
        (
            PermissionDeniedError,
            lambda: world.huhu.call(
                create_project, body=CreateProjectRequest(project_name="sneaky", program_id=s["program_id"])
            ),
        ),
        (
            PermissionDeniedError,
            lambda: world.huhu.call(
                upload_project_file,
                body=UploadRequest(
                    project_id=s["project_id"], file_type="garment_image", file_data=b64(png())
                ),
            ),
        ),
        (
            PermissionDeniedError,  # spending in another team's program is refused before any charge
            lambda: world.huhu.call(
                generate_face, body=GenerateFaceRequest(prompt="on their bill", program_id=s["program_id"])
            ),
        ),
        (
            PermissionDeniedError,  # their model image on our task
            lambda: world.huhu.call(
                update_task,
                body=UpdateTaskRequest(
                    project_id=world.project,
                    sku_id=world.sku,
                    task_id=world.task,
                    model_image=s["model_image"],
                ),
            ),
        ),
        (NotFoundError, lambda: world.huhu.call(get_projects, project_id=unknown)),
        (NotFoundError, lambda: world.huhu.call(get_generation_request, request_id=unknown)),
        (NotFoundError, lambda: world.huhu.call(get_upscale, request_id=unknown)),
        (
            NotFoundError,
            lambda: world.huhu.call(
                generate_tasks, body=GenerateTasksRequest(project_id=world.project, task_ids=[unknown])
            ),
        ),
        (
            NotFoundError,
            lambda: world.huhu.call(
                create_tasks, body=CreateTasksRequest(project_id=world.project, sku_ids=[unknown])
            ),
        ),
    ]
    with world.unchanged():
        for expected, call in calls:
            with pytest.raises(APIStatusError) as caught:
                call()
            assert type(caught.value) is expected, caught.value
            assert caught.value.code == ("forbidden" if expected is PermissionDeniedError else "not_found")
    assert world.mock.credits(world.stranger_key) == 100 - 1 - 2


# -- signed URLs ------------------------------------------------------------------------------------
def signed_output(world: World) -> str:
    face = world.huhu.call(generate_face, body=GenerateFaceRequest(prompt="x"))
    done = world.huhu.wait_for_generation(face.request_id, interval=5)
    return str(done.images_generated[0].model_image_url)


def with_query(url: str, **changes: str) -> str:
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query))
    query.update(changes)
    return urlunsplit(parts._replace(query=urlencode(query)))


def test_tampered_download_urls_are_403(world: World) -> None:
    url = signed_output(world)
    assert httpx.get(url).status_code == 200
    query = dict(parse_qsl(urlsplit(url).query))
    signature = query["signature"]
    flipped = signature[:-1] + ("0" if signature[-1] != "0" else "1")
    tampered = [
        with_query(url, signature=flipped),
        with_query(url, expires=str(int(float(query["expires"])) + 3600)),
        url.replace("/generated/", "/generated/../generated/x"),
        url.replace("/1.png", "/2.png"),
        url.split("?")[0],
    ]
    with world.unchanged():
        for bad in tampered:
            world.expect(httpx.get(bad), 403, "forbidden")


def test_expired_download_and_upload_urls_are_403(world: World) -> None:
    url = signed_output(world)
    upload = world.api.post(
        "/project/upload", json={"project_id": world.project, "file_type": "sku_zip", "file_size": 10}
    ).json()
    world.mock.advance(TTL - 1)
    assert httpx.get(url).status_code == 200  # still valid
    world.mock.advance(2)  # past the TTL
    with world.unchanged():
        body = world.expect(httpx.get(url), 403, "forbidden")
        assert "expired" in body["detail"]
        world.expect(httpx.put(upload["upload_urls"][0], content=b"0123456789"), 403, "forbidden")
        # an expired URL given as an input image is a field error of that request
        with pytest.raises(ValidationError) as caught:
            world.huhu.call(create_upscale, body=UpscaleRequest(image=url))
        assert caught.value.errors[0].field == "body.image"


# -- keys, money and state ------------------------------------------------------------------------
@pytest.mark.parametrize(
    "authorization",
    [None, "", "Bearer", "Basic abc", "Bearer sk-123", "Bearer sk-" + "ab" * 24],
    ids=["none", "empty", "no-token", "basic", "malformed", "unknown"],
)
def test_bad_keys_are_401_and_never_echoed(world: World, authorization: str | None) -> None:
    headers = {} if authorization is None else {"Authorization": authorization}
    with world.unchanged(), httpx.Client(base_url=BASE_URL) as anonymous:
        answer = anonymous.post("/model/face", json={"prompt": "x"}, headers=headers)
        world.expect(answer, 401, "unauthorized")
    token = (authorization or "").partition(" ")[2]
    assert not token or token not in answer.text  # the key given is never echoed
    if authorization and authorization.startswith("Bearer sk-"):
        with (
            Huhu(authorization.removeprefix("Bearer "), max_retries=0) as stranger,
            pytest.raises(AuthenticationError) as caught,
        ):
            stranger.plan()
        assert token not in str(caught.value)


def test_illegal_states_are_422_invalid_state(world: World) -> None:
    models = world.huhu.call(get_models)
    assert isinstance(models, ModelList)
    images = world.huhu.call(get_models, model_id=models.models[0].model_id)
    assert isinstance(images, ModelImageList)
    image = images.model_images[0].model_image_id
    body = UpdateTaskRequest(
        project_id=world.project, sku_id=world.sku, task_id=world.task, model_image=image
    )
    generate = GenerateTasksRequest(project_id=world.project, task_ids=[world.task])
    with world.unchanged():
        with pytest.raises(ValidationError) as no_model:  # no model_image yet
            world.huhu.call(generate_tasks, body=generate)
        assert no_model.value.code == "invalid_state"
    world.huhu.call(update_task, body=body)
    world.huhu.call(generate_tasks, body=generate)
    with world.unchanged():
        with pytest.raises(ValidationError) as again:  # already generating
            world.huhu.call(generate_tasks, body=generate)
        assert again.value.code == "invalid_state"
        with pytest.raises(ValidationError) as moving:  # no changes while it generates
            world.huhu.call(update_task, body=body)
        assert moving.value.code == "invalid_state"
        twice = GenerateTasksRequest(project_id=world.project, task_ids=[world.task, world.task])
        with pytest.raises(ValidationError) as listed_twice:
            world.huhu.call(generate_tasks, body=twice)
        assert listed_twice.value.code == "validation_error"


def test_insufficient_credits_is_402_with_amounts_and_charges_nothing(world: World) -> None:
    world.mock.set_credits(3)
    with world.unchanged():
        with pytest.raises(InsufficientCreditsError) as caught:
            world.huhu.call(generate_face, body=GenerateFaceRequest(prompt="x", num_output_images=4))
        assert (caught.value.credits_required, caught.value.credits_available) == (4, 3)
        body = world.expect(
            world.api.post("/upscale", json={"image": b64(png()), "num_images": 2}),
            402,
            "insufficient_credits",
        )
        assert (body["credits_required"], body["credits_available"]) == (4, 3)


# -- parallel spending across two server processes on one --db --------------------------------------
def test_two_server_processes_on_one_db_never_overspend(tmp_path: Path) -> None:
    db = tmp_path / "shared.sqlite"
    with HuhuMockServer(db_path=db, strict=False) as one:
        team = one.new_team(credits=12, slots=100)
        with HuhuMockServer(db_path=db, strict=False) as two:
            barrier = threading.Barrier(24)
            statuses: list[int] = []
            lock = threading.Lock()

            def spend(server: HuhuMockServer) -> None:
                barrier.wait()
                answer = httpx.post(
                    server.base_url + "/model/face",
                    json={"prompt": "race", "num_output_images": 1},
                    headers={"Authorization": f"Bearer {team.api_key}"},
                    timeout=60,
                )
                with lock:
                    statuses.append(answer.status_code)

            threads = [threading.Thread(target=spend, args=(server,)) for server in [one, two] * 12]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=90)
            assert sorted(statuses) == [200] * 12 + [402] * 12
            assert one.credits(team.api_key) == two.credits(team.api_key) == 0
            ledger = [e for e in two.state()["ledger"] if e["team_id"] == team.team_id]
            assert len(ledger) == 12 and sum(e["credits"] for e in ledger) == 12

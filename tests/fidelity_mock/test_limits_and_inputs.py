"""Limits only where the reference states them; documented inputs accepted; a real MP4 (D-429, D-MOCK-URLS,
D-MOCK-VIDEO, D-MOCK-LIMITS)."""

from __future__ import annotations

import io
from urllib.parse import parse_qsl, urlencode, urlsplit

import av
import pytest
from fm_support import API, AUTH, Mock, b64, png, strict_mock
from PIL import Image

import mock_server.app


def tasks_ready(mock: Mock, count: int) -> tuple[str, list[str]]:
    """A project with ``count`` tasks, each with a model image set (found without any extra field)."""
    project = mock.call("create_project", "", "POST", "/project", {"project_name": "many"})["project_id"]
    for i in range(count):
        body = {
            "project_id": project,
            "file_type": "garment_image",
            "file_data": b64(png(60, 70, (i * 20, 90, 90))),
        }
        mock.call("upload_project_file", "garment_image", "POST", "/project/upload", body)
    skus = {
        s["sku_name"]: s["sku_id"]
        for s in mock.call("get_skus", "list", "GET", "/sku", project_id=project)["skus"]
    }
    mock.call("create_tasks", "", "POST", "/task", {"project_id": project, "sku_ids": list(skus.values())})
    model = mock.call("get_models", "list", "GET", "/model")["models"][0]["model_id"]
    image = mock.call("get_models", "images", "GET", "/model", model_id=model)["model_images"][0][
        "model_image_id"
    ]
    tasks = []
    for group in mock.call("get_tasks", "list", "GET", "/task", project_id=project)["skus"]:
        for task in group["tasks"]:
            body = {
                "project_id": project,
                "sku_id": skus[group["sku_name"]],
                "task_id": task["task_id"],
                "model_image": image,
            }
            mock.call("update_task", "", "PUT", "/task", body)
            tasks.append(task["task_id"])
    return project, tasks


def test_eleven_tasks_in_one_generate_is_429_with_retry_after_and_charges_nothing() -> None:
    with strict_mock() as mock:
        project, tasks = tasks_ready(mock, 11)
        assert len(tasks) == 11  # the team has the reference's 10 concurrent slots
        before = mock.call("get_plan", "", "GET", "/metering/plan")
        reply = mock.http.post(
            API + "/task/generate", json={"project_id": project, "task_ids": tasks}, headers=AUTH
        )
        assert reply.status_code == 429, reply.get_json()
        assert int(reply.headers["Retry-After"]) >= 1
        assert "concurrent" in reply.get_json()["detail"].lower()
        assert mock.call("get_plan", "", "GET", "/metering/plan") == before
        statuses = {
            t["task_status"]
            for g in mock.call("get_tasks", "list", "GET", "/task")["skus"]
            for t in g["tasks"]
        }
        assert statuses == {"Task created"}
        # ten fit; the eleventh waits for a slot: 429 again, with the time until the first one frees
        mock.call(
            "generate_tasks", "", "POST", "/task/generate", {"project_id": project, "task_ids": tasks[:10]}
        )
        reply = mock.http.post(
            API + "/task/generate", json={"project_id": project, "task_ids": tasks[10:]}, headers=AUTH
        )
        assert reply.status_code == 429 and reply.headers["Retry-After"] == "4"  # tryon_seconds
        mock.advance(4)
        mock.call(
            "generate_tasks", "", "POST", "/task/generate", {"project_id": project, "task_ids": tasks[10:]}
        )


def test_oversized_body_is_413_and_the_limit_is_generous(monkeypatch: pytest.MonkeyPatch) -> None:
    assert mock_server.app.MAX_JSON_BYTES >= 30 * 1024 * 1024  # a 20 MB image in base64 fits
    monkeypatch.setattr(mock_server.app, "MAX_JSON_BYTES", 2000)
    with strict_mock() as mock:
        reply = mock.http.post(API + "/project", json={"project_name": "x" * 3000}, headers=AUTH)
        assert reply.status_code == 413
        assert reply.get_json()["code"] == "payload_too_large"
        assert mock.call("get_projects", "list", "GET", "/project")["projects"] == []


FOREIGN = "https://s3.amazonaws.com/bucket/generated.png?X-Amz-Signature=abc"


def test_an_https_url_is_an_upscale_input_rendered_offline() -> None:
    with strict_mock() as mock:
        first = mock.call("create_upscale", "", "POST", "/upscale", {"image": FOREIGN, "upscale_factor": 2})
        second = mock.call("create_upscale", "", "POST", "/upscale", {"image": FOREIGN, "upscale_factor": 2})
        other = mock.call(
            "create_upscale", "", "POST", "/upscale", {"image": FOREIGN + "x", "upscale_factor": 2}
        )
        mock.advance(5)
        pictures = []
        for request in (first, second, other):
            done = mock.call("get_upscale", "", "GET", "/upscale", request_id=request["request_id"])
            assert done["status"] == "success"
            download = mock.get_url(done["result_urls"][0])
            assert download.status_code == 200
            pictures.append(download.data)
        assert Image.open(io.BytesIO(pictures[0])).size == (1024, 1536)  # the 512x768 placeholder, x2
        assert pictures[0] == pictures[1] != pictures[2]  # deterministic, seeded by the URL


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/pose", {"reference_image": FOREIGN, "pose_title": "From S3"}),
        ("/model/image", {"prompt": "a model", "reference_image": "http://example.com/ref.jpg"}),
        ("/model/pose", {"prompt": "arms up", "reference_image": "https://cdn.huhu.ai/poses/xxx.png"}),
    ],
)
def test_urls_are_accepted_where_the_reference_allows_a_url(path: str, body: dict[str, str]) -> None:
    with strict_mock() as mock:
        reply = mock.http.post(API + path, json=body, headers=AUTH)
        assert reply.status_code == 200, reply.get_json()


def test_the_mocks_own_urls_are_still_checked_for_tampering_and_expiry() -> None:
    with strict_mock(url_ttl_seconds=60) as mock:
        request = mock.call("generate_face", "", "POST", "/model/face", {"prompt": "a face"})["request_id"]
        mock.advance(5)
        url = mock.call("get_generation_request", "", "GET", "/model/image", request_id=request)[
            "images_generated"
        ][0]["model_image_url"]
        parts = urlsplit(url)
        query = dict(parse_qsl(parts.query))
        tampered = parts._replace(
            query=urlencode({**query, "signature": "0" * len(query["signature"])})
        ).geturl()
        for bad in (tampered, parts._replace(path=parts.path.replace(".png", "x.png")).geturl()):
            reply = mock.http.post(API + "/upscale", json={"image": bad}, headers=AUTH)
            assert reply.status_code == 422 and reply.get_json()["errors"][0]["field"] == "body.image"
        assert mock.http.post(API + "/upscale", json={"image": url}, headers=AUTH).status_code == 200
        mock.advance(120)  # expired
        reply = mock.http.post(API + "/upscale", json={"image": url}, headers=AUTH)
        assert reply.status_code == 422 and "expired" in reply.get_json()["detail"]
        assert (
            mock.http.post(API + "/upscale", json={"image": "https:///nohost.png"}, headers=AUTH).status_code
            == 422
        )


def test_the_video_is_a_real_mp4_served_as_video_mp4() -> None:
    with strict_mock() as mock:
        project = mock.call("create_project", "", "POST", "/project", {"project_name": "v"})["project_id"]
        body = {"project_id": project, "file_type": "garment_image", "file_data": b64(png())}
        mock.call("upload_project_file", "garment_image", "POST", "/project/upload", body)
        sku = mock.call("get_skus", "list", "GET", "/sku", project_id=project)["skus"][0]["sku_id"]
        video = {
            "project_id": project,
            "sku_id": sku,
            "video_length": "10",
            "prompt": "walk",
            "first_frame_image": {"image_base64": b64(png(80, 120))},
        }
        mock.call("create_video", "", "POST", "/video", video)
        mock.advance(5)
        done = mock.call("list_video_requests", "", "GET", "/video/requests")["requests"][0]
        assert done["request_status"] == "Generation completed" and done["duration"] == "10"
        assert urlsplit(done["video_url"]).path.endswith(".mp4")
        download = mock.get_url(done["video_url"])
        assert download.status_code == 200 and download.mimetype == "video/mp4"
        data = download.data
    assert data[4:8] == b"ftyp"
    with av.open(io.BytesIO(data)) as container:
        frames = list(container.decode(video=0))
    assert len(frames) == 10 * 4 and frames[0].width == 160 and frames[0].height == 240

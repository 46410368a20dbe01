"""Helpers of the fidelity tests: a strict in-process mock, a walk through all 27 operations, field checks."""

from __future__ import annotations

import base64
import io
import json
import math
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from flask.testing import FlaskClient
from PIL import Image

from huhu_ext.spec import Spec
from mock_server import HuhuBackend, create_app
from mock_server.fidelity import EXTRA_MARK

API = "/public/v1"
KEY = "sk-" + "deadbeef" * 6
AUTH = {"Authorization": f"Bearer {KEY}"}


def png(width: int = 60, height: int = 70, color: tuple[int, int, int] = (200, 60, 60)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), color).save(buffer, format="PNG")
    return buffer.getvalue()


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def garment_zip() -> bytes:
    """Two SKU folders: a shirt with front and back views, jeans with a front view."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("linen-shirt/shirt-front.png", png(60, 70, (240, 240, 200)))
        archive.writestr("linen-shirt/shirt-back.png", png(60, 70, (230, 230, 190)))
        archive.writestr("blue-jeans/jeans-front.png", png(50, 90, (30, 40, 160)))
    return buffer.getvalue()


@dataclass
class Mock:
    """A strict mock app (every answer checked against the spec) and the answers it gave."""

    backend: HuhuBackend
    http: FlaskClient
    answers: list[tuple[str, str, Any]] = field(default_factory=list)  # (operation, variant, body)

    def call(self, op: str, variant: str, method: str, path: str, body: Any = None, **query: str) -> Any:
        reply = self.http.open(API + path, method=method, json=body, query_string=query, headers=AUTH)
        assert reply.status_code == 200, (method, path, reply.status_code, reply.get_json())
        answer = reply.get_json()
        self.answers.append((op, variant, answer))
        return answer

    def advance(self, seconds: float) -> None:
        self.backend.advance_clock(seconds)

    def get_url(self, url: str) -> Any:
        parts = urlsplit(url)
        return self.http.get(parts.path, query_string=parts.query)


@contextmanager
def strict_mock(**options: Any) -> Iterator[Mock]:
    backend = HuhuBackend(clock="manual", job_seconds=2, tryon_seconds=4, part_size=1024, **options)
    try:
        yield Mock(backend, create_app(backend, strict=True).test_client())
    finally:
        backend.close()


def walk_all_operations(mock: Mock) -> dict[str, str]:
    """Call every operation of the spec (27), each answer variant the reference shows; the ids made."""
    call = mock.call
    call("get_plan", "", "GET", "/metering/plan")
    call("create_program", "", "POST", "/program", {"program_name": "Brand"})
    call("list_programs", "", "GET", "/program")
    project = call("create_project", "", "POST", "/project", {"project_name": "Spring"})["project_id"]
    call("get_projects", "list", "GET", "/project")
    call("get_projects", "detail", "GET", "/project", project_id=project)
    upload = {"project_id": project, "file_data": b64(png())}
    call(
        "upload_project_file",
        "garment_image",
        "POST",
        "/project/upload",
        {**upload, "file_type": "garment_image"},
    )
    call("upload_project_file", "image", "POST", "/project/upload", {**upload, "file_type": "model_image"})

    data = garment_zip()
    init = call(
        "upload_project_file",
        "sku_zip",
        "POST",
        "/project/upload",
        {"project_id": project, "file_type": "sku_zip", "file_size": len(data)},
    )
    size = math.ceil(len(data) / len(init["upload_urls"]))  # no part_size with extras off
    parts = []
    for number, url in enumerate(init["upload_urls"], start=1):
        target = urlsplit(url)
        put = mock.http.put(
            target.path, query_string=target.query, data=data[(number - 1) * size : number * size]
        )
        assert put.status_code == 200
        parts.append({"PartNumber": number, "ETag": put.headers["ETag"]})
    complete = {"project_id": project, "key": init["key"], "upload_id": init["upload_id"], "parts": parts}
    call("complete_multipart_upload", "", "POST", "/project/complete_multipart_upload", complete)

    skus = {
        s["sku_name"]: s["sku_id"]
        for s in call("get_skus", "list", "GET", "/sku", project_id=project)["skus"]
    }
    shirt = skus["linen-shirt"]
    call("get_skus", "detail", "GET", "/sku", project_id=project, sku_id=shirt)

    models = call("get_models", "list", "GET", "/model")["models"]
    preset = models[0]["model_id"]
    images = call("get_models", "images", "GET", "/model", model_id=preset)["model_images"]
    image = images[0]
    call(
        "update_skus",
        "",
        "PUT",
        "/sku",
        {"sku_ids": [shirt], "model_id": preset, "style_id": image["style_id"], "garment_type": "Top"},
    )
    call("create_tasks", "", "POST", "/task", {"project_id": project, "sku_ids": [shirt]})
    groups = call("get_tasks", "list", "GET", "/task", project_id=project)["skus"]
    task = next(t["task_id"] for g in groups if g["sku_name"] == "linen-shirt" for t in g["tasks"])
    put_task = {
        "project_id": project,
        "task_id": task,
        "sku_id": shirt,
        "model_image": image["model_image_id"],
    }
    call("update_task", "", "PUT", "/task", put_task)
    call("generate_tasks", "", "POST", "/task/generate", {"project_id": project, "task_ids": [task]})

    own = call(
        "create_model",
        "",
        "POST",
        "/model",
        {"model_name": "Own", "model_type": "Women", "attributes": {"hair_color": "Red"}},
    )["model_id"]
    call("generate_face", "", "POST", "/model/face", {"prompt": "a face", "num_output_images": 2})
    request = call("create_model_image", "generate", "POST", "/model/image", {"prompt": "a model"})[
        "request_id"
    ]
    call(
        "generate_pose",
        "",
        "POST",
        "/model/pose",
        {"prompt": "arms up", "reference_image": image["model_image_id"]},
    )
    mock.advance(10)
    generated = call("get_generation_request", "", "GET", "/model/image", request_id=request)[
        "images_generated"
    ]
    save = {"model_id": own, "style_id": "s1", "image_url": generated[0]["model_image_url"]}
    call("create_model_image", "save", "POST", "/model/image", save)

    call("list_pose_library", "", "GET", "/pose/library")
    pose = call(
        "create_pose", "", "POST", "/pose", {"reference_image": b64(png(40, 80)), "pose_title": "Mine"}
    )
    call("get_poses", "list", "GET", "/pose")
    call("get_poses", "detail", "GET", "/pose", pose_id=pose["pose_id"])

    detail = call("get_tasks", "detail", "GET", "/task", project_id=project, sku_id=shirt, task_id=task)
    assert detail["task_status"] == "Generation completed", detail
    output = detail["output"][0]
    video = {
        "project_id": project,
        "sku_id": shirt,
        "video_length": "5",
        "prompt": "turn around",
        "first_frame_image": {"image_id": output["image_id"]},
    }
    call("create_video", "", "POST", "/video", video)
    upscale = call("create_upscale", "", "POST", "/upscale", {"image": output["image_url"]})["request_id"]
    mock.advance(10)
    call("list_video_requests", "", "GET", "/video/requests")
    call("get_upscale", "", "GET", "/upscale", request_id=upscale)
    call("get_credit_history", "", "GET", "/metering/credit-history")
    return {
        "project_id": project,
        "sku_id": shirt,
        "task_id": task,
        "model_id": own,
        "preset_model_id": preset,
        "style_id": image["style_id"],
        "request_id": request,
        "pose_id": pose["pose_id"],
        "upscale_id": upscale,
    }


# -- what the reference documents -------------------------------------------------------------------
def merge_items(items: list[Any]) -> Any:
    """One documented item from an example array's items (the union of their fields)."""
    merged: Any = None
    for item in items:
        if isinstance(item, dict):
            merged = {**(merged if isinstance(merged, dict) else {}), **item}
        elif merged is None:
            merged = item
    return merged


def undocumented(value: Any, documented: Any, path: tuple[str, ...] = ()) -> list[str]:
    """The paths of fields in ``value`` that ``documented`` (an example) does not show."""
    found: list[str] = []
    if isinstance(value, dict):
        shown = documented if isinstance(documented, dict) else {}
        for key, item in value.items():
            if key not in shown:
                found.append(".".join((*path, key)))
            else:
                found += undocumented(item, shown[key], (*path, key))
    elif isinstance(value, list):
        example = merge_items(documented) if isinstance(documented, list) else None
        for item in value:
            if isinstance(item, dict | list) and example is None:
                found.append(".".join((*path, "[]")))
                break
            found += undocumented(item, example, (*path, "[]"))
    return found


def with_inferred(example: Any, paths: list[tuple[str, ...]]) -> Any:
    """A copy of ``example`` with the inferred fields added: ``(field,)`` or ``(array, "[]", field)``."""
    example = json.loads(json.dumps(example))
    for path in paths:
        if len(path) == 1:
            example[path[0]] = None
        else:
            assert len(path) == 3 and path[1] == "[]", path
            for item in example[path[0]]:
                item[path[2]] = None
    return example


def schema_example(spec: Spec, schema: dict[str, Any], seen: tuple[str, ...] = ()) -> Any:
    """A documented-fields tree from a spec schema, without the ``x-huhu-mock-extra`` properties."""
    ref = schema.get("$ref")
    if isinstance(ref, str):
        if ref in seen:
            return None
        seen = (*seen, ref)
    schema = spec.resolve(schema)
    if "properties" in schema:
        return {
            name: schema_example(spec, prop, seen)
            for name, prop in schema["properties"].items()
            if not spec.resolve(prop).get(EXTRA_MARK) and not prop.get(EXTRA_MARK)
        }
    if "items" in schema:
        return [schema_example(spec, schema["items"], seen)]
    return None


def marked_extras(spec: Spec) -> set[str]:
    """The names of every property marked ``x-huhu-mock-extra`` in the spec."""
    names: set[str] = set()

    def visit(node: Any) -> None:
        if isinstance(node, dict):
            for name, prop in node.get("properties", {}).items():
                if isinstance(prop, dict) and prop.get(EXTRA_MARK):
                    names.add(name)
            for child in node.values():
                visit(child)
        elif isinstance(node, list):
            for child in node:
                visit(child)

    visit(spec.document)
    return names

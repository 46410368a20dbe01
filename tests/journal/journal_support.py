"""A try-on through the public API, shared by the journal and dashboard tests."""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass

import httpx
from PIL import Image

from mock_server import catalog


def png(width: int = 40, height: int = 60) -> bytes:
    buffer = io.BytesIO()
    image = Image.new("RGB", (width, height), (255, 255, 255))
    image.paste((30, 60, 200), (width // 5, height // 5, width - width // 5, height - height // 5))
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


@dataclass(frozen=True)
class TryOn:
    project_id: str
    sku_id: str
    task_id: str


def preset_model_image() -> str:
    return catalog.preset_models()[0].images[0].model_image_id


def start_tryon(api: httpx.Client, name: str = "summer-shoot", *, generate: bool = True) -> TryOn:
    """Project → garment upload (one SKU) → tasks → model image → generate (when ``generate``)."""
    project = api.post("/project", json={"project_name": name})
    assert project.status_code == 200, project.text
    project_id = project.json()["project_id"]
    upload = api.post(
        "/project/upload",
        json={"project_id": project_id, "file_type": "garment_image", "file_data": b64(png())},
    )
    assert upload.status_code == 200, upload.text
    # The reference's upload answer names no SKU (D-MOCK-EXTRAS): the project's SKU list does.
    sku_id = api.get("/sku", params={"project_id": project_id}).json()["skus"][0]["sku_id"]
    created = api.post("/task", json={"project_id": project_id, "sku_ids": [sku_id]})
    assert created.status_code == 200, created.text
    tasks = api.get("/task", params={"project_id": project_id}).json()["skus"][0]["tasks"]
    task_id = tasks[0]["task_id"]
    updated = api.put(
        "/task",
        json={
            "project_id": project_id,
            "sku_id": sku_id,
            "task_id": task_id,
            "model_image": preset_model_image(),
        },
    )
    assert updated.status_code == 200, updated.text
    if generate:
        started = api.post("/task/generate", json={"project_id": project_id, "task_ids": [task_id]})
        assert started.status_code == 200, started.text
    return TryOn(project_id, sku_id, task_id)

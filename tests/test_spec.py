"""openapi.json against the API reference: operations, parameters, enums, costs, pagination."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from openapi_spec_validator import validate

from huhu_ext.spec import load_spec

ROOT = Path(__file__).resolve().parent.parent
SPEC: dict[str, Any] = json.loads((ROOT / "openapi.json").read_text())

# The Quick Reference of the API reference, line by line (GET /model appears twice there).
QUICK_REFERENCE = """
GET /metering/plan
GET /metering/credit-history
GET /program
POST /program
GET /project
POST /project
POST /model
GET /model
POST /model/face
POST /model/image
GET /model/image
POST /model/pose
GET /pose/library
GET /pose
POST /pose
GET /sku
PUT /sku
POST /project/upload
POST /project/complete_multipart_upload
POST /task
PUT /task
POST /task/generate
GET /task
POST /video
GET /video/requests
POST /upscale
GET /upscale
"""

# Every documented parameter per operation (query for GET, JSON body otherwise), from the reference's
# tables; the flag says whether the reference marks it required.
PARAMETERS: dict[tuple[str, str], dict[str, bool]] = {
    ("GET", "/metering/plan"): {"program_id": False},
    ("GET", "/metering/credit-history"): {"program_id": False, "pagination_token": False, "fetch_all": False},
    ("GET", "/program"): {"owned": False, "pagination_token": False},
    ("POST", "/program"): {"program_name": True},
    ("GET", "/project"): {"project_id": False, "pagination_token": False},
    ("POST", "/project"): {"project_name": True, "program_id": False},
    ("POST", "/project/upload"): {
        "project_id": True,
        "file_type": True,
        "program_id": False,
        "file_data": False,
        "file_size": False,
    },
    ("POST", "/project/complete_multipart_upload"): {
        "project_id": True,
        "key": True,
        "upload_id": True,
        "parts": True,
        "program_id": False,
    },
    ("POST", "/model"): {
        "model_name": True,
        "model_type": False,
        "model_size": False,
        "attributes": False,
        "program_id": False,
    },
    ("GET", "/model"): {
        "model_id": False,
        "model_type": False,
        "model_size": False,
        "ethnicity": False,
        "age_range": False,
        "hair_color": False,
        "skin_tone": False,
    },
    ("POST", "/model/face"): {"prompt": True, "mode": False, "num_output_images": False, "program_id": False},
    ("GET", "/model/image"): {"request_id": True, "program_id": False},
    ("POST", "/model/pose"): {"prompt": True, "reference_image": True, "program_id": False},
    ("GET", "/pose/library"): {"model_category": False, "prompt_type": False},
    ("GET", "/pose"): {"pose_id": False, "program_id": False},
    ("POST", "/pose"): {"reference_image": True, "pose_title": True, "program_id": False},
    ("GET", "/sku"): {"project_id": True, "sku_id": False, "pagination_token": False},
    ("PUT", "/sku"): {"sku_ids": True, "model_id": False, "style_id": False, "garment_type": False},
    ("POST", "/task"): {"project_id": True, "sku_ids": True, "program_id": False},
    ("PUT", "/task"): {
        "project_id": True,
        "task_id": True,
        "sku_id": True,
        "program_id": False,
        "model_id": False,
        "model_image": False,
    },
    ("POST", "/task/generate"): {
        "project_id": True,
        "task_ids": True,
        "program_id": False,
        "num_output_images": False,
        "prompt": False,
    },
    ("GET", "/task"): {"project_id": False, "sku_id": False, "task_id": False, "program_id": False},
    ("POST", "/video"): {
        "project_id": True,
        "sku_id": True,
        "video_length": True,
        "prompt": True,
        "first_frame_image": True,
        "program_id": False,
        "source_task_id": False,
    },
    ("GET", "/video/requests"): {"program_id": False, "limit": False, "pagination_token": False},
    ("POST", "/upscale"): {"image": True, "upscale_factor": False, "num_images": False, "program_id": False},
    ("GET", "/upscale"): {"request_id": True, "program_id": False},
}

# POST /model/image has two documented modes, each a body variant.
MODEL_IMAGE_MODES = {
    "GenerateModelImageRequest": {
        "prompt": True,
        "reference_image": False,
        "num_output_images": False,
        "program_id": False,
    },
    "SaveModelImageRequest": {
        "model_id": True,
        "style_id": True,
        "image_url": False,
        "file_data": False,
        "program_id": False,
    },
}

# Documented enum values: (schema or parameter location, values).
ENUMS: list[tuple[str, list[str]]] = [
    ("CreateModelRequest.model_type", ["Men", "Women", "Baby", "Toddler", "Kid", "Maternity"]),
    ("CreateModelRequest.model_size", ["Petit", "Regular", "Plus size"]),
    ("UploadRequest.file_type", ["garment_image", "sku_zip", "model_image", "reference_image"]),
    ("GenerateFaceRequest.mode", ["variety", "fidelity"]),
    ("CreateVideoRequest.video_length", ["5", "10"]),
    ("ModelImage.view_type", ["front_facing", "back_facing"]),
    ("ModelImage.crop_type", ["fullbody", "head_half_cropped", "top", "bottom"]),
    ("SavedModelImage.view_type", ["front_facing", "back_facing"]),
    (
        "LibraryPose.prompt_type",
        ["fullbody", "head_half_cropped", "top", "bottom", "close_up_upper_body", "close_up_lower_body"],
    ),
    ("LibraryPose.model_category", ["Women", "Men", "Child", "Infant"]),
    ("GarmentImage.garment_type", ["Top", "Bottom", "Shoes", "Accessory"]),
    ("GarmentImage.view", ["front", "back"]),
    ("ModelAttributes.age_range", ["Young", "Young Adult", "Middle-aged", "Mature", "Senior"]),
    ("ModelAttributes.skin_tone", ["Fair", "Light", "Medium", "Olive", "Tan", "Brown", "Dark"]),
    ("TaskSummary.task_status", ["Task created", "Submitted", "Generation", "Generation completed"]),
    ("TaskSummary.task_status", ["Editing", "Review", "Approved"]),
    ("TaskDetail.task_status", ["Task created", "Generation completed"]),
    ("GenerationRequest.status", ["Request Submitted", "Generation Completed"]),
    ("GenerationStatus.status", ["Request Submitted", "Generation Completed"]),
    ("ProjectSummary.project_status", ["Creating", "Created", "In process", "Completed"]),
    ("ProjectDetail.project_status", ["Creating", "Created", "In process", "Completed"]),
    ("VideoRequest.request_status", ["Generation completed"]),
    ("UpscaleStatus.status", ["success"]),
]


def _resolve(schema: dict[str, Any]) -> dict[str, Any]:
    return load_spec().resolve(schema)


def _enum_values(schema: dict[str, Any]) -> set[Any]:
    """Known values: a closed enum (request side), or the examples / lifecycle states of an open string."""
    schema = _resolve(schema)
    values = set(schema.get("enum", [])) | set(schema.get("examples", []))
    values |= set(schema.get("x-huhu-lifecycle", {}).get("states", {}))
    for variant in schema.get("anyOf", []) + schema.get("oneOf", []):
        values |= _enum_values(variant)
    return values


def _documented_params(method: str, path: str) -> dict[str, bool]:
    op = SPEC["paths"][path][method.lower()]
    found = {p["name"]: p["required"] for p in op.get("parameters", [])}
    if "requestBody" in op:
        body = _resolve(op["requestBody"]["content"]["application/json"]["schema"])
        for variant in [_resolve(v) for v in body.get("oneOf", [body])]:
            for name in variant.get("properties", {}):
                found[name] = name in variant.get("required", [])
    return found


def test_spec_is_valid_openapi_31() -> None:
    validate(SPEC)
    assert SPEC["openapi"].startswith("3.1")


def test_servers_and_security() -> None:
    urls = [s["url"] for s in SPEC["servers"]]
    assert urls == ["https://api.huhu.ai/public/v1", "https://api-gamma.huhu.ai/public/v1"]
    scheme = SPEC["components"]["securitySchemes"]["bearerAuth"]
    assert (scheme["type"], scheme["scheme"]) == ("http", "bearer")
    assert SPEC["security"] == [{"bearerAuth": []}]


def test_all_27_quick_reference_operations_present() -> None:
    wanted = {tuple(line.split()) for line in QUICK_REFERENCE.strip().splitlines()}
    have = {(m.upper(), p) for p, item in SPEC["paths"].items() for m in item}
    assert len(wanted) == 27
    assert have == wanted


def test_operation_ids_are_unique_snake_case_with_tags() -> None:
    ids = [op["operationId"] for item in SPEC["paths"].values() for op in item.values()]
    assert len(ids) == len(set(ids)) == 27
    tags = {"metering", "programs", "projects", "models", "poses", "skus", "tasks", "video", "upscale"}
    for item in SPEC["paths"].values():
        for op in item.values():
            assert op["operationId"].isidentifier() and op["operationId"].islower()
            assert op["summary"] and op["tags"][0] in tags


@pytest.mark.parametrize("key", sorted(PARAMETERS), ids=lambda k: f"{k[0]} {k[1]}")
def test_documented_parameters(key: tuple[str, str]) -> None:
    found = _documented_params(*key)
    for name, required in PARAMETERS[key].items():
        assert name in found, f"{key}: parameter {name} missing"
        assert found[name] == required, f"{key}: {name} required should be {required}"


@pytest.mark.parametrize("schema_name", sorted(MODEL_IMAGE_MODES))
def test_model_image_modes(schema_name: str) -> None:
    schema = SPEC["components"]["schemas"][schema_name]
    for name, required in MODEL_IMAGE_MODES[schema_name].items():
        assert name in schema["properties"]
        assert (name in schema.get("required", [])) == required


@pytest.mark.parametrize(("where", "values"), ENUMS, ids=[e[0] for e in ENUMS])
def test_documented_enum_values(where: str, values: list[str]) -> None:
    schema_name, prop = where.split(".")
    assert set(values) <= _enum_values(SPEC["components"]["schemas"][schema_name]["properties"][prop])


def test_query_parameter_enums_and_bounds() -> None:
    params = {p["name"]: p["schema"] for p in SPEC["paths"]["/model"]["get"]["parameters"]}
    assert set(params["model_type"]["enum"]) == {"Men", "Women", "Baby", "Toddler", "Kid", "Maternity"}
    lib = {p["name"]: p["schema"] for p in SPEC["paths"]["/pose/library"]["get"]["parameters"]}
    assert set(lib["model_category"]["enum"]) == {"Women", "Men", "Child", "Infant"}
    schemas = SPEC["components"]["schemas"]
    bounds = {
        ("GenerateFaceRequest", "num_output_images"): (1, 4),
        ("GenerateModelImageRequest", "num_output_images"): (1, 8),
        ("GenerateTasksRequest", "num_output_images"): (1, 4),
        ("UpscaleRequest", "upscale_factor"): (1, 4),
        ("UpscaleRequest", "num_images"): (1, 4),
    }
    for (name, prop), (lo, hi) in bounds.items():
        s = schemas[name]["properties"][prop]
        assert (s["minimum"], s["maximum"]) == (lo, hi), (name, prop)
    history = SPEC["paths"]["/metering/credit-history"]["get"]
    assert history["x-huhu-max-records"] == 10_000


def test_shared_error_responses() -> None:
    responses = SPEC["components"]["responses"]
    for code in ["401", "402", "403", "404", "422", "429", "500"]:
        assert responses[f"E{code}"]["content"]["application/json"]["schema"] == {
            "$ref": "#/components/schemas/Error"
        }
    assert responses["E429"]["headers"]["Retry-After"]["required"] is True
    for item in SPEC["paths"].values():
        for op in item.values():
            assert {"401", "403", "422", "429", "500"} <= set(op["responses"])
            if "x-huhu-credits" in op:
                assert "402" in op["responses"]


# Costs from the reference's credit table, computed by the one pricing function both the mock and the
# client use.
@pytest.mark.parametrize(
    ("operation_id", "body", "credits"),
    [
        ("generate_face", {"prompt": "p"}, 1),
        ("generate_face", {"prompt": "p", "num_output_images": 4}, 4),
        ("create_model_image", {"prompt": "p", "num_output_images": 8}, 8),
        ("create_model_image", {"model_id": "m", "style_id": "s", "image_url": "u"}, 0),
        ("generate_pose", {"prompt": "p", "reference_image": "r"}, 2),
        ("create_pose", {"reference_image": "r", "pose_title": "t"}, 2),
        ("generate_tasks", {"project_id": "p", "task_ids": ["a"]}, 2),
        ("generate_tasks", {"project_id": "p", "task_ids": ["a", "b", "c"], "num_output_images": 4}, 24),
        ("create_upscale", {"image": "x"}, 2),
        ("create_upscale", {"image": "x", "num_images": 3}, 6),
        ("create_video", {"video_length": "5"}, 25),
        ("create_video", {"video_length": "10"}, 40),
        ("get_plan", {}, 0),
    ],
)
def test_credit_costs(operation_id: str, body: dict[str, Any], credits: int) -> None:
    assert load_spec().price(operation_id, body) == credits


def test_tryon_charges_one_history_entry_per_task() -> None:
    rule = load_spec().operation("generate_tasks").credits
    assert rule is not None
    body = {"task_ids": ["t1", "t2"], "num_output_images": 3}
    assert rule.entries(body) == [("t1", 6), ("t2", 6)]


def test_pagination_markers() -> None:
    marked = {
        op.operation_id: op.pagination.items_field
        for op in load_spec().operations.values()
        if op.pagination is not None
    }
    assert marked == {
        "get_credit_history": "items",
        "list_programs": "programs",
        "get_projects": "projects",
        "get_skus": "skus",
        "list_video_requests": "requests",
    }
    for op_id in marked:
        op = load_spec().operation(op_id)
        assert "pagination_token" in {p["name"] for p in op.raw["parameters"]}


def test_team_defaults_from_reference() -> None:
    assert load_spec().team_defaults == {"credits": 50, "concurrent_requests": 10, "plan_status": "free"}


def test_slots_per_job() -> None:
    spec = load_spec()
    assert spec.operation("generate_tasks").slots({"task_ids": ["a", "b", "c"]}) == 3
    assert spec.operation("create_upscale").slots({"image": "x"}) == 1
    assert spec.operation("create_model_image").slots({"model_id": "m", "style_id": "s"}) == 0
    assert spec.operation("get_plan").slots({}) == 0


def test_upload_request_requirements_per_file_type() -> None:
    from jsonschema import Draft202012Validator

    schema = SPEC["components"]["schemas"]["UploadRequest"]
    check = Draft202012Validator(schema)
    assert not check.is_valid({"project_id": "p", "file_type": "sku_zip"})
    assert check.is_valid({"project_id": "p", "file_type": "sku_zip", "file_size": 10})
    for file_type in ("garment_image", "model_image", "reference_image"):
        assert not check.is_valid({"project_id": "p", "file_type": file_type})
        assert check.is_valid({"project_id": "p", "file_type": file_type, "file_data": "aGk="})

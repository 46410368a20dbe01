"""Exactly as rich as the reference by default: mock-only fields only with ``extras=True`` (D-MOCK-EXTRAS)."""

from __future__ import annotations

from typing import Any

import pytest
from fm_reference import DOCUMENTED, INFERRED_FIELDS, UNDOCUMENTED_ANSWERS
from fm_support import (
    API,
    AUTH,
    b64,
    marked_extras,
    png,
    schema_example,
    strict_mock,
    undocumented,
    walk_all_operations,
    with_inferred,
)

from huhu_ext.spec import Spec, load_spec
from mock_server import HuhuBackend, Invalid
from mock_server.fidelity import Extras


def documented_for(spec: Spec, op: str, variant: str) -> Any:
    """What the reference documents for one answer: its example (plus inferred fields), or for an
    answer the reference does not show, the spec's schema without the x-huhu-mock-extra properties."""
    if op in UNDOCUMENTED_ANSWERS:
        schema = spec.operation(op).raw["responses"]["200"]["content"]["application/json"]["schema"]
        return schema_example(spec, schema)
    return with_inferred(DOCUMENTED[(op, variant)], INFERRED_FIELDS.get((op, variant), []))


def test_extras_off_every_answer_of_all_27_operations_is_a_subset_of_the_reference() -> None:
    spec = load_spec()
    with strict_mock() as mock:
        walk_all_operations(mock)
    assert {op for op, _, _ in mock.answers} == set(spec.operations)
    assert len(spec.operations) == 27
    problems = []
    for op, variant, answer in mock.answers:
        documented = documented_for(spec, op, variant)
        problems += [f"{op} ({variant or 'answer'}): {path}" for path in undocumented(answer, documented)]
    assert problems == []


def test_the_subset_check_sees_an_extra_field() -> None:
    documented = DOCUMENTED[("get_tasks", "list")]
    answer = {
        "skus": [
            {"sku_name": "a", "sku_id": "x", "tasks": [{"task_id": "t", "task_status": "s", "view": "front"}]}
        ]
    }
    assert undocumented(answer, documented) == ["skus.[].sku_id", "skus.[].tasks.[].view"]


def test_extras_on_answers_only_the_fields_marked_in_the_spec() -> None:
    """With extras, the mock adds fields; each one is a property marked x-huhu-mock-extra (one place)."""
    spec = load_spec()
    with strict_mock(extras=True) as mock:
        walk_all_operations(mock)
    extra_fields = set()
    for op, variant, answer in mock.answers:
        documented = documented_for(spec, op, variant)
        extra_fields |= {path.rsplit(".", 1)[-1] for path in undocumented(answer, documented)}
    assert {"sku_id", "project_id", "view", "program_id", "part_size", "image_url"} <= extra_fields
    assert extra_fields <= marked_extras(spec)
    assert (
        marked_extras(spec) - {"sku_name"} <= extra_fields
    )  # every marker is in use (sku_name: a request field)


def test_the_task_list_has_no_sku_id_unless_extras() -> None:
    for extras in (False, True):
        with strict_mock(extras=extras) as mock:
            ids = walk_all_operations(mock)
            groups = mock.call("get_tasks", "list", "GET", "/task", project_id=ids["project_id"])["skus"]
        assert ("sku_id" in groups[0]) is extras
        assert ("view" in groups[0]["tasks"][0]) is extras


def test_mock_only_request_field_is_refused_without_extras() -> None:
    with strict_mock() as mock:
        project = mock.call("create_project", "", "POST", "/project", {"project_name": "p"})["project_id"]
        body = {
            "project_id": project,
            "file_type": "garment_image",
            "file_data": b64(png()),
            "sku_name": "tee",
        }
        reply = mock.http.post(API + "/project/upload", json=body, headers=AUTH)
        assert reply.status_code == 422
        assert reply.get_json()["errors"] == [
            {"field": "body.sku_name", "message": "is a mock-only field (start the mock with --extras)"}
        ]
        assert mock.backend.dump_state()["skus"] == []  # nothing created
    with strict_mock(extras=True) as mock:
        project = mock.call("create_project", "", "POST", "/project", {"project_name": "p"})["project_id"]
        body["project_id"] = project
        answer = mock.call("upload_project_file", "garment_image", "POST", "/project/upload", body)
        skus = mock.call("get_skus", "list", "GET", "/sku", project_id=project)["skus"]
        assert [(s["sku_id"], s["sku_name"]) for s in skus] == [(answer["sku_id"], "tee")]


def test_backend_in_process_strips_too() -> None:
    """The rule lives in HuhuBackend.handle, so in-process callers get the same answers as HTTP."""
    backend = HuhuBackend(clock="manual")
    try:
        caller = backend.caller_for_key(backend._default_key)
        created = backend.handle("create_program", caller, {"program_name": "b"})
        assert set(created) == {"program_name", "user_id", "create_time"}
        with pytest.raises(Invalid, match="sku_name"):
            backend.handle(
                "upload_project_file",
                caller,
                {"project_id": "x", "file_type": "garment_image", "sku_name": "n"},
            )
    finally:
        backend.close()


def test_extras_compile_variants_and_nested_arrays() -> None:
    extras = Extras(load_spec())
    detail = {"task_id": "t", "task_status": "s", "output": [], "sku_id": "k", "view": "front"}
    assert extras.strip("get_tasks", detail) == {"task_id": "t", "task_status": "s", "output": []}
    listing = {
        "skus": [
            {
                "sku_name": "n",
                "sku_id": "k",
                "project_id": "p",
                "tasks": [{"task_id": "t", "task_status": "s", "view": "back"}],
            }
        ]
    }
    assert extras.strip("get_tasks", listing) == {
        "skus": [{"sku_name": "n", "tasks": [{"task_id": "t", "task_status": "s"}]}]
    }
    pose_list = {"poses": [{"pose_id": "p", "title": "t", "prompt": "x", "prompt_type": "fullbody"}]}
    assert extras.strip("get_poses", pose_list) == pose_list  # prompt_type is documented in the list
    pose = {
        "pose_id": "p",
        "title": "t",
        "prompt": "x",
        "reference_image_presigned_url": "u",
        "prompt_type": "top",
    }
    assert "prompt_type" not in extras.strip("get_poses", pose)  # but not in the detail
    assert extras.strip("get_plan", {"credits": 1}) == {"credits": 1}
    assert extras.refused("upload_project_file", {"sku_name": "x", "project_id": "p"}) == ["sku_name"]

"""The mock's list operations page as the spec's ``x-huhu-pagination`` says (one helper, no names in code).

Every list operation answers through ``BackendBase._paginate``, which reads the operation's token
parameter, token field and items field from the spec. Renaming them in a copy of the spec renames
them in the mock's answers, with no code change.
"""

from __future__ import annotations

import base64
import copy
import io
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from huhu_ext.spec import Pagination, Spec, load_spec
from mock_server.errors import Invalid
from mock_server.models import HuhuBackend

ROOT = Path(__file__).resolve().parents[2]
LIST_OPERATIONS = sorted(op.operation_id for op in load_spec().operations.values() if op.pagination)
RENAMED = Pagination(token_param="cursor", token_field="next_cursor", items_field="rows")


def _png() -> str:
    image = Image.new("RGB", (60, 80), (255, 255, 255))
    image.paste((200, 30, 30), (12, 16, 48, 64))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return base64.b64encode(buffer.getvalue()).decode()


Call = Callable[..., dict[str, Any]]


def _seed(operation_id: str, call: Call) -> dict[str, Any]:
    """Make two items for the list operation; the query parameters that list them."""
    if operation_id == "get_credit_history":
        call("generate_face", prompt="a face", num_output_images=1)
        call("generate_face", prompt="a face", num_output_images=1)
        return {}
    if operation_id == "list_programs":
        call("create_program", program_name="second")
        return {}
    project = call("create_project", project_name="p")["project_id"]
    if operation_id == "get_projects":
        call("create_project", project_name="q")
        return {}
    for _ in range(2):
        call("upload_project_file", project_id=project, file_type="garment_image", file_data=_png())
    if operation_id == "get_skus":
        return {"project_id": project}
    sku = call("get_skus", project_id=project)["skus"][0]["sku_id"]
    assert operation_id == "list_video_requests", f"no seed for {operation_id}: add one"
    for _ in range(2):
        call(
            "create_video",
            project_id=project,
            sku_id=sku,
            video_length="5",
            prompt="turn",
            first_frame_image={"image_base64": _png()},
        )
    return {"limit": 1}


def _backend(spec: Spec) -> tuple[HuhuBackend, Call]:
    backend = HuhuBackend(clock="manual", page_size=1, spec=spec)
    caller = backend.caller_for_key(backend.create_team(credits=10_000)["api_key"])

    def call(operation_id: str, **params: Any) -> dict[str, Any]:
        return backend.handle(operation_id, caller, params)

    return backend, call


def _renamed(operation_id: str) -> Spec:
    document = copy.deepcopy(load_spec().document)
    op = load_spec().operation(operation_id)
    raw = document["paths"][op.path][op.method.lower()]
    raw["x-huhu-pagination"] = {
        "token_param": RENAMED.token_param,
        "token_field": RENAMED.token_field,
        "items_field": RENAMED.items_field,
    }
    return Spec(document)


def test_every_list_operation_of_the_spec_is_covered() -> None:
    assert LIST_OPERATIONS == [
        "get_credit_history",
        "get_projects",
        "get_skus",
        "list_programs",
        "list_video_requests",
    ]


@pytest.mark.parametrize("operation_id", LIST_OPERATIONS)
def test_answer_keys_are_the_specs(operation_id: str) -> None:
    rule = load_spec().operation(operation_id).pagination
    assert rule is not None
    backend, call = _backend(load_spec())
    try:
        params = _seed(operation_id, call)
        first = call(operation_id, **params)
        assert set(first) == {rule.items_field, rule.token_field}
        assert len(first[rule.items_field]) == 1 and first[rule.token_field]
        second = call(operation_id, **params, **{rule.token_param: first[rule.token_field]})
        assert second[rule.items_field] != first[rule.items_field]
    finally:
        backend.close()


@pytest.mark.parametrize("operation_id", LIST_OPERATIONS)
def test_renamed_pagination_fields_are_followed(operation_id: str) -> None:
    backend, call = _backend(_renamed(operation_id))
    try:
        params = _seed(operation_id, call)
        first = call(operation_id, **params)
        assert set(first) == {RENAMED.items_field, RENAMED.token_field}
        token = first[RENAMED.token_field]
        assert len(first[RENAMED.items_field]) == 1 and token
        # The old parameter name is no longer the token: the first page again.
        assert call(operation_id, **params, pagination_token=token) == first
        second = call(operation_id, **params, cursor=token)
        assert len(second[RENAMED.items_field]) == 1
        assert second[RENAMED.items_field] != first[RENAMED.items_field]
        with pytest.raises(Invalid) as refused:
            call(operation_id, **params, cursor="forged")
        assert refused.value.errors[0].field == "query.cursor"
        if operation_id == "get_skus":  # one SKU's detail: the items field, without a token
            sku_id = first[RENAMED.items_field][0]["sku_id"]
            assert set(call(operation_id, **params, sku_id=sku_id)) == {RENAMED.items_field}
    finally:
        backend.close()


def test_no_list_operation_names_its_pagination_fields_in_code() -> None:
    """The token parameter and field names are read from the spec, never written in the mock."""
    names = {"pagination_token"}
    for path in (ROOT / "mock_server").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for name in names:
            assert not re.search(rf"""["']{name}["']""", text), f"{path.name} names {name!r}"

"""Every request example of the reference gets a 2xx from the mock (extras off), real ids substituted."""

from __future__ import annotations

from typing import Any

import pytest
from fm_reference import QUERIES, REQUEST_BODIES, SUBSTITUTIONS
from fm_support import API, AUTH, Mock, strict_mock, walk_all_operations

from huhu_ext.spec import load_spec


def fill(value: Any, ids: dict[str, str]) -> Any:
    """``value`` with every ``{name}`` replaced by the id of that name."""
    if isinstance(value, str):
        return value.format(**ids) if value.startswith("{") else value
    if isinstance(value, list):
        return [fill(v, ids) for v in value]
    if isinstance(value, dict):
        return {k: fill(v, ids) for k, v in value.items()}
    return value


@pytest.fixture(scope="module")
def world() -> Any:
    with strict_mock() as mock:
        yield mock, walk_all_operations(mock)


def test_every_json_request_example_gets_a_2xx(world: tuple[Mock, dict[str, str]]) -> None:
    mock, ids = world
    mock.backend.set_credits(50, api_key=AUTH["Authorization"].removeprefix("Bearer "))
    assert len(REQUEST_BODIES) == 5
    spec = load_spec()
    for (operation, variant), example in REQUEST_BODIES.items():
        op = spec.operation(operation)
        body = fill({**example, **SUBSTITUTIONS.get((operation, variant), {})}, ids)
        reply = mock.http.open(API + op.path, method=op.method, json=body, headers=AUTH)
        assert 200 <= reply.status_code < 300, (operation, variant, reply.status_code, reply.get_json())


def test_the_s3_url_of_the_save_example_is_saved_as_a_placeholder(world: tuple[Mock, dict[str, str]]) -> None:
    mock, ids = world
    example = REQUEST_BODIES[("create_model_image", "save")]
    assert example["image_url"] == "https://s3.../generated.png?signed..."  # verbatim from the reference
    saved = mock.call(
        "create_model_image", "save", "POST", "/model/image", {**example, "model_id": ids["model_id"]}
    )
    picture = mock.get_url(saved["image_url"])
    assert picture.status_code == 200 and picture.mimetype == "image/png"


@pytest.mark.parametrize(
    ("method", "path", "query"), QUERIES, ids=[f"{m} {p} {sorted(q)}" for m, p, q in QUERIES]
)
def test_every_query_example_gets_a_2xx(
    world: tuple[Mock, dict[str, str]], method: str, path: str, query: dict[str, str]
) -> None:
    mock, ids = world
    reply = mock.http.open(API + path, method=method, query_string=fill(query, ids), headers=AUTH)
    assert 200 <= reply.status_code < 300, (path, reply.status_code, reply.get_json())

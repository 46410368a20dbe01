"""The API reference's own JSON examples are tests: each validates against ``openapi.json``.

``reference_examples.json`` holds every JSON request and response example of the reference. Requests
are checked with the spec layer's one validator (the mock's ``SpecValidator``, the same that checks
the mock's requests and answers); responses are checked against the operation's 200 answer and must
also parse with the generated client into the operation's model (never an error, never a crash).
"""

from __future__ import annotations

import importlib
import json
from pathlib import Path
from typing import Any

import httpx
import pytest
from huhu_client import AuthenticatedClient
from huhu_client.models import Error

from huhu_ext.spec import load_spec
from mock_server.validation import SpecValidator

HERE = Path(__file__).resolve().parent
DATA: dict[str, Any] = json.loads((HERE / "reference_examples.json").read_text())
EXAMPLES: list[dict[str, Any]] = DATA["examples"]
REQUESTS = [e for e in EXAMPLES if e["kind"] == "request"]
RESPONSES = [e for e in EXAMPLES if e["kind"] == "response"]
BASE = "https://api.huhu.ai/public/v1"


@pytest.fixture(scope="module")
def validator() -> SpecValidator:
    return SpecValidator()


def test_examples_file_is_complete() -> None:
    """Every example names a spec operation; each operation the reference shows an answer for is here."""
    spec = load_spec()
    for example in EXAMPLES:
        op = spec.operation(example["operation"])
        assert (op.method, op.path) == (example["method"], example["path"]), example["id"]
        assert example["status"] == 200 and example["kind"] in ("request", "response")
    assert len({e["id"] for e in EXAMPLES}) == len(EXAMPLES)
    with_answer = {e["operation"] for e in RESPONSES}
    undocumented = {"create_project", "update_skus", "update_task", "create_video"}  # no answer shown
    assert with_answer | undocumented == set(spec.operations)
    assert len(REQUESTS) == 5 and len(RESPONSES) == 29


@pytest.mark.parametrize("example", REQUESTS, ids=[e["id"] for e in REQUESTS])
def test_request_example_validates(validator: SpecValidator, example: dict[str, Any]) -> None:
    op = load_spec().operation(example["operation"])
    assert validator.errors(validator.body_pointer(op), example["json"], "body") == []


@pytest.mark.parametrize("example", RESPONSES, ids=[e["id"] for e in RESPONSES])
def test_response_example_validates(validator: SpecValidator, example: dict[str, Any]) -> None:
    op = load_spec().operation(example["operation"])
    validator.check_response(op, example["status"], example["json"], {})  # raises on a mismatch


@pytest.mark.parametrize("example", RESPONSES, ids=[e["id"] for e in RESPONSES])
def test_generated_client_parses_response_example(example: dict[str, Any]) -> None:
    op = load_spec().operation(example["operation"])
    module = importlib.import_module(f"huhu_client.api.{op.tag}.{op.operation_id}")
    request = httpx.Request(example["method"], BASE + example["path"], params=example.get("query"))
    response = httpx.Response(example["status"], json=example["json"], request=request)
    client = AuthenticatedClient(base_url=BASE, token="sk-" + "0" * 48)
    parsed = module._parse_response(client=client, response=response)
    assert parsed is not None and not isinstance(parsed, Error)
    # Nothing was lost on the way: the model writes back the example's JSON.
    assert parsed.to_dict() == example["json"]

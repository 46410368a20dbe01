"""The public operations are answered without Flask's dispatch (D-MOCK-FAST-PATH), with the same answers.

A request whose method and path are exactly an operation's takes the fast path; the same request
with a trailing slash goes through Flask's routing (``strict_slashes`` is off), so the two paths can be
compared answer for answer.
"""

from __future__ import annotations

import base64
import gc
import json
import sqlite3
from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask
from mock_support import DEFAULT_KEY
from werkzeug.test import EnvironBuilder
from werkzeug.wrappers import Request

from mock_server import HuhuBackend, create_app
from mock_server.journal import journal_of

API = "/public/v1"
AUTH = {"Authorization": f"Bearer {DEFAULT_KEY}"}


@pytest.fixture
def app() -> Iterator[Flask]:
    backend = HuhuBackend(clock="manual")
    yield create_app(backend)
    backend.close()


def _shape(body: Any) -> Any:
    """The answer without the values that differ between two runs (ids, times)."""
    if isinstance(body, dict):
        return {k: _shape(v) for k, v in body.items() if not k.endswith(("_id", "_time"))}
    if isinstance(body, list):
        return [_shape(v) for v in body]
    return body


REQUESTS: list[tuple[str, str, dict[str, Any] | None, dict[str, str]]] = [
    ("GET", "/metering/plan", None, AUTH),
    ("POST", "/project", {"project_name": "fast"}, AUTH),
    ("POST", "/project", {"project_name": 7}, AUTH),  # 422
    ("POST", "/project", {"project_name": "fast"}, {}),  # 401
    ("POST", "/project", {"project_name": "fast"}, {"Authorization": "Bearer sk-nobody"}),  # 401
    ("GET", "/project", None, AUTH),
    ("GET", "/task", None, AUTH),  # 422: project_id missing
    ("GET", "/metering/credit-history", None, AUTH),
]


@pytest.mark.parametrize(("method", "path", "body", "headers"), REQUESTS)
def test_fast_and_flask_paths_give_the_same_answer(
    app: Flask, method: str, path: str, body: dict[str, Any] | None, headers: dict[str, str]
) -> None:
    http = app.test_client()
    fast = http.open(API + path, method=method, json=body, headers=headers)
    slow = http.open(API + path + "/", method=method, json=body, headers=headers)
    assert (fast.status, fast.headers["Content-Type"]) == (slow.status, slow.headers["Content-Type"])
    assert _shape(fast.get_json()) == _shape(slow.get_json())
    assert fast.headers.get("Retry-After") == slow.headers.get("Retry-After")
    assert int(fast.headers["Content-Length"]) == len(fast.data)


def test_flask_hooks_do_not_run_for_a_public_operation_but_the_journal_does(app: Flask) -> None:
    seen: list[str] = []
    app.before_request(lambda: seen.append("hook") and None)
    http = app.test_client()
    assert http.post(API + "/project", json={"project_name": "fast"}, headers=AUTH).status_code == 200
    assert seen == []
    assert http.get("/_mock/health").status_code == 200
    assert seen == ["hook"]
    entry = journal_of(app).entries()[-1]
    assert (entry.operation_id, entry.status, entry.method) == ("create_project", 200, "POST")
    assert entry.team_id is not None


def test_other_methods_and_unknown_paths_still_answer_json(app: Flask) -> None:
    http = app.test_client()
    wrong = http.delete(API + "/project", headers=AUTH)
    assert wrong.status_code == 405 and wrong.mimetype == "application/json"
    assert "GET" in wrong.headers["Allow"] and "POST" in wrong.headers["Allow"]
    head = http.head(API + "/metering/plan", headers=AUTH)
    assert head.status_code == 200 and head.data == b""
    missing = http.get(API + "/nowhere", headers=AUTH)
    assert missing.status_code == 404 and missing.get_json()["code"] == "not_found"


def test_a_locked_database_on_the_fast_path_is_a_503(app: Flask, monkeypatch: pytest.MonkeyPatch) -> None:
    backend: HuhuBackend = app.extensions["huhu_backend"]

    def locked(*args: object, **kwargs: object) -> None:
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(backend, "create_project", locked)
    monkeypatch.setattr(backend, "_operations", {**backend._operations, "create_project": locked})
    answer = app.test_client().post(API + "/project", json={"project_name": "x"}, headers=AUTH)
    assert answer.status_code == 503 and answer.headers["Retry-After"] == "1"
    assert answer.get_json()["code"] == "internal_error"


def test_a_failure_on_the_fast_path_raises_in_strict_mode() -> None:
    backend = HuhuBackend(clock="manual")
    app = create_app(backend, strict=True)

    def broken(*args: object, **kwargs: object) -> None:
        raise ZeroDivisionError

    op_id = next(op.operation_id for op in backend.spec.operations.values() if op.path == "/metering/plan")
    backend._operations[op_id] = broken
    with pytest.raises(ZeroDivisionError):
        app.test_client().get(API + "/metering/plan", headers=AUTH)
    backend.close()


def test_create_project_in_one_statement_keeps_the_access_rules(app: Flask) -> None:
    """``POST /project`` checks access and inserts in one statement; refusals still say why."""
    backend: HuhuBackend = app.extensions["huhu_backend"]
    http = app.test_client()
    other = backend.create_team(credits=0)  # its program is not the default key's
    me = backend.caller_for_key(DEFAULT_KEY)
    before = len(backend.dump_state()["projects"])
    unknown = http.post(API + "/project", json={"project_name": "x", "program_id": "0" * 32}, headers=AUTH)
    assert unknown.status_code == 404 and "not found" in unknown.get_json()["detail"]
    foreign = http.post(
        API + "/project", json={"project_name": "x", "program_id": other["program_id"]}, headers=AUTH
    )
    assert foreign.status_code == 403
    assert len(backend.dump_state()["projects"]) == before
    backend.share_program(other["program_id"], me.team_id)
    shared = http.post(
        API + "/project", json={"project_name": "x", "program_id": other["program_id"]}, headers=AUTH
    )
    assert shared.status_code == 200
    assert [p["program_id"] for p in backend.dump_state()["projects"]][-1] == other["program_id"]


def test_a_public_request_leaves_no_reference_cycle_holding_its_body(app: Flask) -> None:
    """The request object and its environ (which holds the body) are freed as soon as the answer is
    sent, not at some later garbage collection: a 25 MB upload must not stay resident."""
    body = json.dumps({"image": base64.b64encode(b"not an image" * 1000).decode(), "upscale_factor": 2})
    environ = EnvironBuilder(
        path=API + "/upscale", method="POST", data=body, headers={**AUTH, "Content-Type": "application/json"}
    ).get_environ()
    gc.collect()
    gc.disable()
    try:
        status: list[str] = []
        answer = b"".join(app(environ, lambda s, h, e=None: status.append(s)))  # type: ignore[misc]
        del environ
        alive = [o for o in gc.get_objects() if isinstance(o, Request)]
    finally:
        gc.enable()
    assert status == ["422 UNPROCESSABLE ENTITY"] and b"validation_error" in answer
    assert alive == []

"""The live contract check (``huhu_ext.contract``) against a real ``huhu-mock serve`` process.

The mock runs as a subprocess on a free loopback port, exactly as a user's real API would be reached
(plain HTTP over a socket). The drift tests put an altering transport in front of that same server,
so the answers differ from the spec in known places, and check the report names them.
"""

from __future__ import annotations

import base64
import functools
import io
import json
import os
import re
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import click
import httpx
import pytest
from click.testing import CliRunner
from PIL import Image

from huhu_ext import contract as contract_module
from huhu_ext.contract import ContractReport, contract, run_contract_check
from mock_server import DEFAULT_API_KEY

ALL_CALLS = [
    ("get_plan", "/metering/plan"),
    ("get_credit_history", "/metering/credit-history"),
    ("list_programs", "/program"),
    ("get_projects", "/project"),
    ("get_projects", "/project?project_id="),
    ("get_models", "/model"),
    ("get_models", "/model?model_id="),
    ("list_pose_library", "/pose/library"),
    ("get_poses", "/pose"),
    ("get_poses", "/pose?pose_id="),
]


def _huhu_mock() -> list[str]:
    script = Path(sys.executable).with_name("huhu-mock")
    return (
        [str(script)]
        if script.exists()
        else [sys.executable, "-c", "from mock_server.cli import main; main()"]
    )


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """``huhu-mock serve`` on a free 127.0.0.1 port (``--port 0``); yields its base URL."""
    proc = subprocess.Popen(
        [*_huhu_mock(), "serve", "--host", "127.0.0.1", "--port", "0", "--job-seconds", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "HUHU_MOCK_API_KEY": DEFAULT_API_KEY},
    )
    assert proc.stdout is not None
    found: list[str] = []

    def read_banner() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            match = re.search(r"serving (http://\S+)", line)
            if match:
                found.append(match.group(1))
                return

    reader = threading.Thread(target=read_banner, daemon=True)
    reader.start()
    reader.join(timeout=30)
    try:
        if not found:
            proc.kill()
            _, err = proc.communicate(timeout=10)
            pytest.fail(f"huhu-mock serve did not start: {err}")
        base_url = found[0]
        _populate(base_url)
        yield base_url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)
        if proc.stdout is not None:
            proc.stdout.close()
        if proc.stderr is not None:
            proc.stderr.close()


def _png() -> str:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 96), (180, 120, 90)).save(buffer, format="PNG")
    return base64.b64encode(buffer.getvalue()).decode()


def _populate(base_url: str) -> None:
    """A project and a custom pose, so the detail variants of /project and /pose are checked too."""
    headers = {"Authorization": f"Bearer {DEFAULT_API_KEY}"}
    with httpx.Client(base_url=base_url + "/", headers=headers, timeout=30) as client:
        created = client.post("project", json={"project_name": "Contract check"})
        assert created.status_code == 200, created.text
        pose = client.post("pose", json={"reference_image": _png(), "pose_title": "Contract pose"})
        assert pose.status_code == 200, pose.text


def _calls(report: ContractReport) -> list[tuple[str, str]]:
    return [(c.operation, re.sub(r"=.*", "=", c.request)) for c in report.calls]


# ---------------------------------------------------------------------------------------- clean


def test_clean_against_huhu_mock_serve(server: str) -> None:
    report = run_contract_check(server, DEFAULT_API_KEY)

    assert report.errors == []
    assert report.drifts == [], report.to_text()
    assert report.clean and report.exit_code() == 0
    assert _calls(report) == ALL_CALLS
    assert all(c.status == 200 for c in report.calls)
    expected = {c.request.split("?")[0] + ("?" in c.request) * "?": c.expected for c in report.calls}
    assert expected["/project?"] == "ProjectDetail (detail)"
    assert expected["/project"] == "ProjectList (list)"
    assert expected["/model?"] == "ModelImageList (images of a model)"
    assert expected["/pose?"] == "PoseDetail (detail)"
    text = report.to_text()
    assert "10 calls, 7 operations, 0 drifts, 0 errors: clean" in text
    data = json.loads(report.to_json())
    assert data["clean"] is True
    assert data["summary"]["operations"] == [
        "get_plan",
        "get_credit_history",
        "list_programs",
        "get_projects",
        "get_models",
        "list_pose_library",
        "get_poses",
    ]
    for output in (text, report.to_json()):
        assert DEFAULT_API_KEY not in output
        assert DEFAULT_API_KEY[3:] not in output


def test_cli_clean_exits_0(server: str) -> None:
    result = CliRunner().invoke(
        contract, ["check", "--base-url", server, "--json"], env={"HUHU_API_KEY": DEFAULT_API_KEY}
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["clean"] is True and data["summary"]["calls"] == len(ALL_CALLS)
    assert DEFAULT_API_KEY not in result.output


def test_refused_key_is_an_error_not_drift(server: str) -> None:
    wrong = "sk-" + "0123abcd" * 6
    report = run_contract_check(server, wrong)
    assert report.drifts == []  # 401 is declared and its body is the spec's Error
    assert [c.status for c in report.calls] == [401]
    assert any("refused the key" in e.message for e in report.errors)
    assert report.exit_code() == 2
    assert wrong not in report.to_text() and wrong not in report.to_json()
    result = CliRunner().invoke(contract, ["check", "--base-url", server, "--api-key", wrong])
    assert result.exit_code == 2
    assert wrong not in result.output and "INCOMPLETE" in result.output


def test_unreachable_host_is_an_error() -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    report = run_contract_check(
        "http://127.0.0.1:9/public/v1", DEFAULT_API_KEY, transport=httpx.MockTransport(refuse)
    )
    assert report.drifts == []
    assert len(report.errors) == 7  # one per list call; no ids, so no detail calls
    assert all("ConnectError" in e.message for e in report.errors)
    assert report.exit_code() == 2


# ---------------------------------------------------------------------------------------- drift

Alter = Callable[[httpx.Request, int, dict[str, str], Any], tuple[int, dict[str, str], Any]]


class AlteringTransport(httpx.BaseTransport):
    """Forwards to the real server, then lets ``alter`` rewrite the JSON answer."""

    def __init__(self, alter: Alter) -> None:
        self.inner = httpx.HTTPTransport()
        self.alter = alter

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self.inner.handle_request(request)
        content = response.read()
        response.close()
        headers = dict(response.headers)
        body = json.loads(content)
        status, headers, body = self.alter(request, response.status_code, headers, body)
        raw = body if isinstance(body, bytes) else json.dumps(body).encode()
        headers.pop("content-length", None)
        return httpx.Response(status, headers=headers, content=raw, request=request)

    def close(self) -> None:
        self.inner.close()


def _drift_alter(request: httpx.Request, status: int, headers: dict[str, str], body: Any) -> Any:
    path = request.url.path.removeprefix("/public/v1")
    query = request.url.params
    if path == "/project" and "project_id" in query:
        del body["project_status"]  # a required field goes missing
    elif path == "/metering/plan":
        body["credits"] = "99999"  # integer becomes a string
    elif path == "/model" and "model_id" not in query:
        body["models"][1]["model_type"] = 7  # a string becomes a number (an unknown string is only a note)
    elif path == "/pose" and "pose_id" not in query:
        body = {"items": body["poses"]}  # renamed list field: not a PoseList any more
    return status, headers, body


def test_drift_is_reported_with_operation_and_pointer(server: str) -> None:
    report = run_contract_check(server, DEFAULT_API_KEY, transport=AlteringTransport(_drift_alter))

    assert not report.clean and report.exit_code() == 1
    assert _calls(report) == ALL_CALLS[:-1]  # the altered pose list has no pose to look up
    found = {(d.operation, d.pointer, d.kind) for d in report.drifts}
    assert found == {
        ("get_projects", "/project_status", "body"),
        ("get_plan", "/credits", "body"),
        ("get_models", "/models/1/model_type", "body"),
        ("get_poses", "/poses", "body"),
    }
    by_op = {d.operation: d for d in report.drifts}
    assert by_op["get_projects"].message == "required field is missing"
    assert by_op["get_projects"].expected.startswith("ProjectDetail")
    assert by_op["get_projects"].request.startswith("/project?project_id=")
    assert by_op["get_plan"].message == "is string, expected integer"
    assert by_op["get_plan"].expected == "Plan"
    assert by_op["get_models"].message == "is integer, expected string or null"
    assert by_op["get_models"].expected.startswith("ModelList")
    assert by_op["get_poses"].expected.startswith("PoseList")
    assert all(d.status == 200 and d.method == "GET" for d in report.drifts)

    text = report.to_text()
    assert "DRIFT  GET /project?project_id=" in text
    assert "body /project_status: required field is missing" in text
    assert "body /credits: is string, expected integer" in text
    assert "4 drifts, 0 errors: DRIFT" in text
    data = json.loads(report.to_json())
    assert {(d["operation"], d["pointer"]) for d in data["drifts"]} == {(o, p) for o, p, _ in found}
    assert DEFAULT_API_KEY not in text and DEFAULT_API_KEY not in report.to_json()


def test_wrong_variant_of_a_oneof_names_the_expected_one(server: str) -> None:
    """A detail request answered with the list shape: valid for the oneOf, wrong for the request."""

    def list_for_detail(request: httpx.Request, status: int, headers: dict[str, str], body: Any) -> Any:
        if request.url.path.endswith("/project") and "project_id" in request.url.params:
            return status, headers, {"projects": [], "pagination_token": None}
        return status, headers, body

    report = run_contract_check(server, DEFAULT_API_KEY, transport=AlteringTransport(list_for_detail))
    drifts = report.drifts_for("get_projects")
    assert {d.pointer for d in drifts} == {"/project_id", "/project_name", "/project_status", "/create_time"}
    assert all(d.expected == "ProjectDetail (one of ProjectDetail | ProjectList)" for d in drifts)
    assert len(report.drifts) == len(drifts)


def test_status_header_and_content_type_drift(server: str) -> None:
    def alter(request: httpx.Request, status: int, headers: dict[str, str], body: Any) -> Any:
        path = request.url.path.removeprefix("/public/v1")
        if path == "/metering/plan":
            return 429, {"content-type": "application/json"}, {"detail": "busy", "code": "rate_limited"}
        if path == "/program":
            return 418, headers, body
        if path == "/pose/library":
            return 200, {"content-type": "text/html"}, b"<html>maintenance</html>"
        return status, headers, body

    report = run_contract_check(server, DEFAULT_API_KEY, transport=AlteringTransport(alter))
    plan = report.drifts_for("get_plan")
    assert [(d.kind, d.status) for d in plan] == [("header", 429)]
    assert plan[0].message == "required header Retry-After is missing"
    programs = report.drifts_for("list_programs")
    assert [(d.kind, d.status) for d in programs] == [("status", 418)]
    assert "status 418 is not declared" in programs[0].message
    library = report.drifts_for("list_pose_library")
    assert [d.kind for d in library] == ["content-type", "body"]
    assert "'text/html'" in library[0].message
    assert library[1].message.startswith("body is not valid JSON")
    assert report.exit_code() == 1


def test_the_key_never_appears_even_when_an_answer_echoes_it(server: str) -> None:
    def echo(request: httpx.Request, status: int, headers: dict[str, str], body: Any) -> Any:
        if request.url.path.endswith("/metering/plan"):
            body = {**body, "plan_status": 7, "echo": request.headers["authorization"]}
            body["concurrent_requests"] = DEFAULT_API_KEY
        return status, headers, body

    report = run_contract_check(server, DEFAULT_API_KEY, transport=AlteringTransport(echo))
    assert {d.pointer for d in report.drifts} == {"/plan_status", "/concurrent_requests"}
    for output in (report.to_text(), report.to_json(), repr(report)):
        assert DEFAULT_API_KEY not in output
        assert DEFAULT_API_KEY[3:] not in output


def test_cli_drift_exits_1(server: str, monkeypatch: pytest.MonkeyPatch) -> None:
    altered = functools.partial(run_contract_check, transport=AlteringTransport(_drift_alter))
    monkeypatch.setattr(contract_module, "run_contract_check", altered)
    result = CliRunner().invoke(
        contract, ["check", "--base-url", server], env={"HUHU_API_KEY": DEFAULT_API_KEY}
    )
    assert result.exit_code == 1
    assert "body /project_status: required field is missing" in result.output
    assert DEFAULT_API_KEY not in result.output


def test_cli_under_the_huhu_group_takes_its_options(server: str) -> None:
    """Wired as ``cli.add_command(contract)``: ``huhu --api-key K --base-url U --json contract check``."""

    @click.group()
    @click.option("--api-key")
    @click.option("--base-url")
    @click.option("--json", "as_json", is_flag=True)
    @click.pass_context
    def huhu(ctx: click.Context, api_key: str | None, base_url: str | None, as_json: bool) -> None:
        ctx.obj = SimpleNamespace(api_key=api_key, base_url=base_url, json=as_json)

    huhu.add_command(contract)
    result = CliRunner().invoke(
        huhu,
        ["--api-key", DEFAULT_API_KEY, "--base-url", server, "--json", "contract", "check"],
        env={"HUHU_API_KEY": "", "HUHU_BASE_URL": ""},
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["summary"]["calls"] == len(ALL_CALLS)
    assert DEFAULT_API_KEY not in result.output


def test_cli_needs_a_key() -> None:
    result = CliRunner().invoke(contract, ["check"], env={"HUHU_API_KEY": ""})
    assert result.exit_code == 2
    assert "no API key" in result.output


# ------------------------------------------------------------------ examples of the spec (no server)


def _examples_transport(alter: Callable[[str, dict[str, Any]], None] | None = None) -> httpx.MockTransport:
    """Answers every read with the spec's own example of its (expected) response schema."""
    from huhu_ext.spec import load_spec

    spec = load_spec()
    schemas = spec.document["components"]["schemas"]

    def handler(request: httpx.Request) -> httpx.Response:
        path = request.url.path.removeprefix("/public/v1")
        op = spec.find(request.method, path)
        assert op is not None
        schema = op.raw["responses"]["200"]["content"]["application/json"]["schema"]
        detail = op.raw.get("x-huhu-detail-param")
        if "oneOf" in schema:
            schema = schema["oneOf"][0 if detail in request.url.params else 1]
        name = schema["$ref"].rsplit("/", 1)[-1]
        example = json.loads(json.dumps(schemas[name]["example"]))
        if alter is not None:
            alter(name, example)
        return httpx.Response(200, json=example)

    return httpx.MockTransport(handler)


def test_the_specs_own_examples_are_clean() -> None:
    report = run_contract_check(
        "https://api.huhu.ai/public/v1", DEFAULT_API_KEY, transport=_examples_transport()
    )
    assert report.clean, report.to_text()
    assert _calls(report) == ALL_CALLS


def test_an_altered_example_drifts() -> None:
    def alter(name: str, example: dict[str, Any]) -> None:
        if name == "CreditHistoryPage":
            example["items"][0]["timestamp"] = "yesterday"

    report = run_contract_check(
        "https://api.huhu.ai/public/v1", DEFAULT_API_KEY, transport=_examples_transport(alter)
    )
    assert [(d.operation, d.pointer, d.message) for d in report.drifts] == [
        ("get_credit_history", "/items/0/timestamp", "is string, expected integer")
    ]


# ------------------------------------------------------------------ the checker on its own


def test_response_checker_headers_and_closest_variant() -> None:
    from huhu_ext.contract import ResponseChecker
    from huhu_ext.spec import load_spec

    spec = load_spec()
    checker = ResponseChecker(spec)
    error = json.dumps({"detail": "busy", "code": "rate_limited"}).encode()
    plan = spec.operation("get_plan")

    label, problems = checker.check(
        plan, 429, {"Content-Type": "application/json", "retry-after": "3"}, error
    )
    assert (label, problems) == ("Error", [])
    _, problems = checker.check(plan, 429, {"content-type": "application/json", "Retry-After": "soon"}, error)
    assert [(p.kind, p.message) for p in problems] == [
        ("header", "header Retry-After: 'soon' is not of type 'integer'")
    ]
    _, problems = checker.check(plan, 429, {"content-type": "application/json", "Retry-After": "-1"}, error)
    assert [p.kind for p in problems] == ["header"] and "minimum" in problems[0].message

    # No expected variant: a body that fits neither is explained against the closest one.
    projects = spec.operation("get_projects")
    body = json.dumps({"projects": [{"project_id": "p", "project_name": "n", "project_status": 3}]}).encode()
    label, problems = checker.check(projects, 200, {"content-type": "application/json"}, body)
    assert label == "ProjectList (closest of ProjectDetail | ProjectList)"
    assert [(p.pointer, p.message) for p in problems] == [
        ("/projects/0/project_status", "is integer, expected string")
    ]
    fine = json.dumps({"projects": [], "pagination_token": None}).encode()
    assert checker.check(projects, 200, {"content-type": "application/json; charset=utf-8"}, fine)[1] == []


def test_huhu_contract_check_through_the_huhu_command(
    server: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from huhu_ext.cli import main

    assert main(["--api-key", DEFAULT_API_KEY, "--base-url", server, "contract", "check", "--json"]) == 0
    out = capsys.readouterr().out
    report = json.loads(out)
    assert report["drifts"] == [] and len(report["calls"]) >= 8
    assert DEFAULT_API_KEY not in out

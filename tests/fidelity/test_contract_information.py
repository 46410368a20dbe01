"""``huhu contract check``: what a tolerant client accepts is information (notes), not drift.

The "live API" here answers with the reference's own examples (``reference_examples.json``), then
altered: an extra field or an unknown status is a note and the report stays clean; a missing
documented field or a value of the wrong type is still drift.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx

from huhu_ext.contract import ContractReport, run_contract_check

EXAMPLES: list[dict[str, Any]] = json.loads(
    (Path(__file__).resolve().parent / "reference_examples.json").read_text()
)["examples"]
KEY = "sk-" + "ab12" * 12
BASE = "https://api.huhu.ai/public/v1"

Alter = Callable[[str, dict[str, str], Any], Any]


def _answer(path: str, query: dict[str, str]) -> Any:
    """The reference's example answer for this GET (the variant its query asks for)."""
    for example in EXAMPLES:
        if example["kind"] != "response" or example["method"] != "GET" or example["path"] != path:
            continue
        if set(example.get("query", {})) == set(query) - {"program_id"}:
            return copy.deepcopy(example["json"])
    raise AssertionError(f"no reference example for GET {path} {query}")


def _check(alter: Alter | None = None) -> ContractReport:
    def handler(request: httpx.Request) -> httpx.Response:
        path = request.url.path.removeprefix("/public/v1")
        query = dict(request.url.params)
        body = _answer(path, query)
        if alter is not None:
            body = alter(path, query, body)
        return httpx.Response(200, json=body)

    return run_contract_check(BASE, KEY, transport=httpx.MockTransport(handler))


def test_the_references_own_answers_are_clean_and_hold_nothing_unknown() -> None:
    report = _check()
    assert report.clean and report.exit_code() == 0
    assert len(report.calls) == 10 and report.notes == []


def test_extra_fields_unknown_statuses_and_values_are_notes_not_drift() -> None:
    def alter(path: str, query: dict[str, str], body: Any) -> Any:
        if path == "/metering/plan":
            body["region"] = "eu-west-1"  # a field the spec does not list
        elif path == "/project" and "project_id" in query:
            body["project_status"] = "Archived"  # a status the lifecycle does not know
        elif path == "/project":
            body["projects"][0]["project_status"] = "Archived"
            body["projects"][0]["owner"] = {"team": "t1"}
        elif path == "/model" and "model_id" in query:
            body["model_images"][0]["view_type"] = "side_facing"  # outside x-huhu-known-values
        elif path == "/model":
            body["models"][0]["attributes"]["age_range"] = "Adult"
        return body

    report = _check(alter)
    assert report.clean and report.exit_code() == 0, report.to_text()
    found = {(n.operation, n.kind, n.pointer) for n in report.notes}
    assert found == {
        ("get_plan", "extra-field", "/region"),
        ("get_projects", "unknown-status", "/project_status"),
        ("get_projects", "unknown-status", "/projects/0/project_status"),
        ("get_projects", "extra-field", "/projects/0/owner"),
        ("get_models", "unknown-value", "/model_images/0/view_type"),
        ("get_models", "unknown-value", "/models/0/attributes/age_range"),
    }
    text = report.to_text()
    assert "note: unknown-status /project_status: 'Archived' is not a known project_status" in text
    assert "6 notes: information beyond the spec, not drift" in text
    assert json.loads(report.to_json())["summary"]["notes"] == 6


def test_missing_documented_field_and_wrong_type_are_still_drift() -> None:
    def alter(path: str, query: dict[str, str], body: Any) -> Any:
        if path == "/project" and "project_id" not in query:
            del body["projects"][0]["project_name"]  # documented (required) field missing
        elif path == "/metering/plan":
            body["credits"] = "99999"  # wrong type
        elif path == "/task":
            raise AssertionError("the check is read-only over the credit-free operations")
        elif path == "/pose" and "pose_id" not in query:
            body["poses"][0]["prompt_type"] = 3  # an open string, but not a number
        return body

    report = _check(alter)
    assert not report.clean and report.exit_code() == 1
    found = {(d.operation, d.pointer, d.message) for d in report.drifts}
    assert found == {
        ("get_projects", "/projects/0/project_name", "required field is missing"),
        ("get_plan", "/credits", "is string, expected integer"),
        ("get_poses", "/poses/0/prompt_type", "is integer, expected string or null"),
    }

"""``verify`` on both handles: passes as documented, fails with the nearest requests and what differed."""

from __future__ import annotations

import httpx
import pytest
from journal_support import start_tryon

from huhu_ext.testing import BASE_URL, HuhuMock, HuhuMockServer, _Controls, mock_huhu


def session(handle: _Controls) -> httpx.Client:
    return httpx.Client(base_url=handle.base_url, headers={"Authorization": f"Bearer {handle.api_key}"})


def exercise(handle: _Controls) -> None:
    with session(handle) as api:
        start_tryon(api, "x")
        api.post("/project", json={"project_name": "y"})
        api.post("/project", json={"project_nam": "x"})


def check_verify(handle: _Controls) -> None:
    exercise(handle)
    assert len(handle.verify("generate_tasks", times=1)) == 1
    assert handle.verify("create_project", body_contains={"project_name": "x"})[0].status == 200
    handle.verify("POST /project", times=3)
    handle.verify("POST /public/v1/task*", times=2)
    handle.verify("create_project", status="4xx", times=1)
    handle.verify("get_tasks", query_contains={"project_id": handle.requests[0].response["project_id"]})
    handle.verify("get_plan", times=0)

    with pytest.raises(AssertionError) as missing:
        handle.verify("create_project", body_contains={"project_name": "z"})
    text = str(missing.value)
    assert (
        "expected at least 1 request(s) create_project with body containing {'project_name': 'z'}, found 0"
        in text
    )
    assert "Nearest requests, and what differed:" in text
    assert "POST /project → 200" in text
    assert "body.project_name: 'y' (expected 'z')" in text
    assert "body.project_name: 'x' (expected 'z')" in text
    assert "body.project_name: missing (expected 'z')" in text
    assert "operation:" not in text  # requests of other operations are farther than these three

    with pytest.raises(AssertionError) as too_many:
        handle.verify("create_project", times=1)
    assert "expected exactly 1 request(s) create_project, found 3" in str(too_many.value)
    assert "Matching requests:" in str(too_many.value)

    with pytest.raises(AssertionError) as wrong_status:
        handle.verify("generate_tasks", status=402)
    assert "status: 200 (expected 402)" in str(wrong_status.value)

    with pytest.raises(AssertionError) as other_op:
        handle.verify("create_upscale")
    assert "operation: " in str(other_op.value) and "(expected create_upscale)" in str(other_op.value)

    with pytest.raises(ValueError, match="did you mean generate_tasks"):
        handle.verify("generate_task")

    handle.reset()
    with pytest.raises(AssertionError, match="No request was recorded"):
        handle.verify("get_plan")


def test_verify_in_process(huhu_mock: HuhuMock) -> None:
    check_verify(huhu_mock)


def test_verify_over_http(huhu_mock_server: HuhuMockServer) -> None:
    check_verify(huhu_mock_server)


def test_verify_by_team_and_the_readme_example() -> None:
    with mock_huhu() as mock:
        other = mock.new_team()
        httpx.get(BASE_URL + "/metering/plan", headers={"Authorization": f"Bearer {other.api_key}"})
        mock.verify("get_plan", team=other.team_id, times=1)
        with pytest.raises(AssertionError, match=r"team: .* \(expected nobody\)"):
            mock.verify("get_plan", team="nobody")

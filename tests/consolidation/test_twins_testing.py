"""No twins in the testing toolkit: HuhuMock (in process) and HuhuMockServer (over HTTP) share one
implementation of each admin helper over their admin transport, and the same calls leave the same
state behind."""

from __future__ import annotations

from typing import Any

import pytest

from huhu_ext.errors import APIStatusError
from huhu_ext.testing import HuhuMock, HuhuMockServer, MockServerError, _Controls, mock_huhu

HELPERS = (
    "new_team",
    "set_credits",
    "set_slots",
    "inject_fault",
    "clear_faults",
    "fail_next_jobs",
    "state",
    "reset",
)


@pytest.mark.parametrize("name", HELPERS)
def test_each_admin_helper_is_written_once(name: str) -> None:
    assert name in vars(_Controls)
    assert name not in vars(HuhuMock) and name not in vars(HuhuMockServer)


def _script(mock: HuhuMock | HuhuMockServer) -> dict[str, Any]:
    """The same admin calls on either mock; what a client sees afterwards."""
    team = mock.new_team(credits=40, slots=2)
    mock.set_credits(33)
    mock.set_slots(4, api_key=team.api_key)
    mock.inject_fault("GET", "/metering/plan", 503, count=1)
    mock.fail_next_jobs(2, kind="face")
    with mock.client(max_retries=0) as huhu:
        with pytest.raises(APIStatusError) as refused:
            huhu.plan()
        first = (type(refused.value).__name__, refused.value.status)
        plan = huhu.plan()
    mock.inject_fault("*", "/project", latency=0.5, count=2)
    mock.clear_faults()
    with mock.client(team.api_key) as other:
        other_plan = other.plan()
    state = mock.state()
    seen = {
        "first": first,
        "credits": plan.credits_,
        "other": (other_plan.credits_, other_plan.concurrent_requests),
        "teams": len(state["teams"]),
        "faults": len(state.get("faults", [])),
        "requests": [(e.method, e.path, e.status) for e in mock.requests],
    }
    mock.reset()
    seen["after_reset"] = (len(mock.state()["teams"]), mock.requests)
    return seen


def test_in_process_and_server_mocks_agree(huhu_mock_server: HuhuMockServer) -> None:
    with mock_huhu() as in_process:
        expected = _script(in_process)
    assert _script(huhu_mock_server) == expected
    assert expected["first"][1] == 503 and expected["faults"] == 0
    assert expected["credits"] == 33 and expected["other"] == (40, 4) and expected["after_reset"] == (1, [])


def test_a_refused_admin_call_is_refused_by_both(huhu_mock_server: HuhuMockServer) -> None:
    with mock_huhu() as in_process, pytest.raises(Exception, match="slots"):
        in_process.set_slots(-1)
    with pytest.raises(MockServerError, match="slots"):
        huhu_mock_server.set_slots(-1)

"""The toolbox in-process (no MCP transport): budget arithmetic, local files, a failed try-on."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from agents_support import png_b64

from huhu_ext.mcp_server import Budget, BudgetExceeded, Toolbox
from huhu_ext.offline import offline_session


def test_budget_reserves_atomically_and_settles() -> None:
    budget = Budget(10)
    fits: list[bool] = []

    def take() -> None:
        try:
            budget.reserve(4, "x")
            fits.append(True)
        except BudgetExceeded:
            fits.append(False)

    threads = [threading.Thread(target=take) for _ in range(5)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(fits) == [False, False, False, True, True] and budget.spent == 8
    budget.settle(4, 0)
    assert budget.spent == 4 and budget.left == 6
    with pytest.raises(BudgetExceeded, match="nothing was sent"):
        budget.reserve(7, "generate_face")
    budget.reserve(0, "free")  # free calls always fit
    assert Budget(None).left is None


def test_tryon_reads_local_files_only_when_allowed(tmp_path: Path) -> None:
    garment = tmp_path / "shirt.png"
    import base64

    garment.write_bytes(base64.b64decode(png_b64()))
    with offline_session() as (huhu, files, sleep):
        remote = Toolbox(huhu, files, sleep=sleep, offline=True, local_files=False, workdir=tmp_path / "r")
        refused = remote.call("tryon", {"garments": [str(garment)], "model_description": "young adult woman"})
        assert refused.is_error and "garments.0" in refused.text
        assert remote.budget.spent == 0
        local = Toolbox(huhu, files, sleep=sleep, offline=True, workdir=tmp_path / "l", budget=10)
        done = local.call("tryon", {"garments": [str(garment)], "model_description": "young adult woman"})
        assert not done.is_error, done.text
        assert done.structured is not None and done.structured["credits_charged"] == 2
        assert local.budget.spent == 2 and done.images
        urls = [o["image_url"] for o in done.structured["outputs"] if o["kind"] == "tryon"]
        assert urls and all(u.startswith("http") for u in urls)
        fetched = local.call("fetch_image", {"url": urls[0]})
        assert not fetched.is_error and len(fetched.images) == 1


def test_a_failed_tryon_gives_back_what_it_did_not_spend(tmp_path: Path) -> None:
    with offline_session() as (huhu, files, sleep):
        box = Toolbox(huhu, files, sleep=sleep, offline=True, workdir=tmp_path, budget=10)
        vague = box.call("tryon", {"garments": [png_b64()], "model_description": "purple dragon"})
        assert vague.is_error and "model_description" in vague.text  # no attribute to match
        failed = box.call("tryon", {"garments": [png_b64()], "model_image": "no-such-image"})
        assert failed.is_error, failed.text  # the API refuses the unknown model image: nothing charged
        assert box.budget.spent == 0


def test_tools_option_selects_tags_and_operations(tmp_path: Path) -> None:
    with offline_session() as (huhu, files, sleep):
        box = Toolbox(huhu, files, sleep=sleep, offline=True, mode="tasks,get_plan", workdir=tmp_path)
        names = {d["name"] for d in box.definitions()}
        assert names == {"create_tasks", "update_task", "get_tasks", "generate_tasks", "get_plan"} | {
            "huhu_estimate",
            "find_model",
            "wait",
            "fetch_image",
            "tryon",
        }
        hidden = box.call("create_project", {"project_name": "x"})
        assert hidden.is_error and "hidden" in hidden.text
        with pytest.raises(ValueError, match="nope"):
            Toolbox(huhu, files, mode="nope", workdir=tmp_path)
        dynamic = Toolbox(huhu, files, mode="dynamic", read_only=True, workdir=tmp_path)
        listed = dynamic.call("list_api_endpoints", {})
        assert listed.structured is not None
        assert {t["name"] for t in listed.structured["tools"]} >= {"get_plan", "huhu_estimate"}
        assert not {"generate_tasks", "tryon"} & {t["name"] for t in listed.structured["tools"]}
        refused = dynamic.call("invoke_api_endpoint", {"name": "generate_face", "arguments": {"prompt": "x"}})
        assert refused.is_error and "hidden" in refused.text


def test_a_paid_call_whose_answer_was_lost_is_not_sent_again_blindly(tmp_path: Path) -> None:
    import httpx

    from huhu_ext.testing import mock_huhu

    with mock_huhu() as mock, mock.client() as huhu, httpx.Client() as files:
        box = Toolbox(huhu, files, workdir=tmp_path, budget=5)
        face = {"prompt": "headshot of a young adult woman"}
        mock.inject_fault("POST", "/model/face", 500)
        lost = box.call("generate_face", face)
        assert lost.is_error and "AmbiguousRequestError" in lost.text and "credit-history" in lost.text
        assert box.budget.spent == 1  # it may have been charged: it stays counted
        again = box.call("generate_face", face)
        assert again.is_error and "get_credit_history" in again.text and "nothing was sent" in again.text
        other = box.call("generate_face", {"prompt": "another face"})  # not the same call: allowed
        assert not other.is_error, other.text
        assert not box.call("get_credit_history", {}).is_error
        assert not box.call("generate_face", face).is_error  # the agent has seen the ledger
        assert box.budget.spent == 3


def test_foreign_ids_are_named_wherever_they_are(tmp_path: Path) -> None:
    with offline_session() as (huhu, files, sleep):
        box = Toolbox(huhu, files, sleep=sleep, offline=True, workdir=tmp_path)
        project = box.call("create_project", {"project_name": "p"}).structured
        assert project is not None
        pid = project["result"]["project_id"]
        waited = box.call("wait", {"kind": "tasks", "task_ids": ["no-such-task"], "project_id": pid})
        assert waited.is_error and "task_ids.0" in waited.text and "no task" in waited.text
        gen = box.call("get_generation_request", {"request_id": "no-such-request"})
        assert gen.is_error and "request_id" in gen.text
        dynamic = Toolbox(huhu, files, mode="dynamic", workdir=tmp_path)
        bad = dynamic.call("invoke_api_endpoint", {"name": "get_skus", "arguments": {"project_id": "nope"}})
        assert bad.is_error and "arguments.project_id" in bad.text


def test_dynamic_mode_is_a_fraction_of_the_full_tool_list() -> None:
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
    import bench_tool_list

    rows = {label: (count, chars) for label, count, chars, _ in bench_tool_list.measure()}
    full, dynamic = rows["mcp serve --tools all"], rows["mcp serve --tools dynamic"]
    assert full[0] == 32 and dynamic[0] == 3
    assert dynamic[1] * 10 < full[1]
    assert rows["mcp serve --tools all --read-only"][1] < full[1]


def test_a_tryon_stopped_with_requests_in_doubt_keeps_its_reservation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A wave whose answer was lost and that the server's state never settled (InDoubtError) may have
    been charged: the session budget keeps counting it, as after an AmbiguousRequestError."""
    from huhu_ext import batch
    from huhu_ext.in_doubt import Doubt, InDoubtError, LedgerMark

    def stuck(self: batch.TryOnRun) -> batch.RunResult:
        doubt = Doubt("generate:t1", "generate_tasks", ("t1",), 2, LedgerMark(()), started=0.0)
        raise InDoubtError([doubt], 300.0)

    monkeypatch.setattr(batch.TryOnRun, "run", stuck)
    with offline_session() as (huhu, files, sleep):
        box = Toolbox(huhu, files, sleep=sleep, offline=True, workdir=tmp_path, budget=10)
        stopped = box.call("tryon", {"garments": [png_b64()], "model_description": "young adult woman"})
        assert stopped.is_error and "InDoubtError" in stopped.text
        assert box.budget.spent == 2  # the journal records no charge, but the wave may have been charged


def test_estimating_tryon_on_a_read_only_server_names_it_unknown(tmp_path: Path) -> None:
    """A read-only server hides tryon; pricing it is an input error, not an internal one."""
    with offline_session() as (huhu, files, sleep):
        box = Toolbox(huhu, files, sleep=sleep, offline=True, read_only=True, workdir=tmp_path)
        answer = box.call("huhu_estimate", {"tool": "tryon", "arguments": {"garments": [png_b64()]}})
        assert answer.is_error
        assert "unknown tool 'tryon'" in answer.text and "internal error" not in answer.text
        assert box.budget.spent == 0

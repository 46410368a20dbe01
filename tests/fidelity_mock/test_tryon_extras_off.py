"""Our own batch and CLI work with extras off: the reference's GET /task has no sku_id (D-MOCK-EXTRAS)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx
import pytest

from huhu_ext import Huhu
from huhu_ext.batch import TryOnOptions, TryOnRun
from huhu_ext.cli import main
from huhu_ext.offline import offline_db
from mock_server import DEFAULT_API_KEY, HuhuBackend, create_app

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "garments"


def test_batch_tryon_runs_to_the_end_on_task_lists_without_sku_id(tmp_path: Path) -> None:
    backend = HuhuBackend(clock="manual")  # extras off: the default
    task_lists: list[dict[str, Any]] = []

    class Recording(httpx.WSGITransport):
        def handle_request(self, request: httpx.Request) -> httpx.Response:
            response = super().handle_request(request)
            if (
                request.method == "GET"
                and request.url.path.endswith("/task")
                and "task_id" not in request.url.params
            ):
                response.read()
                task_lists.append(response.json())
            return response

    transport = Recording(app=create_app(backend, strict=True))

    options = TryOnOptions(garments=(EXAMPLES,), out=tmp_path / "out", poll_interval=5.0)
    try:
        with (
            Huhu(
                api_key=DEFAULT_API_KEY,
                base_url="http://mock.invalid/public/v1",
                transport=transport,
                sleep=backend.advance_clock,
            ) as huhu,
            httpx.Client(transport=transport) as files,
        ):
            result = TryOnRun(huhu, options, files=files, sleep=backend.advance_clock).run()
    finally:
        backend.close()
    assert task_lists, "the batch never listed tasks"
    for listing in task_lists:
        for group in listing["skus"]:
            assert "sku_id" not in group and "project_id" not in group
            assert all("view" not in task for task in group["tasks"])
    tryons = [o for o in result.outputs if o.kind == "tryon"]
    assert len(tryons) == 5  # shirt front+back, jeans front+back, dress front
    assert all((tmp_path / "out" / o.file).is_file() for o in tryons)


def test_huhu_tryon_cli_offline_runs_to_the_end_with_extras_off(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    code = main(["--offline", "--json", "tryon", str(EXAMPLES), "--out", str(out), "--yes"])
    stdout, _ = capsys.readouterr()
    assert code == 0, stdout
    assert len(json.loads((out / "manifest.json").read_text())["outputs"]) == 5
    backend = HuhuBackend(db_path=str(offline_db()), clock="manual")  # the same offline mock, extras off
    try:
        caller = backend.caller_for_key(DEFAULT_API_KEY)
        listing = backend.handle("get_tasks", caller, {})
        assert listing["skus"] and all("sku_id" not in group for group in listing["skus"])
        assert {t["task_status"] for g in listing["skus"] for t in g["tasks"]} == {"Generation completed"}
    finally:
        backend.close()

"""`huhu tryon`: the main job, offline and against a real mock server, including kill -9 and resume."""

from __future__ import annotations

import csv
import json
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from PIL import Image

from huhu_ext.cli import main
from huhu_ext.offline import offline_backend
from mock_server import DEFAULT_API_KEY, HuhuBackend
from mock_server.catalog import preset_models

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "garments"


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _ledger(out: Path) -> tuple[int, list[dict[str, Any]], int]:
    """(balance, credit history, number of projects) of the shared offline mock (never in ``out``)."""
    assert not [p for p in out.rglob("*") if "offline" in p.name]  # nothing of the mock in --out
    backend = offline_backend()
    try:
        caller = backend.caller_for_key(DEFAULT_API_KEY)
        plan = backend.get_plan(caller, {})
        history = backend.get_credit_history(caller, {"fetch_all": True})["items"]
        projects = backend.get_projects(caller, {})["projects"]
        return plan["credits"], history, len(projects)
    finally:
        backend.close()


def test_offline_main_job_outputs_manifest_and_exact_credits(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    code, stdout, _ = _run(capsys, "--offline", "--json", "tryon", str(EXAMPLES), "--out", str(out), "--yes")
    assert code == 0
    result = json.loads(stdout)
    files = sorted(out.rglob("*.png"))
    assert len(files) == 5  # shirt front+back, jeans front+back, dress front; one image per task
    for f in files:
        with Image.open(f) as image:
            assert image.format == "PNG" and image.size[0] > 0
    manifest_text = (out / "manifest.json").read_text()
    manifest = json.loads(manifest_text)
    assert manifest_text == json.dumps(manifest, indent=2) + "\n"  # written row by row, same text
    assert {row["file"] for row in manifest["outputs"]} == {str(f.relative_to(out)) for f in files}
    csv_rows = list(csv.DictReader((out / "manifest.csv").open()))
    assert [dict(r) for r in csv_rows] == [{k: str(v) for k, v in row.items()} for row in manifest["outputs"]]
    balance, history, _ = _ledger(out)
    assert result["credits_spent"] == 10 == 50 - balance == sum(e["credits"] for e in history)
    assert Counter(e["request_id"] for e in history) == Counter(
        {r["task_id"]: 1 for r in manifest["outputs"]}
    )

    # Running the same command again finds everything done: nothing spent, nothing downloaded again.
    mtimes = {f: f.stat().st_mtime_ns for f in files}
    code, stdout, _ = _run(capsys, "--offline", "--json", "tryon", str(EXAMPLES), "--out", str(out), "--yes")
    assert code == 0
    assert _ledger(out)[0] == balance
    assert {f: f.stat().st_mtime_ns for f in sorted(out.rglob("*.png"))} == mtimes


def test_dry_run_prices_and_spends_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    code, stdout, _ = _run(
        capsys, "--offline", "tryon", str(EXAMPLES), "--out", str(out), "--images-per-task", "3", "--dry-run"
    )
    assert code == 0
    assert "at most 5 tasks" in stdout and "at most 30 credits" in stdout
    assert not out.exists()


def test_too_few_credits_refuses_before_the_first_spend(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    backend = offline_backend()
    backend.set_credits(3, api_key=DEFAULT_API_KEY)
    backend.close()
    code, _, err = _run(capsys, "--offline", "tryon", str(EXAMPLES), "--out", str(out), "--yes")
    assert code == 1
    assert "needs up to 10 credits and the balance is 3; nothing was spent" in err
    assert "`huhu --offline mock reset` starts over" in err
    assert len(err.strip().splitlines()) == 1  # one clear line, no traceback
    assert _ledger(out) == (3, [], 0)
    assert not list(out.rglob("*.png"))


def test_model_description_picks_a_matching_gallery_model(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    shirt = EXAMPLES / "linen-shirt-white" / "top-front.png"
    code, stdout, _ = _run(
        capsys,
        "--offline",
        "--json",
        "tryon",
        str(shirt),
        "--out",
        str(out),
        "--yes",
        "--model",
        "young adult East Asian woman, plus size",
    )
    assert code == 0
    chosen = json.loads(stdout)["model_image"]
    [model] = [m for m in preset_models() if any(i.model_image_id == chosen for i in m.images)]
    assert (model.model_type, model.model_size) == ("Women", "Plus size")
    assert (model.attributes["ethnicity"], model.attributes["age_range"]) == ("East Asian", "Young Adult")
    [image] = [i for i in model.images if i.model_image_id == chosen]
    assert (image.view_type, image.crop_type) == ("front_facing", "fullbody")


def test_unknown_model_image_is_one_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shirt = EXAMPLES / "linen-shirt-white" / "top-front.png"
    code, _, err = _run(
        capsys,
        "--offline",
        "tryon",
        str(shirt),
        "--out",
        str(tmp_path / "o"),
        "--yes",
        "--model-image",
        "nope",
    )
    assert code == 1
    last = err.strip().splitlines()[-1]
    assert last == "error: HTTP 404 on PUT /public/v1/task: Model image nope not found"
    assert "Traceback" not in err


# -- kill -9 halfway, then resume, against a real server on a --db file ------------------------------


@pytest.fixture
def mock_server(tmp_path: Path) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "mock_server",
            "serve",
            "--port",
            "0",
            "--db",
            str(tmp_path / "mock.sqlite"),
            "--tryon-seconds",
            "1.0",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    line = proc.stdout.readline()
    assert line.startswith("huhu-mock serving "), line
    base_url = line.split()[-1]
    try:
        yield base_url, proc
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=10)


def test_sigkill_halfway_then_rerun_charges_each_task_once(
    tmp_path: Path, mock_server: tuple[str, subprocess.Popen[str]]
) -> None:
    base_url, _ = mock_server
    root = base_url.removesuffix("/public/v1")
    headers = {"Authorization": f"Bearer {DEFAULT_API_KEY}"}
    httpx.post(f"{root}/_mock/slots", json={"api_key": DEFAULT_API_KEY, "slots": 2}).raise_for_status()
    garments = tmp_path / "garments"
    garments.mkdir()
    for i in range(8):  # eight lone images → eight SKUs, one task each, generated two at a time
        shutil.copy(EXAMPLES / "summer-dress-red" / "dress-front.png", garments / f"dress-{i}.png")
    out = tmp_path / "out"
    cmd = [
        sys.executable,
        "-m",
        "huhu_ext.cli",
        "--base-url",
        base_url,
        "--quiet",
        "tryon",
        *sorted(str(p) for p in garments.iterdir()),
        "--out",
        str(out),
        "--yes",
        "--poll-interval",
        "0.2",
    ]
    env = {"HUHU_API_KEY": DEFAULT_API_KEY, "PATH": "/usr/bin:/bin"}

    def history() -> list[dict[str, Any]]:
        r = httpx.get(f"{base_url}/metering/credit-history", params={"fetch_all": "true"}, headers=headers)
        r.raise_for_status()
        return list(r.json()["items"])

    job = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while len(history()) < 2 and time.monotonic() < deadline and job.poll() is None:
        time.sleep(0.05)
    job.send_signal(signal.SIGKILL)
    job.wait(timeout=10)
    charged_before = len(history())
    assert 2 <= charged_before < 8, "the kill must land halfway through the generation waves"

    done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    entries = history()
    assert len(entries) == 8
    assert set(Counter(e["request_id"] for e in entries).values()) == {1}  # each task charged once
    skus = httpx.get(
        f"{base_url}/sku",
        params={"project_id": json.loads((out / "manifest.json").read_text())["project_id"]},
        headers=headers,
    ).json()["skus"]
    assert len(skus) == 8  # no SKU uploaded twice
    manifest = json.loads((out / "manifest.json").read_text())
    assert len(manifest["outputs"]) == 8
    assert sorted(str(p.relative_to(out)) for p in out.rglob("*.png")) == sorted(
        r["file"] for r in manifest["outputs"]
    )
    assert not list(out.rglob("*.part"))
    plan = httpx.get(f"{base_url}/metering/plan", headers=headers).json()
    assert plan["credits"] == 50 - 16 == 50 - manifest["credits_spent"]
    assert "credits spent: " in done.stdout and " this time, 16 in total" in done.stdout
    for written in out.rglob("*"):  # journal, manifests, outputs: the key is in none of them
        if written.is_file():
            assert DEFAULT_API_KEY.encode() not in written.read_bytes(), written
    assert DEFAULT_API_KEY not in done.stdout + done.stderr


def test_failed_task_is_refunded_and_generated_again(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    backend = offline_backend()
    backend.fail_next_jobs(1, kind="tryon")
    backend.close()
    shirt = EXAMPLES / "linen-shirt-white"
    code, stdout, _ = _run(capsys, "--offline", "--json", "tryon", str(shirt), "--out", str(out), "--yes")
    assert code == 0
    assert len(list(out.rglob("*.png"))) == 2
    balance, history, _ = _ledger(out)
    operations = Counter(e["operation"] for e in history)
    assert operations == Counter({"tryon_gen": 3, "refund": 1})  # 2 tasks, one failed once and regenerated
    assert balance == 50 - 4 == 50 - json.loads(stdout)["credits_spent"]


def test_crash_between_the_charge_and_the_journal_still_counts_every_credit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The worst moment to die: the server charged the wave, the journal never heard of it."""
    from huhu_ext.journal import Journal

    out = tmp_path / "out"
    original = Journal.mark_submitted

    def crash(self: Journal, task_ids: list[str], credits_each: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(Journal, "mark_submitted", crash)
    code, _, _ = _run(capsys, "--offline", "tryon", str(EXAMPLES), "--out", str(out), "--yes")
    assert code == 130
    balance, history, _ = _ledger(out)
    assert balance == 40 and len(history) == 5  # the first wave was charged on the server

    monkeypatch.setattr(Journal, "mark_submitted", original)
    code, stdout, _ = _run(capsys, "--offline", "--json", "tryon", str(EXAMPLES), "--out", str(out), "--yes")
    assert code == 0
    balance, history, _ = _ledger(out)
    assert (balance, len(history)) == (40, 5)  # nothing generated twice
    assert (
        json.loads(stdout)["credits_spent"]
        == 10
        == json.loads((out / "manifest.json").read_text())["credits_spent"]
    )


def test_crash_while_waiting_for_upscale_and_video_pays_for_each_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from huhu_ext.client import Huhu

    out = tmp_path / "out"
    argv = ["--offline", "--json", "tryon", str(EXAMPLES / "summer-dress-red"), "--out", str(out), "--yes"]
    argv += ["--upscale", "2", "--video", "5"]
    for name in ("wait_for_upscale", "wait_for_video"):
        original = getattr(Huhu, name)

        def interrupt(self: Huhu, *args: object, **kwargs: object) -> None:
            raise KeyboardInterrupt

        monkeypatch.setattr(Huhu, name, interrupt)
        assert main(argv) == 130
        capsys.readouterr()
        monkeypatch.setattr(Huhu, name, original)
    assert main(argv) == 0
    result = json.loads(capsys.readouterr().out)
    _, history, _ = _ledger(out)
    assert Counter(e["operation"] for e in history) == Counter({"tryon_gen": 1, "upscale": 1, "video_gen": 1})
    assert result["credits_spent"] == 2 + 2 + 25 == sum(e["credits"] for e in history)


def test_waits_for_classification_before_tasks_exist(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """On the live API classification may lag the upload: an SKU with no tasks yet is asked again."""
    calls: list[list[str]] = []
    original = HuhuBackend.create_tasks

    def slow_classifier(self: HuhuBackend, caller: Any, params: Any) -> Any:
        calls.append(list(params["sku_ids"]))
        if len(calls) == 1:
            return {"message": "success"}  # still classifying: no task yet
        return original(self, caller, params)

    monkeypatch.setattr(HuhuBackend, "create_tasks", slow_classifier)
    out = tmp_path / "out"
    code, _, err = _run(capsys, "--offline", "tryon", str(EXAMPLES), "--out", str(out), "--yes")
    assert code == 0
    assert "waiting for classification of 3 SKUs" in err
    assert len(calls) == 2 and len(calls[1]) == 3
    assert len(list(out.rglob("*.png"))) == 5


def test_task_list_without_sku_ids_as_in_the_reference_example(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The reference's GET /task list example has only sku_name and task_id/task_status."""
    original = HuhuBackend.get_tasks

    def like_the_reference(self: HuhuBackend, caller: Any, params: Any) -> Any:
        answer = original(self, caller, params)
        for sku in answer.get("skus", []):
            sku.pop("sku_id", None)
            sku.pop("project_id", None)
            for task in sku["tasks"]:
                task.pop("view", None)
        return answer

    monkeypatch.setattr(HuhuBackend, "get_tasks", like_the_reference)
    out = tmp_path / "out"
    code, stdout, _ = _run(capsys, "--offline", "--json", "tryon", str(EXAMPLES), "--out", str(out), "--yes")
    assert code == 0
    assert len(list(out.rglob("*.png"))) == 5
    assert json.loads(stdout)["credits_spent"] == 10 == 50 - _ledger(out)[0]


def test_other_garments_into_the_same_out_folder_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    shirt, dress = EXAMPLES / "linen-shirt-white", EXAMPLES / "summer-dress-red"
    assert _run(capsys, "--offline", "tryon", str(shirt), "--out", str(out), "--yes")[0] == 0
    balance = _ledger(out)[0]
    code, _, err = _run(capsys, "--offline", "tryon", str(dress), "--out", str(out), "--yes")
    assert code == 1
    assert "holds a different run" in err.strip().splitlines()[-1]
    assert "resuming" not in err  # another run's journal is not reported as this run's progress
    assert _ledger(out)[0] == balance  # nothing spent on the refused run

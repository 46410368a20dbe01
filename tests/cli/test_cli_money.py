"""Issue 11, the CLI side: consent, one result shape, truthful resume and Ctrl-C messages, inputs
checked before anything is created, flags after the subcommand, one-line CLI errors, offline state."""

from __future__ import annotations

import json
import os
import shlex
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from huhu_ext import cli as cli_module
from huhu_ext.batch import TryOnOptions, TryOnRun
from huhu_ext.cli import main
from huhu_ext.inputs import InvalidInputError
from huhu_ext.offline import offline_backend
from huhu_ext.testing import HuhuMockServer
from mock_server import DEFAULT_API_KEY

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "garments"
DRESS = EXAMPLES / "summer-dress-red"


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _offline_ledger() -> tuple[int, int, int]:
    """(balance, credit-history entries, projects) of the shared offline mock."""
    backend = offline_backend()
    try:
        caller = backend.caller_for_key(DEFAULT_API_KEY)
        history = backend.get_credit_history(caller, {"fetch_all": True})["items"]
        projects = backend.get_projects(caller, {})["projects"]
        return backend.get_plan(caller, {})["credits"], len(history), len(projects)
    finally:
        backend.close()


def _huhu(*argv: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """``huhu ...`` in a subprocess whose stdin is /dev/null (no terminal), as in a script or CI."""
    return subprocess.run(
        [sys.executable, "-m", "huhu_ext.cli", *argv],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **(env or {})},
    )


@pytest.fixture
def server(tmp_path: Path) -> Iterator[HuhuMockServer]:
    with HuhuMockServer(
        db_path=tmp_path / "mock.sqlite", tryon_seconds=0.2, job_seconds=0.2, clock="real"
    ) as s:
        yield s


# -- 1. consent ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "argv",
    [
        ["tryon", str(EXAMPLES)],
        ["tryon", str(DRESS), "--video", "5"],
        ["tryon", str(DRESS), "--upscale", "2"],
        ["upscale", str(DRESS / "dress-front.png")],
    ],
)
def test_no_terminal_and_no_yes_refuses_offline(tmp_path: Path, argv: list[str]) -> None:
    out = tmp_path / "out"
    extra = ["--out", str(out)] if argv[0] == "tryon" else ["--out", str(tmp_path / "big.png")]
    done = _huhu("--offline", *argv, *extra)
    assert done.returncode == 2
    [line] = done.stderr.strip().splitlines()
    assert line.startswith("error: ") and "--yes" in line and "credits" in line
    assert _offline_ledger() == (50, 0, 0)  # nothing spent, no project created
    assert not out.exists() and not (tmp_path / "big.png").exists()


def test_no_terminal_and_no_yes_refuses_over_http(tmp_path: Path, server: HuhuMockServer) -> None:
    env = {"HUHU_API_KEY": server.api_key, "HUHU_BASE_URL": server.base_url}
    done = _huhu("tryon", str(EXAMPLES), "--out", str(tmp_path / "out"), env=env)
    assert done.returncode == 2
    assert len(done.stderr.strip().splitlines()) == 1 and "pass --yes" in done.stderr
    state = server.state()
    assert server.credits() == 50 and not state["ledger"] and not state["projects"]


def test_a_terminal_asks_with_the_price(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, offline_state: Path
) -> None:
    monkeypatch.setattr(cli_module, "_stdin_is_terminal", lambda: True)
    runner = CliRunner()
    argv = ["--offline", "tryon", str(EXAMPLES), "--out", str(tmp_path / "out")]
    refused = runner.invoke(cli_module.cli, argv, input="n\n")
    assert "Spend up to 10 credits on this try-on run?" in refused.output
    assert refused.exit_code == 1 and "cancelled, nothing was spent" in refused.output
    assert _offline_ledger() == (50, 0, 0)
    accepted = runner.invoke(cli_module.cli, argv, input="y\n")
    assert accepted.exit_code == 0, accepted.output
    assert _offline_ledger()[:2] == (40, 5)


def test_help_documents_consent() -> None:
    result = CliRunner().invoke(cli_module.cli, ["tryon", "--help"])
    assert "Without it the price is shown and confirmed on a terminal" in " ".join(result.output.split())
    assert "exit 2" in result.output


# -- 2. one result shape ---------------------------------------------------------------------------
RECORD_FIELDS = {"sku", "sku_id", "task_id", "view", "kind", "index", "image_id", "file", "credits"}


def _check_same_shape(result: dict[str, Any], out: Path) -> None:
    manifest = json.loads((out / "manifest.json").read_text())
    assert result["outputs"] == manifest["outputs"]
    assert {k: v for k, v in result.items() if k in manifest} == manifest
    for row in result["outputs"]:
        assert set(row) == RECORD_FIELDS and row["index"] >= 1 and row["sku"] and row["sku_id"]
    assert sum(r["credits"] for r in result["outputs"]) == result["credits_spent"]


def test_json_and_manifest_carry_the_same_records_offline(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    argv = ["--offline", "--json", "tryon", str(EXAMPLES / "linen-shirt-white"), "--out", str(out), "--yes"]
    code, stdout, _ = _run(capsys, *argv, "--images-per-task", "2", "--upscale", "2", "--video", "5")
    assert code == 0
    result = json.loads(stdout)
    _check_same_shape(result, out)
    tryons = [r for r in result["outputs"] if r["kind"] == "tryon"]
    assert sorted(r["index"] for r in tryons) == [1, 1, 2, 2]  # 1-based, two images per task
    # The reference's task list names no view, and the offline mock sends only what it documents
    # (D-MOCK-EXTRAS): the records say so (null) rather than guess one.
    assert {r["view"] for r in tryons} <= {"front", "back", None, ""}
    assert result["credits_spent"] == 50 - _offline_ledger()[0]


def test_json_and_manifest_carry_the_same_records_over_http(tmp_path: Path, server: HuhuMockServer) -> None:
    out = tmp_path / "out"
    env = {"HUHU_API_KEY": server.api_key, "HUHU_BASE_URL": server.base_url}
    done = _huhu(
        "tryon", str(EXAMPLES), "--out", str(out), "--json", "--yes", "--poll-interval", "0.1", env=env
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    _check_same_shape(result, out)
    assert result["credits_spent"] == 10 == 50 - server.credits()


# -- 3. truthful progress ------------------------------------------------------------------------
def test_a_resumed_run_says_what_it_found(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    argv = ["--offline", "tryon", str(EXAMPLES), "--out", str(out), "--yes"]
    code, stdout, _ = _run(capsys, *argv)
    assert code == 0 and "credits spent: 10" in stdout
    code, stdout, err = _run(capsys, *argv)
    assert code == 0
    assert "resuming: 3 SKUs already uploaded, 5 of 5 tasks already generated" in err
    assert "uploaded 3 SKUs" not in err and "uploading" not in err
    assert "credits spent: 0 this time, 10 in total" in stdout
    assert _offline_ledger()[:2] == (40, 5)


def test_ctrl_c_prints_the_command_that_resumes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "my out"
    argv = ["tryon", str(EXAMPLES), "--out", str(out), "--offline", "--yes"]
    original = TryOnRun._generate

    def interrupted(self: TryOnRun, *args: Any) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(TryOnRun, "_generate", interrupted)
    code, _, err = _run(capsys, *argv)
    assert code == 130
    [line] = err.strip().splitlines()[-1:]
    assert line == "interrupted; resume with: " + shlex.join(["huhu", *argv])
    monkeypatch.setattr(TryOnRun, "_generate", original)
    resumed = shlex.split(line.split("resume with: ", 1)[1])[1:]
    code, stdout, err = _run(capsys, *resumed)
    assert code == 0 and "resuming: 3 SKUs already uploaded, 0 of 5 tasks already generated" in err
    assert "credits spent: 10 this time, 10 in total" in stdout


# -- 4. inputs checked before anything is created --------------------------------------------------
def test_a_bad_garment_file_is_named_and_nothing_is_created(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    garments = tmp_path / "garments" / "dress"
    garments.mkdir(parents=True)
    (garments / "a-front.png").write_bytes((DRESS / "dress-front.png").read_bytes())
    broken = garments / "b-back.png"
    broken.write_bytes((DRESS / "dress-front.png").read_bytes()[:200])  # truncated
    out = tmp_path / "out"
    code, _, err = _run(capsys, "--offline", "tryon", str(garments), "--out", str(out), "--yes")
    assert code == 1
    [line] = err.strip().splitlines()
    assert line.startswith(f"error: {broken}: ") and line.count(str(broken)) == 1
    assert _offline_ledger() == (50, 0, 0) and not out.exists()
    broken.write_text("not an image at all")
    code, _, err = _run(capsys, "--offline", "tryon", str(garments), "--out", str(out), "--yes")
    assert code == 1 and err.count(str(broken)) == 1 and "not an image" in err


def test_the_python_api_checks_inputs_too(tmp_path: Path) -> None:
    bad = tmp_path / "shirt.png"
    bad.write_text("nope")
    from huhu_ext.offline import offline_session

    with offline_session() as (huhu, files, sleep):
        run = TryOnRun(huhu, TryOnOptions(garments=(bad,), out=tmp_path / "out"), files=files, sleep=sleep)
        with pytest.raises(InvalidInputError, match=r"shirt\.png"):
            run.run()
    assert _offline_ledger() == (50, 0, 0)


# -- 5. flags where users type them ----------------------------------------------------------------
def test_global_flags_after_the_subcommand(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, stdout, err = _run(
        capsys, "tryon", str(DRESS), "--out", str(tmp_path / "a"), "--offline", "--quiet", "--json", "--yes"
    )
    assert code == 0 and not err
    after = json.loads(stdout)
    code, stdout, _ = _run(
        capsys, "--offline", "--quiet", "--json", "tryon", str(DRESS), "--out", str(tmp_path / "b"), "--yes"
    )
    before = json.loads(stdout)
    assert code == 0 and after["credits_spent"] == before["credits_spent"] == 1 * 2
    assert _run(capsys, "credits", "--offline", "--json")[1].count('"credits": 46') == 1


# -- 6. CLI errors name CLI things ---------------------------------------------------------------
def test_missing_key_names_the_cli_ways(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("HUHU_API_KEY", raising=False)
    code, _, err = _run(capsys, "credits")
    assert (
        code == 1
        and err.strip() == "error: no API key: set HUHU_API_KEY or pass --api-key (or use --offline)"
    )


def test_connection_failure_is_one_line() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # closed again: nothing listens there
    done = _huhu(
        "credits",
        env={"HUHU_API_KEY": DEFAULT_API_KEY, "HUHU_BASE_URL": f"http://127.0.0.1:{port}/public/v1"},
    )
    assert done.returncode == 1
    [line] = done.stderr.strip().splitlines()
    assert line.startswith("error: cannot reach the Huhu API") and "--base-url" in line


def test_mock_serve_on_a_busy_port_is_one_line() -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        done = subprocess.run(
            [sys.executable, "-m", "mock_server", "serve", "--port", str(port)],
            capture_output=True,
            text=True,
            timeout=60,
            stdin=subprocess.DEVNULL,
        )
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        f"huhu-mock: cannot serve on 127.0.0.1:{port}: Address already in use"
    ]


# -- 7. offline state you can look at --------------------------------------------------------------
def test_offline_state_is_shared_and_resettable(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], offline_state: Path
) -> None:
    out = tmp_path / "out"
    assert _run(capsys, "--offline", "tryon", str(EXAMPLES), "--out", str(out), "--yes")[0] == 0
    assert "credits: 40" in _run(capsys, "--offline", "credits")[1]
    assert len(json.loads(_run(capsys, "--offline", "--json", "projects")[1])) == 1
    assert len(json.loads(_run(capsys, "--offline", "--json", "history")[1])) == 5
    assert {p.name for p in out.iterdir()} == {
        ".huhu-journal.sqlite",
        ".huhu-journal.sqlite-wal",
        ".huhu-journal.sqlite-shm",
        "manifest.json",
        "manifest.csv",
        "denim-jeans-blue",
        "linen-shirt-white",
        "summer-dress-red",
    } - {p for p in (".huhu-journal.sqlite-wal", ".huhu-journal.sqlite-shm") if not (out / p).exists()}
    assert _run(capsys, "--offline", "mock", "where")[1].strip() == str(offline_state / "offline-mock.sqlite")
    assert _run(capsys, "--offline", "mock", "reset")[0] == 0
    assert "credits: 50" in _run(capsys, "--offline", "credits")[1]
    assert _offline_ledger() == (50, 0, 0)


def test_dry_run_shows_the_balance_and_whether_it_suffices(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["--offline", "tryon", str(EXAMPLES), "--out", str(tmp_path / "out"), "--dry-run"]
    code, stdout, _ = _run(capsys, *argv)
    assert code == 0 and "balance: 50 credits; needed: up to 10: enough" in stdout
    backend = offline_backend()
    backend.set_credits(4, api_key=DEFAULT_API_KEY)
    backend.close()
    code, stdout, _ = _run(capsys, *argv)
    assert "balance: 4 credits; needed: up to 10: NOT enough: 6 credits short" in stdout
    data = json.loads(_run(capsys, *argv, "--json")[1])
    assert (data["balance"], data["needed"], data["enough"]) == (4, 10, False)
    assert _offline_ledger() == (4, 0, 0) and not (tmp_path / "out").exists()


# -- findings 4-6 over real HTTP against `huhu-mock serve --db` ---------------------------------------
def test_resume_and_ctrl_c_over_http(tmp_path: Path) -> None:
    import signal

    # The interrupt is sent once the CLI itself says the try-ons are being generated (its progress
    # lines on stderr), so it lands while they run however loaded the machine is.
    with HuhuMockServer(db_path=tmp_path / "mock.sqlite", clock="real", tryon_seconds=5.0) as server:
        env = {**os.environ, "HUHU_API_KEY": server.api_key, "HUHU_BASE_URL": server.base_url}
        out = tmp_path / "out"
        argv = ["tryon", str(EXAMPLES), "--out", str(out), "--yes", "--poll-interval", "0.2"]
        job = subprocess.Popen(
            [sys.executable, "-m", "huhu_ext.cli", *argv],
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            # Ctrl-C's default action, as for a command typed in a terminal: a suite started in the
            # background of a non-interactive shell runs with SIGINT ignored, and children inherit that.
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        )
        assert job.stderr is not None
        seen: list[str] = []
        for line in job.stderr:
            seen.append(line)
            if line.startswith("generating:") and " 0 generating" not in line:
                break
        job.send_signal(signal.SIGINT)  # Ctrl-C while the try-ons run
        out_text, rest = job.communicate(timeout=60)
        err = "".join(seen) + rest
        assert job.returncode == 130, (out_text[-2000:], err[-2000:])
        assert err.strip().splitlines()[-1] == "interrupted; resume with: " + shlex.join(["huhu", *argv])
        spent_before = 50 - server.credits()
        assert spent_before == 10  # one wave: every task was submitted before the interrupt

        again = _huhu(*argv, env={"HUHU_API_KEY": server.api_key, "HUHU_BASE_URL": server.base_url})
        assert again.returncode == 0, again.stderr
        assert "resuming: 3 SKUs already uploaded, 5 of 5 tasks already generated" in again.stderr
        assert "uploading" not in again.stderr
        assert "credits spent: 0 this time, 10 in total" in again.stdout
        assert 50 - server.credits() == 10
        ledger = server.state()["ledger"]
        assert len(ledger) == 5  # each task charged once

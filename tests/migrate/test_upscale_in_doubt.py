"""`huhu upscale IMAGE` sends through ``in_doubt.Billable`` (D-MIGRATE-UPSCALE): over real HTTP, with the
mock's latency longer than the client's timeout, the lost answer is settled from the credit history
and the request is never sent twice, in the same run or in the rerun an in-doubt stop invites."""

from __future__ import annotations

import functools
import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from huhu_ext import cli as cli_module
from huhu_ext.cli import main
from huhu_ext.client import Huhu
from huhu_ext.testing import HuhuMockServer

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "garments"
TIMEOUT = 1.5  # the client's timeout on API calls
LATENCY = 3.0  # longer: the answer is lost, the request lands later


@pytest.fixture
def server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[HuhuMockServer]:
    monkeypatch.setattr(cli_module, "Huhu", functools.partial(Huhu, timeout=TIMEOUT, poll_interval=0.2))
    with HuhuMockServer(db_path=tmp_path / "mock.sqlite", clock="real", job_seconds=0.3) as running:
        yield running


def _upscale(server: HuhuMockServer, source: Path, dest: Path, *extra: str) -> int:
    args = ["--base-url", server.base_url, "--api-key", server.api_key, "--json"]
    return main([*args, "upscale", str(source), "--out", str(dest), "--yes", *extra])


def _source(tmp_path: Path) -> Path:
    source = tmp_path / "shirt.png"
    source.write_bytes((EXAMPLES / "linen-shirt-white" / "top-front.png").read_bytes())
    return source


def test_a_lost_upscale_answer_is_settled_not_sent_again(
    server: HuhuMockServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source, dest = _source(tmp_path), tmp_path / "big.png"
    server.inject_fault("POST", "/upscale", latency=LATENCY)
    assert _upscale(server, source, dest) == 0
    data = json.loads(capsys.readouterr().out)
    server.verify("create_upscale", times=1)  # the answer was lost, and it was not re-sent
    assert data["credits"] == 2 and server.credits() == 48  # the ledger's charge, once
    with Image.open(dest) as big, Image.open(source) as small:
        assert big.size == (small.size[0] * 2, small.size[1] * 2)
    assert list(tmp_path.glob("*.huhu-pending.json")) == []  # nothing left to resume


def test_an_upscale_in_doubt_stops_and_the_rerun_pays_once(
    server: HuhuMockServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source, dest = _source(tmp_path), tmp_path / "big.png"
    server.inject_fault("POST", "/upscale", latency=LATENCY)
    assert _upscale(server, source, dest, "--in-doubt-window", "0.5") == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "in doubt" in err[0] and "--resend-in-doubt" in err[0]
    pending = dest.with_name(dest.name + ".huhu-pending.json")
    assert pending.is_file() and not dest.exists()
    deadline = time.monotonic() + 30
    while server.credits() == 50 and time.monotonic() < deadline:  # the slow request lands
        time.sleep(0.1)
    assert _upscale(server, source, dest, "--in-doubt-window", "0.5") == 0
    data = json.loads(capsys.readouterr().out)
    server.verify("create_upscale", times=1)  # the rerun settled it from the ledger, sent nothing
    assert data["credits"] == 2 and server.credits() == 48
    assert dest.is_file() and not pending.exists()


def test_a_failed_upscale_leaves_nothing_to_resume_and_the_rerun_sends_anew(
    server: HuhuMockServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A job that failed on the server is settled (refunded), not in doubt: the rerun pays for a new one."""
    source, dest = _source(tmp_path), tmp_path / "big.png"
    server.fail_next_jobs(1, kind="upscale")
    assert _upscale(server, source, dest) == 1
    assert "failed" in capsys.readouterr().err
    assert list(tmp_path.glob("*.huhu-pending.json")) == [] and not dest.exists()
    assert _upscale(server, source, dest) == 0
    assert json.loads(capsys.readouterr().out)["credits"] == 2
    server.verify("create_upscale", times=2)
    assert server.credits() == 48  # the failed one was refunded

"""Property: through any schedule of faults on the credit-spending requests, the batch never charges a
task or an upscale twice, and the spend it reports is the server's ledger delta.

The mock runs in-process on its manual clock (waiting advances it), behind a network that, for each
billable POST, follows the next action of a random schedule: the answer is lost after the request
was applied, the request lands late (a few requests later: latency past the client's timeout), it is
lost before the server, a 500 (applied or not), a 429, a dropped connection, or the client is killed
before or after the server applied it (and the run is resumed by a fresh run on the same ``out``).
A run either completes or stops with an in-doubt (or failed-twice) error; then it is finished by a
rerun with ``resend_in_doubt`` once the network is healthy again.
"""

from __future__ import annotations

import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from huhu_ext.batch import RunResult, TryOnOptions, TryOnRun
from huhu_ext.client import Huhu
from huhu_ext.in_doubt import BillingFailedError, InDoubtError
from mock_server import DEFAULT_API_KEY, HuhuBackend, create_app, imaging

from .money_support import ACTIONS, FaultyNetwork, Killed, garments

BASE_URL = "http://huhu-money.invalid/public/v1"


@pytest.fixture(autouse=True)
def _small_images(monkeypatch: pytest.MonkeyPatch) -> None:
    """The property is about money, not pixels: the mock renders tiny outputs (keeps it cheap for CI)."""
    tiny = imaging.placeholder_png(8, 8, seed="money", label="x")
    monkeypatch.setattr(imaging, "tryon_png", lambda *args, **kwargs: tiny)
    monkeypatch.setattr(imaging, "upscale_png", lambda *args, **kwargs: tiny)
    monkeypatch.setattr(imaging, "video_file", lambda *args, **kwargs: (b"RIFF", "video/x-msvideo"))


def _charges(history: list[dict[str, Any]], operation: str) -> Counter[str]:
    return Counter(e["request_id"] for e in history if e["operation"] == operation and e["credits"] > 0)


CREDITS = 200


def _drive(schedule: list[str], upscale: bool, folder: Path, video: bool = False) -> None:
    backend = HuhuBackend(db_path=None, clock="manual", job_seconds=5.0, tryon_seconds=10.0)
    backend.set_slots(2, api_key=DEFAULT_API_KEY)
    backend.set_credits(CREDITS, api_key=DEFAULT_API_KEY)
    app_transport = httpx.WSGITransport(app=create_app(backend))
    net = FaultyNetwork(app_transport, schedule)
    source = garments(folder / "garments", 3)  # 3 SKUs, one task each, in waves of 2
    out = folder / "out"

    def run(resend: bool = False) -> RunResult:
        options = TryOnOptions(
            garments=source,
            out=out,
            poll_interval=5.0,
            upscale=2.0 if upscale else None,
            video="5" if video else None,
            in_doubt_window=60.0,
            resend_in_doubt=resend,
        )
        with (
            Huhu(
                api_key=DEFAULT_API_KEY, base_url=BASE_URL, transport=net, sleep=backend.advance_clock
            ) as huhu,
            httpx.Client(transport=app_transport) as files,
        ):
            return TryOnRun(huhu, options, files=files, sleep=backend.advance_clock, clock=backend.now).run()

    result: RunResult | None = None
    try:
        for _ in range(len(schedule) + 1):  # every kill is followed by a fresh run on the same out
            try:
                result = run()
                break
            except Killed:
                continue
            except (InDoubtError, BillingFailedError) as stopped:
                assert "\n" not in str(stopped)
                break
        if result is None:  # stopped (or killed every time): heal the network, resume, resend
            net.schedule.clear()
            net.land_late(all_now=True)
            result = run(resend=True)
        caller = backend.caller_for_key(DEFAULT_API_KEY)
        history = backend.get_credit_history(caller, {"fetch_all": True})["items"]
        balance = backend.get_plan(caller, {})["credits"]
    finally:
        backend.close()
    tryon = _charges(history, "tryon_gen")
    assert len(tryon) == 3 and set(tryon.values()) == {1}, tryon  # every task charged exactly once
    upscales = _charges(history, "upscale")
    assert set(upscales.values()) <= {1}
    assert len(upscales) == (3 if upscale else 0)  # one upscale per output, never a second one
    videos = _charges(history, "video_gen")
    assert set(videos.values()) <= {1} and len(videos) == (3 if video else 0)  # one per SKU
    assert result.credits_spent == CREDITS - balance == sum(e["credits"] for e in history)
    assert result.credits_spent == result.credits_planned and result.spend_note is None


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(schedule=st.lists(st.sampled_from(ACTIONS), max_size=8), upscale=st.booleans(), video=st.booleans())
def test_random_faults_never_charge_twice_and_report_the_ledger(
    schedule: list[str], upscale: bool, video: bool
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        _drive(schedule, upscale, Path(folder), video)


def test_every_action_alone_on_the_first_wave() -> None:
    for action in ACTIONS:
        with tempfile.TemporaryDirectory() as folder:
            _drive([action], True, Path(folder), video=True)

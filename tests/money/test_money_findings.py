"""Issue 11, findings 1-3, over real HTTP against ``huhu-mock serve --db`` with faults from the admin API.

The client's timeout is short and the injected latency longer, so a credit-spending request's answer
is lost while the server still applies it a moment later (the slow request lands after the client
gave up): the run must wait for the server's state instead of paying again.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from huhu_ext.batch import Progress, RunResult, TryOnOptions, TryOnRun
from huhu_ext.client import Huhu
from huhu_ext.in_doubt import BillingFailedError, InDoubtError
from mock_server import DEFAULT_API_KEY

from .money_support import EXAMPLES, Server, charges, serve

TIMEOUT = 1.5  # the client's timeout on API calls
LATENCY = 3.0  # longer: the answer is lost, the request lands later


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    with serve(tmp_path / "mock.sqlite", "--tryon-seconds", "1.0", "--job-seconds", "0.5") as running:
        yield running


class _Counting(httpx.HTTPTransport):
    def __init__(self) -> None:
        super().__init__()
        self.posts: list[str] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.method == "POST":
            self.posts.append(request.url.path.removeprefix("/public/v1"))
        return super().handle_request(request)


def _run(
    server: Server, out: Path, garments: Path, messages: list[str] | None = None, **options: object
) -> RunResult:
    opts = TryOnOptions(garments=(garments,), out=out, poll_interval=0.2, **options)  # type: ignore[arg-type]

    def report(progress: Progress) -> None:
        if messages is not None:
            messages.append(progress.message)

    with Huhu(api_key=DEFAULT_API_KEY, base_url=server.base_url, timeout=TIMEOUT) as huhu:
        return TryOnRun(huhu, opts, report=report).run()


def test_finding1_slow_generate_is_in_doubt_not_sent_again(server: Server, tmp_path: Path) -> None:
    server.fault("/task/generate", latency=LATENCY)
    messages: list[str] = []
    result = _run(server, tmp_path / "out", EXAMPLES, messages)
    assert any("in doubt" in m for m in messages)  # the answer was lost, and the run knew it
    history = server.history()
    tryon = charges(history, "tryon_gen")
    assert len(tryon) == 5 and set(tryon.values()) == {1}  # every task charged once
    assert result.credits_spent == result.credits_spent_this_time == 10
    assert 50 - server.balance() == sum(e["credits"] for e in history) == result.credits_spent
    assert result.spend_note is None and result.credits_planned == 10


def test_finding2_persistent_500_stops_after_two_attempts(server: Server, tmp_path: Path) -> None:
    server.fault("/task/generate", status=500, count=1000)
    counting = _Counting()
    opts = TryOnOptions(garments=(EXAMPLES,), out=tmp_path / "out", poll_interval=0.2, in_doubt_settle=0.5)
    with (
        Huhu(api_key=DEFAULT_API_KEY, base_url=server.base_url, timeout=TIMEOUT, transport=counting) as huhu,
        pytest.raises(BillingFailedError) as caught,
    ):
        TryOnRun(huhu, opts).run()
    # Bounded: once, and once more after "not applied" (each judged in_doubt_settle after its 500),
    # instead of a POST every poll until the 3,600 s deadline.
    assert counting.posts.count("/task/generate") == 2
    message = str(caught.value)
    assert "\n" not in message and "HTTP 500" in message and "nothing was spent" in message
    assert charges(server.history(), "tryon_gen") == {} and server.balance() == 50


def _wait_for_charge(server: Server, operation: str) -> None:
    deadline = time.monotonic() + 30
    while not charges(server.history(), operation) and time.monotonic() < deadline:
        time.sleep(0.1)


@pytest.mark.parametrize(("path", "operation", "options", "price"), [
    ("/upscale", "upscale", {"upscale": 2.0}, 2),
    ("/video", "video_gen", {"video": "5"}, 25),
])  # fmt: skip
def test_finding3_slow_paid_request_then_rerun_pays_once(
    server: Server, tmp_path: Path, path: str, operation: str, options: dict[str, object], price: int
) -> None:
    """The answer is lost and the run stops in doubt; the rerun the error invites, made before and
    after the slow request lands, never pays for it again."""
    dress = EXAMPLES / "summer-dress-red"
    out = tmp_path / "out"
    server.fault(path, latency=LATENCY)
    with pytest.raises(InDoubtError) as caught:
        _run(server, out, dress, in_doubt_window=1.0, **options)
    message = str(caught.value)
    assert "\n" not in message and "--resend-in-doubt" in message and f"up to {price} credits" in message
    with pytest.raises(InDoubtError):  # at once: still nothing to see on the server, still in doubt
        _run(server, out, dress, in_doubt_window=1.0, **options)
    _wait_for_charge(server, operation)
    result = _run(server, out, dress, in_doubt_window=1.0, **options)
    history = server.history()
    assert set(charges(history, operation).values()) == {1}
    assert len(charges(history, "tryon_gen")) == 1
    assert result.credits_spent == 2 + price == 50 - server.balance() == sum(e["credits"] for e in history)
    assert result.credits_spent_this_time == 0  # everything was charged before this rerun began
    kinds = sorted(o.kind for o in result.outputs)
    assert kinds == sorted(["tryon", "upscale" if operation == "upscale" else "video"])


def test_finding3_slow_upscale_resolves_in_the_same_run(server: Server, tmp_path: Path) -> None:
    server.fault("/upscale", latency=LATENCY)
    result = _run(server, tmp_path / "out", EXAMPLES, upscale=2.0)
    history = server.history()
    upscales = charges(history, "upscale")
    assert len(upscales) == 5 and set(upscales.values()) == {1}
    assert result.credits_spent == 20 == 50 - server.balance() == sum(e["credits"] for e in history)

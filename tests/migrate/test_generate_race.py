"""A try-on wave whose answer was lost, applied by the server between the batch's task-list read and
its credit-history check: the ledger shows the charge while the list read a moment earlier still says
``Task created``. The wave is settled as applied and must not be sent again on that stale status
(the race behind an intermittent 422 "already generating" in tests/money/test_money_findings.py)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import httpx

from huhu_ext.batch import TryOnOptions, TryOnRun
from huhu_ext.client import Huhu
from mock_server import DEFAULT_API_KEY, HuhuBackend, create_app

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "garments"
BASE_URL = "http://huhu-race.invalid/public/v1"


class _LandsBetween(httpx.BaseTransport):
    """Loses the first POST /task/generate's answer, and lands the request just before the first
    credit-history read that follows a task-list read (after the batch saw the old statuses)."""

    def __init__(self, inner: httpx.BaseTransport) -> None:
        self.inner = inner
        self.held: httpx.Request | None = None
        self.listed_since = False
        self.posts: list[str] = []

    def _forward(self, request: httpx.Request) -> httpx.Response:
        response = self.inner.handle_request(request)
        response.read()
        return response

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        path = request.url.path.removeprefix("/public/v1")
        if request.method == "POST" and path == "/task/generate":
            self.posts.append(path)
            if len(self.posts) == 1:
                request.read()
                self.held = httpx.Request(
                    request.method, request.url, headers=request.headers, content=request.content
                )
                raise httpx.ReadTimeout("timed out", request=request)
        if self.held is not None and request.method == "GET":
            if path == "/task":
                self.listed_since = True
            elif path == "/metering/credit-history" and self.listed_since:
                self._forward(self.held)  # applied now: after the list, before the ledger read
                self.held = None
        return self._forward(request)


def test_a_wave_applied_between_list_and_ledger_is_not_sent_again(tmp_path: Path) -> None:
    backend = HuhuBackend(db_path=None, clock="manual", job_seconds=5.0, tryon_seconds=10.0)
    app = httpx.WSGITransport(app=create_app(backend))
    net = _LandsBetween(app)
    options = TryOnOptions(garments=(EXAMPLES,), out=tmp_path / "out", poll_interval=5.0)
    try:
        with (
            Huhu(
                api_key=DEFAULT_API_KEY, base_url=BASE_URL, transport=net, sleep=backend.advance_clock
            ) as huhu,
            httpx.Client(transport=app) as files,
        ):
            result = TryOnRun(
                huhu, options, files=files, sleep=backend.advance_clock, clock=backend.now
            ).run()
        caller = backend.caller_for_key(DEFAULT_API_KEY)
        history = backend.get_credit_history(caller, {"fetch_all": True})["items"]
    finally:
        backend.close()
    assert net.held is None  # the lost request did land
    tryon = Counter(e["request_id"] for e in history if e["operation"] == "tryon_gen" and e["credits"] > 0)
    assert len(tryon) == 5 and set(tryon.values()) == {1}  # every task charged once
    assert net.posts == ["/task/generate"]  # one wave of all five tasks, sent once, never again
    assert result.credits_spent == 10 == sum(e["credits"] for e in history)

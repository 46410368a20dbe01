"""The in-doubt rule itself (``huhu_ext.in_doubt``), its use from user code (``Billable``), and the
transfer client (presigned part PUTs and downloads retried like API calls)."""

from __future__ import annotations

import base64
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from huhu_client.api.upscale import create_upscale
from huhu_client.models import UpscaleRequest

from huhu_ext.batch import TryOnOptions, TryOnRun
from huhu_ext.client import Huhu
from huhu_ext.errors import ValidationError
from huhu_ext.in_doubt import (
    Billable,
    BillingFailedError,
    Doubt,
    DoubtPolicy,
    InDoubtError,
    LedgerMark,
    MemoryDoubts,
    Verdict,
    judge,
)
from huhu_ext.testing import mock_huhu
from huhu_ext.transport import transfer_client
from mock_server import DEFAULT_API_KEY, HuhuBackend, create_app

from .money_support import EXAMPLES, FaultyNetwork, charges

POLICY = DoubtPolicy(window=60.0, settle=5.0)


def _doubt(answered: int | None, started: float = 100.0) -> Doubt:
    return Doubt("k", "generate_tasks", ("t1",), 2, LedgerMark(), started, answered)


@pytest.mark.parametrize(("answered", "age", "applied", "verdict"), [
    (None, 0.0, True, Verdict.APPLIED),      # the status moved or the charge is in the ledger
    (500, 100.0, True, Verdict.APPLIED),
    (None, 10.0, False, Verdict.OPEN),       # no answer: it may still land
    (None, 59.9, False, Verdict.OPEN),
    (None, 60.0, False, Verdict.EXPIRED),    # past the window: ask the user
    (500, 1.0, False, Verdict.OPEN),         # answered, but give the server a moment
    (500, 5.0, False, Verdict.NOT_APPLIED),  # answered 5xx, no sign of it: may be sent once more
])  # fmt: skip
def test_the_rule(answered: int | None, age: float, applied: bool, verdict: Verdict) -> None:
    assert judge(_doubt(answered), applied=applied, now=100.0 + age, policy=POLICY) is verdict


def test_resend_in_doubt_turns_an_expired_doubt_into_not_applied() -> None:
    resend = DoubtPolicy(window=60.0, settle=5.0, resend=True)
    assert judge(_doubt(None), applied=False, now=160.0, policy=resend) is Verdict.NOT_APPLIED
    assert judge(_doubt(None), applied=False, now=159.0, policy=resend) is Verdict.OPEN


def test_a_doubt_survives_the_journal_round_trip() -> None:
    doubt = Doubt("generate:a,b", "generate_tasks", ("a", "b"), 4, LedgerMark(("x|1|2|op",)), 5.5, 503, 2)
    assert Doubt.from_json(doubt.to_json()) == doubt
    assert doubt.describe() == "POST /task/generate for tasks a, b (up to 4 credits)"


# -- Billable from user code, against the in-process mock behind a faulty network -------------------
@pytest.fixture
def backend() -> Iterator[HuhuBackend]:
    mock = HuhuBackend(db_path=None, clock="manual", job_seconds=5.0)
    try:
        yield mock
    finally:
        mock.close()


def _upscale(backend: HuhuBackend, schedule: list[str], policy: DoubtPolicy = POLICY) -> tuple[str, int]:
    """Send one upscale through ``Billable``; (request id, POSTs the network saw)."""
    net = FaultyNetwork(httpx.WSGITransport(app=create_app(backend)), schedule)
    seen: list[str] = []
    original = net.handle_request

    def count(request: httpx.Request) -> httpx.Response:
        if request.method == "POST":
            seen.append(request.url.path)
        return original(request)

    net.handle_request = count  # type: ignore[method-assign]
    png = (EXAMPLES / "summer-dress-red" / "dress-front.png").read_bytes()
    body = UpscaleRequest(image=base64.b64encode(png).decode())
    with Huhu(
        DEFAULT_API_KEY, "http://mock.invalid/public/v1", transport=net, sleep=backend.advance_clock
    ) as huhu:
        billable = Billable(
            huhu, store=MemoryDoubts(), policy=policy, sleep=backend.advance_clock, clock=backend.now
        )
        return billable.send("upscale:1", create_upscale, body), len(seen)


def _upscale_charges(backend: HuhuBackend) -> dict[str, int]:
    caller = backend.caller_for_key(DEFAULT_API_KEY)
    return dict(charges(backend.get_credit_history(caller, {"fetch_all": True})["items"], "upscale"))


def test_lost_answer_is_found_in_the_credit_history(backend: HuhuBackend) -> None:
    request_id, posts = _upscale(backend, ["applied_answer_lost"])
    assert posts == 1 and _upscale_charges(backend) == {request_id: 1}


def test_late_landing_is_waited_for(backend: HuhuBackend) -> None:
    request_id, posts = _upscale(backend, ["late"])
    assert posts == 1 and _upscale_charges(backend) == {request_id: 1}


def test_lost_request_stays_in_doubt_until_resend_is_allowed(backend: HuhuBackend) -> None:
    with pytest.raises(InDoubtError) as caught:
        _upscale(backend, ["lost"])
    assert "--resend-in-doubt" in str(caught.value) and "up to 2 credits" in str(caught.value)
    assert _upscale_charges(backend) == {}
    request_id, posts = _upscale(backend, ["lost"], DoubtPolicy(window=60.0, resend=True))
    assert posts == 2 and _upscale_charges(backend) == {request_id: 1}


def test_a_500_is_sent_once_more_then_gives_up(backend: HuhuBackend) -> None:
    request_id, posts = _upscale(backend, ["500"])
    assert posts == 2 and _upscale_charges(backend) == {request_id: 1}
    with pytest.raises(BillingFailedError):
        _upscale(backend, ["500", "500", "500"])
    assert len(_upscale_charges(backend)) == 1


def test_a_refusal_is_not_repeated(backend: HuhuBackend) -> None:
    net = FaultyNetwork(httpx.WSGITransport(app=create_app(backend)), [])
    store = MemoryDoubts()
    with Huhu(DEFAULT_API_KEY, "http://mock.invalid/public/v1", transport=net) as huhu:
        billable = Billable(huhu, store=store, sleep=backend.advance_clock, clock=backend.now)
        with pytest.raises(ValidationError):
            billable.send("bad", create_upscale, UpscaleRequest(image="not an image", upscale_factor=9.0))
    assert store.doubts() == [] and _upscale_charges(backend) == {}


# -- transfers ----------------------------------------------------------------------------------------
def test_transfer_client_retries_part_puts_and_downloads() -> None:
    calls: list[str] = []

    def flaky(request: httpx.Request) -> httpx.Response:
        calls.append(request.method)
        if len(calls) % 2:
            if request.method == "GET":
                raise httpx.ReadError("reset", request=request)
            return httpx.Response(503)
        return httpx.Response(200, headers={"ETag": '"e"'}, content=b"data")

    with transfer_client(httpx.MockTransport(flaky), sleep=lambda s: None) as files:
        assert files.put("https://files.invalid/part1", content=b"abc").status_code == 200
        assert files.get("https://files.invalid/out.png").content == b"data"
    assert calls == ["PUT", "PUT", "GET", "GET"]


def test_batch_closes_the_transfer_client_it_opens(tmp_path: Path) -> None:
    with mock_huhu() as mock, mock.client() as huhu:
        run = TryOnRun(
            huhu, TryOnOptions(garments=(EXAMPLES / "summer-dress-red",), out=tmp_path), sleep=mock.advance
        )
        result = run.run()
        assert run.files.is_closed
        assert result.credits_spent == 2 == 50 - mock.credits()


def test_download_cut_off_midway_is_fetched_again(tmp_path: Path) -> None:
    calls: list[int] = []

    class CutOff(httpx.SyncByteStream):
        def __iter__(self) -> Iterator[bytes]:
            yield b"par"
            raise httpx.ReadError("connection reset")

    def serve(request: httpx.Request) -> httpx.Response:
        calls.append(1)
        return (
            httpx.Response(200, stream=CutOff()) if len(calls) == 1 else httpx.Response(200, content=b"whole")
        )

    with (
        Huhu(DEFAULT_API_KEY, "http://mock.invalid/public/v1") as huhu,
        transfer_client(httpx.MockTransport(serve)) as files,
    ):
        run = TryOnRun(
            huhu, TryOnOptions(garments=(EXAMPLES,), out=tmp_path), files=files, sleep=lambda s: None
        )
        run._fetch("https://files.invalid/out.png", tmp_path / "out.png")
    assert (tmp_path / "out.png").read_bytes() == b"whole" and len(calls) == 2
    assert not (tmp_path / "out.png.part").exists()

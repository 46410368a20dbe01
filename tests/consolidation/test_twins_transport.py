"""No twins in the transports: RetryTransport and AsyncRetryTransport take one set of policy keywords
and make the same decisions (sleeps, retries, log lines) for the same answers."""

from __future__ import annotations

import asyncio
import inspect
import logging

import httpx
import pytest

from huhu_ext.transport import AsyncRetryTransport, RetryOptions, RetryTransport

Script = list[int | type[httpx.TransportError]]


def _scripted(script: Script, sent: list[str]) -> httpx.MockTransport:
    answers = iter(script)

    def answer(request: httpx.Request) -> httpx.Response:
        sent.append(request.method)
        step = next(answers)
        if isinstance(step, int):
            return httpx.Response(step, headers={"Retry-After": "3"} if step == 429 else {})
        raise step("scripted", request=request)

    return httpx.MockTransport(answer)


def _sync(method: str, script: Script) -> tuple[object, list[float], list[str]]:
    sleeps: list[float] = []
    sent: list[str] = []
    transport = RetryTransport(
        _scripted(script, sent), sleep=sleeps.append, jitter=lambda: 1.0, max_retries=3
    )
    try:
        outcome: object = transport.handle_request(httpx.Request(method, "https://x/p")).status_code
    except httpx.TransportError as error:
        outcome = type(error)
    return outcome, sleeps, sent


def _async(method: str, script: Script) -> tuple[object, list[float], list[str]]:
    sleeps: list[float] = []
    sent: list[str] = []

    async def sleep(seconds: float) -> None:
        sleeps.append(seconds)

    transport = AsyncRetryTransport(_scripted(script, sent), sleep=sleep, jitter=lambda: 1.0, max_retries=3)

    async def main() -> object:
        try:
            return (await transport.handle_async_request(httpx.Request(method, "https://x/p"))).status_code
        except httpx.TransportError as error:
            return type(error)

    return asyncio.run(main()), sleeps, sent


CASES = [
    ("GET", [503, httpx.ReadTimeout, 429, 200], (200, [0.5, 1.0, 3.0])),
    ("GET", [500, 500, 500, 500], (500, [0.5, 1.0, 2.0])),
    ("POST", [httpx.ConnectError, 500], (500, [0.5])),
    ("POST", [httpx.ReadTimeout], (httpx.ReadTimeout, [])),
    ("POST", [429, 201], (201, [3.0])),
]


@pytest.mark.parametrize(("method", "script", "expected"), CASES)
def test_both_transports_decide_alike(
    method: str, script: Script, expected: tuple[object, list[float]], caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.DEBUG, logger="huhu"):
        sync = _sync(method, script)
        sync_log = [(r.levelname, r.getMessage()) for r in caplog.records]
        caplog.clear()
        asynchronous = _async(method, script)
        async_log = [(r.levelname, r.getMessage()) for r in caplog.records]
    assert sync == asynchronous
    assert sync[:2] == expected and len(sync[2]) == len(expected[1]) + 1
    assert [m.split(" in ")[0].split(" after ")[0] for _, m in sync_log] == [
        m.split(" in ")[0].split(" after ")[0] for _, m in async_log
    ]
    assert len(sync_log) >= len(script[: len(expected[1]) + 1])


def test_one_set_of_policy_keywords() -> None:
    keywords = set(RetryOptions.__annotations__)
    assert keywords == {"max_retries", "backoff_base", "backoff_max", "max_retry_after", "jitter"}
    for cls in (RetryTransport, AsyncRetryTransport):
        parameters = inspect.signature(cls).parameters
        assert not keywords & set(parameters) and parameters["policy"].kind is inspect.Parameter.VAR_KEYWORD
        transport = cls(httpx.MockTransport(lambda r: httpx.Response(200)), max_retries=5, backoff_max=7.0)
        assert (transport.policy.max_retries, transport.policy.backoff_max) == (5, 7.0)
    with pytest.raises(ValueError, match="max_retries"):
        RetryTransport(httpx.MockTransport(lambda r: httpx.Response(200)), max_retries=-1)

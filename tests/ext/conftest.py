"""Fixtures of the huhu_ext tests: a respx-mocked API, a fake clock, a client wired to both."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import respx
from ext_support import BASE, KEY, FakeClock

from huhu_ext import Huhu


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def api() -> Iterator[respx.MockRouter]:
    with respx.mock(base_url=BASE, assert_all_called=False) as router:
        yield router


@pytest.fixture
def huhu(clock: FakeClock) -> Iterator[Huhu]:
    with Huhu(KEY, sleep=clock.sleep, clock=clock, poll_interval=5.0) as client:
        yield client

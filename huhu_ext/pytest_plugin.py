"""pytest fixtures for testing Huhu integrations offline (registered through the ``pytest11`` entry point).

Installing huhu-python is enough; no ``conftest.py`` needed:

* ``huhu_mock`` — :class:`huhu_ext.testing.HuhuMock`: every httpx request to the Huhu hosts is
  answered in-process by a fresh mock on its manual clock (see :func:`huhu_ext.testing.mock_huhu`).
  Configure it with ``@pytest.mark.huhu_mock(job_seconds=1, page_size=2, extras=True, ...)``.
* ``huhu_mock_server`` — :class:`huhu_ext.testing.HuhuMockServer`: a real ``huhu-mock serve``
  process on a free 127.0.0.1 port (manual clock; ``@pytest.mark.huhu_mock_server(clock="real")``
  for the wall clock). One process per test session and set of options, started on first use and
  stopped at the end; each test gets it freshly reset (no teams, projects, faults or jobs of earlier
  tests; the clock keeps running forward).

On a manual clock, a client that waits (``wait_for_tasks``, retries) advances the mock's clock instead
of sleeping: time travel (:mod:`huhu_ext.timetravel`), so tests never hang.

This module imports nothing heavy: the mock is loaded when a fixture is first used.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from huhu_ext.testing import HuhuMock, HuhuMockServer

__all__ = ["huhu_mock", "huhu_mock_server"]


_MARKERS = {
    "huhu_mock": "options of the huhu_mock fixture (those of huhu_ext.testing.mock_huhu)",
    "huhu_mock_server": "options of the huhu_mock_server fixture's server "
    "(clock='real', extras=True, prices={...}, job_seconds=...)",
}


def pytest_configure(config: pytest.Config) -> None:
    for name, text in _MARKERS.items():
        config.addinivalue_line("markers", f"{name}(**options): {text}")


@pytest.fixture
def huhu_mock(request: pytest.FixtureRequest) -> Iterator[HuhuMock]:
    """An in-process Huhu API for this test: fresh state, manual clock, default team with 50 credits."""
    from huhu_ext.testing import mock_huhu

    marker = request.node.get_closest_marker("huhu_mock")
    options = dict(marker.kwargs) if marker is not None else {}
    with mock_huhu(**options) as mock:
        yield mock


@pytest.fixture(scope="session")
def _huhu_mock_servers() -> Iterator[dict[str, HuhuMockServer]]:
    """One server process per distinct set of options, started on first use, stopped at the end."""
    servers: dict[str, HuhuMockServer] = {}
    try:
        yield servers
    finally:  # also when the generator is only closed: never leave a server process behind
        for server in servers.values():
            server.stop()


@pytest.fixture
def huhu_mock_server(
    request: pytest.FixtureRequest,
    _huhu_mock_servers: dict[str, HuhuMockServer],
) -> Iterator[HuhuMockServer]:
    """A real mock server on 127.0.0.1 (``base_url``, ``api_key``, admin helpers), reset for this test.

    Configure it with ``@pytest.mark.huhu_mock_server(clock="real", extras=True, prices={...})`` (the options
    of :class:`huhu_ext.testing.HuhuMockServer`). On the manual clock (default) a client of this
    process that waits advances the server's clock instead (time travel) during the test.
    """
    from huhu_ext.testing import HuhuMockServer

    marker = request.node.get_closest_marker("huhu_mock_server")
    options = dict(marker.kwargs) if marker is not None else {}
    key = json.dumps(options, sort_keys=True, default=str)
    server = _huhu_mock_servers.get(key)
    if server is None or not server.running:
        server = _huhu_mock_servers[key] = HuhuMockServer(**options).start()
    server.reset()
    server.time_travel()
    yield server  # pytest comes back here after the test, whatever its outcome
    server.time_travel(False)

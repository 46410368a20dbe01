"""pytest fixtures for testing Huhu integrations offline (registered through the ``pytest11`` entry point).

Installing huhu-python is enough; no ``conftest.py`` needed:

* ``huhu_mock`` — :class:`huhu_ext.testing.HuhuMock`: every httpx request to the Huhu hosts is
  answered in-process by a fresh mock on its manual clock (see :func:`huhu_ext.testing.mock_huhu`).
  Configure it with ``@pytest.mark.huhu_mock(job_seconds=1, page_size=2, extras=True, ...)``.
* ``huhu_mock_server`` — :class:`huhu_ext.testing.HuhuMockServer`: a real ``huhu-mock serve``
  process on a free 127.0.0.1 port (manual clock). One process per test session, started on first
  use and stopped at the end; each test gets it freshly reset (no teams, projects, faults or jobs
  of earlier tests; the clock keeps running forward).

This module imports nothing heavy: the mock is loaded when a fixture is first used.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from huhu_ext.testing import HuhuMock, HuhuMockServer

__all__ = ["huhu_mock", "huhu_mock_server"]


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "huhu_mock(**options): options of the huhu_mock fixture (those of huhu_ext.testing.mock_huhu)",
    )
    config.addinivalue_line(
        "markers",
        "huhu_mock_server(extras=False, prices=None): options of the huhu_mock_server fixture's server",
    )


@pytest.fixture
def huhu_mock(request: pytest.FixtureRequest) -> Iterator[HuhuMock]:
    """An in-process Huhu API for this test: fresh state, manual clock, default team with 50 credits."""
    from huhu_ext.testing import mock_huhu

    marker = request.node.get_closest_marker("huhu_mock")
    options = dict(marker.kwargs) if marker is not None else {}
    with mock_huhu(**options) as mock:
        yield mock


class _Servers:
    """The session's mock servers, one per set of options (``extras``, ``prices``), started on first use."""

    def __init__(self) -> None:
        self.running: dict[tuple[bool, tuple[tuple[str, int], ...]], HuhuMockServer] = {}

    def get(self, extras: bool = False, prices: dict[str, int] | None = None) -> HuhuMockServer:
        from huhu_ext.testing import HuhuMockServer

        key = (bool(extras), tuple(sorted((prices or {}).items())))
        server = self.running.get(key)
        if server is None:
            server = HuhuMockServer(extras=key[0], prices=dict(key[1])).start()
            self.running[key] = server
        return server

    def stop(self) -> None:
        for server in self.running.values():
            server.stop()
        self.running.clear()


@pytest.fixture(scope="session")
def _huhu_mock_server_session() -> Iterator[_Servers]:
    servers = _Servers()
    try:
        yield servers
    finally:
        servers.stop()


@pytest.fixture
def huhu_mock_server(request: pytest.FixtureRequest, _huhu_mock_server_session: _Servers) -> HuhuMockServer:
    """A real mock server on 127.0.0.1 (``base_url``, ``api_key``, admin helpers), reset for this test.

    ``@pytest.mark.huhu_mock_server(extras=True, prices={...})`` picks a server started with those
    options (one per distinct set of options in the session).
    """
    marker = request.node.get_closest_marker("huhu_mock_server")
    server = _huhu_mock_server_session.get(**(dict(marker.kwargs) if marker is not None else {}))
    server.reset()
    return server

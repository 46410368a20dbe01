"""``--offline``: the whole toolkit against the embedded mock, in-process (no server, no key, no credits).

The mock's state lives in a SQLite file in the run's folder when one is given, so an offline run is
resumable like an online one. The mock runs on its manual clock and "waiting" advances that clock:
an offline batch finishes at once, yet walks every documented status on the way.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx

from huhu_ext.client import Huhu
from mock_server import DEFAULT_API_KEY, HuhuBackend, create_app

__all__ = ["OFFLINE_BASE_URL", "offline_session"]

OFFLINE_BASE_URL = "http://huhu-offline.invalid/public/v1"
OFFLINE_DB = ".huhu-offline-mock.sqlite"


@contextlib.contextmanager
def offline_session(
    state_dir: Path | None = None,
) -> Iterator[tuple[Huhu, httpx.Client, Callable[[float], None]]]:
    """Yield a client wired to an in-process mock, a file client on the same transport, and a
    ``sleep`` that advances the mock's clock instead of waiting."""
    db_path = None
    if state_dir is not None:
        state_dir.mkdir(parents=True, exist_ok=True)
        db_path = str(state_dir / OFFLINE_DB)
    backend = HuhuBackend(db_path=db_path, clock="manual", job_seconds=5.0, tryon_seconds=90.0)
    transport = httpx.WSGITransport(app=create_app(backend))

    def sleep(seconds: float) -> None:
        backend.advance_clock(seconds)

    try:
        with (
            Huhu(
                api_key=DEFAULT_API_KEY, base_url=OFFLINE_BASE_URL, transport=transport, sleep=sleep
            ) as huhu,
            httpx.Client(transport=transport, timeout=60.0) as files,
        ):
            yield huhu, files, sleep
    finally:
        backend.close()

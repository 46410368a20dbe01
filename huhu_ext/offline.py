"""``--offline``: the whole toolkit against the embedded mock, in-process (no server, no key, no credits).

Every ``huhu --offline`` command shares one persistent mock per user: a SQLite state file in the
user's data directory (``platformdirs``), or in ``$HUHU_OFFLINE_DIR`` when that is set (tests point it
at a temporary folder). So ``huhu --offline credits`` after an offline try-on shows the reduced
balance, and ``huhu --offline mock reset`` starts over. Nothing of the mock is written into a run's
``--out`` folder (decision D-CLI-OFFLINE).

The mock runs on its manual clock and "waiting" advances that clock: an offline batch finishes at
once, yet walks every documented status on the way. The clock's time is kept in the state file.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx

from huhu_ext.client import Huhu
from huhu_ext.transport import transfer_client
from mock_server import DEFAULT_API_KEY, HuhuBackend, create_app

__all__ = [
    "OFFLINE_BASE_URL",
    "OFFLINE_DB",
    "OFFLINE_DIR_ENV",
    "offline_backend",
    "offline_dir",
    "offline_session",
    "reset_offline",
]

OFFLINE_BASE_URL = "http://huhu-offline.invalid/public/v1"
OFFLINE_DB = "offline-mock.sqlite"
OFFLINE_DIR_ENV = "HUHU_OFFLINE_DIR"


def offline_dir() -> Path:
    """Where the offline mock keeps its state: ``$HUHU_OFFLINE_DIR``, else the user's data directory."""
    if override := os.environ.get(OFFLINE_DIR_ENV):
        return Path(override).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("huhu", appauthor=False)) / "offline"


def offline_db() -> Path:
    """The offline mock's state file."""
    return offline_dir() / OFFLINE_DB


def offline_backend() -> HuhuBackend:
    """The shared offline mock (manual clock), opened on its state file. Close it when done."""
    path = offline_db()
    path.parent.mkdir(parents=True, exist_ok=True)
    return HuhuBackend(db_path=str(path), clock="manual", job_seconds=5.0, tryon_seconds=90.0)


def reset_offline() -> Path:
    """Start the offline mock over: the default team with the default balance, no projects, no history."""
    path = offline_db()
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    return path


@contextlib.contextmanager
def offline_session() -> Iterator[tuple[Huhu, httpx.Client, Callable[[float], None]]]:
    """Yield a client wired to the shared in-process mock, a file client on the same transport, and
    a ``sleep`` that advances the mock's clock instead of waiting."""
    backend = offline_backend()
    transport = httpx.WSGITransport(app=create_app(backend))

    def sleep(seconds: float) -> None:
        backend.advance_clock(seconds)

    try:
        with (
            Huhu(
                api_key=DEFAULT_API_KEY, base_url=OFFLINE_BASE_URL, transport=transport, sleep=sleep
            ) as huhu,
            transfer_client(transport, timeout=60.0, sleep=sleep) as files,
        ):
            yield huhu, files, sleep
    finally:
        backend.close()

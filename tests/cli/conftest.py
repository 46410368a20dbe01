"""Every CLI test gets its own offline mock state (``HUHU_OFFLINE_DIR``), never the user's."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def offline_state(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path_factory.mktemp("offline-state")
    monkeypatch.setenv("HUHU_OFFLINE_DIR", str(folder))
    return folder

"""Shared test set-up.

* Every test gets its own offline mock state (``HUHU_OFFLINE_DIR``), never the user's (D-CLI-OFFLINE).
* The schemathesis contract run's summary, as a session-level check that works under pytest-xdist.
  ``contract/test_contract_schemathesis.py`` records, per process, what every operation was sent and
  answered. When the session ends, the hooks below add up the parts of all processes (each
  pytest-xdist worker writes its own into a shared folder), print the summary into the log and fail
  the session unless every operation was exercised as required. The check runs only when the whole
  module was selected (not for ``-k`` subsets or other folders). They live here, not in
  ``contract/conftest.py``: under ``-n`` the controller process loads only this conftest.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def offline_state(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path_factory.mktemp("offline-state")
    monkeypatch.setenv("HUHU_OFFLINE_DIR", str(folder))
    return folder


MODULE = "tests/contract/test_contract_schemathesis.py"
STATS_DIR_ENV = "HUHU_CONTRACT_STATS_DIR"  # the same name as in the test module
_DIR = pytest.StashKey[str]()
_TOTAL = pytest.StashKey[int]()


def _is_worker(config: pytest.Config) -> bool:
    return hasattr(config, "workerinput")


def pytest_configure(config: pytest.Config) -> None:
    if not _is_worker(config) and STATS_DIR_ENV not in os.environ:
        directory = tempfile.mkdtemp(prefix="huhu-contract-")
        os.environ[STATS_DIR_ENV] = directory  # inherited by the xdist workers started later
        config.stash[_DIR] = directory


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    config.stash[_TOTAL] = sum(1 for item in items if item.nodeid.startswith(MODULE))


def pytest_collection_finish(session: pytest.Session) -> None:
    directory, total = os.environ.get(STATS_DIR_ENV), session.config.stash.get(_TOTAL, 0)
    if directory and total:
        selected = sum(1 for item in session.items if item.nodeid.startswith(MODULE))
        worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
        Path(directory, f"{worker}.selection").write_text(json.dumps([total, selected]))


def pytest_sessionfinish(session: pytest.Session) -> None:
    config = session.config
    directory = config.stash.get(_DIR, None)
    if _is_worker(config) or directory is None:
        return
    try:
        selections = [json.loads(p.read_text()) for p in Path(directory).glob("*.selection")]
        parts = [json.loads(p.read_text()) for p in sorted(Path(directory).glob("*.json"))]
        if not selections or any(total != selected for total, selected in selections) or not parts:
            return
        sys.path.insert(0, str(Path(__file__).parent / "contract"))  # the controller never imported it
        from test_contract_schemathesis import summarize

        text, problems = summarize(parts)
        reporter = config.pluginmanager.get_plugin("terminalreporter")
        write = reporter.write_line if reporter is not None else print
        for line in text.splitlines():
            write(line)
        if problems:
            write("schemathesis contract summary: FAILED")
            for problem in problems:
                write(f"  {problem}")
            session.exitstatus = pytest.ExitCode.TESTS_FAILED
    finally:
        shutil.rmtree(directory, ignore_errors=True)
        os.environ.pop(STATS_DIR_ENV, None)

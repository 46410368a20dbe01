"""Issue 12 finding 1 (and 3's start-up refusal) against real ``huhu-mock serve`` processes.

Completing a zip of ten 6000 × 6000 PNGs (~1.2 MB on disk, ~36 MP each to decode) used to hold the
one write transaction for ~27 s: every other request waited, and with ``--workers 2`` the other
worker answered 500 "database is locked". The work now happens outside the transaction.
"""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from hardening_support import DEFAULT_KEY, ROOT, MockServer, heavy_zip, http

from mock_server.guard import ADMIN_TOKEN_HEADER

POLL_LIMIT_SECONDS = 1.0  # the bound (the real figure is in benchmarks/bench_hardening.py)


def upload_zip(api: str, data: bytes) -> dict[str, Any]:
    """Create a project, start a zip upload, PUT its parts; return what completing it needs."""
    project = http("POST", api + "/project", json_body={"project_name": "heavy"}, key=DEFAULT_KEY).json()
    upload = http(
        "POST",
        api + "/project/upload",
        json_body={"project_id": project["project_id"], "file_type": "sku_zip", "file_size": len(data)},
        key=DEFAULT_KEY,
    ).json()
    parts = []
    for number, url in enumerate(upload["upload_urls"], start=1):
        chunk = data[
            (number - 1) * (upload.get("part_size") or -(-len(data) // len(upload["upload_urls"]))) : number
            * (upload.get("part_size") or -(-len(data) // len(upload["upload_urls"])))
        ]
        put = http("PUT", url, data=chunk)
        assert put.status == 200 and put.body == b""
        assert "text/html" not in put.headers.get("content-type", "")
        parts.append({"PartNumber": number, "ETag": put.headers["etag"]})
    return {
        "project_id": project["project_id"],
        "key": upload["key"],
        "upload_id": upload["upload_id"],
        "parts": parts,
    }


def complete_while_polling(
    api: str, complete: dict[str, Any], poll: Any
) -> tuple[int, list[tuple[int, float]]]:
    """Complete the upload in one thread while ``poll()`` runs in a loop; (completion status, polls)."""
    polls: list[tuple[int, float]] = []
    done = threading.Event()

    def poller() -> None:
        while not done.is_set():
            started = time.monotonic()
            status = poll()
            polls.append((status, time.monotonic() - started))
            time.sleep(0.02)

    thread = threading.Thread(target=poller)
    thread.start()
    try:
        time.sleep(0.1)
        reply = http(
            "POST",
            api + "/project/complete_multipart_upload",
            json_body=complete,
            key=DEFAULT_KEY,
            timeout=300,
        )
    finally:
        done.set()
        thread.join()
    assert reply.status == 200, reply.body[:500]
    return reply.status, polls


def test_completing_a_heavy_zip_does_not_freeze_other_requests() -> None:
    data = heavy_zip()
    assert len(data) < 3_000_000
    with MockServer() as server:
        complete = upload_zip(server.api, data)

        def poll() -> int:
            return http("GET", server.api + "/metering/plan", key=DEFAULT_KEY, timeout=120).status

        _, polls = complete_while_polling(server.api, complete, poll)
        assert polls and all(status == 200 for status, _ in polls)
        assert max(seconds for _, seconds in polls) < POLL_LIMIT_SECONDS
        skus = http("GET", server.base + "/_mock/state").json()["skus"]
        assert sorted(s["sku_name"] for s in skus) == [f"heavy-{n}" for n in range(5)]


@pytest.mark.skipif(not hasattr(__import__("os"), "fork"), reason="--workers needs os.fork")
def test_with_two_workers_no_request_answers_500_during_a_heavy_completion(tmp_path: Path) -> None:
    data = heavy_zip()
    with MockServer(["--workers", "2", "--db", str(tmp_path / "mock.sqlite3")]) as server:
        complete = upload_zip(server.api, data)

        def poll() -> int:  # writes: each takes SQLite's write lock, whichever worker answers
            return http(
                "POST",
                server.api + "/project",
                json_body={"project_name": "meanwhile"},
                key=DEFAULT_KEY,
                timeout=120,
            ).status

        _, polls = complete_while_polling(server.api, complete, poll)
        assert polls and all(status == 200 for status, _ in polls), sorted({s for s, _ in polls})


def test_serve_refuses_a_public_interface_without_an_admin_token() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mock_server", "serve", "--host", "0.0.0.0", "--port", "0"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={k: v for k, v in __import__("os").environ.items() if k != "HUHU_MOCK_ADMIN_TOKEN"},
    )
    assert result.returncode == 2
    assert "--admin-token" in result.stderr and ADMIN_TOKEN_HEADER in result.stderr
    assert "serving" not in result.stdout


def test_serve_on_a_public_interface_with_a_token_guards_the_admin_api() -> None:
    token = "tok-" + "9" * 20
    with MockServer(["--host", "0.0.0.0", "--admin-token", token]) as server:
        base = server.base.replace("0.0.0.0", "127.0.0.1")
        refused = http("POST", base + "/_mock/reset")
        assert refused.status == 401 and refused.headers["content-type"].startswith("application/json")
        assert http("GET", base + "/_mock/state", headers={ADMIN_TOKEN_HEADER: token}).status == 200
        assert http("GET", base + "/public/v1/metering/plan", key=DEFAULT_KEY).status == 200


def test_at_default_settings_injected_latency_does_not_hold_up_other_requests() -> None:
    """Default --threads 1, plus one thread per request that waits (D-MOCK-THREADS-ELASTIC)."""
    with MockServer() as server:
        fault = {"path": "/metering/plan", "method": "GET", "latency_seconds": 4, "count": 1}
        assert http("POST", server.base + "/_mock/faults", json_body=fault).status == 200
        finished: dict[str, float] = {}

        def slow() -> None:
            assert http("GET", server.api + "/metering/plan", key=DEFAULT_KEY).status == 200
            finished["slow"] = time.monotonic()

        thread = threading.Thread(target=slow)
        thread.start()
        time.sleep(0.5)  # the slow request is asleep inside the server now
        for _ in range(3):
            assert http("GET", server.api + "/project", key=DEFAULT_KEY).status == 200
        finished["others"] = time.monotonic()
        thread.join()
        assert finished["others"] < finished["slow"]


def test_elastic_threads_grow_while_waiting_and_shrink_after() -> None:
    from mock_server import elastic

    class Dispatcher:
        def __init__(self) -> None:
            self.counts: list[int] = []

        def set_thread_count(self, count: int) -> None:
            self.counts.append(count)

    dispatcher = Dispatcher()
    with elastic.waiting():  # not attached: nothing happens
        pass
    elastic.attach(dispatcher, 1)
    try:
        with elastic.waiting(), elastic.waiting():
            assert dispatcher.counts == [2, 3]
        assert dispatcher.counts == [2, 3, 2, 1]
    finally:
        elastic.detach()
    with elastic.waiting():
        pass
    assert dispatcher.counts == [2, 3, 2, 1]

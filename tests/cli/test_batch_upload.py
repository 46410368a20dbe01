"""The batch's zip upload goes part by part through the presigned URLs (small parts here)."""

from __future__ import annotations

from pathlib import Path

import httpx

from huhu_ext import Huhu
from huhu_ext.batch import TryOnOptions, TryOnRun
from mock_server import DEFAULT_API_KEY, HuhuBackend, create_app

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "garments"


def test_zip_upload_in_many_parts(tmp_path: Path) -> None:
    backend = HuhuBackend(clock="manual", part_size=1024)
    transport = httpx.WSGITransport(app=create_app(backend, strict=True))
    puts: list[httpx.Request] = []

    def record(request: httpx.Request) -> None:
        if request.method == "PUT":
            puts.append(request)

    options = TryOnOptions(garments=(EXAMPLES,), out=tmp_path / "out", poll_interval=5.0)
    with (
        Huhu(
            api_key=DEFAULT_API_KEY,
            base_url="http://mock.invalid/public/v1",
            transport=transport,
            sleep=backend.advance_clock,
        ) as huhu,
        httpx.Client(transport=transport, event_hooks={"request": [record]}) as files,
    ):
        result = TryOnRun(huhu, options, files=files, sleep=backend.advance_clock).run()
    sizes = [len(r.content) for r in puts]
    assert len(puts) >= 5 and all(size == 1024 for size in sizes[:-1]) and 0 < sizes[-1] <= 1024
    assert all("Authorization" not in r.headers for r in puts)  # presigned: the key never goes to storage
    assert len([o for o in result.outputs if o.kind == "tryon"]) == 5
    backend.close()

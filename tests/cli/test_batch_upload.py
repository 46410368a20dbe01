"""The batch's zip upload goes part by part through the presigned URLs (small parts here)."""

from __future__ import annotations

from pathlib import Path

import httpx

from huhu_ext import Huhu
from huhu_ext.batch import TryOnOptions, TryOnRun, _FilePart
from mock_server import DEFAULT_API_KEY, HuhuBackend, create_app

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "garments"


def test_zip_upload_in_many_parts(tmp_path: Path) -> None:
    backend = HuhuBackend(clock="manual", part_size=1024, extras=True)  # answers part_size (mock-only)
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
    sizes = [int(r.headers["Content-Length"]) for r in puts]  # streamed from the file, never read whole
    assert all("Transfer-Encoding" not in r.headers for r in puts)  # presigned parts need a length
    assert len(puts) >= 5 and all(size == 1024 for size in sizes[:-1]) and 0 < sizes[-1] <= 1024
    assert all("Authorization" not in r.headers for r in puts)  # presigned: the key never goes to storage
    assert len([o for o in result.outputs if o.kind == "tryon"]) == 5
    backend.close()


def test_a_part_is_read_in_chunks_and_can_be_sent_again(tmp_path: Path) -> None:
    data = bytes(range(256)) * 1000  # 256,000 bytes
    (tmp_path / "archive").write_bytes(data)
    with (tmp_path / "archive").open("rb") as file:
        part = _FilePart(file, offset=100_000, size=150_000)
        first = list(part)
        assert max(len(c) for c in first) <= _FilePart.CHUNK < part.size
        assert b"".join(first) == data[100_000:250_000] == b"".join(part)  # a retry re-sends it all
        with httpx.Client(
            transport=httpx.MockTransport(lambda r: httpx.Response(200, content=r.read()))
        ) as c:
            sent = c.put("http://storage.invalid/part", content=part, headers={"Content-Length": "150000"})
        assert sent.content == data[100_000:250_000]

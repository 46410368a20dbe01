"""Helpers of the issue-12 tests: the mock_server test helpers, and a heavy zip that is small on disk."""

from __future__ import annotations

import io
import sys
import zipfile
from functools import lru_cache
from pathlib import Path

from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "mock"))

from mock_support import DEFAULT_KEY, ROOT, MockServer, b64, http, make_zip, png

__all__ = ["DEFAULT_KEY", "ROOT", "MockServer", "b64", "heavy_zip", "http", "make_zip", "png"]


@lru_cache(maxsize=4)
def heavy_zip(count: int = 10, side: int = 6000) -> bytes:
    """``count`` solid-colour PNGs of ``side`` × ``side`` pixels: ~36 MP each to decode, ~120 KB on disk."""
    buffer = io.BytesIO()
    Image.new("RGB", (side, side), (30, 160, 90)).save(buffer, format="PNG")
    image = buffer.getvalue()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:  # stored: a PNG is compressed already
        for n in range(count):
            archive.writestr(f"heavy-{n // 2}/shirt-{'front' if n % 2 == 0 else 'back'}-{n}.png", image)
    return out.getvalue()

"""Memoise the mock's try-on renderer, for the batch benchmarks that measure the client, not the mock.

The mock renders every try-on output with Pillow (decode the model image, composite, encode a PNG:
about 10 ms each), which is most of the wall time of a 2,000-task batch. ``install()`` renders the
first output for real and hands the same bytes (a real PNG of realistic size) to every later task,
so the client still downloads and writes one full-size output per task.

``python fast_render.py serve ...`` is ``huhu-mock serve ...`` with the memoised renderer.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from mock_server import imaging

_cache: dict[int, bytes] = {}


def install() -> None:
    real: Callable[..., bytes] = imaging.tryon_png
    if getattr(real, "memoised", False):
        return

    def tryon_png(garment: bytes, model: bytes, *, seed: str) -> bytes:
        key = hash(model)
        if key not in _cache:
            _cache[key] = real(garment, model, seed=seed)
        return _cache[key]

    tryon_png.memoised = True  # type: ignore[attr-defined]
    imaging.tryon_png = tryon_png


if __name__ == "__main__":
    from mock_server.cli import main

    install()
    sys.exit(main(sys.argv[1:]))

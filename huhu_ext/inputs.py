"""Local checks of a run's inputs, made before anything is created or spent on the server."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Protocol

from huhu_ext.errors import HuhuError

__all__ = ["InvalidInputError", "verify_images"]


class InvalidInputError(HuhuError):
    """A local input (a garment photo) cannot be used; nothing was sent."""


class _HasFiles(Protocol):
    @property
    def files(self) -> tuple[Path, ...]: ...


_VERIFIED: set[tuple[str, int, int]] = set()
"""Photos verified in this process, as (path, size, mtime): ``huhu tryon`` checks before asking for
consent and the run checks again, a file is decoded once unless it changed in between."""
_MAX_VERIFIED = 100_000


def verify_images(skus: Iterable[_HasFiles]) -> None:
    """Open and verify every garment photo locally (Pillow) before anything is created or spent."""
    from PIL import Image, UnidentifiedImageError

    for sku in skus:
        for path in sku.files:
            try:
                status = path.stat()
                stamp = (str(path.resolve()), status.st_size, status.st_mtime_ns)
                if stamp in _VERIFIED:
                    continue
                with Image.open(path) as image:
                    image.verify()
            except UnidentifiedImageError:
                reason = "not an image Pillow can read"
            except (OSError, ValueError, SyntaxError) as problem:
                reason = f"a broken image ({type(problem).__name__})"
            else:
                if len(_VERIFIED) >= _MAX_VERIFIED:
                    _VERIFIED.clear()
                _VERIFIED.add(stamp)
                continue
            raise InvalidInputError(f"{path}: {reason}; nothing was created or spent")

"""Garment photos are decoded once per process: ``huhu tryon`` checks them before asking for consent,
and the run checks again; the second check reuses the first unless the file changed."""

from __future__ import annotations

import io
import os
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image

from huhu_ext import inputs
from huhu_ext.inputs import InvalidInputError, verify_images


@dataclass
class _Sku:
    files: tuple[Path, ...]


def _png(path: Path, colour: str = "red") -> Path:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), colour).save(buffer, "PNG")
    path.write_bytes(buffer.getvalue())
    return path


def test_a_photo_is_decoded_once_and_again_when_it_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[Path] = []
    real_open = Image.open

    def counting_open(path: Path, *args: object, **kwargs: object) -> Image.Image:
        opened.append(Path(path))
        return real_open(path)

    monkeypatch.setattr(Image, "open", counting_open)
    monkeypatch.setattr(inputs, "_VERIFIED", set())
    shirt = _png(tmp_path / "shirt.png")
    skus = [_Sku((shirt, _png(tmp_path / "back.png", "blue")))]
    verify_images(skus)
    verify_images(skus)
    assert sorted(p.name for p in opened) == ["back.png", "shirt.png"]

    shirt.write_bytes(b"not a png any more")
    os.utime(shirt, ns=(1, 1))  # a different size and mtime: verified again, and refused
    with pytest.raises(InvalidInputError, match=r"shirt\.png"):
        verify_images(skus)
    with pytest.raises(InvalidInputError, match=r"shirt\.png"):  # a refusal is never remembered
        verify_images(skus)


def test_a_missing_photo_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InvalidInputError, match=r"gone\.png"):
        verify_images([_Sku((tmp_path / "gone.png",))])

"""Tests for mock_server.imaging: real PNGs of the right sizes and an MP4 that decodes."""

from __future__ import annotations

import io
import struct

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from mock_server import imaging
from mock_server.imaging import (
    TRYON_SIZE,
    VIDEO_FPS,
    VIDEO_SIZE,
    image_size,
    placeholder_png,
    tryon_png,
    upscale_png,
    video_file,
)


def open_png(data: bytes) -> Image.Image:
    im = Image.open(io.BytesIO(data))
    assert im.format == "PNG"
    im.load()
    return im


def garment_on_white(size: tuple[int, int] = (300, 400), fmt: str = "JPEG") -> bytes:
    im = Image.new("RGB", size, (255, 255, 255))
    im.paste((30, 60, 200), (size[0] // 5, size[1] // 6, size[0] * 4 // 5, size[1] * 5 // 6))
    buf = io.BytesIO()
    im.save(buf, format=fmt)
    return buf.getvalue()


# ------------------------------------------------------------------------------ placeholder


def test_placeholder_size_and_determinism() -> None:
    a = placeholder_png(200, 300, seed="s1", label="Dae Nakamura")
    assert open_png(a).size == (200, 300)
    assert a == placeholder_png(200, 300, seed="s1", label="Dae Nakamura")
    assert a != placeholder_png(200, 300, seed="s2", label="Dae Nakamura")
    assert a != placeholder_png(200, 300, seed="s1")


def test_placeholder_is_not_blank() -> None:
    im = open_png(placeholder_png(120, 180, seed="x")).convert("RGB")
    colors = im.getcolors(maxcolors=120 * 180)
    assert colors is not None and len(colors) > 10  # gradient + silhouette


@settings(max_examples=30, deadline=None)
@given(st.integers(1, 96), st.integers(1, 96), st.text(max_size=12))
def test_placeholder_any_small_size(width: int, height: int, label: str) -> None:
    assert open_png(placeholder_png(width, height, seed="h", label=label)).size == (width, height)


@pytest.mark.parametrize(("width", "height"), [(0, 10), (10, 0), (-1, 5), (10_000, 10_000)])
def test_placeholder_rejects_bad_sizes(width: int, height: int) -> None:
    with pytest.raises(ValueError):
        placeholder_png(width, height, seed="s")


# ----------------------------------------------------------------------------------- try-on


def test_tryon_is_a_png_of_the_model_size_with_the_garment_on_the_torso() -> None:
    model = placeholder_png(256, 384, seed="model")
    out = tryon_png(garment_on_white(), model, seed="a")
    im = open_png(out).convert("RGB")
    assert im.size == (256, 384)
    # The garment's blue is at the torso centre; the white background around it stayed transparent.
    r, g, b = im.getpixel((128, int(384 * 0.41)))  # type: ignore[misc]
    assert b > 150 and r < 100 and g < 120
    corner = open_png(model).convert("RGB").getpixel((2, 2))
    got = im.getpixel((2, 2))
    assert isinstance(corner, tuple) and isinstance(got, tuple)
    assert max(abs(x - y) for x, y in zip(corner, got, strict=True)) < 30  # only the faint tint
    # Exactly 8 % of the seed's tint colour over the model (the tint is applied by lookup tables).
    tint = imaging._rgb("a", "tint")
    assert got == tuple(round(v * 0.92 + c * 0.08) for v, c in zip(corner, tint, strict=True))


def test_tryon_shrinks_large_models_and_keeps_aspect() -> None:
    model = placeholder_png(1024, 1536, seed="big")
    assert open_png(tryon_png(garment_on_white(fmt="PNG"), model, seed="a")).size == TRYON_SIZE
    wide = placeholder_png(1600, 800, seed="wide")
    assert open_png(tryon_png(garment_on_white(), wide, seed="a")).size == (512, 256)


def test_tryon_is_deterministic_and_seed_dependent() -> None:
    model, garment = placeholder_png(200, 300, seed="m"), garment_on_white()
    a = tryon_png(garment, model, seed="one")
    assert a == tryon_png(garment, model, seed="one")
    assert a != tryon_png(garment, model, seed="two")


def test_tryon_accepts_rgba_and_webp_inputs() -> None:
    garment = Image.new("RGBA", (100, 100), (0, 0, 0, 0))
    garment.paste((200, 0, 0, 255), (20, 20, 80, 80))
    gbuf, mbuf = io.BytesIO(), io.BytesIO()
    garment.save(gbuf, format="PNG")
    Image.new("RGB", (120, 180), (90, 90, 90)).save(mbuf, format="WEBP")
    assert open_png(tryon_png(gbuf.getvalue(), mbuf.getvalue(), seed="s")).size == (120, 180)


def test_tryon_output_is_small() -> None:
    """Size only: speed is a benchmark's business (benchmarks/bench_fixture.py), not a test's."""
    model, garment = placeholder_png(*TRYON_SIZE, seed="m"), garment_on_white((800, 1000))
    out = tryon_png(garment, model, seed="sized")
    assert open_png(out).size == TRYON_SIZE
    assert len(out) < 300_000


def test_tryon_rejects_non_images() -> None:
    with pytest.raises(ValueError, match="garment"):
        tryon_png(b"nope", placeholder_png(10, 10, seed="m"), seed="s")
    with pytest.raises(ValueError, match="model"):
        tryon_png(garment_on_white(), b"nope", seed="s")


# ---------------------------------------------------------------------------------- upscale


@pytest.mark.parametrize(
    ("size", "factor", "expected"),
    [
        ((100, 50), 2.0, (200, 100)),
        ((100, 50), 4.0, (400, 200)),
        ((33, 17), 1.5, (50, 26)),  # round(49.5) = 50 (banker's), round(25.5) = 26
        ((101, 77), 2.5, (252, 192)),  # round(252.5) = 252, round(192.5) = 192
        ((64, 64), 1.0, (64, 64)),
        ((3, 3), 0.1, (1, 1)),
    ],
)
def test_upscale_sizes_are_exact(size: tuple[int, int], factor: float, expected: tuple[int, int]) -> None:
    assert expected == (round(size[0] * factor) or 1, round(size[1] * factor) or 1)
    out = upscale_png(placeholder_png(*size, seed="u"), factor)
    assert open_png(out).size == expected
    assert image_size(out) == expected


@pytest.mark.parametrize("mode", ["RGB", "RGBA", "L", "P", "CMYK"])
def test_upscale_handles_image_modes(mode: str) -> None:
    buf = io.BytesIO()
    fmt = "JPEG" if mode == "CMYK" else "PNG"
    Image.new(mode, (20, 10)).save(buf, format=fmt)
    assert open_png(upscale_png(buf.getvalue(), 3)).size == (60, 30)


@pytest.mark.parametrize("factor", [0.0, -2.0, float("nan"), float("inf")])
def test_upscale_rejects_bad_factors(factor: float) -> None:
    with pytest.raises(ValueError):
        upscale_png(placeholder_png(10, 10, seed="u"), factor)


def test_upscale_rejects_non_image() -> None:
    with pytest.raises(ValueError):
        upscale_png(b"not an image", 2)


def test_image_size_reads_headers() -> None:
    assert image_size(garment_on_white((123, 45))) == (123, 45)
    with pytest.raises(ValueError):
        image_size(b"")


# ------------------------------------------------------------------------------------ video


def mp4_boxes(data: bytes) -> list[bytes]:
    """The types of the top-level ISO BMFF boxes."""
    boxes, pos = [], 0
    while pos < len(data):
        size = struct.unpack(">I", data[pos : pos + 4])[0]
        kind = data[pos + 4 : pos + 8]
        if size == 1:  # 64-bit size
            size = struct.unpack(">Q", data[pos + 8 : pos + 16])[0]
        assert size >= 8, f"bad box size at {pos}"
        boxes.append(kind)
        pos += size
    assert pos == len(data)
    return boxes


@pytest.mark.parametrize("seconds", [5, 10])
def test_video_is_an_mp4_that_decodes(seconds: int) -> None:
    import av

    data, media_type = video_file(seconds, seed="vid")
    assert media_type == "video/mp4"
    assert len(data) < 1_000_000
    boxes = mp4_boxes(data)
    assert boxes[0] == b"ftyp" and {b"moov", b"mdat"} <= set(boxes)
    with av.open(io.BytesIO(data)) as container:
        stream = container.streams.video[0]
        assert (stream.codec_context.width, stream.codec_context.height) == VIDEO_SIZE
        frames = [f.to_image().tobytes() for f in container.decode(stream)]
    assert len(frames) == seconds * VIDEO_FPS
    assert len(set(frames)) > 1  # the picture moves


def test_video_is_deterministic_and_seed_dependent() -> None:
    a, _ = video_file(1, seed="a")
    assert a == video_file(1, seed="a")[0]
    assert a != video_file(1, seed="b")[0]


@pytest.mark.parametrize("seconds", [0, -5, 61])
def test_video_rejects_bad_lengths(seconds: int) -> None:
    with pytest.raises(ValueError):
        video_file(seconds, seed="a")

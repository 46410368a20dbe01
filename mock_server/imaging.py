"""Real, small, deterministic media for the mock: try-on composites, placeholders, upscales, videos.

Pillow for images; PyAV (FFmpeg) for the video, imported lazily. Everything is a pure function of its inputs: the same bytes and
seed give the same output bytes, so tests can compare them.

* :func:`tryon_png` — the model image (shrunk to fit 512×768) with the garment composited onto the
  torso; a near-white garment background is made transparent, and a faint tint derived from the seed
  makes every seed's output different.
* :func:`placeholder_png` — a gradient with a simple person silhouette, colours from the seed, an
  optional label in Pillow's default font. Used for preset model images, pose references, face and
  image generations.
* :func:`upscale_png` — a LANCZOS resize to exactly ``round(w·f) × round(h·f)``.
* :func:`video_file` — an MP4 (H.264 in ISO BMFF: ``ftyp``, ``mdat``, ``moov``) at 160×240, 4 fps,
  encoded by PyAV (FFmpeg), imported only when a video is made.

Undecodable input raises :class:`ValueError`; callers pass images already validated by
:mod:`mock_server.uploads`.
"""

from __future__ import annotations

import hashlib
import io
import math
from functools import lru_cache

from PIL import Image, ImageChops, ImageDraw, ImageFont, ImageOps, UnidentifiedImageError

__all__ = [
    "MAX_OUTPUT_PIXELS",
    "TRYON_SIZE",
    "VIDEO_FPS",
    "VIDEO_SIZE",
    "image_size",
    "placeholder_png",
    "tryon_png",
    "upscale_png",
    "video_file",
]

TRYON_SIZE = (512, 768)
"""Try-on outputs fit inside this box (model images are shrunk, never enlarged)."""

VIDEO_SIZE = (160, 240)
VIDEO_FPS = 4
MAX_OUTPUT_PIXELS = 40_000_000
"""Largest image this module will create (placeholders and upscales)."""

_FAST_PNG_PIXELS = 2_000_000  # above this, favour encoding speed over size


def _rgb(seed: str, salt: str) -> tuple[int, int, int]:
    d = hashlib.sha256(f"{salt}:{seed}".encode("utf-8", "surrogatepass")).digest()
    return d[0], d[1], d[2]


def _open(data: bytes, what: str, draft: tuple[int, int] | None = None) -> Image.Image:
    """Open and decode; ``draft`` lets JPEG decode at a reduced scale (much faster for big photos)."""
    try:
        im = Image.open(io.BytesIO(data))
        if draft is not None:
            im.draft("RGB", draft)
        im.load()
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, EOFError) as exc:
        raise ValueError(f"{what} is not a readable image") from exc
    return im


def _png(im: Image.Image, level: int | None = None) -> bytes:
    buf = io.BytesIO()
    if level is None:
        level = 6 if im.width * im.height <= _FAST_PNG_PIXELS else 1
    im.save(buf, format="PNG", compress_level=level)
    return buf.getvalue()


def _check_size(width: int, height: int) -> None:
    if width < 1 or height < 1:
        raise ValueError("width and height must be at least 1")
    if width * height > MAX_OUTPUT_PIXELS:
        raise ValueError(f"images are limited to {MAX_OUTPUT_PIXELS} pixels")


# ------------------------------------------------------------------------------ placeholders


def _gradient(size: tuple[int, int], seed: str) -> Image.Image:
    top, bottom = _rgb(seed, "top"), _rgb(seed, "bottom")
    ramp = Image.linear_gradient("L").resize(size, Image.Resampling.BILINEAR)
    return ImageOps.colorize(ramp, black=top, white=bottom)


def _silhouette(
    draw: ImageDraw.ImageDraw, size: tuple[int, int], fill: tuple[int, int, int], dx: int = 0
) -> None:
    """A simple standing figure (head, torso, arms, legs) centred horizontally, shifted by ``dx``."""
    w, h = size
    cx = w / 2 + dx
    unit = min(w / 6, h / 12)  # keeps the figure's proportions inside any aspect ratio
    head_r = unit * 0.9
    head_cy = h * 0.08 + head_r
    draw.ellipse((cx - head_r, head_cy - head_r, cx + head_r, head_cy + head_r), fill=fill)
    top = head_cy + head_r * 1.2
    torso_w, torso_h = unit * 2.4, unit * 3.6
    draw.rounded_rectangle(
        (cx - torso_w / 2, top, cx + torso_w / 2, top + torso_h), radius=max(1, int(unit * 0.5)), fill=fill
    )
    arm = unit * 0.55
    for side in (-1, 1):
        x = cx + side * (torso_w / 2 + arm * 0.7)
        draw.rounded_rectangle(
            (x - arm / 2, top + unit * 0.2, x + arm / 2, top + torso_h * 0.95),
            radius=max(1, int(arm / 2)),
            fill=fill,
        )
    leg_w, leg_top = unit * 0.9, top + torso_h * 0.92
    leg_bottom = min(h * 0.97, leg_top + unit * 4.5)
    for side in (-1, 1):
        x = cx + side * unit * 0.6
        draw.rectangle((x - leg_w / 2, leg_top, x + leg_w / 2, leg_bottom), fill=fill)


def _placeholder(width: int, height: int, seed: str, label: str, dx: int = 0) -> Image.Image:
    im = _gradient((width, height), seed)
    draw = ImageDraw.Draw(im)
    _silhouette(draw, (width, height), _rgb(seed, "figure"), dx)
    if label:
        font = ImageFont.load_default(size=max(10, min(width, height) // 24))
        draw.text((max(2, width // 40), max(2, height // 60)), label, fill=(255, 255, 255), font=font)
    return im


def placeholder_png(width: int, height: int, *, seed: str, label: str = "") -> bytes:
    """A deterministic ``width``×``height`` PNG: seed-coloured gradient, silhouette, optional label."""
    _check_size(width, height)
    return _png(_placeholder(width, height, seed, label))


# ------------------------------------------------------------------------------------ try-on


def _white_to_alpha(garment: Image.Image) -> Image.Image:
    """RGBA copy of ``garment`` whose near-white pixels fade to transparent."""
    rgba = garment.convert("RGBA")
    r, g, b, a = rgba.split()
    darkest = ImageChops.darker(ImageChops.darker(r, g), b)
    # 0..215 → opaque, 245..255 → transparent, linear in between.
    lut = [255 if v <= 215 else 0 if v >= 245 else round(255 * (245 - v) / 30) for v in range(256)]
    rgba.putalpha(ImageChops.multiply(a, darkest.point(lut)))
    return rgba


@lru_cache(maxsize=16)
def _person(model: bytes) -> Image.Image:
    """The decoded model image, shrunk to fit the try-on box (memoised: a project's tasks share one)."""
    person = _open(model, "model image", TRYON_SIZE).convert("RGB")
    person.thumbnail(TRYON_SIZE, Image.Resampling.BILINEAR)
    return person


def tryon_png(garment: bytes, model: bytes, *, seed: str) -> bytes:
    """The garment composited onto the model's torso, tinted by the seed, as a PNG at most 512×768.

    The faint tint (8 % of a seed colour) is applied with lookup tables to the model and to the
    garment before compositing them (the same picture as tinting after, since the tint is affine):
    one full-size image is allocated per output instead of three, which matters when a test suite
    renders thousands. Encoded at zlib level 1: a somewhat larger file, several times faster to
    write than level 6.
    """
    tint = _rgb(seed, "tint")
    rgb_lut = [round(v * 0.92 + c * 0.08) for c in tint for v in range(256)]
    person = _person(model).point(rgb_lut)
    w, h = person.size

    cloth = _white_to_alpha(_open(garment, "garment image", TRYON_SIZE))
    box_w, box_h = max(1, round(w * 0.5)), max(1, round(h * 0.42))
    scale = min(box_w / cloth.width, box_h / cloth.height)
    cloth = cloth.resize(
        (max(1, round(cloth.width * scale)), max(1, round(cloth.height * scale))), Image.Resampling.BILINEAR
    )
    cloth = cloth.point(rgb_lut + list(range(256)))  # alpha unchanged
    x = (w - cloth.width) // 2
    y = round(h * 0.2) + (box_h - cloth.height) // 2
    person.paste(cloth, (x, y), cloth)
    return _png(person, level=1)


# ----------------------------------------------------------------------------------- upscale


def upscale_png(image: bytes, factor: float) -> bytes:
    """``image`` resized (LANCZOS) to exactly ``round(w*factor)`` × ``round(h*factor)``, as PNG."""
    if not math.isfinite(factor) or factor <= 0:
        raise ValueError("factor must be a positive number")
    im = _open(image, "image")
    size = (max(1, round(im.width * factor)), max(1, round(im.height * factor)))
    _check_size(*size)
    if im.mode not in ("RGB", "RGBA", "L", "LA"):
        im = im.convert("RGBA" if "A" in im.getbands() or "transparency" in im.info else "RGB")
    return _png(im.resize(size, Image.Resampling.LANCZOS))


def image_size(data: bytes) -> tuple[int, int]:
    """(width, height) read from the image header."""
    try:
        with Image.open(io.BytesIO(data)) as im:
            return im.size
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, EOFError) as exc:
        raise ValueError("not a readable image") from exc


# ------------------------------------------------------------------------------------- video


_VIDEO_CODECS = ("libx264", "h264", "mpeg4")  # H.264 plays everywhere; MPEG-4 Part 2 as a fallback


def _encode_mp4(frames: list[Image.Image], fps: int) -> bytes:
    """Encode RGB frames as an MP4 (``ftyp``, ``mdat``, ``moov``) with PyAV, on one thread."""
    import av  # lazily: only a video job needs FFmpeg

    for name in _VIDEO_CODECS:
        try:
            av.codec.Codec(name, "w")
        except Exception:
            continue
        break
    else:  # pragma: no cover - PyAV's wheels ship these encoders
        raise RuntimeError("PyAV has no H.264 or MPEG-4 encoder")
    out = io.BytesIO()
    with av.open(out, mode="w", format="mp4") as container:
        stream = container.add_stream(name, rate=fps, options={"threads": "1"})
        assert isinstance(stream, av.VideoStream)
        stream.width, stream.height = frames[0].size
        stream.pix_fmt = "yuv420p"
        stream.thread_count = 1
        for im in frames:
            frame = av.VideoFrame.from_image(im)  # type: ignore[no-untyped-call]
            for packet in stream.encode(frame):
                container.mux(packet)
        for packet in stream.encode(None):
            container.mux(packet)
    return out.getvalue()


VIDEO_MIME = "video/mp4"  # what video_file produces (D-MOCK-VIDEO)
VIDEO_SUFFIX = "mp4"


def video_file(seconds: int, *, seed: str) -> tuple[bytes, str]:
    """A ``seconds``-long MP4 (H.264, 160×240, 4 fps) and its media type (D-MOCK-VIDEO)."""
    if not 1 <= seconds <= 60:
        raise ValueError("seconds must be between 1 and 60")
    frames = []
    for n in range(seconds * VIDEO_FPS):
        dx = round(VIDEO_SIZE[0] * 0.12 * math.sin(2 * math.pi * n / (VIDEO_FPS * 2)))
        frames.append(
            _placeholder(*VIDEO_SIZE, seed=seed, label=f"{n / VIDEO_FPS:4.2f}s", dx=dx).convert("RGB")
        )
    return _encode_mp4(frames, VIDEO_FPS), VIDEO_MIME

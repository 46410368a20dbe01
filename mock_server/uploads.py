"""Validation of uploaded images and SKU zip archives, and the mock's garment "AI" classification.

Pure Python + Pillow, no Flask: the domain layer calls these and turns :class:`UploadError` into a
422 whose ``errors`` entry names :attr:`UploadError.field`.

Images (D-UPLOAD)
    PNG, JPEG or WebP only, at most ``max_bytes`` decoded bytes (20 MB by default) and at most
    :data:`MAX_PIXELS` pixels. Base64 is strict (alphabet and padding checked); an optional
    ``data:image/...;base64,`` prefix and surrounding whitespace are accepted. Every image is fully
    decoded once, so truncated or corrupt files are rejected, not just files with a bad header.

SKU zips (D-ZIP)
    One top-level folder = one SKU named after the folder; files at the top level form one SKU
    named ``default_sku_name`` (merged with a folder of that name, if any); a file nested deeper belongs to the SKU of its first path component.
    ``__MACOSX/`` entries, dotfiles (any path component starting with ``.``) and directory entries
    are ignored. The whole archive is rejected — nothing returned — on: data that is not a zip,
    absolute paths, drive letters, ``..`` components, backslashes or NUL bytes in names (zip-slip),
    duplicate names, symlink entries, encrypted members, more than ``max_members`` entries, a total
    declared uncompressed size above ``max_total_uncompressed``, a member whose
    uncompressed/compressed ratio exceeds ``max_ratio`` (zip bomb; checked for members of at least
    :data:`RATIO_MIN_BYTES`, below which a ratio is harmless noise), a member whose data does not
    match its declared size or CRC, a member that is not a valid image, or no image at all.
    The security checks apply to every entry, including the ones that are then ignored.

Garment classification (:func:`classify_garment`)
    Deterministic stand-in for Huhu's AI. Words are the lowercase alphanumeric runs of the file
    name (camelCase split too); the base name (without extension) is read first, left to right, then the parent folders
    from the deepest up. A word matches a keyword when it equals it, or it plus ``s``/``es``.
    The keywords below live in ``mock_server/catalog.json`` (``garment_words``).

    * view: the first word in ``front``/``rear``/``back``/``behind``/``reverse`` decides
      (``front`` → front, the others → back); no such word → front.
    * garment_type: the first word matching one of these decides —
      Top: shirt, tshirt, tee, top, blouse, jacket, dress, hoodie, sweater, sweatshirt, coat,
      cardigan, vest, tank, polo, jumper, blazer, tunic;
      Bottom: pant, trouser, jean, skirt, shorts, legging, jogger, chino;
      Shoes: shoe, sneaker, boot, heel, sandal, loafer, trainer, pump, slipper;
      Accessory: bag, handbag, backpack, hat, cap, belt, scarf, watch, jewel, jewelry, jewellery,
      necklace, earring, bracelet, ring, sunglass, glove, tie.
      No keyword → the image's aspect ratio: height ≥ 1.3 × width → Bottom;
      width ≥ 1.5 × height → Shoes; otherwise Top.
    * presentation: the first word matching — hanger/hanging → on_hanger;
      ghost/mannequin/invisible → ghost_mannequin; model/worn/wearing/lifestyle/onmodel → on_model;
      flat/flatlay/laydown/packshot → flatlay_clean. No keyword → the image: its four corners
      near-white or transparent → flatlay_clean; else height ≥ 1.3 × width → on_model;
      else ghost_mannequin.
"""

from __future__ import annotations

import base64
import binascii
import io
import re
import stat
import struct
import threading
import zipfile
from dataclasses import dataclass, field
from functools import cache
from typing import IO

from PIL import Image, UnidentifiedImageError

from mock_server.catalog import data

__all__ = [
    "ALLOWED_FORMATS",
    "MAX_IMAGE_BYTES",
    "MAX_PIXELS",
    "RATIO_MIN_BYTES",
    "DecodedImage",
    "GarmentClass",
    "SkuFolder",
    "UploadError",
    "classify_garment",
    "decode_image",
    "image_from_bytes",
    "unpack_sku_zip",
]

MAX_IMAGE_BYTES = 20_000_000
"""Largest accepted image, in decoded bytes (D-UPLOAD)."""

MAX_PIXELS = 40_000_000
"""Largest accepted image, in pixels (decompression-bomb guard, below Pillow's own 89 MP default)."""

ALLOWED_FORMATS = ("PNG", "JPEG", "WEBP")

_DECODING = threading.BoundedSemaphore(2)
"""At most two full-size decodes at once per process: memory stays bounded (≤ 2 × 160 MB at
:data:`MAX_PIXELS` in RGBA), however many uploads arrive together."""

RATIO_MIN_BYTES = 65_536
"""Zip members smaller than this skip the compression-ratio check (e.g. macOS ``._`` files are
mostly zeros); the total-size limit still counts them."""

_DATA_URI = re.compile(r"\Adata:image/[A-Za-z0-9.+-]+;base64,", re.IGNORECASE)
_DRIVE = re.compile(r"\A[A-Za-z]:")
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


class UploadError(Exception):
    """An upload that must be refused with 422; ``field`` names what was wrong."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


@dataclass(frozen=True)
class DecodedImage:
    """A validated image: its original bytes and what Pillow read from them."""

    data: bytes
    format: str  # 'PNG' | 'JPEG' | 'WEBP'
    width: int
    height: int
    clean: bool | None = field(default=None, compare=False)
    """Corners near-white or transparent (read during the one decode; None: not known yet)."""


@dataclass(frozen=True)
class SkuFolder:
    """One SKU of a zip: its name and ``(path inside the SKU folder, image)`` pairs, sorted."""

    name: str
    images: list[tuple[str, DecodedImage]]


@dataclass(frozen=True)
class GarmentClass:
    """The mock AI's classification of one garment image."""

    garment_type: str  # Top | Bottom | Shoes | Accessory
    view: str  # front | back
    presentation: str  # flatlay_clean | on_hanger | ghost_mannequin | on_model


# --------------------------------------------------------------------------------------- images


def decode_image(b64: str, *, field: str, max_bytes: int = MAX_IMAGE_BYTES) -> DecodedImage:
    """Decode strict base64 (optionally a ``data:image/...;base64,`` URI) into a validated image."""
    if not isinstance(b64, str):
        raise UploadError(field, "must be a base64 string")
    text = _DATA_URI.sub("", b64.strip(), count=1)
    if not text:
        raise UploadError(field, "is empty")
    # Every 4 base64 characters carry 3 bytes: refuse oversized payloads before decoding them.
    if len(text) // 4 * 3 - 2 > max_bytes:
        raise UploadError(field, f"image is larger than {max_bytes} bytes")
    try:
        data = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise UploadError(field, "is not valid base64") from None
    return image_from_bytes(data, field=field, max_bytes=max_bytes)


def image_from_bytes(data: bytes, *, field: str, max_bytes: int = MAX_IMAGE_BYTES) -> DecodedImage:
    """Validate raw image bytes: PNG/JPEG/WebP, size limits, and a complete, decodable file."""
    if not data:
        raise UploadError(field, "is empty")
    if len(data) > max_bytes:
        raise UploadError(field, f"image is larger than {max_bytes} bytes")
    if data.startswith(_PNG_SIGNATURE) and len(data) >= 24:
        # Pillow refuses a 0×N PNG as "unidentified"; name the real problem.
        _check_dimensions(field, *struct.unpack(">II", data[16:24]))
    try:
        with Image.open(io.BytesIO(data), formats=["PNG", "JPEG", "WEBP"]) as im:
            fmt = "JPEG" if im.format == "MPO" else str(im.format)
            width, height = im.size
            _check_dimensions(field, width, height)
            im.verify()
        # verify() leaves the image unusable and checks little for JPEG/WebP: decode it fully too,
        # once (a JPEG at 1/8 scale: libjpeg still reads every scan), and read the corners from it.
        with _DECODING, Image.open(io.BytesIO(data), formats=["PNG", "JPEG", "WEBP"]) as im:
            if fmt == "JPEG":
                im.draft(im.mode, (max(1, width // 8), max(1, height // 8)))
            im.load()
            clean = _corners_clean(im)
    except UploadError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise UploadError(field, f"image has more than {MAX_PIXELS} pixels") from None
    except UnidentifiedImageError:
        raise UploadError(field, "is not a PNG, JPEG or WebP image") from None
    except (OSError, ValueError, SyntaxError, EOFError, IndexError, TypeError, struct.error):
        raise UploadError(field, "image data is corrupt or truncated") from None
    if fmt not in ALLOWED_FORMATS:
        raise UploadError(field, "is not a PNG, JPEG or WebP image")
    return DecodedImage(data=data, format=fmt, width=width, height=height, clean=clean)


def _corners_clean(im: Image.Image) -> bool:
    """Whether the four corners of a loaded image are near-white or transparent.

    Shrinks the image in its own mode first (no full-size RGBA copy of a large upload).
    """
    if im.mode in ("1", "L", "LA", "P", "RGB", "RGBA", "RGBa", "La"):
        small = im.resize((16, 16)).convert("RGBA")
    else:
        small = im.convert("RGBA").resize((16, 16))
    corners = [small.getpixel(xy) for xy in ((0, 0), (15, 0), (0, 15), (15, 15))]
    return all(isinstance(c, tuple) and (c[3] < 32 or min(c[:3]) >= 225) for c in corners)


def _check_dimensions(field: str, width: int, height: int) -> None:
    if width <= 0 or height <= 0:
        raise UploadError(field, "image has zero width or height")
    if width * height > MAX_PIXELS:
        raise UploadError(field, f"image has more than {MAX_PIXELS} pixels")


# ------------------------------------------------------------------------------------------ zip


def unpack_sku_zip(
    data: bytes | IO[bytes],
    *,
    default_sku_name: str,
    max_members: int = 2000,
    max_total_uncompressed: int = 200_000_000,
    max_ratio: float = 100.0,
    max_image_bytes: int = MAX_IMAGE_BYTES,
) -> list[SkuFolder]:
    """Validate a SKU archive and return its SKUs (sorted by name), or raise :class:`UploadError`.

    ``data`` is the archive's bytes or a seekable binary file. Members are decoded one at a time;
    only their original (compressed) bytes are kept.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data) if isinstance(data, bytes) else data)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError, NotImplementedError):
        raise UploadError("zip", "is not a valid zip archive") from None
    with archive:
        infos = archive.infolist()
        if len(infos) > max_members:
            raise UploadError("zip", f"has more than {max_members} entries")
        wanted = _check_members(infos, max_total_uncompressed, max_ratio, max_image_bytes)
        folders: dict[str, list[tuple[str, DecodedImage]]] = {}
        for info, parts in wanted:
            raw = _read_member(archive, info)
            image = image_from_bytes(raw, field=f"zip:{info.filename}", max_bytes=max_image_bytes)
            if len(parts) == 1:  # at the top level: the default SKU
                sku, inner = default_sku_name, parts[0]
            else:  # in a folder: the folder names the SKU
                sku, inner = parts[0], "/".join(parts[1:])
            folders.setdefault(sku, []).append((inner, image))
    if not folders:
        raise UploadError("zip", "contains no images")
    return [
        SkuFolder(name=name, images=sorted(folders[name], key=lambda p: p[0])) for name in sorted(folders)
    ]


def _check_members(
    infos: list[zipfile.ZipInfo], max_total: int, max_ratio: float, max_image_bytes: int
) -> list[tuple[zipfile.ZipInfo, list[str]]]:
    """Run every security check over all entries; return the image candidates with their path parts."""
    seen: set[str] = set()
    total = 0
    wanted: list[tuple[zipfile.ZipInfo, list[str]]] = []
    for info in infos:
        name = info.orig_filename
        field = f"zip:{name}"
        parts = _safe_parts(name, field)
        if name in seen:
            raise UploadError(field, "appears twice in the archive")
        seen.add(name)
        if stat.S_ISLNK(info.external_attr >> 16):
            raise UploadError(field, "symbolic links are not allowed")
        if info.flag_bits & 0x1:
            raise UploadError(field, "encrypted members are not allowed")
        total += info.file_size
        if total > max_total:
            raise UploadError("zip", f"uncompressed size exceeds {max_total} bytes")
        if info.file_size >= RATIO_MIN_BYTES and info.file_size > max(info.compress_size, 1) * max_ratio:
            raise UploadError(field, f"compression ratio exceeds {max_ratio:g} (zip bomb)")
        if info.is_dir() or not parts or parts[0] == "__MACOSX" or any(p.startswith(".") for p in parts):
            continue
        if info.file_size > max_image_bytes:
            raise UploadError(field, f"image is larger than {max_image_bytes} bytes")
        wanted.append((info, parts))
    wanted.sort(key=lambda item: item[0].filename)
    return wanted


def _safe_parts(name: str, field: str) -> list[str]:
    """Split an entry name into path components, refusing anything that could escape the folder."""
    if "\x00" in name:
        raise UploadError(field, "file name contains a NUL byte")
    if "\\" in name:
        raise UploadError(field, "file name contains a backslash")
    if name.startswith("/") or _DRIVE.match(name):
        raise UploadError(field, "absolute paths are not allowed")
    parts = [p for p in name.split("/") if p not in ("", ".")]
    if ".." in parts:
        raise UploadError(field, "'..' path components are not allowed")
    return parts


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """Read one member, never more than its declared size plus one byte."""
    field = f"zip:{info.filename}"
    try:
        with archive.open(info) as fh:
            raw = fh.read(info.file_size + 1)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, RuntimeError):
        raise UploadError(field, "member data is corrupt (bad size, CRC or compression)") from None
    if len(raw) != info.file_size:
        raise UploadError(field, "member data does not match its declared size")
    return raw


# ------------------------------------------------------------------------------- classification


@cache
def _keywords(kind: str) -> dict[str, str]:
    """word → class for ``kind`` (view, garment_type, presentation), from catalog.json's ``garment_words``."""
    return {word: value for value, words in data()["garment_words"][kind].items() for word in words}


def _words(filename: str) -> list[str]:
    """Words of the base name (no extension) first, then of the folders, deepest first."""
    parts = [p for p in filename.replace("\\", "/").split("/") if p]
    if not parts:
        return []
    base = parts[-1].rsplit(".", 1)[0] if "." in parts[-1].lstrip(".") else parts[-1]
    ordered = [base, *reversed(parts[:-1])]
    split = (re.sub(r"([a-z])([A-Z])", r"\1 \2", part).lower() for part in ordered)  # camelCase
    return [w for part in split for w in re.findall(r"[a-z0-9]+", part)]


def _lookup(words: list[str], table: dict[str, str]) -> str | None:
    for word in words:
        for candidate in (word, word.removesuffix("s"), word.removesuffix("es")):
            if candidate in table:
                return table[candidate]
    return None


def _image_features(image: DecodedImage) -> tuple[bool, float]:
    """(corners near-white or transparent, height / width) of an already validated image."""
    ratio = image.height / image.width
    if image.clean is not None:
        return image.clean, ratio
    try:
        with Image.open(io.BytesIO(image.data)) as im:
            im.draft("RGB", (64, 64))
            return _corners_clean(im), ratio
    except (OSError, ValueError):  # pragma: no cover - the image was validated already
        return False, ratio


def classify_garment(filename: str, image: DecodedImage) -> GarmentClass:
    """Classify a garment image deterministically (rules in the module docstring)."""
    words = _words(filename)
    view = _lookup(words, _keywords("view")) or "front"
    garment_type = _lookup(words, _keywords("garment_type"))
    presentation = _lookup(words, _keywords("presentation"))
    if garment_type is None or presentation is None:
        clean, ratio = _image_features(image)
        if garment_type is None:
            garment_type = "Bottom" if ratio >= 1.3 else "Shoes" if ratio <= 1 / 1.5 else "Top"
        if presentation is None:
            presentation = "flatlay_clean" if clean else "on_model" if ratio >= 1.3 else "ghost_mannequin"
    return GarmentClass(garment_type=garment_type, view=view, presentation=presentation)

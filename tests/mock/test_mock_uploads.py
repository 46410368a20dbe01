"""Tests for mock_server.uploads: image validation, SKU zip unpacking, garment classification."""

from __future__ import annotations

import base64
import io
import stat
import struct
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from mock_server.uploads import (
    MAX_PIXELS,
    RATIO_MIN_BYTES,
    DecodedImage,
    GarmentClass,
    SkuFolder,
    UploadError,
    classify_garment,
    decode_image,
    image_from_bytes,
    unpack_sku_zip,
)


def make_image(
    fmt: str = "PNG", size: tuple[int, int] = (40, 60), color: tuple[int, int, int] = (200, 30, 30)
) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", size, color).save(buf, format=fmt)
    return buf.getvalue()


def make_zip(members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=compression) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


# ------------------------------------------------------------------------------- decode_image


@pytest.mark.parametrize("fmt", ["PNG", "JPEG", "WEBP"])
def test_decode_image_accepts_allowed_formats(fmt: str) -> None:
    raw = make_image(fmt, (40, 60))
    img = decode_image(b64(raw), field="body.file_data")
    assert img == DecodedImage(data=raw, format=fmt, width=40, height=60)


def test_decode_image_accepts_data_uri_prefix_and_surrounding_whitespace() -> None:
    raw = make_image("PNG")
    img = decode_image(f"  data:image/png;base64,{b64(raw)}\n", field="f")
    assert img.data == raw
    assert img.format == "PNG"


def test_upload_error_attributes_and_str() -> None:
    with pytest.raises(UploadError) as info:
        decode_image("", field="body.file_data")
    assert info.value.field == "body.file_data"
    assert info.value.message == "is empty"
    assert str(info.value) == "body.file_data: is empty"


@pytest.mark.parametrize(
    ("payload", "fragment"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("data:image/png;base64,", "empty"),
        ("not base64 at all!", "not valid base64"),
        ("iVBORw0KGgo*AAAA", "not valid base64"),
        ("iVBORw0KGgoAAA", "not valid base64"),  # bad padding
        ("aGVsbG8=\nd29ybGQ=", "not valid base64"),  # embedded newline is not strict base64
        ("ünïcödé", "not valid base64"),
        (base64.b64encode(b"hello world, not an image").decode(), "not a PNG, JPEG or WebP"),
    ],
)
def test_decode_image_rejects_bad_payloads(payload: str, fragment: str) -> None:
    with pytest.raises(UploadError) as info:
        decode_image(payload, field="body.file_data")
    assert fragment in info.value.message
    assert info.value.field == "body.file_data"


def test_decode_image_rejects_oversized_before_decoding() -> None:
    # 4000 base64 chars → ~3000 bytes: refused on length alone (the text is not even valid base64).
    with pytest.raises(UploadError, match="larger than 1000 bytes"):
        decode_image("!" * 4000, field="f", max_bytes=1000)


def test_decode_image_rejects_oversized_after_decoding() -> None:
    raw = make_image("PNG", (64, 64))
    with pytest.raises(UploadError, match="larger than"):
        decode_image(b64(raw), field="f", max_bytes=len(raw) - 1)
    assert decode_image(b64(raw), field="f", max_bytes=len(raw)).data == raw


@pytest.mark.parametrize("fmt", ["GIF", "BMP", "TIFF"])
def test_rejects_other_image_formats(fmt: str) -> None:
    with pytest.raises(UploadError, match="not a PNG, JPEG or WebP"):
        image_from_bytes(make_image(fmt), field="f")


@pytest.mark.parametrize("fmt", ["PNG", "JPEG", "WEBP"])
def test_rejects_truncated_images(fmt: str) -> None:
    raw = make_image(fmt, (200, 200), (10, 120, 240))
    # Noise so that the compressed stream is long enough to cut in half.
    noisy = Image.effect_noise((200, 200), 80).convert("RGB")
    buf = io.BytesIO()
    noisy.save(buf, format=fmt)
    raw = buf.getvalue()
    with pytest.raises(UploadError) as info:
        image_from_bytes(raw[: len(raw) // 2], field="f")
    assert info.value.field == "f"


def test_rejects_png_with_bad_crc() -> None:
    raw = bytearray(make_image("PNG", (32, 32)))
    idat = raw.index(b"IDAT")
    raw[idat + 6] ^= 0xFF  # flip a byte inside the compressed data: CRC no longer matches
    with pytest.raises(UploadError, match="corrupt"):
        image_from_bytes(bytes(raw), field="f")


def _png_header_only(width: int, height: int) -> bytes:
    """A PNG declaring the given size with a tiny IDAT: enough for Pillow to read the header."""
    import zlib

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 16)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def test_rejects_decompression_bomb_dimensions() -> None:
    with pytest.raises(UploadError, match=f"more than {MAX_PIXELS} pixels"):
        image_from_bytes(_png_header_only(8000, 8000), field="f")  # 64 MP > 40 MP
    with pytest.raises(UploadError, match="pixels"):
        image_from_bytes(_png_header_only(30000, 30000), field="f")  # beyond Pillow's own bomb limit


@pytest.mark.parametrize("size", [(0, 10), (10, 0), (0, 0)])
def test_rejects_zero_size_image(size: tuple[int, int]) -> None:
    with pytest.raises(UploadError, match="zero width or height"):
        image_from_bytes(_png_header_only(*size), field="f")


def test_image_from_bytes_rejects_empty() -> None:
    with pytest.raises(UploadError, match="empty"):
        image_from_bytes(b"", field="f")


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_decode_image_only_raises_upload_error_on_arbitrary_text(text: str) -> None:
    with pytest.raises(UploadError):
        decode_image(text, field="f")


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=512))
def test_decode_image_only_raises_upload_error_on_arbitrary_base64(data: bytes) -> None:
    with pytest.raises(UploadError):
        decode_image(b64(data), field="f")


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=8, max_value=400), st.integers(min_value=0, max_value=255))
def test_image_from_bytes_only_raises_upload_error_on_mutated_png(cut: int, value: int) -> None:
    raw = bytearray(make_image("PNG", (16, 16)))
    pos = cut % len(raw)
    raw[pos] = value
    try:
        img = image_from_bytes(bytes(raw), field="f")
    except UploadError as exc:
        assert exc.field == "f"
    else:
        assert (img.width, img.height) == (16, 16)


# ----------------------------------------------------------------------------- unpack_sku_zip


def test_unpack_happy_path_two_folders_and_top_level_files() -> None:
    png, jpg = make_image("PNG"), make_image("JPEG")
    data = make_zip(
        {
            "Blue Dress/front.png": png,
            "Blue Dress/back.jpg": jpg,
            "Red Shirt/": b"",
            "Red Shirt/shirt_front.png": png,
            "Red Shirt/details/close.png": png,
            "loose_top.png": png,
            "__MACOSX/Blue Dress/._front.png": b"\x00\x05\x16\x07junk",
            ".DS_Store": b"junk",
            "Red Shirt/.hidden.png": b"junk",
        }
    )
    skus = unpack_sku_zip(data, default_sku_name="upload-key")
    assert [s.name for s in skus] == ["Blue Dress", "Red Shirt", "upload-key"]
    assert [name for name, _ in skus[0].images] == ["back.jpg", "front.png"]
    assert skus[0].images[0][1].format == "JPEG"
    assert [name for name, _ in skus[1].images] == ["details/close.png", "shirt_front.png"]
    assert skus[2] == SkuFolder(
        name="upload-key", images=[("loose_top.png", image_from_bytes(png, field="x"))]
    )


def test_unpack_is_deterministic_regardless_of_member_order() -> None:
    png = make_image("PNG")
    a = make_zip({"b/2.png": png, "a/1.png": png, "b/1.png": png})
    b = make_zip({"b/1.png": png, "b/2.png": png, "a/1.png": png})
    assert unpack_sku_zip(a, default_sku_name="k") == unpack_sku_zip(b, default_sku_name="k")


def test_unpack_accepts_dot_slash_prefix() -> None:
    skus = unpack_sku_zip(make_zip({"./sku/front.png": make_image()}), default_sku_name="k")
    assert [(s.name, [n for n, _ in s.images]) for s in skus] == [("sku", ["front.png"])]


@pytest.mark.parametrize(
    ("name", "fragment"),
    [
        ("../evil.png", "'..'"),
        ("sku/../../evil.png", "'..'"),
        ("/abs.png", "absolute"),
        ("C:/windows/evil.png", "absolute"),
        ("sku\\..\\evil.png", "backslash"),
        ("..\\evil.png", "backslash"),
    ],
)
def test_unpack_rejects_zip_slip(name: str, fragment: str) -> None:
    data = make_zip({"ok/front.png": make_image(), name: make_image()})
    with pytest.raises(UploadError) as info:
        unpack_sku_zip(data, default_sku_name="k")
    assert fragment in info.value.message
    assert info.value.field == f"zip:{name}"


def test_unpack_rejects_zip_slip_even_in_ignored_entries() -> None:
    data = make_zip({"ok/front.png": make_image(), "__MACOSX/../../evil": b"x"})
    with pytest.raises(UploadError, match=r"'\.\.'"):
        unpack_sku_zip(data, default_sku_name="k")


def test_unpack_rejects_nul_in_name() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("sku/front.png", make_image())
    raw = buf.getvalue().replace(b"sku/front.png", b"sku/fr\x00nt.png")  # same length, both headers
    with pytest.raises(UploadError, match="NUL"):
        unpack_sku_zip(raw, default_sku_name="k")


def test_unpack_rejects_symlink_entries() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("sku/front.png", make_image())
        link = zipfile.ZipInfo("sku/link.png")
        link.create_system = 3
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        zf.writestr(link, "/etc/passwd")
    with pytest.raises(UploadError, match="symbolic link") as info:
        unpack_sku_zip(buf.getvalue(), default_sku_name="k")
    assert info.value.field == "zip:sku/link.png"


def test_unpack_rejects_encrypted_members() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("sku/front.png", make_image())
    raw = bytearray(buf.getvalue())
    # Set bit 0 of the general purpose flags in both the local header and the central directory.
    local = raw.index(b"PK\x03\x04")
    raw[local + 6] |= 0x01
    central = raw.index(b"PK\x01\x02")
    raw[central + 8] |= 0x01
    with pytest.raises(UploadError, match="encrypted"):
        unpack_sku_zip(bytes(raw), default_sku_name="k")


def test_unpack_rejects_zip_bomb_ratio() -> None:
    bomb = make_zip({"sku/front.png": make_image(), "sku/zeros.png": bytes(50_000_000)})
    assert len(bomb) < 200_000
    with pytest.raises(UploadError, match="compression ratio") as info:
        unpack_sku_zip(bomb, default_sku_name="k")
    assert info.value.field == "zip:sku/zeros.png"


def test_unpack_ratio_check_ignores_small_members() -> None:
    # A macOS resource fork is mostly zeros: a huge ratio, but harmless at 60 KB.
    data = make_zip({"sku/front.png": make_image(), "__MACOSX/sku/._front.png": bytes(60_000)})
    assert [s.name for s in unpack_sku_zip(data, default_sku_name="k")] == ["sku"]
    bigger = make_zip({"sku/front.png": make_image(), "__MACOSX/sku/._front.png": bytes(RATIO_MIN_BYTES)})
    with pytest.raises(UploadError, match="compression ratio"):
        unpack_sku_zip(bigger, default_sku_name="k")


def test_unpack_rejects_total_uncompressed_size() -> None:
    png = make_image()
    data = make_zip({f"sku/{i}.png": png for i in range(5)}, compression=zipfile.ZIP_STORED)
    with pytest.raises(UploadError, match="uncompressed size exceeds"):
        unpack_sku_zip(data, default_sku_name="k", max_total_uncompressed=len(png) * 4)
    assert len(unpack_sku_zip(data, default_sku_name="k", max_total_uncompressed=len(png) * 5)[0].images) == 5


def test_unpack_rejects_too_many_members() -> None:
    png = make_image()
    data = make_zip({f"sku/{i}.png": png for i in range(4)})
    with pytest.raises(UploadError, match="more than 3 entries"):
        unpack_sku_zip(data, default_sku_name="k", max_members=3)


def test_unpack_rejects_member_larger_than_image_limit() -> None:
    png = make_image()
    data = make_zip({"sku/front.png": png}, compression=zipfile.ZIP_STORED)
    with pytest.raises(UploadError, match="larger than"):
        unpack_sku_zip(data, default_sku_name="k", max_image_bytes=len(png) - 1)


def _patch_sizes(raw: bytes, *, file_size: int) -> bytes:
    """Rewrite the declared uncompressed size of the (single) member in both headers."""
    out = bytearray(raw)
    local = out.index(b"PK\x03\x04")
    struct.pack_into("<I", out, local + 22, file_size)
    central = out.index(b"PK\x01\x02")
    struct.pack_into("<I", out, central + 24, file_size)
    return bytes(out)


def test_unpack_rejects_member_lying_about_its_size() -> None:
    png = make_image("PNG", (50, 50))
    raw = make_zip({"sku/front.png": png})
    # Declares fewer bytes than it really holds: the bounded read stops early and the CRC fails.
    with pytest.raises(UploadError, match="corrupt") as info:
        unpack_sku_zip(_patch_sizes(raw, file_size=len(png) // 2), default_sku_name="k")
    assert info.value.field == "zip:sku/front.png"
    # Declares more bytes than it holds: the stream ends early.
    with pytest.raises(UploadError):
        unpack_sku_zip(_patch_sizes(raw, file_size=len(png) + 10), default_sku_name="k")


def test_unpack_rejects_non_image_member() -> None:
    data = make_zip({"sku/front.png": make_image(), "sku/notes.txt": b"just some text"})
    with pytest.raises(UploadError, match="not a PNG, JPEG or WebP") as info:
        unpack_sku_zip(data, default_sku_name="k")
    assert info.value.field == "zip:sku/notes.txt"


def test_unpack_rejects_duplicate_names() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf, pytest.warns(UserWarning, match="Duplicate name"):
        zf.writestr("sku/front.png", make_image())
        zf.writestr("sku/front.png", make_image("JPEG"))
    with pytest.raises(UploadError, match="twice"):
        unpack_sku_zip(buf.getvalue(), default_sku_name="k")


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"definitely not a zip file",
        bytes(range(256)) * 20,
    ],
)
def test_unpack_rejects_non_zip_data(data: bytes) -> None:
    with pytest.raises(UploadError, match="not a valid zip") as info:
        unpack_sku_zip(data, default_sku_name="k")
    assert info.value.field == "zip"


def test_unpack_rejects_truncated_zip() -> None:
    data = make_zip({"sku/front.png": make_image("PNG", (80, 80)), "sku/back.png": make_image()})
    for cut in (len(data) // 2, len(data) - 10, 30):
        with pytest.raises(UploadError):
            unpack_sku_zip(data[:cut], default_sku_name="k")


def test_unpack_rejects_corrupted_member_data() -> None:
    png = Image.effect_noise((64, 64), 60)
    buf = io.BytesIO()
    png.save(buf, format="PNG")
    data = bytearray(make_zip({"sku/front.png": buf.getvalue()}, compression=zipfile.ZIP_STORED))
    data[100] ^= 0xFF  # inside the stored member data → CRC mismatch
    with pytest.raises(UploadError, match="corrupt"):
        unpack_sku_zip(bytes(data), default_sku_name="k")


@pytest.mark.parametrize(
    "members",
    [
        {},
        {"sku/": b""},
        {"__MACOSX/sku/._front.png": b"junk", ".DS_Store": b"junk"},
    ],
)
def test_unpack_rejects_zip_without_images(members: dict[str, bytes]) -> None:
    with pytest.raises(UploadError, match="no images"):
        unpack_sku_zip(make_zip(members), default_sku_name="k")


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=300))
def test_unpack_only_raises_upload_error_on_arbitrary_bytes(data: bytes) -> None:
    with pytest.raises(UploadError):
        unpack_sku_zip(data, default_sku_name="k")


# ---------------------------------------------------------------------------- classification


def _decoded(size: tuple[int, int], color: tuple[int, int, int] = (200, 30, 30)) -> DecodedImage:
    return image_from_bytes(make_image("PNG", size, color), field="f")


@pytest.mark.parametrize(
    ("filename", "garment_type", "view"),
    [
        ("shirt_front.png", "Top", "front"),
        ("Blue-Blouse_BACK.jpg", "Top", "back"),
        ("tee-rear.png", "Top", "back"),
        ("hoodies.png", "Top", "front"),
        ("dresses/red.png", "Top", "front"),
        ("slim-jeans.png", "Bottom", "front"),
        ("trousers_back.webp", "Bottom", "back"),
        ("mini skirt.png", "Bottom", "front"),
        ("denim-shorts.png", "Bottom", "front"),
        ("sneakers-side.png", "Shoes", "front"),
        ("ankle_boot_back.jpg", "Shoes", "back"),
        ("red heels.png", "Shoes", "front"),
        ("leather-bag.png", "Accessory", "front"),
        ("backpack.png", "Accessory", "front"),  # "backpack" is not the word "back"
        ("straw_hat.png", "Accessory", "front"),
        ("gold-watch.png", "Accessory", "front"),
        ("jewelry-set.png", "Accessory", "front"),
        ("sku1/back/IMG_0001.png", "Top", "back"),  # folder words count when the base name is silent
        ("jeans/shirt.png", "Top", "front"),  # the base name wins over the folder
        ("shirt-with-belt.png", "Top", "front"),  # first keyword wins
        ("BlueJeansBack.png", "Bottom", "back"),  # camelCase words
        ("TShirt.PNG", "Top", "front"),
    ],
)
def test_classify_keywords(filename: str, garment_type: str, view: str) -> None:
    cls = classify_garment(filename, _decoded((100, 100)))
    assert (cls.garment_type, cls.view) == (garment_type, view)


@pytest.mark.parametrize(
    ("size", "garment_type"),
    [
        ((100, 100), "Top"),
        ((100, 129), "Top"),
        ((100, 130), "Bottom"),
        ((100, 300), "Bottom"),
        ((150, 100), "Shoes"),
    ],
)
def test_classify_falls_back_to_aspect_ratio(size: tuple[int, int], garment_type: str) -> None:
    cls = classify_garment("IMG_0001.png", _decoded(size))
    assert cls.garment_type == garment_type
    assert cls.view == "front"


@pytest.mark.parametrize(
    ("filename", "size", "color", "presentation"),
    [
        ("shirt-on-hanger.png", (100, 100), (20, 20, 20), "on_hanger"),
        ("ghost_jacket.png", (100, 100), (255, 255, 255), "ghost_mannequin"),
        ("dress-on-model.png", (100, 100), (255, 255, 255), "on_model"),
        ("flatlay-tee.png", (100, 200), (20, 20, 20), "flatlay_clean"),
        ("IMG_1.png", (100, 100), (250, 250, 250), "flatlay_clean"),  # white corners
        ("IMG_2.png", (100, 200), (90, 60, 40), "on_model"),  # dark, tall
        ("IMG_3.png", (100, 100), (90, 60, 40), "ghost_mannequin"),  # dark, not tall
    ],
)
def test_classify_presentation(
    filename: str, size: tuple[int, int], color: tuple[int, int, int], presentation: str
) -> None:
    assert classify_garment(filename, _decoded(size, color)).presentation == presentation


def test_classify_transparent_corners_are_clean() -> None:
    im = Image.new("RGBA", (100, 100), (0, 0, 0, 0))
    im.paste((30, 30, 200, 255), (20, 20, 80, 80))
    buf = io.BytesIO()
    im.save(buf, format="PNG")
    assert (
        classify_garment("IMG.png", image_from_bytes(buf.getvalue(), field="f")).presentation
        == "flatlay_clean"
    )


@settings(max_examples=50, deadline=None)
@given(st.text(max_size=40), st.sampled_from([(100, 100), (60, 140), (160, 90)]))
def test_classify_is_deterministic_and_in_range(filename: str, size: tuple[int, int]) -> None:
    img = _decoded(size)
    first = classify_garment(filename, img)
    assert first == classify_garment(filename, img)
    assert isinstance(first, GarmentClass)
    assert first.garment_type in {"Top", "Bottom", "Shoes", "Accessory"}
    assert first.view in {"front", "back"}
    assert first.presentation in {"flatlay_clean", "on_hanger", "ghost_mannequin", "on_model"}

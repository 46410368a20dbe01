"""Files and image inputs: stored files and their signed URLs, catalogue images rendered from their
seeds, and images given as an id, a URL or base64 data."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from functools import lru_cache
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from mock_server import catalog, elastic, imaging
from mock_server.domain.access import AccessRules, Caller
from mock_server.domain.shared import (
    FILES_ROUTE,
    IMAGE_MIME,
    MAX_ID_LENGTH,
    SHORT_IMAGE_REF,
    Download,
    Row,
    new_id,
)
from mock_server.errors import Forbidden, Invalid, NotFound
from mock_server.signing import SignatureError
from mock_server.storage import Tx
from mock_server.uploads import DecodedImage, UploadError, decode_image, image_from_bytes


@lru_cache(maxsize=1024)
def render_catalog(path: str) -> bytes | None:
    """The bytes of a catalogue file (``catalog/...``), rendered from its seed; None if unknown."""
    kind, _, name = path.removeprefix("catalog/").partition("/")
    ident = name.rsplit(".", 1)[0]
    if kind == "models":
        for model in catalog.preset_models():
            for image in model.images:
                if image.model_image_id == ident:
                    return imaging.placeholder_png(512, 768, seed=image.seed, label=model.model_name)
    elif kind in ("poses", "sketches"):
        for pose in catalog.library_poses():
            if pose.pose_id == ident:
                seed = pose.seed if kind == "poses" else pose.seed + ":sketch"
                return imaging.placeholder_png(384, 576, seed=seed, label=pose.pose_name)
    return None


@lru_cache(maxsize=256)
def remote_image(url: str, field: str) -> DecodedImage:
    """The image a foreign URL stands for: a 512x768 placeholder seeded by the URL (D-MOCK-URLS, never
    fetched)."""
    png = imaging.placeholder_png(512, 768, seed=url, label="remote image")
    return image_from_bytes(png, field=field)  # a valid PNG: never an UploadError


def preset_image_path(model_image_id: str) -> str:
    return f"catalog/models/{model_image_id}.png"


@contextmanager
def upload_checks(on_error: Callable[[], object] | None = None) -> Iterator[None]:
    """Answer an :class:`UploadError` raised inside with the 422 of a refused upload, naming the field
    (or zip member) that was wrong; ``on_error`` runs first."""
    try:
        yield
    except UploadError as exc:
        if on_error is not None:
            on_error()
        raise Invalid.field(exc.field, exc.message) from None


def detect_crop_type(image: DecodedImage) -> str:
    """The mock AI's crop detection: tall images are full body shots."""
    return "fullbody" if image.height >= 1.3 * image.width else "head_half_cropped"


class FileStore(AccessRules):
    """Stored files, their signed URLs, and images named by id, URL or base64 data."""

    def file_url(self, caller: Caller, path: str) -> str:
        """A signed, expiring URL of a stored file (``/_mock/files/<path>?expires=..&signature=..``)."""
        signed = self._signer.sign(FILES_ROUTE + path, expires_at=self.clock.now() + self.url_ttl_seconds)
        return caller.base_url.rstrip("/") + signed

    def _store_image(self, tx: Tx, folder: str, program_id: str, image: DecodedImage) -> str:
        mime, ext = IMAGE_MIME[image.format]
        path = f"{folder}/{new_id()}.{ext}"
        tx.execute(
            "INSERT OR REPLACE INTO files (path, program_id, mime, data, create_time) VALUES (?, ?, ?, ?, ?)",
            (path, program_id, mime, image.data, self._ms()),
        )
        return path

    def read_file(self, path: str, query: Mapping[str, str]) -> Download:
        """Serve ``/_mock/files/<path>``: 403 if the signature is missing, wrong or expired; 404 if gone."""
        try:
            self._signer.verify(FILES_ROUTE + path, query, now=self.clock.now())
        except SignatureError as exc:
            raise Forbidden(f"Download URL refused: {exc}") from None
        found = self._file(path)
        if found is None:
            raise NotFound("File not found")
        return found

    def _file(self, path: str) -> Download | None:
        if path.startswith("catalog/"):
            data = render_catalog(path)
            return None if data is None else Download(data, "image/png")
        with self.db.read() as tx:
            row = tx.get("files", "path", path)
        if row is None and self._render_pending(path):  # a job output read for the first time
            with self.db.read() as tx:
                row = tx.get("files", "path", path)
        return None if row is None else Download(bytes(row["data"]), row["mime"])

    def _file_in(self, tx: Tx, path: str) -> Download | None:
        """:meth:`_file` inside a transaction the caller holds."""
        if path.startswith("catalog/"):
            data = render_catalog(path)
            return None if data is None else Download(data, "image/png")
        row = tx.get("files", "path", path) or self._render_in(tx, path)
        return None if row is None else Download(bytes(row["data"]), row["mime"])

    def _render_pending(self, path: str) -> bool:
        """Render a pending job output (D-MOCK-RENDER); False when ``path`` is not one. See JobsMixin."""
        return False

    def _render_in(self, tx: Tx, path: str) -> Row | None:
        """Render a pending job output inside ``tx`` and return its ``files`` row (None: not pending)."""
        return None

    def _model_image_bytes(self, tx: Tx, image_id: str | None) -> bytes | None:
        if image_id is None:
            return None
        if image_id in self._preset_images:
            return render_catalog(preset_image_path(image_id))
        row = tx.get("files", "path", image_id)
        return None if row is None else bytes(row["data"])

    def _image_by_id(self, tx: Tx, caller: Caller, ident: str, field: str) -> DecodedImage | None:
        """An image the caller may use, named by id: preset image, library pose, or a stored file."""
        data: bytes | None = None
        if ident in self._preset_images:
            data = render_catalog(preset_image_path(ident))
        elif ident in self._pose_ids:
            data = render_catalog(f"catalog/poses/{ident}.png")
        else:
            row = tx.get("files", "path", ident) or self._render_in(tx, ident)
            if row is None:
                return None
            if row["program_id"] is not None and not self._can_access(tx, caller.team_id, row["program_id"]):
                raise Forbidden(f"Image {ident} belongs to another team")
            data = bytes(row["data"])
        assert data is not None
        with upload_checks():
            return image_from_bytes(data, field=field)

    def _predecode(self, value: Any, field: str) -> DecodedImage | None:
        """Decode base64 image data (or render a pending job output named by id or URL) before a
        transaction starts, so no transaction waits on it.

        None when ``value`` is not valid base64 image data (an id, a URL, bad data): the transaction
        then resolves or refuses it as before, in the same order.
        """
        if not isinstance(value, str):
            return None
        if value.startswith(("http://", "https://")):  # a job output's URL: render it now if pending
            path = unquote(urlsplit(value).path)
            if path.startswith(FILES_ROUTE):
                self._render_pending(path.removeprefix(FILES_ROUTE))
            return None
        if len(value) <= MAX_ID_LENGTH:  # maybe an id: a pending job output is rendered now
            self._render_pending(value)
        if len(value) <= SHORT_IMAGE_REF:
            return None
        with elastic.waiting():
            try:
                return decode_image(value, field=field)
            except UploadError:
                return None

    def _image_input(
        self,
        tx: Tx,
        caller: Caller,
        value: str,
        field: str,
        *,
        documented_ids: bool = True,
        decoded: DecodedImage | None = None,
    ) -> DecodedImage:
        """An image given as an id, a URL, or base64.

        A URL this mock signed is checked (expiry, tampering: 422) and read; any other http(s) URL
        stands for a placeholder image rendered from the URL (D-MOCK-URLS: the mock never fetches).

        Where the reference documents ids for the field (``documented_ids``), a value too short to be
        image data is an unknown id (404); elsewhere (upscale's ``image``) it is bad data (422).
        ``decoded``: ``value`` already decoded by :meth:`_predecode`.
        """
        if decoded is not None:
            return decoded
        if value.startswith(("http://", "https://")):
            parts = urlsplit(value)
            path = unquote(parts.path)
            if not path.startswith(FILES_ROUTE):
                if not parts.netloc:
                    raise Invalid.field(field, "is a URL without a host")
                return remote_image(value, field)
            try:
                self._signer.verify(path, dict(parse_qsl(parts.query)), now=self.clock.now())
            except SignatureError as exc:
                raise Invalid.field(field, f"URL cannot be used: {exc}") from None
            found = self._file_in(tx, path.removeprefix(FILES_ROUTE))
            if found is None:
                raise Invalid.field(field, "URL points to no file")
            with upload_checks():
                return image_from_bytes(found.data, field=field)
        by_id = self._image_by_id(tx, caller, value, field)
        if by_id is not None:
            return by_id
        with upload_checks():
            try:
                return decode_image(value, field=field)
            except UploadError:
                # too short for image data: an unknown id
                if documented_ids and len(value) <= SHORT_IMAGE_REF:
                    raise NotFound(f"Image {value} not found") from None
                raise

"""The backend's foundation: configuration, storage, API keys, access rules, files and signed URLs.

Every operation mixin builds on :class:`BackendBase`; the helpers here answer 404 for unknown ids
and 403 for resources in programs the caller's team can neither own nor share.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import math
import os
import random
import re
import secrets
import sqlite3
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from huhu_ext.spec import Spec, load_spec
from mock_server import catalog, elastic, imaging
from mock_server.clock import Clock, ManualClock, RealClock
from mock_server.errors import (
    Forbidden,
    Invalid,
    NotFound,
    Unauthorized,
)
from mock_server.fidelity import Extras, with_prices
from mock_server.paging import Pager
from mock_server.signing import SignatureError, UrlSigner
from mock_server.storage import Storage, Tx
from mock_server.uploads import (
    DecodedImage,
    UploadError,
    decode_image,
    image_from_bytes,
)

log = logging.getLogger(__name__)

Json = dict[str, Any]
Row = sqlite3.Row

DEFAULT_API_KEY = "sk-" + "deadbeef" * 6
"""The key of the default team (``huhu-mock serve`` without ``--api-key``). Not a secret."""

DEFAULT_BASE_URL = "http://127.0.0.1:8080"
# An image reference this short cannot be base64 image data (the smallest PNG needs ~90 characters):
# it is an id, and an unknown one is 404 like any other unknown id (D-MOCK-IDS).
SHORT_IMAGE_REF = 64
"""Host the backend writes into URLs when a caller does not say which one it was reached at."""

FILES_ROUTE = "/_mock/files/"
MAX_ID_LENGTH = 200  # longer than any id or path the mock makes
S3_ROUTE = "/_mock/s3/"
PART_SIZE = 8 * 1024 * 1024  # D-ZIP
MAX_ZIP_BYTES = 1 << 30  # D-ZIP
MAX_HISTORY_RECORDS = 10_000  # fetch_all (x-huhu-max-records)
UPLOAD_TTL_SECONDS = 24 * 3600.0  # an open multipart upload expires after this (D-MOCK-UPLOAD-EXPIRY)
MAX_CLOCK_SECONDS = 4_102_444_800.0  # 2100-01-01T00:00:00Z: the manual clock never moves past it
MAX_ADVANCE_SECONDS = 10 * 365 * 24 * 3600.0  # one clock advance moves at most ten years

_KEY = re.compile(r"\Ask-[0-9a-fA-F]{48}\Z")

FILTER_FIELDS = ("model_type", "model_size")
FILTER_ATTRIBUTES = ("ethnicity", "age_range", "hair_color", "skin_tone")

IMAGE_MIME = {"PNG": ("image/png", "png"), "JPEG": ("image/jpeg", "jpg"), "WEBP": ("image/webp", "webp")}
VIDEO_EXT = {"video/x-msvideo": "avi", "video/avi": "avi", "video/mp4": "mp4", "video/webm": "webm"}

GENERATION_SIZE = {"face": (512, 512), "image": (512, 768), "pose": (512, 768)}
GENERATION_LABEL = {"face": "face", "image": "model image", "pose": "pose"}


# A program row plus ``can_access``: owned by the team, or shared with it (params: team, team, program).
_PROGRAM_ACCESS_SQL = """
SELECT programs.*, (
    programs.team_id = ?
    OR EXISTS (SELECT 1 FROM program_shares AS s WHERE s.program_id = programs.program_id AND s.team_id = ?)
) AS can_access
FROM programs WHERE program_id = ?
"""


def is_api_key(value: str) -> bool:
    """True when ``value`` has the form of a Huhu key: ``sk-`` and 48 hexadecimal characters."""
    return bool(_KEY.match(value))


def key_digest(api_key: str) -> str:
    return hashlib.sha256(api_key.encode()).hexdigest()


# Ids are opaque random 128-bit numbers. Drawn from a generator seeded once from the OS (and again
# in a forked child), not from ``uuid4()``: its ``os.urandom`` call per id is a system call that
# releases the GIL, which under a threaded server costs a thread switch on every created object.
# Secrets (API keys, signing keys) still come from ``secrets``.
_IDS = random.Random()
os.register_at_fork(after_in_child=_IDS.seed)


def new_id() -> str:
    """A fresh id: 32 hexadecimal characters, like ``uuid4().hex``."""
    return f"{_IDS.getrandbits(128):032x}"


@dataclass(frozen=True)
class Caller:
    """Who is calling: the team and default program of the API key, and the host it used.

    Holds no key material, so it is safe to log or repr.
    """

    team_id: str
    key_id: str
    program_id: str
    base_url: str = DEFAULT_BASE_URL


@dataclass(frozen=True)
class Fault:
    """An injected fault taken for one request (``status`` None: only latency)."""

    method: str
    path: str
    status: int | None
    latency_seconds: float
    retry_after: int | None


@dataclass(frozen=True)
class Precheck:
    """What the HTTP layer reads before each public request, in one SQLite statement.

    ``faults``: some injected fault is pending (take one with ``take_fault``). ``next_job_event``:
    the earliest clock time at which a running job changes phase or finishes (None: no running
    job), so the request settles jobs only when the clock has reached it. ``keys``: the API-key
    rows whose digest prefix is the caller's key's (``()`` for a malformed or missing key).
    """

    faults: bool
    next_job_event: float | None
    keys: tuple[Row, ...]


@dataclass(frozen=True)
class Download:
    data: bytes
    mime: str


@dataclass(frozen=True)
class NewJob:
    kind: str  # tryon | face | image | pose | upscale | video
    ref_id: str  # task_id or request_id
    seconds: float


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


REMOTE_IMAGE_SIZE = (512, 768)


@lru_cache(maxsize=256)
def _remote_png(url: str) -> bytes:
    return imaging.placeholder_png(*REMOTE_IMAGE_SIZE, seed=url, label="remote image")


def remote_image(url: str, field: str) -> DecodedImage:
    """The image a foreign URL stands for: a placeholder seeded by the URL (D-MOCK-URLS, never fetched)."""
    try:
        return image_from_bytes(_remote_png(url), field=field)
    except UploadError as exc:  # pragma: no cover - the placeholder is a valid PNG
        raise upload_error(exc) from None


def preset_image_path(model_image_id: str) -> str:
    return f"catalog/models/{model_image_id}.png"


def upload_error(exc: UploadError) -> Invalid:
    """The 422 of a refused upload, naming the field (or zip member) that was wrong."""
    return Invalid.field(exc.field, exc.message)


def sku_category(garment_types: Iterable[str]) -> str | None:
    """An SKU's category from its garment images' types (D-SKU-CATEGORY: a free string)."""
    types = set(garment_types)
    if {"Top", "Bottom"} <= types:
        return "Full body"
    for name in ("Top", "Bottom", "Shoes", "Accessory"):
        if name in types:
            return name
    return None


def detect_crop_type(image: DecodedImage) -> str:
    """The mock AI's crop detection: tall images are full body shots."""
    return "fullbody" if image.height >= 1.3 * image.width else "head_half_cropped"


class BackendBase:
    """Shared state and helpers of the backend (see :class:`mock_server.models.HuhuBackend`)."""

    def __init__(
        self,
        *,
        db_path: str | None = None,
        api_key: str = DEFAULT_API_KEY,
        clock: Clock | str = "real",
        job_seconds: float = 2.0,
        tryon_seconds: float | None = None,
        page_size: int = 50,
        url_ttl_seconds: float = 3600.0,
        part_size: int = PART_SIZE,
        upload_ttl_seconds: float = UPLOAD_TTL_SECONDS,
        spec: Spec | None = None,
        extras: bool = False,
        prices: Mapping[str, int] | None = None,
    ) -> None:
        if not is_api_key(api_key):
            raise ValueError("api_key must be 'sk-' followed by 48 hexadecimal characters")
        if page_size < 1:
            raise ValueError("page_size must be at least 1")
        if part_size < 1:
            raise ValueError("part_size must be at least 1")
        if job_seconds < 0 or (tryon_seconds is not None and tryon_seconds < 0):
            raise ValueError("job durations must not be negative")
        if not 0 < upload_ttl_seconds <= MAX_ADVANCE_SECONDS:
            raise ValueError(f"upload_ttl_seconds must be > 0 and at most {MAX_ADVANCE_SECONDS}")
        self.spec = with_prices(spec or load_spec(), prices or {})
        self.extras = extras  # D-MOCK-EXTRAS: mock-only fields answered (and accepted) only when asked
        self._extras = Extras(self.spec)
        self.clock: Clock = self._make_clock(clock)
        self.job_seconds = float(job_seconds)
        self.tryon_seconds = float(job_seconds if tryon_seconds is None else tryon_seconds)
        self.page_size = page_size
        self.url_ttl_seconds = url_ttl_seconds
        self.part_size = part_size
        self.upload_ttl_seconds = float(upload_ttl_seconds)
        self.team_defaults = self.spec.team_defaults
        # Every status the mock writes or checks, and every transition, from x-huhu-lifecycle.
        self.task_life = self.spec.lifecycle("task_status")
        self.project_life = self.spec.lifecycle("project_status")
        self.generation_life = self.spec.lifecycle("generation_status")
        self.upscale_life = self.spec.lifecycle("upscale_status")
        self.video_life = self.spec.lifecycle("video_status")
        self._default_key = api_key
        self.db = Storage(db_path)
        secret = self._secret()
        self._signer = UrlSigner(secret)
        self._pager = Pager(hashlib.sha256(b"pagination\n" + secret).digest())
        self._presets = {m.model_id: m for m in catalog.preset_models()}
        self._preset_images = {
            image.model_image_id: (model, image) for model in self._presets.values() for image in model.images
        }
        self._poses = catalog.library_poses()
        self._pose_ids = {p.pose_id for p in self._poses}
        if isinstance(self.clock, ManualClock):
            with self.db.read() as tx:
                stored = tx.get_meta("manual_clock")
            if stored is not None:
                self._resume_clock(stored)
        self._setup()

    def _resume_clock(self, stored: str) -> None:
        """Resume a persisted manual clock; a value storage cannot hold is ignored, never fatal."""
        assert isinstance(self.clock, ManualClock)
        try:
            when = float(stored)
        except ValueError:
            when = math.nan
        if not 0 <= when <= MAX_CLOCK_SECONDS:  # also false for NaN
            log.warning("ignoring the stored manual clock %.40r: not a time the mock can hold", stored)
            return
        self.clock.set(when)

    def _setup(self) -> None:
        """What the full backend does once the shared state exists (its default team, its operations)."""

    def __repr__(self) -> str:
        return f"HuhuBackend(db={self.db.path!r}, clock={self.clock!r})"

    @staticmethod
    def _make_clock(clock: Clock | str) -> Clock:
        if clock == "real":
            return RealClock()
        if clock == "manual":
            return ManualClock()
        if isinstance(clock, str):
            raise ValueError("clock must be 'real', 'manual' or a Clock")
        return clock

    def _secret(self) -> bytes:
        """The signing secret, shared through the database by every process that opens it."""
        with self.db.transaction() as tx:
            value = tx.get_meta("secret")
            if value is None:
                value = secrets.token_hex(32)
                tx.set_meta("secret", value)
        return bytes.fromhex(value)

    def close(self) -> None:
        self.db.close()

    def now(self) -> float:
        return self.clock.now()

    def _ms(self, when: float | None = None) -> int:
        return int((self.clock.now() if when is None else when) * 1000)

    def authenticate(
        self,
        authorization: str | None,
        *,
        base_url: str = DEFAULT_BASE_URL,
        precheck: Precheck | None = None,
    ) -> Caller:
        """Resolve an ``Authorization`` header to a :class:`Caller` or raise :class:`Unauthorized`.

        With the ``precheck`` made for the same header, its key rows are used instead of reading them.
        """
        if not authorization or not authorization.strip():
            raise Unauthorized("Missing API key: send 'Authorization: Bearer sk-...'")
        scheme, _, token = authorization.strip().partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise Unauthorized("Malformed Authorization header: expected 'Bearer sk-...'")
        return self.caller_for_key(
            token.strip(), base_url=base_url, candidates=None if precheck is None else precheck.keys
        )

    @staticmethod
    def _bearer_key(authorization: str | None) -> str | None:
        """The well-formed API key of an ``Authorization`` header, else None."""
        if not authorization:
            return None
        scheme, _, token = authorization.strip().partition(" ")
        token = token.strip()
        if scheme.lower() != "bearer" or not is_api_key(token):
            return None
        return token

    def caller_for_key(
        self, api_key: str, *, base_url: str = DEFAULT_BASE_URL, candidates: tuple[Row, ...] | None = None
    ) -> Caller:
        """The caller an API key stands for (constant-time comparison of key digests).

        ``candidates``: the ``api_keys`` rows with the key's digest prefix, when already read.
        """
        if not is_api_key(api_key):
            raise Unauthorized("Malformed API key: expected 'sk-' followed by 48 hexadecimal characters")
        key = self._find_key(api_key, candidates)
        if key is None:
            raise Unauthorized("Unknown API key")
        if key["revoked"]:
            raise Unauthorized("API key has been revoked")
        return Caller(
            team_id=key["team_id"],
            key_id=key["key_id"],
            program_id=key["program_id"],
            base_url=base_url.rstrip("/"),
        )

    def _find_key(self, api_key: str, candidates: Iterable[Row] | None = None) -> Row | None:
        digest = key_digest(api_key)
        if candidates is None:
            with self.db.read() as tx:
                candidates = tx.all("SELECT * FROM api_keys WHERE digest_prefix = ?", (digest[:8],))
        found = None
        for row in candidates:
            if hmac.compare_digest(row["digest"].encode(), digest.encode()):
                found = row
        return found

    def _can_access(self, tx: Tx, team_id: str, program_id: str) -> bool:
        row = tx.one(_PROGRAM_ACCESS_SQL, (team_id, team_id, program_id))
        return row is not None and bool(row["can_access"])

    def _program(self, tx: Tx, caller: Caller, program_id: str | None) -> Row:
        """The program a request acts on: ``program_id`` or the key's default (404 / 403).

        One statement reads the program and whether the caller's team owns it or has it shared.
        """
        pid = program_id or caller.program_id
        row = tx.one(_PROGRAM_ACCESS_SQL, (caller.team_id, caller.team_id, pid))
        if row is None:
            raise NotFound(f"Program {pid} not found")
        if not row["can_access"]:
            raise Forbidden(f"Program {pid} belongs to another team")
        return row

    def _owned(self, tx: Tx, caller: Caller, row: Row | None, what: str, ident: str) -> Row:
        """``row`` if it exists (404) and lives in a program the caller may use (403)."""
        if row is None:
            raise NotFound(f"{what} {ident} not found")
        if not self._can_access(tx, caller.team_id, row["program_id"]):
            raise Forbidden(f"{what} {ident} belongs to another team")
        return row

    def _paginate(
        self,
        tx: Tx,
        operation_id: str,
        params: Mapping[str, Any],
        item: Callable[[Row], Json],
        *,
        table: str,
        where: str,
        args: Sequence[Any],
        scope: str,
        size: int | None = None,
        newest_first: bool = False,
    ) -> Json:
        """One page of a list operation, answered with the names of its ``x-huhu-pagination``
        (token parameter, token field, items field): every list operation goes through here."""
        rule = self.spec.operation(operation_id).pagination
        assert rule is not None, f"{operation_id} has no x-huhu-pagination in the spec"
        return self._pager.answer(
            tx,
            rule,
            params,
            item,
            table=table,
            where=where,
            params=args,
            scope=scope,
            size=self.page_size if size is None else size,
            newest_first=newest_first,
        )

    def _project(self, tx: Tx, caller: Caller, project_id: str, program_id: str | None = None) -> Row:
        row = self._owned(tx, caller, tx.get("projects", "project_id", project_id), "Project", project_id)
        if program_id and program_id != row["program_id"]:  # "" = the key default, as in _program
            self._program(tx, caller, program_id)
            raise NotFound(f"Project {project_id} not found in program {program_id}")
        return row

    def _sku(self, tx: Tx, caller: Caller, sku_id: str, project: Row | None = None) -> Row:
        row = tx.get("skus", "sku_id", sku_id)
        if row is None:
            raise NotFound(f"SKU {sku_id} not found")
        owner = tx.get("projects", "project_id", row["project_id"])
        assert owner is not None
        self._owned(tx, caller, owner, "SKU", sku_id)
        if project is not None and row["project_id"] != project["project_id"]:
            raise NotFound(f"SKU {sku_id} not found in project {project['project_id']}")
        return row

    def _task(self, tx: Tx, caller: Caller, task_id: str, project: Row, sku_id: str | None = None) -> Row:
        row = tx.get("tasks", "task_id", task_id)
        if row is None:
            raise NotFound(f"Task {task_id} not found")
        owner = tx.get("projects", "project_id", row["project_id"])
        assert owner is not None
        self._owned(tx, caller, owner, "Task", task_id)
        if row["project_id"] != project["project_id"]:
            raise NotFound(f"Task {task_id} not found in project {project['project_id']}")
        if sku_id is not None and row["sku_id"] != sku_id:
            raise NotFound(f"Task {task_id} not found in SKU {sku_id}")
        return row

    def _model(self, tx: Tx, caller: Caller, model_id: str) -> Json:
        """A preset or custom model as a ``ModelSummary`` (404 / 403)."""
        preset = self._presets.get(model_id)
        if preset is not None:
            return {
                "model_id": preset.model_id,
                "model_name": preset.model_name,
                "model_type": preset.model_type,
                "model_size": preset.model_size,
                "attributes": dict(preset.attributes),
                "preset": True,
            }
        row = self._owned(tx, caller, tx.get("models", "model_id", model_id), "Model", model_id)
        return {**self._model_summary(row), "preset": False}

    @staticmethod
    def _model_summary(row: Row) -> Json:
        return {
            "model_id": row["model_id"],
            "model_name": row["model_name"],
            "model_type": row["model_type"],
            "model_size": row["model_size"],
            "attributes": json.loads(row["attributes"]),
        }

    def _model_image_owner(self, tx: Tx, caller: Caller, image_id: str) -> str | None:
        """The model a usable model image belongs to (None for a ``model_image`` upload); 404 / 403."""
        if image_id in self._preset_images:
            return self._preset_images[image_id][0].model_id
        saved = tx.get("model_images", "model_image_id", image_id)
        if saved is not None:
            model = tx.get("models", "model_id", saved["model_id"])
            assert model is not None
            self._owned(tx, caller, model, "Model image", image_id)
            return str(saved["model_id"])
        upload = tx.get("uploaded_images", "image_id", image_id)
        if upload is not None and upload["file_type"] == "model_image":
            self._owned(tx, caller, upload, "Model image", image_id)
            return None
        raise NotFound(f"Model image {image_id} not found")

    def _url(self, base_url: str, route: str) -> str:
        signed = self._signer.sign(route, expires_at=self.clock.now() + self.url_ttl_seconds)
        return base_url.rstrip("/") + signed

    def file_url(self, caller: Caller, path: str) -> str:
        """A signed, expiring URL of a stored file (``/_mock/files/<path>?expires=..&signature=..``)."""
        return self._url(caller.base_url, FILES_ROUTE + path)

    def _put_file(
        self, tx: Tx, path: str, program_id: str | None, mime: str, data: bytes, when: float | None = None
    ) -> None:
        tx.execute(
            "INSERT OR REPLACE INTO files (path, program_id, mime, data, create_time) VALUES (?, ?, ?, ?, ?)",
            (path, program_id, mime, data, self._ms(when)),
        )

    def _store_image(self, tx: Tx, folder: str, program_id: str, image: DecodedImage) -> str:
        mime, ext = IMAGE_MIME[image.format]
        path = f"{folder}/{new_id()}.{ext}"
        self._put_file(tx, path, program_id, mime, image.data)
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
        try:
            return image_from_bytes(data, field=field)
        except UploadError as exc:
            raise upload_error(exc) from None

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
            try:
                return image_from_bytes(found.data, field=field)
            except UploadError as exc:
                raise upload_error(exc) from None
        by_id = self._image_by_id(tx, caller, value, field)
        if by_id is not None:
            return by_id
        try:
            return decode_image(value, field=field)
        except UploadError as exc:
            if (
                documented_ids and len(value) <= SHORT_IMAGE_REF
            ):  # too short for image data: an id that does not exist
                raise NotFound(f"Image {value} not found") from None
            raise upload_error(exc) from None

"""Domain state and rules of the mock Huhu API: plain Python over :mod:`mock_server.storage`.

:class:`HuhuBackend` is the whole mock without HTTP (moto style): the Flask app in
:mod:`mock_server.app` only authenticates, validates against the spec and calls
:meth:`HuhuBackend.handle` with the operation id. Tests and in-process interceptors can call the
same methods, including the admin ones (``create_team``, ``advance_clock``, ``add_fault``, ...).

Rules follow ``docs/decisions.md``:

* credits are priced only by the spec's ``x-huhu-credits`` and deducted at submission in the same
  ``BEGIN IMMEDIATE`` transaction as the slot admission (D-DEDUCT, D-SLOTS, D-429); a failed job is
  refunded by a negative ``refund`` entry (D-REFUND);
* jobs finish lazily: whenever the backend is used, jobs whose finish time has passed on the clock
  are completed (their outputs rendered) or failed — no background threads;
* every status string is the documented one (D-PROJECT-STATUS, D-TASK-STATUS, D-GEN-STATUS).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import math
import re
import secrets
import sqlite3
import uuid
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from huhu_ext.spec import Spec, load_spec
from mock_server import catalog, imaging
from mock_server.clock import Clock, ManualClock, RealClock
from mock_server.errors import (
    FieldError,
    Forbidden,
    InsufficientCredits,
    Invalid,
    InvalidState,
    NotFound,
    RateLimited,
    Unauthorized,
)
from mock_server.paging import Pager
from mock_server.signing import SignatureError, UrlSigner
from mock_server.storage import Storage, Tx
from mock_server.uploads import (
    DecodedImage,
    UploadError,
    classify_garment,
    decode_image,
    image_from_bytes,
    unpack_sku_zip,
)

__all__ = [
    "DEFAULT_API_KEY",
    "DEFAULT_BASE_URL",
    "Caller",
    "Download",
    "Fault",
    "HuhuBackend",
    "is_api_key",
]

log = logging.getLogger(__name__)

Json = dict[str, Any]
Row = sqlite3.Row

DEFAULT_API_KEY = "sk-" + "deadbeef" * 6
"""The key of the default team (``huhu-mock serve`` without ``--api-key``). Not a secret."""

DEFAULT_BASE_URL = "http://127.0.0.1:8080"
"""Host the backend writes into URLs when a caller does not say which one it was reached at."""

FILES_ROUTE = "/_mock/files/"
S3_ROUTE = "/_mock/s3/"
PART_SIZE = 8 * 1024 * 1024  # D-ZIP
MAX_ZIP_BYTES = 1 << 30  # D-ZIP
MAX_HISTORY_RECORDS = 10_000  # fetch_all (x-huhu-max-records)

_KEY = re.compile(r"\Ask-[0-9a-fA-F]{48}\Z")

RUNNING_JOB = ("submitted", "generating")
TASK_RUNNING = ("Submitted", "Generation")
TASK_GENERATED = ("Generation completed", "Editing", "Review", "Approved")
ADMIN_TASK_STATUSES = ("Editing", "Review", "Approved")
FILTER_FIELDS = ("model_type", "model_size")
FILTER_ATTRIBUTES = ("ethnicity", "age_range", "hair_color", "skin_tone")

_MIME = {"PNG": ("image/png", "png"), "JPEG": ("image/jpeg", "jpg"), "WEBP": ("image/webp", "webp")}
_VIDEO_EXT = {"video/x-msvideo": "avi", "video/avi": "avi", "video/mp4": "mp4", "video/webm": "webm"}

_GENERATION_SIZE = {"face": (512, 512), "image": (512, 768), "pose": (512, 768)}
_GENERATION_LABEL = {"face": "face", "image": "model image", "pose": "pose"}


def is_api_key(value: str) -> bool:
    """True when ``value`` has the form of a Huhu key: ``sk-`` and 48 hexadecimal characters."""
    return bool(_KEY.match(value))


def _digest(api_key: str) -> str:
    return hashlib.sha256(api_key.encode()).hexdigest()


def _new_id() -> str:
    return uuid.uuid4().hex


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
class Download:
    data: bytes
    mime: str


@dataclass(frozen=True)
class _NewJob:
    kind: str  # tryon | face | image | pose | upscale | video
    ref_id: str  # task_id or request_id
    seconds: float


@lru_cache(maxsize=256)
def _render_catalog(path: str) -> bytes | None:
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


def _preset_image_path(model_image_id: str) -> str:
    return f"catalog/models/{model_image_id}.png"


def _upload_error(exc: UploadError, prefix: str | None = None) -> Invalid:
    field = exc.field if prefix is None or exc.field.startswith(prefix) else f"{prefix}.{exc.field}"
    return Invalid.field(field, exc.message)


def _sku_category(garment_types: Iterable[str]) -> str | None:
    """An SKU's category from its garment images' types (D-SKU-CATEGORY: a free string)."""
    types = set(garment_types)
    if {"Top", "Bottom"} <= types:
        return "Full body"
    for name in ("Top", "Bottom", "Shoes", "Accessory"):
        if name in types:
            return name
    return None


def _crop_type(image: DecodedImage) -> str:
    """The mock AI's crop detection: tall images are full body shots."""
    return "fullbody" if image.height >= 1.3 * image.width else "head_half_cropped"


class HuhuBackend:
    """The stateful mock of the Huhu public API v1 (all of it except HTTP).

    ``db_path`` None keeps everything in memory; a path keeps it in a SQLite file that survives
    restarts and can be shared by several processes. ``clock`` is ``"real"``, ``"manual"`` or a
    :class:`~mock_server.clock.Clock`. Jobs take ``job_seconds`` (try-on tasks ``tryon_seconds``,
    default the same). Lists are paginated by ``page_size``; signed URLs live ``url_ttl_seconds``.
    """

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
        spec: Spec | None = None,
    ) -> None:
        if not is_api_key(api_key):
            raise ValueError("api_key must be 'sk-' followed by 48 hexadecimal characters")
        if page_size < 1:
            raise ValueError("page_size must be at least 1")
        if job_seconds < 0 or (tryon_seconds is not None and tryon_seconds < 0):
            raise ValueError("job durations must not be negative")
        self.spec = spec or load_spec()
        self.clock: Clock = self._make_clock(clock)
        self.job_seconds = float(job_seconds)
        self.tryon_seconds = float(job_seconds if tryon_seconds is None else tryon_seconds)
        self.page_size = page_size
        self.url_ttl_seconds = url_ttl_seconds
        self.team_defaults = self.spec.team_defaults
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
                self.clock.set(float(stored))
        self._ensure_key_team(api_key)
        self._operations: dict[str, Callable[[Caller, Mapping[str, Any]], Json]] = {
            op_id: getattr(self, op_id) for op_id in self.spec.operations
        }

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

    # ======================================================================== time and jobs

    def now(self) -> float:
        return self.clock.now()

    def _ms(self, when: float | None = None) -> int:
        return int((self.clock.now() if when is None else when) * 1000)

    def settle(self) -> None:
        """Move running jobs along the clock: Submitted → Generation, and finish the due ones."""
        now = self.clock.now()
        due_sql = (
            "SELECT 1 FROM jobs WHERE (state = 'submitted' AND phase_at <= ?)"
            " OR (state IN ('submitted', 'generating') AND finish_at <= ?) LIMIT 1"
        )
        with self.db.read() as tx:
            if tx.one(due_sql, (now, now)) is None:
                return
        with self.db.transaction() as tx:
            for job in tx.all(
                "SELECT * FROM jobs WHERE state = 'submitted' AND phase_at <= ? AND finish_at > ?",
                (now, now),
            ):
                tx.update("jobs", "job_id", job["job_id"], {"state": "generating"})
                if job["kind"] == "tryon":
                    tx.execute(
                        "UPDATE tasks SET task_status = 'Generation' WHERE task_id = ? AND task_status = 'Submitted'",
                        (job["ref_id"],),
                    )
                elif job["kind"] == "video":
                    tx.execute(
                        "UPDATE videos SET request_status = 'Generation'"
                        " WHERE request_id = ? AND request_status = 'Submitted'",
                        (job["ref_id"],),
                    )
            for job in tx.all(
                "SELECT * FROM jobs WHERE state IN ('submitted', 'generating') AND finish_at <= ?"
                " ORDER BY finish_at, seq",
                (now,),
            ):
                self._finish(tx, job)

    def _finish(self, tx: Tx, job: Row) -> None:
        succeeded = not job["will_fail"]
        if succeeded:
            tx.execute("SAVEPOINT finish_job")
            try:
                self._produce(tx, job)
            except Exception:
                log.exception(
                    "job %s (%s %s) failed while rendering", job["job_id"], job["kind"], job["ref_id"]
                )
                tx.execute("ROLLBACK TO finish_job")
                succeeded = False
            tx.execute("RELEASE finish_job")
        if not succeeded:
            self._fail(tx, job)
        tx.update("jobs", "job_id", job["job_id"], {"state": "done" if succeeded else "failed"})

    def _produce(self, tx: Tx, job: Row) -> None:
        kind, ref, when = job["kind"], job["ref_id"], job["finish_at"]
        program = job["program_id"]
        if kind == "tryon":
            task = tx.get("tasks", "task_id", ref)
            assert task is not None
            garment = tx.one(
                "SELECT f.data FROM garment_images g JOIN files f ON f.path = g.image_id"
                " WHERE g.sku_id = ? AND g.view = ? ORDER BY g.seq LIMIT 1",
                (task["sku_id"], task["view"]),
            )
            model = self._model_image_bytes(tx, task["model_image"])
            assert garment is not None and model is not None
            outputs = []
            for i in range(task["num_output_images"]):
                path = f"outputs/{ref}/{job['job_id'][:12]}-{i + 1}.png"
                png = imaging.tryon_png(garment["data"], model, seed=f"{ref}:{job['job_id']}:{i}")
                self._put_file(tx, path, program, "image/png", png, when)
                outputs.append(path)
            tx.update(
                "tasks",
                "task_id",
                ref,
                {"task_status": "Generation completed", "outputs": json.dumps(outputs)},
            )
        elif kind in _GENERATION_SIZE:
            request = tx.get("gen_requests", "request_id", ref)
            assert request is not None
            width, height = _GENERATION_SIZE[kind]
            images = []
            for i in range(request["num_output_images"]):
                path = f"generated/{ref}/{i + 1}.png"
                png = imaging.placeholder_png(width, height, seed=f"{ref}:{i}", label=_GENERATION_LABEL[kind])
                self._put_file(tx, path, program, "image/png", png, when)
                images.append(path)
            tx.update(
                "gen_requests",
                "request_id",
                ref,
                {"status": "Generation Completed", "images": json.dumps(images)},
            )
        elif kind == "upscale":
            request = tx.get("upscales", "request_id", ref)
            assert request is not None
            source = tx.get("files", "path", request["input_file"])
            assert source is not None
            png = imaging.upscale_png(source["data"], request["upscale_factor"])
            results = []
            for i in range(request["num_images"]):
                path = f"upscaled/{ref}/{i + 1}.png"
                self._put_file(tx, path, program, "image/png", png, when)
                results.append(path)
            tx.update("upscales", "request_id", ref, {"status": "success", "results": json.dumps(results)})
        elif kind == "video":
            video = tx.get("videos", "request_id", ref)
            assert video is not None
            data, mime = imaging.video_file(int(video["duration"]), seed=ref)
            path = f"videos/{ref}.{_VIDEO_EXT.get(mime, 'bin')}"
            self._put_file(tx, path, program, mime, data, when)
            tx.update(
                "videos", "request_id", ref, {"request_status": "Generation completed", "video_file": path}
            )
        else:  # pragma: no cover - kinds are written by this module only
            raise ValueError(f"unknown job kind {kind!r}")

    def _fail(self, tx: Tx, job: Row) -> None:
        kind, ref = job["kind"], job["ref_id"]
        if kind == "tryon":
            tx.update("tasks", "task_id", ref, {"task_status": "Generation failed"})
        elif kind in _GENERATION_SIZE:
            tx.update("gen_requests", "request_id", ref, {"status": "Generation Failed"})
        elif kind == "upscale":
            tx.update("upscales", "request_id", ref, {"status": "failed"})
        elif kind == "video":
            tx.update("videos", "request_id", ref, {"request_status": "Generation failed"})
        if job["credits"]:  # D-REFUND: the whole charge back, same request_id
            tx.execute(
                "UPDATE teams SET credits = credits + ? WHERE team_id = ?", (job["credits"], job["team_id"])
            )
            tx.insert(
                "ledger",
                {
                    "team_id": job["team_id"],
                    "program_id": job["program_id"],
                    "request_id": ref,
                    "credits": -job["credits"],
                    "timestamp": self._ms(job["finish_at"]),
                    "operation": "refund",
                },
            )

    def _admit(
        self,
        tx: Tx,
        *,
        operation_id: str,
        body: Mapping[str, Any],
        program: Row,
        request_id: str,
        jobs: list[_NewJob],
    ) -> int:
        """Charge the request and start its jobs, or refuse it whole (402, then 429). Returns the cost."""
        op = self.spec.operation(operation_id)
        payer = program["team_id"]
        team = tx.get("teams", "team_id", payer)
        assert team is not None
        entries = op.credits.entries(body) if op.credits else []
        cost = sum(credits for _, credits in entries)
        if cost > team["credits"]:
            raise InsufficientCredits(cost, team["credits"])
        now = self.clock.now()
        slots = op.slots(body)
        if slots:
            if slots > team["slots"]:
                raise InvalidState(
                    [FieldError("body", f"needs {slots} concurrent slots; the team has {team['slots']}")],
                    f"This request needs {slots} concurrent slots but the team has only {team['slots']}",
                )
            running = tx.all(
                "SELECT finish_at FROM jobs WHERE team_id = ? AND state IN ('submitted', 'generating')"
                " AND finish_at > ? ORDER BY finish_at",
                (payer, now),
            )
            if len(running) + slots > team["slots"]:
                wait = math.ceil(running[0]["finish_at"] - now) if running else 1
                raise RateLimited(
                    f"Concurrent request limit reached: {len(running)} of {team['slots']} slots busy,"
                    f" this request needs {slots}",
                    retry_after=wait,
                )
        credits_of: dict[str, int] = {}
        if cost:
            tx.execute("UPDATE teams SET credits = credits - ? WHERE team_id = ?", (cost, payer))
            assert op.credits is not None
            for item, credits in entries:
                ref = item or request_id
                credits_of[ref] = credits_of.get(ref, 0) + credits
                tx.insert(
                    "ledger",
                    {
                        "team_id": payer,
                        "program_id": program["program_id"],
                        "request_id": ref,
                        "credits": credits,
                        "timestamp": self._ms(now),
                        "operation": op.credits.operation,
                    },
                )
        for job in jobs:
            tx.insert(
                "jobs",
                {
                    "job_id": _new_id(),
                    "team_id": payer,
                    "program_id": program["program_id"],
                    "kind": job.kind,
                    "ref_id": job.ref_id,
                    "credits": credits_of.get(job.ref_id, 0),
                    "started_at": now,
                    "phase_at": now + job.seconds * 0.25,
                    "finish_at": now + job.seconds,
                    "state": "submitted",
                    "will_fail": int(self._take_failure(tx, job.kind)),
                },
            )
        return cost

    def _take_failure(self, tx: Tx, kind: str) -> bool:
        left = int(tx.get_meta("fail_next") or 0)
        wanted = tx.get_meta("fail_kind") or ""
        if left <= 0 or (wanted and wanted != kind):
            return False
        tx.set_meta("fail_next", str(left - 1))
        return True

    # ======================================================================== auth and access

    def authenticate(self, authorization: str | None, *, base_url: str = DEFAULT_BASE_URL) -> Caller:
        """Resolve an ``Authorization`` header to a :class:`Caller` or raise :class:`Unauthorized`."""
        if not authorization or not authorization.strip():
            raise Unauthorized("Missing API key: send 'Authorization: Bearer sk-...'")
        scheme, _, token = authorization.strip().partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise Unauthorized("Malformed Authorization header: expected 'Bearer sk-...'")
        return self.caller_for_key(token.strip(), base_url=base_url)

    def caller_for_key(self, api_key: str, *, base_url: str = DEFAULT_BASE_URL) -> Caller:
        """The caller an API key stands for (constant-time comparison of key digests)."""
        if not is_api_key(api_key):
            raise Unauthorized("Malformed API key: expected 'sk-' followed by 48 hexadecimal characters")
        key = self._find_key(api_key)
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

    def _find_key(self, api_key: str) -> Row | None:
        digest = _digest(api_key)
        with self.db.read() as tx:
            candidates = tx.all("SELECT * FROM api_keys WHERE digest_prefix = ?", (digest[:8],))
        found = None
        for row in candidates:
            if hmac.compare_digest(row["digest"].encode(), digest.encode()):
                found = row
        return found

    def _can_access(self, tx: Tx, team_id: str, program_id: str) -> bool:
        row = tx.get("programs", "program_id", program_id)
        if row is None:
            return False
        if row["team_id"] == team_id:
            return True
        shared = tx.one(
            "SELECT 1 FROM program_shares WHERE program_id = ? AND team_id = ?", (program_id, team_id)
        )
        return shared is not None

    def _program(self, tx: Tx, caller: Caller, program_id: str | None) -> Row:
        """The program a request acts on: ``program_id`` or the key's default (404 / 403)."""
        pid = program_id or caller.program_id
        row = tx.get("programs", "program_id", pid)
        if row is None:
            raise NotFound(f"Program {pid} not found")
        if not self._can_access(tx, caller.team_id, pid):
            raise Forbidden(f"Program {pid} belongs to another team")
        return row

    def _owned(self, tx: Tx, caller: Caller, row: Row | None, what: str, ident: str) -> Row:
        """``row`` if it exists (404) and lives in a program the caller may use (403)."""
        if row is None:
            raise NotFound(f"{what} {ident} not found")
        if not self._can_access(tx, caller.team_id, row["program_id"]):
            raise Forbidden(f"{what} {ident} belongs to another team")
        return row

    def _project(self, tx: Tx, caller: Caller, project_id: str, program_id: str | None = None) -> Row:
        row = self._owned(tx, caller, tx.get("projects", "project_id", project_id), "Project", project_id)
        if program_id is not None and program_id != row["program_id"]:
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

    # ======================================================================== files and URLs

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
        mime, ext = _MIME[image.format]
        path = f"{folder}/{_new_id()}.{ext}"
        self._put_file(tx, path, program_id, mime, image.data)
        return path

    def read_file(self, path: str, query: Mapping[str, str]) -> Download:
        """Serve ``/_mock/files/<path>``: 403 if the signature is missing, wrong or expired; 404 if gone."""
        try:
            self._signer.verify(FILES_ROUTE + path, query, now=self.clock.now())
        except SignatureError as exc:
            raise Forbidden(f"Download URL refused: {exc}") from None
        self.settle()
        found = self._file(path)
        if found is None:
            raise NotFound("File not found")
        return found

    def _file(self, path: str) -> Download | None:
        if path.startswith("catalog/"):
            data = _render_catalog(path)
            return None if data is None else Download(data, "image/png")
        with self.db.read() as tx:
            row = tx.get("files", "path", path)
        return None if row is None else Download(bytes(row["data"]), row["mime"])

    def _model_image_bytes(self, tx: Tx, image_id: str | None) -> bytes | None:
        if image_id is None:
            return None
        if image_id in self._preset_images:
            return _render_catalog(_preset_image_path(image_id))
        row = tx.get("files", "path", image_id)
        return None if row is None else bytes(row["data"])

    def _image_by_id(self, tx: Tx, caller: Caller, ident: str, field: str) -> DecodedImage | None:
        """An image the caller may use, named by id: preset image, library pose, or a stored file."""
        data: bytes | None = None
        if ident in self._preset_images:
            data = _render_catalog(_preset_image_path(ident))
        elif ident in self._pose_ids:
            data = _render_catalog(f"catalog/poses/{ident}.png")
        else:
            row = tx.get("files", "path", ident)
            if row is None:
                return None
            if row["program_id"] is not None and not self._can_access(tx, caller.team_id, row["program_id"]):
                raise Forbidden(f"Image {ident} belongs to another team")
            data = bytes(row["data"])
        assert data is not None
        try:
            return image_from_bytes(data, field=field)
        except UploadError as exc:
            raise _upload_error(exc) from None

    def _image_input(self, tx: Tx, caller: Caller, value: str, field: str) -> DecodedImage:
        """An image given as an id, a URL this mock served, or base64 (the mock is offline)."""
        if value.startswith(("http://", "https://")):
            parts = urlsplit(value)
            path = unquote(parts.path)
            if not path.startswith(FILES_ROUTE):
                raise Invalid.field(field, "only URLs served by this mock can be used (the mock is offline)")
            try:
                self._signer.verify(path, dict(parse_qsl(parts.query)), now=self.clock.now())
            except SignatureError as exc:
                raise Invalid.field(field, f"URL cannot be used: {exc}") from None
            found = self._file(path.removeprefix(FILES_ROUTE))
            if found is None:
                raise Invalid.field(field, "URL points to no file")
            try:
                return image_from_bytes(found.data, field=field)
            except UploadError as exc:
                raise _upload_error(exc) from None
        by_id = self._image_by_id(tx, caller, value, field)
        if by_id is not None:
            return by_id
        try:
            return decode_image(value, field=field)
        except UploadError as exc:
            raise _upload_error(exc) from None

    # ======================================================================== dispatch

    def handle(self, operation_id: str, caller: Caller, params: Mapping[str, Any]) -> Json:
        """Run one API operation (named by its spec ``operationId``) with validated parameters."""
        method = self._operations.get(operation_id)
        if method is None:
            raise NotFound(f"Unknown operation {operation_id}")
        self.settle()
        return method(caller, params)

    # ======================================================================== metering

    def get_plan(self, caller: Caller, params: Mapping[str, Any]) -> Json:
        with self.db.read() as tx:
            team_id = caller.team_id
            if params.get("program_id"):
                team_id = self._program(tx, caller, params["program_id"])["team_id"]
            team = tx.get("teams", "team_id", team_id)
        assert team is not None
        return {
            "credits": team["credits"],
            "plan_status": team["plan_status"],
            "concurrent_requests": team["slots"],
            "plan_name": team["plan_name"],
            "subscription_id": team["subscription_id"],
        }

    def get_credit_history(self, caller: Caller, params: Mapping[str, Any]) -> Json:
        with self.db.read() as tx:
            program = self._program(tx, caller, params.get("program_id"))
            pid = program["program_id"]
            page = self._pager.page(
                tx,
                table="ledger",
                where="program_id = ?",
                params=[pid],
                scope=f"ledger:{pid}",
                token=params.get("pagination_token"),
                size=MAX_HISTORY_RECORDS if params.get("fetch_all") else self.page_size,
                newest_first=True,
            )
        items = [
            {
                "program_id": row["program_id"],
                "request_id": row["request_id"],
                "credits": row["credits"],
                "timestamp": row["timestamp"],
                "operation": row["operation"],
            }
            for row in page.rows
        ]
        return {"items": items, "pagination_token": page.next_token}

    # ======================================================================== programs

    def list_programs(self, caller: Caller, params: Mapping[str, Any]) -> Json:
        owned_only = bool(params.get("owned"))
        where = "team_id = ?"
        args: list[Any] = [caller.team_id]
        if not owned_only:
            where += " OR program_id IN (SELECT program_id FROM program_shares WHERE team_id = ?)"
            args.append(caller.team_id)
        with self.db.read() as tx:
            page = self._pager.page(
                tx,
                table="programs",
                where=where,
                params=args,
                scope=f"programs:{caller.team_id}:{owned_only}",
                token=params.get("pagination_token"),
                size=self.page_size,
            )
        programs = [
            {
                "program_id": row["program_id"],
                "program_name": row["program_name"],
                "create_time": row["create_time"],
                "owned": row["team_id"] == caller.team_id,
            }
            for row in page.rows
        ]
        return {"programs": programs, "pagination_token": page.next_token}

    def create_program(self, caller: Caller, params: Mapping[str, Any]) -> Json:
        program_id, now = _new_id(), self._ms()
        with self.db.transaction() as tx:
            team = tx.get("teams", "team_id", caller.team_id)
            assert team is not None
            tx.insert(
                "programs",
                {
                    "program_id": program_id,
                    "team_id": caller.team_id,
                    "program_name": params["program_name"],
                    "create_time": now,
                },
            )
        return {
            "program_name": params["program_name"],
            "user_id": team["user_id"],
            "create_time": now,
            "program_id": program_id,
        }

    # ======================================================================== projects

    def _project_status(self, tx: Tx, project_id: str) -> str:
        """D-PROJECT-STATUS, derived from uploads and tasks."""
        if tx.one("SELECT 1 FROM uploads WHERE project_id = ? AND state = 'open'", (project_id,)):
            return "Creating"
        statuses = [r[0] for r in tx.all("SELECT task_status FROM tasks WHERE project_id = ?", (project_id,))]
        if any(s in TASK_RUNNING for s in statuses):
            return "In process"
        if statuses and all(s in TASK_GENERATED for s in statuses):
            return "Completed"
        return "Created"

    def _project_detail(self, tx: Tx, row: Row) -> Json:
        return {
            "project_id": row["project_id"],
            "project_name": row["project_name"],
            "project_status": self._project_status(tx, row["project_id"]),
            "create_time": row["create_time"],
            "program_id": row["program_id"],
        }

    def get_projects(self, caller: Caller, params: Mapping[str, Any]) -> Json:
        with self.db.read() as tx:
            if params.get("project_id") is not None:
                row = self._project(tx, caller, params["project_id"], params.get("program_id"))
                return self._project_detail(tx, row)
            program = self._program(tx, caller, params.get("program_id"))
            pid = program["program_id"]
            page = self._pager.page(
                tx,
                table="projects",
                where="program_id = ?",
                params=[pid],
                scope=f"projects:{pid}",
                token=params.get("pagination_token"),
                size=self.page_size,
            )
            projects = [
                {
                    "project_id": row["project_id"],
                    "project_name": row["project_name"],
                    "project_status": self._project_status(tx, row["project_id"]),
                }
                for row in page.rows
            ]
        return {"projects": projects, "pagination_token": page.next_token}

    def create_project(self, caller: Caller, params: Mapping[str, Any]) -> Json:
        project_id = _new_id()
        with self.db.transaction() as tx:
            program = self._program(tx, caller, params.get("program_id"))
            tx.insert(
                "projects",
                {
                    "project_id": project_id,
                    "program_id": program["program_id"],
                    "project_name": params["project_name"],
                    "create_time": self._ms(),
                },
            )
            row = tx.get("projects", "project_id", project_id)
            assert row is not None
            return self._project_detail(tx, row)

    # ======================================================================== uploads

    def upload_project_file(self, caller: Caller, params: Mapping[str, Any]) -> Json:
        file_type = params["file_type"]
        if file_type == "sku_zip":
            return self._start_zip_upload(caller, params)
        if not params.get("file_data"):
            raise Invalid.field("body.file_data", f"is required for file_type {file_type}")
        try:
            image = decode_image(params["file_data"], field="body.file_data")
        except UploadError as exc:
            raise _upload_error(exc) from None
        with self.db.transaction() as tx:
            project = self._project(tx, caller, params["project_id"], params.get("program_id"))
            program_id = project["program_id"]
            if file_type == "garment_image":
                count = tx.scalar("SELECT COUNT(*) FROM skus WHERE project_id = ?", (project["project_id"],))
                name = params.get("sku_name") or f"image-{int(count) + 1}"
                _, ext = _MIME[image.format]
                sku_id, paths = self._create_sku(tx, project, name, [(f"{name}.{ext}", image)])
                return {
                    "success": True,
                    "image_id": paths[0],
                    "sku_id": sku_id,
                    "image_url": self.file_url(caller, paths[0]),
                }
            folder = "assets/model_images" if file_type == "model_image" else "assets/reference_images"
            path = self._store_image(tx, folder, program_id, image)
            tx.insert(
                "uploaded_images",
                {
                    "image_id": path,
                    "team_id": caller.team_id,
                    "program_id": program_id,
                    "project_id": project["project_id"],
                    "file_type": file_type,
                    "create_time": self._ms(),
                },
            )
        return {"success": True, "image_id": path, "image_url": self.file_url(caller, path)}

    def _create_sku(
        self, tx: Tx, project: Row, name: str, images: list[tuple[str, DecodedImage]]
    ) -> tuple[str, list[str]]:
        """A new SKU holding ``images`` (file name, image), each classified; returns its id and image ids."""
        sku_id = _new_id()
        classes = [(filename, image, classify_garment(filename, image)) for filename, image in images]
        tx.insert(
            "skus",
            {
                "sku_id": sku_id,
                "project_id": project["project_id"],
                "sku_name": name,
                "garment_type": _sku_category(c.garment_type for _, _, c in classes),
                "create_time": self._ms(),
            },
        )
        paths = []
        for filename, image, garment in classes:
            path = self._store_image(tx, "assets/sku_images", project["program_id"], image)
            tx.insert(
                "garment_images",
                {
                    "garment_id": _new_id(),
                    "sku_id": sku_id,
                    "image_id": path,
                    "file_name": filename,
                    "garment_type": garment.garment_type,
                    "view": garment.view,
                    "presentation": garment.presentation,
                },
            )
            paths.append(path)
        return sku_id, paths

    def _start_zip_upload(self, caller: Caller, params: Mapping[str, Any]) -> Json:
        size = params.get("file_size")
        if size is None:
            raise Invalid.field("body.file_size", "is required for file_type sku_zip")
        if size > MAX_ZIP_BYTES:
            raise Invalid.field("body.file_size", f"must be at most {MAX_ZIP_BYTES} bytes (1 GiB)")
        upload_id = _new_id()
        with self.db.transaction() as tx:
            project = self._project(tx, caller, params["project_id"], params.get("program_id"))
            key = f"uploads/{project['project_id']}/{upload_id}/skus.zip"
            part_count = max(1, math.ceil(size / PART_SIZE))
            tx.insert(
                "uploads",
                {
                    "upload_id": upload_id,
                    "project_id": project["project_id"],
                    "key": key,
                    "file_size": size,
                    "part_size": PART_SIZE,
                    "part_count": part_count,
                    "state": "open",
                    "create_time": self._ms(),
                },
            )
        urls = [self._part_url(caller.base_url, key, upload_id, n) for n in range(1, part_count + 1)]
        return {
            "message": "success",
            "key": key,
            "upload_id": upload_id,
            "upload_urls": urls,
            "part_size": PART_SIZE,
        }

    @staticmethod
    def _part_route(key: str, upload_id: str, part_number: int) -> str:
        return f"{S3_ROUTE}{key}/{upload_id}/{part_number}"

    def _part_url(self, base_url: str, key: str, upload_id: str, part_number: int) -> str:
        signed = self._signer.sign(
            self._part_route(key, upload_id, part_number), expires_at=self.clock.now() + self.url_ttl_seconds
        )
        signature = signed.partition("?")[2]
        return (
            f"{base_url.rstrip('/')}{S3_ROUTE}{key}?uploadId={upload_id}&partNumber={part_number}&{signature}"
        )

    def upload_part(self, key: str, query: Mapping[str, str], data: bytes) -> str:
        """Store one part PUT to a presigned URL; return its ETag (quoted MD5, as S3 does)."""
        upload_id = query.get("uploadId", "")
        number_text = query.get("partNumber", "")
        if not number_text.isdigit() or not upload_id:
            raise Forbidden("Upload URL refused: uploadId and partNumber are required")
        number = int(number_text)
        try:
            self._signer.verify(self._part_route(key, upload_id, number), query, now=self.clock.now())
        except SignatureError as exc:
            raise Forbidden(f"Upload URL refused: {exc}") from None
        etag = '"' + hashlib.md5(data, usedforsecurity=False).hexdigest() + '"'
        with self.db.transaction() as tx:
            upload = tx.get("uploads", "upload_id", upload_id)
            if upload is None or upload["key"] != key:
                raise NotFound("No such upload")
            if upload["state"] != "open":
                raise InvalidState.field("upload", "the upload is already completed")
            if not 1 <= number <= upload["part_count"]:
                raise Invalid.field("partNumber", f"must be between 1 and {upload['part_count']}")
            if len(data) > upload["part_size"]:
                raise Invalid.field("body", f"a part holds at most {upload['part_size']} bytes")
            tx.execute(
                "INSERT OR REPLACE INTO upload_parts (upload_id, part_number, etag, data) VALUES (?, ?, ?, ?)",
                (upload_id, number, etag, data),
            )
        return etag

    def complete_multipart_upload(self, caller: Caller, params: Mapping[str, Any]) -> Json:
        with self.db.transaction() as tx:
            project = self._project(tx, caller, params["project_id"], params.get("program_id"))
            upload = tx.get("uploads", "upload_id", params["upload_id"])
            if upload is None or upload["project_id"] != project["project_id"]:
                raise NotFound(f"Upload {params['upload_id']} not found in project {project['project_id']}")
            if upload["key"] != params["key"]:
                raise Invalid.field("body.key", "does not match the upload's key")
            if upload["state"] != "open":
                raise InvalidState.field("body.upload_id", "the upload is already completed")
            stored = {
                r["part_number"]: r
                for r in tx.all("SELECT * FROM upload_parts WHERE upload_id = ?", (upload["upload_id"],))
            }
            errors = self._part_errors(params["parts"], stored, upload["part_count"])
            if errors:
                raise Invalid(errors)
            data = b"".join(bytes(stored[n]["data"]) for n in range(1, upload["part_count"] + 1))
            try:
                folders = unpack_sku_zip(
                    data, default_sku_name=upload["key"].rsplit("/", 1)[-1].rsplit(".", 1)[0]
                )
            except UploadError as exc:
                raise _upload_error(exc) from None
            for folder in folders:
                images = [(f"{folder.name}/{name}", image) for name, image in folder.images]
                self._create_sku(tx, project, folder.name, images)
            tx.update("uploads", "upload_id", upload["upload_id"], {"state": "completed"})
            tx.execute("DELETE FROM upload_parts WHERE upload_id = ?", (upload["upload_id"],))
        return {"message": "success"}

    @staticmethod
    def _part_errors(
        parts: list[Mapping[str, Any]], stored: Mapping[int, Row], count: int
    ) -> list[FieldError]:
        errors: list[FieldError] = []
        seen: set[int] = set()
        for i, part in enumerate(parts):
            number, etag = part["PartNumber"], str(part["ETag"]).strip('"')
            if number in seen:
                errors.append(FieldError(f"body.parts.{i}.PartNumber", f"part {number} is listed twice"))
            seen.add(number)
            if number not in stored:
                errors.append(FieldError(f"body.parts.{i}.PartNumber", f"part {number} was never uploaded"))
            elif not hmac.compare_digest(stored[number]["etag"].strip('"'), etag):
                errors.append(FieldError(f"body.parts.{i}.ETag", f"does not match the ETag of part {number}"))
        for number in range(1, count + 1):
            if number not in seen:
                errors.append(FieldError("body.parts", f"part {number} of {count} is missing"))
        return errors

    # ======================================================================== models

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

    def create_model(self, caller: Caller, params: Mapping[str, Any]) -> Json:
        model_id = _new_id()
        with self.db.transaction() as tx:
            program = self._program(tx, caller, params.get("program_id"))
            tx.insert(
                "models",
                {
                    "model_id": model_id,
                    "program_id": program["program_id"],
                    "model_name": params["model_name"],
                    "model_type": params.get("model_type"),
                    "model_size": params.get("model_size"),
                    "attributes": json.dumps(params.get("attributes") or {}),
                    "create_time": self._ms(),
                },
            )
        return {"success": True, "model_id": model_id}

    def get_models(self, caller: Caller, params: Mapping[str, Any]) -> Json:
        with self.db.read() as tx:
            program = self._program(tx, caller, params.get("program_id"))
            if params.get("model_id") is not None:
                return {"model_images": self._model_images(tx, caller, params["model_id"])}
            rows = tx.all("SELECT * FROM models WHERE program_id = ? ORDER BY seq", (program["program_id"],))
        models: list[Json] = [
            {
                "model_id": m.model_id,
                "model_name": m.model_name,
                "model_type": m.model_type,
                "model_size": m.model_size,
                "attributes": dict(m.attributes),
            }
            for m in self._presets.values()
        ]
        models += [self._model_summary(row) for row in rows]
        return {"models": [m for m in models if self._matches(m, params)]}

    @staticmethod
    def _matches(model: Mapping[str, Any], filters: Mapping[str, Any]) -> bool:
        """D-FILTERS: exact, case-insensitive."""
        for name in FILTER_FIELDS + FILTER_ATTRIBUTES:
            wanted = filters.get(name)
            if wanted is None:
                continue
            have = model.get(name) if name in FILTER_FIELDS else model["attributes"].get(name)
            if not isinstance(have, str) or have.casefold() != str(wanted).casefold():
                return False
        return True

    def _model_images(self, tx: Tx, caller: Caller, model_id: str) -> list[Json]:
        model = self._model(tx, caller, model_id)
        if model["preset"]:
            return [
                {
                    "model_image_id": image.model_image_id,
                    "model_image_url": self.file_url(caller, _preset_image_path(image.model_image_id)),
                    "model_id": model_id,
                    "style_id": image.style_id,
                    "view_type": image.view_type,
                    "crop_type": image.crop_type,
                }
                for image in self._presets[model_id].images
            ]
        rows = tx.all("SELECT * FROM model_images WHERE model_id = ? ORDER BY seq", (model_id,))
        return [
            {
                "model_image_id": row["model_image_id"],
                "model_image_url": self.file_url(caller, row["model_image_id"]),
                "model_id": model_id,
                "style_id": row["style_id"],
                "view_type": row["view_type"],
                "crop_type": row["crop_type"],
            }
            for row in rows
        ]

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

    # ------------------------------------------------------------------ generation requests

    def generate_face(self, caller: Caller, params: Mapping[str, Any]) -> Json:
        return self._generate(caller, params, "generate_face", "face", params["num_output_images"])

    def create_model_image(self, caller: Caller, params: Mapping[str, Any]) -> Json:
        if "prompt" in params:
            with self.db.read() as tx:
                if params.get("reference_image"):
                    self._image_input(tx, caller, params["reference_image"], "body.reference_image")
            return self._generate(caller, params, "create_model_image", "image", params["num_output_images"])
        return self._save_model_image(caller, params)

    def generate_pose(self, caller: Caller, params: Mapping[str, Any]) -> Json:
        with self.db.read() as tx:
            self._image_input(tx, caller, params["reference_image"], "body.reference_image")
        answer = self._generate(caller, params, "generate_pose", "pose", 2)
        return {"request_id": answer["request_id"], "status": answer["status"]}

    def _generate(
        self, caller: Caller, params: Mapping[str, Any], operation_id: str, kind: str, count: int
    ) -> Json:
        request_id = _new_id()
        with self.db.transaction() as tx:
            program = self._program(tx, caller, params.get("program_id"))
            tx.insert(
                "gen_requests",
                {
                    "request_id": request_id,
                    "program_id": program["program_id"],
                    "kind": kind,
                    "status": "Request Submitted",
                    "num_output_images": count,
                    "prompt": params["prompt"],
                    "create_time": self._ms(),
                },
            )
            self._admit(
                tx,
                operation_id=operation_id,
                body=params,
                program=program,
                request_id=request_id,
                jobs=[_NewJob(kind, request_id, self.job_seconds)],
            )
        return {
            "request_id": request_id,
            "status": "Request Submitted",
            "images_generated": [],
            "num_output_images": count,
        }

    def get_generation_request(self, caller: Caller, params: Mapping[str, Any]) -> Json:
        with self.db.read() as tx:
            request_id = params["request_id"]
            row = self._owned(
                tx, caller, tx.get("gen_requests", "request_id", request_id), "Request", request_id
            )
            if params.get("program_id") is not None and params["program_id"] != row["program_id"]:
                raise NotFound(f"Request {request_id} not found in program {params['program_id']}")
        images = [
            {"model_image_id": path, "model_image_url": self.file_url(caller, path)}
            for path in json.loads(row["images"])
        ]
        return {
            "request_id": row["request_id"],
            "status": row["status"],
            "images_generated": images,
            "num_output_images": row["num_output_images"],
        }

    def _save_model_image(self, caller: Caller, params: Mapping[str, Any]) -> Json:
        """D-MODEL-IMAGE save mode: exactly one of image_url and file_data; free."""
        has_url, has_data = bool(params.get("image_url")), bool(params.get("file_data"))
        if has_url == has_data:
            raise Invalid.field("body", "save mode needs exactly one of image_url and file_data")
        with self.db.transaction() as tx:
            model_id = params["model_id"]
            model = self._model(tx, caller, model_id)
            if model["preset"]:
                raise Forbidden(f"Model {model_id} is a preset gallery model; save images to your own models")
            row = tx.get("models", "model_id", model_id)
            assert row is not None
            if params.get("program_id") is not None and params["program_id"] != row["program_id"]:
                raise NotFound(f"Model {model_id} not found in program {params['program_id']}")
            if has_url:
                image = self._image_input(tx, caller, params["image_url"], "body.image_url")
            else:
                try:
                    image = decode_image(params["file_data"], field="body.file_data")
                except UploadError as exc:
                    raise _upload_error(exc) from None
            path = self._store_image(tx, f"assets/models/{model_id}", row["program_id"], image)
            view_type, crop_type = "front_facing", _crop_type(image)
            tx.insert(
                "model_images",
                {
                    "model_image_id": path,
                    "model_id": model_id,
                    "style_id": params["style_id"],
                    "view_type": view_type,
                    "crop_type": crop_type,
                    "create_time": self._ms(),
                },
            )
        return {
            "success": True,
            "image_id": path,
            "image_url": self.file_url(caller, path),
            "view_type": view_type,
            "crop_type": crop_type,
        }

    # ======================================================================== poses

    def list_pose_library(self, caller: Caller, params: Mapping[str, Any]) -> Json:
        poses = [
            p
            for p in self._poses
            if params.get("model_category") in (None, p.model_category)
            and params.get("prompt_type") in (None, p.prompt_type)
        ]
        return {
            "poses": [
                {
                    "pose_id": p.pose_id,
                    "pose_name": p.pose_name,
                    "model_category": p.model_category,
                    "prompt_type": p.prompt_type,
                    "reference_image_url": self.file_url(caller, f"catalog/poses/{p.pose_id}.png"),
                    "sketch_url": self.file_url(caller, f"catalog/sketches/{p.pose_id}.png"),
                }
                for p in poses
            ],
            "total": len(poses),
        }

    def _custom_pose(self, caller: Caller, row: Row) -> Json:
        return {
            "pose_id": row["pose_id"],
            "title": row["title"],
            "prompt": row["prompt"],
            "reference_image_presigned_url": self.file_url(caller, row["reference_file"]),
            "prompt_type": row["prompt_type"],
        }

    def get_poses(self, caller: Caller, params: Mapping[str, Any]) -> Json:
        with self.db.read() as tx:
            if params.get("pose_id") is not None:
                pose_id = params["pose_id"]
                row = self._owned(tx, caller, tx.get("poses", "pose_id", pose_id), "Pose", pose_id)
                return self._custom_pose(caller, row)
            program = self._program(tx, caller, params.get("program_id"))
            rows = tx.all("SELECT * FROM poses WHERE program_id = ? ORDER BY seq", (program["program_id"],))
        return {"poses": [self._custom_pose(caller, row) for row in rows]}

    def create_pose(self, caller: Caller, params: Mapping[str, Any]) -> Json:
        pose_id = _new_id()
        with self.db.transaction() as tx:
            program = self._program(tx, caller, params.get("program_id"))
            image = self._image_input(tx, caller, params["reference_image"], "body.reference_image")
            prompt = catalog.pose_prompt(hashlib.sha256(image.data).hexdigest())
            self._admit(
                tx, operation_id="create_pose", body=params, program=program, request_id=pose_id, jobs=[]
            )
            path = self._store_image(tx, "assets/poses", program["program_id"], image)
            tx.insert(
                "poses",
                {
                    "pose_id": pose_id,
                    "program_id": program["program_id"],
                    "title": params["pose_title"],
                    "prompt": prompt,
                    "prompt_type": "fullbody" if _crop_type(image) == "fullbody" else "head_half_cropped",
                    "reference_file": path,
                    "create_time": self._ms(),
                },
            )
        return {
            "status": "success",
            "pose_id": pose_id,
            "pose_prompt": prompt,
            "pose_title": params["pose_title"],
        }

    # ======================================================================== SKUs

    def _sku_json(self, row: Row) -> Json:
        return {
            "sku_id": row["sku_id"],
            "sku_name": row["sku_name"],
            "garment_type": row["garment_type"],
            "model_id": row["model_id"],
            "style_id": row["style_id"],
        }

    def get_skus(self, caller: Caller, params: Mapping[str, Any]) -> Json:
        with self.db.read() as tx:
            project = self._project(tx, caller, params["project_id"], params.get("program_id"))
            if params.get("sku_id") is not None:
                sku = self._sku(tx, caller, params["sku_id"], project)
                images = tx.all(
                    "SELECT * FROM garment_images WHERE sku_id = ? ORDER BY seq", (sku["sku_id"],)
                )
                detail = self._sku_json(sku)
                detail["garment_images"] = [
                    {
                        "garment_id": g["garment_id"],
                        "image_id": g["image_id"],
                        "image_url": self.file_url(caller, g["image_id"]),
                        "garment_type": g["garment_type"],
                        "view": g["view"],
                        "presentation": g["presentation"],
                    }
                    for g in images
                ]
                return {"skus": [detail], "pagination_token": None}
            page = self._pager.page(
                tx,
                table="skus",
                where="project_id = ?",
                params=[project["project_id"]],
                scope=f"skus:{project['project_id']}",
                token=params.get("pagination_token"),
                size=self.page_size,
            )
        return {"skus": [self._sku_json(row) for row in page.rows], "pagination_token": page.next_token}

    def update_skus(self, caller: Caller, params: Mapping[str, Any]) -> Json:
        with self.db.transaction() as tx:
            project = None
            if params.get("project_id") is not None:
                project = self._project(tx, caller, params["project_id"], params.get("program_id"))
            skus = [self._sku(tx, caller, sku_id, project) for sku_id in params["sku_ids"]]
            if params.get("model_id") is not None:
                self._model(tx, caller, params["model_id"])
            changes = {k: params[k] for k in ("model_id", "style_id", "garment_type") if k in params}
            if changes:
                for sku in skus:
                    tx.update("skus", "sku_id", sku["sku_id"], changes)
        return {"message": "success"}

    # ======================================================================== tasks

    def create_tasks(self, caller: Caller, params: Mapping[str, Any]) -> Json:
        """D-TASK-CREATE: one task per view among each SKU's garment images; idempotent."""
        with self.db.transaction() as tx:
            project = self._project(tx, caller, params["project_id"], params.get("program_id"))
            skus = [self._sku(tx, caller, sku_id, project) for sku_id in dict.fromkeys(params["sku_ids"])]
            for sku in skus:
                views = {
                    r[0] for r in tx.all("SELECT view FROM garment_images WHERE sku_id = ?", (sku["sku_id"],))
                }
                have = {r[0] for r in tx.all("SELECT view FROM tasks WHERE sku_id = ?", (sku["sku_id"],))}
                for view in ("front", "back"):
                    if view in views and view not in have:
                        tx.insert(
                            "tasks",
                            {
                                "task_id": _new_id(),
                                "sku_id": sku["sku_id"],
                                "project_id": project["project_id"],
                                "view": view,
                                "task_status": "Task created",
                                "create_time": self._ms(),
                            },
                        )
        return {"message": "success"}

    def update_task(self, caller: Caller, params: Mapping[str, Any]) -> Json:
        with self.db.transaction() as tx:
            project = self._project(tx, caller, params["project_id"], params.get("program_id"))
            self._sku(tx, caller, params["sku_id"], project)
            task = self._task(tx, caller, params["task_id"], project, params["sku_id"])
            if task["task_status"] in TASK_RUNNING:
                raise InvalidState.field(
                    "body.task_id", f"task is generating ({task['task_status']}); wait for it"
                )
            changes: dict[str, Any] = {}
            if params.get("model_id") is not None:
                self._model(tx, caller, params["model_id"])
                changes["model_id"] = params["model_id"]
            if params.get("model_image") is not None:
                owner = self._model_image_owner(tx, caller, params["model_image"])
                if owner is not None and changes.get("model_id", owner) != owner:
                    raise Invalid.field(
                        "body.model_image", f"belongs to model {owner}, not {changes['model_id']}"
                    )
                changes["model_image"] = params["model_image"]
                if owner is not None:
                    changes["model_id"] = owner
            if changes:
                tx.update("tasks", "task_id", task["task_id"], changes)
        return {"message": "success"}

    def generate_tasks(self, caller: Caller, params: Mapping[str, Any]) -> Json:
        task_ids: list[str] = params["task_ids"]
        duplicates = sorted({t for t in task_ids if task_ids.count(t) > 1})
        if duplicates:
            raise Invalid.field("body.task_ids", f"lists tasks more than once: {', '.join(duplicates)}")
        with self.db.transaction() as tx:
            project = self._project(tx, caller, params["project_id"], params.get("program_id"))
            tasks = [self._task(tx, caller, task_id, project) for task_id in task_ids]
            errors = [
                FieldError(
                    f"body.task_ids.{i}", f"task {t['task_id']} has no model_image; set it with PUT /task"
                )
                for i, t in enumerate(tasks)
                if t["model_image"] is None
            ]
            errors += [
                FieldError(
                    f"body.task_ids.{i}", f"task {t['task_id']} is already generating ({t['task_status']})"
                )
                for i, t in enumerate(tasks)
                if t["task_status"] in TASK_RUNNING
            ]
            if errors:
                raise InvalidState(errors)
            program = tx.get("programs", "program_id", project["program_id"])
            assert program is not None
            self._admit(
                tx,
                operation_id="generate_tasks",
                body=params,
                program=program,
                request_id=_new_id(),
                jobs=[_NewJob("tryon", t, self.tryon_seconds) for t in task_ids],
            )
            for task_id in task_ids:
                tx.update(
                    "tasks",
                    "task_id",
                    task_id,
                    {
                        "task_status": "Submitted",
                        "num_output_images": params["num_output_images"],
                        "prompt": params.get("prompt"),
                    },
                )
        return {"message": "success"}

    def get_tasks(self, caller: Caller, params: Mapping[str, Any]) -> Json:
        with self.db.read() as tx:
            if params.get("task_id") is not None:
                missing = [f"query.{k}" for k in ("project_id", "sku_id") if params.get(k) is None]
                if missing:
                    raise Invalid(
                        [FieldError(m, "is required for task detail (with task_id)") for m in missing]
                    )
                project = self._project(tx, caller, params["project_id"], params.get("program_id"))
                task = self._task(tx, caller, params["task_id"], project, params["sku_id"])
                return self._task_detail(caller, task)
            if params.get("project_id") is not None:
                project = self._project(tx, caller, params["project_id"], params.get("program_id"))
                where, args = "t.project_id = ?", [project["project_id"]]
            else:
                program = self._program(tx, caller, params.get("program_id"))
                where, args = "p.program_id = ?", [program["program_id"]]
            if params.get("sku_id") is not None:
                where += " AND t.sku_id = ?"
                args.append(params["sku_id"])
            rows = tx.all(
                "SELECT t.*, s.sku_name, s.seq AS sku_seq FROM tasks t JOIN skus s ON s.sku_id = t.sku_id"
                f" JOIN projects p ON p.project_id = t.project_id WHERE {where} ORDER BY s.seq, t.seq",
                args,
            )
        groups: dict[str, Json] = {}
        for row in rows:
            group = groups.setdefault(
                row["sku_id"],
                {
                    "sku_name": row["sku_name"],
                    "sku_id": row["sku_id"],
                    "project_id": row["project_id"],
                    "tasks": [],
                },
            )
            group["tasks"].append(
                {"task_id": row["task_id"], "task_status": row["task_status"], "view": row["view"]}
            )
        return {"skus": list(groups.values())}

    def _task_detail(self, caller: Caller, task: Row) -> Json:
        return {
            "task_id": task["task_id"],
            "task_status": task["task_status"],
            "output": [
                {"image_id": path, "image_url": self.file_url(caller, path)}
                for path in json.loads(task["outputs"])
            ],
            "sku_id": task["sku_id"],
            "project_id": task["project_id"],
            "view": task["view"],
            "model_id": task["model_id"],
            "model_image": task["model_image"],
        }

    # ======================================================================== video

    def create_video(self, caller: Caller, params: Mapping[str, Any]) -> Json:
        request_id = _new_id()
        with self.db.transaction() as tx:
            project = self._project(tx, caller, params["project_id"], params.get("program_id"))
            sku = self._sku(tx, caller, params["sku_id"], project)
            if params.get("source_task_id") is not None:
                self._task(tx, caller, params["source_task_id"], project, sku["sku_id"])
            frame = params["first_frame_image"]
            if "image_id" in frame:
                field = "body.first_frame_image.image_id"
                image = self._image_by_id(tx, caller, frame["image_id"], field)
                if image is None:
                    raise NotFound(f"Image {frame['image_id']} not found")
            else:
                try:
                    image = decode_image(frame["image_base64"], field="body.first_frame_image.image_base64")
                except UploadError as exc:
                    raise _upload_error(exc) from None
            program = tx.get("programs", "program_id", project["program_id"])
            assert program is not None
            path = self._store_image(tx, "inputs/video", program["program_id"], image)
            tx.insert(
                "videos",
                {
                    "request_id": request_id,
                    "program_id": program["program_id"],
                    "project_id": project["project_id"],
                    "sku_id": sku["sku_id"],
                    "request_status": "Submitted",
                    "duration": params["video_length"],
                    "prompt": params["prompt"],
                    "first_frame_file": path,
                    "source_task_id": params.get("source_task_id"),
                    "create_time": self._ms(),
                },
            )
            cost = self._admit(
                tx,
                operation_id="create_video",
                body=params,
                program=program,
                request_id=request_id,
                jobs=[_NewJob("video", request_id, self.job_seconds)],
            )
        return {"message": "success", "request_id": request_id, "request_status": "Submitted", "cost": cost}

    def list_video_requests(self, caller: Caller, params: Mapping[str, Any]) -> Json:
        with self.db.read() as tx:
            program = self._program(tx, caller, params.get("program_id"))
            pid = program["program_id"]
            page = self._pager.page(
                tx,
                table="videos",
                where="program_id = ?",
                params=[pid],
                scope=f"videos:{pid}",
                token=params.get("pagination_token"),
                size=params.get("limit") or 10,
                newest_first=True,
            )
        requests = [
            {
                "request_id": row["request_id"],
                "request_status": row["request_status"],
                "video_url": self.file_url(caller, row["video_file"]) if row["video_file"] else None,
                "duration": row["duration"],
                "project_id": row["project_id"],
                "sku_id": row["sku_id"],
                "create_time": row["create_time"],
            }
            for row in page.rows
        ]
        return {"requests": requests, "pagination_token": page.next_token}

    # ======================================================================== upscale

    def create_upscale(self, caller: Caller, params: Mapping[str, Any]) -> Json:
        request_id = _new_id()
        factor = float(params["upscale_factor"])
        limit = int(self.spec.operation("create_upscale").raw.get("x-huhu-max-output-pixels", 18_000_000))
        with self.db.transaction() as tx:
            program = self._program(tx, caller, params.get("program_id"))
            image = self._image_input(tx, caller, params["image"], "body.image")
            output = image.width * image.height * factor * factor
            if output > limit:
                raise Invalid.field(
                    "body.upscale_factor",
                    f"{image.width}x{image.height} x {factor:g} gives {output:,.0f} pixels;"
                    f" the limit is {limit:,} (input_pixels x factor^2)",
                )
            path = self._store_image(tx, "inputs/upscale", program["program_id"], image)
            tx.insert(
                "upscales",
                {
                    "request_id": request_id,
                    "program_id": program["program_id"],
                    "status": "processing",
                    "upscale_factor": factor,
                    "num_images": params["num_images"],
                    "input_file": path,
                    "create_time": self._ms(),
                },
            )
            cost = self._admit(
                tx,
                operation_id="create_upscale",
                body=params,
                program=program,
                request_id=request_id,
                jobs=[_NewJob("upscale", request_id, self.job_seconds)],
            )
        return {"status": "success", "request_id": request_id, "cost": cost}

    def get_upscale(self, caller: Caller, params: Mapping[str, Any]) -> Json:
        with self.db.read() as tx:
            request_id = params["request_id"]
            row = self._owned(tx, caller, tx.get("upscales", "request_id", request_id), "Request", request_id)
        return {
            "request_id": row["request_id"],
            "status": row["status"],
            "result_urls": [self.file_url(caller, path) for path in json.loads(row["results"])],
        }

    # ======================================================================== admin

    def _ensure_key_team(self, api_key: str) -> None:
        """Make sure ``api_key`` opens a team (created with the spec's defaults if new)."""
        if self._find_key(api_key) is None:
            self.create_team(api_key=api_key)

    def reset(self) -> None:
        """Forget everything (the signing secret survives) and recreate the default team."""
        self.db.wipe(keep_meta=("secret", "manual_clock"))
        self._ensure_key_team(self._default_key)

    def create_team(
        self,
        *,
        credits: int | None = None,
        slots: int | None = None,
        plan_status: str | None = None,
        api_key: str | None = None,
        program_name: str = "Default Program",
    ) -> Json:
        """A new team with a default program and one key: ``{team_id, api_key, program_id}``."""
        defaults = self.team_defaults
        key = api_key or "sk-" + secrets.token_hex(24)
        if not is_api_key(key):
            raise Invalid.field("api_key", "must be 'sk-' followed by 48 hexadecimal characters")
        for name, value in (("credits", credits), ("slots", slots)):
            if value is not None and value < 0:
                raise Invalid.field(name, "must not be negative")
        team_id, program_id, now = _new_id(), _new_id(), self._ms()
        digest = _digest(key)
        with self.db.transaction() as tx:
            if tx.one("SELECT 1 FROM api_keys WHERE digest = ?", (digest,)):
                raise Invalid.field("api_key", "is already in use")
            start = int(defaults["credits"] if credits is None else credits)
            tx.insert(
                "teams",
                {
                    "team_id": team_id,
                    "user_id": _new_id(),
                    "credits": start,
                    "granted": start,
                    "slots": int(defaults["concurrent_requests"] if slots is None else slots),
                    "plan_status": plan_status or defaults["plan_status"],
                    "default_program_id": program_id,
                    "create_time": now,
                },
            )
            tx.insert(
                "programs",
                {
                    "program_id": program_id,
                    "team_id": team_id,
                    "program_name": program_name,
                    "create_time": now,
                },
            )
            self._insert_key(tx, team_id, program_id, key)
        return {"team_id": team_id, "api_key": key, "program_id": program_id}

    def _insert_key(self, tx: Tx, team_id: str, program_id: str, api_key: str) -> str:
        key_id = _new_id()
        digest = _digest(api_key)
        tx.insert(
            "api_keys",
            {
                "key_id": key_id,
                "team_id": team_id,
                "digest": digest,
                "digest_prefix": digest[:8],
                "program_id": program_id,
                "create_time": self._ms(),
            },
        )
        return key_id

    def create_key(self, team_id: str, *, program_id: str | None = None) -> Json:
        """Another key of a team, bound to ``program_id`` (default: the team's default program)."""
        key = "sk-" + secrets.token_hex(24)
        with self.db.transaction() as tx:
            team = tx.get("teams", "team_id", team_id)
            if team is None:
                raise NotFound(f"Team {team_id} not found")
            pid = program_id or team["default_program_id"]
            if not self._can_access(tx, team_id, pid):
                raise Invalid.field("program_id", "is not a program of this team")
            self._insert_key(tx, team_id, pid, key)
        return {"team_id": team_id, "api_key": key, "program_id": pid}

    def revoke_key(self, api_key: str) -> None:
        key = self._find_key(api_key) if is_api_key(api_key) else None
        if key is None:
            raise NotFound("API key not found")
        with self.db.transaction() as tx:
            tx.update("api_keys", "key_id", key["key_id"], {"revoked": 1})

    def _team_id(self, tx: Tx, team_id: str | None, api_key: str | None) -> str:
        if (team_id is None) == (api_key is None):
            raise Invalid.field("team_id", "give exactly one of team_id and api_key")
        if api_key is not None:
            key = self._find_key(api_key) if is_api_key(api_key) else None
            if key is None:
                raise NotFound("API key not found")
            return str(key["team_id"])
        assert team_id is not None
        if tx.get("teams", "team_id", team_id) is None:
            raise NotFound(f"Team {team_id} not found")
        return team_id

    def set_credits(self, credits: int, *, team_id: str | None = None, api_key: str | None = None) -> Json:
        """Set a team's balance (an admin grant, not a credit-history entry)."""
        if credits < 0:
            raise Invalid.field("credits", "must not be negative")
        with self.db.transaction() as tx:
            tid = self._team_id(tx, team_id, api_key)
            tx.execute(
                "UPDATE teams SET granted = granted + (? - credits), credits = ? WHERE team_id = ?",
                (credits, credits, tid),
            )
        return {"team_id": tid, "credits": credits}

    def set_slots(self, slots: int, *, team_id: str | None = None, api_key: str | None = None) -> Json:
        if slots < 0:
            raise Invalid.field("slots", "must not be negative")
        with self.db.transaction() as tx:
            tid = self._team_id(tx, team_id, api_key)
            tx.update("teams", "team_id", tid, {"slots": slots})
        return {"team_id": tid, "concurrent_requests": slots}

    def share_program(self, program_id: str, team_id: str) -> None:
        """Share a program with another team (it then lists it, and may act in it; the owner pays)."""
        with self.db.transaction() as tx:
            if tx.get("programs", "program_id", program_id) is None:
                raise NotFound(f"Program {program_id} not found")
            if tx.get("teams", "team_id", team_id) is None:
                raise NotFound(f"Team {team_id} not found")
            tx.execute(
                "INSERT OR IGNORE INTO program_shares (program_id, team_id) VALUES (?, ?)",
                (program_id, team_id),
            )

    def advance_clock(self, seconds: float) -> float:
        """Move the manual clock forward (and settle the jobs that became due); return the new time."""
        if not isinstance(self.clock, ManualClock):
            raise InvalidState.field(
                "seconds", "the mock runs on the real clock; start it with clock='manual'"
            )
        if seconds < 0 or not math.isfinite(seconds):
            raise Invalid.field("seconds", "must be a finite number >= 0")
        now = self.clock.advance(seconds)
        with self.db.transaction() as tx:
            tx.set_meta("manual_clock", repr(now))
        self.settle()
        return now

    def add_fault(
        self,
        *,
        path: str,
        method: str = "*",
        status: int | None = None,
        count: int = 1,
        latency_seconds: float = 0.0,
        retry_after: int | None = None,
    ) -> None:
        """Make the next ``count`` public requests matching ``method`` and ``path`` fail or lag."""
        if status is None and latency_seconds <= 0:
            raise Invalid.field("status", "give a status, a latency, or both")
        if status is not None and not 400 <= status <= 599:
            raise Invalid.field("status", "must be an HTTP error status (400-599)")
        if count < 1:
            raise Invalid.field("count", "must be at least 1")
        with self.db.transaction() as tx:
            tx.insert(
                "faults",
                {
                    "method": method.upper(),
                    "path": self._fault_path(path),
                    "status": status,
                    "remaining": count,
                    "latency_seconds": max(0.0, latency_seconds),
                    "retry_after": retry_after,
                },
            )

    @staticmethod
    def _fault_path(path: str) -> str:
        path = path.split("?", 1)[0].removeprefix("/public/v1")
        return path if path == "*" or path.startswith("/") else "/" + path

    def take_fault(self, method: str, path: str) -> Fault | None:
        """Consume the oldest fault matching this public request, if any."""
        path = self._fault_path(path)
        with self.db.read() as tx:
            if tx.one("SELECT 1 FROM faults LIMIT 1") is None:
                return None
        with self.db.transaction() as tx:
            row = tx.one(
                "SELECT * FROM faults WHERE remaining > 0 AND method IN ('*', ?) AND path IN ('*', ?)"
                " ORDER BY seq LIMIT 1",
                (method.upper(), path),
            )
            if row is None:
                return None
            if row["remaining"] <= 1:
                tx.execute("DELETE FROM faults WHERE seq = ?", (row["seq"],))
            else:
                tx.execute("UPDATE faults SET remaining = remaining - 1 WHERE seq = ?", (row["seq"],))
        return Fault(row["method"], row["path"], row["status"], row["latency_seconds"], row["retry_after"])

    def clear_faults(self) -> None:
        with self.db.transaction() as tx:
            tx.execute("DELETE FROM faults")

    def set_task_status(self, task_id: str, status: str) -> Json:
        """D-TASK-STATUS: move a generated task to Editing, Review or Approved."""
        if status not in ADMIN_TASK_STATUSES:
            raise Invalid.field("status", f"must be one of {', '.join(ADMIN_TASK_STATUSES)}")
        self.settle()
        with self.db.transaction() as tx:
            task = tx.get("tasks", "task_id", task_id)
            if task is None:
                raise NotFound(f"Task {task_id} not found")
            if task["task_status"] not in TASK_GENERATED:
                raise InvalidState.field(
                    "status", f"task is {task['task_status']!r}; only a generated task can move to {status!r}"
                )
            tx.update("tasks", "task_id", task_id, {"task_status": status})
        return {"task_id": task_id, "task_status": status}

    def fail_next_jobs(self, count: int = 1, *, kind: str | None = None) -> None:
        """Make the next ``count`` jobs (of ``kind``: tryon, face, image, pose, upscale, video) fail."""
        kinds = ("tryon", *_GENERATION_SIZE, "upscale", "video")
        if kind is not None and kind not in kinds:
            raise Invalid.field("kind", f"must be one of {', '.join(kinds)}")
        if count < 0:
            raise Invalid.field("count", "must not be negative")
        with self.db.transaction() as tx:
            tx.set_meta("fail_next", str(count))
            tx.set_meta("fail_kind", kind or "")

    def fail_job(self, ref_id: str) -> None:
        """Make the running job of a task or request fail when it finishes."""
        with self.db.transaction() as tx:
            changed = tx.execute(
                "UPDATE jobs SET will_fail = 1 WHERE ref_id = ? AND state IN ('submitted', 'generating')",
                (ref_id,),
            )
        if not changed:
            raise NotFound(f"No running job for {ref_id}")

    def dump_state(self) -> Json:
        """Everything as JSON (no key material, no file contents)."""
        self.settle()
        hidden = {"digest", "digest_prefix", "data"}
        out: Json = {"now": self.clock.now(), "clock": "manual" if self.clock.manual else "real"}
        with self.db.read() as tx:
            for table in (
                "teams",
                "api_keys",
                "programs",
                "program_shares",
                "projects",
                "uploads",
                "skus",
                "garment_images",
                "tasks",
                "models",
                "model_images",
                "gen_requests",
                "upscales",
                "videos",
                "poses",
                "uploaded_images",
                "ledger",
                "jobs",
                "faults",
            ):
                out[table] = [
                    {k: row[k] for k in row.keys() if k not in hidden}  # noqa: SIM118 (sqlite3.Row iterates values)
                    for row in tx.all(f"SELECT * FROM {table}")
                ]
            out["files"] = [
                dict(row) for row in tx.all("SELECT path, program_id, mime, length(data) AS size FROM files")
            ]
            out["upload_parts"] = [
                dict(row)
                for row in tx.all(
                    "SELECT upload_id, part_number, etag, length(data) AS size FROM upload_parts"
                )
            ]
        return out

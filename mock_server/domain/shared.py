"""Shared helpers of the backend: limits and constants, ids, the small records the operations
pass around, and :class:`BackendState`, the state every part of the backend reads."""

from __future__ import annotations

import os
import random
import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from huhu_ext.spec import Spec
from mock_server import catalog
from mock_server.clock import Clock
from mock_server.signing import UrlSigner
from mock_server.storage import Storage

Json = dict[str, Any]
Row = sqlite3.Row

DEFAULT_API_KEY = "sk-" + "deadbeef" * 6
"""The key of the default team (``huhu-mock serve`` without ``--api-key``). Not a secret."""

DEFAULT_BASE_URL = "http://127.0.0.1:8080"
"""Host the backend writes into URLs when a caller does not say which one it was reached at."""

# An image reference this short cannot be base64 image data (the smallest PNG needs ~90 characters):
# it is an id, and an unknown one is 404 like any other unknown id (D-MOCK-IDS).
SHORT_IMAGE_REF = 64

FILES_ROUTE = "/_mock/files/"
MAX_ID_LENGTH = 200  # longer than any id or path the mock makes
S3_ROUTE = "/_mock/s3/"
PART_SIZE = 8 * 1024 * 1024  # D-ZIP
MAX_ZIP_BYTES = 1 << 30  # D-ZIP
UPLOAD_TTL_SECONDS = 24 * 3600.0  # an open multipart upload expires after this (D-MOCK-UPLOAD-EXPIRY)
MAX_CLOCK_SECONDS = 4_102_444_800.0  # 2100-01-01T00:00:00Z: the manual clock never moves past it
MAX_ADVANCE_SECONDS = 10 * 365 * 24 * 3600.0  # one clock advance moves at most ten years

FILTER_FIELDS = ("model_type", "model_size")
FILTER_ATTRIBUTES = ("ethnicity", "age_range", "hair_color", "skin_tone")

IMAGE_MIME = {"PNG": ("image/png", "png"), "JPEG": ("image/jpeg", "jpg"), "WEBP": ("image/webp", "webp")}
GENERATION_SIZE = {"face": (512, 512), "image": (512, 768), "pose": (512, 768)}
GENERATION_LABEL = {"face": "face", "image": "model image", "pose": "pose"}


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


def pick(row: Row | Mapping[str, Any], *names: str) -> Json:
    """The columns ``names`` of a row, as the JSON fields of the same names (in that order)."""
    return {name: row[name] for name in names}


def sku_category(garment_types: Iterable[str]) -> str | None:
    """An SKU's category from its garment images' types (D-SKU-CATEGORY: a free string)."""
    types = set(garment_types)
    if {"Top", "Bottom"} <= types:
        return "Full body"
    return next((name for name in ("Top", "Bottom", "Shoes", "Accessory") if name in types), None)


class BackendState:
    """The state every part of the backend reads, set up by :class:`mock_server.domain.base.BackendBase`."""

    spec: Spec
    db: Storage
    clock: Clock
    url_ttl_seconds: float
    _signer: UrlSigner
    _presets: dict[str, catalog.PresetModel]
    _preset_images: dict[str, tuple[catalog.PresetModel, catalog.PresetModelImage]]
    _pose_ids: set[str]

    def now(self) -> float:
        return self.clock.now()

    def _ms(self, when: float | None = None) -> int:
        return int((self.clock.now() if when is None else when) * 1000)

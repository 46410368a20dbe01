"""The backend's foundation: configuration, storage, clock, secrets and pagination.

Every operation mixin builds on :class:`BackendBase`. What it builds on is split by concern:
:mod:`~mock_server.domain.access` (API keys, callers, 404/403 rules), :mod:`~mock_server.domain.files`
(stored files, signed URLs, image inputs) and :mod:`~mock_server.domain.shared` (constants, ids,
records).
"""

from __future__ import annotations

import hashlib
import logging
import math
import secrets
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from huhu_ext.spec import Spec, load_spec
from mock_server import catalog
from mock_server.clock import Clock, ManualClock, RealClock
from mock_server.domain.access import Caller, is_api_key
from mock_server.domain.files import FileStore
from mock_server.domain.shared import (
    DEFAULT_API_KEY,
    MAX_ADVANCE_SECONDS,
    MAX_CLOCK_SECONDS,
    PART_SIZE,
    UPLOAD_TTL_SECONDS,
    Json,
    Row,
    new_id,
)
from mock_server.fidelity import Extras, with_prices
from mock_server.paging import Pager
from mock_server.signing import UrlSigner
from mock_server.storage import Storage, Tx

__all__ = ["MAX_CLOCK_SECONDS", "BackendBase"]

log = logging.getLogger(__name__)


class BackendBase(FileStore):
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

    @staticmethod
    def _new_program(tx: Tx, team_id: str, name: str, now: int) -> str:
        """Insert a program of ``team_id`` named ``name``; return its id."""
        pid = new_id()
        tx.insert(
            "programs", {"program_id": pid, "team_id": team_id, "program_name": name, "create_time": now}
        )
        return pid

    def _unpaged(self, operation_id: str, items: list[Json]) -> Json:
        """A list operation's answer that has no pages: ``items`` under its ``items_field``, no token."""
        rule = self.spec.operation(operation_id).pagination
        assert rule is not None, f"{operation_id} has no x-huhu-pagination in the spec"
        return {rule.items_field: items}

    def _paginate(
        self,
        tx: Tx,
        operation_id: str,
        params: Mapping[str, Any],
        item: Callable[[Row], Json],
        *,
        table: str,
        where: str = "program_id = ?",
        args: Sequence[Any] = (),
        scope: str = "",
        program_of: Caller | None = None,
        size: int | None = None,
        newest_first: bool = False,
    ) -> Json:
        """One page of a list operation, answered with the names of its ``x-huhu-pagination``
        (token parameter, token field, items field): every list operation goes through here.

        The rows of ``table`` matching ``where`` (bound to ``args``; tokens valid for ``scope`` only),
        or with ``program_of`` the rows in the request's program (``program_id`` or that caller's
        key's default; 404 / 403 as :meth:`_program`).
        """
        rule = self.spec.operation(operation_id).pagination
        assert rule is not None, f"{operation_id} has no x-huhu-pagination in the spec"
        if program_of is not None:
            pid = self._program(tx, program_of, params.get("program_id"))["program_id"]
            args, scope = [pid], f"{table}:{pid}"
        page = self._pager.page(
            tx,
            table=table,
            where=where,
            params=args,
            scope=scope,
            token=params.get(rule.token_param),
            size=self.page_size if size is None else size,
            newest_first=newest_first,
            field=f"query.{rule.token_param}",
        )
        return {rule.items_field: [item(row) for row in page.rows], rule.token_field: page.next_token}

"""The mock Huhu API without HTTP: :class:`HuhuBackend`, plain Python over SQLite (no Flask).

Moto style: the Flask app in :mod:`mock_server.app` only authenticates, validates against the spec
and calls :meth:`HuhuBackend.handle` with the spec's ``operationId``. Tests and in-process
interceptors can call the same methods directly, admin ones included (``create_team``,
``advance_clock``, ``add_fault``, ``fail_next_jobs``, ``dump_state``, ...).

Rules follow ``docs/decisions.md``:

* credits are priced only by the spec's ``x-huhu-credits`` and deducted at submission in the same
  ``BEGIN IMMEDIATE`` transaction as the slot admission (D-DEDUCT, D-SLOTS, D-429); a failed job is
  refunded by a negative ``refund`` entry (D-REFUND);
* jobs finish lazily: whenever the backend is used, jobs whose finish time has passed on the clock
  are completed (outputs rendered) or failed — no background threads;
* every status string is the documented one (D-PROJECT-STATUS, D-TASK-STATUS, D-GEN-STATUS).

The operations live in :mod:`mock_server.domain`, one mixin per area.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from huhu_ext.spec import Spec
from mock_server.clock import Clock
from mock_server.domain.account import AccountOps
from mock_server.domain.admin import AdminOps
from mock_server.domain.base import (
    DEFAULT_API_KEY,
    DEFAULT_BASE_URL,
    PART_SIZE,
    Caller,
    Download,
    Fault,
    Json,
    is_api_key,
)
from mock_server.domain.gallery import GalleryOps
from mock_server.domain.media import MediaOps
from mock_server.domain.projects import ProjectOps
from mock_server.domain.tasks import TaskOps
from mock_server.errors import NotFound

__all__ = [
    "DEFAULT_API_KEY",
    "DEFAULT_BASE_URL",
    "Caller",
    "Download",
    "Fault",
    "HuhuBackend",
    "is_api_key",
]

Handler = Callable[[Caller, Mapping[str, Any]], Json]


class HuhuBackend(AccountOps, ProjectOps, TaskOps, GalleryOps, MediaOps, AdminOps):
    """The stateful mock of the Huhu public API v1 (all of it except HTTP).

    ``db_path`` None keeps everything in memory; a path keeps it in a SQLite file that survives
    restarts and can be shared by several processes. ``clock`` is ``"real"``, ``"manual"`` or a
    :class:`~mock_server.clock.Clock`. Jobs take ``job_seconds`` (try-on tasks ``tryon_seconds``,
    default the same). Lists are paginated by ``page_size``; signed URLs live ``url_ttl_seconds``;
    zip uploads come in parts of ``part_size`` bytes (8 MiB, D-ZIP; smaller in tests).
    The team of ``api_key`` is created with the spec's ``x-huhu-team-defaults`` unless the database
    already has it.
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
        part_size: int = PART_SIZE,
        spec: Spec | None = None,
    ) -> None:
        super().__init__(
            db_path=db_path,
            api_key=api_key,
            clock=clock,
            job_seconds=job_seconds,
            tryon_seconds=tryon_seconds,
            page_size=page_size,
            url_ttl_seconds=url_ttl_seconds,
            part_size=part_size,
            spec=spec,
        )
        self._ensure_key_team(api_key)
        self._operations: dict[str, Handler] = {op_id: getattr(self, op_id) for op_id in self.spec.operations}

    def handle(self, operation_id: str, caller: Caller, params: Mapping[str, Any]) -> Json:
        """Run one API operation, named by its spec ``operationId``, with validated parameters."""
        method = self._operations.get(operation_id)
        if method is None:
            raise NotFound(f"Unknown operation {operation_id}")
        self.settle()
        return method(caller, params)

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

from mock_server.domain.access import Caller, is_api_key, key_digest
from mock_server.domain.account import AccountOps
from mock_server.domain.admin import AdminOps
from mock_server.domain.gallery import GalleryOps
from mock_server.domain.media import MediaOps
from mock_server.domain.projects import ProjectOps
from mock_server.domain.shared import DEFAULT_API_KEY, DEFAULT_BASE_URL, Download, Fault, Json, Precheck
from mock_server.domain.tasks import TaskOps
from mock_server.errors import FieldError, Invalid, NotFound

__all__ = [
    "DEFAULT_API_KEY",
    "DEFAULT_BASE_URL",
    "Caller",
    "Download",
    "Fault",
    "HuhuBackend",
    "Precheck",
    "is_api_key",
]

Handler = Callable[[Caller, Mapping[str, Any]], Json]

# The pre-checks of a public request in one statement (one snapshot): any fault pending, the
# earliest phase change or finish of a running job (what ``settle`` would act on), and the
# candidate rows of the caller's key. Always one row at least (the LEFT JOIN); key columns are
# NULL when no key has that digest prefix.
_PRECHECK_SQL = """
SELECT EXISTS (SELECT 1 FROM faults) AS pre_faults,
    (
        SELECT MIN(CASE WHEN state = 'submitted' THEN MIN(phase_at, finish_at) ELSE finish_at END)
        FROM jobs WHERE state IN ('submitted', 'generating')
    ) AS pre_next_event,
    api_keys.*
FROM (SELECT 1) LEFT JOIN api_keys ON api_keys.digest_prefix = ?
"""


class HuhuBackend(AccountOps, ProjectOps, TaskOps, GalleryOps, MediaOps, AdminOps):
    """The stateful mock of the Huhu public API v1 (all of it except HTTP).

    ``db_path`` None keeps everything in memory; a path keeps it in a SQLite file that survives
    restarts and can be shared by several processes. ``clock`` is ``"real"``, ``"manual"`` or a
    :class:`~mock_server.clock.Clock`. Jobs take ``job_seconds`` (try-on tasks ``tryon_seconds``,
    default the same). Lists are paginated by ``page_size``; signed URLs live ``url_ttl_seconds``;
    zip uploads come in parts of ``part_size`` bytes (8 MiB, D-ZIP; smaller in tests).
    The team of ``api_key`` is created with the spec's ``x-huhu-team-defaults`` unless the database
    already has it. ``extras`` answers (and accepts) the mock-only fields marked ``x-huhu-mock-extra``
    in the spec (off by default: D-MOCK-EXTRAS); ``prices`` changes invented credit prices
    (:func:`mock_server.fidelity.with_prices`; the spec's prices by default).
    """

    def _setup(self) -> None:
        self._ensure_key_team(self._default_key)
        self._operations: dict[str, Handler] = {op_id: getattr(self, op_id) for op_id in self.spec.operations}

    def precheck(self, authorization: str | None) -> Precheck:
        """Read what a public request needs before its operation, in one SQLite statement.

        Pass the result to :meth:`authenticate` and :meth:`handle` (and call :meth:`take_fault` only
        when ``faults`` is true): one snapshot instead of three read transactions per request.
        """
        api_key = self._bearer_key(authorization)
        prefix = "" if api_key is None else key_digest(api_key)[:8]
        rows = self.db.query(_PRECHECK_SQL, (prefix,))
        next_event = rows[0]["pre_next_event"]
        return Precheck(
            faults=bool(rows[0]["pre_faults"]),
            next_job_event=None if next_event is None else float(next_event),
            keys=tuple(row for row in rows if row["digest"] is not None),
        )

    def handle(
        self,
        operation_id: str,
        caller: Caller,
        params: Mapping[str, Any],
        *,
        precheck: Precheck | None = None,
    ) -> Json:
        """Run one API operation, named by its spec ``operationId``, with validated parameters.

        Due jobs are settled first; with a :meth:`precheck`, only when the clock has reached its
        ``next_job_event`` (otherwise no job is due, and the check is not read again).
        """
        method = self._operations.get(operation_id)
        if method is None:
            raise NotFound(f"Unknown operation {operation_id}")
        if precheck is None or (
            precheck.next_job_event is not None and self.clock.now() >= precheck.next_job_event
        ):
            self.settle()
        if self.extras:
            return method(caller, params)
        if refused := self._extras.refused(operation_id, params):
            message = "is a mock-only field (start the mock with --extras)"
            raise Invalid([FieldError(f"body.{name}", message) for name in refused])
        return self._extras.strip(operation_id, method(caller, params))  # type: ignore[no-any-return]

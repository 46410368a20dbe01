"""The admin side of the backend (``/_mock/...`` over HTTP): teams, keys, credits, clock, faults, state."""

from __future__ import annotations

import secrets

from mock_server.clock import ManualClock
from mock_server.domain.access import is_api_key, key_digest
from mock_server.domain.jobs import JobsMixin
from mock_server.domain.shared import (
    GENERATION_SIZE,
    MAX_ADVANCE_SECONDS,
    MAX_CLOCK_SECONDS,
    Fault,
    Json,
    Row,
    new_id,
)
from mock_server.errors import Invalid, InvalidState, NotFound
from mock_server.storage import TABLES, Tx

# Admin input ranges (D-MOCK-ADMIN-RANGES): every value fits a 64-bit SQLite integer with room for
# the arithmetic done on it (a balance plus refunds, a granted total).
MAX_CREDITS = 10**12
MAX_SLOTS = 1_000_000
MAX_COUNT = 1_000_000
MAX_LATENCY_SECONDS = 120.0
MAX_RETRY_AFTER = 86_400
# What dump_state shows of the tables that hold blobs: the blob's size, not its bytes.
_COLUMNS = {
    "files": "path, program_id, mime, length(data) AS size",
    "upload_parts": "upload_id, part_number, etag, length(data) AS size",
}


def _check_range(name: str, value: float | None, low: int, high: float) -> None:
    """422 naming ``name`` unless ``value`` is between ``low`` and ``high`` (None and NaN are not)."""
    if value is None or not low <= value <= high:
        shown = f"{high:g}" if isinstance(high, float) else str(high)
        raise Invalid.field(name, f"must be between {low} and {shown}")


class AdminOps(JobsMixin):
    """Admin operations: reset, teams, keys, credits, slots, sharing, clock, faults, failures, state."""

    def _ensure_key_team(self, api_key: str) -> None:
        """Make sure ``api_key`` opens a team (created with the spec's defaults if new)."""
        if self._find_key(api_key) is not None:
            return
        try:
            self.create_team(api_key=api_key)
        except Invalid:
            if self._find_key(api_key) is None:
                raise  # not the race below: a real problem
            # another process sharing the database created the team first

    def reset(self) -> None:
        """Forget everything (the signing secret survives) and recreate the default team.

        One transaction: a reset that fails leaves the state as it was, never half wiped.
        """
        with self.db.transaction() as tx:
            self.db.wipe_in(tx, keep_meta=("secret", "manual_clock"))
            self._new_team(tx, self._default_key, credits=None, slots=None, plan_status=None)

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
        for name, value, top in (("credits", credits, MAX_CREDITS), ("slots", slots, MAX_SLOTS)):
            if value is not None:
                _check_range(name, value, 0, top)
        with self.db.transaction() as tx:
            return self._new_team(tx, api_key, credits, slots, plan_status, program_name)

    def _new_team(
        self,
        tx: Tx,
        api_key: str | None,
        credits: int | None,
        slots: int | None,
        plan_status: str | None,
        program_name: str = "Default Program",
    ) -> Json:
        """The team of :meth:`create_team` (None: the spec's ``x-huhu-team-defaults``), inside ``tx``."""
        defaults = self.team_defaults
        key = api_key or "sk-" + secrets.token_hex(24)
        if not is_api_key(key):
            raise Invalid.field("api_key", "must be 'sk-' followed by 48 hexadecimal characters")
        team_id, now = new_id(), self._ms()
        digest = key_digest(key)
        if tx.one("SELECT 1 FROM api_keys WHERE digest = ?", (digest,)):
            raise Invalid.field("api_key", "is already in use")
        program_id = self._new_program(tx, team_id, program_name, now)
        start = int(defaults["credits"] if credits is None else credits)
        tx.insert(
            "teams",
            {
                "team_id": team_id,
                "user_id": new_id(),
                "credits": start,
                "granted": start,
                "slots": int(defaults["concurrent_requests"] if slots is None else slots),
                "plan_status": plan_status or defaults["plan_status"],
                "default_program_id": program_id,
                "create_time": now,
            },
        )
        self._insert_key(tx, team_id, program_id, key)
        return {"team_id": team_id, "api_key": key, "program_id": program_id}

    def _insert_key(self, tx: Tx, team_id: str, program_id: str, api_key: str) -> None:
        digest = key_digest(api_key)
        tx.insert(
            "api_keys",
            {
                "key_id": new_id(),
                "team_id": team_id,
                "digest": digest,
                "digest_prefix": digest[:8],
                "program_id": program_id,
                "create_time": self._ms(),
            },
        )

    def create_key(self, team_id: str, *, program_id: str | None = None) -> Json:
        """Another key of a team, bound to ``program_id`` (default: the team's default program)."""
        key = "sk-" + secrets.token_hex(24)
        with self.db.transaction() as tx:
            team = self._team(tx, team_id)  # 404 first, whatever the program
            pid = program_id or team["default_program_id"]
            if not self._can_access(tx, team_id, pid):
                raise Invalid.field("program_id", "is not a program of this team")
            self._insert_key(tx, team_id, pid, key)
        return {"team_id": team_id, "api_key": key, "program_id": pid}

    def _key(self, api_key: str) -> Row:
        """The ``api_keys`` row of a key, revoked or not (404 when unknown or not a key's form)."""
        key = self._find_key(api_key) if is_api_key(api_key) else None
        if key is None:
            raise NotFound("API key not found")
        return key

    @staticmethod
    def _team(tx: Tx, team_id: str) -> Row:
        """The ``teams`` row of ``team_id`` (404 when unknown)."""
        team = tx.get("teams", "team_id", team_id)
        if team is None:
            raise NotFound(f"Team {team_id} not found")
        return team

    def revoke_key(self, api_key: str) -> None:
        key = self._key(api_key)
        with self.db.transaction() as tx:
            tx.update("api_keys", "key_id", key["key_id"], {"revoked": 1})

    def _team_id(self, tx: Tx, team_id: str | None, api_key: str | None) -> str:
        if (team_id is None) == (api_key is None):
            raise Invalid.field("team_id", "give exactly one of team_id and api_key")
        row = self._key(api_key) if api_key is not None else self._team(tx, str(team_id))
        return str(row["team_id"])

    def set_credits(self, credits: int, *, team_id: str | None = None, api_key: str | None = None) -> Json:
        """Set a team's balance (an admin grant, not a credit-history entry)."""
        _check_range("credits", credits, 0, MAX_CREDITS)
        with self.db.transaction() as tx:
            tid = self._team_id(tx, team_id, api_key)
            tx.execute(
                "UPDATE teams SET granted = granted + (? - credits), credits = ? WHERE team_id = ?",
                (credits, credits, tid),
            )
        return {"team_id": tid, "credits": credits}

    def set_slots(self, slots: int, *, team_id: str | None = None, api_key: str | None = None) -> Json:
        _check_range("slots", slots, 0, MAX_SLOTS)
        with self.db.transaction() as tx:
            tid = self._team_id(tx, team_id, api_key)
            tx.update("teams", "team_id", tid, {"slots": slots})
        return {"team_id": tid, "concurrent_requests": slots}

    def share_program(self, program_id: str, team_id: str) -> None:
        """Share a program with another team (it then lists it, and may act in it; the owner pays)."""
        with self.db.transaction() as tx:
            if tx.get("programs", "program_id", program_id) is None:
                raise NotFound(f"Program {program_id} not found")
            self._team(tx, team_id)
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
        if not 0 <= seconds <= MAX_ADVANCE_SECONDS:  # also false for NaN
            raise Invalid.field("seconds", f"must be a number between 0 and {MAX_ADVANCE_SECONDS:.0f}")
        if self.clock.now() + seconds > MAX_CLOCK_SECONDS:
            raise Invalid.field(
                "seconds",
                f"would move the clock past {MAX_CLOCK_SECONDS:.0f} (2100-01-01), the latest it holds",
            )
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
        _check_range("count", count, 1, MAX_COUNT)
        _check_range("latency_seconds", latency_seconds, 0, MAX_LATENCY_SECONDS)
        if retry_after is not None:
            _check_range("retry_after", retry_after, 0, MAX_RETRY_AFTER)
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
        if not self.db.query("SELECT 1 FROM faults LIMIT 1"):
            return None
        with self.db.transaction() as tx:
            row = tx.one(
                "SELECT * FROM faults WHERE remaining > 0 AND method IN ('*', ?) AND path IN ('*', ?)"
                " ORDER BY seq LIMIT 1",
                (method.upper(), path),
            )
            if row is None:
                return None
            tx.execute("UPDATE faults SET remaining = remaining - 1 WHERE seq = ?", (row["seq"],))
            tx.execute("DELETE FROM faults WHERE seq = ? AND remaining <= 0", (row["seq"],))
        return Fault(row["method"], row["path"], row["status"], row["latency_seconds"], row["retry_after"])

    def clear_faults(self) -> None:
        with self.db.transaction() as tx:
            tx.execute("DELETE FROM faults")

    def set_task_status(self, task_id: str, status: str) -> Json:
        """D-TASK-STATUS: move a generated task to Editing, Review or Approved."""
        targets = self.task_life.admin_targets  # x-huhu-lifecycle admin_transitions
        if status not in targets:
            raise Invalid.field("status", f"must be one of {', '.join(targets)}")
        self.settle()
        with self.db.transaction() as tx:
            task = tx.get("tasks", "task_id", task_id)
            if task is None:
                raise NotFound(f"Task {task_id} not found")
            if not self.task_life.admin_allows(task["task_status"], status):
                raise InvalidState.field(
                    "status", f"task is {task['task_status']!r}; only a generated task can move to {status!r}"
                )
            tx.update("tasks", "task_id", task_id, {"task_status": status})
        return {"task_id": task_id, "task_status": status}

    def fail_next_jobs(self, count: int = 1, *, kind: str | None = None) -> None:
        """Make the next ``count`` jobs (of ``kind``: tryon, face, image, pose, upscale, video) fail."""
        kinds = ("tryon", *GENERATION_SIZE, "upscale", "video")
        if kind is not None and kind not in kinds:
            raise Invalid.field("kind", f"must be one of {', '.join(kinds)}")
        _check_range("count", count, 0, MAX_COUNT)
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
            for table in TABLES:
                if table != "meta":  # meta holds the signing secret
                    out[table] = [
                        {k: row[k] for k in row.keys() if k not in hidden}  # noqa: SIM118 (sqlite3.Row iterates values)
                        for row in tx.all(f"SELECT {_COLUMNS.get(table, '*')} FROM {table}")
                    ]
        return out

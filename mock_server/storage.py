"""SQLite storage of the mock's state (stdlib ``sqlite3``).

In memory by default; a file with ``path`` keeps state across restarts and can be shared by several
server processes. Every change runs in a ``BEGIN IMMEDIATE`` transaction: the write lock is taken
before the first read, so a credit check and the deduction that follows it (or a slot count and the
job it admits) can never interleave with another thread's or another process's. Within a process
one connection is shared under a lock; across processes SQLite's file lock (WAL mode, busy timeout)
serialises writers.

The module knows tables and transactions, not rules: :mod:`mock_server.models` holds those.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

__all__ = ["SCHEMA", "TABLES", "Storage", "Tx", "marks"]

BUSY_TIMEOUT_MS = 30_000

# Every table has an INTEGER ``seq`` primary key (creation order, used by pagination) unless it is
# a pure association table. Nested values are JSON text; binary content lives in ``files``.
SCHEMA: dict[str, str] = {
    "meta": "key TEXT PRIMARY KEY, value TEXT NOT NULL",
    "teams": """seq INTEGER PRIMARY KEY AUTOINCREMENT, team_id TEXT UNIQUE NOT NULL,
        user_id TEXT NOT NULL, credits INTEGER NOT NULL, granted INTEGER NOT NULL,
        slots INTEGER NOT NULL, plan_status TEXT NOT NULL, plan_name TEXT, subscription_id TEXT,
        default_program_id TEXT NOT NULL, create_time INTEGER NOT NULL""",
    "api_keys": """seq INTEGER PRIMARY KEY AUTOINCREMENT, key_id TEXT UNIQUE NOT NULL,
        team_id TEXT NOT NULL, digest TEXT NOT NULL, digest_prefix TEXT NOT NULL,
        program_id TEXT NOT NULL, revoked INTEGER NOT NULL DEFAULT 0, create_time INTEGER NOT NULL""",
    "programs": """seq INTEGER PRIMARY KEY AUTOINCREMENT, program_id TEXT UNIQUE NOT NULL,
        team_id TEXT NOT NULL, program_name TEXT NOT NULL, create_time INTEGER NOT NULL""",
    "program_shares": "program_id TEXT NOT NULL, team_id TEXT NOT NULL, PRIMARY KEY (program_id, team_id)",
    "projects": """seq INTEGER PRIMARY KEY AUTOINCREMENT, project_id TEXT UNIQUE NOT NULL,
        program_id TEXT NOT NULL, project_name TEXT NOT NULL, create_time INTEGER NOT NULL""",
    "uploads": """seq INTEGER PRIMARY KEY AUTOINCREMENT, upload_id TEXT UNIQUE NOT NULL,
        project_id TEXT NOT NULL, key TEXT NOT NULL, file_size INTEGER NOT NULL,
        part_size INTEGER NOT NULL, part_count INTEGER NOT NULL, state TEXT NOT NULL,
        create_time INTEGER NOT NULL""",
    "upload_parts": """upload_id TEXT NOT NULL, part_number INTEGER NOT NULL, etag TEXT NOT NULL,
        data BLOB NOT NULL, PRIMARY KEY (upload_id, part_number)""",
    "skus": """seq INTEGER PRIMARY KEY AUTOINCREMENT, sku_id TEXT UNIQUE NOT NULL,
        project_id TEXT NOT NULL, sku_name TEXT NOT NULL, garment_type TEXT, model_id TEXT,
        style_id TEXT, create_time INTEGER NOT NULL""",
    "garment_images": """seq INTEGER PRIMARY KEY AUTOINCREMENT, garment_id TEXT UNIQUE NOT NULL,
        sku_id TEXT NOT NULL, image_id TEXT NOT NULL, file_name TEXT NOT NULL,
        garment_type TEXT NOT NULL, view TEXT NOT NULL, presentation TEXT NOT NULL""",
    "tasks": """seq INTEGER PRIMARY KEY AUTOINCREMENT, task_id TEXT UNIQUE NOT NULL,
        sku_id TEXT NOT NULL, project_id TEXT NOT NULL, view TEXT NOT NULL, task_status TEXT NOT NULL,
        model_id TEXT, model_image TEXT, num_output_images INTEGER NOT NULL DEFAULT 1, prompt TEXT,
        outputs TEXT NOT NULL DEFAULT '[]', create_time INTEGER NOT NULL""",
    "models": """seq INTEGER PRIMARY KEY AUTOINCREMENT, model_id TEXT UNIQUE NOT NULL,
        program_id TEXT NOT NULL, model_name TEXT NOT NULL, model_type TEXT, model_size TEXT,
        attributes TEXT NOT NULL DEFAULT '{}', create_time INTEGER NOT NULL""",
    "model_images": """seq INTEGER PRIMARY KEY AUTOINCREMENT, model_image_id TEXT UNIQUE NOT NULL,
        model_id TEXT NOT NULL, style_id TEXT, view_type TEXT, crop_type TEXT,
        create_time INTEGER NOT NULL""",
    "gen_requests": """seq INTEGER PRIMARY KEY AUTOINCREMENT, request_id TEXT UNIQUE NOT NULL,
        program_id TEXT NOT NULL, kind TEXT NOT NULL, status TEXT NOT NULL,
        num_output_images INTEGER NOT NULL, prompt TEXT NOT NULL,
        images TEXT NOT NULL DEFAULT '[]', create_time INTEGER NOT NULL""",
    "upscales": """seq INTEGER PRIMARY KEY AUTOINCREMENT, request_id TEXT UNIQUE NOT NULL,
        program_id TEXT NOT NULL, status TEXT NOT NULL, upscale_factor REAL NOT NULL,
        num_images INTEGER NOT NULL, input_file TEXT NOT NULL, results TEXT NOT NULL DEFAULT '[]',
        create_time INTEGER NOT NULL""",
    "videos": """seq INTEGER PRIMARY KEY AUTOINCREMENT, request_id TEXT UNIQUE NOT NULL,
        program_id TEXT NOT NULL, project_id TEXT NOT NULL, sku_id TEXT NOT NULL,
        request_status TEXT NOT NULL, duration TEXT NOT NULL, prompt TEXT NOT NULL,
        first_frame_file TEXT NOT NULL, source_task_id TEXT, video_file TEXT,
        create_time INTEGER NOT NULL""",
    "poses": """seq INTEGER PRIMARY KEY AUTOINCREMENT, pose_id TEXT UNIQUE NOT NULL,
        program_id TEXT NOT NULL, title TEXT NOT NULL, prompt TEXT NOT NULL, prompt_type TEXT,
        reference_file TEXT NOT NULL, create_time INTEGER NOT NULL""",
    "uploaded_images": """seq INTEGER PRIMARY KEY AUTOINCREMENT, image_id TEXT UNIQUE NOT NULL,
        team_id TEXT NOT NULL, program_id TEXT NOT NULL, project_id TEXT NOT NULL,
        file_type TEXT NOT NULL, create_time INTEGER NOT NULL""",
    "files": """path TEXT PRIMARY KEY, program_id TEXT, mime TEXT NOT NULL, data BLOB NOT NULL,
        create_time INTEGER NOT NULL""",
    "pending_files": """path TEXT PRIMARY KEY, program_id TEXT, mime TEXT NOT NULL, kind TEXT NOT NULL,
        ref_id TEXT NOT NULL, job_id TEXT NOT NULL, idx INTEGER NOT NULL, inputs TEXT NOT NULL,
        create_time INTEGER NOT NULL""",
    "ledger": """seq INTEGER PRIMARY KEY AUTOINCREMENT, team_id TEXT NOT NULL,
        program_id TEXT NOT NULL, request_id TEXT NOT NULL, credits INTEGER NOT NULL,
        timestamp INTEGER NOT NULL, operation TEXT NOT NULL""",
    "jobs": """seq INTEGER PRIMARY KEY AUTOINCREMENT, job_id TEXT UNIQUE NOT NULL,
        team_id TEXT NOT NULL, program_id TEXT NOT NULL, kind TEXT NOT NULL, ref_id TEXT NOT NULL,
        credits INTEGER NOT NULL, started_at REAL NOT NULL, phase_at REAL NOT NULL,
        finish_at REAL NOT NULL, state TEXT NOT NULL, will_fail INTEGER NOT NULL DEFAULT 0""",
    "faults": """seq INTEGER PRIMARY KEY AUTOINCREMENT, method TEXT NOT NULL, path TEXT NOT NULL,
        status INTEGER, remaining INTEGER NOT NULL, latency_seconds REAL NOT NULL,
        retry_after INTEGER""",
}

INDEXES = (
    "CREATE INDEX IF NOT EXISTS api_keys_prefix ON api_keys (digest_prefix)",
    "CREATE INDEX IF NOT EXISTS projects_program ON projects (program_id, seq)",
    "CREATE INDEX IF NOT EXISTS skus_project ON skus (project_id, seq)",
    "CREATE INDEX IF NOT EXISTS garment_images_sku ON garment_images (sku_id, seq)",
    "CREATE INDEX IF NOT EXISTS tasks_sku ON tasks (sku_id, seq)",
    "CREATE INDEX IF NOT EXISTS tasks_project ON tasks (project_id, seq)",
    "CREATE INDEX IF NOT EXISTS ledger_program ON ledger (program_id, seq)",
    "CREATE INDEX IF NOT EXISTS jobs_running ON jobs (state, finish_at)",
    "CREATE INDEX IF NOT EXISTS jobs_team ON jobs (team_id, state)",
    "CREATE INDEX IF NOT EXISTS videos_program ON videos (program_id, seq)",
)

TABLES = tuple(SCHEMA)


def _check_name(name: str) -> str:
    """Table and column names come from code, never from requests; refuse anything odd anyway."""
    if not name.replace("_", "").isalnum():
        raise ValueError(f"bad SQL identifier {name!r}")
    return name


def marks(count: int) -> str:
    """``count`` SQL parameter placeholders: ``?, ?, ?``."""
    return ", ".join("?" * count)


@lru_cache(maxsize=256)
def _insert_sql(table: str, columns: tuple[str, ...]) -> str:
    cols = [_check_name(c) for c in columns]
    return f"INSERT INTO {_check_name(table)} ({', '.join(cols)}) VALUES ({marks(len(cols))})"


class Tx:
    """The statements of one transaction. Rows are :class:`sqlite3.Row` (indexable by column)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def one(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Row | None:
        row: sqlite3.Row | None = self._conn.execute(sql, params).fetchone()
        return row

    def all(self, sql: str, params: Sequence[Any] = ()) -> list[sqlite3.Row]:
        return list(self._conn.execute(sql, params).fetchall())

    def scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        row = self._conn.execute(sql, params).fetchone()
        return None if row is None else row[0]

    def execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        """Run a statement; return the number of rows it changed."""
        return self._conn.execute(sql, params).rowcount

    def insert(self, table: str, values: Mapping[str, Any]) -> int:
        """Insert one row; return its rowid."""
        rowid = self._conn.execute(_insert_sql(table, tuple(values)), tuple(values.values())).lastrowid
        return int(rowid or 0)

    def insert_zeroblob(self, table: str, values: Mapping[str, Any], column: str, size: int) -> int:
        """Insert (or replace) one row whose ``column`` is ``size`` zero bytes; return its rowid.

        Fill the blob with :meth:`blob`, in chunks, without holding its content in memory.
        """
        cols = [_check_name(c) for c in values]
        sql = (
            f"INSERT OR REPLACE INTO {_check_name(table)} ({', '.join(cols)}, {_check_name(column)})"
            f" VALUES ({marks(len(cols))}, zeroblob(?))"
        )
        return int(self._conn.execute(sql, (*values.values(), size)).lastrowid or 0)

    def blob(self, table: str, column: str, rowid: int) -> sqlite3.Blob:
        """The blob of one row, open for incremental writes (a context manager)."""
        return self._conn.blobopen(_check_name(table), _check_name(column), rowid, readonly=False)

    def update(self, table: str, key: str, key_value: Any, values: Mapping[str, Any]) -> int:
        """Update the row(s) whose ``key`` column equals ``key_value``; return how many changed."""
        sets = ", ".join(f"{_check_name(c)} = ?" for c in values)
        sql = f"UPDATE {_check_name(table)} SET {sets} WHERE {_check_name(key)} = ?"
        return self._conn.execute(sql, [*values.values(), key_value]).rowcount

    def get(self, table: str, key: str, key_value: Any) -> sqlite3.Row | None:
        sql = f"SELECT * FROM {_check_name(table)} WHERE {_check_name(key)} = ?"
        return self.one(sql, (key_value,))

    def get_meta(self, key: str) -> str | None:
        value = self.scalar("SELECT value FROM meta WHERE key = ?", (key,))
        return None if value is None else str(value)

    def set_meta(self, key: str, value: str) -> None:
        self.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (key, value),
        )


class Storage:
    """One SQLite database: ``path=None`` for a private in-memory one, else a file."""

    def __init__(self, path: str | None = None) -> None:
        self.path = path
        self._lock = threading.RLock()
        self._conn = sqlite3.connect(
            path or ":memory:",
            check_same_thread=False,
            isolation_level=None,  # autocommit; transactions are explicit
            timeout=BUSY_TIMEOUT_MS / 1000,
        )
        self._conn.row_factory = sqlite3.Row
        self._conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if path is not None:
            self._conn.execute("PRAGMA journal_mode = WAL")
            self._conn.execute("PRAGMA synchronous = NORMAL")
        with self.transaction() as tx:
            for table, columns in SCHEMA.items():
                tx.execute(f"CREATE TABLE IF NOT EXISTS {table} ({columns})")
            for index in INDEXES:
                tx.execute(index)

    @contextmanager
    def transaction(self) -> Iterator[Tx]:
        """A write transaction: exclusive among writers (threads and processes) from its first line."""
        with self._lock:
            if self._conn.in_transaction:
                raise RuntimeError("a write transaction cannot start inside another transaction")
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield Tx(self._conn)
            except BaseException:
                if self._conn.in_transaction:
                    self._conn.execute("ROLLBACK")
                raise
            else:
                self._conn.execute("COMMIT")

    @contextmanager
    def read(self) -> Iterator[Tx]:
        """A read transaction: one consistent snapshot, no write lock.

        Inside a transaction of the same thread it simply joins that transaction.
        """
        with self._lock:
            if self._conn.in_transaction:
                yield Tx(self._conn)
                return
            self._conn.execute("BEGIN DEFERRED")
            try:
                yield Tx(self._conn)
            finally:
                if self._conn.in_transaction:
                    self._conn.execute("COMMIT")

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[sqlite3.Row]:
        """The rows of one read-only statement, without an explicit transaction.

        In autocommit mode a single statement is its own read transaction (one consistent snapshot,
        across processes too), so this costs one SQLite call instead of three (``BEGIN``, the
        statement, ``COMMIT``). Inside a transaction of the same thread it joins that transaction.
        """
        with self._lock:
            return list(self._conn.execute(sql, params).fetchall())

    def write(self, sql: str, params: Sequence[Any] = ()) -> int:
        """Run one writing statement as its own transaction; return the number of rows it changed.

        In autocommit mode a single statement is atomic (SQLite takes the write lock for it alone),
        so a write that needs no read before it costs one SQLite call instead of four (``BEGIN
        IMMEDIATE``, a read, the write, ``COMMIT``): a conditional ``INSERT ... SELECT`` checks and
        writes at once.
        """
        with self._lock:
            if self._conn.in_transaction:
                raise RuntimeError("a single-statement write cannot run inside a transaction")
            return self._conn.execute(sql, params).rowcount

    @staticmethod
    def wipe_in(tx: Tx, keep_meta: Sequence[str] = ()) -> None:
        """Delete every row of every table (``meta`` keys in ``keep_meta`` survive) inside a
        transaction the caller holds (and may go on using)."""
        for table in TABLES:
            if table == "meta":
                tx.execute(f"DELETE FROM meta WHERE key NOT IN ({marks(len(keep_meta))})", tuple(keep_meta))
            else:
                tx.execute(f"DELETE FROM {table}")

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __repr__(self) -> str:
        return f"Storage(path={self.path!r})"

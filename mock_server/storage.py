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

import re
import sqlite3
import threading
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from functools import lru_cache
from importlib import resources
from typing import Any

__all__ = ["SCHEMA", "TABLES", "Storage", "Tx", "marks"]

BUSY_TIMEOUT_MS = 30_000

# The tables and indexes, as SQL (package data). ``SCHEMA``: each table's column definitions.
_SQL = resources.files("mock_server").joinpath("schema.sql").read_text(encoding="utf-8")
SCHEMA: dict[str, str] = dict(
    re.findall(r"^CREATE TABLE IF NOT EXISTS (\w+) \((.*?)\n\);", _SQL, re.M | re.S)
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
def _insert_sql(table: str, columns: tuple[str, ...], verb: str = "INSERT", last: str = "?") -> str:
    """``<verb> INTO table (columns) VALUES (?, ..., <last>)``, every name checked."""
    values = ", ".join(["?"] * (len(columns) - 1) + [last])
    return f"{verb} INTO {_check_name(table)} ({', '.join(map(_check_name, columns))}) VALUES ({values})"


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
        sql = _insert_sql(table, (*values, column), "INSERT OR REPLACE", "zeroblob(?)")
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
        return self.one(f"SELECT * FROM {_check_name(table)} WHERE {_check_name(key)} = ?", (key_value,))

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
        if path is not None:
            self._conn.execute("PRAGMA journal_mode = WAL")
            self._conn.execute("PRAGMA synchronous = NORMAL")
        with self.transaction() as tx:
            for statement in _SQL.split(";")[:-1]:
                tx.execute(statement)

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

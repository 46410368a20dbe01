"""Opaque pagination tokens and keyset pages (D-PAGINATION); ``BackendBase._paginate`` names them as
the spec's ``x-huhu-pagination`` says (D-MOCK-PAGINATE).

A page is a run of rows in ``seq`` order after the last row of the previous page, so rows created
between two page requests never shift the pages already handed out. The token carries that last
``seq`` and the list it belongs to, signed so a client cannot forge or reuse it on another list.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from mock_server.errors import Invalid
from mock_server.storage import Tx

__all__ = ["Page", "Pager"]

_SQLITE_MAX_INTEGER = 2**63 - 1  # a larger LIMIT is an OverflowError (a 500)


@dataclass(frozen=True)
class Page:
    rows: list[sqlite3.Row]
    next_token: str | None


class Pager:
    """Makes and reads pagination tokens with one secret."""

    def __init__(self, secret: bytes) -> None:
        self._secret = secret

    def _mac(self, payload: bytes) -> str:
        return hmac.new(self._secret, b"page\n" + payload, hashlib.sha256).hexdigest()[:24]

    @staticmethod
    def _scope(scope: str) -> str:
        return hashlib.sha256(scope.encode()).hexdigest()[:16]

    def encode(self, scope: str, after: int) -> str:
        payload = json.dumps({"s": self._scope(scope), "a": after}, separators=(",", ":")).encode()
        return base64.urlsafe_b64encode(payload).decode().rstrip("=") + "." + self._mac(payload)

    def decode(self, token: str, scope: str, field: str) -> int:
        """The ``seq`` a token continues after; :class:`Invalid` (naming ``field``) if it is not one of
        ours for ``scope``."""
        body, _, mac = token.partition(".")
        try:
            payload = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
        except ValueError:
            payload = b""
        if payload and hmac.compare_digest(self._mac(payload), mac):
            data = json.loads(payload)
            if data.get("s") == self._scope(scope) and isinstance(data.get("a"), int):
                return int(data["a"])
        raise Invalid.field(field, "is not a pagination token of this list")

    def page(
        self,
        tx: Tx,
        *,
        table: str,
        where: str,
        params: Sequence[Any],
        scope: str,
        token: str | None,
        size: int,
        newest_first: bool = False,
        field: str,
    ) -> Page:
        """One page of ``SELECT * FROM table WHERE <where>`` in ``seq`` order (``where`` is code, not input)."""
        sql = f"SELECT * FROM {table} WHERE ({where})"
        args = list(params)
        if token is not None:
            sql += " AND seq < ?" if newest_first else " AND seq > ?"
            args.append(self.decode(token, scope, field))
        sql += f" ORDER BY seq {'DESC' if newest_first else 'ASC'} LIMIT ?"
        args.append(min(size, _SQLITE_MAX_INTEGER - 1) + 1)  # any limit the spec allows, no overflow
        rows = tx.all(sql, args)
        if len(rows) <= size:  # the last page
            return Page(rows, None)
        rows = rows[:size]  # one row more was read only to know another page follows
        return Page(rows, self.encode(scope, int(rows[-1]["seq"])))

"""The mock's request journal: what every ``/public/v1`` request sent, and why the mock answered so.

One :class:`JournalEntry` per request (in arrival order, numbered by ``seq``): the mock's clock
time, method, path (without ``/public/v1``), query, operation id, team (never the key), a summary
of the body, the status, a summary of the answer, the credits charged, and for every refusal the
reason in the API's words (the error body's ``detail``, each field error, or "balance 3 < cost 4").

Summaries are bounded (D-JOURNAL-SUMMARY): a string that holds an image or base64 data is replaced
by its type and size, other long strings are cut, long lists and objects are shortened, and a body
summary never encodes to more than :data:`BODY_CAP` characters (an answer's: :data:`RESPONSE_CAP`).

The journal is a ring buffer of ``size`` entries held in the server process (0 disables it), emptied
by ``POST /_mock/reset``, read through ``GET /_mock/requests`` (filters: ``method``, ``path``,
``status``, ``team``, ``since``, ``after``, ``limit``) and the testing handles' ``requests``.

:func:`install` wires it into a Flask app; the rest of the module does not import Flask, so
``huhu_ext.testing`` can read :class:`JournalEntry` without it.
"""

from __future__ import annotations

import contextlib
import fnmatch
import itertools
import json
import re
import threading
import time
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from flask import Flask, Response
    from werkzeug.wrappers import Request

    from mock_server.models import HuhuBackend

__all__ = [
    "BODY_CAP",
    "DEFAULT_SIZE",
    "RESPONSE_CAP",
    "Journal",
    "JournalEntry",
    "install",
    "journal_of",
    "summarise",
]

DEFAULT_SIZE = 1000
BODY_CAP = 2048  # characters of JSON, at most, in a body summary
RESPONSE_CAP = 2048
STRING_CAP = 160  # characters of a string kept in a summary
LIST_CAP = 10  # items of a list kept in a summary
DICT_CAP = 40  # keys of an object kept in a summary
DEPTH_CAP = 6
PARSE_CAP = 1 << 20  # bodies and answers up to this size are parsed again for their summary
KEEP_BYTES = 16 * 1024  # bodies and answers up to this size are kept as bytes until the journal is read

# Keys of the WSGI environ through which app.py hands the journal what only it knows.
ENV_CALLER = "huhu.caller"
ENV_BODY = "huhu.body"
ENV_PARAMS = "huhu.params"
ENV_START = "huhu.start"

Price = Callable[[str, Any], int]  # (operation id, JSON body) -> the credits the spec charges

_API_PREFIX = "/public/v1"

# How base64 image data starts (the first bytes of each format's magic number, encoded).
_BASE64_MAGIC = {
    "iVBORw0KGgo": "image/png",
    "/9j/": "image/jpeg",
    "UklGR": "image/webp",
    "R0lGOD": "image/gif",
}
_DATA_URI = re.compile(r"\Adata:([\w.+/-]*)(;base64)?,", re.IGNORECASE)
_BASE64_CHARS = re.compile(r"\A[A-Za-z0-9+/=_\-\s]+\Z")


# A run of base64 long enough to be a payload (a signed URL's 64-hex signature stays readable), or
# a shorter run where a cut ended the text (the rest of a payload).
_BASE64_RUN = re.compile(r"[A-Za-z0-9+/=]{80,}|[A-Za-z0-9+/=]{16,}\Z")


def _scrub_run(match: re.Match[str]) -> str:
    return f"<{len(match.group())} chars of base64-like data>"


def _text(value: str, cap: int) -> str:
    """Free text (an error message may quote the bad value) cut to ``cap``, base64 runs replaced."""
    if len(value) <= 80:
        return value
    head = value[: cap * 2]
    cut = len(head) < len(value)
    head = _BASE64_RUN.sub(_scrub_run, head) if cut else _BASE64_RUN.sub(_scrub_run, head + " ")[:-1]
    if len(head) <= cap and not cut:
        return head
    return head[: cap - 1] + f"… ({len(value)} chars)"


def _string(value: str) -> str:
    """A string as the journal shows it: image and base64 payloads by type and size, others capped."""
    if uri := _DATA_URI.match(value):
        return f"<{uri.group(1) or 'data'} data URI, {len(value) - uri.end()} chars>"
    if len(value) >= 16:  # base64 text that starts as an image file does
        for magic, mime in _BASE64_MAGIC.items():
            if value.startswith(magic) and _BASE64_CHARS.match(value[:256]):
                return f"<base64 {mime}, {len(value) * 3 // 4} bytes>"
    if len(value) <= min(STRING_CAP, 80):
        return value
    if len(value) > STRING_CAP and _BASE64_CHARS.match(value[:256]) and " " not in value[:256]:
        return f"<base64 data, {len(value) * 3 // 4} bytes>"
    return _text(value, STRING_CAP)


def _shorten(value: Any, depth: int = 0) -> Any:
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, bool | int | float) or value is None:
        return value
    if depth >= DEPTH_CAP:
        return "…"
    if isinstance(value, Mapping):
        out = {_string(str(k)): _shorten(v, depth + 1) for k, v in itertools.islice(value.items(), DICT_CAP)}
        if len(value) > DICT_CAP:
            out["…"] = f"{len(value) - DICT_CAP} more keys"
        return out
    if isinstance(value, list | tuple):
        items = [_shorten(item, depth + 1) for item in value[:LIST_CAP]]
        if len(value) > LIST_CAP:
            items.append(f"… {len(value) - LIST_CAP} more items")
        return items
    return _string(repr(value))


def summarise(value: Any, cap: int = BODY_CAP) -> Any:
    """``value`` made small: payloads by type and size, long strings cut, and at most ``cap``
    characters once encoded as JSON (beyond that: its top-level keys and its size)."""
    short = _shorten(value)
    size = len(json.dumps(short))
    if size <= cap:
        return short
    keys = list(short)[:DICT_CAP] if isinstance(short, dict) else []
    folded: Any = {"summary": f"{size} chars of JSON, too long to keep", "keys": keys}
    while len(json.dumps(folded)) > cap and folded["keys"]:
        folded["keys"] = folded["keys"][: len(folded["keys"]) // 2]
    return folded if len(json.dumps(folded)) <= cap else f"<{size} chars>"[:cap]


@dataclass(frozen=True)
class JournalEntry:
    """One ``/public/v1`` request as the mock saw it (JSON-ready; no key, no payload)."""

    seq: int
    time: float  # the mock's clock when the request arrived (Unix seconds)
    method: str
    path: str  # without /public/v1
    query: dict[str, str]
    operation_id: str | None  # None for a path the spec does not know
    team_id: str | None  # None when the key was missing, malformed or unknown
    body: Any  # summary (None: no body)
    body_bytes: int
    status: int
    response: Any  # summary
    credits: int  # charged by this request (0 for a refusal)
    reason: str | None  # why it was refused (status >= 400), in the API's words
    duration_ms: float = 0.0

    def as_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> JournalEntry:
        names = cls.__dataclass_fields__
        return cls(**{k: v for k, v in data.items() if k in names})

    @property
    def line(self) -> str:
        """One line for a human: ``POST /task/generate → 402 (balance 3 < cost 4)``."""
        query = "?" + "&".join(f"{k}={v}" for k, v in self.query.items()) if self.query else ""
        credits = f", {self.credits} credits" if self.credits else ""
        reason = f" ({self.reason})" if self.reason else ""
        return f"#{self.seq} {self.method} {self.path}{query} → {self.status}{credits}{reason}"


def _reason(status: int, body: Any) -> str | None:
    """Why a request was refused, in domain words, from the spec's error body."""
    if status < 400:
        return None
    if not isinstance(body, dict):
        return f"HTTP {status}"
    if "credits_required" in body and "credits_available" in body:
        return f"balance {body['credits_available']} < cost {body['credits_required']}"
    errors = body.get("errors")
    if isinstance(errors, list) and errors:
        parts = [
            f"{e.get('field')}: {e.get('message')}" if isinstance(e, dict) else str(e) for e in errors[:5]
        ]
        if len(errors) > 5:
            parts.append(f"and {len(errors) - 5} more")
        return _text("; ".join(parts), 400)
    detail = body.get("detail")
    return _text(str(detail), 400) if detail else f"HTTP {status}"


def _path_filter(path: str) -> str:
    return path.removeprefix(_API_PREFIX) or "/"


@dataclass(frozen=True)
class _Summary:
    """A body or answer summarised (on the request path for large ones: not kept as bytes)."""

    summary: Any
    credits: int = 0
    reason: str | None = None


@dataclass(slots=True)
class _Record:
    """What the request path keeps of one request: references, no work. The summaries, the credits
    and the reason are made from it when the journal is first read (D-JOURNAL-COST)."""

    time: float
    method: str
    path: str
    query: Mapping[str, str]  # the request's (immutable) args, copied when materialised
    operation_id: str | None
    team_id: str | None
    body: bytes | _Summary | None
    body_bytes: int
    status: int
    answer: bytes | _Summary
    duration_ms: float
    seq: int = 0
    entry: JournalEntry | None = None

    def materialise(self, price: Price | None) -> JournalEntry:
        if self.entry is None:
            body = self.body
            if isinstance(body, bytes):
                body = _body_summary(price, self.operation_id, self.status, _json_or_none(body), len(body))
            answer = self.answer if isinstance(self.answer, _Summary) else _answer(self.status, self.answer)
            self.entry = JournalEntry(
                seq=self.seq,
                time=self.time,
                method=self.method,
                path=_path_filter(self.path),
                query={_string(k): _string(v) for k, v in itertools.islice(self.query.items(), DICT_CAP)},
                operation_id=self.operation_id,
                team_id=self.team_id,
                body=None if body is None else body.summary,
                body_bytes=self.body_bytes,
                status=self.status,
                response=answer.summary,
                credits=0 if body is None else body.credits,
                reason=answer.reason,
                duration_ms=self.duration_ms,
            )
            self.body, self.answer = None, b""  # the entry holds what is kept
        return self.entry


def _answer(status: int, data: bytes) -> _Summary:
    """An answer's summary (not JSON: its size) and, for a refusal, its reason."""
    decoded = _json_or_none(data)
    if decoded is None and data:
        decoded = f"<{len(data)} bytes>"
    return _Summary(summarise(decoded, RESPONSE_CAP), reason=_reason(status, decoded))


def _body_summary(
    price: Price | None, operation_id: str | None, status: int, parsed: Any, size: int
) -> _Summary:
    """A request body's summary (``parsed``: its JSON, None when not JSON) and the credits a
    successful request was charged: its price by the spec (D-JOURNAL-CREDITS)."""
    if parsed is None:
        return _Summary(f"<{size} bytes, not JSON>")
    credits = 0
    if price is not None and operation_id and status < 400 and isinstance(parsed, Mapping):
        with contextlib.suppress(KeyError, TypeError, ValueError, LookupError):
            credits = price(operation_id, parsed)
    return _Summary(summarise(parsed, BODY_CAP), credits)


class Journal:
    """A bounded, thread-safe ring buffer of requests (``size`` 0: records nothing).

    ``price(operation_id, body)``: the credits a successful request is charged (the spec's price).
    """

    def __init__(self, size: int = DEFAULT_SIZE, price: Price | None = None) -> None:
        if size < 0:
            raise ValueError("the journal size must not be negative")
        self.size = size
        self.enabled = size > 0
        self.price = price
        self._records: deque[_Record] = deque(maxlen=size or 1)
        self._seq = itertools.count(1)
        self._lock = threading.Lock()  # held briefly by every request
        self._reading = threading.Lock()  # one reader materialises at a time (never blocks requests)

    def __len__(self) -> int:
        return len(self._records) if self.enabled else 0

    def add(self, record: _Record) -> None:
        if self.enabled:
            with self._lock:
                record.seq = next(self._seq)
                self._records.append(record)

    @property
    def oldest(self) -> int | None:
        """The ``seq`` of the oldest entry kept (None when empty): a poller drops what is older."""
        with self._lock:
            return self._records[0].seq if self.enabled and self._records else None

    def clear(self) -> None:
        """Forget every entry (numbering goes on, so a poller never sees an old ``seq`` again)."""
        with self._lock:
            self._records.clear()

    def entries(
        self,
        *,
        method: str | None = None,
        path: str | None = None,
        status: int | str | None = None,
        team: str | None = None,
        since: float | None = None,
        after: int | None = None,
        limit: int | None = None,
    ) -> list[JournalEntry]:
        """The entries that match every filter given, oldest first (``limit``: the newest ones).

        ``path``: with or without ``/public/v1``, shell wildcards allowed (``/task*``), or an operation
        id; ``status``: a code or a class such as ``"4xx"``; ``since``: mock-clock seconds
        (inclusive); ``after``: a ``seq`` (exclusive).
        """
        with self._lock:
            records = list(self._records) if self.enabled else []
        if after is not None:
            records = [r for r in records if r.seq > after]
        with self._reading:
            found = [r.materialise(self.price) for r in records]
        if method is not None:
            wanted = method.upper()
            found = [e for e in found if e.method == wanted]
        if path is not None:  # an operation id, or a path (wildcards allowed)
            pattern = _path_filter(path)
            found = [
                e
                for e in found
                if e.operation_id == path or e.path == pattern or fnmatch.fnmatchcase(e.path, pattern)
            ]
        if status is not None:
            code = str(status).lower()
            if len(code) == 3 and code.endswith("xx"):  # a class: "4xx"
                found = [e for e in found if str(e.status)[0] == code[0]]
            else:
                found = [e for e in found if str(e.status) == code]
        if team is not None:
            found = [e for e in found if e.team_id == team]
        if since is not None:
            found = [e for e in found if e.time >= since]
        if limit is not None:
            found = found[-limit:] if limit > 0 else []
        return found


# -- Flask glue -------------------------------------------------------------------------------------
def journal_of(app: Flask) -> Journal:
    """The journal of an app made by :func:`mock_server.app.create_app`."""
    journal = app.extensions["huhu_journal"]
    assert isinstance(journal, Journal)
    return journal


def _json_or_none(data: bytes) -> Any:
    if data and len(data) <= PARSE_CAP:
        with contextlib.suppress(ValueError, RecursionError):  # RecursionError: nested too deep
            return json.loads(data)
    return None


def capture(journal: Journal, request: Request, status: int, data: bytes, operation_id: str | None) -> None:
    """Keep what the request path knows about this request (cheap: references and small bytes).

    A no-op unless the request was started with :func:`start` (the journal on, a public path).
    """
    environ = request.environ
    start = environ.get(ENV_START)
    if start is None:
        return
    began, clock_time = start
    caller = environ.get(ENV_CALLER)
    raw = environ.get(ENV_BODY)
    body: bytes | _Summary | None = raw
    if raw is None:
        length = str(environ.get("CONTENT_LENGTH") or "0")
        body_bytes = int(length) if length.isdigit() else 0
    else:
        body_bytes = len(raw)
        if body_bytes > KEEP_BYTES:  # an image upload, say: summarised now, its bytes not kept
            params = environ.get(ENV_PARAMS)
            parsed = params if params is not None else _json_or_none(raw)
            body = _body_summary(journal.price, operation_id, status, parsed, body_bytes)
    answer = data if len(data) <= KEEP_BYTES else _answer(status, data)
    journal.add(
        _Record(
            clock_time,
            request.method,
            request.path,
            request.args,
            operation_id,
            None if caller is None else caller.team_id,
            body,
            body_bytes,
            status,
            answer,
            round((time.perf_counter() - began) * 1000, 3),
        )
    )


def start(journal: Journal, backend: HuhuBackend, environ: dict[str, Any]) -> None:
    """Mark a public request's start (time and the mock's clock) when the journal is on."""
    if journal.enabled:
        environ[ENV_START] = (time.perf_counter(), backend.now())


def install(app: Flask, backend: HuhuBackend, size: int = DEFAULT_SIZE) -> Journal:
    """Give ``app`` a journal of ``size`` entries and ``GET /_mock/requests``; return the journal."""
    from flask import Response, request

    from mock_server.errors import Invalid

    journal = Journal(size, price=backend.spec.price)
    app.extensions["huhu_journal"] = journal

    # The hooks read the request object once: every access through Flask's ``request`` proxy costs
    # about as much as the rest of what the journal does on the request path.
    @app.before_request
    def _journal_start() -> None:
        req = request._get_current_object()  # type: ignore[attr-defined]
        if req.path.startswith(_API_PREFIX):
            start(journal, backend, req.environ)

    @app.after_request
    def _journal_record(response: Response) -> Response:
        req = request._get_current_object()  # type: ignore[attr-defined]
        path = req.path
        if path.startswith(_API_PREFIX):
            rule = req.url_rule
            operation_id = rule.endpoint if rule is not None and rule.rule.startswith(_API_PREFIX) else None
            data = response.get_data() if not response.is_streamed else b""
            capture(journal, req, response.status_code, data, operation_id)
        elif path == "/_mock/reset" and req.method == "POST" and response.status_code == 200:
            journal.clear()
        return response

    def requests_view() -> Response:
        args = request.args
        filters: dict[str, Any] = {
            name: args.get(name) or None for name in ("method", "path", "status", "team")
        }
        for name, kind in (("since", float), ("after", int), ("limit", int)):
            if value := args.get(name):
                try:
                    filters[name] = kind(value)
                except ValueError:
                    raise Invalid.field(f"query.{name}", f"must be a number, got {value[:40]!r}") from None
        found = journal.entries(**filters)
        payload = {
            "size": journal.size,
            "enabled": journal.enabled,
            "oldest": journal.oldest,  # seq of the oldest entry kept (None: empty), for pollers
            "requests": [e.as_json() for e in found],
        }
        return Response(json.dumps(payload) + "\n", content_type="application/json")

    app.add_url_rule("/_mock/requests", endpoint="mock_requests", view_func=requests_view, methods=["GET"])
    return journal

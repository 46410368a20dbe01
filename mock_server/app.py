"""The HTTP layer of the mock: a Flask app with thin routes over :class:`~mock_server.models.HuhuBackend`.

* ``/public/v1/...`` — one route per spec operation, registered from ``openapi.json``. Each request
  goes: injected fault (admin API) → API key → query/body validated against the spec → backend.
  The fault, key and due-job checks read one SQLite snapshot (:meth:`HuhuBackend.precheck`).
* ``/_mock/...`` — the admin API (reset, teams, keys, credits, clock, faults, state, ...), the
  signed file downloads and the presigned multipart-upload PUTs.

Every error is the spec's JSON error body (D-ERR), including unknown routes (404) and wrong methods
(405). With ``strict=True`` each public answer is checked against the spec's response schema and a
violation raises :class:`~mock_server.validation.ResponseValidationError` (so do unexpected
exceptions): a mock bug then fails a test loudly instead of hiding behind a 500.
"""

from __future__ import annotations

import hmac
import json
import logging
import sqlite3
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from flask import Flask, Response, g, request
from werkzeug.exceptions import HTTPException
from werkzeug.http import HTTP_STATUS_CODES
from werkzeug.wrappers import Request

from huhu_ext.spec import Operation
from mock_server import elastic, journal, ui
from mock_server.domain import admin
from mock_server.domain.projects import PartBody
from mock_server.domain.shared import MAX_ADVANCE_SECONDS
from mock_server.errors import Invalid, MockError, PayloadTooLarge, clip
from mock_server.guard import ADMIN_TOKEN_HEADER, OPEN_ADMIN_PREFIXES
from mock_server.models import Fault, HuhuBackend
from mock_server.validation import SpecValidator, normalise_numbers

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIApplication, WSGIEnvironment

__all__ = ["API_PREFIX", "MAX_JSON_BYTES", "backend_of", "create_app"]

log = logging.getLogger(__name__)

API_PREFIX = "/public/v1"
MAX_JSON_BYTES = 30 * 1024 * 1024  # a 20 MB image in base64, plus the rest of the body

# The ``code`` of an error answer made here from a bare status (an injected fault, a routing error):
# that of the domain error (a direct MockError subclass) with the status, but for 413 (a fault's 413
# is not the mock's own size limit); any other status is ``internal_error`` (see ``_error``).
_CODES = {400: "validation_error", 405: "method_not_allowed"} | {
    e.status: e.code for e in MockError.__subclasses__() if e is not PayloadTooLarge
}

# What Flask's ``jsonify`` writes outside debug mode (compact, ASCII, key order kept, final newline),
# without its per-call provider lookup and keyword handling. The mock's answers are plain JSON values.
_ENCODER = json.JSONEncoder(ensure_ascii=True, separators=(",", ":"), allow_nan=False)


# The status lines werkzeug writes (``200 OK``).
_STATUS_LINES = {code: f"{code} {phrase.upper()}" for code, phrase in HTTP_STATUS_CODES.items()}


@dataclass(frozen=True, slots=True)
class Answer:
    """A JSON answer before it is a response object: what the fast path writes straight to WSGI."""

    status: int
    data: bytes
    headers: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, payload: Any, status: int = 200, headers: Mapping[str, str] | None = None) -> Answer:
        return cls(status, (_ENCODER.encode(payload) + "\n").encode(), headers or {})

    def all_headers(self) -> dict[str, str]:
        """The headers as sent (those a werkzeug response of the same answer has)."""
        return {"Content-Type": "application/json", "Content-Length": str(len(self.data)), **self.headers}

    def response(self) -> Response:
        return Response(self.data, status=self.status, headers=self.headers, content_type="application/json")

    def send(self, start_response: StartResponse) -> list[bytes]:
        status = _STATUS_LINES.get(self.status) or f"{self.status} UNKNOWN"
        start_response(status, list(self.all_headers().items()))
        return [self.data]


def json_response(payload: Any, status: int = 200, headers: Mapping[str, str] | None = None) -> Response:
    """A JSON response of ``payload``."""
    return Answer.of(payload, status, headers).response()


def _error(
    status: int, detail: str, code: str | None = None, headers: Mapping[str, str] | None = None
) -> Answer:
    body = {"detail": detail, "code": code or _CODES.get(status, "internal_error")}
    return Answer.of(body, status, headers)


def _fault_answer(fault: Fault) -> Answer:
    """An injected fault's error answer; a 429 always says when to retry (1 s unless set)."""
    assert fault.status is not None
    headers = {}
    if fault.retry_after is not None:
        headers["Retry-After"] = str(fault.retry_after)
    elif fault.status == 429:
        headers["Retry-After"] = "1"
    return _error(fault.status, f"Injected fault: HTTP {fault.status}", headers=headers)


def backend_of(app: Flask) -> HuhuBackend:
    """The backend behind an app made by :func:`create_app`."""
    backend = app.extensions["huhu_backend"]
    assert isinstance(backend, HuhuBackend)
    return backend


def _read_body(limit: int, request: Request | None = None) -> bytes:
    """The request body; 413 above ``limit`` (the mock's generous safety limit, D-MOCK-LIMITS)."""
    if request is None:
        request = _current_request()
    length = request.content_length
    if length is not None and length > limit:  # refused before anything is read
        raise PayloadTooLarge(f"The request body is larger than {limit} bytes")
    if length is not None:  # what werkzeug's LimitedStream would read, without building one
        return bytes(request.environ["wsgi.input"].read(length))
    data = request.stream.read(limit + 1)  # chunked: one byte past the limit tells it is exceeded
    if len(data) > limit:
        raise PayloadTooLarge(f"The request body is larger than {limit} bytes")
    return data


_BASE_URLS: dict[tuple[str, str, str, str, str], str] = {}
_MAX_BASE_URLS = 256


def _current_request() -> Request:
    """Flask's request object itself (each access through the ``request`` proxy has a cost)."""
    found: Request = request._get_current_object()  # type: ignore[attr-defined]
    return found


def _base_url(request: Request) -> str:
    """The root URL the caller reached the mock at (``request.url_root`` without its final slash).

    Werkzeug builds it anew for every request (a few percent of a request's cost); here it is
    memoised by the WSGI environ values it is made of, so a server answering on one host builds it
    once. The memo is bounded: ``Host`` is chosen by the client.
    """
    environ = request.environ
    key = (
        environ.get("wsgi.url_scheme", ""),
        environ.get("HTTP_HOST", ""),
        environ.get("SERVER_NAME", ""),
        str(environ.get("SERVER_PORT", "")),
        environ.get("SCRIPT_NAME", ""),
    )
    found = _BASE_URLS.get(key)
    if found is None:
        found = request.url_root.rstrip("/")
        if len(_BASE_URLS) >= _MAX_BASE_URLS:
            _BASE_URLS.clear()
        _BASE_URLS[key] = found
    return found


@dataclass(frozen=True, slots=True)
class _PublicApi:
    """The ``/public/v1`` views, one per spec operation."""

    backend: HuhuBackend
    validator: SpecValidator
    strict: bool

    def view(self, op: Operation) -> Callable[[], Response]:
        def handle() -> Response:
            return self.handle(op, _current_request()).response()

        handle.__name__ = op.operation_id
        return handle

    def handle(self, op: Operation, request: Request) -> Answer:
        """Answer one public request of ``op`` (MockError answers included; other exceptions raise)."""
        authorization = request.environ.get("HTTP_AUTHORIZATION")
        # One snapshot for the pre-checks: any fault pending, the next job event, the key's rows.
        precheck = self.backend.precheck(authorization)
        if precheck.faults:
            fault = self.backend.take_fault(request.method, op.path)
            if fault is not None:
                if fault.latency_seconds > 0:
                    with elastic.waiting():  # the others go on meanwhile (D-MOCK-THREADS-ELASTIC)
                        time.sleep(fault.latency_seconds)
                if fault.status is not None:
                    return _fault_answer(fault)
                precheck = self.backend.precheck(authorization)  # the state may have changed meanwhile
        try:
            caller = self.backend.authenticate(authorization, base_url=_base_url(request), precheck=precheck)
            request.environ[journal.ENV_CALLER] = caller
            params = self.validator.parse_query(op, request.args)
            if "requestBody" in op.raw:
                raw = request.environ[journal.ENV_BODY] = _read_body(MAX_JSON_BYTES, request)
                params = self.validator.parse_body(op, raw)
                request.environ[journal.ENV_PARAMS] = params
            answer = Answer.of(self.backend.handle(op.operation_id, caller, params, precheck=precheck))
        except MockError as exc:  # a refusal: the spec's error body
            answer = Answer.of(exc.body(), exc.status, exc.headers())
        if self.strict and answer.status != PayloadTooLarge.status:  # 413: the gateway's answer
            self.validator.check_response(op, answer.status, json.loads(answer.data), answer.all_headers())
        return answer


def _object(properties: Mapping[str, Any], required: tuple[str, ...] = ()) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": dict(properties),
        "required": list(required),
        "additionalProperties": False,
    }


def _range(low: float, high: float, kind: str = "integer") -> dict[str, Any]:
    return {"type": kind, "minimum": low, "maximum": high}


_STR = {"type": "string", "minLength": 1, "maxLength": 200}
_CREDITS = _range(0, admin.MAX_CREDITS)
_SLOTS = _range(0, admin.MAX_SLOTS)
ADMIN_SCHEMAS: dict[str, dict[str, Any]] = {
    "teams": _object({"credits": _CREDITS, "slots": _SLOTS, "plan_status": _STR, "api_key": _STR}),
    "keys": _object({"team_id": _STR, "program_id": _STR}, ("team_id",)),
    "revoke": _object({"api_key": {"type": "string", "maxLength": 200}}, ("api_key",)),
    "credits": _object({"credits": _CREDITS, "team_id": _STR, "api_key": _STR}, ("credits",)),
    "slots": _object({"slots": _SLOTS, "team_id": _STR, "api_key": _STR}, ("slots",)),
    "share": _object({"program_id": _STR, "team_id": _STR}, ("program_id", "team_id")),
    "advance": _object({"seconds": _range(0, MAX_ADVANCE_SECONDS, "number")}, ("seconds",)),
    "faults": _object(
        {
            "path": _STR,
            "method": {"type": "string", "pattern": "^([A-Za-z]+|\\*)$"},
            "status": _range(400, 599),
            "count": _range(1, admin.MAX_COUNT),
            "latency_seconds": _range(0, admin.MAX_LATENCY_SECONDS, "number"),
            "retry_after": _range(0, admin.MAX_RETRY_AFTER),
        },
        ("path",),
    ),
    # The statuses a task may be set to: its x-huhu-lifecycle's admin targets (admin.py checks them).
    "task_status": _object({"task_id": _STR, "status": _STR}, ("task_id", "status")),
    "fail": _object({"count": _range(0, admin.MAX_COUNT), "kind": _STR, "ref_id": _STR}),
}


# Admin routes that call one backend method (by name, on the backend itself) with the fields of their
# body, validated by ``ADMIN_SCHEMAS[schema]`` (None: no body), as keyword arguments; they answer its
# result, or ``{"message": "success"}`` when it returns nothing.
_ADMIN_CALLS: dict[str, tuple[str, str | None, str]] = {
    "/_mock/reset": ("reset", None, "POST"),
    "/_mock/teams": ("create_team", "teams", "POST"),
    "/_mock/keys": ("create_key", "keys", "POST"),
    "/_mock/keys/revoke": ("revoke_key", "revoke", "POST"),
    "/_mock/credits": ("set_credits", "credits", "POST"),
    "/_mock/slots": ("set_slots", "slots", "POST"),
    "/_mock/programs/share": ("share_program", "share", "POST"),
    "/_mock/tasks/status": ("set_task_status", "task_status", "POST"),
    "/_mock/state": ("dump_state", None, "GET"),
}


def _register_admin(app: Flask, backend: HuhuBackend, validator: SpecValidator) -> None:
    def body(name: str) -> dict[str, Any]:
        """An admin request's JSON body, validated against ``ADMIN_SCHEMAS[name]`` (``{}`` when empty)."""
        schema = ADMIN_SCHEMAS[name]
        raw = _read_body(MAX_JSON_BYTES)
        found = validator.parse_json(raw) if raw.strip() else {}
        if errors := validator.check(schema, found, "body"):
            raise Invalid(errors)
        assert isinstance(found, dict)
        return dict(normalise_numbers(schema, found))

    @app.get("/_mock/health", endpoint="mock_health")
    def health() -> Response:
        return json_response({"status": "ok"})

    for rule, (name, schema, method) in _ADMIN_CALLS.items():

        def view(name: str = name, schema: str | None = schema) -> Response:
            result = getattr(backend, name)(**({} if schema is None else body(schema)))
            return json_response({"message": "success"} if result is None else result)

        app.add_url_rule(rule, endpoint="mock_" + name, view_func=view, methods=[method])

    @app.get("/_mock/clock", endpoint="mock_clock")
    def clock() -> Response:
        return json_response({"now": backend.now(), "clock": "manual" if backend.clock.manual else "real"})

    @app.post("/_mock/clock/advance", endpoint="mock_advance_clock")
    def advance_clock() -> Response:
        return json_response({"now": backend.advance_clock(float(body("advance")["seconds"]))})

    @app.route("/_mock/faults", methods=["POST", "DELETE"], endpoint="mock_faults")
    def faults() -> Response:
        if request.method == "DELETE":
            backend.clear_faults()
        else:
            backend.add_fault(**body("faults"))
        return json_response({"message": "success"})

    @app.post("/_mock/jobs/fail", endpoint="mock_fail_jobs")
    def fail_jobs() -> Response:
        args = body("fail")
        if "ref_id" in args:
            backend.fail_job(args["ref_id"])
        else:
            backend.fail_next_jobs(args.get("count", 1), kind=args.get("kind"))
        return json_response({"message": "success"})

    @app.get("/_mock/files/<path:path>", endpoint="mock_download")
    def download(path: str) -> Response:
        found = backend.read_file(path, request.args)
        return Response(found.data, mimetype=found.mime, headers={"Cache-Control": "private, max-age=60"})

    @app.put("/_mock/s3/<path:key>", endpoint="mock_upload_part")
    def upload_part(key: str) -> Response:
        length = request.content_length
        if length is None:  # chunked: read whole (at most one part)
            etag = backend.upload_part(key, request.args, _read_body(backend.part_size))
        else:
            if length > backend.part_size:
                raise PayloadTooLarge(
                    f"The part is larger than the upload's part size ({backend.part_size} bytes)"
                )
            body = PartBody(request.environ["wsgi.input"], length)  # copied into SQLite in chunks
            etag = backend.upload_part(key, request.args, body)
        # As S3: 200, an empty body and the ETag header. An empty body has no content type.
        response = Response(b"", status=200, headers={"ETag": etag})
        del response.headers["Content-Type"]
        return response


class _MockFlask(Flask):
    """Flask, with the automatic ``OPTIONS`` answer in JSON like every other answer (D-MOCK-JSON)."""

    def make_default_options_response(self) -> Response:
        allowed = sorted(super().make_default_options_response().allow)
        return json_response({"allowed_methods": allowed}, headers={"Allow": ", ".join(allowed)})


ADMIN_COOKIE = "huhu_mock_admin_token"


def _guard_admin(app: Flask, token: str) -> None:
    """Hooks: ``/_mock/`` routes answer 401 without the admin token.

    Scripts send it as the header; a browser opens ``/_mock/ui?admin_token=...`` once and gets it as
    an HttpOnly, same-site cookie, which the dashboard's own requests then carry (D-JOURNAL-UI)."""
    expected = token.encode()

    @app.before_request
    def check() -> Response | None:
        path = request.path
        if not path.startswith("/_mock/") or path.startswith(OPEN_ADMIN_PREFIXES):
            return None
        from_link = request.args.get("admin_token", "") if path.startswith("/_mock/ui") else ""
        given = request.headers.get(ADMIN_TOKEN_HEADER) or request.cookies.get(ADMIN_COOKIE) or from_link
        if hmac.compare_digest(given.encode(), expected):
            if from_link:
                g.huhu_admin_cookie = True
            return None
        detail = f"The admin API needs the header {ADMIN_TOKEN_HEADER} with the mock's admin token"
        return _error(401, detail).response()

    @app.after_request
    def set_cookie(response: Response) -> Response:
        if g.pop("huhu_admin_cookie", False):
            response.set_cookie(ADMIN_COOKIE, token, httponly=True, samesite="Strict", path="/_mock/")
        return response


def create_app(
    backend: HuhuBackend | None = None,
    *,
    strict: bool = False,
    admin_token: str | None = None,
    journal_size: int = journal.DEFAULT_SIZE,
    **options: Any,
) -> Flask:
    """The mock as a WSGI app.

    Pass a ready ``backend`` or the :class:`~mock_server.models.HuhuBackend` keyword options
    (``db_path``, ``api_key``, ``clock``, ``job_seconds``, ``tryon_seconds``, ``page_size``,
    ``url_ttl_seconds``, ``part_size``, ``upload_ttl_seconds``). ``strict`` checks every public
    answer against the spec and lets unexpected exceptions propagate. With ``admin_token`` every
    admin route but the signed file and part URLs and ``/_mock/health`` needs the header
    ``X-Huhu-Mock-Admin-Token`` (D-MOCK-ADMIN-GUARD); ``huhu-mock serve`` requires one off loopback. ``journal_size``: requests kept by the request journal
    (``GET /_mock/requests``, :mod:`mock_server.journal`; 0 disables it).
    """
    if backend is not None and options:
        raise TypeError("pass either a backend or backend options, not both")
    if admin_token is not None and not admin_token:
        raise ValueError("admin_token must not be empty")
    backend = backend or HuhuBackend(**options)
    validator = SpecValidator(backend.spec)
    app = _MockFlask("mock_server")
    app.extensions["huhu_backend"] = backend
    app.config["PROPAGATE_EXCEPTIONS"] = strict or None
    app.json.sort_keys = False  # type: ignore[attr-defined]
    app.url_map.strict_slashes = False
    app.url_map.merge_slashes = False  # '//' is no route (a JSON 404), not an HTML redirect
    if admin_token is not None:
        _guard_admin(app, admin_token)

    public = _PublicApi(backend, validator, strict)
    for op in backend.spec.operations.values():
        app.add_url_rule(
            API_PREFIX + op.path, endpoint=op.operation_id, view_func=public.view(op), methods=[op.method]
        )
    _register_admin(app, backend, validator)
    requests = journal.install(app, backend, journal_size)
    ui.install(app, backend, requests)

    @app.errorhandler(Exception)  # HTTPException and MockError included (Flask looks up by MRO)
    def unexpected(exc: Exception) -> Response:
        return _failure(exc, _current_request(), strict).response()

    app.wsgi_app = _FastPath(app.wsgi_app, public, requests)  # type: ignore[method-assign]
    return app


def _failure(exc: Exception, request: Request, strict: bool) -> Answer:
    """The answer to an exception no view handled."""
    if isinstance(exc, MockError):
        return Answer.of(exc.body(), exc.status, exc.headers())
    if isinstance(exc, HTTPException) and exc.code == 404:
        return _error(404, clip(f"No route {request.method} {request.path}"))
    if isinstance(exc, HTTPException) and exc.code == 405:
        allowed = sorted(getattr(exc, "valid_methods", None) or [])
        return _error(
            405,
            clip(f"Method {request.method} is not allowed on {request.path}; allowed: {', '.join(allowed)}"),
            headers={"Allow": ", ".join(allowed)},
        )
    if isinstance(exc, HTTPException):
        return _error(exc.code or 500, exc.description or exc.name)
    if isinstance(exc, sqlite3.OperationalError) and ("locked" in str(exc) or "busy" in str(exc)):
        # Another process held SQLite's write lock longer than the busy timeout: a moment's
        # congestion, not a bug. The caller may retry (D-MOCK-BUSY).
        log.warning("database busy in %s %s: %s", request.method, request.path, exc)
        return _error(
            503, "The mock's database is busy; retry shortly", "internal_error", {"Retry-After": "1"}
        )
    # Last resort: a bug in the mock. Strict mode (tests) re-raises so the bug is seen.
    if strict:
        raise exc
    log.exception("unexpected error in %s %s", request.method, request.path)
    return _error(500, f"Internal error in the mock: {type(exc).__name__}", code="internal_error")


class _FastPath:
    """WSGI middleware: the public operations, answered without Flask's dispatch (D-MOCK-FAST-PATH).

    Flask's per-request machinery (request and app contexts, URL adapter, hooks, signals) costs
    about as much as a whole ``POST /project``. A request whose method and path are exactly an
    operation's goes straight to :meth:`_PublicApi.handle` with a plain werkzeug request and the
    same journal, error answers and strict mode; everything else (admin API, dashboard, unknown
    routes, ``HEAD``, ``OPTIONS``, a trailing slash) goes through Flask as before.
    """

    def __init__(self, flask_app: WSGIApplication, public: _PublicApi, log: journal.Journal) -> None:
        self.flask_app = flask_app
        self.public = public
        self.journal = log
        self.routes = {
            (op.method.upper(), API_PREFIX + op.path): op for op in public.backend.spec.operations.values()
        }

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        op = self.routes.get((environ.get("REQUEST_METHOD", ""), environ.get("PATH_INFO", "")))
        if op is None:
            return self.flask_app(environ, start_response)
        request = Request(environ, populate_request=False)  # no environ <-> request cycle
        journal.start(self.journal, self.public.backend, environ)
        try:
            answer = self.public.handle(op, request)
        except Exception as exc:  # answered as the Flask error handlers would
            answer = _failure(exc, request, self.public.strict)
        journal.capture(self.journal, request, answer.status, answer.data, op.operation_id)
        return answer.send(start_response)

"""``huhu-mock``: run the mock Huhu API on a production WSGI server (waitress).

``huhu-mock serve`` binds loopback unless told otherwise, creates (or, with ``--db``, reuses) the
default team whose key is ``--api-key`` (:data:`~mock_server.models.DEFAULT_API_KEY` if omitted),
prints the base URL and the key, and stops cleanly on SIGINT or SIGTERM. Every change is committed
to SQLite when it is made, so stopping loses nothing. Bound to anything but loopback it refuses
to start without an admin token (``--admin-token`` / ``HUHU_MOCK_ADMIN_TOKEN``, D-MOCK-ADMIN-GUARD).
One worker thread serves by default, plus one per request waiting on slow work
(D-MOCK-THREADS-ELASTIC).

``--workers N`` (N > 1, where ``os.fork`` exists) pre-forks N server processes that accept on one
listening socket and share one SQLite file (``--db``, or a temporary file removed at exit), so the
mock can use more than one core. Credits and slots stay exact: every change is a ``BEGIN IMMEDIATE``
transaction on the shared file. The manual clock belongs to one process (D-MOCK-CLOCK), so several
workers need ``--clock real``.
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import logging
import os
import shutil
import signal
import socket
import sys
import tempfile
from collections.abc import Callable
from types import FrameType
from typing import Any, TypeVar

from huhu_ext.spec import load_spec
from mock_server import elastic, journal
from mock_server.domain.shared import MAX_ADVANCE_SECONDS, UPLOAD_TTL_SECONDS
from mock_server.fidelity import parse_price, with_prices
from mock_server.guard import ADMIN_TOKEN_ENV, ADMIN_TOKEN_HEADER, admin_guard_problem
from mock_server.models import DEFAULT_API_KEY, HuhuBackend, is_api_key

__all__ = ["build_parser", "main"]

T = TypeVar("T")


def _checked(
    name: str, convert: Callable[[str], T], ok: Callable[[T], bool], problem: str
) -> Callable[[str], T]:
    """An argparse ``type`` called ``name``: ``convert`` the text, refuse a value that is not ``ok``."""

    def parse(text: str) -> T:
        value = convert(text)
        if not ok(value):  # also for NaN: every comparison with it is false
            raise argparse.ArgumentTypeError(problem)
        return value

    parse.__name__ = name  # argparse says "invalid <name> value" when ``convert`` fails
    return parse


_non_negative = _checked("_non_negative", float, lambda v: v >= 0, "must be a number >= 0")
_positive_seconds = _checked(
    "_positive_seconds",
    float,
    lambda v: 0 < v <= MAX_ADVANCE_SECONDS,
    f"must be a number of seconds > 0 and <= {MAX_ADVANCE_SECONDS:.0f}",
)
_positive_int = _checked("_positive_int", int, lambda v: v >= 1, "must be an integer >= 1")
_non_negative_int = _checked("_non_negative_int", int, lambda v: v >= 0, "must be an integer >= 0")
_port = _checked("_port", int, lambda v: 0 <= v <= 65535, "must be between 0 and 65535 (0: any free port)")
_api_key = _checked("_api_key", str, is_api_key, "must be 'sk-' followed by 48 hexadecimal characters")


def _price(text: str) -> tuple[str, int]:
    try:
        return parse_price(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


# The help of each option of ``huhu-mock serve`` (declared in :func:`build_parser`).
_SERVE_HELP = {
    "--host": "interface to bind (default: loopback only)",
    "--port": "TCP port (default 8080; 0 picks a free one)",
    "--db": "SQLite file that keeps state across restarts (default: memory)",
    "--api-key": "key of the default team (default: $HUHU_MOCK_API_KEY or the documented mock key)",
    "--clock": "real time, or a clock advanced by POST /_mock/clock/advance",
    "--job-seconds": "duration of a job (default 2)",
    "--tryon-seconds": "duration of a try-on task (default: --job-seconds; the real API takes about 90)",
    "--page-size": "items per page of paginated lists",
    "--threads": "worker threads (default 1, the most requests/s with the GIL); each request that waits"
    " on slow work (injected latency, decoding uploads) adds one while it waits (D-MOCK-THREADS-ELASTIC)",
    "--workers": "server processes on the same port and SQLite file (default 1; more need --clock real;"
    " without --db they share a temporary file)",
    "--upload-ttl": "an open zip upload and its parts are deleted after this many seconds"
    " (default 86400: 24 h)",
    "--admin-token": f"token the admin API (/_mock/) requires in the header {ADMIN_TOKEN_HEADER} (default:"
    f" ${ADMIN_TOKEN_ENV}); required when --host is not a loopback address",
    "--strict": "check every answer against the spec",
    "--extras": "also answer (and accept) the mock-only convenience fields marked x-huhu-mock-extra in the"
    " spec; off by default so code tested here does not depend on them (D-MOCK-EXTRAS)",
    "--price": "credits of a priced operation (operationId or credit-history name, e.g. generate_tasks=3,"
    " create_video.10=40); repeatable; default: the spec's x-huhu-credits",
    "--journal-size": "requests kept by the request journal (GET /_mock/requests, /_mock/ui); 0 disables it",
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="huhu-mock", description="Stateful offline mock of the Huhu public API v1."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="serve the mock over HTTP")

    def option(flag: str, **settings: Any) -> None:
        serve.add_argument(flag, help=_SERVE_HELP[flag], **settings)

    option("--host", default="127.0.0.1")
    option("--port", type=_port, default=8080)
    option("--db", metavar="PATH")
    option("--api-key", type=_api_key, default=os.environ.get("HUHU_MOCK_API_KEY") or DEFAULT_API_KEY)
    option("--clock", choices=("real", "manual"), default="real")
    option("--job-seconds", type=_non_negative, default=2.0)
    option("--tryon-seconds", type=_non_negative, default=None)
    option("--page-size", type=_positive_int, default=50)
    option("--threads", type=_positive_int, default=1)
    option("--workers", type=_positive_int, default=1)
    option("--upload-ttl", type=_positive_seconds, default=UPLOAD_TTL_SECONDS, metavar="SECONDS")
    option("--admin-token", default=os.environ.get(ADMIN_TOKEN_ENV) or None)
    option("--strict", action="store_true")
    option("--extras", action="store_true")
    option("--price", action="append", type=_price, default=[], metavar="OP=N")
    option("--journal-size", type=_non_negative_int, default=journal.DEFAULT_SIZE)
    return parser


def _stop(signum: int, frame: FrameType | None) -> None:
    raise SystemExit(0)


def _backend(args: argparse.Namespace, db: str | None) -> HuhuBackend:
    # The options named as HuhuBackend's parameters, passed as they are.
    as_is = ("api_key", "clock", "job_seconds", "tryon_seconds", "page_size", "extras")
    return HuhuBackend(
        db_path=db,
        prices=dict(args.price),
        upload_ttl_seconds=args.upload_ttl,
        **{name: getattr(args, name) for name in as_is},
    )


def _announce(args: argparse.Namespace, port: int, db: str) -> None:
    from mock_server.app import API_PREFIX

    host = args.host if ":" not in args.host else f"[{args.host}]"
    base = f"http://{host}:{port}"
    print(f"huhu-mock serving {base}{API_PREFIX}", flush=True)
    print(f"API key: {args.api_key}", flush=True)
    print(f"admin API: {base}/_mock/ (clock: {args.clock}, db: {db})", flush=True)


def _run(
    args: argparse.Namespace, db: str | None, listen: socket.socket | None, announce: str | None
) -> None:
    """Serve until SIGINT/SIGTERM: on ``args.host``/``args.port``, or on an inherited ``listen`` socket."""
    import waitress

    from mock_server.app import create_app

    backend = _backend(args, db)
    # waitress warns "Task queue depth is N" whenever requests wait for a free thread: under load
    # that is every request (a log line each, on the request path), and for a mock it is no fault.
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)
    try:
        app = create_app(
            backend, strict=args.strict, admin_token=args.admin_token, journal_size=args.journal_size
        )
        where: dict[str, Any] = (
            {"sockets": [listen]} if listen is not None else {"host": args.host, "port": args.port}
        )
        server = waitress.create_server(
            app, threads=args.threads, ident="huhu-mock", outbuf_high_watermark=OUTBUF_HIGH_WATERMARK, **where
        )
        elastic.attach(server.task_dispatcher, args.threads)
        if announce is not None:
            _announce(args, server.effective_port, announce)
        server.run()  # returns after SIGINT/SIGTERM, once waitress has closed its sockets
    finally:
        elastic.detach()
        backend.close()


def _return_freed_memory() -> None:
    """Make glibc give large freed blocks back to the system (D-MOCK-MEMORY).

    glibc raises its mmap threshold each time a large block is freed (up to 32 MB), after which
    blocks of that size come from the heap and stay in the process when freed: one 25 MB upload
    then keeps ~50 MB resident for good. A fixed threshold keeps every block >= 1 MB in its own
    mapping, returned on free.
    """
    if not sys.platform.startswith("linux"):
        return
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").mallopt(_M_MMAP_THRESHOLD, 1 << 20)


_M_MMAP_THRESHOLD = -3
# A worker thread blocks while more than this is waiting to go out on its connection: above every
# file the mock serves (20 MB images), so a slow download never holds the one worker thread.
OUTBUF_HIGH_WATERMARK = 64 * 1024 * 1024


def serve(args: argparse.Namespace) -> int:
    _return_freed_memory()
    # Handlers first: a signal that arrives while starting up still stops the server cleanly.
    previous = {sig: signal.signal(sig, _stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        if args.workers > 1:
            _serve_workers(args)
        else:
            _run(args, args.db, None, args.db or "in memory")
    except SystemExit as exc:
        if exc.code not in (0, None):
            raise
    except OSError as exc:  # a busy port, an unknown host: one line, no traceback
        print(f"huhu-mock: cannot serve on {args.host}:{args.port}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    print("huhu-mock stopped", flush=True)
    return 0


def _bound_socket(family: socket.AddressFamily, host: str, port: int, reuse_port: bool) -> socket.socket:
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        if reuse_port:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        sock.bind((host, port))
    except BaseException:
        sock.close()
        raise
    return sock


def _serve_workers(args: argparse.Namespace) -> None:
    """Pre-fork ``args.workers`` processes accepting on one socket, sharing one SQLite file."""
    temp_dir = None if args.db else tempfile.mkdtemp(prefix="huhu-mock-")
    db = args.db or os.path.join(temp_dir or "", "mock.sqlite3")
    children: list[int] = []
    try:
        _backend(args, db).close()  # schema, signing secret and default team: once, before the workers
        family = socket.AF_INET6 if ":" in args.host else socket.AF_INET
        reuse_port = hasattr(socket, "SO_REUSEPORT") and sys.platform.startswith("linux")
        with _bound_socket(family, args.host, args.port, reuse_port) as reserved:
            port = reserved.getsockname()[1]
            if not reuse_port:
                reserved.listen(1024)  # one queue, inherited by every worker
            ready_r, ready_w = os.pipe()  # each worker writes one byte once it listens
            for _ in range(args.workers):
                pid = os.fork()
                if pid == 0:  # pragma: no cover - runs in the child (covered by the server tests)
                    code = 0
                    try:
                        if reuse_port:  # its own queue: the kernel spreads connections over the workers
                            reserved.close()
                            listen = _bound_socket(family, args.host, port, True)
                            listen.listen(1024)
                        else:
                            listen = reserved
                        os.close(ready_r)
                        os.write(ready_w, b"1")
                        os.close(ready_w)
                        _run(args, db, listen, None)
                    except SystemExit as exc:
                        code = exc.code if isinstance(exc.code, int) else 0
                    except BaseException:
                        code = 1
                    os._exit(code)
                children.append(pid)
            os.close(ready_w)
            with open(ready_r, "rb") as ready:  # announce only once every worker accepts connections
                if len(ready.read(args.workers)) < args.workers:  # reads until all wrote, or EOF
                    raise SystemExit(1)  # a worker died before it listened
            db_text = args.db or f"temporary file {db}"
            _announce(args, port, f"{db_text}, {args.workers} workers")
            while children:  # until a signal (SystemExit from _stop) or a worker exits on its own
                pid, _status = os.wait()
                if pid in children:
                    children.remove(pid)
                    raise SystemExit(1)
    finally:
        for pid in children:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGTERM)
        for pid in children:
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, 0)
        if temp_dir is not None:
            shutil.rmtree(temp_dir, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``huhu-mock`` console script; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)  # "serve", the only command
    problem = admin_guard_problem(args.host, args.admin_token)
    if problem is not None:
        parser.error(problem)
    if args.workers > 1 and args.clock != "real":
        parser.error(
            "--workers > 1 needs --clock real: the manual clock belongs to one process (D-MOCK-CLOCK)"
        )
    if args.workers > 1 and not hasattr(os, "fork"):
        parser.error("--workers > 1 needs os.fork (not available on this platform)")
    if args.price:
        try:
            with_prices(load_spec(), dict(args.price))
        except ValueError as exc:
            parser.error(f"--price: {exc}")
    return serve(args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

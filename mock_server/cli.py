"""``huhu-mock``: run the mock Huhu API on a production WSGI server (waitress).

``huhu-mock serve`` binds loopback unless told otherwise, creates (or, with ``--db``, reuses) the
default team whose key is ``--api-key`` (:data:`~mock_server.models.DEFAULT_API_KEY` if omitted),
prints the base URL and the key, and stops cleanly on SIGINT or SIGTERM. Every change is committed
to SQLite when it is made, so stopping loses nothing.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
from types import FrameType

from mock_server.models import DEFAULT_API_KEY, HuhuBackend, is_api_key

__all__ = ["build_parser", "main"]


def _non_negative(text: str) -> float:
    value = float(text)
    if value < 0 or value != value:
        raise argparse.ArgumentTypeError("must be a number >= 0")
    return value


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be an integer >= 1")
    return value


def _port(text: str) -> int:
    value = int(text)
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError("must be between 0 and 65535 (0: any free port)")
    return value


def _api_key(text: str) -> str:
    if not is_api_key(text):
        raise argparse.ArgumentTypeError("must be 'sk-' followed by 48 hexadecimal characters")
    return text


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="huhu-mock", description="Stateful offline mock of the Huhu public API v1."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="serve the mock over HTTP")
    serve.add_argument("--host", default="127.0.0.1", help="interface to bind (default: loopback only)")
    serve.add_argument("--port", type=_port, default=8080, help="TCP port (default 8080; 0 picks a free one)")
    serve.add_argument(
        "--db", metavar="PATH", help="SQLite file that keeps state across restarts (default: memory)"
    )
    serve.add_argument(
        "--api-key",
        type=_api_key,
        default=os.environ.get("HUHU_MOCK_API_KEY") or DEFAULT_API_KEY,
        help="key of the default team (default: $HUHU_MOCK_API_KEY or the documented mock key)",
    )
    serve.add_argument(
        "--clock",
        choices=("real", "manual"),
        default="real",
        help="real time, or a clock advanced by POST /_mock/clock/advance",
    )
    serve.add_argument("--job-seconds", type=_non_negative, default=2.0, help="duration of a job (default 2)")
    serve.add_argument(
        "--tryon-seconds",
        type=_non_negative,
        default=None,
        help="duration of a try-on task (default: --job-seconds; the real API takes about 90)",
    )
    serve.add_argument(
        "--page-size", type=_positive_int, default=50, help="items per page of paginated lists"
    )
    serve.add_argument("--threads", type=_positive_int, default=8, help="worker threads (default 8)")
    serve.add_argument("--strict", action="store_true", help="check every answer against the spec")
    return parser


def _stop(signum: int, frame: FrameType | None) -> None:
    raise SystemExit(0)


def serve(args: argparse.Namespace) -> int:
    import waitress

    from mock_server.app import API_PREFIX, create_app

    # Handlers first: a signal that arrives while starting up still stops the server cleanly.
    previous = {sig: signal.signal(sig, _stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        backend = HuhuBackend(
            db_path=args.db,
            api_key=args.api_key,
            clock=args.clock,
            job_seconds=args.job_seconds,
            tryon_seconds=args.tryon_seconds,
            page_size=args.page_size,
        )
        try:
            app = create_app(backend, strict=args.strict)
            server = waitress.create_server(
                app, host=args.host, port=args.port, threads=args.threads, ident="huhu-mock"
            )
            host = args.host if ":" not in args.host else f"[{args.host}]"
            base = f"http://{host}:{server.effective_port}"
            print(f"huhu-mock serving {base}{API_PREFIX}", flush=True)
            print(f"API key: {args.api_key}", flush=True)
            print(f"admin API: {base}/_mock/ (clock: {args.clock}, db: {args.db or 'in memory'})", flush=True)
            server.run()  # returns after SIGINT/SIGTERM, once waitress has closed its sockets
        finally:
            backend.close()
    except SystemExit as exc:
        if exc.code not in (0, None):
            raise
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    print("huhu-mock stopped", flush=True)
    return 0


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``huhu-mock`` console script; returns the exit status."""
    args = build_parser().parse_args(argv)
    if args.command == "serve":
        return serve(args)
    return 2  # pragma: no cover - argparse requires a command


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

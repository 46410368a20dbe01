"""The ``huhu`` logger, and the redaction that keeps API keys out of every log line and message.

``HUHU_LOG=debug`` (or ``info``, ``warning``...) attaches a stderr handler to the ``huhu`` logger.
Every logger the client writes to carries a :class:`RedactingFilter`, which scrubs anything that
looks like an API key (``sk-`` + hex), bearer credentials, and the exact keys registered with it.
"""

from __future__ import annotations

import logging
import os
import re
import sys
import threading
from collections.abc import Iterable

__all__ = ["LOGGER_NAME", "RedactingFilter", "configure_from_env", "get_logger", "redact", "register_secret"]

LOGGER_NAME = "huhu"
REDACTED = "[REDACTED]"

_KEY_PATTERN = re.compile(r"sk-[0-9a-fA-F]{8,}")
_BEARER_PATTERN = re.compile(r"(?i)(bearer\s+)[^\s'\",]+")

_MIN_SECRET_LENGTH = 8  # shorter strings would redact ordinary words

_env_lock = threading.Lock()
_env_handler: logging.Handler | None = None
_registered: frozenset[str] = frozenset()  # replaced, never mutated: safe to read from any thread


def register_secret(secret: str) -> None:
    """Redact ``secret`` everywhere from now on (keys that do not look like ``sk-`` + hex, too)."""
    global _registered
    if len(secret) >= _MIN_SECRET_LENGTH:
        with _env_lock:
            _registered = _registered | {secret}


def redact(text: str, secrets: Iterable[str] = ()) -> str:
    """``text`` with API keys, bearer credentials, registered and given secrets replaced by ``[REDACTED]``."""
    for secret in sorted({*_registered, *secrets}, key=len, reverse=True):
        if len(secret) >= _MIN_SECRET_LENGTH:
            text = text.replace(secret, REDACTED)
    text = _BEARER_PATTERN.sub(rf"\g<1>{REDACTED}", text)
    return _KEY_PATTERN.sub(REDACTED, text)


class RedactingFilter(logging.Filter):
    """Rewrites a record's message so that no key survives; never drops a record.

    Attach it to a logger *and* to handlers you add: logger filters do not see records that
    propagate from child loggers.
    """

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        super().__init__()
        self._secrets: set[str] = {s for s in secrets if len(s) >= _MIN_SECRET_LENGTH}

    def add_secret(self, secret: str) -> None:
        if len(secret) >= _MIN_SECRET_LENGTH:
            self._secrets.add(secret)

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg, record.args = redact(record.getMessage(), self._secrets), None
        if record.exc_info and record.exc_info[0] is not None and record.exc_text is None:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text, self._secrets)
        return True


def get_logger(logger: logging.Logger | None = None, *, secret: str | None = None) -> logging.Logger:
    """The logger to use (``huhu`` unless given), with a redacting filter that knows ``secret``."""
    configure_from_env()
    target = logger if logger is not None else logging.getLogger(LOGGER_NAME)
    if not any(isinstance(existing, RedactingFilter) for existing in target.filters):
        target.addFilter(RedactingFilter())
    if secret:
        register_secret(secret)
    return target


def configure_from_env() -> None:
    """Honour ``HUHU_LOG`` (a level name such as ``debug``) once: a stderr handler on ``huhu``."""
    global _env_handler
    level_name = os.environ.get("HUHU_LOG", "").strip().upper()
    if not level_name:
        return
    level = logging.getLevelName(level_name)
    if not isinstance(level, int):
        return
    with _env_lock:
        logger = logging.getLogger(LOGGER_NAME)
        if _env_handler is None:
            handler = logging.StreamHandler(sys.stderr)
            handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(levelname)s %(message)s"))
            handler.addFilter(RedactingFilter())
            logger.addHandler(handler)
            _env_handler = handler
        _env_handler.setLevel(level)
        logger.setLevel(level)

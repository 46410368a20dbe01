"""HMAC-signed, expiring URLs for the mock's downloads (like presigned S3 URLs).

``sign("/files/x.png", expires_at=t)`` → ``/files/x.png?expires=<int t>&signature=<hex>``, where the
signature is HMAC-SHA256 over ``"<path>\\n<expires>"`` with the server's secret. The expiry is part
of the signed message, so it cannot be extended without the secret. :meth:`UrlSigner.verify`
checks the signature first (constant time), then the expiry, so an edited expiry is reported as
``tampered``, not ``expired``.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Mapping

__all__ = ["SignatureError", "UrlSigner"]

_EXPIRES = re.compile(r"\A[0-9]{1,20}\Z")


class SignatureError(Exception):
    """A download URL that must be refused with 403; ``reason`` is missing, expired or tampered."""

    def __init__(self, reason: str, message: str | None = None) -> None:
        if reason not in _MESSAGES:
            raise ValueError(f"unknown reason {reason!r}")
        self.reason = reason
        super().__init__(message or _MESSAGES[reason])


_MESSAGES = {
    "missing": "the URL is not signed (expires and signature are required)",
    "expired": "the signed URL has expired",
    "tampered": "the URL signature does not match",
}


class UrlSigner:
    """Signs and verifies download paths with one secret."""

    def __init__(self, secret: bytes) -> None:
        if not secret:
            raise ValueError("the signing secret must not be empty")
        self._secret = bytes(secret)

    def _signature(self, path: str, expires: str) -> str:
        message = f"{path}\n{expires}".encode("utf-8", "surrogatepass")
        return hmac.new(self._secret, message, hashlib.sha256).hexdigest()

    def sign(self, path: str, *, expires_at: float) -> str:
        """``path?expires=<int>&signature=<hex>``; the path must start with '/' and carry no query."""
        if not path.startswith("/"):
            raise ValueError("path must start with '/'")
        if "?" in path or "#" in path:
            raise ValueError("path must not contain a query or fragment")
        if expires_at < 0:
            raise ValueError("expires_at must not be negative")
        expires = str(int(expires_at))
        return f"{path}?expires={expires}&signature={self._signature(path, expires)}"

    def verify(self, path: str, query: Mapping[str, str], *, now: float) -> None:
        """Raise :class:`SignatureError` unless ``query`` holds a valid, unexpired signature for ``path``."""
        expires = query.get("expires")
        signature = query.get("signature")
        if not expires or not signature:
            raise SignatureError("missing")
        if not _EXPIRES.match(expires):
            raise SignatureError("tampered")
        expected = self._signature(path, expires).encode("ascii")
        given = signature.encode("utf-8", "surrogatepass")
        if not hmac.compare_digest(expected, given):
            raise SignatureError("tampered")
        if now > int(expires):
            raise SignatureError("expired")

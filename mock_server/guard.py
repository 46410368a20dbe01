"""Who may use the admin API (``/_mock/``): the rule ``huhu-mock serve`` and the app share (D-MOCK-ADMIN-GUARD).

The admin API can reset the database, mint credits, revoke keys and read every team's state. Bound
to loopback the mock keeps it open (tests need no ceremony); bound to any other address it refuses to
start without an admin token, which admin requests then send in :data:`ADMIN_TOKEN_HEADER`.
"""

from __future__ import annotations

import ipaddress

__all__ = [
    "ADMIN_TOKEN_ENV",
    "ADMIN_TOKEN_HEADER",
    "MIN_ADMIN_TOKEN",
    "OPEN_ADMIN_PREFIXES",
    "admin_guard_problem",
    "is_loopback",
]

ADMIN_TOKEN_HEADER = "X-Huhu-Mock-Admin-Token"
ADMIN_TOKEN_ENV = "HUHU_MOCK_ADMIN_TOKEN"
MIN_ADMIN_TOKEN = 8
OPEN_ADMIN_PREFIXES = ("/_mock/files/", "/_mock/s3/", "/_mock/health")
"""Admin routes open without the token: signed URLs (they carry their own signature), the health check."""


def is_loopback(host: str) -> bool:
    """Whether ``host`` names a loopback interface only (``localhost``, ``127.x.x.x``, ``::1``)."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a host name or an unspecified address (0.0.0.0, ::) reaches other machines


def admin_guard_problem(host: str, admin_token: str | None) -> str | None:
    """Why the mock must not start with this binding and admin token (None: it may).

    A token, when given, is enforced on loopback too.
    """
    if admin_token is not None and len(admin_token) < MIN_ADMIN_TOKEN:
        return f"--admin-token must be at least {MIN_ADMIN_TOKEN} characters long"
    if admin_token is None and not is_loopback(host):
        return (
            f"refusing to serve on {host}: the admin API (/_mock/: reset, credits, keys, state) would be"
            f" open to anyone who can reach the port. Pass --admin-token TOKEN (or set ${ADMIN_TOKEN_ENV});"
            f" admin requests then send it in the header {ADMIN_TOKEN_HEADER}."
        )
    return None

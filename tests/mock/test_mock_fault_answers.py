"""An injected fault's answer, status by status: its ``code`` and its ``Retry-After``.

``mock_server.app`` derives the code of a bare status from the domain errors' classes; these tests pin
the answers, so a new error class (or a changed one) cannot silently change what a fault answers.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask.testing import FlaskClient

from mock_server import HuhuBackend, create_app

API = "/public/v1"
EXPECTED_CODES = {
    400: "validation_error",
    401: "unauthorized",
    402: "insufficient_credits",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "internal_error",
    413: "internal_error",  # a fault's 413 is not the mock's own size limit (payload_too_large)
    422: "validation_error",
    429: "rate_limited",
    500: "internal_error",
    503: "internal_error",
}


@pytest.fixture
def http() -> Iterator[FlaskClient]:
    backend = HuhuBackend(clock="manual")
    yield create_app(backend).test_client()
    backend.close()


@pytest.mark.parametrize(("status", "code"), sorted(EXPECTED_CODES.items()))
def test_a_fault_answers_the_code_of_its_status(http: FlaskClient, status: int, code: str) -> None:
    added = http.post("/_mock/faults", json={"path": "/metering/plan", "status": status})
    assert added.status_code == 200, added.data
    response = http.get(API + "/metering/plan")
    assert response.status_code == status
    assert response.get_json() == {"detail": f"Injected fault: HTTP {status}", "code": code}
    assert response.headers.get("Retry-After") == ("1" if status == 429 else None)


@pytest.mark.parametrize("status", [429, 503])
def test_a_faults_own_retry_after_is_sent(http: FlaskClient, status: int) -> None:
    http.post("/_mock/faults", json={"path": "/metering/plan", "status": status, "retry_after": 0})
    response = http.get(API + "/metering/plan")
    assert response.status_code == status and response.headers["Retry-After"] == "0"

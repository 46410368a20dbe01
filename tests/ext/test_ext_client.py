"""Client settings, the key kept out of reprs, errors and every log line, and HUHU_LOG."""

from __future__ import annotations

import logging
import os
import subprocess
import sys

import httpx
import pytest
import respx
from ext_support import BASE, KEY, FakeClock, error_json, plan_json
from huhu_client import AuthenticatedClient
from huhu_client.api.metering import get_plan
from huhu_client.api.tasks import generate_tasks
from huhu_client.models import GenerateTasksRequest

from huhu_ext import AmbiguousRequestError, AuthenticationError, ConfigurationError, Huhu, HuhuError
from huhu_ext._logging import RedactingFilter, redact


def test_missing_key_names_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("HUHU_API_KEY", raising=False)
    with pytest.raises(ConfigurationError, match="HUHU_API_KEY"):
        Huhu()
    with pytest.raises(HuhuError):
        Huhu(api_key="  ")


def test_settings_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HUHU_API_KEY", KEY)
    monkeypatch.setenv("HUHU_BASE_URL", "https://api-gamma.huhu.ai/public/v1/")
    with respx.mock() as gamma, Huhu() as huhu:
        route = gamma.get("https://api-gamma.huhu.ai/public/v1/metering/plan").respond(200, json=plan_json())
        assert huhu.base_url == "https://api-gamma.huhu.ai/public/v1"
        assert huhu.call(get_plan).credits_ == 50
    assert route.calls.last.request.headers["Authorization"] == f"Bearer {KEY}"


def test_default_base_url(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("HUHU_BASE_URL", raising=False)
    with Huhu(KEY) as huhu:
        assert huhu.base_url == BASE


def test_key_never_in_reprs(huhu: Huhu, api: respx.MockRouter) -> None:
    api.get("/metering/plan").respond(200, json=plan_json())
    huhu.call(get_plan)  # the httpx client exists now, with its headers
    assert isinstance(huhu.client, AuthenticatedClient)
    for text in (repr(huhu), str(huhu), repr(huhu.client), repr(huhu.client.get_httpx_client().headers)):
        assert KEY not in text
    assert repr(huhu) == f"Huhu(base_url={BASE!r})"


def test_redaction_rules() -> None:
    assert redact(f"key {KEY} here") == "key [REDACTED] here"
    assert redact("Authorization: Bearer abc.def") == "Authorization: Bearer [REDACTED]"
    assert redact("token s3cret-value!", ["s3cret-value"]) == "token [REDACTED]!"
    assert redact("a b c", ["a"]) == "a b c"  # too short to be a secret: never mangles text
    assert redact("sk-short") == "sk-short"  # not a key: fewer than 8 hex characters


def test_key_absent_from_every_log_line_and_error(
    caplog: pytest.LogCaptureFixture, api: respx.MockRouter, clock: FakeClock
) -> None:
    caplog.set_level(logging.DEBUG)  # every logger: huhu, httpx, httpcore
    api.get("/metering/plan").mock(
        side_effect=[
            httpx.Response(429, headers={"Retry-After": "1"}, json=error_json("busy", "rate_limited")),
            httpx.Response(500, json=error_json("boom", "internal_error")),
            httpx.Response(401, json=error_json(f"key {KEY} revoked", "unauthorized")),
        ]
    )
    api.post("/task/generate").mock(side_effect=httpx.ReadTimeout(f"timed out for {KEY}"))
    errors: list[HuhuError] = []
    with Huhu(KEY, sleep=clock.sleep, clock=clock) as huhu:
        logging.getLogger("huhu").debug("echo %s", KEY)  # even a careless log call is scrubbed
        with pytest.raises(AuthenticationError) as auth:
            huhu.call(get_plan)
        errors.append(auth.value)
        with pytest.raises(AmbiguousRequestError) as ambiguous:
            huhu.call(generate_tasks, body=GenerateTasksRequest(project_id="p", task_ids=["t"]))
        errors.append(ambiguous.value)
    huhu_lines = [r for r in caplog.records if r.name == "huhu"]
    assert len(huhu_lines) >= 5
    assert any("429" in r.getMessage() for r in huhu_lines)
    assert any("retrying GET /public/v1/metering/plan" in r.getMessage() for r in huhu_lines)
    for record in caplog.records:
        assert KEY not in record.getMessage()
    assert KEY not in caplog.text
    for error in errors:
        assert KEY not in str(error) and KEY not in repr(error) and KEY not in error.message


def test_filter_also_on_a_given_logger(caplog: pytest.LogCaptureFixture, api: respx.MockRouter) -> None:
    logger = logging.getLogger("my.app.huhu")
    caplog.set_level(logging.DEBUG, logger="my.app.huhu")
    api.get("/metering/plan").respond(200, json=plan_json())
    with Huhu(KEY, logger=logger) as huhu:
        huhu.call(get_plan)
        logger.info("configured with %s", KEY)
    assert any(f.__class__ is RedactingFilter for f in logger.filters)
    messages = [r.getMessage() for r in caplog.records if r.name == "my.app.huhu"]
    assert any("GET /public/v1/metering/plan -> 200" in m for m in messages)
    assert "configured with [REDACTED]" in messages


def test_huhu_log_env_enables_stderr_debug() -> None:
    script = (
        "import respx, httpx\n"
        "from huhu_ext import Huhu\n"
        "from huhu_client.api.metering import get_plan\n"
        "with respx.mock(base_url='https://api.huhu.ai/public/v1') as api:\n"
        "    api.get('/metering/plan').respond(200, json={'credits': 1, 'plan_status': 'free',"
        " 'concurrent_requests': 10})\n"
        f"    Huhu('{KEY}').call(get_plan)\n"
    )
    env = {**os.environ, "HUHU_LOG": "debug"}
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "huhu DEBUG GET /public/v1/metering/plan -> 200" in done.stderr
    assert KEY not in done.stderr


def test_close_and_context_manager(api: respx.MockRouter) -> None:
    huhu = Huhu(KEY)
    http = huhu.client.get_httpx_client()
    with huhu:
        assert not http.is_closed
    assert http.is_closed

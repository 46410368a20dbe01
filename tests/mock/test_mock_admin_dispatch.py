"""The admin routes call the backend's own methods: what an instance overrides (a test's
``monkeypatch.setattr(backend, ...)``, a subclass) is what the route runs, as before the route table."""

from __future__ import annotations

from typing import Any

import pytest

from mock_server import HuhuBackend, create_app


def test_admin_routes_call_the_backends_own_methods(monkeypatch: pytest.MonkeyPatch) -> None:
    backend = HuhuBackend(clock="manual")
    try:
        http = create_app(backend).test_client()
        monkeypatch.setattr(backend, "dump_state", lambda: {"patched": True})
        seen: list[dict[str, Any]] = []
        monkeypatch.setattr(backend, "set_credits", lambda **args: seen.append(args) or {"credits": -1})
        assert http.get("/_mock/state").get_json() == {"patched": True}
        answer = http.post("/_mock/credits", json={"credits": 7, "api_key": "sk-" + "0" * 48})
        assert answer.get_json() == {"credits": -1}
        assert seen == [{"credits": 7, "api_key": "sk-" + "0" * 48}]
    finally:
        backend.close()


class _Counting(HuhuBackend):
    resets = 0

    def reset(self) -> None:
        type(self).resets += 1
        super().reset()


def test_admin_routes_call_a_subclass_override() -> None:
    backend = _Counting(clock="manual")
    try:
        answer = create_app(backend).test_client().post("/_mock/reset")
        assert answer.get_json() == {"message": "success"} and _Counting.resets == 1
    finally:
        backend.close()

"""Invented prices are configurable on the mock (the spec stays the default); extras/prices plumbing."""

from __future__ import annotations

import httpx
import pytest

from huhu_ext.spec import load_spec
from huhu_ext.testing import HuhuMock, HuhuMockServer, mock_huhu
from mock_server import HuhuBackend
from mock_server.cli import build_parser, main
from mock_server.fidelity import parse_price, with_prices


def test_with_prices_changes_only_the_named_prices_and_leaves_the_spec_alone() -> None:
    spec = load_spec()
    priced = with_prices(spec, {"generate_tasks": 3, "pose_prompt": 0, "create_video.10": 50})
    body = {"task_ids": ["a", "b"], "num_output_images": 2}
    assert priced.price("generate_tasks", body) == 3 * 2 * 2
    assert spec.price("generate_tasks", body) == 2 * 2 * 2  # the spec (and the client) keep the default
    assert load_spec().price("generate_tasks", body) == 8
    assert priced.price("create_pose", {"reference_image": "x", "pose_title": "t"}) == 0  # by history name
    assert priced.price("create_video", {"video_length": "10"}) == 50
    assert priced.price("create_video", {"video_length": "5"}) == spec.price(
        "create_video", {"video_length": "5"}
    )
    assert priced.operation("generate_tasks").credits.entries(body) == [("a", 6), ("b", 6)]  # type: ignore[union-attr]
    assert with_prices(spec, {}) is spec


@pytest.mark.parametrize(
    ("prices", "message"),
    [
        ({"nope": 1}, "no priced operation"),
        ({"get_plan": 1}, "no priced operation"),
        ({"create_video": 30}, "priced by video_length"),
        ({"create_video.7": 30}, "priced by video_length"),
        ({"generate_face.x": 1}, "has one price"),
        ({"generate_face": -1}, ">= 0"),
    ],
)
def test_bad_prices_are_refused(prices: dict[str, int], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        with_prices(load_spec(), prices)


def test_parse_price() -> None:
    assert parse_price("generate_tasks=3") == ("generate_tasks", 3)
    assert parse_price(" create_video.10 = 40") == ("create_video.10", 40)
    for bad in ("generate_tasks", "=3", "x=-1", "x=1.5", "x=y"):
        with pytest.raises(ValueError):
            parse_price(bad)


def test_cli_options() -> None:
    args = build_parser().parse_args(
        ["serve", "--extras", "--price", "generate_tasks=3", "--price", "upscale=1"]
    )
    assert args.extras is True and dict(args.price) == {"generate_tasks": 3, "upscale": 1}
    defaults = build_parser().parse_args(["serve"])
    assert defaults.extras is False and defaults.price == []


def test_cli_refuses_unknown_price(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["serve", "--price", "nope=3"])
    assert exc.value.code == 2
    assert "no priced operation 'nope'" in capsys.readouterr().err


def test_backend_charges_the_configured_price() -> None:
    backend = HuhuBackend(clock="manual", prices={"face_gen": 5})
    try:
        caller = backend.caller_for_key(backend._default_key)
        backend.handle("generate_face", caller, {"prompt": "p", "num_output_images": 2})
        assert backend.handle("get_plan", caller, {})["credits"] == 50 - 10
        history = backend.handle("get_credit_history", caller, {})["items"]
        assert [(h["operation"], h["credits"]) for h in history] == [("face_gen", 10)]
    finally:
        backend.close()


@pytest.mark.huhu_mock(prices={"upscale": 7}, extras=True)
def test_huhu_mock_fixture_takes_prices_and_extras(huhu_mock: HuhuMock) -> None:
    assert huhu_mock.backend.extras is True
    with huhu_mock.client() as huhu:
        assert huhu.plan().credits_ == 50
    assert huhu_mock.backend.spec.price("create_upscale", {"image": "x"}) == 7


def test_mock_huhu_defaults_to_no_extras_and_the_spec_prices() -> None:
    with mock_huhu() as mock:
        assert mock.backend.extras is False
        assert mock.backend.spec.price("create_upscale", {"image": "x"}) == load_spec().price(
            "create_upscale", {"image": "x"}
        )
        with httpx.Client(base_url=mock.base_url, headers={"Authorization": f"Bearer {mock.api_key}"}) as api:
            program = api.post("/program", json={"program_name": "x"}).json()
        assert "program_id" not in program and program["program_name"] == "x"


def test_mock_server_with_extras_and_prices() -> None:
    with HuhuMockServer(extras=True, prices={"model_gen": 4}) as server:
        assert "--extras" in server.args and "model_gen=4" in server.args
        with httpx.Client(
            base_url=server.base_url, headers={"Authorization": f"Bearer {server.api_key}"}
        ) as api:
            assert "program_id" in api.post("/program", json={"program_name": "x"}).json()
            api.post("/model/image", json={"prompt": "p"}).raise_for_status()
            assert api.get("/metering/plan").json()["credits"] == 50 - 4


@pytest.mark.huhu_mock_server(extras=True)
def test_huhu_mock_server_fixture_marker_starts_a_server_with_extras(
    huhu_mock_server: HuhuMockServer,
) -> None:
    assert "--extras" in huhu_mock_server.args
    with httpx.Client(
        base_url=huhu_mock_server.base_url, headers={"Authorization": f"Bearer {huhu_mock_server.api_key}"}
    ) as api:
        assert "program_id" in api.post("/program", json={"program_name": "x"}).json()

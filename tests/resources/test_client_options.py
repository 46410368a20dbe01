"""with_options, errors that keep the answer, the money guard's 'nothing sent', regen --check of the
resources, and the tryon workflow helper."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import httpx
import pytest
from huhu_client.models import FirstFrameImageId, Plan

from huhu_ext import (
    AmbiguousRequestError,
    AsyncHuhu,
    Huhu,
    InsufficientBudgetError,
    NotFoundError,
    PermissionDeniedError,
    ServerError,
    UnexpectedResponseError,
    ValidationError,
    regen,
)
from huhu_ext.testing import HuhuMock, mock_huhu

ROOT = Path(__file__).resolve().parents[2]
KEY = "sk-" + "ab" * 24
PLAN = {"credits": 50, "plan_status": "free", "concurrent_requests": 10}


def _client(handler: object, **options: object) -> Huhu:
    return Huhu(
        KEY,
        base_url="https://api.test/public/v1",
        transport=httpx.MockTransport(handler),
        sleep=lambda s: None,
        **options,
    )  # type: ignore[arg-type]


def test_with_options_shares_the_pool_and_changes_only_what_is_asked() -> None:
    attempts: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        attempts.append(request.url.path)
        if request.url.path.endswith("/upscale"):
            return httpx.Response(503, json={"detail": "busy"})
        return httpx.Response(200, json=PLAN)

    huhu = _client(handler, timeout=30.0, max_retries=2)
    quick = huhu.with_options(timeout=5.0, max_retries=0)
    assert quick.transport.wrapped is huhu.transport.wrapped  # the same pool
    assert quick.client.get_httpx_client().timeout == httpx.Timeout(5.0)
    assert huhu.client.get_httpx_client().timeout == httpx.Timeout(30.0)
    assert isinstance(quick.metering.plan(), Plan)
    with pytest.raises(ServerError):
        quick.upscale.retrieve("r1")
    assert attempts.count("/public/v1/upscale") == 1  # max_retries=0: no retry
    attempts.clear()
    with pytest.raises(ServerError):
        huhu.upscale.retrieve("r1")
    assert attempts.count("/public/v1/upscale") == 3  # the original keeps its 2 retries
    quick.close()  # the copy does not close the shared pool
    assert isinstance(huhu.metering.plan(), Plan)
    assert huhu.with_options().timeout == 30.0 and "sk-" not in repr(quick)
    huhu.close()


def test_errors_keep_status_code_response_body_and_request_id() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/project"):
            body = {"detail": "bad", "errors": [{"field": "body.project_name", "message": "empty"}]}
            return httpx.Response(422, json=body, headers={"X-Request-Id": "req-42"})
        if request.url.path.endswith("/upscale"):
            return httpx.Response(502, text="upstream down")
        if request.url.path.endswith("/sku"):  # a server that echoes the key: kept out of the error
            return httpx.Response(403, json={"detail": f"key {KEY} may not do this"})
        return httpx.Response(200, json={"unexpected": True})

    with _client(handler, max_retries=0) as huhu:
        with pytest.raises(ValidationError) as invalid:
            huhu.projects.create(project_name="")
        error = invalid.value
        assert (error.status_code, error.request_id) == (422, "req-42")
        assert isinstance(error.response, httpx.Response) and error.response.status_code == 422
        assert isinstance(error.body, dict) and error.body["detail"] == "bad"
        with pytest.raises(AmbiguousRequestError) as ambiguous:  # a 5xx to a POST: maybe applied
            huhu.upscale.create(image="x")
        assert ambiguous.value.status_code == 502 and ambiguous.value.body == "upstream down"
        assert ambiguous.value.request_id is None
        with pytest.raises(PermissionDeniedError) as denied:
            huhu.skus.update(sku_ids=["s"])
        assert KEY not in str(denied.value) and KEY not in repr(denied.value.body)
        assert denied.value.body == {"detail": "key [REDACTED] may not do this"}
        with pytest.raises(UnexpectedResponseError) as unexpected:
            huhu.metering.plan()
        assert unexpected.value.status_code == 200 and unexpected.value.body == {"unexpected": True}


def test_errors_from_the_mock_keep_the_answer(huhu_mock: HuhuMock) -> None:
    with huhu_mock.client() as huhu, pytest.raises(NotFoundError) as missing:
        huhu.projects.retrieve("no-such-project")
    assert missing.value.status_code == 404
    assert isinstance(missing.value.body, dict) and "detail" in missing.value.body
    assert missing.value.response is not None and missing.value.response.request.method == "GET"


def test_a_detail_answer_of_the_wrong_shape_is_an_error_not_a_union() -> None:
    listing = {"projects": [], "pagination_token": None}
    with (
        _client(lambda request: httpx.Response(200, json=listing)) as huhu,
        pytest.raises(UnexpectedResponseError, match="expected ProjectDetail, got ProjectList"),
    ):
        huhu.projects.retrieve("p1")


def test_max_credits_sends_nothing(huhu_mock: HuhuMock) -> None:
    with huhu_mock.client() as huhu:
        sent = len(huhu_mock.requests)
        args = {
            "project_id": "p",
            "sku_id": "s",
            "video_length": "10",
            "prompt": "turn",
            "first_frame_image": FirstFrameImageId(image_id="i"),
        }
        assert huhu.video.create.estimate(**args).credits == 40
        with pytest.raises(InsufficientBudgetError) as refused:
            huhu.video.create(**args, max_credits=39)
        assert (refused.value.credits_required, refused.value.max_credits) == (40, 39)
        assert "nothing was sent" in str(refused.value)
        assert len(huhu_mock.requests) == sent
        with pytest.raises(InsufficientBudgetError):
            huhu.upscale.create(image="x", num_images=3, max_credits=5)  # 3 x 2 credits
        assert len(huhu_mock.requests) == sent
        assert huhu.models.save_image.__name__ == "save_image"  # free variant: a plain method


def test_regen_check_covers_the_resources(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    spec = json.loads((ROOT / "openapi.json").read_text())
    spec["paths"]["/metering/plan"]["get"]["x-huhu-method"] = "balance"
    changed = tmp_path / "openapi.json"
    changed.write_text(json.dumps(spec))
    assert regen.main(["--check", "--spec", str(changed)]) == 1
    err = capsys.readouterr().err
    assert "changed: resources.py" in err and "models/" not in err  # only the resources differ


def test_tryon_helper_returns_the_manifest_records(tmp_path: Path) -> None:
    garments = ROOT / "examples" / "garments"
    with mock_huhu() as mock, mock.client() as huhu:
        records = huhu.tryon(garments, model="women", images_per_task=1, out=tmp_path / "out")
        assert len(records) == 5
        manifest = json.loads((tmp_path / "out" / "manifest.json").read_text())
        assert records == manifest["outputs"]
        assert all((tmp_path / "out" / r["file"]).is_file() for r in records)
        assert sum(r["credits"] for r in records) == 50 - huhu.metering.plan().credits_
        again = huhu.tryon([garments], model="women", out=tmp_path / "out")  # resumed: nothing new spent
        assert again == records


def test_regen_names_an_operation_without_a_method(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = json.loads((ROOT / "openapi.json").read_text())
    del spec["paths"]["/upscale"]["get"]["x-huhu-method"]
    changed = tmp_path / "openapi.json"
    changed.write_text(json.dumps(spec))
    assert regen.main(["--check", "--spec", str(changed)]) == 2
    assert "get_upscale (GET /upscale) has no x-huhu-resource / x-huhu-method" in capsys.readouterr().err


def test_async_with_options_shares_the_pool() -> None:
    attempts: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        attempts.append(request.url.path)
        return httpx.Response(503, json={"detail": "busy"})

    async def main() -> None:
        async def no_wait(seconds: float) -> None:
            return None

        transport = httpx.MockTransport(handler)
        async with AsyncHuhu(
            KEY, base_url="https://api.test/public/v1", transport=transport, sleep=no_wait
        ) as huhu:
            quick = huhu.with_options(timeout=2.0, max_retries=0)
            assert quick.transport.wrapped is huhu.transport.wrapped
            with pytest.raises(ServerError) as failed:
                await quick.upscale.retrieve("r1")
            assert failed.value.status_code == 503 and len(attempts) == 1
            await quick.aclose()  # leaves the shared pool open
            with pytest.raises(ServerError):
                await huhu.upscale.retrieve("r1")
            assert len(attempts) == 1 + 3

    asyncio.run(main())

"""The mechanics of huhu_ext.testing: interception, decorators, handle helpers, the server, the plugin."""

from __future__ import annotations

import asyncio
import io
import os
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path
from typing import Any

import httpx
import pytest
import respx
from huhu_client.api.metering import get_plan
from huhu_client.api.models import generate_face
from huhu_client.api.projects import create_project, get_projects
from huhu_client.models import CreateProjectRequest, GenerateFaceRequest, ProjectList
from PIL import Image

from huhu_ext import (
    AmbiguousRequestError,
    Huhu,
    JobFailedError,
    RateLimitError,
    ServerError,
    UnexpectedResponseError,
)
from huhu_ext.testing import (
    BASE_URL,
    DEFAULT_API_KEY,
    GAMMA_BASE_URL,
    HuhuMock,
    HuhuMockServer,
    MockServerError,
    TeamHandle,
    mock_huhu,
)
from mock_server.models import HuhuBackend
from mock_server.validation import ResponseValidationError

AUTH = {"Authorization": f"Bearer {DEFAULT_API_KEY}"}


def png(width: int = 40, height: int = 60) -> bytes:
    buffer = io.BytesIO()
    image = Image.new("RGB", (width, height), (255, 255, 255))
    image.paste((30, 40, 160), (width // 5, height // 5, width - width // 5, height - height // 5))
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def project_names(base_url: str = BASE_URL) -> list[str]:
    answer = httpx.get(base_url + "/project", headers=AUTH)
    assert answer.status_code == 200, answer.text
    return [p["project_name"] for p in answer.json()["projects"]]


def make_project(name: str, base_url: str = BASE_URL) -> str:
    answer = httpx.post(base_url + "/project", headers=AUTH, json={"project_name": name})
    assert answer.status_code == 200, answer.text
    return str(answer.json()["project_id"])


# -- decorators -------------------------------------------------------------------------------------
def test_decorator_gives_each_call_a_fresh_mock_and_passes_the_handle() -> None:
    handles: list[HuhuMock] = []

    @mock_huhu(page_size=3)
    def scenario(name: str, huhu_mock: HuhuMock) -> list[str]:
        handles.append(huhu_mock)
        make_project(name)
        assert huhu_mock.backend.page_size == 3
        return project_names()

    assert scenario("one") == ["one"]
    assert scenario(name="two") == ["two"]  # nothing left over from the first call
    assert len(handles) == 2 and handles[0] is not handles[1]
    assert not any(h.active for h in handles)


def test_bare_decorator_sets_the_environment_for_huhu() -> None:
    @mock_huhu
    def scenario() -> int:
        with Huhu() as huhu:  # HUHU_API_KEY and HUHU_BASE_URL point at the mock
            return huhu.plan().credits_

    before = (os.environ.get("HUHU_API_KEY"), os.environ.get("HUHU_BASE_URL"))
    assert scenario() == 50
    assert (os.environ.get("HUHU_API_KEY"), os.environ.get("HUHU_BASE_URL")) == before


def test_environment_is_restored_and_can_be_left_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HUHU_API_KEY", "sk-" + "1" * 48)
    monkeypatch.delenv("HUHU_BASE_URL", raising=False)
    with mock_huhu() as huhu_mock:
        assert os.environ["HUHU_API_KEY"] == huhu_mock.api_key == DEFAULT_API_KEY
        assert os.environ["HUHU_BASE_URL"] == BASE_URL
    assert os.environ["HUHU_API_KEY"] == "sk-" + "1" * 48 and "HUHU_BASE_URL" not in os.environ
    with mock_huhu(set_env=False):
        assert os.environ["HUHU_API_KEY"] == "sk-" + "1" * 48


def test_async_decorator_and_async_clients() -> None:
    @mock_huhu
    async def scenario(huhu_mock: HuhuMock) -> tuple[int, list[str]]:
        async with httpx.AsyncClient(base_url=GAMMA_BASE_URL, headers=AUTH) as api:
            created = await api.post("/project", json={"project_name": "async"})
            assert created.status_code == 200
        async with huhu_mock.async_client() as huhu:
            listing = await huhu.call(get_projects)
            assert isinstance(listing, ProjectList)
            return (await huhu.plan()).credits_, [p.project_name for p in listing.projects]

    assert asyncio.run(scenario()) == (50, ["async"])


@mock_huhu
class TestClassDecorator:
    """Every test method of a decorated class runs in its own fresh mock."""

    def test_first(self, huhu_mock: HuhuMock) -> None:
        make_project("first")
        assert project_names() == ["first"] and huhu_mock.active

    def test_second(self) -> None:
        make_project("second")
        assert project_names() == ["second"]


@pytest.mark.huhu_mock(page_size=2, job_seconds=1)
def test_fixture_takes_options_from_a_marker(huhu_mock: HuhuMock) -> None:
    for name in "abc":
        make_project(name)
    first = httpx.get(BASE_URL + "/project", headers=AUTH).json()
    assert len(first["projects"]) == 2 and first["pagination_token"]
    with huhu_mock.client() as huhu:
        request = huhu.call(generate_face, body=GenerateFaceRequest(prompt="x"))
        huhu_mock.advance(1)
        assert huhu.wait_for_generation(request.request_id, interval=1).status == "Generation Completed"


def test_plugin_is_registered_by_the_entry_point(pytestconfig: pytest.Config, tmp_path: Path) -> None:
    plugin = pytestconfig.pluginmanager.get_plugin("huhu")
    assert plugin is not None and plugin.__name__ == "huhu_ext.pytest_plugin"
    # a project of its own, no conftest.py: installing huhu-python is enough
    (tmp_path / "test_user_project.py").write_text(
        textwrap.dedent(
            """
            import httpx

            def test_uses_the_fixture(huhu_mock):
                answer = httpx.get("https://api.huhu.ai/public/v1/metering/plan",
                                   headers={"Authorization": "Bearer " + huhu_mock.api_key})
                assert answer.json()["credits"] == 50
            """
        )
    )
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(tmp_path)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1 passed" in done.stdout


# -- interception -------------------------------------------------------------------------------
def test_production_and_gamma_hosts_are_one_mock() -> None:
    with mock_huhu():
        make_project("prod", BASE_URL)
        make_project("gamma", GAMMA_BASE_URL)
        assert project_names(BASE_URL) == project_names(GAMMA_BASE_URL) == ["prod", "gamma"]
        # unknown paths on the host get the API's JSON 404, not a network error
        missing = httpx.get("https://api.huhu.ai/public/v1/nope", headers=AUTH)
        assert missing.status_code == 404 and missing.json()["code"] == "not_found"


def test_signed_urls_and_presigned_uploads_are_served_on_the_production_host() -> None:
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("blue-jeans/jeans-front.png", png(50, 90))
        zipped.writestr("blue-jeans/jeans-back.png", png(50, 92))
    data = archive.getvalue()
    with mock_huhu() as huhu_mock, httpx.Client(base_url=BASE_URL, headers=AUTH) as api:
        project = make_project("zip")
        upload = api.post(
            "/project/upload", json={"project_id": project, "file_type": "sku_zip", "file_size": len(data)}
        ).json()
        assert upload["upload_urls"][0].startswith("https://api.huhu.ai/_mock/s3/")
        part = httpx.put(upload["upload_urls"][0], content=data)  # no Authorization: the URL is signed
        assert part.status_code == 200 and part.headers["ETag"]
        done = api.post(
            "/project/complete_multipart_upload",
            json={
                "project_id": project,
                "key": upload["key"],
                "upload_id": upload["upload_id"],
                "parts": [{"PartNumber": 1, "ETag": part.headers["ETag"]}],
            },
        )
        assert done.status_code == 200, done.text
        skus = api.get("/sku", params={"project_id": project}).json()["skus"]
        assert [s["sku_name"] for s in skus] == ["blue-jeans"]
        detail = api.get("/sku", params={"project_id": project, "sku_id": skus[0]["sku_id"]}).json()
        url = detail["skus"][0]["garment_images"][0]["image_url"]
        assert url.startswith("https://api.huhu.ai/_mock/files/")
        assert httpx.get(url).content.startswith(b"\x89PNG")
        assert len(huhu_mock.http_requests) == 7


def test_other_hosts_pass_through(huhu_mock_server: HuhuMockServer) -> None:
    with mock_huhu():
        make_project("in-process")
        # the real server on 127.0.0.1 is reached over the network, untouched by the mock
        local = httpx.get(huhu_mock_server.base_url + "/project", headers=AUTH)
        assert local.status_code == 200 and local.json()["projects"] == []
    with mock_huhu(passthrough=False), pytest.raises(AssertionError, match="not mocked"):
        httpx.get(huhu_mock_server.base_url + "/project", headers=AUTH)


def test_composes_with_a_respx_router_of_your_own() -> None:
    with mock_huhu(), respx.mock(assert_all_called=True) as router:
        router.get("https://payments.example/charge").respond(204)
        assert httpx.get("https://payments.example/charge").status_code == 204
        make_project("both")
        assert project_names() == ["both"]
    with respx.mock() as router, mock_huhu():
        router.get("https://payments.example/charge").respond(201)
        assert httpx.get("https://payments.example/charge").status_code == 201
        assert project_names() == []


def test_nested_mocks_the_innermost_answers() -> None:
    with mock_huhu() as outer:
        make_project("outer")
        with mock_huhu() as inner:
            assert project_names() == []
            make_project("inner")
            assert len(inner.state()["projects"]) == 1
        assert project_names() == ["outer"]
        assert len(outer.state()["projects"]) == 1
    with pytest.raises(RuntimeError, match="already active"), mock_huhu() as again:
        again.start()


# -- handle helpers -------------------------------------------------------------------------------
def test_teams_credits_slots_and_state() -> None:
    with mock_huhu() as huhu_mock:
        team = huhu_mock.new_team(credits=7, slots=1, plan_status="pro")
        assert isinstance(team, TeamHandle) and team.api_key.startswith("sk-")
        assert team.api_key not in repr(team) and "sk-" not in repr(huhu_mock)
        with huhu_mock.client(team.api_key, max_retries=0) as huhu:
            plan = huhu.plan()
            assert (plan.credits_, plan.concurrent_requests, plan.plan_status) == (7, 1, "pro")
            huhu.call(generate_face, body=GenerateFaceRequest(prompt="x"))
            with pytest.raises(RateLimitError):
                huhu.call(generate_face, body=GenerateFaceRequest(prompt="y"))
            huhu_mock.set_slots(2, api_key=team.api_key)
            huhu.call(generate_face, body=GenerateFaceRequest(prompt="y"))
            huhu_mock.set_credits(100, api_key=team.api_key)
            assert huhu.plan().credits_ == huhu_mock.credits(team.api_key) == 100
        huhu_mock.set_credits(3)
        assert huhu_mock.credits() == 3
        state = huhu_mock.state()
        assert len(state["teams"]) == 2 and len(state["jobs"]) == 2
        assert team.api_key not in repr(state) and DEFAULT_API_KEY not in repr(state)
        assert huhu_mock.advance(10) == pytest.approx(huhu_mock.now())
        assert {job["state"] for job in huhu_mock.state()["jobs"]} == {"done"}
        huhu_mock.reset()
        assert huhu_mock.state()["jobs"] == [] and huhu_mock.credits() == 50


def test_injected_faults_reach_the_client_as_documented() -> None:
    with mock_huhu() as huhu_mock, huhu_mock.client() as huhu:
        huhu_mock.inject_fault("GET", "/metering/plan", 503)
        assert huhu.call(get_plan).credits_ == 50  # a GET is retried
        assert [r.url.path for r in huhu_mock.http_requests] == ["/public/v1/metering/plan"] * 2
        huhu_mock.inject_fault("POST", "/public/v1/project", 500, count=3)
        with pytest.raises(AmbiguousRequestError) as ambiguous:  # a POST is never re-sent
            huhu.call(create_project, body=CreateProjectRequest(project_name="x"))
        assert isinstance(ambiguous.value.__cause__, ServerError)
        huhu_mock.clear_faults()
        huhu_mock.inject_fault("*", "*", 429, retry_after=3)
        before = huhu_mock.now()
        assert huhu.call(get_plan).credits_ == 50  # waited 3 s on the mock's clock, not for real
        assert huhu_mock.now() == pytest.approx(before + 3)


def test_latency_beyond_the_client_timeout_is_a_read_timeout_after_the_work_was_done() -> None:
    with mock_huhu() as huhu_mock, huhu_mock.client(timeout=0.05) as huhu:
        huhu_mock.inject_fault("POST", "/project", latency=0.2)
        with pytest.raises(AmbiguousRequestError, match="ReadTimeout"):
            huhu.call(create_project, body=CreateProjectRequest(project_name="slow"))
        assert [p["project_name"] for p in huhu_mock.state()["projects"]] == ["slow"]
        huhu_mock.inject_fault("GET", "/metering/plan", latency=0.01)
        assert huhu.plan().credits_ == 50  # latency within the timeout: just slower


def test_failed_jobs_are_refunded_and_reported() -> None:
    with mock_huhu() as huhu_mock, huhu_mock.client() as huhu:
        huhu_mock.fail_next_jobs(1, kind="face")
        request = huhu.call(generate_face, body=GenerateFaceRequest(prompt="x", num_output_images=2))
        assert huhu.plan().credits_ == 48
        with pytest.raises(JobFailedError):
            huhu.wait_for_generation(request.request_id, interval=5)
        assert huhu.plan().credits_ == 50
        assert [e["operation"] for e in huhu_mock.state()["ledger"]] == ["face_gen", "refund"]


def test_real_clock_finishes_jobs_in_wall_clock_time() -> None:
    with mock_huhu(clock="real", job_seconds=0.05) as huhu_mock, Huhu() as huhu:
        request = huhu.call(generate_face, body=GenerateFaceRequest(prompt="x"))
        assert huhu.wait_for_generation(request.request_id, interval=0.02, timeout=10).status == (
            "Generation Completed"
        )
        with pytest.raises(ValueError, match="real clock"):
            huhu_mock.backend.clock.advance(1)


def broken_plan(self: HuhuBackend, caller: Any, params: Any) -> dict[str, Any]:
    return {"credits": "plenty"}  # not the spec's Plan


def test_strict_mode_fails_loudly_on_a_mock_bug(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(HuhuBackend, "get_plan", broken_plan)
    with mock_huhu(), pytest.raises(ResponseValidationError):
        httpx.get(BASE_URL + "/metering/plan", headers=AUTH)
    with mock_huhu(strict=False), Huhu() as huhu, pytest.raises(UnexpectedResponseError):
        huhu.plan()


def test_the_documented_key_is_the_mocks_default_key() -> None:
    import mock_server

    assert DEFAULT_API_KEY == mock_server.DEFAULT_API_KEY
    assert mock_huhu().api_key == HuhuMockServer().api_key == DEFAULT_API_KEY


def test_handle_outside_its_block_says_so() -> None:
    mock = mock_huhu()
    assert not mock.active and "inactive" in repr(mock)
    with pytest.raises(RuntimeError, match="not active"):
        mock.state()
    mock.stop()  # stopping an inactive mock is harmless


# -- the server -------------------------------------------------------------------------------------
def test_server_admin_helpers(huhu_mock_server: HuhuMockServer) -> None:
    server = huhu_mock_server
    assert server.running and server.url in repr(server) and "sk-" not in repr(server)
    team = server.new_team(credits=4, slots=1)
    with server.client(team.api_key, max_retries=0) as huhu:
        request = huhu.call(generate_face, body=GenerateFaceRequest(prompt="x", num_output_images=2))
        with pytest.raises(RateLimitError) as busy:
            huhu.call(generate_face, body=GenerateFaceRequest(prompt="y"))
        assert busy.value.retry_after == 5
        done = huhu.wait_for_generation(request.request_id, interval=5)  # advances the server's clock
        assert len(done.images_generated) == 2
        server.fail_next_jobs(1)
        failing = huhu.call(generate_face, body=GenerateFaceRequest(prompt="z"))
        with pytest.raises(JobFailedError):
            huhu.wait_for_generation(failing.request_id, interval=5)
        server.inject_fault("GET", "/metering/plan", 503, retry_after=1)
        with pytest.raises(ServerError):
            huhu.plan()
    assert server.credits(team.api_key) == 2
    server.set_credits(9, api_key=team.api_key)
    server.set_slots(3, api_key=team.api_key)
    with server.client(team.api_key) as huhu:
        plan = huhu.plan()
        assert (plan.credits_, plan.concurrent_requests) == (9, 3)
    server.inject_fault("*", "*", 500, count=5)
    server.clear_faults()
    assert server.credits() == 50 and server.state()["faults"] == []
    before = server.now()
    assert server.advance(2.5) == pytest.approx(before + 2.5)
    with pytest.raises(MockServerError, match="422"):
        server.advance(-1)


def test_server_fixture_is_reset_between_tests(huhu_mock_server: HuhuMockServer) -> None:
    # test_server_admin_helpers (and the user tests) left teams, jobs and faults behind
    state = huhu_mock_server.state()
    assert [len(state[t]) for t in ("teams", "jobs", "faults", "ledger")] == [1, 0, 0, 0]


def test_server_start_and_stop_outside_pytest(tmp_path: Path) -> None:
    db = tmp_path / "mock.sqlite"
    with HuhuMockServer(db_path=db, strict=False, job_seconds=1) as server:
        answer = httpx.post(server.base_url + "/project", headers=AUTH, json={"project_name": "kept"})
        assert answer.status_code == 200
    assert server.stop() == 0 and not server.running
    with HuhuMockServer(db_path=db) as again:
        assert [p["project_name"] for p in again.state()["projects"]] == ["kept"]
    with pytest.raises(MockServerError, match="not started"):
        HuhuMockServer().state()
    with pytest.raises(ValueError):
        HuhuMockServer(clock="sometimes")

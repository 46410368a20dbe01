"""Time travel: a client that waits while a manual-clock mock is active advances the mock's clock
instead of sleeping, so a user's own ``Huhu()`` inside ``mock_huhu()`` never hangs (D-CLI-TIMETRAVEL)."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import pytest
from huhu_client.api.models import generate_face
from huhu_client.models import GenerateFaceRequest

from huhu_ext import AsyncHuhu, Huhu, timetravel
from huhu_ext.errors import PollTimeoutError
from huhu_ext.testing import HuhuMock, HuhuMockServer, mock_huhu


def test_own_client_inside_mock_huhu_travels_in_time() -> None:
    with mock_huhu(job_seconds=300) as huhu_mock:
        started = huhu_mock.now()
        with Huhu() as huhu:  # the user's own client: key and URL from the environment
            face = huhu.call(generate_face, body=GenerateFaceRequest(prompt="a", num_output_images=1))
            done = huhu.wait_for_generation(face.request_id, interval=30)
        assert done.status == "Generation Completed"
        # the mock's clock moved by exactly the waits: ten 30 s polls for a 300 s job
        assert huhu_mock.now() - started == pytest.approx(300)


def test_async_client_travels_too(huhu_mock: HuhuMock) -> None:
    async def scenario() -> str:
        async with AsyncHuhu() as huhu:
            face = await huhu.call(generate_face, body=GenerateFaceRequest(prompt="a", num_output_images=1))
            done = await huhu.wait_for_generation(face.request_id, interval=1)
            return done.status

    assert asyncio.run(scenario()) == "Generation Completed"


def test_a_wait_that_cannot_finish_says_why(huhu_mock: HuhuMock) -> None:
    with Huhu() as huhu, pytest.raises(PollTimeoutError) as stuck:
        huhu.wait_for_video("no-such-request", interval=60, timeout=600)
    message = str(stuck.value)
    assert "not listed" in message
    assert "is manual: time travel moved it 600 s during this wait" in message


def test_a_client_that_sleeps_for_real_is_told_nothing_advances_the_clock(huhu_mock: HuhuMock) -> None:
    with Huhu(sleep=time.sleep, clock=time.monotonic) as huhu:
        face = huhu.call(generate_face, body=GenerateFaceRequest(prompt="a", num_output_images=1))
        with pytest.raises(PollTimeoutError) as stuck:
            huhu.wait_for_generation(face.request_id, interval=0.05, timeout=0.2)
    assert "is manual and nothing advanced it" in str(stuck.value)
    assert 'clock="real"' in str(stuck.value)


def test_no_travel_once_the_mock_is_gone() -> None:
    with mock_huhu() as huhu_mock:
        huhu_mock.advance(1)
    slept: list[float] = []
    started = time.monotonic()
    timetravel.sleep(0.01)
    slept.append(time.monotonic() - started)
    assert slept[0] >= 0.01  # a real sleep again
    assert timetravel.mock_time() is None


def test_real_clock_mock_does_not_travel() -> None:
    with mock_huhu(clock="real", job_seconds=0.05) as huhu_mock, Huhu() as huhu:
        face = huhu.call(generate_face, body=GenerateFaceRequest(prompt="a", num_output_images=1))
        done = huhu.wait_for_generation(face.request_id, interval=0.05)
        assert done.status == "Generation Completed"
        assert not huhu_mock.backend.clock.manual


def test_server_fixture_travels(huhu_mock_server: HuhuMockServer) -> None:
    started = huhu_mock_server.now()
    with Huhu(api_key=huhu_mock_server.api_key, base_url=huhu_mock_server.base_url) as huhu:
        face = huhu.call(generate_face, body=GenerateFaceRequest(prompt="a", num_output_images=1))
        done = huhu.wait_for_generation(face.request_id, interval=5)
    assert done.status == "Generation Completed"
    assert huhu_mock_server.now() - started >= 5


@pytest.mark.huhu_mock_server(clock="real", job_seconds=0.2)
def test_server_fixture_on_the_real_clock(huhu_mock_server: HuhuMockServer) -> None:
    assert huhu_mock_server.clock_mode == "real"
    with Huhu(api_key=huhu_mock_server.api_key, base_url=huhu_mock_server.base_url) as huhu:
        face = huhu.call(generate_face, body=GenerateFaceRequest(prompt="a", num_output_images=1))
        done = huhu.wait_for_generation(face.request_id, interval=0.1)
    assert done.status == "Generation Completed"


def test_a_batch_built_by_the_user_inside_mock_huhu_finishes(tmp_path: Path) -> None:
    """TryOnRun with its default sleep: 90 s try-ons, polled every 5 s, all in mock time."""
    from huhu_ext.batch import TryOnOptions, TryOnRun

    dress = Path(__file__).resolve().parents[2] / "examples" / "garments" / "summer-dress-red"
    with mock_huhu() as huhu_mock, Huhu() as huhu:
        started = huhu_mock.now()
        result = TryOnRun(huhu, TryOnOptions(garments=(dress,), out=tmp_path / "out")).run()
        assert result.credits_spent == 2 == 50 - huhu_mock.credits()
        assert huhu_mock.now() - started >= 90  # the try-on took its 90 s, on the mock's clock
    assert (tmp_path / "out" / result.outputs[0].file).exists()


def test_in_process_mock_can_switch_time_travel_off_and_on() -> None:
    """``HuhuMock.time_travel(False)``: a waiting client then sleeps for real; on again, it travels."""
    with mock_huhu(job_seconds=300) as huhu_mock:
        assert timetravel.mock_time() == huhu_mock.now()  # on while active
        huhu_mock.time_travel(False)
        assert timetravel.mock_time() is None
        huhu_mock.time_travel()
        started = huhu_mock.now()
        with Huhu() as huhu:
            face = huhu.call(generate_face, body=GenerateFaceRequest(prompt="a", num_output_images=1))
            assert huhu.wait_for_generation(face.request_id, interval=30).status == "Generation Completed"
        assert huhu_mock.now() - started == pytest.approx(300)
    assert timetravel.mock_time() is None  # and off once the mock stops

"""The waiters' ``Call`` steps name the model they return; the step drivers (sync and async) refuse any
other answer with ``UnexpectedResponseError``, the check each waiter used to make itself."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from huhu_client.models import TaskDetail, TaskList

from huhu_ext import polling
from huhu_ext.errors import UnexpectedResponseError

DETAIL = TaskDetail.from_dict(
    {"task_id": "t1", "task_status": "Generation completed", "sku_id": "s1", "output": []}
)


def _waiter() -> polling.Waiter[dict[str, TaskDetail]]:
    return polling.wait_tasks(["t1"], project_id="p1", interval=1.0, timeout=10.0, clock=lambda: 0.0)


def _answers_a_detail(step: polling.Call) -> Any:
    assert step.returns is TaskList  # the list poll declares its model
    return DETAIL  # the wrong shape for a list request


def test_the_sync_driver_refuses_an_answer_of_another_model() -> None:
    with pytest.raises(UnexpectedResponseError, match="expected TaskList, got TaskDetail") as caught:
        polling.run(_waiter(), _answers_a_detail, lambda s: None)
    assert (caught.value.method, caught.value.path) == ("GET", "/task")


def test_the_async_driver_refuses_an_answer_of_another_model() -> None:
    async def call(step: polling.Call) -> Any:
        return _answers_a_detail(step)

    async def sleep(seconds: float) -> None:
        return None

    with pytest.raises(UnexpectedResponseError, match="expected TaskList, got TaskDetail"):
        asyncio.run(polling.arun(_waiter(), call, sleep))


def test_every_waiter_step_declares_its_model() -> None:
    """Each waiter's first step names a model, so no answer reaches a waiter unchecked."""
    waiters = [
        _waiter(),
        polling.wait_generation("r1", interval=1.0, timeout=10.0, clock=lambda: 0.0),
        polling.wait_upscale("r1", interval=1.0, timeout=10.0, clock=lambda: 0.0),
        polling.wait_video("r1", interval=1.0, timeout=10.0, clock=lambda: 0.0),
    ]
    for waiter in waiters:
        step = next(waiter)
        assert isinstance(step, polling.Call) and step.returns is not None

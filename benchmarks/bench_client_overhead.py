"""3. Client overhead: ``Huhu.call(get_plan)`` and the resource ``huhu.metering.plan()`` vs the same
request with raw httpx, same transport.

Both go through one in-process ``httpx.MockTransport`` that answers a canned plan JSON, so only
client-side work is timed: raw httpx = ``client.get(...)`` + ``response.json()``; the generated
client alone (``get_plan.sync_detailed``) is timed as well, to split the overhead. Each run times
``calls`` calls of each variant, alternating in chunks of ``calls / 10``; the figure is the median over runs of Huhu's time per
call / raw httpx's. Target ≤ 1.25×.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable

import httpx
from benchlib import API_KEY, Figure, cli, median, spread
from huhu_client import AuthenticatedClient
from huhu_client.api.metering import get_plan
from huhu_client.models import Plan

from huhu_ext import Huhu

BASE_URL = "http://huhu-bench.invalid/public/v1"
CHUNKS = 10
PLAN = json.dumps(
    {
        "credits": 50,
        "plan_status": "free",
        "concurrent_requests": 10,
        "plan_name": None,
        "subscription_id": None,
    }
).encode()


def _answer(request: httpx.Request) -> httpx.Response:
    return httpx.Response(200, content=PLAN, headers={"Content-Type": "application/json"})


def _per_call(call: Callable[[], object], calls: int) -> float:
    started = time.perf_counter()
    for _ in range(calls):
        call()
    return (time.perf_counter() - started) / calls


def measure(runs: int = 7, calls: int = 2000) -> list[Figure]:
    transport = httpx.MockTransport(_answer)
    headers = {"Authorization": f"Bearer {API_KEY}"}
    with (
        httpx.Client(transport=transport, base_url=BASE_URL) as raw,
        Huhu(api_key=API_KEY, base_url=BASE_URL, transport=transport) as huhu,
        AuthenticatedClient(
            base_url=BASE_URL, token=API_KEY, httpx_args={"transport": transport}
        ) as generated,
    ):

        def raw_call() -> object:
            response = raw.get("/metering/plan", headers=headers)
            response.raise_for_status()
            return response.json()

        def generated_call() -> object:
            return get_plan.sync_detailed(client=generated).parsed

        def huhu_call() -> object:
            return huhu.call(get_plan)

        def resource_call() -> object:
            return huhu.metering.plan()

        assert isinstance(huhu_call(), Plan) and isinstance(generated_call(), Plan)
        assert isinstance(resource_call(), Plan)
        assert raw_call() == json.loads(PLAN)
        variants = {
            "raw": raw_call,
            "generated": generated_call,
            "huhu": huhu_call,
            "resource": resource_call,
        }
        for call in variants.values():  # warm-up
            _per_call(call, max(1, calls // 10))
        times: dict[str, list[float]] = {name: [] for name in variants}
        chunk = max(1, calls // CHUNKS)
        for _ in range(runs):
            # the variants alternate in small chunks, so that a burst of load on the machine hits all
            spent = dict.fromkeys(variants, 0.0)
            for _ in range(CHUNKS):
                for name, call in variants.items():
                    spent[name] += _per_call(call, chunk)
            for name in variants:
                times[name].append(spent[name] / CHUNKS)
    ratios = [h / r for h, r in zip(times["huhu"], times["raw"], strict=True)]
    gen_ratios = [g / r for g, r in zip(times["generated"], times["raw"], strict=True)]
    res_ratios = [h / r for h, r in zip(times["resource"], times["raw"], strict=True)]
    us = {name: median(values) * 1e6 for name, values in times.items()}
    return [
        Figure(
            "client_overhead",
            "Client overhead: Huhu.call(get_plan) / raw httpx (same MockTransport)",
            median(ratios),
            target=1.25,
            detail=(
                f"{us['huhu']:.0f} µs vs {us['raw']:.0f} µs per call; generated client alone "
                f"{us['generated']:.0f} µs ({median(gen_ratios):.2f}×); {spread(ratios)} of {calls} calls"
            ),
            runs=runs,
        ),
        Figure(
            "client_overhead_resources",
            "Client overhead through the resources: huhu.metering.plan() / raw httpx (same MockTransport)",
            median(res_ratios),
            target=1.25,
            detail=f"{us['resource']:.0f} µs vs {us['raw']:.0f} µs per call; {spread(res_ratios)} of {calls} calls",
            runs=runs,
        ),
    ]


if __name__ == "__main__":
    cli(measure, {"runs": 1, "calls": 50}, __doc__ or "")

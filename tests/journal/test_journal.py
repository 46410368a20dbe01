"""The request journal: what it records, what it never records, its filters, its bound and reset."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator

import httpx
import pytest
from journal_support import b64, png, start_tryon

from huhu_ext.spec import load_spec
from huhu_ext.testing import BASE_URL, HuhuMock, HuhuMockServer, mock_huhu
from mock_server import create_app
from mock_server.app import backend_of
from mock_server.journal import BODY_CAP, RESPONSE_CAP, Journal, JournalEntry, journal_of, summarise
from mock_server.models import DEFAULT_API_KEY, HuhuBackend

ROOT = BASE_URL.removesuffix("/public/v1")


@pytest.fixture
def mock() -> Iterator[HuhuMock]:
    with mock_huhu() as handle:
        yield handle


@pytest.fixture
def api(mock: HuhuMock) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=BASE_URL, headers={"Authorization": f"Bearer {mock.api_key}"}) as client:
        yield client


def journal_text(mock: HuhuMock) -> str:
    """Everything the journal would ever show, as GET /_mock/requests gives it."""
    answer = httpx.get(ROOT + "/_mock/requests")
    assert answer.status_code == 200
    return answer.text


def test_each_request_is_recorded_with_what_it_sent_and_got(mock: HuhuMock, api: httpx.Client) -> None:
    before = mock.now()
    tryon = start_tryon(api)
    entries = mock.requests
    assert [e.operation_id for e in entries] == [
        "create_project",
        "upload_project_file",
        "get_skus",
        "create_tasks",
        "get_tasks",
        "update_task",
        "generate_tasks",
    ]
    team = mock.backend.caller_for_key(mock.api_key).team_id
    assert {e.team_id for e in entries} == {team}
    assert all(e.time >= before for e in entries) and [e.seq for e in entries] == sorted(
        e.seq for e in entries
    )
    create = entries[0]
    assert (create.method, create.path, create.status) == ("POST", "/project", 200)
    assert create.body == {"project_name": "summer-shoot"}
    assert create.response["project_id"] == tryon.project_id
    listing = entries[4]  # GET /task
    assert listing.query == {"project_id": tryon.project_id} and listing.body is None
    generate = entries[-1]
    price = load_spec().operation("generate_tasks").credits
    assert price is not None
    assert generate.credits == price.price({"task_ids": [tryon.task_id]}) > 0
    assert sum(e.credits for e in entries) == generate.credits
    assert all(e.reason is None for e in entries)


def test_refusals_carry_their_reason_in_domain_words(mock: HuhuMock, api: httpx.Client) -> None:
    tryon = start_tryon(api, generate=False)
    generate = {"project_id": tryon.project_id, "task_ids": [tryon.task_id]}
    cost = load_spec().price("generate_tasks", generate)
    mock.set_credits(cost - 1)
    assert api.post("/task/generate", json=generate).status_code == 402
    mock.set_credits(100)
    mock.set_slots(0)
    assert api.post("/task/generate", json=generate).status_code == 429  # more than the team's slots
    mock.set_slots(1)
    assert api.post("/task/generate", json=generate).status_code == 200
    assert api.post("/task/generate", json=generate).status_code == 422  # already generating
    assert api.post("/project", json={"project_nam": "typo"}).status_code == 422
    assert (
        httpx.get(BASE_URL + "/metering/plan", headers={"Authorization": "Bearer sk-" + "0" * 48}).status_code
        == 401
    )
    assert api.get("/no/such/route").status_code == 404
    mock.inject_fault("GET", "/metering/plan", 503)
    assert api.get("/metering/plan").status_code == 503
    refused = {e.seq: e for e in mock.find_requests(status="4xx")} | {
        e.seq: e for e in mock.find_requests(status="5xx")
    }
    reasons = [e.reason for _, e in sorted(refused.items())]
    assert reasons[0] == f"balance {cost - 1} < cost {cost}"
    assert "needs 1 slots and the team has 0" in str(reasons[1])
    assert f"task {tryon.task_id} is already generating (Submitted)" in str(reasons[2])
    assert reasons[3] == "body.project_name: is required"
    assert reasons[4] == "Unknown API key"
    assert reasons[5] is not None and "/no/such/route" in reasons[5]
    assert reasons[6] == "Injected fault: HTTP 503"
    unknown_key = next(e for e in refused.values() if e.status == 401)
    assert unknown_key.team_id is None and unknown_key.credits == 0
    assert all(e.credits == 0 for e in refused.values())


def test_busy_slots_are_named(mock: HuhuMock, api: httpx.Client) -> None:
    first = start_tryon(api, "one")
    mock.set_slots(1)
    second = start_tryon(api, "two", generate=False)
    answer = api.post("/task/generate", json={"project_id": second.project_id, "task_ids": [second.task_id]})
    assert answer.status_code == 429
    assert first.task_id != second.task_id
    (refused,) = mock.find_requests(status=429)
    assert refused.reason is not None and "1 of 1 slots busy" in refused.reason


def test_no_key_no_payload_and_no_body_over_the_cap_ever_appears(mock: HuhuMock, api: httpx.Client) -> None:
    other = mock.new_team(credits=10)
    tryon = start_tryon(api)
    image = b64(png(400, 600))
    answer = api.post("/upscale", json={"image": image})
    assert answer.status_code == 200
    data_uri = "data:image/png;base64," + b64(png(300, 300))
    api.post("/upscale", json={"image": data_uri})
    noise = b64(bytes(range(256)) * 40)  # base64 that is no image
    api.post("/project", json={"project_name": noise})
    api.post("/project", json={"project_name": "x" * 50_000})
    api.post("/project", json={f"k{i}": "v" * 100 for i in range(500)})
    api.post("/project", json={"project_name": [[[[[[[[["deep"]]]]]]]]]})
    api.post("/project", content=b"{not json" + b"x" * 10_000, headers={"Content-Type": "application/json"})
    api.get("/task", params={"project_id": tryon.project_id, "junk": "q" * 10_000})
    httpx.get(BASE_URL + "/metering/plan", headers={"Authorization": f"Bearer {other.api_key}"})
    text = journal_text(mock)
    for secret in (mock.api_key, other.api_key, mock.api_key[3:], other.api_key[3:]):
        assert secret not in text
    for payload in (image, data_uri, noise):
        assert payload[20:80] not in text
    assert "x" * 1000 not in text and "q" * 1000 not in text
    entries = mock.requests
    for entry in entries:
        assert len(json.dumps(entry.body)) <= BODY_CAP
        assert len(json.dumps(entry.response)) <= RESPONSE_CAP
    upscale = mock.find_requests(path="create_upscale")
    assert upscale[0].body == {"image": f"<base64 image/png, {len(image) * 3 // 4} bytes>"}
    assert upscale[0].body_bytes > len(image)
    assert str(upscale[1].body["image"]).startswith("<image/png data URI")
    assert mock.find_requests(team=other.team_id)[0].operation_id == "get_plan"


def test_summaries_are_bounded() -> None:
    assert summarise({"a": "b"}) == {"a": "b"}
    big = summarise({f"key{i}": list(range(100)) for i in range(100)}, 300)
    assert len(json.dumps(big)) <= 300 and "keys" in big
    assert len(json.dumps(summarise(["y" * 10_000] * 1000, 500))) <= 500


def test_filters_in_process_and_over_http(mock: HuhuMock, api: httpx.Client) -> None:
    other = mock.new_team()
    start_tryon(api)
    mock.advance(30)
    later = mock.now()
    httpx.get(BASE_URL + "/metering/plan", headers={"Authorization": f"Bearer {other.api_key}"})
    api.post("/project", json={})
    assert [e.operation_id for e in mock.find_requests(method="put")] == ["update_task"]
    assert len(mock.find_requests(path="/public/v1/task")) == 3  # POST, GET and PUT /task
    assert len(mock.find_requests(path="/task*")) == 4
    assert len(mock.find_requests(path="generate_tasks")) == 1
    assert [e.status for e in mock.find_requests(status=422)] == [422]
    assert [e.operation_id for e in mock.find_requests(team=other.team_id)] == ["get_plan"]
    assert [e.operation_id for e in mock.find_requests(since=later)] == ["get_plan", "create_project"]
    last = mock.requests[-1].seq
    assert mock.find_requests(after=last - 1) == mock.requests[-1:] == mock.find_requests(limit=1)
    over_http = httpx.get(
        ROOT + "/_mock/requests", params={"method": "POST", "status": "2xx", "path": "/task*"}
    )
    assert [e["operation_id"] for e in over_http.json()["requests"]] == ["create_tasks", "generate_tasks"]
    bad = httpx.get(ROOT + "/_mock/requests", params={"since": "yesterday"})
    assert bad.status_code == 422 and "query.since" in bad.text


def test_the_journal_is_a_bounded_ring_and_can_be_disabled() -> None:
    backend = HuhuBackend(clock="manual")
    try:
        for size, kept in ((3, [4, 5, 6]), (0, [])):
            app = create_app(backend, journal_size=size)
            client = app.test_client()
            for _ in range(6):
                client.get("/public/v1/metering/plan", headers={"Authorization": f"Bearer {DEFAULT_API_KEY}"})
            assert [e.seq for e in journal_of(app).entries()] == kept
            listed = client.get("/_mock/requests").get_json()
            assert [e["seq"] for e in listed["requests"]] == kept and listed["size"] == size
            assert listed["oldest"] == (kept[0] if kept else None)
    finally:
        backend.close()
    with pytest.raises(ValueError):
        Journal(-1)


def test_reset_empties_the_journal(mock: HuhuMock, api: httpx.Client) -> None:
    api.get("/metering/plan")
    assert len(mock.requests) == 1
    mock.reset()
    assert mock.requests == []
    api.get("/metering/plan")
    assert httpx.post(ROOT + "/_mock/reset").status_code == 200
    assert mock.requests == []
    api.get("/metering/plan")
    assert mock.requests[0].seq == 3  # numbering goes on: a poller never sees an old seq again


def test_entries_round_trip_through_json(mock: HuhuMock, api: httpx.Client) -> None:
    api.post("/project", json={"project_name": "x"})
    (entry,) = mock.requests
    assert JournalEntry.from_json(json.loads(json.dumps(entry.as_json()))) == entry
    assert entry.line.startswith("#1 POST /project → 200")


def test_the_server_fixture_reads_the_journal_over_http(huhu_mock_server: HuhuMockServer) -> None:
    with httpx.Client(
        base_url=huhu_mock_server.base_url, headers={"Authorization": f"Bearer {huhu_mock_server.api_key}"}
    ) as api:
        api.post("/project", json={"project_name": "over-http"})
        api.post("/project", json={"project_name": 7})
    entries = huhu_mock_server.requests
    assert [(e.operation_id, e.status) for e in entries] == [("create_project", 200), ("create_project", 422)]
    assert entries[1].reason is not None and "body.project_name" in entries[1].reason
    assert huhu_mock_server.find_requests(status=422) == entries[1:]
    assert huhu_mock_server.api_key not in repr(entries)
    huhu_mock_server.reset()
    assert huhu_mock_server.requests == []


def test_the_server_takes_a_journal_size() -> None:
    with (
        HuhuMockServer(journal_size=2) as server,
        httpx.Client(base_url=server.base_url, headers={"Authorization": f"Bearer {server.api_key}"}) as api,
    ):
        for _ in range(3):
            api.get("/metering/plan")
        assert [e.seq for e in server.requests] == [2, 3]
        server.verify("get_plan", times=2)


@pytest.fixture
def default_recursion_limit() -> Iterator[None]:
    """Python's default recursion limit for one test: mypy's API (tests/typing) raises it for the
    whole process, and a test that relies on the default would then depend on what ran before it."""
    before = sys.getrecursionlimit()
    sys.setrecursionlimit(1000)
    yield
    sys.setrecursionlimit(before)


@pytest.mark.usefixtures("default_recursion_limit")
def test_a_body_nested_too_deep_to_parse_is_journaled_as_not_json() -> None:
    app = create_app(journal_size=10)
    client = app.test_client()
    nested = b"[" * 5000 + b"]" * 5000  # refused with a 422; the journal must still be readable
    headers = {"Authorization": f"Bearer {DEFAULT_API_KEY}", "Content-Type": "application/json"}
    assert client.post("/public/v1/project", data=nested, headers=headers).status_code == 422
    answer = client.get("/_mock/requests")
    assert answer.status_code == 200
    (entry,) = answer.get_json()["requests"]
    assert entry["status"] == 422 and entry["body"] == f"<{len(nested)} bytes, not JSON>"
    backend_of(app).close()

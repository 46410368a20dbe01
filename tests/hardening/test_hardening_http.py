"""Issue 12 findings 3-9 through Flask's test client (strict mode: any exception in the mock fails).

3 admin guard · 4 clock overflow, half-wiping reset, restart · 5 admin integers beyond 64 bits ·
6 small 422 bodies · 7 refused and expired upload parts · 8 JSON everywhere · 9 numbers normalised.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from flask.testing import FlaskClient
from hardening_support import DEFAULT_KEY, b64, make_zip, png
from werkzeug.test import TestResponse

from mock_server import HuhuBackend, create_app
from mock_server.app import backend_of
from mock_server.domain import admin
from mock_server.domain.base import MAX_CLOCK_SECONDS
from mock_server.guard import ADMIN_TOKEN_HEADER, admin_guard_problem, is_loopback

API = "/public/v1"
AUTH = {"Authorization": f"Bearer {DEFAULT_KEY}"}
TOKEN = "s3cret-admin-token"


@pytest.fixture
def client() -> Iterator[FlaskClient]:
    app = create_app(HuhuBackend(extras=True, clock="manual", part_size=64 * 1024), strict=True)
    yield app.test_client()
    backend_of(app).close()


def state(client: FlaskClient) -> dict[str, Any]:
    body = client.get("/_mock/state").get_json()
    return {k: v for k, v in body.items() if k != "now"}


def assert_422_naming(response: TestResponse, field: str) -> dict[str, Any]:
    assert response.status_code == 422, response.get_data(as_text=True)[:500]
    assert response.content_type == "application/json"
    body: dict[str, Any] = response.get_json()
    assert field in [e["field"] for e in body["errors"]], body
    return body


# -- 3: the admin API is guarded off loopback ------------------------------------------------------------


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.8.9.10", True),
        ("localhost", True),
        ("::1", True),
        ("[::1]", True),
        ("0.0.0.0", False),
        ("::", False),
        ("192.168.1.20", False),
        ("example.org", False),
    ],
)
def test_loopback_decision(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback
    problem = admin_guard_problem(host, None)
    assert (problem is None) is loopback
    if not loopback:
        assert problem is not None and "--admin-token" in problem and ADMIN_TOKEN_HEADER in problem
    assert admin_guard_problem(host, TOKEN) is None
    assert admin_guard_problem(host, "short") is not None  # a token too short to guard anything


def test_with_a_token_admin_routes_need_the_header() -> None:
    backend = HuhuBackend(extras=True)
    app = create_app(backend, admin_token=TOKEN)
    http = app.test_client()
    for method, path in [("GET", "/_mock/state"), ("POST", "/_mock/reset"), ("POST", "/_mock/credits")]:
        refused = http.open(path, method=method, json={"credits": 5})
        assert refused.status_code == 401 and refused.content_type == "application/json"
        assert ADMIN_TOKEN_HEADER in refused.get_json()["detail"]
        wrong = http.open(path, method=method, json={"credits": 5}, headers={ADMIN_TOKEN_HEADER: TOKEN + "x"})
        assert wrong.status_code == 401
    assert backend.dump_state()["teams"][0]["credits"] != 5  # nothing happened
    ok = http.post(
        "/_mock/credits", json={"credits": 5, "api_key": DEFAULT_KEY}, headers={ADMIN_TOKEN_HEADER: TOKEN}
    )
    assert ok.status_code == 200 and ok.get_json()["credits"] == 5
    assert http.get("/_mock/health").status_code == 200  # open: says nothing
    # Signed download URLs carry their own signature: they stay usable without the admin token.
    uploaded = http.post(
        API + "/project/upload",
        headers=AUTH,
        json={
            "project_id": http.post(API + "/project", headers=AUTH, json={"project_name": "p"}).get_json()[
                "project_id"
            ],
            "file_type": "model_image",
            "file_data": b64(png()),
        },
    ).get_json()
    url = urlsplit(uploaded["image_url"])
    download = http.get(url.path + "?" + url.query)
    assert download.status_code == 200 and download.content_type == "image/png"
    # The public API never needs the admin token.
    assert http.get(API + "/metering/plan", headers=AUTH).status_code == 200
    backend.close()


def test_without_a_token_the_admin_api_is_open_as_before(client: FlaskClient) -> None:
    assert client.get("/_mock/state").status_code == 200


# -- 4: the clock never moves where storage cannot follow; reset never half-wipes --------------------------


@pytest.mark.parametrize("seconds", [1e308, 1e20, 2**64, float(MAX_CLOCK_SECONDS)])
def test_clock_advance_beyond_what_storage_holds_is_422(client: FlaskClient, seconds: float) -> None:
    before = state(client)
    now = client.get("/_mock/clock").get_json()["now"]
    assert_422_naming(client.post("/_mock/clock/advance", json={"seconds": seconds}), "body.seconds")
    assert client.get("/_mock/clock").get_json()["now"] == now
    assert state(client) == before
    assert client.post(API + "/project", headers=AUTH, json={"project_name": "after"}).status_code == 200
    assert client.post("/_mock/reset").status_code == 200
    assert client.get(API + "/metering/plan", headers=AUTH).status_code == 200


def test_clock_advance_just_below_the_limit_still_works(client: FlaskClient) -> None:
    now = client.get("/_mock/clock").get_json()["now"]
    step = admin.MAX_ADVANCE_SECONDS
    moved = client.post("/_mock/clock/advance", json={"seconds": step})
    assert moved.status_code == 200 and moved.get_json()["now"] == pytest.approx(now + step)
    assert client.post(API + "/project", headers=AUTH, json={"project_name": "later"}).status_code == 200


def test_a_failing_reset_leaves_everything_as_it_was(
    client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    client.post(API + "/project", headers=AUTH, json={"project_name": "kept"})
    before = state(client)
    backend = backend_of(client.application)

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise OverflowError("Python int too large to convert to SQLite INTEGER")

    monkeypatch.setattr(backend, "_new_team", broken)
    with pytest.raises(OverflowError):
        client.post("/_mock/reset")
    monkeypatch.undo()
    assert state(client) == before
    assert client.get(API + "/metering/plan", headers=AUTH).status_code == 200


@pytest.mark.parametrize("stored", ["1e308", "inf", "nan", "-5", "yesterday", repr(MAX_CLOCK_SECONDS * 10)])
def test_a_stored_bad_clock_never_prevents_a_restart(tmp_path: Path, stored: str) -> None:
    db = str(tmp_path / "mock.sqlite3")
    HuhuBackend(db_path=db, clock="manual").close()
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE meta SET value = ? WHERE key = 'manual_clock'", (stored,))
        conn.execute("INSERT OR IGNORE INTO meta (key, value) VALUES ('manual_clock', ?)", (stored,))
    backend = HuhuBackend(db_path=db, clock="manual", extras=True)
    app = create_app(backend, strict=True)
    http = app.test_client()
    assert 0 < backend.now() <= MAX_CLOCK_SECONDS
    assert http.get(API + "/metering/plan", headers=AUTH).status_code == 200
    assert http.post("/_mock/clock/advance", json={"seconds": 1}).status_code == 200
    backend.close()


# -- 5: admin integers beyond 64 bits are 422 naming the field ----------------------------------------------


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        ("/_mock/teams", {"credits": 2**63}, "body.credits"),
        ("/_mock/teams", {"slots": 1e20}, "body.slots"),
        ("/_mock/teams", {"credits": -1}, "body.credits"),
        ("/_mock/faults", {"path": "*", "status": 500, "count": 2**64}, "body.count"),
        ("/_mock/faults", {"path": "*", "status": 500, "retry_after": 2**70}, "body.retry_after"),
        ("/_mock/faults", {"path": "*", "latency_seconds": 1e300}, "body.latency_seconds"),
        ("/_mock/credits", {"credits": 2**63, "api_key": DEFAULT_KEY}, "body.credits"),
        ("/_mock/slots", {"slots": 2**63, "api_key": DEFAULT_KEY}, "body.slots"),
        ("/_mock/jobs/fail", {"count": 2**64}, "body.count"),
        ("/_mock/clock/advance", {"seconds": -1}, "body.seconds"),
    ],
)
def test_admin_numbers_out_of_range_are_422(
    client: FlaskClient, path: str, body: dict[str, Any], field: str
) -> None:
    before = state(client)
    assert_422_naming(client.post(path, json=body), field)
    assert state(client) == before


def test_admin_backend_methods_check_ranges_too(client: FlaskClient) -> None:
    backend = backend_of(client.application)
    for call in (
        lambda: backend.set_credits(2**63, api_key=DEFAULT_KEY),
        lambda: backend.set_slots(2**63, api_key=DEFAULT_KEY),
        lambda: backend.create_team(credits=2**63),
        lambda: backend.add_fault(path="*", status=500, count=2**64),
        lambda: backend.fail_next_jobs(2**64),
        lambda: backend.advance_clock(float("inf")),
    ):
        response = call
        with pytest.raises(admin.Invalid):
            response()


def test_admin_numbers_are_normalised(client: FlaskClient) -> None:
    team = client.post("/_mock/teams", json={"credits": 7.0, "slots": 2.0}).get_json()
    credits = client.post("/_mock/credits", json={"credits": 9.0, "team_id": team["team_id"]}).get_json()
    assert credits == {"team_id": team["team_id"], "credits": 9} and type(credits["credits"]) is int
    row = next(t for t in state(client)["teams"] if t["team_id"] == team["team_id"])
    assert type(row["slots"]) is int and row["slots"] == 2


# -- 6: errors stay small ------------------------------------------------------------------------------------


def test_a_huge_bad_value_gives_a_small_422(client: FlaskClient) -> None:
    name = ["x" * 10_000_000]  # not a string: refused, and the 10 MB value must not be echoed back
    response = client.post(API + "/project", headers=AUTH, json={"project_name": name})
    body = assert_422_naming(response, "body.project_name")
    assert len(response.get_data()) < 2_000
    assert all(len(e["message"]) <= 300 for e in body["errors"])


def test_many_huge_bad_values_stay_small(client: FlaskClient) -> None:
    junk = {f"k{n}-" + "y" * 50_000: "z" * 100_000 for n in range(50)}
    response = client.post("/_mock/teams", json=junk)
    assert response.status_code == 422
    assert len(response.get_data()) < 20_000


def test_a_huge_unknown_path_gives_a_small_404(client: FlaskClient) -> None:
    response = client.get("/" + "p" * 100_000)
    assert response.status_code == 404 and len(response.get_data()) < 1_000


# -- 7: refused upload parts are deleted at once; open uploads expire ------------------------------------------


def _zip_upload(client: FlaskClient, data: bytes) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    project = client.post(API + "/project", headers=AUTH, json={"project_name": "zips"}).get_json()[
        "project_id"
    ]
    upload = client.post(
        API + "/project/upload",
        headers=AUTH,
        json={"project_id": project, "file_type": "sku_zip", "file_size": len(data)},
    ).get_json()
    upload["project_id"] = project
    parts = []
    for number, url in enumerate(upload["upload_urls"], start=1):
        chunk = data[(number - 1) * upload["part_size"] : number * upload["part_size"]]
        split = urlsplit(url)
        put = client.put(split.path + "?" + split.query, data=chunk)
        assert put.status_code == 200
        parts.append({"PartNumber": number, "ETag": put.headers["ETag"]})
    return upload, parts


def _complete(client: FlaskClient, upload: dict[str, Any], parts: list[dict[str, Any]]) -> TestResponse:
    return client.post(
        API + "/project/complete_multipart_upload",
        headers=AUTH,
        json={
            "project_id": upload["project_id"],
            "key": upload["key"],
            "upload_id": upload["upload_id"],
            "parts": parts,
        },
    )


def test_parts_of_a_refused_archive_are_deleted_at_once(client: FlaskClient) -> None:
    data = b"not a zip at all " * 10_000  # 170 KB: three parts of 64 KiB
    upload, parts = _zip_upload(client, data)
    assert len(parts) == 3
    assert len(state(client)["upload_parts"]) == 3
    assert_422_naming(_complete(client, upload, parts), "zip")
    dump = state(client)
    assert dump["upload_parts"] == []
    assert [u["state"] for u in dump["uploads"]] == ["rejected"]
    again = _complete(client, upload, parts)
    assert again.status_code == 422 and "refused" in again.get_json()["detail"]


def test_a_good_archive_in_several_parts_still_completes(client: FlaskClient) -> None:
    noisy = bytes(
        hashlib.sha256(str(n).encode()).digest()[0] for n in range(150_000)
    )  # incompressible filler
    data = make_zip({"tee/shirt-front.png": png(), "tee/.noise": noisy, "jeans/jeans-front.png": png(50, 90)})
    upload, parts = _zip_upload(client, data)
    assert len(parts) >= 2
    assert _complete(client, upload, parts).status_code == 200
    dump = state(client)
    assert sorted(s["sku_name"] for s in dump["skus"]) == ["jeans", "tee"]
    assert dump["upload_parts"] == []


def test_open_uploads_expire_with_their_parts(client: FlaskClient) -> None:
    data = make_zip({"tee/shirt-front.png": png()})
    upload, parts = _zip_upload(client, data)
    assert state(client)["upload_parts"]
    assert client.post("/_mock/clock/advance", json={"seconds": 24 * 3600 + 1}).status_code == 200
    # The next upload activity sweeps expired uploads.
    _zip_upload(client, data)
    dump = state(client)
    assert [p["upload_id"] for p in dump["upload_parts"]] != [] and all(
        p["upload_id"] != upload["upload_id"] for p in dump["upload_parts"]
    )
    assert next(u for u in dump["uploads"] if u["upload_id"] == upload["upload_id"])["state"] == "expired"
    late = _complete(client, upload, parts)
    assert late.status_code == 422 and "expired" in late.get_json()["detail"]


def test_upload_ttl_is_configurable() -> None:
    app = create_app(HuhuBackend(extras=True, clock="manual", upload_ttl_seconds=60), strict=True)
    http = app.test_client()
    _zip_upload(http, make_zip({"tee/shirt-front.png": png()}))
    http.post("/_mock/clock/advance", json={"seconds": 61})
    assert backend_of(app).expire_uploads() == 1
    assert state(http)["upload_parts"] == []
    backend_of(app).close()
    with pytest.raises(ValueError, match="upload_ttl_seconds"):
        HuhuBackend(upload_ttl_seconds=0)


def test_reset_deletes_open_uploads_and_parts(client: FlaskClient) -> None:
    _zip_upload(client, make_zip({"tee/shirt-front.png": png()}))
    client.post("/_mock/reset")
    dump = state(client)
    assert dump["uploads"] == [] and dump["upload_parts"] == []


# -- 8: every answer is JSON --------------------------------------------------------------------------------


def test_double_slash_paths_are_json_not_redirects(client: FlaskClient) -> None:
    # Werkzeug ignores leading slashes; a doubled slash inside a path is no route. Never a redirect.
    leading = client.get("/", headers=AUTH, environ_overrides={"PATH_INFO": "//public/v1/metering/plan"})
    assert leading.status_code == 200 and leading.content_type == "application/json"
    for path in ("/public/v1//metering/plan", "/_mock//state", "/public/v1/metering//plan/"):
        response = client.get("/", headers=AUTH, environ_overrides={"PATH_INFO": path})
        assert response.status_code == 404, path
        assert response.content_type == "application/json"
        assert response.get_json()["code"] == "not_found"


def test_options_is_json(client: FlaskClient) -> None:
    response = client.options(API + "/metering/plan")
    assert response.status_code == 200 and response.content_type == "application/json"
    assert "GET" in response.get_json()["allowed_methods"]
    assert "GET" in response.headers["Allow"]


def test_wrong_method_and_unknown_route_are_json(client: FlaskClient) -> None:
    wrong = client.delete(API + "/metering/plan", headers=AUTH)
    assert wrong.status_code == 405 and wrong.content_type == "application/json"
    unknown = client.get("/nowhere")
    assert unknown.status_code == 404 and unknown.content_type == "application/json"


def test_a_successful_part_put_is_empty_without_an_html_content_type(client: FlaskClient) -> None:
    project = client.post(API + "/project", headers=AUTH, json={"project_name": "p"}).get_json()["project_id"]
    upload = client.post(
        API + "/project/upload",
        headers=AUTH,
        json={"project_id": project, "file_type": "sku_zip", "file_size": 10},
    ).get_json()
    split = urlsplit(upload["upload_urls"][0])
    put = client.put(split.path + "?" + split.query, data=b"0123456789")
    assert put.status_code == 200 and put.get_data() == b""
    assert "Content-Type" not in put.headers
    assert put.headers["ETag"].startswith('"')


# -- 9: numbers normalised to the schema's type ----------------------------------------------------------------


def test_integral_floats_are_stored_and_echoed_as_integers(client: FlaskClient) -> None:
    created = client.post(
        API + "/model/face", headers=AUTH, json={"prompt": "a face", "num_output_images": 2.0}
    )
    assert created.status_code == 200, created.get_json()
    request_id = created.get_json()["request_id"]
    dump = state(client)
    row = next(r for r in dump["gen_requests"] if r["request_id"] == request_id)
    assert row["num_output_images"] == 2 and type(row["num_output_images"]) is int
    echoed = client.get(
        API + "/model/image", headers=AUTH, query_string={"request_id": request_id}
    ).get_json()
    assert '"num_output_images":2.0' not in str(echoed).replace(" ", "")
    found = _find_key(echoed, "num_output_images")
    assert found == [2] and type(found[0]) is int


def _find_key(value: Any, key: str) -> list[Any]:
    if isinstance(value, dict):
        return [v for k, v in value.items() if k == key] + [
            x for v in value.values() for x in _find_key(v, key)
        ]
    if isinstance(value, list):
        return [x for v in value for x in _find_key(v, key)]
    return []


def test_non_integral_floats_where_integers_are_wanted_stay_422(client: FlaskClient) -> None:
    response = client.post(
        API + "/model/face", headers=AUTH, json={"prompt": "a face", "num_output_images": 2.5}
    )
    assert_422_naming(response, "body.num_output_images")


def test_huge_ids_in_not_found_messages_stay_small(client: FlaskClient) -> None:
    huge = "i" * 200_000
    response = client.get(API + "/project", headers=AUTH, query_string={"project_id": huge})
    assert response.status_code in (404, 422) and len(response.get_data()) < 5_000
    admin_answer = client.post("/_mock/keys", json={"team_id": huge})
    assert_422_naming(admin_answer, "body.team_id")
    assert len(admin_answer.get_data()) < 5_000


# -- 2: finished jobs are not rendered inside the settling transaction ---------------------------------------


def test_outputs_are_rendered_once_on_first_download_not_when_the_job_finishes(
    client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mock_server import imaging

    calls: list[str] = []
    real = imaging.placeholder_png

    def counting(*args: Any, **kwargs: Any) -> bytes:
        calls.append(str(kwargs.get("seed")))
        return real(*args, **kwargs)

    monkeypatch.setattr(imaging, "placeholder_png", counting)
    created = client.post(
        API + "/model/face", headers=AUTH, json={"prompt": "a face", "num_output_images": 3}
    )
    request_id = created.get_json()["request_id"]
    assert client.post("/_mock/clock/advance", json={"seconds": 3600}).status_code == 200
    done = client.get(API + "/model/image", headers=AUTH, query_string={"request_id": request_id}).get_json()
    assert done["status"] == "Generation Completed"
    assert calls == []  # finishing is bookkeeping: nothing rendered yet
    assert len(state(client)["pending_files"]) == 3
    urls = [u for u in _strings(done) if "/_mock/files/" in u]
    assert len(urls) == 3
    first = urlsplit(urls[0])
    download = client.get(first.path + "?" + first.query)
    assert download.status_code == 200 and download.content_type == "image/png"
    assert download.get_data().startswith(b"\x89PNG")
    assert len(calls) == 1
    again = client.get(first.path + "?" + first.query)
    assert again.get_data() == download.get_data() and len(calls) == 1  # rendered once
    assert len(state(client)["pending_files"]) == 2


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def test_part_bodies_are_copied_in_chunks_and_a_short_body_stores_nothing(
    client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    from mock_server.domain import projects
    from mock_server.domain.projects import PartBody
    from mock_server.errors import Invalid

    backend = backend_of(client.application)
    project = client.post(API + "/project", headers=AUTH, json={"project_name": "p"}).get_json()["project_id"]
    upload = client.post(
        API + "/project/upload",
        headers=AUTH,
        json={"project_id": project, "file_type": "sku_zip", "file_size": 60_000},
    ).get_json()
    split = urlsplit(upload["upload_urls"][0])
    query = dict(part.split("=", 1) for part in split.query.split("&"))
    key = split.path.removeprefix("/_mock/s3/")
    with pytest.raises(Invalid, match="ended after 3 of the 10"):
        backend.upload_part(key, query, PartBody(io.BytesIO(b"abc"), 10))
    assert state(client)["upload_parts"] == []
    data = bytes(range(256)) * 200  # 51,200 bytes
    reads: list[int] = []

    class Counting(io.BytesIO):
        def read(self, size: int | None = -1) -> bytes:
            chunk = super().read(size)
            reads.append(len(chunk))
            return chunk

    monkeypatch.setattr(projects, "PART_CHUNK", 4096)
    etag = backend.upload_part(key, query, PartBody(Counting(data), len(data)))
    assert len(reads) == 13 and max(reads) == 4096  # never the whole part at once
    assert etag == '"' + hashlib.md5(data).hexdigest() + '"'
    assert [p["size"] for p in state(client)["upload_parts"]] == [len(data)]


def test_the_dashboard_opens_with_the_token_once_then_by_cookie() -> None:
    backend = HuhuBackend(extras=True)
    app = create_app(backend, admin_token=TOKEN)
    try:
        browser = app.test_client()
        assert browser.get("/_mock/ui").status_code == 401
        assert browser.get("/_mock/ui?admin_token=wrong").status_code == 401
        opened = browser.get(f"/_mock/ui?admin_token={TOKEN}")
        assert opened.status_code == 200
        cookie = opened.headers["Set-Cookie"]
        assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
        assert browser.get("/_mock/requests").status_code == 200  # the dashboard's own polling
        assert app.test_client().get("/_mock/requests").status_code == 401  # another browser: no cookie
        assert app.test_client().get(f"/_mock/requests?admin_token={TOKEN}").status_code == 401  # UI only
    finally:
        backend.close()

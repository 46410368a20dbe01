"""The mock as users run it: ``huhu-mock serve`` (``python -m mock_server serve``) on a loopback port,
driven over real HTTP — curl examples of the reference, an end-to-end try-on, races, restarts."""

from __future__ import annotations

import io
import json
import re
import shutil
import signal
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest
from mock_support import DEFAULT_KEY, ROOT, MockServer, b64, garment_zip, http, png
from PIL import Image

from huhu_ext.spec import load_spec
from mock_server.validation import SpecValidator

TRYON_CREDITS_PER_IMAGE = 2  # the reference's "Image Generation (HD) / Same-ID"


def check_in_spec(operation_id: str, status: int, body: Any, headers: dict[str, str] | None = None) -> None:
    SpecValidator().check_response(load_spec().operation(operation_id), status, body, headers or {})


def curl(*args: str) -> Any:
    """Run curl exactly as written in the reference (only the host differs); return the JSON it printed."""
    done = subprocess.run(["curl", *args], capture_output=True, text=True, timeout=30)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.mark.skipif(shutil.which("curl") is None, reason="curl is not installed")
def test_reference_curl_examples_run_verbatim() -> None:
    with MockServer() as server:
        assert f"API key: {DEFAULT_KEY}" in "".join(server.output)
        api = server.api
        # Authentication / "Check credits"
        plan = curl(f"{api}/metering/plan", "-H", f"Authorization: Bearer {DEFAULT_KEY}")
        check_in_spec("get_plan", 200, plan)
        assert plan == {
            "credits": 50,
            "plan_status": "free",
            "concurrent_requests": 10,
            "plan_name": None,
            "subscription_id": None,
        }
        # Explore Resources
        programs = curl(f"{api}/program", "-H", f"Authorization: Bearer {DEFAULT_KEY}")
        check_in_spec("list_programs", 200, programs)
        assert len(programs["programs"]) == 1 and programs["pagination_token"] is None
        projects = curl(f"{api}/project", "-H", f"Authorization: Bearer {DEFAULT_KEY}")
        check_in_spec("get_projects", 200, projects)
        assert projects == {"projects": [], "pagination_token": None}
        created = curl(
            "-X",
            "POST",
            f"{api}/project",
            "-H",
            "Content-Type: application/json",
            "-d",
            '{"project_name":"New Project"}',
            "-H",
            f"Authorization: Bearer {DEFAULT_KEY}",
        )
        check_in_spec("create_project", 200, created)
        assert (created["project_name"], created["project_status"]) == ("New Project", "Created")
        listed = curl(f"{api}/project", "-H", f"Authorization: Bearer {DEFAULT_KEY}")
        assert [p["project_id"] for p in listed["projects"]] == [created["project_id"]]
        assert server.stop() == 0
    assert "huhu-mock stopped" in "".join(server.output)


def test_end_to_end_try_on_over_real_http() -> None:
    with MockServer(["--clock", "manual", "--tryon-seconds", "90"]) as server:
        api, key = server.api, DEFAULT_KEY

        def call(method: str, path: str, body: Any = None, **query: str) -> Any:
            url = api + path + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")
            reply = http(method, url, json_body=body, key=key)
            assert reply.status == 200, reply.body
            return reply.json()

        assert call("GET", "/metering/plan")["credits"] == 50
        project = call("POST", "/project", {"project_name": "Summer drop"})["project_id"]

        # zip upload through the presigned part URLs
        data = garment_zip()
        init = call(
            "POST", "/project/upload", {"project_id": project, "file_type": "sku_zip", "file_size": len(data)}
        )
        assert all(u.startswith(server.base + "/_mock/s3/") for u in init["upload_urls"])
        assert call("GET", "/project", project_id=project)["project_status"] == "Creating"
        parts = []
        part_size = -(-len(data) // len(init["upload_urls"]))  # extras off: no part_size in the answer
        for number, url in enumerate(init["upload_urls"], start=1):
            chunk = data[(number - 1) * part_size : number * part_size]
            put = http("PUT", url, data=chunk)
            assert put.status == 200
            parts.append({"PartNumber": number, "ETag": put.headers["etag"]})
        call(
            "POST",
            "/project/complete_multipart_upload",
            {"project_id": project, "key": init["key"], "upload_id": init["upload_id"], "parts": parts},
        )

        # SKUs classified
        skus = {s["sku_name"]: s["sku_id"] for s in call("GET", "/sku", project_id=project)["skus"]}
        assert set(skus) == {"linen-shirt", "blue-jeans"}
        shirt = call("GET", "/sku", project_id=project, sku_id=skus["linen-shirt"])["skus"][0]
        assert {(g["garment_type"], g["view"]) for g in shirt["garment_images"]} == {
            ("Top", "front"),
            ("Top", "back"),
        }

        # tasks from the classification
        call("POST", "/task", {"project_id": project, "sku_ids": list(skus.values())})
        groups = call("GET", "/task", project_id=project)["skus"]
        tasks = [
            (skus[g["sku_name"]], t["task_id"]) for g in groups for t in g["tasks"]
        ]  # no sku_id: by name
        assert len(tasks) == 3 and all(t["task_status"] == "Task created" for g in groups for t in g["tasks"])

        # a gallery model image: East Asian young adult woman, plus size, front facing full body
        models = call(
            "GET",
            "/model",
            model_type="Women",
            model_size="Plus%20size",
            ethnicity="East%20Asian",
            age_range="Young%20Adult",
        )["models"]
        images = call("GET", "/model", model_id=models[0]["model_id"])["model_images"]
        image = next(i for i in images if i["view_type"] == "front_facing" and i["crop_type"] == "fullbody")
        for sku_id, task_id in tasks:
            call(
                "PUT",
                "/task",
                {
                    "project_id": project,
                    "sku_id": sku_id,
                    "task_id": task_id,
                    "model_image": image["model_image_id"],
                },
            )

        call(
            "POST",
            "/task/generate",
            {"project_id": project, "task_ids": [t for _, t in tasks], "num_output_images": 1},
        )
        assert call("GET", "/project", project_id=project)["project_status"] == "In process"
        statuses = {
            t["task_status"] for g in call("GET", "/task", project_id=project)["skus"] for t in g["tasks"]
        }
        assert statuses == {"Submitted"}
        for seconds in (30, 30, 30):  # poll as a client would, while time passes
            assert (
                http("POST", server.base + "/_mock/clock/advance", json_body={"seconds": seconds}).status
                == 200
            )
            statuses = {
                t["task_status"] for g in call("GET", "/task", project_id=project)["skus"] for t in g["tasks"]
            }
        assert statuses == {"Generation completed"}
        assert call("GET", "/project", project_id=project)["project_status"] == "Completed"

        sku_id, task_id = tasks[0]
        detail = call("GET", "/task", project_id=project, sku_id=sku_id, task_id=task_id)
        assert len(detail["output"]) == 1
        download = http("GET", detail["output"][0]["image_url"])
        assert download.status == 200 and download.headers["content-type"] == "image/png"
        picture = Image.open(io.BytesIO(download.body))
        picture.load()
        assert picture.format == "PNG" and picture.size[0] > 0

        spent = 3 * 1 * TRYON_CREDITS_PER_IMAGE
        assert call("GET", "/metering/plan")["credits"] == 50 - spent
        history = call("GET", "/metering/credit-history")["items"]
        assert sorted(h["request_id"] for h in history) == sorted(t for _, t in tasks)
        assert {(h["operation"], h["credits"]) for h in history} == {("tryon_gen", TRYON_CREDITS_PER_IMAGE)}


def spend_in_parallel(urls: list[str], key: str) -> list[int]:
    """One 1-credit face generation per URL, all released at once; returns the statuses."""
    barrier = threading.Barrier(len(urls))
    statuses: list[int] = []
    lock = threading.Lock()

    def spend(url: str) -> None:
        barrier.wait()
        reply = http(
            "POST", url + "/model/face", json_body={"prompt": "race", "num_output_images": 1}, key=key
        )
        with lock:
            statuses.append(reply.status)

    threads = [threading.Thread(target=spend, args=(url,)) for url in urls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return statuses


def test_fifty_parallel_requests_never_overspend() -> None:
    with MockServer(["--clock", "manual"]) as server:
        team = http("POST", server.base + "/_mock/teams", json_body={"credits": 10, "slots": 50}).json()
        statuses = spend_in_parallel([server.api] * 50, team["api_key"])
        assert statuses.count(200) == 10 and statuses.count(402) == 40
        assert http("GET", server.api + "/metering/plan", key=team["api_key"]).json()["credits"] == 0
        history = http(
            "GET", server.api + "/metering/credit-history?fetch_all=true", key=team["api_key"]
        ).json()
        assert len(history["items"]) == 10


def test_two_servers_on_one_db_never_overspend(tmp_path: Path) -> None:
    db = str(tmp_path / "shared.db")
    with (
        MockServer(["--db", db, "--clock", "manual"]) as one,
        MockServer(["--db", db, "--clock", "manual"]) as two,
    ):
        team = http("POST", one.base + "/_mock/teams", json_body={"credits": 10, "slots": 50}).json()
        statuses = spend_in_parallel([one.api, two.api] * 25, team["api_key"])
        assert statuses.count(200) == 10 and statuses.count(402) == 40
        for server in (one, two):
            assert http("GET", server.api + "/metering/plan", key=team["api_key"]).json()["credits"] == 0
        history = http("GET", two.api + "/metering/credit-history?fetch_all=true", key=team["api_key"]).json()
        assert len(history["items"]) == 10


def test_two_workers_share_one_temporary_db_and_never_overspend() -> None:
    server = MockServer(["--workers", "2", "--job-seconds", "60"]).start()
    try:
        found = re.search(r"temporary file (\S+), 2 workers", "".join(server.output))
        assert found is not None
        db = Path(found.group(1))
        assert db.exists()
        team = http("POST", server.base + "/_mock/teams", json_body={"credits": 10, "slots": 50}).json()
        statuses = spend_in_parallel([server.api] * 50, team["api_key"])
        assert statuses.count(200) == 10 and statuses.count(402) == 40
        for _ in range(4):  # each worker answers from the shared file
            assert http("GET", server.api + "/metering/plan", key=team["api_key"]).json()["credits"] == 0
        history = http(
            "GET", server.api + "/metering/credit-history?fetch_all=true", key=team["api_key"]
        ).json()
        assert len(history["items"]) == 10
    finally:
        assert server.stop() == 0
    assert "huhu-mock stopped" in "".join(server.output)
    assert not db.parent.exists()  # the temporary file is removed at exit


def test_restart_with_the_same_db_keeps_projects_tasks_ledger_and_outputs(tmp_path: Path) -> None:
    db = str(tmp_path / "mock.db")
    key = DEFAULT_KEY
    with MockServer(["--db", db, "--clock", "manual", "--extras"]) as first:  # reads the upload's sku_id
        api = first.api
        project = http("POST", api + "/project", json_body={"project_name": "Keep"}, key=key).json()[
            "project_id"
        ]
        upload = {
            "project_id": project,
            "file_type": "garment_image",
            "file_data": b64(png()),
            "sku_name": "tee-front",
        }
        sku = http("POST", api + "/project/upload", json_body=upload, key=key).json()["sku_id"]
        http("POST", api + "/task", json_body={"project_id": project, "sku_ids": [sku]}, key=key)
        task = http("GET", api + f"/task?project_id={project}", key=key).json()["skus"][0]["tasks"][0][
            "task_id"
        ]
        model = http("GET", api + "/model", key=key).json()["models"][0]["model_id"]
        image = http("GET", api + f"/model?model_id={model}", key=key).json()["model_images"][0][
            "model_image_id"
        ]
        body = {"project_id": project, "sku_id": sku, "task_id": task, "model_image": image}
        assert http("PUT", api + "/task", json_body=body, key=key).status == 200
        generate = {"project_id": project, "task_ids": [task], "num_output_images": 2}
        assert http("POST", api + "/task/generate", json_body=generate, key=key).status == 200
        http("POST", first.base + "/_mock/clock/advance", json_body={"seconds": 10})
        detail_path = f"/task?project_id={project}&sku_id={sku}&task_id={task}"
        detail = http("GET", api + detail_path, key=key).json()
        old_url = detail["output"][0]["image_url"]
        picture = http("GET", old_url).body
        before = {
            "plan": http("GET", api + "/metering/plan", key=key).json(),
            "history": http("GET", api + "/metering/credit-history", key=key).json(),
            "projects": http("GET", api + "/project", key=key).json(),
            "outputs": [o["image_id"] for o in detail["output"]],
        }
        assert before["plan"]["credits"] == 50 - 2 * TRYON_CREDITS_PER_IMAGE
        assert first.stop() == 0

    with MockServer(["--db", db, "--clock", "manual", "--extras"]) as second:
        api = second.api
        after_detail = http("GET", api + detail_path, key=key).json()
        after = {
            "plan": http("GET", api + "/metering/plan", key=key).json(),
            "history": http("GET", api + "/metering/credit-history", key=key).json(),
            "projects": http("GET", api + "/project", key=key).json(),
            "outputs": [o["image_id"] for o in after_detail["output"]],
        }
        assert after == before
        assert after_detail["task_status"] == "Generation completed"
        assert http("GET", after_detail["output"][0]["image_url"]).body == picture
        old_path = old_url.split("/_mock/", 1)[1]
        assert http("GET", second.base + "/_mock/" + old_path).body == picture  # same secret, same clock


def test_sigint_stops_the_server_cleanly() -> None:
    server = MockServer().start()
    assert server.process is not None
    server.process.send_signal(signal.SIGINT)
    assert server.process.wait(timeout=20) == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--api-key", "sk-nothex"], "48 hexadecimal"),
        (["--port", "70000"], "between 0 and 65535"),
        (["--clock", "sundial"], "invalid choice"),
        (["--job-seconds", "-1"], ">= 0"),
        (["--workers", "2", "--clock", "manual"], "--workers > 1 needs --clock real"),
    ],
)
def test_bad_command_line_options_are_refused(args: list[str], message: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "mock_server", "serve", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2 and message in done.stderr

"""Schemathesis against the mock, over every operation of ``openapi.json``.

Each operation gets a fresh in-process mock (the Flask WSGI app, no socket) whose team is generous
(a billion credits, a million slots, so 402/429 do not drown everything else) and whose state is
seeded through the public API: three projects, three SKUs with a task each (two generated, one
waiting), uploaded model/reference images, a custom pose and model, more programs, generation,
upscale and video requests, six open zip uploads with their part uploaded, and real pagination
tokens (page size 2). Most generated ids are swapped for seeded ones of one consistent bundle (see
``_swap_ids``), so detail answers and state-changing paths are reached, not only 404s.
The priced operations run again for a team without credits (402 answers) and the slot-holding ones
for a team whose only slot is busy (429 answers, whose ``Retry-After`` header is checked).

Checks on every answer: no 5xx; status code, content type, headers and body conform to the spec;
input the spec rejects is rejected (negative data); a request without the key is refused; a method
the path does not declare is refused.

Then a stateful phase (``test_stateful_phase_walks_every_link``): schemathesis' state machine follows
the spec's OpenAPI links from the operations that need no id (project → upload → SKUs → tasks →
model image → generate → outputs, and the model, pose, video and upscale workflows) against one
fresh, empty mock, with the same checks.

Budget: ``HUHU_CONTRACT_EXAMPLES`` (default and minimum 20) examples per operation in the fuzzing
phase, on top of schemathesis' explicit-example and coverage phases; derandomized, no deadline; the
stateful phase takes a few hundred steps (a few seconds).
When the session ends, ``tests/contract/conftest.py`` prints the summary (operations, cases, status
codes, 2xx answers of the stateful phase per operation, failures) into the log and fails the run
unless all 27 operations ran with both modes, 2xx, 402 and 429 answers, and every operation got a
2xx in the stateful phase. Each process (each pytest-xdist worker) records its own part; the summary adds
them up, so the suite runs the same with or without ``-n``.
"""

from __future__ import annotations

import base64
import copy
import io
import json
import os
import zipfile
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import httpx
import hypothesis
import pytest
import schemathesis
from hypothesis import strategies as st
from PIL import Image
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import ServerError
from schemathesis.core.parameters import ParameterLocation
from schemathesis.core.result import Ok
from schemathesis.core.transforms import UNRESOLVABLE
from schemathesis.generation.modes import GenerationMode
from schemathesis.generation.stateful.state_machine import StepInput, StepOutput
from schemathesis.openapi.checks import JsonSchemaError, UndefinedContentType, UndefinedStatusCode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    ignored_auth,
    negative_data_rejection,
    positive_data_acceptance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
    unsupported_method,
)
from schemathesis.specs.openapi.stateful import collect_transitions, into_step_input
from werkzeug.wrappers import Response

from huhu_ext.spec import load_spec
from mock_server import create_app
from mock_server.app import backend_of

CI_EXAMPLES = 20
EXAMPLES = max(CI_EXAMPLES, int(os.environ.get("HUHU_CONTRACT_EXAMPLES") or CI_EXAMPLES))
SPEC = load_spec()
OPERATIONS = {f"{op.method} {op.path}": op.operation_id for op in SPEC.operations.values()}

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    negative_data_rejection,
    ignored_auth,
    unsupported_method,
]
# ``positive_data_acceptance`` (ST202: a schema-valid request gets a 2xx, 404, 409 or 429, never a
# 400/422) runs on every operation whose rules the schema states whole. The others name in
# ``x-huhu-beyond-schema`` (and their description) what JSON Schema cannot state: base64 that must be
# an image, a URL the service must be able to fetch, opaque pagination tokens, task_id needing
# project_id + sku_id, task states. Not in the out-of-credits runs: 402 is their point.
BEYOND_SCHEMA = {
    label for label, op_id in OPERATIONS.items() if "x-huhu-beyond-schema" in SPEC.operation(op_id).raw
}


def _checks(label: str, variant: str = "") -> list[Any]:
    """The checks of an operation's answers (``positive_data_acceptance`` where the schema says it all)."""
    if label in BEYOND_SCHEMA or variant == "no credits":
        return CHECKS
    return [*CHECKS, positive_data_acceptance]


schema = schemathesis.openapi.from_dict(copy.deepcopy(SPEC.document))
# Undeclared query parameters and headers are not invalid input for this API: the reference never
# forbids them and the mock ignores them, as HTTP APIs do. OpenAPI cannot say "no other parameters",
# so schemathesis' negative mode would otherwise count ``?foo=1`` as a schema violation the server
# must reject. This only stops *inventing extra parameters* as negative data; every declared
# parameter and body field is still negated.
schema.config.generation.update(allow_extra_parameters=False)


# ---------------------------------------------------------------------------------------- the mock


def _png(color: tuple[int, int, int]) -> str:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 96), color).save(buffer, format="PNG")
    return base64.b64encode(buffer.getvalue()).decode()


@dataclass
class Mock:
    """A fresh seeded mock: the WSGI app, the team's key and the ids of what was seeded."""

    app: Any
    api_key: str
    seeds: dict[str, list[Any]] = field(default_factory=dict)
    tokens: dict[str, list[str]] = field(default_factory=dict)  # "GET /path" → pagination tokens
    per_operation: dict[str, dict[str, list[Any]]] = field(default_factory=dict)  # label → narrower seeds


def _seeded_mock(limits: Mapping[str, int] | None = None) -> Mock:
    """A fresh mock, seeded by a generous team; ``limits`` (credits, slots) are applied afterwards."""
    app = create_app(clock="manual", page_size=2, extras=True)  # the fixtures read sku_id (mock extras)
    backend = backend_of(app)
    team = backend.create_team(credits=10**9, slots=10**6)
    mock = Mock(app, team["api_key"])
    client = httpx.Client(
        transport=httpx.WSGITransport(app=app),
        base_url="http://localhost/public/v1/",
        headers={"Authorization": f"Bearer {team['api_key']}"},
    )

    def call(method: str, path: str, **kwargs: Any) -> Any:
        response = client.request(method, path, **kwargs)
        assert response.status_code == 200, f"seeding {method} /{path}: {response.text}"
        return response.json()

    garment, model_png, reference_png = _png((200, 40, 40)), _png((20, 20, 200)), _png((20, 200, 20))
    project = call("POST", "project", json={"project_name": "seed"})["project_id"]
    for name in ("empty 1", "empty 2"):  # three projects: a second page to paginate to
        call("POST", "project", json={"project_name": name})
    skus = [
        call(
            "POST",
            "project/upload",
            json={"project_id": project, "file_type": "garment_image", "file_data": garment, "sku_name": n},
        )["sku_id"]
        for n in ("shirt", "dress", "jeans")
    ]
    model_upload = call(
        "POST",
        "project/upload",
        json={"project_id": project, "file_type": "model_image", "file_data": model_png},
    )
    reference_upload = call(
        "POST",
        "project/upload",
        json={"project_id": project, "file_type": "reference_image", "file_data": reference_png},
    )
    archive = _zip(garment)
    uploads, etags = [], []  # one open zip upload per bundle: completing one closes it
    for _ in range(BUNDLES):
        upload = call(
            "POST",
            "project/upload",
            json={"project_id": project, "file_type": "sku_zip", "file_size": len(archive)},
        )
        part = client.put(upload["upload_urls"][0], content=archive)  # the presigned part URL
        assert part.status_code == 200, f"seeding the zip part: {part.text}"
        uploads.append(upload)
        etags.append(part.headers["ETag"])
    call("POST", "task", json={"project_id": project, "sku_ids": skus})
    listed = {s["sku_id"]: s["tasks"] for s in call("GET", "task", params={"project_id": project})["skus"]}
    tasks = [listed[sku][0]["task_id"] for sku in skus]  # one (front) task per SKU, in SKU order
    preset = call("GET", "model")["models"][0]["model_id"]
    image = call("GET", "model", params={"model_id": preset})["model_images"][0]
    for sku, task in zip(skus, tasks, strict=True):
        call(
            "PUT",
            "task",
            json={
                "project_id": project,
                "task_id": task,
                "sku_id": sku,
                "model_image": image["model_image_id"],
            },
        )
    call("POST", "task/generate", json={"project_id": project, "task_ids": tasks[:2]})  # the third waits
    pose = call("POST", "pose", json={"reference_image": reference_png, "pose_title": "seed pose"})["pose_id"]
    library_pose = call("GET", "pose/library")["poses"][0]["pose_id"]
    requests = [
        call("POST", "model/face", json={"prompt": "a calm face"})["request_id"],
        call("POST", "model/image", json={"prompt": "a studio photo"})["request_id"],
        call("POST", "model/pose", json={"prompt": "standing", "reference_image": image["model_image_id"]})[
            "request_id"
        ],
        call("POST", "upscale", json={"image": garment})["request_id"],
    ]
    video = call(
        "POST",
        "video",
        json={
            "project_id": project,
            "sku_id": skus[0],
            "video_length": "5",
            "prompt": "a slow turn",
            "first_frame_image": {"image_id": image["model_image_id"]},
        },
    )["request_id"]
    call("POST", "video", json={**_video(project, skus[1], image["model_image_id"])})
    call("POST", "video", json={**_video(project, skus[2], image["model_image_id"])})
    for name in ("second", "third"):
        call("POST", "program", json={"program_name": name})
    model = call("POST", "model", json={"model_name": "seed model"})["model_id"]
    backend.advance_clock(3600)  # every job finished: completed tasks, images, upscales, videos
    if limits and "credits" in limits:
        backend.set_credits(limits["credits"], team_id=team["team_id"])
    if limits and "slots" in limits:
        backend.set_slots(limits["slots"], team_id=team["team_id"])
        for _ in range(limits.get("busy", 0)):  # jobs that hold the slots (the manual clock stands still)
            call("POST", "model/face", json={"prompt": "holds a slot"})

    # Bundle i of the seeds is item i % len of every list: SKU i goes with task i, and so on.
    mock.seeds = {
        "program_id": [team["program_id"]],
        "project_id": [project],
        "sku_id": skus,
        "task_id": tasks,
        "model_id": [preset, preset, model],
        "style_id": [image["style_id"]],
        "model_image": [image["model_image_id"], model_upload["image_id"]],
        "reference_image": [image["model_image_id"], reference_png, reference_upload["image_id"]],
        "image_id": [image["model_image_id"]],
        "image": [garment],
        "image_base64": [model_png],
        "file_data": [garment],
        "pose_id": [pose, library_pose],
        "request_id": [*requests, video],  # narrowed per operation below
        "upload_id": [u["upload_id"] for u in uploads],
        "key": [u["key"] for u in uploads],
        "ETag": etags,
        "PartNumber": [1],
    }
    mock.per_operation = {
        "GET /model/image": {"request_id": requests[:3]},  # face, image and pose generations
        "GET /upscale": {"request_id": requests[3:]},
    }
    for path in ("metering/credit-history", "program", "project", "sku", "video/requests"):
        params = {"project_id": project} if path == "sku" else {}
        token = call("GET", path, params=params).get("pagination_token")
        if token:
            mock.tokens[f"GET /{path}"] = [token]
    client.close()
    return mock


def _zip(png_base64: str) -> bytes:
    """A SKU zip as users send it: one folder per SKU holding its images."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("zipped-shirt/front.png", base64.b64decode(png_base64))
    return buffer.getvalue()


def _video(project: str, sku: str, image_id: str) -> dict[str, Any]:
    return {
        "project_id": project,
        "sku_id": sku,
        "video_length": "10",
        "prompt": "walk",
        "first_frame_image": {"image_id": image_id},
    }


class CurrentMock:
    """The WSGI app schemathesis talks to; it forwards to the current operation's fresh mock.

    Being the schema's app (not a per-call argument) matters: checks that send extra requests
    (``ignored_auth``, ``unsupported_method``) reach the same mock.
    """

    def __init__(self) -> None:
        self.key: str | None = None
        self.mock: Mock | None = None

    def for_operation(self, key: str, limits: Mapping[str, int] | None = None) -> Mock:
        if self.key != key or self.mock is None:
            self.mock, self.key = _seeded_mock(limits), key
        return self.mock

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        assert self.mock is not None
        result: Iterable[bytes] = self.mock.app(environ, start_response)
        return result


CURRENT = CurrentMock()
schema.app = CURRENT

ALIASES = {"sku_ids": "sku_id", "task_ids": "task_id", "source_task_id": "task_id"}


BUNDLES = 6


def _crc(text: str) -> int:
    return zlib.crc32(text.encode("utf-8", "surrogatepass"))


def _swap_ids(case: schemathesis.Case, mock: Mock) -> None:
    """Swap generated ids (query and body) for seeded ones of one consistent bundle, in place.

    A pure function of the generated case: no extra Hypothesis draws, so it works in every
    schemathesis phase (including the explicit-example and coverage ones that ``@schema.given``
    cannot join) and is stable while shrinking. About seven fields in eight are swapped, only a value
    of the seed's own type is (a wrong type stays wrong: a negative case stays negative), and lists
    keep their length. Schemathesis re-validates the modified case before sending it.
    """
    label = case.operation.label
    salt = label + json.dumps([case.query, case.body], sort_keys=True, default=repr)
    bundle = _crc(salt) % BUNDLES

    def pick(value: Any, name: str, where: str) -> Any:
        name = ALIASES.get(name, name)
        pool = (
            mock.tokens.get(label)
            if name == "pagination_token"
            else mock.per_operation.get(label, {}).get(name) or mock.seeds.get(name)
        )
        if not pool or type(value) is not type(pool[0]) or _crc(f"{salt}/{where}") % 8 == 0:
            return value
        return pool[bundle % len(pool)]

    def walk(container: Any, where: str) -> None:
        items = enumerate(container) if isinstance(container, list) else container.items()
        for key, value in list(items):
            name, here = str(key), f"{where}/{key}"
            if isinstance(value, list) and name in ALIASES:  # a list of ids: each one may be swapped
                container[key] = [pick(v, name, f"{here}/{i}") for i, v in enumerate(value)]
            elif isinstance(value, dict | list):
                walk(value, here)
            elif isinstance(container, dict):
                container[key] = pick(value, name, here)

    for part in (case.query, case.body):
        if isinstance(part, dict | list):
            walk(part, "")


def _authorize(case: schemathesis.Case, api_key: str) -> None:
    """Put the team's key into the case, unless the case is about a bad or missing key.

    Schemathesis generates the bearer credential itself (a random token, so 401) and, in negative
    mode, drops or mangles it. The key goes into ``case.headers`` (not a per-call ``headers=``
    override) so schemathesis sees what is really sent when it decides whether a case is negative.
    """
    header = case.meta.components.get(ParameterLocation.HEADER) if case.meta is not None else None
    if header is not None and header.mode.is_negative:
        return
    if case.headers is None:
        case.headers = {}
    case.headers["Authorization"] = f"Bearer {api_key}"


# ---------------------------------------------------------------------------------------- the run


@dataclass
class OperationStats:
    cases: int = 0
    modes: Counter[str] = field(default_factory=Counter)
    phases: Counter[str] = field(default_factory=Counter)
    statuses: Counter[int] = field(default_factory=Counter)  # answers to the operation's own method
    other_methods: Counter[str] = field(default_factory=Counter)  # "OPTIONS 200", "DELETE 405"...
    failures: list[str] = field(default_factory=list)


STATS: dict[str, OperationStats] = {}


SETTINGS = hypothesis.settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(hypothesis.HealthCheck),
)


def _run(case: schemathesis.Case, variant: str = "", limits: Mapping[str, int] | None = None) -> None:
    label = case.operation.label
    key = f"{label} [{variant}]" if variant else label
    mock = CURRENT.for_operation(key, limits)
    _swap_ids(case, mock)
    _authorize(case, mock.api_key)
    stats = STATS.setdefault(key, OperationStats())
    stats.cases += 1
    if case.meta is not None:
        stats.modes[case.meta.generation.mode.value] += 1
        stats.phases[case.meta.phase.name.value] += 1
    try:
        response = case.call_and_validate(checks=_checks(label, variant))
    except BaseException as exc:  # schemathesis' FailureGroup is a BaseExceptionGroup
        stats.failures.append(f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}")
        raise
    if case.method.upper() == case.operation.method.upper():
        stats.statuses[response.status_code] += 1
    else:  # the coverage phase also tries methods the path does not declare
        stats.other_methods[f"{case.method.upper()} {response.status_code}"] += 1


@schema.parametrize()
@SETTINGS
def test_mock_conforms_to_the_spec(case: schemathesis.Case) -> None:
    """Every operation, against a team with plenty of credits and slots."""
    _run(case)


PRICED = [op.operation_id for op in SPEC.operations.values() if op.credits is not None]
SLOTTED = [op.operation_id for op in SPEC.operations.values() if op.slots_per is not None]


@schema.include(operation_id=PRICED).parametrize()
@SETTINGS
def test_mock_conforms_when_out_of_credits(case: schemathesis.Case) -> None:
    """The operations that cost credits, for a team with none left: 402 answers must conform too."""
    _run(case, "no credits", {"credits": 0})


@schema.include(operation_id=SLOTTED).parametrize()
@SETTINGS
def test_mock_conforms_when_no_slot_is_free(case: schemathesis.Case) -> None:
    """The operations that hold a slot, for a team whose one slot is busy: 429 needs a Retry-After."""
    _run(case, "no free slot", {"slots": 1, "busy": 1})


# ------------------------------------------------------------------------------ the stateful phase

# Schemathesis' state machine walks the spec's OpenAPI links (project → upload → SKUs → tasks →
# model image → generate → outputs, models, generations, poses, video, upscale, next pages) against a
# fresh, empty mock (one per walk, ``_Workflow.setup``): every id a step uses comes from an earlier
# answer of the walk.
# Positive data only (the negative cases are the unit phase's job), derandomized; see
# ``test_stateful_phase_walks_every_link``. The summary fails unless every operation got a 2xx
# answer here.
STATEFUL_ROUNDS = 3  # at least; then more (up to STATEFUL_ROUNDS_MAX) while each round follows a new link
STATEFUL_ROUNDS_MAX = 8
JOB_SECONDS = 60  # the mock's manual clock after a submission: its jobs finish, signed URLs stay valid
STATEFUL = "stateful"

stateful_schema = schemathesis.openapi.from_dict(copy.deepcopy(SPEC.document))
stateful_schema.config.generation.update(modes=[GenerationMode.POSITIVE], allow_extra_parameters=False)
stateful_schema.config.phases.stateful.inference.algorithms = []  # the spec's own links only
stateful_schema.app = CURRENT

# A client never invents an id: a field of these names that no link filled takes a value of the same
# name the scenario has already been answered (``_Memory``), or is left out when it is optional.
_ID_FIELDS = {
    "program_id": "program_id",
    "project_id": "project_id",
    "sku_id": "sku_id",
    "sku_ids": "sku_id",
    "task_id": "task_id",
    "task_ids": "task_id",
    "source_task_id": "task_id",
    "model_id": "model_id",
    "style_id": "style_id",
    "model_image": "model_image_id",
    "pose_id": "pose_id",
    "upload_id": "upload_id",
    "key": "key",
    "image_id": "image_id",
    "request_id": "request_id",
}
_ALWAYS_OPTIONAL = {"program_id", "pagination_token"}  # optional in every query and body
# A generated image is not a model image until it is saved to a model (POST /model/image, save mode).
_NOT_USABLE = {("model_image_id", "images_generated")}


def _needs_an_id(op: Any) -> bool:
    """Whether every request of the operation must name an id (in a required query parameter or field)."""
    names = {p["name"] for p in op.raw.get("parameters", []) if p.get("required")}
    return bool((names | _required_body_fields(op)) & set(_ID_FIELDS))


def _required_body_fields(op: Any, combine: Callable[..., set[str]] = set.intersection) -> set[str]:
    """Fields the body must have (``combine=set.union``: in at least one of its ``oneOf`` branches)."""
    body = SPEC.body_schema(op.raw)
    if body is None:
        return set()
    branches = [SPEC.resolve(b) for b in body.get("oneOf", [])] or [body]
    return combine(*(set(b.get("required", [])) for b in branches))


def _optional_body_fields(label: str) -> set[str]:
    return set(_ID_FIELDS) - _required_body_fields(SPEC.operation(OPERATIONS[label]), set.union)


# Scenarios start only where a client starts: operations that need no id. Every other operation is
# reached through a link (schemathesis would otherwise spend most steps on random ids → 404).
ENTRY_POINTS = {label for label, op_id in OPERATIONS.items() if not _needs_an_id(SPEC.operation(op_id))}
_SUBMISSIONS = {label for label, op_id in OPERATIONS.items() if SPEC.operation(op_id).credits is not None}


def _zip_of_one_sku() -> bytes:
    return _zip(_png((200, 40, 40)))


ZIP_OF_ONE_SKU = _zip_of_one_sku()


@dataclass
class _Memory:
    """What one scenario has been answered: string values by field name, ETags by upload_id."""

    values: dict[str, list[str]] = field(default_factory=dict)
    etags: dict[str, str] = field(default_factory=dict)
    project_of: dict[str, str] = field(default_factory=dict)  # id → the project it was answered for
    # The reference's task list names each task's SKU by sku_name only: a client matches it to the
    # sku_id of GET /sku by name (as `huhu tryon` does), so a task's own SKU goes with its task_id.
    sku_by_name: dict[tuple[str, str], str] = field(default_factory=dict)  # (project, sku_name) → sku_id
    sku_name_of_task: dict[str, tuple[str, str]] = field(default_factory=dict)  # task_id → (project, name)

    def learn_skus(self, answer: Any, project: Any) -> None:
        """Remember which SKU each task belongs to, from GET /sku and GET /task answers."""
        if not isinstance(answer, dict) or not isinstance(project, str):
            return
        for group in answer.get("skus") or []:
            if not isinstance(group, dict) or not isinstance(group.get("sku_name"), str):
                continue
            name = (project, group["sku_name"])
            if isinstance(group.get("sku_id"), str):
                self.sku_by_name[name] = group["sku_id"]
            for task in group.get("tasks") or []:
                if isinstance(task, dict) and isinstance(task.get("task_id"), str):
                    self.sku_name_of_task[task["task_id"]] = name

    def sku_of_task(self, task_id: Any) -> str | None:
        name = self.sku_name_of_task.get(task_id) if isinstance(task_id, str) else None
        return self.sku_by_name.get(name) if name is not None else None

    def learn(
        self, value: Any, name: str | None = None, within: str | None = None, project: Any = None
    ) -> None:
        if isinstance(value, dict):
            project = value.get("project_id", project)
            for key, item in value.items():
                self.learn(item, str(key), name if isinstance(item, str) else str(key), project)
        elif isinstance(value, list):
            for item in value:
                self.learn(item, name, name, project)
        elif isinstance(value, str) and name is not None and (name, within) not in _NOT_USABLE:
            if value not in self.values.get(name, []):
                self.values.setdefault(name, []).append(value)
            if isinstance(project, str) and name != "project_id":
                self.project_of.setdefault(value, project)

    def known(self, name: str, project: Any = None) -> list[str]:
        """Values answered for ``name``; those of ``project`` first when it is given."""
        found = self.values.get(_ID_FIELDS.get(name, name), [])
        return sorted(found, key=lambda v: self.project_of.get(v, project) != project)

    def use_known_ids(self, container: Any, applied: set[str], optional: set[str]) -> None:
        """Ids in ``container`` (query or body) that no link filled: known ones, or left out if optional.

        An optional id that no link filled is left out (``program_id``: the key's default program), and
        lists of ids keep only their known ids (at least one).
        """
        if not isinstance(container, dict):
            return
        project = container.get("project_id")
        for name, value in list(container.items()):
            if isinstance(value, dict):
                self.use_known_ids(value, set(), set())
            if name not in _ID_FIELDS and name != "pagination_token":
                continue
            known = self.known(name, project)
            if isinstance(value, list):
                kept = list(dict.fromkeys(v for v in value if v in known))
                container[name] = kept or known[:1] or value
            elif name in applied:
                continue
            elif name in _ALWAYS_OPTIONAL or name in optional:
                del container[name]
            elif known and value not in known:
                container[name] = known[0]  # the first: ids learned first belong together


class _Workflow(stateful_schema.as_state_machine()):  # type: ignore[misc]
    """The links state machine, against a fresh mock per walk, recording what every step got.

    Two steps of the documented workflow lie outside what OpenAPI links can carry, and the machine does
    them as a client would (D-LINKS-CLIENT): the part PUTs of a zip upload to its presigned URLs (not an
    API operation; their ETags go into ``parts``), and a model image for PUT /task, whose other ids
    come from GET /task (a link takes values from one answer only). Submissions are followed by a minute
    of the mock's manual clock, so polls see finished jobs and outputs.
    """

    def setup(self) -> None:
        app = create_app(clock="manual", page_size=2)
        backend = backend_of(app)
        team = backend.create_team(credits=10**9, slots=10**6)
        CURRENT.mock, CURRENT.key = Mock(app, team["api_key"]), STATEFUL
        self.memory = _Memory({"program_id": [team["program_id"]]})
        self.applied: set[str] = set()

    def step(self, input: StepInput) -> StepOutput:
        self.applied = {name for _, name in input.applied_parameters if name is not None}
        return super().step(input)

    def before_call(self, case: schemathesis.Case) -> None:
        assert CURRENT.mock is not None
        optional_query = {p.name for p in case.operation.query if not p.is_required}
        self.memory.use_known_ids(case.query, self.applied, optional_query)
        self.memory.use_known_ids(case.body, self.applied, _optional_body_fields(case.operation.label))
        label, body = case.operation.label, case.body
        if label == "PUT /task" and isinstance(body, dict) and "model_image" not in self.applied:
            images = self.memory.known("model_image")
            if images:
                body["model_image"] = images[0]
        for container in (case.query, body):  # a task's own SKU (matched by name, see _Memory)
            if isinstance(container, dict) and "task_id" in container and "sku_id" in container:
                sku = self.memory.sku_of_task(container["task_id"])
                if sku is not None:
                    container["sku_id"] = sku
        if label == "POST /project/upload" and isinstance(body, dict) and body.get("file_type") == "sku_zip":
            body.pop("file_data", None)
            body["file_size"] = len(ZIP_OF_ONE_SKU)  # the size of the zip the client PUTs (one part)
        if label == "POST /project/complete_multipart_upload" and isinstance(body, dict):
            etag = self.memory.etags.get(str(body.get("upload_id")))
            if etag is not None:
                body["parts"] = [{"PartNumber": 1, "ETag": etag}]
        _authorize(case, CURRENT.mock.api_key)

    def after_call(self, response: Any, case: schemathesis.Case) -> None:
        super().after_call(response, case)
        assert CURRENT.mock is not None
        stats = STATS.setdefault(f"{case.operation.label} [{STATEFUL}]", OperationStats())
        stats.cases += 1
        stats.modes["positive"] += 1
        stats.statuses[response.status_code] += 1
        if not 200 <= response.status_code < 300:
            return
        answer = response.json()
        asked = {**(case.query or {}), **(case.body if isinstance(case.body, dict) else {})}
        self.memory.learn(answer, project=asked.get("project_id"))
        self.memory.learn_skus(answer, asked.get("project_id"))
        urls = answer.get("upload_urls") if isinstance(answer, dict) else None
        if urls and len(urls) == 1:  # the client's part PUT to the presigned URL, outside the API
            with httpx.Client(transport=httpx.WSGITransport(app=CURRENT.mock.app)) as client:
                part = client.put(urls[0], content=ZIP_OF_ONE_SKU)
            if part.status_code == 200:
                self.memory.etags[answer["upload_id"]] = part.headers["ETag"]
        if case.operation.label in _SUBMISSIONS:
            backend_of(CURRENT.mock.app).advance_clock(JOB_SECONDS)

    def validate_response(self, response: Any, case: schemathesis.Case, **kwargs: Any) -> None:
        try:
            case.validate_response(response, checks=_checks(case.operation.label), recorder=self.recorder)
        except BaseException as exc:
            failures = STATS[f"{case.operation.label} [{STATEFUL}]"].failures
            failures.append(f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}")
            raise


def _links_breadth_first() -> list[Any]:
    """Every link of the spec, ordered by how far its source is from an entry point (fewest links first)."""
    operations = [op.ok() for op in stateful_schema.get_all_operations() if isinstance(op, Ok)]
    links = [link for entry in collect_transitions(operations).operations.values() for link in entry.outgoing]
    depth = dict.fromkeys(ENTRY_POINTS, 0)
    for _ in links:  # relax until stable (the graph is small)
        for link in links:
            if link.source.label in depth:
                depth[link.target.label] = min(depth.get(link.target.label, 99), depth[link.source.label] + 1)
    unreachable = sorted({link.target.label for link in links} - set(depth) - ENTRY_POINTS)
    assert not unreachable, f"no link path from an entry point to {unreachable}"
    return sorted(links, key=lambda link: (depth.get(link.source.label, 99), link.source.label, link.name))


def _extracted(param: Any) -> Any:
    value = param.value.ok() if isinstance(param.value, Ok) else None
    return None if value is UNRESOLVABLE else value


def _merge(into: Any, linked: Any) -> Any:
    if isinstance(into, dict) and isinstance(linked, dict):
        return {**into, **{k: _merge(into.get(k), v) for k, v in linked.items() if v is not UNRESOLVABLE}}
    return linked


def _resolved(value: Any) -> bool:
    """Whether every value a link extracted is there (``program_id`` may be absent: it is optional)."""
    if isinstance(value, dict):
        return all(_resolved(v) for k, v in value.items() if k not in _ALWAYS_OPTIONAL)
    if isinstance(value, list):
        return all(_resolved(v) for v in value)
    return value is not None and value is not UNRESOLVABLE


def _followable(link: Any, answers: list[StepOutput]) -> StepOutput | None:
    """The latest answer of the link's source from which the link extracts every value, if any."""
    for output in reversed(answers):
        transition = link.extract(output)
        values = [
            p.value
            for params in transition.parameters.values()
            for name, p in params.items()
            if name not in _ALWAYS_OPTIONAL
        ]
        if transition.request_body is not None:
            values.append(transition.request_body.value)
        if all(isinstance(v, Ok) and _resolved(v.ok()) for v in values):
            return output
    return None


def _follow_fully(step: StepInput) -> StepInput:
    """Every value the link extracted, applied (schemathesis drops some at random to explore)."""
    assert step.transition is not None
    case, applied = step.case, step.applied_parameters
    for container, params in step.transition.parameters.items():
        for name, param in params.items():
            value = _extracted(param)
            if value is not None:
                target = getattr(case, container)
                if target is None:
                    target = {}
                    setattr(case, container, target)
                target[name] = value
                applied.append((ParameterLocation.QUERY, name))
    body = step.transition.request_body
    if body is not None and isinstance(linked := _extracted(body), dict):
        case.body = _merge(case.body if isinstance(case.body, dict) else {}, linked)
        applied.extend((ParameterLocation.BODY, name) for name in linked)
    return step


@hypothesis.given(data=st.data())
@hypothesis.settings(
    max_examples=1,
    deadline=None,
    derandomize=True,
    database=None,
    phases=[hypothesis.Phase.generate],
    suppress_health_check=list(hypothesis.HealthCheck),
)
def test_stateful_phase_walks_every_link(data: st.DataObject) -> None:
    """Every entry point, then every link breadth-first, in rounds against one fresh mock.

    Schemathesis' state machine (``as_state_machine``) does each step: a case drawn for the link's
    target, the link's values extracted from the latest 2xx answer of its source and applied, the call,
    the checks. Hypothesis' random choice of the next rule needs hundreds of steps to go six links
    deep (project → upload → tasks → task list → model image → generate); walking the links in
    breadth-first order reaches every operation in a few dozen steps (D-LINKS-WALK). The summary
    fails unless every operation got a 2xx here; this test fails unless every link of the spec was
    followed (its values found in an answer of its source) and got a 2xx at least once (D-LINKS-USABLE).
    """
    machine = _Workflow()
    modes = [GenerationMode.POSITIVE]
    history: dict[str, list[StepOutput]] = {}  # 2xx answers by operation
    links = _links_breadth_first()
    followed: dict[str, set[int]] = {_link_name(link): set() for link in links}  # statuses per link
    last_unfollowed = -1
    by_label = {r.ok().label: r.ok() for r in stateful_schema.get_all_operations() if isinstance(r, Ok)}
    for round_ in range(STATEFUL_ROUNDS_MAX):
        unfollowed = sum(1 for statuses in followed.values() if not statuses)
        if round_ >= STATEFUL_ROUNDS and unfollowed == last_unfollowed:
            break  # a round that followed no new link: the walk is done
        last_unfollowed = unfollowed
        steps: list[tuple[str, Any]] = [(label, None) for label in sorted(ENTRY_POINTS)]
        steps += [(link.target.label, link) for link in links]
        for label, link in steps:
            if link is None:
                case = data.draw(by_label[label].as_strategy(generation_mode=GenerationMode.POSITIVE))
                step = StepInput.initial(case)
                machine.recorder.record_case(case=case)
            elif (source := _followable(link, history.get(link.source.label, []))) is not None:
                step = _follow_fully(
                    data.draw(into_step_input(target=link.target, link=link, modes=modes)(source))
                )
                assert step.transition is not None
                machine.recorder.record_case(
                    parent_id=step.transition.parent_id,
                    transition=step.transition,
                    case=step.case,
                    is_transition_applied=step.is_applied,
                )
            else:
                continue
            output = machine.step(step)
            if link is not None:
                followed[_link_name(link)].add(output.response.status_code)
            if 200 <= output.response.status_code < 300:
                history.setdefault(label, []).append(output)
    machine.teardown()
    never = sorted(name for name, statuses in followed.items() if not statuses)
    assert not never, f"links whose values no answer of their source gave (D-LINKS-USABLE): {never}"
    unusable = sorted(
        name for name, statuses in followed.items() if not any(200 <= s < 300 for s in statuses)
    )
    assert not unusable, f"links whose linked calls never got a 2xx (D-LINKS-USABLE): {unusable}"


def _link_name(link: Any) -> str:
    return f"{link.source.label} -> {link.name} -> {link.target.label}"


class PlantedBug:
    """A WSGI wrapper that breaks one path's answers the way a buggy mock would."""

    def __init__(self, inner: Any, path: str, alter: Callable[[Response], Response]) -> None:
        self.inner, self.path, self.alter = inner, "/public/v1" + path, alter

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        response = Response.from_app(self.inner, environ)
        if environ["PATH_INFO"] == self.path and response.status_code == 200:
            response = self.alter(response)
        result: Iterable[bytes] = response(environ, start_response)
        return result


def _drop_credits(response: Response) -> Response:
    body = json.loads(response.get_data())
    del body["credits"]
    response.set_data(json.dumps(body))
    return response


def _teapot(response: Response) -> Response:
    response.status_code = 418
    return response


def _crash(response: Response) -> Response:
    return Response(
        json.dumps({"detail": "boom", "code": "internal_error"}), 500, mimetype="application/json"
    )


def _html(response: Response) -> Response:
    return Response("<html>maintenance</html>", 200, mimetype="text/html")


@pytest.mark.parametrize(
    ("path", "alter", "failure"),
    [
        ("/metering/plan", _drop_credits, JsonSchemaError),
        ("/program", _teapot, UndefinedStatusCode),
        ("/pose/library", _crash, ServerError),
        ("/project", _html, UndefinedContentType),
    ],
    ids=["missing-required-field", "undeclared-status", "server-error", "wrong-content-type"],
)
def test_the_checks_catch_a_planted_mock_bug(
    path: str, alter: Callable[[Response], Response], failure: type[Exception]
) -> None:
    """The same checks, against a mock with one planted bug, fail with the matching failure."""
    mock = _seeded_mock()
    broken = schemathesis.openapi.from_dict(copy.deepcopy(SPEC.document))
    broken.app = PlantedBug(mock.app, path, alter)

    @hypothesis.given(case=broken[path]["GET"].as_strategy())
    @hypothesis.settings(max_examples=5, deadline=None, derandomize=True, database=None)
    def run(case: schemathesis.Case) -> None:
        _authorize(case, mock.api_key)
        case.call_and_validate(checks=CHECKS)

    with pytest.raises(BaseExceptionGroup) as raised:
        run()
    found = [type(e).__name__ for e in raised.value.exceptions]
    assert any(isinstance(e, failure) for e in raised.value.exceptions), found


def _order(key: str) -> tuple[int, str]:
    label = key.split(" [")[0]
    return (list(OPERATIONS).index(label) if label in OPERATIONS else len(OPERATIONS), key)


@pytest.fixture(scope="module", autouse=True)
def _record_stats() -> Iterator[None]:
    """After this module's tests in this process, hand what they saw to the session-level summary.

    The summary (``summarize`` below, called by ``tests/contract/conftest.py`` when the session ends)
    needs the cases of every process: under pytest-xdist each worker writes its own part.
    """
    yield
    directory = os.environ.get(STATS_DIR_ENV)
    if directory:
        worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
        path = os.path.join(directory, f"{worker}.json")
        with open(path, "w", encoding="utf-8") as out:
            json.dump({key: _stats_to_json(s) for key, s in STATS.items()}, out)


STATS_DIR_ENV = "HUHU_CONTRACT_STATS_DIR"


def _stats_to_json(s: OperationStats) -> dict[str, Any]:
    return {
        "cases": s.cases,
        "modes": dict(s.modes),
        "phases": dict(s.phases),
        "statuses": {str(k): v for k, v in s.statuses.items()},
        "other_methods": dict(s.other_methods),
        "failures": s.failures,
    }


def merge_stats(parts: Iterable[Mapping[str, Mapping[str, Any]]]) -> dict[str, OperationStats]:
    """The stats of several processes as one (what each worker's ``_record_stats`` wrote)."""
    merged: dict[str, OperationStats] = {}
    for part in parts:
        for key, raw in part.items():
            s = merged.setdefault(key, OperationStats())
            s.cases += raw["cases"]
            s.modes.update(raw["modes"])
            s.phases.update(raw["phases"])
            s.statuses.update({int(k): v for k, v in raw["statuses"].items()})
            s.other_methods.update(raw["other_methods"])
            s.failures.extend(raw["failures"])
    return merged


def _summary(stats: Mapping[str, OperationStats]) -> str:
    lines = [
        "",
        f"schemathesis contract run against the mock (HUHU_CONTRACT_EXAMPLES={EXAMPLES}, checks: "
        + ", ".join(c.__name__ for c in CHECKS)
        + "; positive_data_acceptance except on: "
        + ", ".join(sorted(BEYOND_SCHEMA))
        + ")",
        f"{'operation':<56} {'cases':>5} {'pos':>4} {'neg':>4}  statuses",
    ]
    for key in sorted(stats, key=_order):
        s = stats[key]
        codes = " ".join(f"{code}×{n}" for code, n in sorted(s.statuses.items()))
        if s.other_methods:
            codes += f" | other methods: {sum(s.other_methods.values())}"
        fail = f"  FAILED ({len(s.failures)})" if s.failures else ""
        lines.append(
            f"{key:<56} {s.cases:>5} {s.modes['positive']:>4} {s.modes['negative']:>4}  {codes}{fail}"
        )
    covered = {key.split(" [")[0] for key in stats}
    total = sum(s.cases for s in stats.values())
    failures = sum(len(s.failures) for s in stats.values())
    answered_2xx = {
        k for k, s in stats.items() if k in OPERATIONS and any(200 <= c < 300 for c in s.statuses)
    }
    stateful_2xx = {
        k.split(" [")[0]
        for k, s in stats.items()
        if k.endswith(f"[{STATEFUL}]") and any(200 <= c < 300 for c in s.statuses)
    }
    lines.append(
        f"stateful phase (links): {len(stateful_2xx & set(OPERATIONS))}/{len(OPERATIONS)} operations reached "
        "with a 2xx (the [stateful] rows: 2xx answers per operation)"
    )
    lines.append(
        f"{len(covered & set(OPERATIONS))}/{len(OPERATIONS)} operations ({len(answered_2xx)} answered 2xx), "
        f"{len(stats)} runs incl. out-of-credits/no-free-slot, {total} cases, {failures} failing cases"
    )
    return "\n".join(lines)


def problems(stats: Mapping[str, OperationStats]) -> list[str]:
    """What the whole run (all processes) must show: every operation, both modes, 2xx, 402s and 429s."""
    found: list[str] = []
    if len(OPERATIONS) != 27:
        found.append(f"the spec has {len(OPERATIONS)} operations, not 27")
    plain = {key for key in stats if key in OPERATIONS}
    if plain != set(OPERATIONS):
        found.append(f"not exercised: {sorted(set(OPERATIONS) - plain)}")
    for key, s in stats.items():
        if key.endswith(f"[{STATEFUL}]"):
            continue  # positive cases only; checked below
        if s.cases < min(EXAMPLES, 5):
            found.append(f"{key}: only {s.cases} cases")
        if not (s.modes["positive"] and s.modes["negative"]):
            found.append(f"{key}: modes {dict(s.modes)}")
    found += [
        f"{key} never answered 2xx"
        for key in sorted(plain)
        if not any(200 <= c < 300 for c in stats[key].statuses)
    ]
    found += [
        f"{label}: never answered 2xx in the stateful phase (links)"
        for label in OPERATIONS
        if not any(200 <= c < 300 for c in stats.get(f"{label} [{STATEFUL}]", OperationStats()).statuses)
    ]
    labels = {op.operation_id: label for label, op in ((k, SPEC.operation(v)) for k, v in OPERATIONS.items())}
    for op_id in PRICED:
        if 402 not in stats.get(f"{labels[op_id]} [no credits]", OperationStats()).statuses:
            found.append(f"{op_id}: no 402 seen")
    for op_id in SLOTTED:
        if 429 not in stats.get(f"{labels[op_id]} [no free slot]", OperationStats()).statuses:
            found.append(f"{op_id}: no 429 seen")
    found += [f"{key}: {failure}" for key, s in stats.items() for failure in s.failures]
    return found


def summarize(parts: Iterable[Mapping[str, Mapping[str, Any]]]) -> tuple[str, list[str]]:
    """The summary text and the problems of a whole run, from every process's recorded stats."""
    stats = merge_stats(parts)
    return _summary(stats), problems(stats)


def test_the_summary_counts_every_process() -> None:
    """Two workers' parts merge into one run: cases add up and a missing operation is reported."""
    one = {
        "GET /metering/plan": _stats_to_json(
            OperationStats(2, Counter(positive=2), statuses=Counter({200: 2}))
        )
    }
    two = {
        "GET /metering/plan": _stats_to_json(
            OperationStats(3, Counter(negative=3), statuses=Counter({422: 3}))
        )
    }
    merged = merge_stats([one, two])["GET /metering/plan"]
    assert (merged.cases, merged.modes["positive"], merged.modes["negative"]) == (5, 2, 3)
    assert merged.statuses == Counter({200: 2, 422: 3})
    text, found = summarize([one, two])
    assert "GET /metering/plan" in text
    assert any(p.startswith("not exercised:") and "GET /task" in p for p in found)
    assert "GET /task: never answered 2xx in the stateful phase (links)" in found
    stateful = {"GET /task [stateful]": _stats_to_json(OperationStats(1, statuses=Counter({200: 1})))}
    assert "GET /task: never answered 2xx in the stateful phase (links)" not in summarize([one, stateful])[1]

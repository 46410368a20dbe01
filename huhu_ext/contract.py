"""Live contract check: do a real Huhu API's answers still match ``openapi.json``?

For users who hold a real key. :func:`run_contract_check` calls only read-only, credit-free
operations (plan, credit history, programs, projects, models, the pose library, custom poses) with
plain httpx and checks every answer against the spec shipped with the package:

* the status code is one the operation declares;
* the headers the declared response lists are present (and valid against their schemas);
* a successful JSON response has a JSON content type and its body validates against the declared schema
  (``jsonschema`` Draft 2020-12, through the spec layer's one validator, :meth:`huhu_ext.spec.Spec.validator`,
  the same the mock server validates with). For ``oneOf`` answers (detail vs list) the body is checked against
  the variant the request asked for, and the report names it. An error answer's body is not
  checked: the reference documents none, so any JSON body, or none, is in contract.

The :class:`ContractReport` lists every drift (operation, request, JSON pointer into the body,
message) and prints as text or JSON. Drift is what breaks a client: a documented (required) field
missing, a value of the wrong type, an undeclared status. What a tolerant client simply accepts is
*information*, listed as notes and never drift: a field the spec does not list, a status the spec's
``x-huhu-lifecycle`` does not know, a value outside a field's ``x-huhu-known-values``. The API key never appears in it: it is sent only in the
``Authorization`` header and every string of the report is scrubbed before it is stored.

``huhu contract check [--base-url URL] [--api-key KEY] [--json]`` runs it from the command line
(exit 0: clean; 1: drift found; 2: the check could not complete, e.g. the key was refused).
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Mapping
from contextlib import suppress
from dataclasses import asdict, dataclass, field
from typing import Any, Literal, NamedTuple
from urllib.parse import urlencode, urlsplit, urlunsplit

import click
import httpx
from jsonschema.exceptions import ValidationError, best_match

from huhu_ext._logging import redact
from huhu_ext.spec import JSON, Operation, Spec, load_spec, ref_name
from huhu_ext.spec import pointer as json_pointer

__all__ = [
    "DEFAULT_BASE_URL",
    "CallResult",
    "CheckError",
    "ContractReport",
    "Drift",
    "DriftKind",
    "Note",
    "NoteKind",
    "Problem",
    "ResponseChecker",
    "contract",
    "run_contract_check",
]

DEFAULT_BASE_URL = "https://api.huhu.ai/public/v1"
MAX_DRIFTS_PER_CALL = 50
MAX_MESSAGE = 300

DriftKind = Literal["status", "header", "content-type", "body"]
NoteKind = Literal["extra-field", "unknown-status", "unknown-value"]
MAX_NOTES_PER_CALL = 50


# ============================================================================ report


@dataclass(frozen=True)
class Drift:
    """One place where a live answer differs from ``openapi.json``."""

    operation: str  # operationId, e.g. "get_projects"
    method: str  # "GET"
    path: str  # the spec's path, e.g. "/project"
    request: str  # what was sent: path and query, e.g. "/project?project_id=p1"
    status: int | None  # the status the API answered
    kind: DriftKind
    pointer: str  # JSON pointer into the response body ("" = the whole body; "" for non-body drift)
    message: str
    expected: str  # what the spec declares there, e.g. "ProjectDetail (detail)" or "header Retry-After"

    def describe(self) -> str:
        where = f"body {self.pointer or '/'}" if self.kind == "body" else self.kind
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class Note:
    """Information, not drift: something a live answer has that the spec does not list."""

    operation: str
    request: str
    kind: NoteKind
    pointer: str  # JSON pointer into the response body
    message: str

    def describe(self) -> str:
        return f"{self.kind} {self.pointer or '/'}: {self.message}"


@dataclass(frozen=True)
class CallResult:
    """One request the check made and how its answer fared."""

    operation: str
    method: str
    path: str
    request: str
    status: int | None
    expected: str  # the schema (and variant) the body was checked against
    drifts: int
    elapsed_ms: int


@dataclass(frozen=True)
class CheckError:
    """A request whose answer could not be checked (unreachable, key refused, non-2xx)."""

    operation: str
    request: str
    message: str


@dataclass
class ContractReport:
    """What :func:`run_contract_check` found. ``clean`` when every answer matched the spec."""

    base_url: str
    spec_version: str
    calls: list[CallResult] = field(default_factory=list)
    drifts: list[Drift] = field(default_factory=list)
    errors: list[CheckError] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)  # information: never makes the report unclean

    @property
    def clean(self) -> bool:
        return not self.drifts and not self.errors

    @property
    def operations(self) -> list[str]:
        """The operation ids that were called, in order, without repeats."""
        return list(dict.fromkeys(c.operation for c in self.calls))

    def drifts_for(self, operation: str) -> list[Drift]:
        return [d for d in self.drifts if d.operation == operation]

    def exit_code(self) -> int:
        """0 clean, 1 drift found, 2 the check could not complete (and no drift was seen)."""
        return 1 if self.drifts else (2 if self.errors else 0)

    def to_dict(self) -> JSON:
        return {
            "base_url": self.base_url,
            "spec_version": self.spec_version,
            "clean": self.clean,
            "summary": {
                "calls": len(self.calls),
                "operations": self.operations,
                "drifts": len(self.drifts),
                "errors": len(self.errors),
                "notes": len(self.notes),
            },
            "calls": [asdict(c) for c in self.calls],
            "drifts": [asdict(d) for d in self.drifts],
            "errors": [asdict(e) for e in self.errors],
            "notes": [asdict(n) for n in self.notes],
        }

    def to_json(self, *, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), indent=indent)

    def to_text(self) -> str:
        lines = [f"Huhu contract check: {self.base_url} against openapi.json {self.spec_version}"]
        width = max((len(f"{c.method} {c.request}") for c in self.calls), default=0)
        failed = {e.request for e in self.errors}
        for call in self.calls:
            mark = "DRIFT" if call.drifts else ("ERROR" if call.request in failed else "ok")
            status = "---" if call.status is None else str(call.status)
            target = f"{call.method} {call.request}".ljust(width)
            lines.append(f"  {mark:<5}  {target}  {status}  {call.expected}")
            mine = (call.operation, call.request)
            lines += [f"           - {d.describe()}" for d in self.drifts if (d.operation, d.request) == mine]
            lines += [
                f"           note: {n.describe()}" for n in self.notes if (n.operation, n.request) == mine
            ]
        lines += [f"  error  {e.operation} {e.request}: {e.message}" for e in self.errors]
        verdict = "clean" if self.clean else ("DRIFT" if self.drifts else "INCOMPLETE")
        lines.append(
            f"{len(self.calls)} calls, {len(self.operations)} operations, "
            f"{len(self.drifts)} drifts, {len(self.errors)} errors: {verdict}"
        )
        if self.notes:
            lines.append(f"{len(self.notes)} notes: information beyond the spec, not drift")
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.to_text()


# ============================================================================ validation


_JSON_TYPES = {
    type(None): "null",
    bool: "boolean",
    int: "integer",
    float: "number",
    str: "string",
    list: "array",
    dict: "object",
}  # the types json.loads gives


def _json_type(value: Any) -> str:
    return _JSON_TYPES.get(type(value), type(value).__name__)


def _short(text: str) -> str:
    return text if len(text) <= MAX_MESSAGE else text[: MAX_MESSAGE - 1] + "…"


@dataclass(frozen=True)
class Problem:
    """One way an answer breaks the spec, as :meth:`ResponseChecker.check` finds it."""

    kind: DriftKind
    pointer: str
    message: str
    expected: str


class ResponseChecker:
    """Checks an answer (status, headers, JSON body) against an operation of the spec.

    Reusable on its own: ``ResponseChecker().check(op, status, headers, body, expect="Plan")``
    returns the list of problems, never raises on a non-conforming answer.
    """

    def __init__(self, spec: Spec | None = None) -> None:
        self.spec = spec or load_spec()

    def _response(self, op: Operation, status: int) -> tuple[str, JSON] | None:
        """The pointer and object of the response the spec declares for ``status``."""
        responses = op.raw.get("responses", {})
        for key in (str(status), f"{status // 100}XX", "default"):
            if key in responses:
                return self.spec.follow(json_pointer("paths", op.path, op.method.lower(), "responses", key))
        return None

    def check(
        self,
        op: Operation,
        status: int,
        headers: Mapping[str, str],
        body: bytes,
        *,
        expect: str | None = None,
    ) -> tuple[str, list[Problem]]:
        """``(what the body was checked against, problems)`` for one answer of ``op``.

        ``expect`` names the ``oneOf`` variant (a component schema name) the request should get.
        """
        found = self._response(op, status)
        if found is None:
            declared = ", ".join(sorted(op.raw.get("responses", {})))
            message = f"status {status} is not declared (declared: {declared})"
            return "-", [Problem("status", "", message, declared)]
        pointer, response = found
        lowered = {name.lower(): value for name, value in headers.items()}
        problems = self._headers(pointer, response, lowered)
        content = response.get("content", {})
        if status >= 400:  # the reference documents no error body: any JSON, or none, is fine
            return "any body", problems
        if "application/json" not in content:
            return "no body", problems
        media = lowered.get("content-type", "").split(";")[0].strip().lower()
        if media != "application/json" and not media.endswith("+json"):
            message = f"content type is {media or 'missing'!r}, expected 'application/json'"
            problems.append(Problem("content-type", "", message, "application/json"))
        try:
            instance = json.loads(body)
        except ValueError as exc:
            problems.append(Problem("body", "", f"body is not valid JSON: {exc}", "JSON"))
            return "JSON", problems
        schema_pointer = pointer + "/content/application~1json/schema"
        label, body_problems = self._body(schema_pointer, instance, expect)
        return label, problems + body_problems

    def observe(
        self, op: Operation, status: int, instance: Any, *, expect: str | None = None
    ) -> list[tuple[NoteKind, str, str]]:
        """Information about a (valid or not) JSON answer: ``(kind, pointer, message)`` for every field
        the spec does not list, unknown lifecycle status and value outside ``x-huhu-known-values``."""
        found = self._response(op, status)
        if found is None or "application/json" not in found[1].get("content", {}):
            return []
        out: list[tuple[NoteKind, str, str]] = []
        self._walk(found[0] + "/content/application~1json/schema", instance, "", expect, out)
        return out[:MAX_NOTES_PER_CALL]

    def _walk(
        self,
        pointer: str,
        instance: Any,
        where: str,
        expect: str | None,
        out: list[tuple[NoteKind, str, str]],
    ) -> None:
        pointer, schema = self.spec.follow(pointer)
        if not isinstance(schema, Mapping):
            return
        for combinator in ("oneOf", "anyOf"):
            variants = schema.get(combinator)
            if variants:
                names = [ref_name(v) for v in variants]
                order = list(range(len(variants)))
                if expect in names:
                    order.insert(0, order.pop(names.index(expect)))
                for i in order:
                    if self.spec.validator(f"{pointer}/{combinator}/{i}").is_valid(instance):
                        self._walk(f"{pointer}/{combinator}/{i}", instance, where, None, out)
                        return
                return
        if isinstance(instance, str):
            life = schema.get("x-huhu-lifecycle")
            if isinstance(life, Mapping) and not self.spec.lifecycle(life["name"]).is_known(instance):
                out.append(("unknown-status", where, f"{instance!r} is not a known {life['name']}"))
            known = schema.get("x-huhu-known-values")
            if isinstance(known, list) and instance not in known:
                out.append(("unknown-value", where, f"{instance!r} is not a known value"))
        elif isinstance(instance, Mapping):
            properties = schema.get("properties", {})
            for key, value in instance.items():
                if key in properties:
                    self._walk(
                        pointer + json_pointer("properties", key), value, where + json_pointer(key), None, out
                    )
                elif properties:
                    out.append(("extra-field", where + json_pointer(key), "field not in the spec"))
        elif isinstance(instance, list) and isinstance(schema.get("items"), Mapping):
            for index, item in enumerate(instance):
                self._walk(f"{pointer}/items", item, f"{where}/{index}", None, out)

    def _headers(self, pointer: str, response: JSON, headers: Mapping[str, str]) -> list[Problem]:
        """Problems with the declared headers; ``headers`` has lower-case names."""
        problems: list[Problem] = []
        for name, declared in response.get("headers", {}).items():
            where, declared = self.spec.follow(pointer + json_pointer("headers", name))
            value: Any = headers.get(name.lower())
            if value is None:
                messages = [f"required header {name} is missing"] if declared.get("required") else []
            else:
                kind = self.spec.resolve(declared.get("schema", {})).get("type")
                if kind in ("integer", "number"):
                    with suppress(ValueError):
                        value = int(value) if kind == "integer" else float(value)
                errors = self.spec.validator(f"{where}/schema").iter_errors(value)
                messages = [f"header {name}: {_short(error.message)}" for error in errors]
            problems += [Problem("header", "", message, f"header {name}") for message in messages]
        return problems

    def _body(self, pointer: str, instance: Any, expect: str | None) -> tuple[str, list[Problem]]:
        schema = self.spec.node(pointer)
        variants = schema.get("oneOf") if isinstance(schema, Mapping) else None
        if not variants:
            label = ref_name(schema) or "schema"
            return label, self._errors(pointer, instance, label)
        names = [ref_name(v) for v in variants]
        listed = " | ".join(n or "?" for n in names)
        fits = [
            i for i in range(len(names)) if self.spec.validator(f"{pointer}/oneOf/{i}").is_valid(instance)
        ]
        if expect is not None and expect in names:
            index = names.index(expect)
            label = f"{expect} (one of {listed})"
            problems = self._errors(f"{pointer}/oneOf/{index}", instance, label)
            # The expected variant fits; the whole oneOf must too (no second variant may match).
            others = [str(names[i]) for i in fits if i != index]
            if problems or not others:
                return label, problems
            return label, [Problem("body", "", f"body matches {expect} and also {', '.join(others)}", label)]
        if len(fits) == 1:
            return listed, []
        if fits:
            return listed, [Problem("body", "", "body matches more than one oneOf variant", listed)]
        # None fits: explain against the variant that came closest.
        best = min(
            range(len(variants)),
            key=lambda i: len(list(self.spec.validator(f"{pointer}/oneOf/{i}").iter_errors(instance))),
        )
        closest = f"{names[best]} (closest of {listed})"
        return closest, self._errors(f"{pointer}/oneOf/{best}", instance, closest)

    def _errors(self, pointer: str, instance: Any, label: str) -> list[Problem]:
        out: list[Problem] = []
        errors = sorted(
            self.spec.validator(pointer).iter_errors(instance), key=lambda e: list(map(str, e.path))
        )
        for error in errors:
            out.extend(self._explain(error, label))
        # A value of the wrong type also fails its enum/format/...: the type says it all.
        mistyped = {p.pointer for p in out if _is_type_problem(p)}
        out = [p for p in out if p.pointer not in mistyped or _is_type_problem(p)]
        return out[:MAX_DRIFTS_PER_CALL]

    def _explain(self, error: ValidationError, label: str) -> list[Problem]:
        where = json_pointer(*error.absolute_path)
        if error.validator == "required" and isinstance(error.instance, Mapping):
            missing = [p for p in error.validator_value if p not in error.instance]
            return [
                Problem("body", where + json_pointer(str(p)), "required field is missing", label)
                for p in missing
            ]
        types: list[str] = []
        if error.validator == "type":
            types = _as_list(error.validator_value)
        elif error.validator in ("anyOf", "oneOf") and error.context:
            # A branch whose type fits explains best (a nullable enum: the enum, not "not null").
            fitting = [e for e in error.context if e.validator != "type"]
            if fitting:
                return self._explain(best_match(fitting), label)
            types = [t for e in error.context for t in _as_list(e.validator_value)]
        if types:
            shown = " or ".join(dict.fromkeys(types))
            return [Problem("body", where, f"is {_json_type(error.instance)}, expected {shown}", label)]
        if error.validator == "enum":
            allowed = ", ".join(json.dumps(v) for v in error.validator_value)
            message = f"{json.dumps(error.instance)} is not one of {allowed}"
            return [Problem("body", where, _short(message), label)]
        return [Problem("body", where, _short(error.message), label)]


def _is_type_problem(problem: Problem) -> bool:
    return problem.message.startswith("is ") and ", expected " in problem.message


def _as_list(value: Any) -> list[str]:
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


# ============================================================================ the check


class _Detail(NamedTuple):
    """The detail request a list check makes for the list's first item."""

    items: str  # the list's items field
    key: str  # the item's id, passed as this query parameter
    expect: str  # the oneOf variant the answer must be
    note: str


class _Check(NamedTuple):
    operation: str
    expect: str | None  # the oneOf variant the answer must be
    note: str  # "list", or what the answer is
    detail: _Detail | None = None


# What the check calls, in order (all read-only).
_CHECKS = (
    _Check("get_plan", None, "Plan"),
    _Check("get_credit_history", None, "CreditHistoryPage"),
    _Check("list_programs", None, "ProgramList"),
    _Check(
        "get_projects", "ProjectList", "list", _Detail("projects", "project_id", "ProjectDetail", "detail")
    ),
    _Check(
        "get_models",
        "ModelList",
        "list",
        _Detail("models", "model_id", "ModelImageList", "images of a model"),
    ),
    _Check("list_pose_library", None, "PoseLibrary"),
    _Check("get_poses", "PoseList", "list", _Detail("poses", "pose_id", "PoseDetail", "detail")),
)


def _first(body: Any, items: str, key: str) -> str | None:
    """``body[items][0][key]`` when it is there and a string (the check goes on from a drifted list)."""
    listed = body.get(items) if isinstance(body, Mapping) else None
    first = listed[0] if isinstance(listed, list) and listed else None
    value = first.get(key) if isinstance(first, Mapping) else None
    return value if isinstance(value, str) and value else None


def _public_url(url: str) -> str:
    """``url`` without user info, query or fragment (nothing secret goes into the report)."""
    parts = urlsplit(url.strip())
    host = parts.hostname or ""
    if parts.port is not None:
        host = f"{host}:{parts.port}"
    return urlunsplit((parts.scheme, host, parts.path.rstrip("/"), "", ""))


def _json(response: httpx.Response) -> Any:
    """The parsed JSON body, or None when there is none."""
    try:
        return response.json()
    except ValueError:
        return None


class _Run:
    def __init__(self, client: httpx.Client, spec: Spec, report: ContractReport, api_key: str) -> None:
        self.client = client
        self.spec = spec
        self.report = report
        self.secrets = [api_key]
        self.checker = ResponseChecker(spec)
        self.refused = False

    def scrub(self, text: str) -> str:
        return redact(text, self.secrets)

    def call(self, operation: str, params: Mapping[str, str], expect: str | None, note: str) -> Any:
        """Make one request, check its answer, record it; returns the parsed body (or None)."""
        if self.refused:
            return None
        op = self.spec.operation(operation)
        request = self.scrub(op.path + (f"?{urlencode(dict(params))}" if params else ""))
        where = (op.operation_id, op.method, op.path, request)  # the first fields of a call and a drift
        expected = f"{expect} ({note})" if expect else note
        started = time.perf_counter()
        try:
            response = self.client.request(op.method, op.path.lstrip("/"), params=dict(params))
        except httpx.HTTPError as exc:
            message = self.scrub(f"request failed: {type(exc).__name__}: {exc}")
            self.report.calls.append(CallResult(*where, None, expected, 0, 0))
            self.report.errors.append(CheckError(op.operation_id, request, message))
            return None
        status = response.status_code
        label, problems = self.checker.check(op, status, response.headers, response.content, expect=expect)
        if expect and label.startswith(expect):
            label = expected
        for problem in problems:
            scrubbed = [self.scrub(text) for text in (problem.pointer, problem.message, problem.expected)]
            self.report.drifts.append(Drift(*where, status, problem.kind, *scrubbed))
        body = _json(response)
        if response.is_success and body is not None:  # what it has beyond the spec: information, not drift
            for kind, pointer, message in self.checker.observe(op, status, body, expect=expect):
                self.report.notes.append(
                    Note(operation, request, kind, self.scrub(pointer), self.scrub(message))
                )
        elapsed = int((time.perf_counter() - started) * 1000)
        self.report.calls.append(CallResult(*where, status, label, len(problems), elapsed))
        if response.is_success:
            return body
        reason = body.get("detail") if isinstance(body, Mapping) else None
        reason = f": {reason}" if isinstance(reason, str) else ""
        message = self.scrub(f"answered {status}{reason}; the answer could not be checked")
        self.report.errors.append(CheckError(op.operation_id, request, message))
        if status in (401, 403) and len(self.report.calls) == 1:
            self.refused = True
            message = "the API refused the key; nothing else was checked"
            self.report.errors.append(CheckError(op.operation_id, request, message))
        return None


def run_contract_check(
    base_url: str,
    api_key: str,
    *,
    transport: httpx.BaseTransport | None = None,
    timeout: float = 30.0,
) -> ContractReport:
    """Call the read-only, credit-free operations at ``base_url`` and check every answer.

    ``base_url`` includes the API's base path, e.g. ``https://api.huhu.ai/public/v1``. Nothing is
    created, changed or charged. Never raises for what the API answers: unreachable hosts and refused
    keys are recorded in :attr:`ContractReport.errors`.
    """
    if not api_key.strip():
        raise ValueError("an API key is required")
    spec = load_spec()
    url = base_url.strip().rstrip("/")
    report = ContractReport(
        base_url=redact(_public_url(url), [api_key]), spec_version=spec.document["info"]["version"]
    )
    headers = {"Authorization": f"Bearer {api_key.strip()}", "Accept": "application/json"}
    with httpx.Client(
        base_url=url + "/", headers=headers, transport=transport, timeout=timeout, follow_redirects=False
    ) as client:
        run = _Run(client, spec, report, api_key.strip())
        for operation, expect, note, detail in _CHECKS:
            listed = run.call(operation, {}, expect, note)
            if detail is not None:
                found = _first(listed, detail.items, detail.key)
                if found is not None:
                    run.call(operation, {detail.key: found}, detail.expect, detail.note)
    return report


# ============================================================================ command line


def _parent_setting(ctx: click.Context, name: str) -> Any:
    """A value the enclosing ``huhu`` group stored (``huhu --api-key K contract check``)."""
    obj = ctx.find_root().obj
    return getattr(obj, name, None) if obj is not None else None


@click.group()
def contract() -> None:
    """Check a live Huhu API against openapi.json (read-only, spends no credits)."""


@contract.command("check")
@click.option(
    "--base-url",
    envvar="HUHU_BASE_URL",
    help=f"API base URL including /public/v1 (default: {DEFAULT_BASE_URL}).",
)
@click.option("--api-key", envvar="HUHU_API_KEY", help="API key (default: $HUHU_API_KEY). Never printed.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.option("--timeout", type=click.FloatRange(1, 600), default=30.0, show_default=True)
@click.pass_context
def check(
    ctx: click.Context, base_url: str | None, api_key: str | None, as_json: bool, timeout: float
) -> None:
    """Call plan, credit history, programs, projects, models, pose library and poses; report drift.

    Exit status: 0 every answer matched the spec, 1 drift found, 2 the check could not complete.
    """
    key = api_key or _parent_setting(ctx, "api_key")
    if not key:
        raise click.UsageError("no API key: pass --api-key or set HUHU_API_KEY")
    url = base_url or _parent_setting(ctx, "base_url") or DEFAULT_BASE_URL
    as_json = as_json or bool(_parent_setting(ctx, "json"))
    report = run_contract_check(url, key, timeout=timeout)
    click.echo(report.to_json() if as_json else report.to_text())
    sys.exit(report.exit_code())

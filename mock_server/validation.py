"""Requests and responses checked against ``openapi.json``.

Every schema is addressed by a JSON pointer into the spec and validated by the spec layer's one
validator (:meth:`huhu_ext.spec.Spec.validator`: ``jsonschema.Draft202012Validator`` over the schema
with its references inlined by :meth:`huhu_ext.spec.Spec.inline`, the same that ``huhu contract
check`` uses). The same schema is also compiled by ``jsonschema-rs`` (Rust, JSON Schema 2020-12, formats not asserted, as here): it
answers the common question, "valid?", in about a microsecond, and only an instance it rejects is
handed to ``jsonschema``, whose answer is authoritative and whose errors are explained. A bad request
becomes a :class:`RequestValidationError` naming each offending field (``body.num_output_images``,
``query.project_id``); a response that breaks the spec becomes a :class:`ResponseValidationError`
(strict mode), which tests let propagate so a contract bug fails loudly.
"""

from __future__ import annotations

import functools
import itertools
import json
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import jsonschema_rs
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from huhu_ext.spec import JSON, Operation, Spec, load_spec
from huhu_ext.spec import pointer as _pointer
from mock_server.errors import FieldError, Invalid

__all__ = [
    "FieldError",
    "RequestValidationError",
    "ResponseValidationError",
    "SpecValidator",
    "normalise_numbers",
]

MAX_ERRORS = 20


class RequestValidationError(Invalid):
    """The request breaks the spec (answered with 422)."""


class ResponseValidationError(AssertionError):
    """The mock answered something the spec does not allow (strict mode): a bug in the mock."""


def _reject_constant(name: str) -> float:
    raise ValueError(f"{name} is not valid JSON")


_DECODER = json.JSONDecoder(parse_constant=_reject_constant)  # ``json.loads(..., parse_constant=)``
# would build a new decoder for every body


class _Compiled:
    """One schema, compiled twice: ``jsonschema-rs`` says "valid" fast, ``jsonschema`` explains "invalid".

    ``jsonschema`` stays the authority: an instance the fast validator rejects (or cannot take, such
    as a non-JSON Python value) is checked again by ``jsonschema``, so the two can only disagree in
    speed. tests/mock/test_validation_fast_path.py checks that they agree on the spec's schemas.
    """

    __slots__ = ("fast", "slow")

    def __init__(self, schema: Any, slow: Draft202012Validator) -> None:
        self.slow = slow
        self.fast: jsonschema_rs.Validator | None
        try:
            self.fast = jsonschema_rs.validator_for(schema, validate_formats=False)
        except (ValueError, jsonschema_rs.ReferencingError):  # a schema it cannot compile: slow path only
            self.fast = None

    def fast_valid(self, instance: Any) -> bool:
        """True when the fast validator accepts ``instance`` (False means "ask ``jsonschema``")."""
        try:
            return self.fast is not None and self.fast.is_valid(instance)
        except ValueError:  # not a JSON value (bytes, non-string keys, ...)
            return False

    def is_valid(self, instance: Any) -> bool:
        return self.fast_valid(instance) or self.slow.is_valid(instance)


@dataclass(frozen=True)
class _Defaults:
    """How to fill in a body's top-level defaults: by the first matching ``oneOf`` variant, or directly."""

    variants: tuple[tuple[_Compiled, _Defaults], ...] | None
    defaults: tuple[tuple[str, Any], ...]

    def apply(self, body: dict[str, Any]) -> dict[str, Any]:
        if self.variants is not None:  # oneOf: the defaults of the variant the body matches
            for validator, plan in self.variants:
                if validator.is_valid(body):
                    return plan.apply(body)
            return body
        out = dict(body)
        for name, value in self.defaults:
            out.setdefault(name, value)
        return out


@dataclass(frozen=True)
class _QueryParam:
    name: str
    required: bool
    schema: JSON
    pointer: str


class SpecValidator:
    """Validates instances against schemas addressed by JSON pointers into the spec.

    The schemas (references inlined) and their ``jsonschema`` validators come from the spec layer,
    built once per pointer, so validating a request never walks the spec to resolve references.
    """

    def __init__(self, spec: Spec | None = None) -> None:
        self.spec = spec or load_spec()
        # Built once per schema pointer, on first use.
        self._compiled = functools.cache(self._compile)
        self._defaults = functools.cache(self._defaults_plan)  # a body schema's defaults plan
        operations = self.spec.operations.values()
        self._query = {op.operation_id: self._query_params(op) for op in operations}
        self._body_pointers = {
            op.operation_id: _pointer(
                "paths", op.path, op.method.lower(), "requestBody", "content", "application/json", "schema"
            )
            for op in operations
        }

    # ------------------------------------------------------------------ schemas by pointer

    def validator(self, pointer: str) -> Draft202012Validator:
        """The ``jsonschema`` validator of the schema at ``pointer`` (references inlined)."""
        return self.spec.validator(pointer)

    def _compile(self, pointer: str) -> _Compiled:
        return _Compiled(self.spec.schema(pointer), self.spec.validator(pointer))

    def errors(self, pointer: str, instance: Any, prefix: str) -> list[FieldError]:
        """Every violation of the schema at ``pointer`` by ``instance``, located under ``prefix``."""
        compiled = self._compiled(pointer)
        if compiled.fast_valid(instance):
            return []
        found = sorted(compiled.slow.iter_errors(instance), key=lambda e: list(map(str, e.path)))
        return self._explain_all(found, prefix)

    def _explain_all(self, errors: Iterable[ValidationError], prefix: str) -> list[FieldError]:
        """The field errors of ``errors``, at most :data:`MAX_ERRORS` (explained lazily)."""
        explained = itertools.chain.from_iterable(self._explain(error, prefix) for error in errors)
        return list(itertools.islice(explained, MAX_ERRORS))

    def _explain(self, error: ValidationError, prefix: str) -> list[FieldError]:
        where = ".".join([prefix, *map(str, error.absolute_path)])
        if error.validator == "required" and isinstance(error.instance, Mapping):
            missing = [p for p in error.validator_value if p not in error.instance]
            return [FieldError(f"{where}.{name}", "is required") for name in missing]
        if error.validator in ("oneOf", "anyOf"):
            return self._explain_variants(error, prefix, where)
        if error.validator == "type" and isinstance(error.instance, Mapping | list):
            kind = "an object" if isinstance(error.instance, Mapping) else "an array"
            return [FieldError(where, f"is {kind}; expected {error.validator_value}")]
        return [FieldError(where, error.message)]

    def _explain_variants(self, error: ValidationError, prefix: str, where: str) -> list[FieldError]:
        variants = [self.spec.resolve(v) for v in error.validator_value]
        if not error.context:
            message = "matches more than one of the allowed shapes; send the fields of exactly one"
            return [FieldError(where, message)]
        by_variant: dict[int, list[ValidationError]] = {}
        for sub in error.context:
            by_variant.setdefault(int(sub.relative_schema_path[0]), []).append(sub)
        keys = set(error.instance) if isinstance(error.instance, Mapping) else set()

        def overlap(index: int) -> int:
            return len(keys & set(variants[index].get("properties", {})) - {"program_id"})

        best = max(by_variant, key=lambda i: (overlap(i), -len(by_variant[i]), -i))
        if isinstance(error.instance, Mapping) and overlap(best) == 0:
            shapes = " | ".join(
                "{" + ", ".join(v.get("required", [])) + "}" for v in variants if v.get("required")
            )
            return [FieldError(where, f"does not match any allowed shape; needs one of {shapes}")]
        return [found for sub in by_variant[best] for found in self._explain(sub, prefix)]

    def check(self, schema: Mapping[str, Any], instance: Any, prefix: str) -> list[FieldError]:
        """Validate against an inline schema without references (the admin API's)."""
        return self._explain_all(Draft202012Validator(schema).iter_errors(instance), prefix)

    # ------------------------------------------------------------------ requests

    def parse_query(self, op: Operation, args: Mapping[str, str]) -> dict[str, Any]:
        """Coerce and validate the documented query parameters; unknown ones are ignored."""
        out: dict[str, Any] = {}
        errors: list[FieldError] = []
        for param in self._query[op.operation_id]:
            name, schema = param.name, param.schema
            if name not in args:
                if param.required:
                    errors.append(FieldError(f"query.{name}", "is required"))
                elif "default" in schema:
                    out[name] = schema["default"]
                continue
            value = _coerce(args[name], schema)
            if problems := self.errors(param.pointer, value, f"query.{name}"):
                errors.extend(problems)
            else:
                out[name] = value
        if errors:
            raise RequestValidationError(errors)
        return out

    def _query_params(self, op: Operation) -> tuple[_QueryParam, ...]:
        return tuple(
            _QueryParam(
                name=param["name"],
                required=bool(param.get("required")),
                schema=self.spec.resolve(param.get("schema", {})),
                pointer=_pointer("paths", op.path, op.method.lower(), "parameters", index, "schema"),
            )
            for index, param in enumerate(op.raw.get("parameters", []))
            if param.get("in") == "query"
        )

    @staticmethod
    def parse_json(raw: bytes) -> Any:
        """Decode JSON text (UTF-8; NaN and Infinity refused) or raise :class:`RequestValidationError`."""
        try:  # ``json.loads`` with one shared decoder; strict decoding: a surrogate's bytes are no text
            value = _DECODER.decode(raw.decode(json.detect_encoding(raw)))
        except (ValueError, RecursionError) as exc:
            message = exc.msg if isinstance(exc, json.JSONDecodeError) else str(exc)
            raise RequestValidationError([FieldError("body", f"is not valid JSON: {message}")]) from None
        if _SURROGATE_ESCAPE.search(raw) and (where := _lone_surrogate(value, "body")):
            message = "contains a lone UTF-16 surrogate (not valid Unicode)"
            raise RequestValidationError([FieldError(where, message)])
        return value

    def body_pointer(self, op: Operation) -> str:
        return self._body_pointers[op.operation_id]

    def parse_body(self, op: Operation, raw: bytes) -> dict[str, Any]:
        """Decode and validate a JSON body; fill in the schema's top-level defaults."""
        if not raw.strip():
            raise RequestValidationError([FieldError("body", "a JSON body is required")])
        body = self.parse_json(raw)
        pointer = self.body_pointer(op)
        errors = self.errors(pointer, body, "body")
        if errors:
            raise RequestValidationError(errors)
        assert isinstance(body, dict)  # the spec's bodies are all objects
        if _MAYBE_FLOAT.search(raw):
            body = normalise_numbers(self.spec.schema(pointer), body)
        return self._defaults(pointer).apply(body)

    def _defaults_plan(self, pointer: str) -> _Defaults:
        pointer, _ = self.spec.follow(pointer)
        schema = self.spec.schema(pointer)  # references inlined
        if "oneOf" in schema:
            wheres = [f"{pointer}/oneOf/{index}" for index in range(len(schema["oneOf"]))]
            return _Defaults(tuple((self._compiled(w), self._defaults_plan(w)) for w in wheres), ())
        properties = schema.get("properties", {}).items()
        return _Defaults(None, tuple((name, p["default"]) for name, p in properties if "default" in p))

    # ------------------------------------------------------------------ responses

    def check_response(self, op: Operation, status: int, body: Any, headers: Mapping[str, str]) -> None:
        """Raise :class:`ResponseValidationError` unless the answer is one the spec documents."""
        what = f"{op.method} {op.path} {status}"
        responses = op.raw.get("responses", {})
        if str(status) not in responses:
            raise ResponseValidationError(
                f"{op.method} {op.path}: status {status} is not documented (documented: {sorted(responses)})"
            )
        base, response = self.spec.follow(
            _pointer("paths", op.path, op.method.lower(), "responses", str(status))
        )
        for header, declared in response.get("headers", {}).items():
            value = headers.get(header)
            if value is None:
                if declared.get("required"):
                    raise ResponseValidationError(f"{what}: header {header} missing")
                continue
            where = base + _pointer("headers", header, "schema")
            if problems := self.errors(where, _coerce(value, self.spec.schema(where)), f"header.{header}"):
                raise ResponseValidationError(f"{what}: {problems}")
        if "application/json" in response.get("content", {}):
            pointer = base + _pointer("content", "application/json", "schema")
            if problems := self.errors(pointer, body, "response"):
                detail = "; ".join(f"{p.field}: {p.message}" for p in problems)
                raise ResponseValidationError(f"{what}: {detail}")


_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")  # JSON decoding joins the pairs: what is left is alone
_MAYBE_FLOAT = re.compile(rb"[0-9][.eE]")  # a JSON text without this match holds no float


def _branches(schema: Any) -> list[Mapping[str, Any]]:
    """``schema`` and every schema its ``oneOf`` / ``anyOf`` / ``allOf`` may apply, flattened."""
    if not isinstance(schema, Mapping):
        return []
    out = [schema]
    for keyword in ("oneOf", "anyOf", "allOf"):
        for sub in schema.get(keyword, ()):
            out.extend(_branches(sub))
    return out


def normalise_numbers(schema: Any, value: Any) -> Any:
    """``value`` with each integral float where ``schema`` (references inlined) wants an integer made an int.

    JSON Schema counts ``2.0`` as an integer, so it validates; stored and echoed as given it would
    come back as ``2.0``. Other values are returned as they are (D-MOCK-NUMBERS).
    """
    if isinstance(value, float):
        if value.is_integer() and any(_wants_integer(b) for b in _branches(schema)):
            return int(value)
        return value
    if isinstance(value, dict):
        branches = _branches(schema)
        out = {}
        for key, item in value.items():
            subs = [b["properties"][key] for b in branches if key in b.get("properties", {})]
            subs += [
                b["additionalProperties"]
                for b in branches
                if isinstance(b.get("additionalProperties"), Mapping)
            ]
            out[key] = normalise_numbers({"anyOf": subs}, item) if subs else item
        return out
    if isinstance(value, list):
        items = [b["items"] for b in _branches(schema) if isinstance(b.get("items"), Mapping)]
        return [normalise_numbers({"anyOf": items}, item) for item in value] if items else value
    return value


def _wants_integer(schema: Mapping[str, Any]) -> bool:
    kind = schema.get("type")
    kinds = kind if isinstance(kind, list) else [kind]
    return "integer" in kinds and "number" not in kinds


def _lone_surrogate(value: Any, where: str) -> str | None:
    """The location of the first string (or key) that is not valid Unicode, if any."""
    if isinstance(value, str):
        return where if _LONE_SURROGATE.search(value) else None
    if isinstance(value, list):
        for index, item in enumerate(value):
            if found := _lone_surrogate(item, f"{where}.{index}"):
                return found
    if isinstance(value, dict):
        for key, item in value.items():
            if found := _lone_surrogate(key, where) or _lone_surrogate(item, f"{where}.{key}"):
                return found
    return None


def _coerce(raw: str, schema: Mapping[str, Any]) -> Any:
    """Turn a query/header string into the type its schema asks for (left as text when it cannot)."""
    kind = schema.get("type")
    text = raw.strip()
    if kind == "boolean":
        return {"true": True, "1": True, "false": False, "0": False}.get(text.lower(), raw)
    if kind == "integer":
        try:
            return int(text)
        except ValueError:
            return raw
    if kind == "number":
        try:
            number = float(text)
        except ValueError:
            return raw
        return number if math.isfinite(number) else raw  # NaN and Infinity are no JSON numbers
    return raw

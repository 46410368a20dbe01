"""Write ``huhu_client/resources.py``: the typed resources (``huhu.tasks.generate(...)``) of the spec.

The second step of ``python -m huhu_ext.regen`` (D-RESOURCES): after openapi-python-client has
generated the package, this reads each operation's ``x-huhu-resource`` / ``x-huhu-method`` from the
spec and the generated signatures (query parameters of ``_get_kwargs``, request-model fields) from
the generated source, and renders one module with a sync and an async class per resource from the
template ``huhu_ext/templates/resources.py.jinja``. Nothing here knows an operation by name
except :data:`WAITERS`, which attaches :mod:`huhu_ext.polling`'s waiters: the client's
``wait_for_*`` methods (on the :class:`Resources` mixin) and the resources' methods delegating to them.

``x-huhu-method`` is a method name, or, where one operation answers or accepts two shapes, an
object ``{method name: variant}``; a variant names what it ``returns`` and how it is selected:
``"detail": true`` (the operation's ``x-huhu-detail-param`` becomes required; without it the
detail parameter is left out), ``"body"`` (one schema of a ``oneOf`` request body) or ``"fields"``
(a body field fixed to a value, or restricted to a list of values).
"""

from __future__ import annotations

import ast
import json
from dataclasses import dataclass, field, replace
from importlib.resources import files
from pathlib import Path
from typing import Any

import jinja2

from huhu_ext.spec import ref_name

__all__ = ["WAITERS", "render"]

_PLAIN = frozenset({"str", "int", "float", "bool", "list", "dict", "None", "Any", "Unset"})


_COMMON_WAIT = ("program_id", "interval", "timeout", "on_progress")


@dataclass(frozen=True)
class Waiter:
    """A waiter: the client's ``target`` (``wait_for_*``, on the :class:`Resources` mixin), which runs the
    :mod:`huhu_ext.polling` waiter ``function``, and the resource's method ``name``, which delegates to it.
    The parameters, return type and docstring are the polling function's."""

    name: str
    target: str
    function: str
    first: str  # the positional parameter, e.g. "task_ids: Iterable[str]"
    options: tuple[str, ...]  # keyword parameters besides the common ones
    returns: str
    timeout: float  # the client's default overall deadline (seconds); the resource's None keeps it
    doc: str

    def declare(self, *, client: bool = False) -> str:
        """The keyword parameters: the resource's all default to None (the client's defaults apply)."""
        return ", ".join(
            f"{k}: float = {self.timeout!r}" if client and k == "timeout" else f"{k}: {_WAIT_TYPES[k]} = None"
            for k in (*self.options, *_COMMON_WAIT)
        )

    def passed(self, names: tuple[str, ...] = _COMMON_WAIT) -> str:
        return ", ".join(f"{k}={k}" for k in (*self.options, *names))


# resource → its waiter: (the resource's method, the huhu_ext.polling function, the default timeout)
WAITERS: dict[str, tuple[str, str, float]] = {
    "tasks": ("wait", "wait_tasks", 1800.0),
    "models": ("wait_generation", "wait_generation", 600.0),
    "upscale": ("wait", "wait_upscale", 600.0),
    "video": ("wait", "wait_video", 1800.0),
}


def _waiters() -> dict[str, Waiter]:
    """:data:`WAITERS` with each polling function's signature and docstring, read from its source."""
    polling = ast.parse(files("huhu_ext").joinpath("polling.py").read_text(encoding="utf-8"))
    out: dict[str, Waiter] = {}
    for resource, (name, function, timeout) in WAITERS.items():
        fn = _function(polling, function)
        assert fn.returns is not None
        first = ast.unparse(fn.args.args[0])
        options = tuple(a.arg for a in fn.args.kwonlyargs if a.arg not in _COMMON_WAIT)
        returns = ast.unparse(fn.returns).removeprefix("Waiter[").removesuffix("]")
        target = function.replace("wait_", "wait_for_", 1)
        doc = ast.get_docstring(fn) or ""
        out[resource] = Waiter(name, target, function, first, options, returns, timeout, doc)
    return out


_WAIT_TYPES = {
    "project_id": "str | None",
    "program_id": "str | None",
    "interval": "float | None",
    "timeout": "float | None",
    "on_progress": "ProgressCallback | None",
}


@dataclass
class Param:
    name: str
    annotation: str  # without Unset and without None-for-omitted
    required: bool
    fixed: str | None = None  # a literal value set by the method (not a parameter)

    def declare(self) -> str:
        if self.required:
            return f"{self.name}: {self.annotation}"
        return f"{self.name}: {self.annotation} | None = None"


@dataclass
class Method:
    resource: str
    name: str
    operation_id: str
    tag: str
    http: str
    summary: str
    returns: str
    params: list[Param] = field(default_factory=list)  # query parameters
    body: str | None = None  # request model class
    fields: list[Param] = field(default_factory=list)  # request model fields
    page_item: str | None = None  # paginated list: the item model
    billable: bool = False

    @property
    def cls(self) -> str:
        """The class of a billable method (``TasksGenerate``), without the ``Async`` prefix."""
        return _camel(self.resource) + _camel(self.name)

    @property
    def doc(self) -> str:
        text = f"``{self.http}``: {self.summary}."
        if self.page_item:
            text += f" Iterates every {self.page_item} across pages (``.pages()`` for whole pages)."
        return text

    def signature(self, *, budget: bool = False) -> str:
        given = [p for p in self.params + self.fields if p.fixed is None]
        positional = [p.declare() for p in given if p.required and self.body is None]
        keyword = [p.declare() for p in given if not (p.required and self.body is None)]
        if budget:
            keyword.append("max_credits: int | None = None")
        parts = ["self", *map(_builtins, positional)]
        if keyword:
            parts += ["*", *map(_builtins, keyword)]
        return ", ".join(parts)

    @property
    def query(self) -> str:
        if not self.params:
            return "{}"
        return "_given(" + ", ".join(f"{p.name}={p.name}" for p in self.params) + ")"

    @property
    def body_expr(self) -> str:
        args = [f"{p.name}={p.fixed or p.name}" for p in self.fields if p.required or p.fixed is not None]
        optional = [f"{p.name}={p.name}" for p in self.fields if not p.required and p.fixed is None]
        if optional:
            args.append(f"**_given({', '.join(optional)})")
        return f"{self.body}({', '.join(args)})"


def _strip_unset(node: ast.expr) -> str:
    """The annotation without ``Unset``."""

    def parts(n: ast.expr) -> list[ast.expr]:
        if isinstance(n, ast.BinOp) and isinstance(n.op, ast.BitOr):
            return parts(n.left) + parts(n.right)
        return [] if isinstance(n, ast.Name) and n.id == "Unset" else [n]

    return " | ".join(map(ast.unparse, parts(node)))


def _names(annotation: str) -> set[str]:
    return {n.id for n in ast.walk(ast.parse(annotation, mode="eval")) if isinstance(n, ast.Name)} - _PLAIN


def _function(tree: ast.Module, name: str) -> ast.FunctionDef:
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name == name:
            return node
    raise ValueError(f"no function {name}")


def _query_params(module: ast.Module) -> list[Param]:
    fn = _function(module, "_get_kwargs")
    out = []
    for arg, default in zip(fn.args.kwonlyargs, fn.args.kw_defaults, strict=True):
        if arg.arg == "body":
            continue
        assert arg.annotation is not None
        out.append(Param(arg.arg, _strip_unset(arg.annotation), required=default is None))
    return out


def _model_fields(model_file: Path, cls: str) -> list[Param]:
    tree = ast.parse(model_file.read_text())
    for node in tree.body:
        if isinstance(node, ast.ClassDef) and node.name == cls:
            out = []
            for stmt in node.body:
                if not (isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name)):
                    continue
                if stmt.target.id == "additional_properties":
                    continue
                out.append(Param(stmt.target.id, _strip_unset(stmt.annotation), required=stmt.value is None))
            return out
    raise ValueError(f"no class {cls} in {model_file}")


def _success_types(module: ast.Module) -> list[str]:
    fn = _function(module, "sync_detailed")
    assert fn.returns is not None
    inner = ast.unparse(fn.returns).removeprefix("Response[").removesuffix("]")
    return [t.strip() for t in inner.split("|") if t.strip() not in ("Error", "None")]


def _ref(schema: dict[str, Any]) -> str:
    name = ref_name(schema)
    if name is None:
        raise ValueError(f"expected a $ref, got {schema}")
    return name


def _model_file(package: Path, cls: str) -> Path:
    init = ast.parse((package / "models" / "__init__.py").read_text())
    for node in init.body:
        if isinstance(node, ast.ImportFrom) and any(a.name == cls for a in node.names):
            return package / "models" / f"{(node.module or '').lstrip('.')}.py"
    raise ValueError(f"no model {cls}")


def _methods(spec: dict[str, Any], package: Path) -> list[Method]:
    schemas = spec["components"]["schemas"]
    out: list[Method] = []
    for path, item in spec["paths"].items():
        for verb, op in item.items():
            tag = op["tags"][0]
            op_id = op["operationId"]
            module = ast.parse((package / "api" / tag / f"{op_id}.py").read_text())
            query = _query_params(module)
            body_schema = op.get("requestBody", {}).get("content", {}).get("application/json", {})
            credits = op.get("x-huhu-credits")
            if "x-huhu-resource" not in op or "x-huhu-method" not in op:
                raise ValueError(f"{op_id} ({verb.upper()} {path}) has no x-huhu-resource / x-huhu-method")
            spec_method = op["x-huhu-method"]
            variants: dict[str, dict[str, Any]] = (
                {spec_method: {}} if isinstance(spec_method, str) else dict(spec_method)
            )
            detail = op.get("x-huhu-detail-param")
            pagination = op.get("x-huhu-pagination")
            if any(v.get("detail") for v in variants.values()) and detail is None:
                raise ValueError(f"{op_id}: a detail variant needs x-huhu-detail-param")
            for name, variant in variants.items():
                returns = variant.get("returns")
                if returns is None:
                    found = _success_types(module)
                    if len(found) != 1:
                        raise ValueError(f"{op_id} answers {found}: give x-huhu-method variants with returns")
                    returns = found[0]
                params = list(query)
                is_detail = bool(variant.get("detail"))
                if detail is not None and len(variants) > 1 and is_detail:
                    # the detail requires its id parameter and takes no page token
                    token = pagination["token_param"] if pagination is not None else None
                    params = [
                        replace(p, required=True) if p.name == detail else p for p in query if p.name != token
                    ]
                elif detail is not None and len(variants) > 1:
                    params = [p for p in query if p.name != detail]  # the list leaves the id parameter out
                method = Method(
                    resource=op["x-huhu-resource"],
                    name=name,
                    operation_id=op_id,
                    tag=tag,
                    http=f"{verb.upper()} {path}",
                    summary=op.get("summary", "").rstrip("."),
                    returns=returns,
                    params=params,
                )
                if body_schema:
                    body = variant.get("body") or _ref(body_schema["schema"])
                    method.body = body
                    fixed = variant.get("fields", {})
                    for f in _model_fields(_model_file(package, body), body):
                        if f.name in fixed:
                            value = fixed[f.name]
                            if isinstance(value, list):
                                f.annotation = "Literal[" + ", ".join(json.dumps(v) for v in value) + "]"
                            else:
                                f.fixed = json.dumps(value)
                        method.fields.append(f)
                    props = schemas.get(body, {}).get("properties", {})
                    when = (credits or {}).get("when_present")
                    method.billable = credits is not None and (when is None or when in props)
                if pagination is not None and not is_detail:
                    page = schemas[returns]
                    method.page_item = _ref(page["properties"][pagination["items_field"]]["items"])
                out.append(method)
    return out


def _camel(name: str) -> str:
    return "".join(part.capitalize() for part in name.split("_"))


def _builtins(annotation: str) -> str:
    """``list[...]`` → ``builtins.list[...]``: a resource's ``list`` method shadows the builtin."""
    return annotation.replace("list[", "builtins.list[").replace("dict[", "builtins.dict[")


def render(spec: dict[str, Any], package: Path) -> str:
    """The source of ``resources.py`` for the generated ``package`` (``.../huhu_client``), rendered
    from the template ``huhu_ext/templates/resources.py.jinja``."""
    methods = _methods(spec, package)
    resources: dict[str, list[Method]] = {}
    models: set[str] = set()
    for m in methods:
        resources.setdefault(m.resource, []).append(m)
        models.add(m.returns)
        models |= {name for name in (m.body, m.page_item) if name}
        for p in m.params + m.fields:
            if p.fixed is None:
                models |= _names(p.annotation)
    waiters = _waiters()
    for waiter in waiters.values():
        models |= _names(waiter.returns.replace("dict[str, ", "").removesuffix("]"))
    source = files("huhu_ext").joinpath("templates", "resources.py.jinja").read_text(encoding="utf-8")
    template: jinja2.Template = jinja2.Template(
        source, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True
    )
    return template.render(
        operations=sorted({(m.tag, m.operation_id) for m in methods}),
        models=sorted(models - {"Literal"}),
        resources=resources,
        waiters=waiters,
        camel=_camel,
        builtins=_builtins,
    )


def write(spec_path: Path, package: Path) -> Path:
    """Write ``package/resources.py`` from the spec; returns its path (the caller formats it)."""
    spec = json.loads(spec_path.read_text(encoding="utf-8"))
    target = package / "resources.py"
    target.write_text(render(spec, package), encoding="utf-8")
    return target

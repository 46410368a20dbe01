"""``huhu mcp serve``: the Huhu API as MCP tools, generated from the spec and safe with money.

Two layers:

* :class:`Toolbox` (no MCP SDK needed) holds the tools — one per operation from :mod:`huhu_ext.tools`,
  plus composites (``tryon``, ``wait``, ``find_model``, ``fetch_image``, ``huhu_estimate``) or, in
  dynamic mode, three meta-tools, both declared in ``agent_tools.json`` — and runs a call: check the arguments (a tool error names the field),
  price it from ``x-huhu-credits``, refuse it when it would push the session's spend past the budget
  (nothing sent), then call through :class:`huhu_ext.Huhu` (retries, typed errors, in-doubt rule).
* :func:`build_server` wraps a toolbox in the official SDK's low-level ``Server`` (the tool list is
  data generated from the spec, so FastMCP's decorators would save nothing), served over stdio or
  streamable HTTP.

The budget is per server process: every billable call that was sent counts, unless the API answered
with a definite refusal (4xx: nothing charged); a call whose answer was lost stays counted.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import importlib
import io
import json
import tempfile
import threading
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from importlib import resources
from importlib.util import find_spec
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
import httpx

from huhu_ext.errors import (
    AmbiguousRequestError,
    APIConnectionError,
    APIStatusError,
    HuhuError,
    NotFoundError,
)
from huhu_ext.spec import JSON, load_spec
from huhu_ext.tools import (
    META_KEY,
    ToolInputError,
    ToolSpec,
    build_tools,
    check_arguments,
    check_object,
    export,
    select,
)

if TYPE_CHECKING:
    from mcp.server.lowlevel import Server

    from huhu_ext.client import Huhu

__all__ = ["Budget", "BudgetExceeded", "InDoubt", "Outcome", "Refused", "Toolbox", "build_server", "mcp_cli"]

THUMBNAIL_PX = 256  # also fetch_image's default max_size in agent_tools.json
MAX_THUMBNAILS = 4


class Refused(Exception):
    """A call the server will not send (the message says why; nothing was sent)."""


class BudgetExceeded(Refused):
    """A call that would push the session's spend past ``--budget``."""


class InDoubt(Refused):
    """A paid call identical to one whose answer was lost, before the agent looked at the ledger."""


@dataclass
class Budget:
    """Credits this server may spend in total (None: no limit) and what it has spent (thread-safe:
    a reservation is checked and taken in one step, so two calls cannot both fit the last credits)."""

    limit: int | None = None
    spent: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    @property
    def left(self) -> int | None:
        return None if self.limit is None else self.limit - self.spent

    def reserve(self, credits: int, what: str) -> None:
        with self._lock:
            if credits and self.limit is not None and self.spent + credits > self.limit:
                raise BudgetExceeded(
                    f"refused: {what} costs {credits} credits, and the session budget is {self.limit} "
                    f"with {self.spent} already spent ({self.limit - self.spent} left); nothing was sent"
                )
            self.spent += credits

    def settle(self, reserved: int, charged: int) -> None:
        """Replace a reservation by what was actually charged (0 after a definite refusal)."""
        with self._lock:
            self.spent += charged - reserved

    def state(self) -> JSON:
        """What the session has spent and has left (None: no limit), as tool answers show them."""
        return {"session_spent": self.spent, "budget_left": self.left}


@dataclass
class Outcome:
    """What a tool call answers: text, images (base64 PNG), structured data, error flag."""

    text: str
    structured: JSON | None = None
    images: list[str] = field(default_factory=list)
    is_error: bool = False


def _error(message: str) -> Outcome:
    return Outcome(text=message, structured={"error": message}, is_error=True)


def _answer(data: JSON, images: list[str] | None = None) -> Outcome:
    """An outcome whose text is ``data`` as JSON."""
    return Outcome(text=json.dumps(data, ensure_ascii=False), structured=data, images=images or [])


@dataclass(frozen=True)
class _RawBody:
    """A JSON body for a generated endpoint (which only calls ``to_dict()`` on it)."""

    data: Mapping[str, Any]

    def to_dict(self) -> dict[str, Any]:
        return dict(self.data)


def _plain(value: Any) -> Any:
    """A generated model as JSON data (anything else as is)."""
    return value.to_dict() if hasattr(value, "to_dict") else value


def _thumbnail(data: bytes, size: int = THUMBNAIL_PX) -> str:
    """A PNG thumbnail (longest side ``size``), base64."""
    from PIL import Image

    with Image.open(io.BytesIO(data)) as image:
        image.thumbnail((size, size))
        out = io.BytesIO()
        image.convert("RGB").save(out, format="PNG")
    return base64.b64encode(out.getvalue()).decode()


_IMAGE_KEYS = frozenset({"image_url", "model_image_url", "result_urls", "reference_image_url"})


def _leaves(value: Any, path: str = "") -> Iterator[tuple[str, str]]:
    """``(dotted path, text)`` of every string in tool arguments (``task_ids.0``, ``arguments.sku_id``)."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _leaves(item, f"{path}.{key}" if path else str(key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _leaves(item, f"{path}.{i}")
    elif isinstance(value, str):
        yield path, value


def _image_urls(data: Any) -> list[str]:
    """Signed image URLs in an answer (outputs, generated images, upscale results), in order: the
    strings under an image key, or in a list under one (``result_urls.0``)."""
    return [
        text
        for path, text in _leaves(data)
        if text.startswith("http") and _IMAGE_KEYS & set(path.split(".")[-2:])
    ]


def _declarations() -> dict[str, list[JSON]]:
    """The MCP definitions of the composites and of dynamic mode's meta-tools (``agent_tools.json``),
    the try-on's price filled in from the spec."""
    spec = load_spec()  # the try-on's price: generate_tasks's x-huhu-credits
    rule = spec.operation("generate_tasks").credits
    assert rule is not None
    unit = spec.price("generate_tasks", {"task_ids": ["t"], "num_output_images": 1})
    cost = f"Cost: {unit} credits per task and output image ({rule.price_item})"
    data: dict[str, list[JSON]] = json.loads(
        resources.files("huhu_ext").joinpath("agent_tools.json").read_text(encoding="utf-8")
    )
    for declared in data["composites"]:
        declared["description"] = declared["description"].replace("{tryon_cost}", cost)
    return data


@dataclass(frozen=True)
class Composite:
    """A tool written here rather than generated: its MCP definition and the function that runs it."""

    definition: JSON
    run: Callable[[Mapping[str, Any]], Outcome]

    def checked(self, args: Mapping[str, Any]) -> dict[str, Any]:
        """``args`` checked against the input schema, with the schema's defaults filled in."""
        schema = self.definition["inputSchema"]
        check_object(schema, args)
        return {**{k: p["default"] for k, p in schema["properties"].items() if "default" in p}, **args}

    def __call__(self, args: Mapping[str, Any]) -> Outcome:
        return self.run(self.checked(args))


class Toolbox:
    """The tools of one server and how to run them (synchronous; one call at a time)."""

    def __init__(
        self,
        huhu: Huhu,
        files: httpx.Client,
        *,
        sleep: Callable[[float], None] | None = None,
        budget: int | None = None,
        read_only: bool = False,
        mode: str = "all",
        workdir: Path | None = None,
        offline: bool = False,
        local_files: bool = True,
    ) -> None:
        self.huhu = huhu
        self.files = files
        self.sleep = sleep
        self.budget = Budget(budget)
        self.read_only = read_only
        self.offline = offline
        self.local_files = local_files  # tryon may read garment files from this machine (stdio only)
        self._workdir = workdir  # where tryon makes its run folders (None: the system's temporary folder)
        # billable calls whose answer was lost: (tool, arguments) -> what to check before resending
        self._in_doubt: dict[tuple[str, str], str] = {}
        only = [] if mode in ("all", "dynamic") else mode.split(",")
        self.operations = {t.name: t for t in select(build_tools(), only, read_only)}
        declared = _declarations()  # each runs as the method named for it: wait -> _wait
        self.composites = {
            d["name"]: Composite(d, getattr(self, f"_{d['name']}"))
            for d in declared["composites"]
            if d["annotations"]["readOnlyHint"] or not read_only
        }
        self.meta_tools = {
            d["name"]: Composite(d, getattr(self, f"_{d['name']}")) for d in declared["dynamic"]
        }
        self.dynamic = mode == "dynamic"

    # -- listing --------------------------------------------------------------------------------------
    def definitions(self) -> list[JSON]:
        """The tool list this server shows (MCP shape)."""
        if self.dynamic:
            return [c.definition for c in self.meta_tools.values()]
        return self.catalogue()

    def catalogue(self) -> list[JSON]:
        """Every callable tool (operations and composites), as ``huhu_estimate``/dynamic mode see them."""
        return export(self.operations.values(), "mcp") + [c.definition for c in self.composites.values()]

    # -- calling --------------------------------------------------------------------------------------
    def call(self, name: str, arguments: Mapping[str, Any] | None) -> Outcome:
        """Run one tool; every failure is an error outcome, never an exception. Calls may run
        concurrently (a ``wait`` must not hold up the others); the budget is what is shared."""
        args = dict(arguments or {})
        try:
            if not self.dynamic:
                return self._dispatch(name, args)
            if name not in self.meta_tools:
                return _error(f"unknown tool {name!r}: in dynamic mode use {', '.join(self.meta_tools)}")
            return self.meta_tools[name](args)
        except ToolInputError as exc:
            return _error(f"invalid input: {exc}")
        except NotFoundError as exc:  # a foreign or mistyped id: name the argument that held it
            named = [path for path, value in _leaves(args) if value and value in str(exc)]
            return _error(f"invalid input: {', '.join(named) or 'arguments'}: not found ({exc})")
        except Refused as exc:
            return _error(str(exc))
        except HuhuError as exc:
            return _error(f"{type(exc).__name__}: {exc}")
        except Exception as exc:  # a tool must answer, whatever happened
            return _error(f"internal error in {name}: {type(exc).__name__}: {exc}")

    def _dispatch(self, name: str, args: dict[str, Any]) -> Outcome:
        if name in self.operations:
            return self._operation(self.operations[name], args)
        if name in self.composites:
            return self.composites[name](args)
        hidden = " (hidden by --read-only or --tools)" if name in {t.name for t in build_tools()} else ""
        return _error(f"unknown tool {name!r}{hidden}")

    def _operation(self, tool: ToolSpec, args: dict[str, Any]) -> Outcome:
        check_arguments(tool, args)
        price = tool.price(args)
        key = (tool.name, json.dumps(args, sort_keys=True))
        if price and key in self._in_doubt:
            raise InDoubt(
                f"refused: an identical {tool.name} call got no definite answer and may have been "
                f"charged ({self._in_doubt[key]}); call get_credit_history (and check the job) first, "
                "then send it again only if it was not applied; nothing was sent"
            )
        self.budget.reserve(price, tool.name)
        module = importlib.import_module(f"huhu_client.api.{tool.operation.tag}.{tool.name}")
        params, body = tool.split(args)
        try:
            result = self.huhu.call(module, **params, **({} if body is None else {"body": _RawBody(body)}))
        except AmbiguousRequestError as exc:
            if price:  # the spend stays counted: it may have been charged
                self._in_doubt[key] = f"{exc.method} {exc.path}"
            raise
        except (APIStatusError, APIConnectionError) as exc:
            # a definite refusal, or a request that never reached the server, charges nothing; any
            # other failure (e.g. an unreadable 2xx) may have been charged and stays counted
            if not isinstance(exc, APIStatusError) or exc.status < 500:
                self.budget.settle(price, 0)
            raise
        if tool.name == "get_credit_history":
            self._in_doubt.clear()  # the agent has the ledger in front of it now
        data = _plain(result)
        spend = {"credits_charged": price, **self.budget.state()}
        return Outcome(json.dumps(data, ensure_ascii=False), {"result": data, **spend})

    # -- composites -----------------------------------------------------------------------------------
    def _huhu_estimate(self, args: Mapping[str, Any]) -> Outcome:
        name, planned = str(args["tool"]), dict(args.get("arguments") or {})
        if name in self.operations:  # an API operation: the spec's price and slots for these arguments
            tool = self.operations[name]
            check_arguments(tool, planned)
            credits, slots = tool.price(planned), tool.operation.slots(tool.split(planned)[1] or {})
        elif name == "tryon" and name in self.composites:
            # the batch engine's upper bound before upload, one slot per garment
            from huhu_ext.batch import plan_run

            planned = self.composites[name].checked(planned)
            with tempfile.TemporaryDirectory(prefix="huhu-mcp-price-") as tmp:
                credits = int(plan_run(self._tryon_options(planned, Path(tmp))).credits)
            slots = len(planned["garments"])
        elif name in self.composites:  # the other composites spend nothing and hold no slot
            credits = slots = 0
        else:
            raise ToolInputError("tool", f"unknown tool {name!r}")
        state = self.budget.state()
        allowed = state["budget_left"] is None or credits <= state["budget_left"]
        return _answer({"tool": name, "credits": credits, "slots": slots, **state, "allowed": allowed})

    def _find_model(self, args: Mapping[str, Any]) -> Outcome:
        filters = _model_filters(str(args["description"]), "description")
        query: dict[str, Any] = dict(filters)  # values from the spec's enums (Literal-typed there)
        listing = self.huhu.models.list(**query)
        models: list[JSON] = []
        suggestion: JSON | None = None
        for model in listing.models[: int(args["limit"])]:
            rows = [i.to_dict() for i in self.huhu.models.images(model.model_id).model_images]
            models.append({**model.to_dict(), "images": rows})
            for row in rows:
                if suggestion is None and row.get("view_type") == "front_facing":
                    suggestion = {"model_id": model.model_id, **row}
        return _answer({"filters": filters, "models": models, "suggested_model_image": suggestion})

    def _wait(self, args: Mapping[str, Any]) -> Outcome:
        kind, timeout = args["kind"], float(args["timeout_seconds"])
        interval = 0.5 if self.offline else None
        needed = "task_ids" if kind == "tasks" else "request_id"
        if needed not in args:
            raise ToolInputError(needed, f"required for kind={kind}")
        if kind == "tasks":
            task_ids, project_id = list(args["task_ids"]), args.get("project_id")
            # the waiter tolerates a task not listed yet (until its timeout); an agent's wrong id fails at once
            listing = self.huhu.tasks.list(project_id=project_id)
            known = {task.task_id for sku in listing.skus for task in sku.tasks}
            for i, task_id in enumerate(task_ids):
                if task_id not in known:
                    where = f"project {project_id}" if project_id else "the program"
                    raise ToolInputError(f"task_ids.{i}", f"no task {task_id!r} in {where}")
            done = self.huhu.wait_for_tasks(
                task_ids, project_id=project_id, interval=interval, timeout=timeout
            )
            data: Any = {"tasks": [_plain(d) for d in done.values()]}
        else:
            waiter: Callable[..., Any] = getattr(self.huhu, f"wait_for_{kind}")  # generation, upscale, video
            data = _plain(waiter(str(args["request_id"]), interval=interval, timeout=timeout))
        urls = _image_urls(data)
        images = [self._download_thumbnail(u) for u in urls[:MAX_THUMBNAILS]]
        return _answer({"result": data, "image_urls": urls}, images)

    def _download_thumbnail(self, url: str, size: int = THUMBNAIL_PX) -> str:
        response = self.files.get(url)
        if response.status_code != 200:
            raise ToolInputError("url", f"download failed with HTTP {response.status_code}")
        try:
            return _thumbnail(response.content, size)
        except OSError as exc:
            raise ToolInputError("url", f"not an image ({exc})") from exc

    def _fetch_image(self, args: Mapping[str, Any]) -> Outcome:
        url = str(args["url"])
        data = {"url": url, "thumbnail": "image/png"}
        return Outcome(json.dumps(data), data, [self._download_thumbnail(url, int(args["max_size"]))])

    def _tryon_options(self, args: Mapping[str, Any], folder: Path) -> Any:
        from huhu_ext.batch import TryOnOptions

        garments = [
            _garment_file(str(item), folder, i, self.local_files) for i, item in enumerate(args["garments"])
        ]
        if args.get("model_image") and args.get("model_description"):
            raise ToolInputError("model_image", "give model_image or model_description, not both")
        if args.get("model_description"):
            _model_filters(str(args["model_description"]), "model_description")
        return TryOnOptions(
            garments=tuple(garments),
            out=folder / "out",
            model_image=args.get("model_image"),
            model_description=args.get("model_description"),
            images_per_task=int(args["images_per_task"]),
            poll_interval=0.5 if self.offline else 5.0,
        )

    def _tryon(self, args: Mapping[str, Any]) -> Outcome:
        from huhu_ext.batch import TryOnRun, plan_run
        from huhu_ext.in_doubt import InDoubtError
        from huhu_ext.journal import Journal

        if self._workdir is not None:
            self._workdir.mkdir(parents=True, exist_ok=True)
        folder = Path(tempfile.mkdtemp(prefix="huhu-mcp-tryon-", dir=self._workdir))
        options = self._tryon_options(args, folder)
        bound = int(plan_run(options).credits)
        self.budget.reserve(bound, "tryon")
        try:
            result = TryOnRun(self.huhu, options, files=self.files, sleep=self.sleep).run()
        except (AmbiguousRequestError, InDoubtError):
            # In doubt (an answer lost, or a wave the server's state never settled): it may have been
            # charged, and the journal only records what was confirmed: the whole reservation stays counted.
            raise
        except Exception:
            with Journal(options.out) as journal:  # what the run charged before it stopped
                self.budget.settle(bound, journal.credits_charged())
            raise
        self.budget.settle(bound, result.credits_spent)  # the exact price once the tasks exist
        tasks = sorted({o.task_id for o in result.outputs if o.kind == "tryon"})
        done = self.huhu.wait_for_tasks(tasks, project_id=result.project_id, timeout=60.0) if tasks else {}
        urls = {o.image_id: o.image_url for d in done.values() for o in d.output}  # fresh signed URLs
        outputs = [
            {
                "task_id": o.task_id,
                "image_id": o.image_id,
                "image_url": urls.get(o.image_id),
                "file": o.file,
                "kind": o.kind,
                "credits": o.credits,
            }
            for o in result.outputs
        ]
        files = [options.out / o.file for o in result.outputs[:MAX_THUMBNAILS]]  # o.file may be absolute
        images = [_thumbnail(path.read_bytes()) for path in files if path.is_file()]
        data = {"project_id": result.project_id, "model_image": result.model_image, "outputs": outputs}
        return _answer({**data, "credits_charged": result.credits_spent, **self.budget.state()}, images)

    # -- dynamic mode ---------------------------------------------------------------------------------
    def _list_api_endpoints(self, args: Mapping[str, Any]) -> Outcome:
        tag, search = args.get("tag"), str(args.get("search", "")).lower()
        rows = []
        for d in self.catalogue():
            group = d["_meta"][META_KEY].get("tag", "composite")
            if (tag and group != tag) or search not in (d["name"] + " " + d["description"]).lower():
                continue
            cost = next((s for s in d["description"].split(". ") if s.startswith("Cost:")), "")
            rows.append({"name": d["name"], "tag": group, "title": d["title"], "cost": cost})
        return _answer({"tools": rows})

    def _get_api_endpoint_schema(self, args: Mapping[str, Any]) -> Outcome:
        found = [d for d in self.catalogue() if d["name"] == args["name"]]
        if not found:
            raise ToolInputError("name", f"unknown tool {args['name']!r}")
        return _answer(found[0])

    def _invoke_api_endpoint(self, args: Mapping[str, Any]) -> Outcome:
        arguments = args.get("arguments") or {}
        if not isinstance(arguments, dict):
            raise ToolInputError("arguments", "must be an object")
        return self._dispatch(str(args["name"]), arguments)


def _model_filters(description: str, field_name: str) -> dict[str, str]:
    """The GET /model filters a description names (a tool input error naming ``field_name`` if none)."""
    from huhu_ext.batch import BatchError, match_model_description

    try:
        return match_model_description(description)
    except BatchError as exc:
        raise ToolInputError(field_name, str(exc)) from exc


def _garment_file(item: str, folder: Path, i: int, local_files: bool) -> Path:
    """Garment ``i`` given as a local path (when allowed), a data: URI or base64: a file the batch
    engine can read (written into ``folder``)."""
    from PIL import Image

    field_name = f"garments.{i}"
    path = Path(item).expanduser()
    with contextlib.suppress(OSError, ValueError):
        if local_files and len(item) < 4096 and path.is_file():
            return path
    text = item.split(",", 1)[1] if item.startswith("data:") else item
    try:
        data = base64.b64decode(text, validate=True)
        with Image.open(io.BytesIO(data)) as image:
            suffix = {"PNG": ".png", "JPEG": ".jpg", "WEBP": ".webp"}.get(str(image.format), "")
    except (binascii.Error, ValueError, OSError) as exc:
        raise ToolInputError(field_name, "neither an existing image file nor base64 image data") from exc
    if not suffix:
        raise ToolInputError(field_name, "only PNG, JPEG or WebP images")
    target = folder / "garments" / f"garment-{i + 1}{suffix}"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    return target


# -- the MCP SDK layer ----------------------------------------------------------------------------------


def build_server(toolbox: Toolbox) -> Server[Any]:
    """An MCP low-level server whose tools are the toolbox's."""
    import anyio
    import mcp_types as types
    from mcp.server.context import ServerRequestContext
    from mcp.server.lowlevel import Server

    tools = [types.Tool.model_validate(d) for d in toolbox.definitions()]
    Context = ServerRequestContext[Any, Any]

    async def list_tools(ctx: Context, params: types.PaginatedRequestParams | None) -> types.ListToolsResult:
        return types.ListToolsResult(tools=tools)

    async def call_tool(ctx: Context, params: types.CallToolRequestParams) -> types.CallToolResult:
        outcome = await anyio.to_thread.run_sync(toolbox.call, params.name, params.arguments)
        content: list[types.ContentBlock] = [types.TextContent(text=outcome.text)]
        content += [types.ImageContent(data=i, mime_type="image/png") for i in outcome.images]
        return types.CallToolResult(
            content=content, structured_content=outcome.structured, is_error=outcome.is_error
        )

    return Server(
        "huhu",
        version="1",
        instructions=(
            "Huhu AI fashion imagery. Tools that spend credits say so in their description; price a "
            "call with huhu_estimate, and the server refuses calls past its budget."
        ),
        on_list_tools=list_tools,
        on_call_tool=call_tool,
    )


@contextlib.contextmanager
def _toolbox(offline: bool, api_key: str | None, base_url: str | None, **options: Any) -> Iterator[Toolbox]:
    if offline:
        from huhu_ext.offline import offline_session

        with offline_session() as (huhu, files, sleep):
            yield Toolbox(huhu, files, sleep=sleep, offline=True, **options)
        return
    from huhu_ext.client import Huhu

    with Huhu(api_key=api_key, base_url=base_url) as huhu, httpx.Client(timeout=120.0) as files:
        yield Toolbox(huhu, files, **options)


@click.group("mcp")
def mcp_cli() -> None:
    """MCP server exposing the Huhu API as tools for LLM agents."""


@mcp_cli.command("serve")
@click.option("--transport", type=click.Choice(["stdio", "http"]), default="stdio", show_default=True)
@click.option("--host", default="127.0.0.1", show_default=True, help="HTTP: interface to listen on.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True, help="HTTP port.")
@click.option("--offline", is_flag=True, help="Serve against the embedded mock: no key, no credits.")
@click.option("--read-only", is_flag=True, help="Expose only tools that change nothing and cost nothing.")
@click.option("--budget", type=click.IntRange(0), help="Most credits this server may spend in total.")
@click.option(
    "--tools",
    "mode",
    default="all",
    show_default=True,
    help="all, dynamic (list/describe/invoke meta-tools), or comma-separated tags/operation ids.",
)
@click.pass_context
def serve_command(
    ctx: click.Context, /, transport: str, host: str, port: int, offline: bool, **options: Any
) -> None:
    """Serve the tools over stdio (for a desktop MCP client) or streamable HTTP at /mcp."""
    if find_spec("mcp") is None:
        raise click.ClickException("the MCP server needs the mcp extra: pip install 'huhu-python[mcp]'")
    import anyio

    settings = ctx.find_root().obj
    offline = offline or bool(getattr(settings, "offline", False))
    api_key, base_url = getattr(settings, "api_key", None), getattr(settings, "base_url", None)
    try:  # local files only over stdio: an HTTP client must not make the server read its files
        with _toolbox(offline, api_key, base_url, local_files=transport == "stdio", **options) as toolbox:
            if transport == "http":
                click.echo(f"huhu MCP server at http://{host}:{port}/mcp", err=True)
            anyio.run(_serve, build_server(toolbox), transport, host, port)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None


async def _serve(server: Server[Any], transport: str, host: str, port: int) -> None:
    if transport == "stdio":
        from mcp.server.stdio import stdio_server

        async with stdio_server() as (read, write):
            await server.run(read, write, server.create_initialization_options())
        return
    import uvicorn

    config = uvicorn.Config(server.streamable_http_app(host=host), host=host, port=port, log_level="warning")
    await uvicorn.Server(config).serve()

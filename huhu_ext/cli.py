"""The ``huhu`` command line: batch try-on (the main job) and small account/catalogue commands."""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import logging
import shlex
import sys
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any, NoReturn

import click
import httpx
from huhu_client.api.upscale import create_upscale
from huhu_client.models import UpscaleRequest

from huhu_ext import timetravel
from huhu_ext._extras import MissingExtraError
from huhu_ext.batch import Progress, SkuSource, TryOnOptions, TryOnPlan, TryOnRun, plan_run, result_json
from huhu_ext.client import Huhu
from huhu_ext.contract import contract
from huhu_ext.errors import APIConnectionError, HuhuError, InsufficientCreditsError, JobFailedError
from huhu_ext.in_doubt import DEFAULT_WINDOW, Billable, Doubt, DoubtPolicy, LedgerMark, ledger_spend
from huhu_ext.inputs import verify_images
from huhu_ext.journal import JOURNAL_NAME, Journal
from huhu_ext.mcp_server import mcp_cli
from huhu_ext.spec import load_spec
from huhu_ext.tools import tools_cli
from huhu_ext.transport import transfer_client

__all__ = ["main"]


def _choice(operation_id: str, name: str) -> click.ParamType[Any]:
    """A CLI choice of the values the spec lists for this parameter (free text where it lists none)."""
    values = load_spec().enum(operation_id, name)
    return click.Choice(values) if values else click.STRING


def _range(operation_id: str, name: str) -> click.ParamType[Any]:
    """A CLI number range with the spec's ``minimum``/``maximum`` for this parameter."""
    schema = load_spec().field_schema(operation_id, name)
    kind = click.IntRange if schema.get("type") == "integer" else click.FloatRange
    return kind(schema.get("minimum"), schema.get("maximum"))


@dataclass
class Settings:
    """The group's options (``huhu --api-key ... --offline --json``), as every subcommand reads them."""

    api_key: str | None = field(repr=False)  # a secret: never in a repr
    base_url: str | None
    offline: bool
    debug: bool
    json: bool
    quiet: bool


def _fail(message: str, code: int = 1) -> NoReturn:
    click.echo(f"error: {message}", err=True)
    sys.exit(code)


@contextlib.contextmanager
def _session(settings: Settings) -> Iterator[tuple[Huhu, httpx.Client, Callable[[float], None] | None]]:
    """What every subcommand needs: a client, a plain HTTP client for files, and how to wait (``None``:
    really wait; offline, a sleep that advances the mock's clock)."""
    if settings.offline:
        from huhu_ext.offline import offline_session

        with offline_session() as session:
            yield session
        return
    if not (settings.api_key or "").strip():
        _fail("no API key: set HUHU_API_KEY or pass --api-key (or use --offline)")
    with (
        Huhu(api_key=settings.api_key, base_url=settings.base_url) as huhu,
        transfer_client() as files,  # part PUTs and downloads retried like API calls (D-TRANSFER-RETRY)
    ):
        yield huhu, files, None


def _stdin_is_terminal() -> bool:
    try:
        return bool(sys.stdin is not None and sys.stdin.isatty())
    except (AttributeError, ValueError, OSError):  # closed, replaced (pytest) or detached stdin
        return False


def _consent(yes: bool, credits: int, what: str) -> None:
    """Spend only with consent (D-CLI-CONSENT): ``--yes``, or a "yes" typed on a terminal. Without a
    terminal to ask on, refuse with one line naming ``--yes`` (exit 2) before anything is created."""
    if yes or credits <= 0:
        return
    if not _stdin_is_terminal():
        _fail(f"{what} spends up to {credits} credits; pass --yes to allow it (no terminal to ask on)", 2)
    if not click.confirm(f"Spend up to {credits} credits on {what}?", default=False, err=True):
        _fail("cancelled, nothing was spent")


def _out(settings: Settings, data: Any, text: str) -> None:
    if settings.json:
        click.echo(json.dumps(data, indent=2, default=str))
    elif not settings.quiet:
        click.echo(text)


def _listing(
    settings: Settings, fetch: Callable[[Huhu], list[Any]], line: Callable[[Any], str], empty: str
) -> None:
    """The rows ``fetch`` reads (typed models) as JSON, or a ``line`` each (``empty`` when there is none)."""
    with _session(settings) as (huhu, _, _):
        rows = [row.to_dict() for row in fetch(huhu)]
    _out(settings, rows, "\n".join(map(line, rows)) or empty)


_NO_LOG_LINES = logging.NullHandler()


def _set_later(ctx: click.Context, param: click.Parameter, value: Any) -> None:
    """A group option given after the subcommand (a hidden copy of it) sets the settings too."""
    settings = ctx.find_object(Settings)
    if settings is not None and param.name and value not in (None, False):
        setattr(settings, param.name, value)
        if param.name == "debug":
            logging.basicConfig(level=logging.DEBUG)


@click.group(
    context_settings={"help_option_names": ["-h", "--help"]},
    epilog="The options above are also accepted after the command (huhu tryon DIR --offline --json). "
    "Commands that spend credits (tryon, upscale) ask first on a terminal; elsewhere they need --yes.",
)
@click.option("--api-key", envvar="HUHU_API_KEY", help="API key (default: $HUHU_API_KEY). Never printed.")
@click.option("--base-url", envvar="HUHU_BASE_URL", help="API base URL (default: production).")
@click.option(
    "--offline",
    is_flag=True,
    help="Run against the offline mock kept in your data folder (or $HUHU_OFFLINE_DIR): no server, no key, "
    "no real credits. `huhu --offline mock reset` starts it over.",
)
@click.option("--debug", is_flag=True, help="Show tracebacks and debug logs.")
@click.option("--json", is_flag=True, help="Machine-readable output.")
@click.option("--quiet", "-q", is_flag=True, help="Print only errors and the final line.")
@click.pass_context
def cli(ctx: click.Context, /, **options: Any) -> None:
    """Huhu API toolkit: batch virtual try-on, account and catalogue commands, offline mock."""
    ctx.obj = Settings(**options)
    if ctx.obj.debug:
        logging.basicConfig(level=logging.DEBUG)
    else:  # errors are one line from main(), no log line besides them (addHandler adds it once)
        logging.getLogger("huhu").addHandler(_NO_LOG_LINES)


def _command(group: click.Group = cli) -> Callable[[Callable[..., None]], click.Command]:
    """A subcommand of ``group`` called with the :class:`Settings`, accepting the group's options after
    its name too (``huhu tryon DIR --offline --json``), as hidden copies that set the settings."""

    def make(function: Callable[..., None]) -> click.Command:
        command = group.command()(click.pass_obj(function))
        for option in cli.params:
            assert isinstance(option, click.Option)
            command.params.append(
                click.Option(
                    option.opts,
                    is_flag=option.is_flag,
                    expose_value=False,
                    is_eager=True,
                    hidden=True,
                    callback=_set_later,
                )
            )
        return command

    return make


@_command()
@click.argument("garments", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--model-image", help="Model image id to wear the garments.")
@click.option(
    "--model", "model_description", help='Describe the model, e.g. "young adult East Asian woman, plus size".'
)
@click.option(
    "--images-per-task", type=_range("generate_tasks", "num_output_images"), default=1, show_default=True
)
@click.option("--out", type=click.Path(path_type=Path), default=Path("huhu-out"), show_default=True)
@click.option(
    "--upscale",
    type=_range("create_upscale", "upscale_factor"),
    help="Upscale every output by this factor (costs credits).",
)
@click.option(
    "--video",
    type=_choice("create_video", "video_length"),
    help="Make a video of this length per SKU (costs credits).",
)
@click.option(
    "--dry-run",
    is_flag=True,
    help="Print the plan, its price, the balance and whether it suffices; spend nothing.",
)
@click.option(
    "--yes",
    "-y",
    is_flag=True,
    help="Spend without asking. Without it the price is shown and confirmed on a terminal; "
    "with no terminal (scripts, CI, < /dev/null) the command refuses (exit 2).",
)
@click.option("--poll-interval", type=click.FloatRange(0.05, 600), default=5.0, show_default=True)
@click.option(
    "--in-doubt-window",
    type=click.FloatRange(0, 86400),
    default=DEFAULT_WINDOW,
    show_default=True,
    help="Seconds a paid request whose answer was lost stays in doubt (never resent) while the server's "
    "state is checked; past it the run stops and names the requests (D-DOUBT-WINDOW).",
)
@click.option(
    "--resend-in-doubt",
    is_flag=True,
    help="Send requests still in doubt past the window again (they may be charged twice).",
)
def tryon(settings: Settings, /, dry_run: bool, yes: bool, **fields: Any) -> None:
    """Dress models in GARMENTS (image files, a folder per SKU, or a folder of SKU folders).

    Spends credits (try-on, and --upscale / --video): asks first unless --yes. Rerun the same command
    to resume an interrupted run; nothing paid for is paid again.
    """
    if fields["model_image"] and fields["model_description"]:
        raise click.UsageError("give --model-image or --model, not both")
    options = TryOnOptions(**fields)  # every other option is a field of the run's options
    plan = plan_run(options)
    verify_images(plan.skus)
    resumed, already_spent = _resume_state(options, plan)
    needed = max(0, plan.credits - already_spent)
    if dry_run:
        _dry_run(settings, plan, resumed, needed)
        return
    if not settings.quiet and not settings.json:
        click.echo(plan.describe())
        if resumed:
            click.echo(resumed, err=True)
    _consent(yes, needed, "this try-on run")
    with _session(settings) as (huhu, files, sleep):
        run = TryOnRun(huhu, options, files=files, sleep=sleep, report=_reporter(settings))
        try:
            result = run.run()
        except InsufficientCreditsError as exc:
            if not settings.offline:
                raise
            _fail(f"{exc} (offline mock: `huhu --offline mock reset` starts over with the default balance)")
    spent = f"credits spent: {result.credits_spent}"  # the server's ledger
    if resumed:
        spent = f"credits spent: {result.credits_spent_this_time} this time, {result.credits_spent} in total"
    if result.spend_note and not settings.json:
        click.echo(f"note: {result.spend_note}", err=True)
    images = sum(1 for o in result.outputs if o.kind == "tryon")
    text = f"{images} images in {options.out} (manifest: {result.manifest_json}); {spent}"
    _out(settings, result_json(result), text)
    if settings.quiet and not settings.json:
        click.echo(spent)


def _resume_state(options: TryOnOptions, plan: TryOnPlan) -> tuple[str, int]:
    """What the journal in ``--out`` records of this same run, for truthful resume messages: a line and
    the credits already spent (``("", 0)``: a new run, or another run's folder, which the batch refuses)."""
    if not (options.out / JOURNAL_NAME).is_file():
        return "", 0
    with Journal(options.out) as journal:
        if journal.get("fingerprint") != options.fingerprint(plan.skus):
            return "", 0
        tasks, spent = journal.tasks(), journal.credits_charged()
        generated = sum(1 for t in tasks if t.submitted)
        return (
            f"resuming: {len(journal.sku_ids())} SKUs already uploaded, {generated} of {len(tasks)} tasks "
            f"already generated, {spent} credits already spent"
        ), spent


def _dry_run(settings: Settings, plan: TryOnPlan, resumed: str, needed: int) -> None:
    balance: int | None = None
    enough: bool | None = None
    verdict = "balance: unknown (no API key: set HUHU_API_KEY or pass --api-key)"
    if settings.offline or (settings.api_key or "").strip():
        with _session(settings) as (huhu, _, _):
            balance = huhu.metering.plan().credits_
        enough = balance >= needed
        short = "enough" if enough else f"NOT enough: {needed - balance} credits short"
        verdict = f"balance: {balance} credits; needed: up to {needed}: {short}"
    data = {"dry_run": True, "credits": plan.credits, "tasks": plan.tasks, "needed": needed}
    text = "\n".join(line for line in (plan.describe(), resumed, verdict) if line)
    _out(settings, data | {"balance": balance, "enough": enough}, text)


def _reporter(settings: Settings) -> Callable[[Progress], None]:
    if settings.quiet or settings.json or not sys.stderr.isatty():
        last = [""]  # only the previous line: a long run must not grow this

        def plain(progress: Progress) -> None:
            line = progress.message
            if progress.tasks:
                line += (
                    f": {progress.done}/{progress.tasks} done, {progress.generating} generating, "
                    f"{progress.credits_spent} credits"
                )
            if not settings.quiet and not settings.json and last[0] != line:
                click.echo(line, err=True)
                last[0] = line

        return plain
    from huhu_ext.progress import RichReporter

    return RichReporter()


@_command()
def credits(settings: Settings) -> None:
    """Plan and credit balance."""
    with _session(settings) as (huhu, _, _):
        plan = huhu.metering.plan().to_dict()
    data = {name: plan.get(name) for name in ("credits", "plan_status", "concurrent_requests", "plan_name")}
    _out(settings, data, "\n".join(f"{k}: {v}" for k, v in data.items()))


@_command()
@click.option("--limit", type=click.IntRange(1, 10_000), default=50, show_default=True)
def history(settings: Settings, limit: int) -> None:
    """Credit history, newest first."""
    _listing(
        settings,
        lambda huhu: list(islice(huhu.metering.credit_history(), limit)),
        "{timestamp}  {operation:<12} {credits:>5}  {request_id}".format_map,
        "no credit history",
    )


@_command()
def projects(settings: Settings) -> None:
    """Projects of the key's program."""
    _listing(
        settings,
        lambda huhu: list(huhu.projects.list()),
        "{project_id}  {project_status:<11} {project_name}".format_map,
        "no projects",
    )


@_command()
@click.option("--model-type", type=_choice("get_models", "model_type"))
@click.option("--model-size", type=_choice("get_models", "model_size"))
@click.option("--ethnicity", type=_choice("get_models", "ethnicity"))
@click.option("--age-range", type=_choice("get_models", "age_range"))
@click.option("--hair-color", type=_choice("get_models", "hair_color"))
@click.option("--skin-tone", type=_choice("get_models", "skin_tone"))
def models(settings: Settings, /, **filters: Any) -> None:
    """Gallery models matching attribute filters."""
    _listing(
        settings,
        lambda huhu: huhu.models.list(**filters).models,  # click.Choice gave values of the spec's enums
        lambda r: (
            f"{r['model_id']}  {r['model_name']:<24} {r.get('model_type') or '':<9} "
            f"{', '.join(f'{k}={v}' for k, v in (r.get('attributes') or {}).items())}"
        ),
        "no models match",
    )


@_command()
@click.option("--category", "model_category", type=_choice("list_pose_library", "model_category"))
@click.option("--type", "prompt_type", type=_choice("list_pose_library", "prompt_type"))
def poses(settings: Settings, /, **filters: Any) -> None:
    """Preset poses of the pose library."""
    with _session(settings) as (huhu, _, _):
        library = huhu.poses.library(**filters)  # click.Choice gave values of the spec's enums
    rows = [p.to_dict() for p in library.poses]
    line = "{pose_id}  {model_category:<7} {prompt_type:<20} {pose_name}".format_map
    text = "\n".join(map(line, rows)) + f"\n{library.total} poses"
    _out(settings, {"total": library.total, "poses": rows}, text)


@_command()
@click.argument("image", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--factor", type=_range("create_upscale", "upscale_factor"), default=2.0, show_default=True)
@click.option(
    "--out", type=click.Path(path_type=Path), help="Where to write the result (default: IMAGE-xF.png)."
)
@click.option("--yes", "-y", is_flag=True, help="Spend without asking (needed where there is no terminal).")
@click.option(
    "--in-doubt-window",
    "window",
    type=click.FloatRange(0, 86400),
    default=DEFAULT_WINDOW,
    show_default=True,
    help="Seconds the upscale stays in doubt (never resent) when its answer was lost (D-DOUBT-WINDOW).",
)
@click.option(
    "--resend-in-doubt",
    "resend",
    is_flag=True,
    help="Send it again if still in doubt past the window (it may be charged twice).",
)
def upscale(
    settings: Settings, image: Path, factor: float, out: Path | None, yes: bool, window: float, resend: bool
) -> None:
    """Upscale one image (spends credits: asks first unless --yes).

    Sent under the in-doubt rule (D-MIGRATE-UPSCALE): if its answer is lost it is never sent again
    until the server shows whether it was applied; the command is then resumable (same IMAGE, --factor
    and --out) from a small pending file beside the output, which is removed once the image is written.
    """
    dest = out or image.with_name(f"{image.stem}-x{factor:g}.png")
    verify_images([SkuSource(image.stem, (image,))])
    source = image.read_bytes()
    body = UpscaleRequest(image=base64.b64encode(source).decode(), upscale_factor=factor)
    _consent(yes, load_spec().price("create_upscale", body.to_dict()), "this upscale")
    key = f"upscale:{hashlib.sha256(source).hexdigest()[:16]}:x{factor:g}"
    pending = _PendingUpscale(dest.with_name(dest.name + ".huhu-pending.json"), key)
    with _session(settings) as (huhu, files, session_sleep):
        interval = 0.5 if settings.offline else huhu.poll_interval
        sleep, clock = timetravel.epoch_clock(session_sleep)
        try:
            request_id = pending.data.get("request_id")
            if not request_id:
                billable = Billable(
                    huhu,
                    store=pending,
                    policy=DoubtPolicy(window=window, resend=resend),
                    interval=interval,
                    sleep=sleep,
                    clock=clock,
                )
                request_id = billable.send(key, create_upscale, body, record=pending.record)
            try:
                status = huhu.upscale.wait(request_id, interval=interval)
            except JobFailedError:
                pending.remove()  # settled: it failed on the server, nothing is left to resume
                raise
            response = files.get(status.result_urls[0])
            if response.status_code != 200:
                _fail(f"download failed with HTTP {response.status_code}")
            dest.write_bytes(response.content)
            # the server's charge for it: the ledger since its send
            mark = LedgerMark(tuple(pending.data.get("mark", ())))
            _, cost = ledger_spend(huhu, [request_id], this_time=mark, first=mark)
            pending.remove()
        finally:
            pending.tidy()
    _out(settings, {"request_id": request_id, "file": str(dest), "credits": cost}, f"{dest} ({cost} credits)")


class _PendingUpscale:
    """The journal of one ``huhu upscale``: a JSON file beside its output while the request is in doubt
    or running (its doubt, the ledger mark before sending, then its request id), so a rerun of the same
    command settles or resumes it instead of paying again. Written atomically; a :class:`DoubtStore`."""

    def __init__(self, path: Path, key: str) -> None:
        self.path, self.key = path, key
        self.data: dict[str, Any] = {"key": key, "doubts": {}}
        if path.is_file():
            found = json.loads(path.read_text())
            if found.get("key") == key:
                self.data = found
            elif found.get("doubts") or found.get("request_id"):
                raise click.UsageError(
                    f"{path} belongs to an upscale of another image or factor, still in doubt or running: "
                    "rerun that one, or pass another --out"
                )

    def _write(self) -> None:
        tmp = self.path.with_name(self.path.name + ".part")
        tmp.write_text(json.dumps(self.data))
        tmp.replace(self.path)

    def record(self, request_id: str) -> None:
        """The request id, with the ledger mark of the send that was applied (its doubt, still held)."""
        doubt = self.data["doubts"].get(self.key)
        if doubt is not None:
            self.data["mark"] = list(Doubt.from_json(doubt).mark.head)
        self.data["request_id"] = request_id
        self._write()

    def remove(self) -> None:
        self.path.unlink(missing_ok=True)

    def tidy(self) -> None:
        """Remove the file when it holds nothing to resume (a refused or never-sent request)."""
        if not self.data["doubts"] and not self.data.get("request_id"):
            self.remove()

    def doubts(self) -> list[Doubt]:
        return [Doubt.from_json(text) for text in self.data["doubts"].values()]

    def save_doubt(self, doubt: Doubt) -> None:
        self.data["doubts"][doubt.key] = doubt.to_json()
        self._write()

    def drop_doubt(self, key: str) -> None:
        if self.data["doubts"].pop(key, None) is not None:
            self._write()


@cli.group()
def mock() -> None:
    """The offline mock: its state (shared by every `huhu --offline` command) and its server."""


@_command(mock)
def reset(settings: Settings) -> None:
    """Start the offline mock over (default balance, no projects, no history)."""
    from huhu_ext.offline import reset_offline

    path = reset_offline()
    _out(settings, {"reset": str(path)}, f"offline mock reset ({path})")


@_command(mock)
def where(settings: Settings) -> None:
    """Print the offline mock's state file (set HUHU_OFFLINE_DIR to move it)."""
    from huhu_ext.offline import offline_db

    _out(settings, {"state_file": str(offline_db())}, str(offline_db()))


@mock.command(
    context_settings={"ignore_unknown_options": True, "allow_extra_args": True}, add_help_option=False
)
@click.pass_context
def serve(ctx: click.Context) -> None:
    """Same as `huhu-mock serve` (all its options)."""
    from mock_server.cli import main as mock_main

    sys.exit(mock_main(["serve", *ctx.args]))


@cli.command()
@click.option("--check", is_flag=True, help="Fail when generated/ differs from what openapi.json produces.")
def regen(check: bool) -> None:
    """Regenerate generated/huhu_client from openapi.json (same as python -m huhu_ext.regen)."""
    from huhu_ext.regen import main as regen_main

    sys.exit(regen_main(["--check"] if check else []))


cli.add_command(contract)
cli.add_command(tools_cli)
cli.add_command(mcp_cli)


def _interrupted(args: list[str]) -> int:
    """Ctrl-C: exit 130 with the exact command that resumes (a rerun repeats nothing already paid
    for, D-CLI-PROGRESS)."""
    resume = f"; resume with: {shlex.join(['huhu', *args])}" if "tryon" in args else ""
    click.echo(f"interrupted{resume}", err=True)
    return 130


def main(argv: list[str] | None = None) -> int:
    """Entry point: one clear line and a non-zero exit on errors (--debug shows the traceback)."""
    args = list(argv if argv is not None else sys.argv[1:])
    try:
        cli.main(args=args, prog_name="huhu", standalone_mode=False)
    except click.exceptions.Abort as exc:
        if isinstance(exc.__cause__, KeyboardInterrupt):  # click turns Ctrl-C into Abort
            return _interrupted(args)
        click.echo("aborted; nothing was spent", err=True)  # Ctrl-C or end of input at the question
        return 130
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    except MissingExtraError as exc:  # e.g. `huhu --offline` on a base install
        click.echo(f"error: {exc}", err=True)
        return 2
    except (HuhuError, OSError, ValueError) as exc:
        if "--debug" in args:
            traceback.print_exc()
        if isinstance(exc, APIConnectionError):
            message = f"cannot reach the Huhu API ({exc}); check --base-url and your network"
        else:
            message = str(exc) if isinstance(exc, HuhuError) else f"{type(exc).__name__}: {exc}"
        click.echo(f"error: {message}", err=True)
        return 1
    except KeyboardInterrupt:
        return _interrupted(args)
    except SystemExit as exc:
        return int(exc.code or 0) if not isinstance(exc.code, str) else 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

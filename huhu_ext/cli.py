"""The ``huhu`` command line: batch try-on (the main job) and small account/catalogue commands."""

from __future__ import annotations

import base64
import contextlib
import json
import logging
import sys
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

import click
import httpx
from huhu_client.api.metering import get_credit_history, get_plan
from huhu_client.api.models import get_models
from huhu_client.api.poses import list_pose_library
from huhu_client.api.projects import get_projects
from huhu_client.api.upscale import create_upscale
from huhu_client.models import ModelList, UpscaleRequest
from huhu_client.types import UNSET, Unset

from huhu_ext.batch import BatchError, Progress, TryOnOptions, TryOnRun, plan_run, result_json
from huhu_ext.client import Huhu
from huhu_ext.contract import contract
from huhu_ext.errors import HuhuError
from huhu_ext.mcp_server import mcp_cli
from huhu_ext.tools import tools_cli

__all__ = ["main"]


@dataclass
class Session:
    """What every subcommand needs: a client, a plain HTTP client for files, and how to wait."""

    huhu: Huhu
    files: httpx.Client
    sleep: Callable[[float], None] | None
    offline: bool


@dataclass
class Settings:
    api_key: str | None
    base_url: str | None
    offline: bool
    debug: bool
    json: bool
    quiet: bool


def _fail(message: str, code: int = 1) -> NoReturn:
    click.echo(f"error: {message}", err=True)
    sys.exit(code)


@contextlib.contextmanager
def _session(settings: Settings, *, state_dir: Path | None = None) -> Iterator[Session]:
    if settings.offline:
        from huhu_ext.offline import offline_session

        with offline_session(state_dir) as (huhu, files, sleep):
            yield Session(huhu, files, sleep, True)
        return
    with (
        Huhu(api_key=settings.api_key, base_url=settings.base_url) as huhu,
        httpx.Client(timeout=120.0) as files,
    ):
        yield Session(huhu, files, None, False)


def _out(settings: Settings, data: Any, text: Callable[[], None]) -> None:
    if settings.json:
        click.echo(json.dumps(data, indent=2, default=str))
    elif not settings.quiet:
        text()


def _value(v: object) -> Any:
    return None if isinstance(v, Unset) else v


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--api-key", envvar="HUHU_API_KEY", help="API key (default: $HUHU_API_KEY). Never printed.")
@click.option("--base-url", envvar="HUHU_BASE_URL", help="API base URL (default: production).")
@click.option("--offline", is_flag=True, help="Run against the embedded mock: no server, no key, no credits.")
@click.option("--debug", is_flag=True, help="Show tracebacks and debug logs.")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.option("--quiet", "-q", is_flag=True, help="Print only errors and the final line.")
@click.pass_context
def cli(
    ctx: click.Context,
    api_key: str | None,
    base_url: str | None,
    offline: bool,
    debug: bool,
    as_json: bool,
    quiet: bool,
) -> None:
    """Huhu API toolkit: batch virtual try-on, account and catalogue commands, offline mock."""
    if debug:
        logging.basicConfig(level=logging.DEBUG)
    ctx.obj = Settings(api_key, base_url, offline, debug, as_json, quiet)


@cli.command()
@click.argument("garments", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--model-image", help="Model image id to wear the garments.")
@click.option(
    "--model", "model_description", help='Describe the model, e.g. "young adult East Asian woman, plus size".'
)
@click.option("--images-per-task", type=click.IntRange(1, 4), default=1, show_default=True)
@click.option("--out", type=click.Path(path_type=Path), default=Path("huhu-out"), show_default=True)
@click.option("--upscale", type=click.FloatRange(1, 4), help="Upscale every output by this factor.")
@click.option("--video", type=click.Choice(["5", "10"]), help="Make a video of this length per SKU.")
@click.option("--dry-run", is_flag=True, help="Print the plan and its price; spend nothing.")
@click.option("--yes", "-y", is_flag=True, help="Do not ask before spending credits.")
@click.option("--poll-interval", type=click.FloatRange(0.05, 600), default=5.0, show_default=True)
@click.pass_obj
def tryon(
    settings: Settings,
    garments: tuple[Path, ...],
    model_image: str | None,
    model_description: str | None,
    images_per_task: int,
    out: Path,
    upscale: float | None,
    video: str | None,
    dry_run: bool,
    yes: bool,
    poll_interval: float,
) -> None:
    """Dress models in GARMENTS (image files, a folder per SKU, or a folder of SKU folders)."""
    if model_image and model_description:
        raise click.UsageError("give --model-image or --model, not both")
    options = TryOnOptions(
        garments=garments,
        out=out,
        model_image=model_image,
        model_description=model_description,
        images_per_task=images_per_task,
        upscale=upscale,
        video=video,
        poll_interval=poll_interval,
    )
    plan = plan_run(options)
    if dry_run:
        _out(
            settings,
            {"dry_run": True, "credits": plan.credits, "tasks": plan.tasks},
            lambda: click.echo(plan.describe()),
        )
        return
    if not settings.quiet and not settings.json:
        click.echo(plan.describe())
    if (
        not yes
        and sys.stdin.isatty()
        and not click.confirm(f"Spend up to {plan.credits} credits?", default=True)
    ):
        _fail("cancelled, nothing was spent")
    with _session(settings, state_dir=out) as session:
        run = TryOnRun(
            session.huhu, options, files=session.files, sleep=session.sleep, report=_reporter(settings)
        )
        result = run.run()
    _out(
        settings,
        result_json(result),
        lambda: click.echo(
            f"{len([o for o in result.outputs if o.kind == 'tryon'])} images in {out} "
            f"(manifest: {result.manifest_json}); credits spent: {result.credits_spent}"
        ),
    )
    if settings.quiet and not settings.json:
        click.echo(f"credits spent: {result.credits_spent}")


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


@cli.command()
@click.pass_obj
def credits(settings: Settings) -> None:
    """Plan and credit balance."""
    with _session(settings) as session:
        plan = session.huhu.call(get_plan)
    data = {
        "credits": plan.credits_,
        "plan_status": plan.plan_status,
        "concurrent_requests": plan.concurrent_requests,
        "plan_name": _value(plan.plan_name),
    }
    _out(settings, data, lambda: click.echo("\n".join(f"{k}: {v}" for k, v in data.items())))


@cli.command()
@click.option("--limit", type=click.IntRange(1, 10_000), default=50, show_default=True)
@click.pass_obj
def history(settings: Settings, limit: int) -> None:
    """Credit history, newest first."""
    rows: list[dict[str, Any]] = []
    with _session(settings) as session:
        for item in session.huhu.paginate(get_credit_history):
            rows.append(item.to_dict())
            if len(rows) >= limit:
                break
    _out(
        settings,
        rows,
        lambda: click.echo(
            "\n".join(
                f"{r['timestamp']}  {r['operation']:<12} {r['credits']:>5}  {r['request_id']}" for r in rows
            )
            or "no credit history"
        ),
    )


@cli.command()
@click.pass_obj
def projects(settings: Settings) -> None:
    """Projects of the key's program."""
    with _session(settings) as session:
        rows = [p.to_dict() for p in session.huhu.paginate(get_projects)]
    _out(
        settings,
        rows,
        lambda: click.echo(
            "\n".join(f"{r['project_id']}  {r['project_status']:<11} {r['project_name']}" for r in rows)
            or "no projects"
        ),
    )


@cli.command()
@click.option("--model-type", type=click.Choice(["Men", "Women", "Baby", "Toddler", "Kid", "Maternity"]))
@click.option("--model-size", type=click.Choice(["Petit", "Regular", "Plus size"]))
@click.option("--ethnicity")
@click.option("--age-range", type=click.Choice(["Young", "Young Adult", "Middle-aged", "Mature", "Senior"]))
@click.option("--hair-color")
@click.option("--skin-tone", type=click.Choice(["Fair", "Light", "Medium", "Olive", "Tan", "Brown", "Dark"]))
@click.pass_obj
def models(
    settings: Settings,
    model_type: str | None,
    model_size: str | None,
    ethnicity: str | None,
    age_range: str | None,
    hair_color: str | None,
    skin_tone: str | None,
) -> None:
    """Gallery models matching attribute filters."""
    filters = {
        "model_type": model_type,
        "model_size": model_size,
        "ethnicity": ethnicity,
        "age_range": age_range,
        "hair_color": hair_color,
        "skin_tone": skin_tone,
    }
    given = {k: v for k, v in filters.items() if v is not None}
    with _session(settings) as session:
        listing = session.huhu.call(get_models, **given)
    if not isinstance(listing, ModelList):
        _fail("GET /model answered model images to a list request")
    rows = [m.to_dict() for m in listing.models]
    _out(
        settings,
        rows,
        lambda: click.echo(
            "\n".join(
                f"{r['model_id']}  {r['model_name']:<24} {r.get('model_type') or '':<9} "
                f"{', '.join(f'{k}={v}' for k, v in (r.get('attributes') or {}).items())}"
                for r in rows
            )
            or "no models match"
        ),
    )


@cli.command()
@click.option("--category", type=click.Choice(["Women", "Men", "Child", "Infant"]))
@click.option(
    "--type",
    "prompt_type",
    type=click.Choice(
        ["fullbody", "head_half_cropped", "top", "bottom", "close_up_upper_body", "close_up_lower_body"]
    ),
)
@click.pass_obj
def poses(settings: Settings, category: str | None, prompt_type: str | None) -> None:
    """Preset poses of the pose library."""
    with _session(settings) as session:
        library = session.huhu.call(
            list_pose_library,
            model_category=category if category else UNSET,
            prompt_type=prompt_type if prompt_type else UNSET,
        )
    rows = [p.to_dict() for p in library.poses]
    _out(
        settings,
        {"total": library.total, "poses": rows},
        lambda: click.echo(
            "\n".join(
                f"{r['pose_id']}  {r['model_category']:<7} {r['prompt_type']:<20} {r['pose_name']}"
                for r in rows
            )
            + f"\n{library.total} poses"
        ),
    )


@cli.command()
@click.argument("image", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--factor", type=click.FloatRange(1, 4), default=2.0, show_default=True)
@click.option(
    "--out", type=click.Path(path_type=Path), help="Where to write the result (default: IMAGE-xF.png)."
)
@click.pass_obj
def upscale(settings: Settings, image: Path, factor: float, out: Path | None) -> None:
    """Upscale one image (2 credits)."""
    dest = out or image.with_name(f"{image.stem}-x{factor:g}.png")
    data = base64.b64encode(image.read_bytes()).decode()
    with _session(settings) as session:
        sub = session.huhu.call(create_upscale, body=UpscaleRequest(image=data, upscale_factor=factor))
        status = session.huhu.wait_for_upscale(sub.request_id, interval=0.5 if session.offline else None)
        response = session.files.get(status.result_urls[0])
        if response.status_code != 200:
            _fail(f"download failed with HTTP {response.status_code}")
        dest.write_bytes(response.content)
    _out(
        settings,
        {"request_id": sub.request_id, "file": str(dest), "credits": sub.cost},
        lambda: click.echo(f"{dest} ({sub.cost} credits)"),
    )


@cli.group()
def mock() -> None:
    """The offline mock server."""


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


def main(argv: list[str] | None = None) -> int:
    """Entry point: one clear line and a non-zero exit on errors (--debug shows the traceback)."""
    debug = "--debug" in (argv if argv is not None else sys.argv[1:])
    try:
        cli.main(args=argv, prog_name="huhu", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        return 130
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    except (HuhuError, BatchError) as exc:
        if debug:
            traceback.print_exc()
        click.echo(f"error: {exc}", err=True)
        return 1
    except (OSError, ValueError) as exc:
        if debug:
            traceback.print_exc()
        click.echo(f"error: {type(exc).__name__}: {exc}", err=True)
        return 1
    except KeyboardInterrupt:
        click.echo("interrupted; run the same command again to resume", err=True)
        return 130
    except SystemExit as exc:
        return int(exc.code or 0) if not isinstance(exc.code, str) else 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Regenerate ``generated/huhu_client`` from ``openapi.json``, or check that it is up to date.

Usage::

    python -m huhu_ext.regen            # rewrite generated/huhu_client from the spec
    python -m huhu_ext.regen --check    # exit 1 when generated/ differs from what the spec produces

It also renders ``docs/huhu-agent-reference.md`` (the reference for LLM agents) from the spec, and
``--check`` fails when that file is stale too.

The generator always writes into a fresh temporary folder (``--overwrite`` would keep stray files)
and runs its ruff post-hooks with ``--isolated`` using the ruff pinned in the ``dev`` extra, so the
output is byte-identical between runs.
"""

from __future__ import annotations

import argparse
import filecmp
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from huhu_ext import resourcegen

REPO = Path(__file__).resolve().parent.parent
PACKAGE = "huhu_client"


class RegenError(RuntimeError):
    """The generator could not run."""


def _tool(name: str) -> str:
    """Find a console script next to this interpreter first (the pinned one), then on PATH."""
    local = Path(sys.executable).parent / name
    if local.exists():
        return str(local)
    found = shutil.which(name)
    if found is None:
        raise RegenError(f"{name!r} not found: install the dev extra (pip install -e '.[dev]')")
    return found


def generate(spec: Path, config: Path, dest: Path) -> Path:
    """Generate the client package into ``dest/huhu_client`` and return that folder."""
    ruff = _tool("ruff")  # the post-hooks need it; without it the generator silently skips formatting
    out = dest / PACKAGE
    dest.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "PATH": os.pathsep.join([str(Path(ruff).parent), os.environ.get("PATH", "")])}
    cmd = [
        _tool("openapi-python-client"),
        "generate",
        "--path",
        str(spec),
        "--config",
        str(config),
        "--meta",
        "none",
        "--output-path",
        str(out),
    ]
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=dest, check=False)
    problems = [
        line for line in (proc.stdout + proc.stderr).splitlines() if "Warning" in line or "Error" in line
    ]
    if proc.returncode != 0 or problems or not out.is_dir():
        raise RegenError(f"openapi-python-client failed:\n{proc.stdout}\n{proc.stderr}")
    _resources(spec, out, ruff)
    return out


def _resources(spec: Path, out: Path, ruff: str) -> None:
    """Step two: the typed resources module (huhu_ext.resourcegen), formatted like the rest, and the
    PEP 561 marker, so a user's mypy reads the installed package's types."""
    (out / "py.typed").write_text("# Marker file for PEP 561: huhu_client ships its types.\n")
    try:
        target = resourcegen.write(spec, out)
    except (ValueError, KeyError) as problem:
        raise RegenError(f"cannot generate the resources: {problem}") from problem
    for args in (
        ["check", "--isolated", "--no-cache", "--fix-only", "--extend-select=I", "--quiet"],
        ["format", "--isolated", "--no-cache", "--quiet"],
    ):
        proc = subprocess.run([ruff, *args, str(target)], capture_output=True, text=True, check=False)
        if proc.returncode != 0:
            raise RegenError(f"ruff {args[0]} of {target.name} failed:\n{proc.stdout}\n{proc.stderr}")


def _tree(root: Path) -> dict[str, Path]:
    return {
        str(p.relative_to(root)): p
        for p in sorted(root.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }


def diff_trees(expected: Path, actual: Path) -> list[str]:
    """Relative paths that differ between two trees (missing, extra or changed files)."""
    want, have = _tree(expected), _tree(actual)
    out = [f"missing: {k}" for k in sorted(want.keys() - have.keys())]
    out += [f"stray:   {k}" for k in sorted(have.keys() - want.keys())]
    out += [
        f"changed: {k}"
        for k in sorted(want.keys() & have.keys())
        if not filecmp.cmp(want[k], have[k], shallow=False)
    ]
    return out


def _agent_reference(spec_path: Path, docs_root: Path, *, check: bool) -> int:
    """Write (or with ``check``, compare) docs/huhu-agent-reference.md rendered from the spec."""
    import json

    from huhu_ext import agent_reference
    from huhu_ext.spec import Spec

    spec = Spec(json.loads(spec_path.read_text(encoding="utf-8")))
    if not check:
        agent_reference.write(docs_root, spec)
        return 0
    problem = agent_reference.check(docs_root, spec)
    if problem is not None:
        print(
            f"{agent_reference.REFERENCE_PATH} is stale ({problem}): it differs from what {spec_path.name} "
            "renders.\nRun `python -m huhu_ext.regen` and commit the result.",
            file=sys.stderr,
        )
        return 1
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m huhu_ext.regen", description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail when generated/ is stale")
    parser.add_argument("--spec", type=Path, default=REPO / "openapi.json")
    parser.add_argument("--config", type=Path, default=REPO / "openapi-python-client.yaml")
    parser.add_argument("--generated", type=Path, default=REPO / "generated")
    parser.add_argument("--docs-root", type=Path, default=REPO, help="where docs/huhu-agent-reference.md is")
    args = parser.parse_args(argv)
    if _agent_reference(args.spec, args.docs_root, check=args.check) != 0:
        return 1
    target: Path = args.generated / PACKAGE
    try:
        with tempfile.TemporaryDirectory(prefix="huhu-regen-") as tmp:
            fresh = generate(args.spec.resolve(), args.config.resolve(), Path(tmp))
            if args.check:
                problems = diff_trees(fresh, target) if target.is_dir() else [f"missing: {target}"]
                if problems:
                    print(
                        f"generated/{PACKAGE} is stale: it differs from what {args.spec.name} produces "
                        f"({len(problems)} files).\nRun `python -m huhu_ext.regen` and commit the result.",
                        file=sys.stderr,
                    )
                    for line in problems[:50]:
                        print("  " + line, file=sys.stderr)
                    return 1
                print(f"generated/{PACKAGE} is up to date with {args.spec.name}")
                return 0
            if target.exists():
                shutil.rmtree(target)
            shutil.copytree(fresh, target)  # makes the missing parent folders too
            print(f"regenerated {target} from {args.spec}")
            return 0
    except RegenError as exc:
        print(f"regen: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    raise SystemExit(main())

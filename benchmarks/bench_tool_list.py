"""Size of the tool list an agent loads into its context: ``huhu mcp serve`` in full and dynamic mode,
and ``huhu tools export`` per format. Characters of the compact JSON, and ~tokens = characters / 4.

    python benchmarks/bench_tool_list.py
"""

from __future__ import annotations

import json
from typing import Any

from huhu_ext.mcp_server import Toolbox
from huhu_ext.offline import offline_session
from huhu_ext.tools import FORMATS, build_tools, export


def size(definitions: list[Any]) -> tuple[int, int]:
    chars = len(json.dumps(definitions, ensure_ascii=False, separators=(",", ":")))
    return chars, chars // 4


def measure() -> list[tuple[str, int, int, int]]:
    """``(tool list, tools, characters, ~tokens)`` rows."""
    rows: list[tuple[str, int, int, int]] = []
    with offline_session() as (huhu, files, sleep):
        for label, options in [
            ("mcp serve --tools all", {}),
            ("mcp serve --tools all --read-only", {"read_only": True}),
            ("mcp serve --tools dynamic", {"mode": "dynamic"}),
        ]:
            definitions = Toolbox(huhu, files, sleep=sleep, offline=True, **options).definitions()
            rows.append((label, len(definitions), *size(definitions)))
    for fmt in FORMATS:
        definitions = export(build_tools(), fmt)
        rows.append((f"tools export --format {fmt}", len(definitions), *size(definitions)))
    return rows


def main() -> None:
    rows = measure()
    print(f"{'tool list':<36} {'tools':>5} {'chars':>7} {'~tokens':>8}")
    for label, count, chars, tokens in rows:
        print(f"{label:<36} {count:>5} {chars:>7} {tokens:>8}")


if __name__ == "__main__":
    main()

"""Optional parts of huhu-python and the one-line error when their extra is missing.

The base install carries the client and the ``huhu`` command. ``[mock]`` adds the offline mock
(Flask, waitress, Pillow, jsonschema), ``[testing]`` adds respx for ``mock_huhu()`` and the pytest
fixtures, ``[mcp]`` the MCP server. This module imports nothing, so anything may use it.
"""

from __future__ import annotations

from importlib.util import find_spec


class MissingExtraError(ImportError):
    """A part of huhu-python whose extra is not installed was used; the message says what to install."""


def require(extra: str, what: str, modules: dict[str, str]) -> None:
    """Raise :class:`MissingExtraError` naming ``pip install 'huhu-python[extra]'`` if a module is absent.

    ``modules`` maps import names to distribution names (``{"PIL": "pillow"}``).
    """
    missing = [dist for module, dist in modules.items() if find_spec(module) is None]
    if missing:
        raise MissingExtraError(f"{what} needs {', '.join(missing)}: pip install 'huhu-python[{extra}]'")

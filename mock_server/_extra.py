"""Fail early, in one line, when the mock's extra is not installed (``pip install 'huhu-python[mock]'``).

Imported first by ``mock_server/__init__``: a base install of huhu-python carries the client and the
``huhu`` command only; Flask, waitress, Pillow and jsonschema come with the ``mock`` extra.
"""

from __future__ import annotations

from huhu_ext._extras import MissingExtraError, require

__all__ = ["MissingExtraError"]

require(
    "mock",
    "the Huhu mock",
    {"flask": "flask", "waitress": "waitress", "PIL": "pillow", "jsonschema_rs": "jsonschema-rs"},
)

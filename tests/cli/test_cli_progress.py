"""The rich progress bars of `huhu tryon` show uploads, generation, completion and credits."""

from __future__ import annotations

import io

from rich.console import Console

from huhu_ext.batch import Progress
from huhu_ext.progress import RichReporter


def test_rich_reporter_draws_every_counter() -> None:
    buffer = io.StringIO()
    reporter = RichReporter(Console(file=buffer, force_terminal=False, width=100))
    reporter(
        Progress(skus=3, uploaded=3, tasks=5, generating=2, done=3, credits_spent=10, message="generating")
    )
    reporter(Progress(skus=3, uploaded=3, tasks=5, generating=0, done=5, credits_spent=10, message="done"))
    text = buffer.getvalue()
    assert "uploaded" in text and "3/3" in text
    assert "done" in text and "5/5" in text
    assert "credits" in text and "10" in text

"""Rich progress bars for ``huhu tryon`` (uploaded, generating, done, credits spent)."""

from __future__ import annotations

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from huhu_ext.batch import Progress as RunProgress

__all__ = ["RichReporter"]


class RichReporter:
    """A reporter for :class:`huhu_ext.batch.TryOnRun` that draws live bars on stderr."""

    def __init__(self, console: Console | None = None) -> None:
        self._bars = Progress(
            TextColumn("{task.description:<12}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console or Console(stderr=True),
        )
        self._uploaded, self._generating, self._done, self._credits = (
            self._bars.add_task(name, total=None) for name in ("uploaded", "generating", "done", "credits")
        )

    def __call__(self, progress: RunProgress) -> None:
        self._bars.start()  # does nothing once the display runs
        total = max(progress.tasks, 1)
        self._bars.update(self._uploaded, completed=progress.uploaded, total=max(progress.skus, 1))
        self._bars.update(self._generating, completed=progress.generating, total=total)
        self._bars.update(self._done, completed=progress.done, total=total)
        self._bars.update(self._credits, completed=progress.credits_spent, total=None)
        if progress.message == "done":
            self._bars.stop()

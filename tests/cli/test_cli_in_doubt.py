"""`huhu tryon` hands the in-doubt options to the batch and reports an in-doubt stop in one line."""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

import pytest
from click.testing import CliRunner

from huhu_ext import cli as cli_module
from huhu_ext.batch import TryOnOptions
from huhu_ext.in_doubt import DEFAULT_WINDOW, Doubt, InDoubtError, LedgerMark

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "garments"


class _Stopped:
    """Stands in for TryOnRun: records the options and stops in doubt, as a lost upscale answer would."""

    seen: ClassVar[list[TryOnOptions]] = []

    def __init__(self, huhu: Any, options: TryOnOptions, **kwargs: Any) -> None:
        self.seen.append(options)

    def run(self) -> Any:
        doubt = Doubt("upscale:t1:1", "create_upscale", (), 2, LedgerMark(()), 0.0)
        raise InDoubtError([doubt], self.seen[-1].in_doubt_window)


@pytest.mark.parametrize(
    ("flags", "window", "resend"),
    [([], DEFAULT_WINDOW, False), (["--in-doubt-window", "7", "--resend-in-doubt"], 7.0, True)],
)
def test_in_doubt_flags_reach_the_batch_and_the_stop_is_one_line(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, flags: list[str], window: float, resend: bool
) -> None:
    _Stopped.seen = []
    monkeypatch.setattr(cli_module, "TryOnRun", _Stopped)
    args = ["--offline", "tryon", str(EXAMPLES / "summer-dress-red"), "--out", str(tmp_path / "o"), "--yes"]
    result = CliRunner().invoke(cli_module.cli, [*args, *flags], standalone_mode=False, catch_exceptions=True)
    assert isinstance(result.exception, InDoubtError)
    (options,) = _Stopped.seen
    assert (options.in_doubt_window, options.resend_in_doubt) == (window, resend)
    code = cli_module.main([*args, *flags])
    assert code == 1


def test_main_prints_the_in_doubt_stop_as_one_line(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(cli_module, "TryOnRun", _Stopped)
    code = cli_module.main(
        ["--offline", "tryon", str(EXAMPLES / "summer-dress-red"), "--out", str(tmp_path / "o"), "--yes"]
    )
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 1
    assert len(err) == 1 and err[0].startswith("error: 1 request in doubt") and "--resend-in-doubt" in err[0]

"""The small `huhu` subcommands, offline, and `tryon` with upscale and video."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PIL import Image

from huhu_ext.cli import main
from mock_server.catalog import library_poses, preset_models

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "garments"


def _json(capsys: pytest.CaptureFixture[str], *argv: str) -> object:
    assert main(["--offline", "--json", *argv]) == 0
    return json.loads(capsys.readouterr().out)


def test_credits(capsys: pytest.CaptureFixture[str]) -> None:
    assert _json(capsys, "credits") == {
        "credits": 50,
        "plan_status": "free",
        "concurrent_requests": 10,
        "plan_name": None,
    }


def test_models_filters_match_the_gallery(capsys: pytest.CaptureFixture[str]) -> None:
    rows = _json(capsys, "models", "--model-type", "Women", "--ethnicity", "East Asian")
    assert isinstance(rows, list)
    expected = {
        m.model_id
        for m in preset_models()
        if m.model_type == "Women" and m.attributes.get("ethnicity") == "East Asian"
    }
    assert expected and {r["model_id"] for r in rows} == expected


def test_poses_library_filters(capsys: pytest.CaptureFixture[str]) -> None:
    data = _json(capsys, "poses", "--category", "Women", "--type", "fullbody")
    assert isinstance(data, dict)
    expected = [p for p in library_poses() if p.model_category == "Women" and p.prompt_type == "fullbody"]
    assert data["total"] == len(expected) == len(data["poses"])
    assert main(["--offline", "poses"]) == 0
    assert capsys.readouterr().out.strip().endswith("143 poses")


def test_projects_and_history_after_a_run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # a fresh offline state (HUHU_OFFLINE_DIR, per test): projects and history of an empty account are
    # empty lists, and the text output says so
    assert _json(capsys, "projects") == []
    assert _json(capsys, "history") == []
    assert main(["--offline", "history"]) == 0
    assert "no credit history" in capsys.readouterr().out


def test_upscale_command_writes_the_upscaled_image(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "shirt.png"
    source.write_bytes((EXAMPLES / "linen-shirt-white" / "top-front.png").read_bytes())
    data = _json(capsys, "upscale", str(source), "--factor", "2", "--yes")
    assert isinstance(data, dict) and data["credits"] == 2
    with Image.open(data["file"]) as big, Image.open(source) as small:
        assert big.size == (small.size[0] * 2, small.size[1] * 2)


def test_tryon_with_upscale_and_video(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    result = _json(
        capsys,
        "tryon",
        str(EXAMPLES / "linen-shirt-white"),
        "--out",
        str(out),
        "--yes",
        "--upscale",
        "2",
        "--video",
        "5",
    )
    assert isinstance(result, dict)
    kinds = sorted(o["kind"] for o in result["outputs"])
    assert kinds == ["tryon", "tryon", "upscale", "upscale", "video"]
    # 2 tasks x 2 credits + 2 upscales x 2 credits + one 5 s video x 25 credits
    assert result["credits_spent"] == 4 + 4 + 25
    manifest = json.loads((out / "manifest.json").read_text())
    for row in manifest["outputs"]:
        path = out / row["file"]
        assert path.exists()
        if row["kind"] == "upscale":
            with Image.open(path) as image:
                assert image.size == (1024, 1536)
        if row["kind"] == "video":
            assert path.suffix == ".mp4" and path.read_bytes()[4:8] == b"ftyp"


def test_errors_are_one_line_and_non_zero(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("HUHU_API_KEY", raising=False)
    assert main(["tryon", str(EXAMPLES), "--out", str(tmp_path), "--yes"]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("error: ") and "HUHU_API_KEY" in err and "\n" not in err
    assert main(["--offline", "tryon", str(tmp_path / "missing")]) == 2
    assert "does not exist" in capsys.readouterr().err


def test_api_key_never_printed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    key = "sk-" + "ab" * 24
    code = main(["--api-key", key, "--base-url", "http://127.0.0.1:9/public/v1", "credits"])
    captured = capsys.readouterr()
    assert code == 1
    assert key not in captured.out + captured.err


def test_mock_serve_and_regen_are_reachable_from_huhu(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["mock", "serve", "--help"]) == 0
    out = capsys.readouterr().out
    assert "--db PATH" in out and "--clock" in out  # huhu-mock's own options
    assert main(["regen", "--check"]) == 0
    assert "up to date" in capsys.readouterr().out


def test_settings_repr_never_shows_the_api_key() -> None:
    from huhu_ext.cli import Settings

    settings = Settings("sk-live-secret-123", None, False, False, False, False)
    assert "sk-live-secret-123" not in repr(settings)
    assert settings.api_key == "sk-live-secret-123"

"""Batch try-on planning: SKU discovery, model descriptions, pricing from the spec, the journal."""

from __future__ import annotations

from pathlib import Path

import pytest

from huhu_ext.batch import (
    BatchError,
    TryOnOptions,
    discover_skus,
    match_model_description,
    plan_run,
    price_run,
)
from huhu_ext.journal import Journal, OutputRecord

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "garments"


def _png(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes((EXAMPLES / "summer-dress-red" / "dress-front.png").read_bytes())
    return path


def test_discover_folder_of_sku_folders() -> None:
    skus = discover_skus([EXAMPLES])
    assert [s.name for s in skus] == ["denim-jeans-blue", "linen-shirt-white", "summer-dress-red"]
    assert [len(s.files) for s in skus] == [2, 2, 1]


def test_discover_lone_images_and_flat_folder(tmp_path: Path) -> None:
    a = _png(tmp_path / "loose" / "a.png")
    _png(tmp_path / "flat" / "front.png")
    _png(tmp_path / "flat" / "back.png")
    (tmp_path / "flat" / "notes.txt").write_text("ignored")
    skus = discover_skus([a, tmp_path / "flat"])
    assert [(s.name, len(s.files)) for s in skus] == [("a", 1), ("flat", 2)]


def test_discover_rejects_bad_input(tmp_path: Path) -> None:
    text = tmp_path / "x.txt"
    text.write_text("no")
    with pytest.raises(BatchError, match="not an image"):
        discover_skus([text])
    with pytest.raises(BatchError, match="no such"):
        discover_skus([tmp_path / "missing"])
    (tmp_path / "empty").mkdir()
    with pytest.raises(BatchError, match="no garment images"):
        discover_skus([tmp_path / "empty"])
    _png(tmp_path / "one" / "dup" / "a.png")
    _png(tmp_path / "two" / "dup" / "b.png")
    with pytest.raises(BatchError, match="both named 'dup'"):
        discover_skus([tmp_path / "one", tmp_path / "two"])


@pytest.mark.parametrize(
    ("text", "filters"),
    [
        (
            "young adult East Asian woman, plus size",
            {
                "model_type": "Women",
                "model_size": "Plus size",
                "age_range": "Young Adult",
                "ethnicity": "East Asian",
            },
        ),
        ("Senior black man", {"model_type": "Men", "age_range": "Senior", "ethnicity": "Black"}),
        (
            "young hispanic woman, petite",
            {"model_type": "Women", "model_size": "Petit", "age_range": "Young", "ethnicity": "Hispanic"},
        ),
    ],
)
def test_model_description_to_filters(text: str, filters: dict[str, str]) -> None:
    assert match_model_description(text) == filters


def test_model_description_without_attributes() -> None:
    with pytest.raises(BatchError, match="could not read"):
        match_model_description("someone nice")


def test_plan_prices_from_spec_upper_bound() -> None:
    options = TryOnOptions(garments=(EXAMPLES,), out=Path("unused"), images_per_task=2)
    plan = plan_run(options)
    # shirt 2 views + jeans 2 views + dress 1 photo → at most 5 tasks; 2 credits per image (HD)
    assert (plan.tasks, plan.outputs, plan.credits, plan.exact) == (5, 10, 20, False)
    assert "at most 20 credits" in plan.describe()


def test_price_with_upscale_and_video() -> None:
    options = TryOnOptions(garments=(EXAMPLES,), out=Path("unused"), upscale=2.0, video="10")
    plan = price_run(discover_skus(options.garments), 4, options, exact=True)
    assert plan.lines == [("tryon_gen", 4, 8), ("upscale", 4, 8), ("video_gen", 3, 120)]
    assert plan.credits == 136


def test_journal_survives_reopen(tmp_path: Path) -> None:
    with Journal(tmp_path) as journal:
        journal.set("project_id", "p1")
        journal.record_sku("shirt", "s1")
        journal.record_task("t1", "s1", "shirt", "front")
        journal.record_task("t1", "s1", "shirt", "front")  # idempotent
        journal.mark_submitted(["t1"], 2)
        journal.record_output(OutputRecord("t1", 0, "img", "shirt/a.png", "tryon", 0))
        journal.record_output(OutputRecord("t1", 0, "img", "shirt/a.png", "tryon", 0))
    with Journal(tmp_path) as journal:
        assert journal.get("project_id") == "p1"
        assert journal.sku_ids() == {"shirt": "s1"}
        [task] = journal.tasks()
        assert (task.task_id, task.submitted, task.credits) == ("t1", True, 2)
        assert journal.has_output("t1", 0) and not journal.has_output("t1", 1)
        assert len(journal.outputs()) == 1

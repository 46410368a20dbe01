"""Tests for mock_server.catalog: the seeded gallery, the 143 library poses, pose prompts."""

from __future__ import annotations

import json
import uuid
from collections import Counter
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from mock_server.catalog import (
    AGE_RANGES,
    ETHNICITIES,
    MODEL_SIZES,
    MODEL_TYPES,
    POSE_CATEGORIES,
    PROMPT_TYPES,
    SKIN_TONES,
    LibraryPose,
    PresetModel,
    library_poses,
    pose_prompt,
    preset_models,
)

SPEC = json.loads((Path(__file__).resolve().parents[2] / "openapi.json").read_text())
SCHEMAS = SPEC["components"]["schemas"]


def _enum(schema: dict[str, Any]) -> set[str]:
    """The known values of a schema: its open string's x-huhu-known-values, or its enum (nullable too)."""
    if "x-huhu-known-values" in schema:
        return {str(v) for v in schema["x-huhu-known-values"]}
    if "enum" in schema:
        return {str(v) for v in schema["enum"]}
    for option in schema.get("anyOf", []):
        if "enum" in option:
            return {str(v) for v in option["enum"]}
    raise AssertionError(f"no enum in {schema}")


def _is_uuid(value: str) -> bool:
    return str(uuid.UUID(value)) == value


# ----------------------------------------------------------------------------------- models


def test_preset_models_count_and_unique_ids() -> None:
    models = preset_models()
    assert 20 <= len(models) <= 30
    ids = [m.model_id for m in models]
    image_ids = [i.model_image_id for m in models for i in m.images]
    assert len(set(ids)) == len(ids)
    assert len(set(image_ids)) == len(image_ids)
    assert not set(ids) & set(image_ids)
    assert all(_is_uuid(x) for x in ids + image_ids)
    assert len({m.model_name for m in models}) == len(models)


def test_preset_models_cover_every_documented_value() -> None:
    models = preset_models()
    assert {m.model_type for m in models} == set(MODEL_TYPES)
    assert {m.model_size for m in models} == set(MODEL_SIZES)
    assert {m.attributes["ethnicity"] for m in models} == set(ETHNICITIES)
    assert {m.attributes["age_range"] for m in models} == set(AGE_RANGES)
    assert {m.attributes["skin_tone"] for m in models} == set(SKIN_TONES)
    for m in models:
        assert set(m.attributes) == {
            "ethnicity",
            "age_range",
            "hair_color",
            "hair_style",
            "skin_tone",
            "eye_color",
        }
        assert all(isinstance(v, str) and v for v in m.attributes.values())


def test_preset_model_values_match_the_spec_enums() -> None:
    summary = SCHEMAS["ModelSummary"]["properties"]
    attrs = SCHEMAS["ModelAttributes"]["properties"]
    image = SCHEMAS["ModelImage"]["properties"]
    assert set(MODEL_TYPES) == _enum(summary["model_type"])
    assert set(MODEL_SIZES) == _enum(summary["model_size"])
    assert set(AGE_RANGES) == _enum(attrs["age_range"])
    assert set(SKIN_TONES) == _enum(attrs["skin_tone"])
    views, crops = _enum(image["view_type"]), _enum(image["crop_type"])
    for m in preset_models():
        for img in m.images:
            assert img.view_type is None or img.view_type in views
            assert img.crop_type is None or img.crop_type in crops


def test_preset_model_images_mix_views_and_crops() -> None:
    models = preset_models()
    for m in models:
        assert 2 <= len(m.images) <= 4
        first = m.images[0]
        assert (first.view_type, first.crop_type) == ("front_facing", "fullbody")
        assert all(_is_uuid(i.style_id) for i in m.images)
        assert len({i.seed for i in m.images}) == len(m.images)
    images = [i for m in models for i in m.images]
    assert {i.view_type for i in images} == {"front_facing", "back_facing", None}
    assert {i.crop_type for i in images} == {"fullbody", "head_half_cropped", "top", "bottom", None}
    assert {len(m.images) for m in models} == {2, 3, 4}


def test_dae_nakamura_is_present_as_documented() -> None:
    (dae,) = [m for m in preset_models() if m.model_name == "Dae Nakamura"]
    assert dae.model_type == "Women"
    assert dae.attributes["ethnicity"] == "East Asian"
    assert dae.attributes["age_range"] == "Young Adult"
    assert dae.attributes["hair_color"] == "Black"
    assert dae.attributes["skin_tone"] == "Light"


def test_plus_size_young_adult_east_asian_woman_with_front_fullbody_image() -> None:
    matches = [
        m
        for m in preset_models()
        if m.model_type == "Women"
        and m.model_size == "Plus size"
        and m.attributes["ethnicity"] == "East Asian"
        and m.attributes["age_range"] == "Young Adult"
        and any(i.view_type == "front_facing" and i.crop_type == "fullbody" for i in m.images)
    ]
    assert matches


def test_preset_models_are_deterministic_and_not_shared() -> None:
    a, b = preset_models(), preset_models()
    assert a == b
    a[0].attributes["ethnicity"] = "changed"
    a.pop()
    assert preset_models() == b
    assert isinstance(b[0], PresetModel)


# ------------------------------------------------------------------------------------ poses


def test_library_has_exactly_143_poses_with_unique_ids() -> None:
    poses = library_poses()
    assert len(poses) == 143
    ids = [p.pose_id for p in poses]
    assert len(set(ids)) == 143
    assert all(_is_uuid(x) for x in ids)
    assert len({p.seed for p in poses}) == 143
    assert len({(p.model_category, p.prompt_type, p.pose_name) for p in poses}) == 143


def test_library_covers_categories_and_prompt_types() -> None:
    poses = library_poses()
    schema = SCHEMAS["LibraryPose"]["properties"]
    assert {p.model_category for p in poses} == set(POSE_CATEGORIES) == _enum(schema["model_category"])
    assert {p.prompt_type for p in poses} == set(PROMPT_TYPES) == _enum(schema["prompt_type"])
    assert Counter(p.model_category for p in poses) == {"Women": 50, "Men": 43, "Child": 30, "Infant": 20}
    pairs = Counter((p.model_category, p.prompt_type) for p in poses)
    assert set(pairs) == {(c, t) for c in POSE_CATEGORIES for t in PROMPT_TYPES}
    assert pairs[("Women", "fullbody")] == 14  # the reference's example answer has "total": 14
    assert ("Women", "fullbody", "Full body upright") in {
        (p.model_category, p.prompt_type, p.pose_name) for p in poses
    }


def test_fullbody_names_support_the_agent_tips() -> None:
    poses = library_poses()
    for category in POSE_CATEGORIES:
        names = [
            p.pose_name.lower() for p in poses if p.model_category == category and p.prompt_type == "fullbody"
        ]
        assert any("front" in n for n in names), category
        assert any("back" in n for n in names), category


def test_library_is_stable() -> None:
    first = library_poses()
    first.clear()
    again = library_poses()
    assert len(again) == 143
    assert again == library_poses()
    assert isinstance(again[0], LibraryPose)
    assert again[0].pose_id == str(uuid.UUID(again[0].pose_id))


# ------------------------------------------------------------------------------ pose prompt


def test_pose_prompt_example_shape() -> None:
    prompt = pose_prompt("reference-1")
    assert prompt == pose_prompt("reference-1")
    assert "pose" in prompt
    assert prompt.count(",") >= 3


@given(st.text())
def test_pose_prompt_is_deterministic_for_any_seed(seed: str) -> None:
    prompt = pose_prompt(seed)
    assert prompt == pose_prompt(seed)
    assert prompt.split(", ")[0].endswith("pose")


def test_pose_prompt_varies_with_seed() -> None:
    assert len({pose_prompt(f"seed-{i}") for i in range(50)}) > 10

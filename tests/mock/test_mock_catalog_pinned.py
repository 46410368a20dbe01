"""The seeded catalogue is pinned: ids (uuid5), seeds, names, order and the public enums are exactly
those the catalogue had when its data moved from Python literals to ``mock_server/catalog.json``.

Clients and tests may store preset model, image and pose ids, so any change here must be deliberate.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json

import pytest

from mock_server import catalog

ENUMS = (
    "MODEL_TYPES",
    "MODEL_SIZES",
    "ETHNICITIES",
    "AGE_RANGES",
    "SKIN_TONES",
    "VIEW_TYPES",
    "CROP_TYPES",
    "POSE_CATEGORIES",
    "PROMPT_TYPES",
)
DAE_ID = "71cc4b0c-8369-5415-b1ac-d56be131d889"
POSE_ID = "fd363dbc-851d-545c-a50f-89198882a69a"
PINNED = "aad9e7e85ddda3e93cdd6553748d8a7692be52712ce6c3ff41c22d3e59352c99"


def test_catalogue_output_is_byte_identical_to_the_pinned_one() -> None:
    out = {
        "models": [dataclasses.asdict(m) for m in catalog.preset_models()],
        "poses": [dataclasses.asdict(p) for p in catalog.library_poses()],
        "prompts": [catalog.pose_prompt(f"s{i}") for i in range(300)],
        "enums": {name: list(getattr(catalog, name)) for name in ENUMS},
        "ns": str(catalog.CATALOG_NAMESPACE),
    }
    assert hashlib.sha256(json.dumps(out).encode()).hexdigest() == PINNED


def test_first_ids_are_the_known_uuids() -> None:
    dae = catalog.preset_models()[0]
    pose = catalog.library_poses()[0]
    assert (dae.model_name, dae.model_id) == ("Dae Nakamura", DAE_ID)
    assert (pose.pose_name, pose.pose_id) == ("Full body upright", POSE_ID)


def test_unknown_attribute_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="NO_SUCH_ENUM"):
        getattr(catalog, "NO_SUCH_ENUM")  # noqa: B009

"""The mock's seeded catalogue: preset AI models with images, the 143 library poses, pose prompts.

Everything is deterministic data, kept in ``mock_server/catalog.json`` (read once, on first use: no
I/O at import); the enums come from the spec. No randomness. Ids are uuid5 strings under
:data:`CATALOG_NAMESPACE`, so they are stable across runs, processes and databases. Each image and
pose carries a ``seed`` string the imaging module renders a placeholder picture from.

Every preset model has a ``front_facing``/``fullbody`` first image (so a try-on works out of the
box), then 1–3 more images mixing view types and crop types (occasionally ``None``, as the API
allows). Images come in styles of two (``style_id``).

The pose library has exactly 143 poses: Women 50, Men 43, Child 30, Infant 20, over the six
documented prompt types. Fullbody lists contain names with "front" and "back", as the reference's
LLM agent tips rely on that.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from huhu_ext.spec import load_spec, pointer

__all__ = [
    "AGE_RANGES",
    "CATALOG_NAMESPACE",
    "CROP_TYPES",
    "ETHNICITIES",
    "MODEL_SIZES",
    "MODEL_TYPES",
    "POSE_CATEGORIES",
    "PROMPT_TYPES",
    "SKIN_TONES",
    "VIEW_TYPES",
    "LibraryPose",
    "PresetModel",
    "PresetModelImage",
    "library_poses",
    "pose_prompt",
    "preset_models",
]

CATALOG_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://github.com/huhu-python/mock_server/catalog")

# Public enums, read on first use (module ``__getattr__``) from the spec's ``x-huhu-known-values``
# of (schema, property); ETHNICITIES from catalog.json (the spec's examples list only four).
MODEL_TYPES: tuple[str, ...]
MODEL_SIZES: tuple[str, ...]
ETHNICITIES: tuple[str, ...]
AGE_RANGES: tuple[str, ...]
SKIN_TONES: tuple[str, ...]
VIEW_TYPES: tuple[str, ...]
CROP_TYPES: tuple[str, ...]
POSE_CATEGORIES: tuple[str, ...]
PROMPT_TYPES: tuple[str, ...]
_SPEC_ENUMS = {
    "MODEL_TYPES": ("ModelSummary", "model_type"),
    "MODEL_SIZES": ("ModelSummary", "model_size"),
    "AGE_RANGES": ("ModelAttributes", "age_range"),
    "SKIN_TONES": ("ModelAttributes", "skin_tone"),
    "VIEW_TYPES": ("ModelImage", "view_type"),
    "CROP_TYPES": ("ModelImage", "crop_type"),
    "POSE_CATEGORIES": ("LibraryPose", "model_category"),
    "PROMPT_TYPES": ("LibraryPose", "prompt_type"),
}


def __getattr__(name: str) -> tuple[str, ...]:
    """The enums of ``__all__`` (``ETHNICITIES``, the spec's examples being incomplete, from catalog.json)."""
    if name == "ETHNICITIES":
        return tuple(data()["ethnicities"])
    if name not in _SPEC_ENUMS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    schema, prop = _SPEC_ENUMS[name]
    where = pointer("components", "schemas", schema, "properties", prop, "x-huhu-known-values")
    return tuple(load_spec().node(where))


@cache
def data() -> dict[str, Any]:
    """The contents of ``mock_server/catalog.json``: this catalogue and the garment keywords of
    :func:`mock_server.uploads.classify_garment` (read once, on first use; treat as read-only)."""
    text = resources.files("mock_server").joinpath("catalog.json").read_text(encoding="utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


def _uuid(kind: str, *parts: str) -> str:
    return str(uuid.uuid5(CATALOG_NAMESPACE, ":".join((kind, *parts))))


def _digest(text: str) -> bytes:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest()


# ----------------------------------------------------------------------------------- models


@dataclass(frozen=True)
class PresetModelImage:
    """One gallery image of a preset model."""

    model_image_id: str
    style_id: str
    view_type: str | None  # front_facing | back_facing | None
    crop_type: str | None  # fullbody | head_half_cropped | top | bottom | None
    seed: str


@dataclass(frozen=True)
class PresetModel:
    """A preset AI model of the gallery (``GET /model``)."""

    model_id: str
    model_name: str
    model_type: str
    model_size: str
    attributes: dict[str, str]
    images: tuple[PresetModelImage, ...]

    def summary(self) -> dict[str, Any]:
        """The model as the API's ``ModelSummary`` (its own copy of ``attributes``)."""
        named = {name: getattr(self, name) for name in ("model_id", "model_name", "model_type", "model_size")}
        return {**named, "attributes": dict(self.attributes)}


def _model_images(model_id: str, name: str, index: int) -> tuple[PresetModelImage, ...]:
    """The first image is front_facing/fullbody; 1-3 more take a slice of catalog.json's ``extra_images``."""
    extra = data()["extra_images"]
    start = _digest(name)[0] % len(extra)
    specs = [("front_facing", "fullbody")] + [extra[(start + k) % len(extra)] for k in range(1 + index % 3)]
    images = []
    for j, (view_type, crop_type) in enumerate(specs):
        image_id = _uuid("model-image", model_id, str(j))
        style_id = _uuid("style", model_id, str(j // 2))
        images.append(
            PresetModelImage(image_id, style_id, view_type, crop_type, f"preset-model-image:{image_id}")
        )
    return tuple(images)


def preset_models() -> list[PresetModel]:
    """The seeded gallery, in a fixed order (a fresh list of fresh objects on each call)."""
    models = []
    for index, row in enumerate(data()["models"]):
        model_id = _uuid("model", row["model_name"])
        images = _model_images(model_id, row["model_name"], index)
        # The row's model_name, model_type and model_size, and a fresh attributes dict.
        fields = {**row, "attributes": dict(row["attributes"])}
        models.append(PresetModel(model_id=model_id, images=images, **fields))
    return models


# ------------------------------------------------------------------------------------ poses


@dataclass(frozen=True)
class LibraryPose:
    """A preset pose of ``GET /pose/library``."""

    pose_id: str
    pose_name: str
    model_category: str  # Women | Men | Child | Infant
    prompt_type: str
    seed: str


@cache
def _library() -> tuple[LibraryPose, ...]:
    """Each category of catalog.json's ``pose_library`` takes, per prompt type, the first ``counts``
    names of its ``pose_names`` list."""
    poses = []
    for category, entry in data()["pose_library"].items():
        names = data()["pose_names"][entry["names"]]
        for prompt_type, count in entry["counts"].items():
            for name in names[prompt_type][:count]:
                pose_id = _uuid("pose", category, prompt_type, name)
                poses.append(LibraryPose(pose_id, name, category, prompt_type, f"library-pose:{pose_id}"))
    return tuple(poses)


def library_poses() -> list[LibraryPose]:
    """The 143 preset poses, grouped by category then prompt type, in a fixed order."""
    return list(_library())


# ------------------------------------------------------------------------------- pose prompt


def pose_prompt(seed: str) -> str:
    """The pose prompt the mock's "AI" extracts from a reference image (``POST /pose``): one stance,
    facing, arms and gaze of catalog.json's ``pose_prompt_parts``, picked by the seed's digest."""
    d = _digest(f"pose-prompt:{seed}")
    parts = [options[d[i] % len(options)] for i, options in enumerate(data()["pose_prompt_parts"])]
    return ", ".join(parts) + ", full body in frame, neutral studio background"

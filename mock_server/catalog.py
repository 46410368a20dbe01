"""The mock's seeded catalogue: preset AI models with images, the 143 library poses, pose prompts.

Everything is deterministic data — no randomness, no I/O at import. Ids are uuid5 strings under
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
import uuid
from dataclasses import dataclass
from functools import lru_cache

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

MODEL_TYPES = ("Men", "Women", "Baby", "Toddler", "Kid", "Maternity")
MODEL_SIZES = ("Petit", "Regular", "Plus size")
ETHNICITIES = ("Caucasian", "East Asian", "Black", "Hispanic", "South Asian", "Middle Eastern")
AGE_RANGES = ("Young", "Young Adult", "Middle-aged", "Mature", "Senior")
SKIN_TONES = ("Fair", "Light", "Medium", "Olive", "Tan", "Brown", "Dark")
VIEW_TYPES = ("front_facing", "back_facing")
CROP_TYPES = ("fullbody", "head_half_cropped", "top", "bottom")
POSE_CATEGORIES = ("Women", "Men", "Child", "Infant")
PROMPT_TYPES = (
    "fullbody",
    "head_half_cropped",
    "top",
    "bottom",
    "close_up_upper_body",
    "close_up_lower_body",
)


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


# fmt: off
# name, model_type, model_size, ethnicity, age_range, hair_color, hair_style, skin_tone, eye_color
_MODELS: tuple[tuple[str, str, str, str, str, str, str, str, str], ...] = (
    ("Dae Nakamura", "Women", "Regular", "East Asian", "Young Adult", "Black", "Long straight", "Light", "Brown"),
    ("Mei Lin Chen", "Women", "Plus size", "East Asian", "Young Adult", "Black", "Shoulder-length wavy", "Light", "Brown"),
    ("Sofia Alvarez", "Women", "Regular", "Hispanic", "Young Adult", "Brown", "Long wavy", "Tan", "Brown"),
    ("Amara Okafor", "Women", "Plus size", "Black", "Middle-aged", "Black", "Curly", "Dark", "Brown"),
    ("Emma Lindqvist", "Women", "Petit", "Caucasian", "Young Adult", "Blonde", "Bob", "Fair", "Blue"),
    ("Priya Raman", "Women", "Regular", "South Asian", "Mature", "Black", "Braided", "Brown", "Brown"),
    ("Layla Haddad", "Women", "Petit", "Middle Eastern", "Young Adult", "Brown", "Long straight", "Olive", "Hazel"),
    ("Margaret Hughes", "Women", "Regular", "Caucasian", "Senior", "Gray", "Short", "Fair", "Green"),
    ("Grace Kim", "Women", "Petit", "East Asian", "Middle-aged", "Black", "Pixie", "Light", "Brown"),
    ("Chloe Dubois", "Women", "Plus size", "Caucasian", "Young Adult", "Red", "Long curly", "Fair", "Green"),
    ("Marcus Johnson", "Men", "Regular", "Black", "Young Adult", "Black", "Buzz cut", "Dark", "Brown"),
    ("Lucas Martin", "Men", "Regular", "Caucasian", "Middle-aged", "Brown", "Short", "Light", "Blue"),
    ("Kenji Watanabe", "Men", "Petit", "East Asian", "Young Adult", "Black", "Undercut", "Light", "Brown"),
    ("Omar Farouk", "Men", "Plus size", "Middle Eastern", "Mature", "Black", "Short", "Olive", "Brown"),
    ("Diego Ramirez", "Men", "Regular", "Hispanic", "Young", "Black", "Curly", "Tan", "Brown"),
    ("Arjun Mehta", "Men", "Regular", "South Asian", "Young Adult", "Black", "Side part", "Brown", "Brown"),
    ("Walter Brooks", "Men", "Regular", "Caucasian", "Senior", "Gray", "Short", "Fair", "Blue"),
    ("Isabela Costa", "Maternity", "Regular", "Hispanic", "Young Adult", "Brown", "Ponytail", "Medium", "Brown"),
    ("Hannah Schmidt", "Maternity", "Plus size", "Caucasian", "Young Adult", "Blonde", "Long straight", "Light", "Blue"),
    ("Noah Williams", "Kid", "Regular", "Black", "Young", "Black", "Short curly", "Brown", "Brown"),
    ("Lily Tanaka", "Kid", "Petit", "East Asian", "Young", "Black", "Pigtails", "Light", "Brown"),
    ("Leo Rossi", "Toddler", "Regular", "Caucasian", "Young", "Blonde", "Short", "Fair", "Blue"),
    ("Aisha Khan", "Toddler", "Regular", "South Asian", "Young", "Black", "Short", "Medium", "Brown"),
    ("Ava Moreno", "Baby", "Regular", "Hispanic", "Young", "Brown", "Short", "Medium", "Brown"),
)
# fmt: on

# Extra images after the first front_facing/fullbody one; each model takes a slice of this cycle.
_EXTRA_IMAGES: tuple[tuple[str | None, str | None], ...] = (
    ("back_facing", "fullbody"),
    ("front_facing", "head_half_cropped"),
    ("front_facing", "top"),
    ("back_facing", "bottom"),
    ("front_facing", None),
    (None, "fullbody"),
    ("front_facing", "bottom"),
    ("back_facing", "top"),
    (None, None),
)


def _model_images(model_id: str, name: str, index: int) -> tuple[PresetModelImage, ...]:
    count = 2 + index % 3  # 2, 3 or 4 images
    start = _digest(name)[0] % len(_EXTRA_IMAGES)
    specs = [("front_facing", "fullbody")] + [
        _EXTRA_IMAGES[(start + k) % len(_EXTRA_IMAGES)] for k in range(count - 1)
    ]
    images = []
    for j, (view_type, crop_type) in enumerate(specs):
        image_id = _uuid("model-image", model_id, str(j))
        images.append(
            PresetModelImage(
                model_image_id=image_id,
                style_id=_uuid("style", model_id, str(j // 2)),
                view_type=view_type,
                crop_type=crop_type,
                seed=f"preset-model-image:{image_id}",
            )
        )
    return tuple(images)


def preset_models() -> list[PresetModel]:
    """The seeded gallery, in a fixed order (a fresh list of fresh objects on each call)."""
    models = []
    for index, row in enumerate(_MODELS):
        name, model_type, model_size, ethnicity, age, hair, style, skin, eyes = row
        model_id = _uuid("model", name)
        models.append(
            PresetModel(
                model_id=model_id,
                model_name=name,
                model_type=model_type,
                model_size=model_size,
                attributes={
                    "ethnicity": ethnicity,
                    "age_range": age,
                    "hair_color": hair,
                    "hair_style": style,
                    "skin_tone": skin,
                    "eye_color": eyes,
                },
                images=_model_images(model_id, name, index),
            )
        )
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


_ADULT_POSES: dict[str, tuple[str, ...]] = {
    "fullbody": (
        "Full body upright",
        "Front standing hands on hips",
        "Front standing arms at sides",
        "Front walking stride",
        "Back view walking",
        "Back view standing",
        "Front crossed legs lean",
        "Front hand in pocket",
        "Back view looking over shoulder",
        "Side profile standing",
        "Three-quarter turn",
        "Seated on stool",
        "Leaning against wall",
        "Front mid-step turn",
    ),
    "head_half_cropped": (
        "Head and shoulders front",
        "Chin up portrait",
        "Half body arms crossed",
        "Half body back view",
        "Half body hand on chin",
        "Head tilt smile",
        "Half body side profile",
        "Half body collar adjust",
    ),
    "top": (
        "Upper body front relaxed",
        "Upper body arms crossed",
        "Upper body back view",
        "Upper body hands in pockets",
        "Upper body three-quarter",
        "Upper body hand on hip",
        "Upper body jacket open",
        "Upper body reaching up",
    ),
    "bottom": (
        "Lower body front standing",
        "Lower body walking",
        "Lower body back view",
        "Lower body side step",
        "Lower body crossed ankles",
        "Lower body seated",
        "Lower body wide stance",
        "Lower body hand on hip",
    ),
    "close_up_upper_body": (
        "Close-up neckline front",
        "Close-up chest detail",
        "Close-up collar back",
        "Close-up sleeve detail",
        "Close-up shoulder turn",
        "Close-up hands and cuffs",
    ),
    "close_up_lower_body": (
        "Close-up waistband front",
        "Close-up hem detail",
        "Close-up back pockets",
        "Close-up pocket detail",
        "Close-up shoes front",
        "Close-up ankle detail",
    ),
}

_CHILD_POSES: dict[str, tuple[str, ...]] = {
    "fullbody": (
        "Full body upright",
        "Front standing arms at sides",
        "Front jumping",
        "Back view standing",
        "Back view walking",
        "Front hands on hips",
        "Front waving",
        "Side running",
        "Sitting cross-legged",
        "Playful twirl",
    ),
    "head_half_cropped": (
        "Head and shoulders front",
        "Big smile portrait",
        "Half body back view",
        "Half body waving",
    ),
    "top": (
        "Upper body front relaxed",
        "Upper body arms up",
        "Upper body back view",
        "Upper body hands on hips",
    ),
    "bottom": (
        "Lower body front standing",
        "Lower body walking",
        "Lower body back view",
        "Lower body jumping",
    ),
    "close_up_upper_body": (
        "Close-up neckline front",
        "Close-up sleeve detail",
        "Close-up collar back",
        "Close-up print detail",
    ),
    "close_up_lower_body": (
        "Close-up waistband front",
        "Close-up hem detail",
        "Close-up back pockets",
        "Close-up shoes front",
    ),
}

_INFANT_POSES: dict[str, tuple[str, ...]] = {
    "fullbody": (
        "Full body upright held",
        "Front sitting supported",
        "Front lying face up",
        "Back view sitting",
        "Front crawling",
        "Back view crawling",
        "Front standing with support",
        "Side lying",
    ),
    "head_half_cropped": ("Head and shoulders front", "Half body back view", "Smiling portrait"),
    "top": ("Upper body front sitting", "Upper body back view", "Upper body arms up"),
    "bottom": ("Lower body front sitting", "Lower body back view"),
    "close_up_upper_body": ("Close-up neckline front", "Close-up sleeve detail"),
    "close_up_lower_body": ("Close-up feet front", "Close-up hem detail"),
}

# How many poses of each prompt type (in PROMPT_TYPES order) each category takes from its list.
_POSE_COUNTS: dict[str, tuple[dict[str, tuple[str, ...]], tuple[int, ...]]] = {
    "Women": (_ADULT_POSES, (14, 8, 8, 8, 6, 6)),  # 50
    "Men": (_ADULT_POSES, (12, 7, 7, 7, 5, 5)),  # 43
    "Child": (_CHILD_POSES, (10, 4, 4, 4, 4, 4)),  # 30
    "Infant": (_INFANT_POSES, (8, 3, 3, 2, 2, 2)),  # 20
}


@lru_cache(maxsize=1)
def _library() -> tuple[LibraryPose, ...]:
    poses = []
    for category, (names, counts) in _POSE_COUNTS.items():
        for prompt_type, count in zip(PROMPT_TYPES, counts, strict=True):
            for name in names[prompt_type][:count]:
                pose_id = _uuid("pose", category, prompt_type, name)
                poses.append(LibraryPose(pose_id, name, category, prompt_type, f"library-pose:{pose_id}"))
    return tuple(poses)


def library_poses() -> list[LibraryPose]:
    """The 143 preset poses, grouped by category then prompt type, in a fixed order."""
    return list(_library())


# ------------------------------------------------------------------------------- pose prompt

_STANCES = ("standing pose", "walking pose", "seated pose", "leaning pose", "standing contrapposto pose")
_FACINGS = ("front facing", "three-quarter view", "side profile", "back facing")
_ARMS = ("arms at sides", "hands on hips", "arms crossed", "one hand in pocket", "hands clasped in front")
_GAZES = ("looking at camera", "gaze to the side", "chin slightly raised", "looking down")


def pose_prompt(seed: str) -> str:
    """The pose prompt the mock's "AI" extracts from a reference image (``POST /pose``)."""
    d = _digest(f"pose-prompt:{seed}")
    parts = (
        _STANCES[d[0] % len(_STANCES)],
        _FACINGS[d[1] % len(_FACINGS)],
        _ARMS[d[2] % len(_ARMS)],
        _GAZES[d[3] % len(_GAZES)],
    )
    return ", ".join(parts) + ", full body in frame, neutral studio background"

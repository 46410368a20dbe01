"""The reference's examples (``/work/shared/huhu-api-reference.txt``), as test data for the mock's side.

``DOCUMENTED`` holds, per operation and answer variant, the response example the reference shows
(read from ``tests/fidelity/reference_examples.json``, the repo's one copy of the reference's examples).
Repairs and inferences, each marked:

* ``INFERRED_FIELDS`` — fields the examples do not show that the mock answers with extras off, each
  with the reason (docs/decisions.md, D-MOCK-EXTRAS): a list's ``pagination_token`` where the
  reference documents the ``pagination_token`` parameter; a video request's ``request_id`` (a poll of
  "requests" must say which is which; the reference's POST /video answer is not shown);
* operations whose answer the reference does not show (``POST /project``, ``PUT /sku``, ``PUT /task``,
  ``POST /video``) are checked against the spec's schema without the ``x-huhu-mock-extra`` properties.

``REQUEST_BODIES`` (from the same file) and ``QUERIES`` (the curl commands and the quick reference's
query strings) are every request example of the reference; ``SUBSTITUTIONS`` puts real ids where the
reference writes ``xxx`` / ``...`` / ``sku-001``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

MODEL_ATTRIBUTES = {  # POST /model: "ethnicity, age_range, hair_color, hair_style, skin_tone, eye_color"
    "ethnicity": "East Asian",
    "age_range": "Young Adult",
    "hair_color": "Black",
    "hair_style": "Long",
    "skin_tone": "Light",
    "eye_color": "Brown",
}

EXAMPLES_FILE = Path(__file__).resolve().parents[1] / "fidelity" / "reference_examples.json"
_EXAMPLES: list[dict[str, Any]] = json.loads(EXAMPLES_FILE.read_text())["examples"]


def _variant(example: dict[str, Any]) -> str:
    context = example.get("context") or ""
    return str(context).removeprefix("file_type=")


# The reference's response examples (tests/fidelity/reference_examples.json, one copy of the reference),
# by (operation, variant), plus the repairs below.
DOCUMENTED: dict[tuple[str, str], Any] = {
    (e["operation"], _variant(e)): e["json"] for e in _EXAMPLES if e["kind"] == "response"
}
# Repair: the list example shows four attribute keys; POST /model documents six.
DOCUMENTED[("get_models", "list")] = {
    "models": [{**DOCUMENTED[("get_models", "list")]["models"][0], "attributes": MODEL_ATTRIBUTES}]
}
# Inferred: the reference shows the upload answer "For garment_image"; the other image types answer the same.
DOCUMENTED[("upload_project_file", "image")] = DOCUMENTED[("upload_project_file", "garment_image")]
# Inferred: the SKU list is not shown; its SKUs are the detail's without garment_images.
DOCUMENTED[("get_skus", "list")] = {
    "skus": [
        {k: v for k, v in DOCUMENTED[("get_skus", "detail")]["skus"][0].items() if k != "garment_images"}
    ]
}

# The reference's JSON request bodies (same file): (operation, variant) → body with placeholders.
REQUEST_BODIES: dict[tuple[str, str], dict[str, Any]] = {
    (e["operation"], _variant(e)): e["json"] for e in _EXAMPLES if e["kind"] == "request"
}

# Fields the mock answers with extras off although no example shows them (D-MOCK-EXTRAS), by
# (operation, variant) and a path of keys ("[]" for array items).
INFERRED_FIELDS: dict[tuple[str, str], list[tuple[str, ...]]] = {
    ("get_skus", "list"): [("pagination_token",)],  # the pagination_token parameter is documented
    ("list_video_requests", ""): [
        ("requests", "[]", "request_id"),  # which request is which (the client's waiter needs it)
        ("pagination_token",),  # the pagination_token parameter is documented
    ],
}

# The operations whose answer the reference does not show: the spec's schema minus the extras.
UNDOCUMENTED_ANSWERS = ("create_project", "update_skus", "update_task", "create_video")

# Real ids for the placeholders of the JSON request bodies ("xxx", "...", "sku-001"); "{name}" is an id
# of the test's world. The S3 image URL of the save example stays verbatim (D-MOCK-URLS).
SUBSTITUTIONS: dict[tuple[str, str], dict[str, Any]] = {
    ("create_model_image", "save"): {"model_id": "{model_id}"},
    ("update_skus", ""): {"sku_ids": ["{sku_id}"], "model_id": "{preset_model_id}", "style_id": "{style_id}"},
}

# The reference's other request examples: the curl commands (Authentication, Common Workflows) and the
# quick reference's query strings: (method, path, query).
QUERIES: list[tuple[str, str, dict[str, str]]] = [
    ("GET", "/metering/plan", {}),
    ("GET", "/metering/credit-history", {}),
    ("GET", "/program", {}),
    ("GET", "/program", {"owned": "true"}),
    ("GET", "/project", {}),
    ("GET", "/project", {"project_id": "{project_id}"}),
    ("GET", "/model", {}),
    ("GET", "/model", {"model_id": "{preset_model_id}"}),
    ("GET", "/model/image", {"request_id": "{request_id}"}),
    ("GET", "/pose/library", {}),
    ("GET", "/pose", {}),
    ("GET", "/pose", {"pose_id": "{pose_id}"}),
    ("GET", "/sku", {"project_id": "{project_id}"}),
    ("GET", "/sku", {"project_id": "{project_id}", "sku_id": "{sku_id}"}),
    ("GET", "/task", {}),
    ("GET", "/task", {"project_id": "{project_id}", "sku_id": "{sku_id}", "task_id": "{task_id}"}),
    ("GET", "/video/requests", {}),
    ("GET", "/upscale", {"request_id": "{upscale_id}"}),
]

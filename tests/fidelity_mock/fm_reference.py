"""The reference's examples (``/work/shared/huhu-api-reference.txt``), as test data for the mock's side.

``DOCUMENTED`` holds, per operation and answer variant, the response example the reference shows,
copied verbatim where it has one. Repairs and inferences, each marked:

* ``INFERRED_FIELDS`` — fields the examples do not show that the mock answers with extras off, each
  with the reason (docs/decisions.md, D-MOCK-EXTRAS): a list's ``pagination_token`` where the
  reference documents the ``pagination_token`` parameter; a video request's ``request_id`` (a poll of
  "requests" must say which is which; the reference's POST /video answer is not shown);
* operations whose answer the reference does not show (``POST /project``, ``PUT /sku``, ``PUT /task``,
  ``POST /video``) are checked against the spec's schema without the ``x-huhu-mock-extra`` properties.

``REQUESTS`` holds every JSON request example of the reference (bodies and the quick reference's
query strings), with ``{placeholders}`` where the reference writes ``xxx`` / ``...`` for an id.
"""

from __future__ import annotations

from typing import Any

MODEL_ATTRIBUTES = {  # POST /model: "ethnicity, age_range, hair_color, hair_style, skin_tone, eye_color"
    "ethnicity": "East Asian",
    "age_range": "Young Adult",
    "hair_color": "Black",
    "hair_style": "Long",
    "skin_tone": "Light",
    "eye_color": "Brown",
}

DOCUMENTED: dict[tuple[str, str], Any] = {
    ("get_plan", ""): {
        "credits": 99999,
        "plan_status": "free",
        "concurrent_requests": 10,
        "plan_name": None,
        "subscription_id": None,
    },
    ("get_credit_history", ""): {
        "items": [
            {
                "program_id": "xxx",
                "request_id": "xxx",
                "credits": 1,
                "timestamp": 1773702421471,
                "operation": "model_gen",
            }
        ],
        "pagination_token": None,
    },
    ("list_programs", ""): {
        "programs": [{"program_id": "xxx", "program_name": "My Brand", "create_time": 1773702421471}],
        "pagination_token": None,
    },
    ("create_program", ""): {"program_name": "My New Brand", "user_id": "xxx", "create_time": 1773702421471},
    ("get_projects", "list"): {
        "projects": [{"project_id": "xxx", "project_name": "Spring", "project_status": "Created"}],
        "pagination_token": None,
    },
    ("get_projects", "detail"): {
        "project_id": "xxx",
        "project_name": "Spring",
        "project_status": "Created",
        "create_time": 1773702421471,
    },
    ("upload_project_file", "garment_image"): {"success": True, "image_id": "xxx"},
    # Repair: the reference shows the answer "For garment_image"; the other image types are
    # inferred to answer the same.
    ("upload_project_file", "image"): {"success": True, "image_id": "xxx"},
    ("upload_project_file", "sku_zip"): {
        "message": "success",
        "key": "...",
        "upload_id": "...",
        "upload_urls": ["..."],
    },
    ("complete_multipart_upload", ""): {"message": "success"},
    ("create_model", ""): {"success": True, "model_id": "xxx"},
    ("get_models", "list"): {
        "models": [
            {
                "model_id": "xxx",
                "model_name": "Dae Nakamura",
                "model_type": "Women",
                "attributes": MODEL_ATTRIBUTES,  # repair: the keys POST /model documents
            }
        ]
    },
    ("get_models", "images"): {
        "model_images": [
            {
                "model_image_id": "...",
                "model_image_url": "https://...",
                "model_id": "xxx",
                "style_id": "yyy",
                "view_type": "front_facing",
                "crop_type": "fullbody",
            }
        ]
    },
    ("generate_face", ""): {
        "request_id": "xxx",
        "status": "Request Submitted",
        "images_generated": [],
        "num_output_images": 2,
    },
    ("create_model_image", "generate"): {
        "request_id": "xxx",
        "status": "Request Submitted",
        "images_generated": [],
        "num_output_images": 1,
    },
    ("create_model_image", "save"): {
        "success": True,
        "image_id": "...",
        "image_url": "https://...",
        "view_type": "front_facing",
        "crop_type": "fullbody",
    },
    ("get_generation_request", ""): {
        "status": "Generation Completed",
        "images_generated": [
            {"model_image_id": "path/to/output.png", "model_image_url": "https://s3.../output.png?signed..."}
        ],
    },
    ("generate_pose", ""): {"request_id": "xxx"},
    ("list_pose_library", ""): {
        "poses": [
            {
                "pose_id": "f00cb596...",
                "pose_name": "Full body upright",
                "model_category": "Women",
                "prompt_type": "fullbody",
                "reference_image_url": "https://cdn.huhu.ai/poses/xxx.png",
                "sketch_url": "https://cdn.huhu.ai/poses/yyy.png",
            }
        ],
        "total": 14,
    },
    ("get_poses", "list"): {
        "poses": [
            {
                "pose_id": "xxx",
                "title": "Standing Front",
                "prompt": "standing pose, front facing...",
                "reference_image_presigned_url": "https://...",
                "prompt_type": "fullbody",
            }
        ]
    },
    ("get_poses", "detail"): {
        "pose_id": "xxx",
        "title": "...",
        "prompt": "...",
        "reference_image_presigned_url": "https://...",
    },
    ("create_pose", ""): {
        "status": "success",
        "pose_id": "xxx",
        "pose_prompt": "standing pose, front facing, arms at sides...",
        "pose_title": "My Pose",
    },
    ("get_skus", "detail"): {
        "skus": [
            {
                "sku_id": "xxx",
                "sku_name": "sku1",
                "garment_type": "Full body",
                "garment_images": [
                    {
                        "garment_id": "abc",
                        "image_id": "assets/sku_images/xxx.png",
                        "image_url": "https://...",
                        "garment_type": "Top",
                        "view": "front",
                        "presentation": "flatlay_clean",
                    }
                ],
            }
        ]
    },
    # Inferred: the list is not shown; its SKUs are the detail's without garment_images.
    ("get_skus", "list"): {"skus": [{"sku_id": "xxx", "sku_name": "sku1", "garment_type": "Full body"}]},
    ("create_tasks", ""): {"message": "success"},
    ("generate_tasks", ""): {"message": "success"},
    ("get_tasks", "list"): {
        "skus": [
            {"sku_name": "Blue Dress", "tasks": [{"task_id": "xxx", "task_status": "Generation completed"}]}
        ]
    },
    ("get_tasks", "detail"): {
        "task_id": "xxx",
        "task_status": "Generation completed",
        "output": [{"image_id": "xxx", "image_url": "https://..."}],
    },
    ("list_video_requests", ""): {
        "requests": [
            {
                "request_status": "Generation completed",
                "video_url": "https://s3.../video.mp4?signed...",
                "duration": "5",
            }
        ]
    },
    ("create_upscale", ""): {"status": "success", "request_id": "req-upscale-123", "cost": 2},
    ("get_upscale", ""): {
        "request_id": "...",
        "status": "success",
        "result_urls": ["https://...upscaled.png"],
    },
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

# Every JSON request example of the reference: (method, path, query, body); "{name}" is a real id.
REQUESTS: list[tuple[str, str, dict[str, str], dict[str, Any] | None]] = [
    # curl examples (Authentication, Common Workflows)
    ("GET", "/metering/plan", {}, None),
    ("GET", "/program", {}, None),
    ("GET", "/project", {}, None),
    ("POST", "/project", {}, {"project_name": "New Project"}),
    ("GET", "/task", {}, None),
    # POST /model: "Request with attributes"
    (
        "POST",
        "/model",
        {},
        {
            "model_name": "Caucasian Plus-Size Woman",
            "model_type": "Women",
            "model_size": "Plus size",
            "attributes": {
                "ethnicity": "Caucasian",
                "age_range": "Middle-aged",
                "hair_color": "Blonde",
                "hair_style": "Long",
                "skin_tone": "Fair",
            },
        },
    ),
    # POST /model/image: "Generate request" and "Upload request" (the S3 URL kept verbatim)
    ("POST", "/model/image", {}, {"prompt": "professional photo of model wearing garment"}),
    (
        "POST",
        "/model/image",
        {},
        {"model_id": "{model_id}", "style_id": "yyy", "image_url": "https://s3.../generated.png?signed..."},
    ),
    # PUT /sku: "Body"
    (
        "PUT",
        "/sku",
        {},
        {
            "sku_ids": ["{sku_id}"],
            "model_id": "{model_id}",
            "style_id": "{style_id}",
            "garment_type": "Full body",
        },
    ),
    # Quick reference query strings
    ("GET", "/metering/credit-history", {}, None),
    ("GET", "/program", {"owned": "true"}, None),
    ("GET", "/project", {"project_id": "{project_id}"}, None),
    ("GET", "/model", {}, None),
    ("GET", "/model", {"model_id": "{model_id}"}, None),
    ("GET", "/model/image", {"request_id": "{request_id}"}, None),
    ("GET", "/pose/library", {}, None),
    ("GET", "/pose", {}, None),
    ("GET", "/pose", {"pose_id": "{pose_id}"}, None),
    ("GET", "/sku", {"project_id": "{project_id}"}, None),
    ("GET", "/sku", {"project_id": "{project_id}", "sku_id": "{sku_id}"}, None),
    ("GET", "/task", {"project_id": "{project_id}", "sku_id": "{sku_id}", "task_id": "{task_id}"}, None),
    ("GET", "/video/requests", {}, None),
    ("GET", "/upscale", {"request_id": "{upscale_id}"}, None),
]

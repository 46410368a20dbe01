"""Models, model images, generation requests and poses: ``/model*``, ``/pose*``."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Any

from mock_server import catalog
from mock_server.domain.access import Caller
from mock_server.domain.files import detect_crop_type, preset_image_path, upload_checks
from mock_server.domain.jobs import JobsMixin
from mock_server.domain.shared import FILTER_ATTRIBUTES, FILTER_FIELDS, Json, Row, new_id, pick
from mock_server.errors import Forbidden, Invalid, NotFound
from mock_server.storage import Tx
from mock_server.uploads import decode_image


class GalleryOps(JobsMixin):
    """/model, /model/face, /model/image, /model/pose, /pose/library, /pose."""

    def create_model(self, caller: Caller, params: Mapping[str, Any]) -> Json:
        model_id = new_id()
        with self.db.transaction() as tx:
            program = self._program(tx, caller, params.get("program_id"))
            tx.insert(
                "models",
                {
                    "model_id": model_id,
                    "program_id": program["program_id"],
                    "model_name": params["model_name"],
                    "model_type": params.get("model_type"),
                    "model_size": params.get("model_size"),
                    "attributes": json.dumps(params.get("attributes") or {}),
                    "create_time": self._ms(),
                },
            )
        return {"success": True, "model_id": model_id}

    def get_models(self, caller: Caller, params: Mapping[str, Any]) -> Json:
        with self.db.read() as tx:
            program = self._program(tx, caller, params.get("program_id"))
            if params.get("model_id") is not None:
                return {"model_images": self._model_images(tx, caller, params["model_id"])}
            rows = tx.all("SELECT * FROM models WHERE program_id = ? ORDER BY seq", (program["program_id"],))
        models = [m.summary() for m in self._presets.values()] + [self._model_summary(row) for row in rows]
        return {"models": [m for m in models if self._matches(m, params)]}

    @staticmethod
    def _matches(model: Mapping[str, Any], filters: Mapping[str, Any]) -> bool:
        """D-FILTERS: exact, case-insensitive."""
        for name in FILTER_FIELDS + FILTER_ATTRIBUTES:
            wanted = filters.get(name)
            if wanted is None:
                continue
            have = model.get(name) if name in FILTER_FIELDS else model["attributes"].get(name)
            if not isinstance(have, str) or have.casefold() != str(wanted).casefold():
                return False
        return True

    def _model_images(self, tx: Tx, caller: Caller, model_id: str) -> list[Json]:
        images: list[tuple[Mapping[str, Any] | Row, str]]  # (the image's fields, its file path)
        if self._model(tx, caller, model_id)["preset"]:
            presets = self._presets[model_id].images
            images = [(vars(image), preset_image_path(image.model_image_id)) for image in presets]
        else:
            rows = tx.all("SELECT * FROM model_images WHERE model_id = ? ORDER BY seq", (model_id,))
            images = [(row, row["model_image_id"]) for row in rows]
        return [
            {
                "model_image_id": image["model_image_id"],
                "model_image_url": self.file_url(caller, path),
                "model_id": model_id,
                **pick(image, "style_id", "view_type", "crop_type"),
            }
            for image, path in images
        ]

    def generate_face(self, caller: Caller, params: Mapping[str, Any]) -> Json:
        return self._generate(caller, params, "generate_face", "face", params.get("num_output_images", 1))

    def create_model_image(self, caller: Caller, params: Mapping[str, Any]) -> Json:
        if "prompt" in params:
            count = params.get("num_output_images", 1)
            return self._generate(caller, params, "create_model_image", "image", count)
        return self._save_model_image(caller, params)

    def generate_pose(self, caller: Caller, params: Mapping[str, Any]) -> Json:
        answer = self._generate(caller, params, "generate_pose", "pose", 2)
        return {"request_id": answer["request_id"], "status": answer["status"]}

    def _generate(
        self, caller: Caller, params: Mapping[str, Any], operation_id: str, kind: str, count: int
    ) -> Json:
        """Start a face / image / pose generation request (its optional ``reference_image`` must resolve)."""
        request_id = new_id()
        reference = self._predecode(params.get("reference_image"), "body.reference_image")
        with self.db.transaction() as tx:
            program = self._program(tx, caller, params.get("program_id"))
            if params.get("reference_image"):
                self._image_input(
                    tx, caller, params["reference_image"], "body.reference_image", decoded=reference
                )
            tx.insert(
                "gen_requests",
                {
                    "request_id": request_id,
                    "program_id": program["program_id"],
                    "kind": kind,
                    "status": self.generation_life.state("submitted"),
                    "num_output_images": count,
                    "prompt": params["prompt"],
                    "create_time": self._ms(),
                },
            )
            self._admit_job(tx, kind, operation_id, params, program, request_id)
        return self._generation(caller, request_id, self.generation_life.state("submitted"), [], count)

    def _generation(self, caller: Caller, request_id: str, status: str, paths: list[str], count: int) -> Json:
        """A generation request as the API shows it, its images as signed URLs."""
        images = [{"model_image_id": path, "model_image_url": self.file_url(caller, path)} for path in paths]
        return {
            "request_id": request_id,
            "status": status,
            "images_generated": images,
            "num_output_images": count,
        }

    def get_generation_request(self, caller: Caller, params: Mapping[str, Any]) -> Json:
        with self.db.read() as tx:
            request_id = params["request_id"]
            row = self._owned(
                tx, caller, tx.get("gen_requests", "request_id", request_id), "Request", request_id
            )
            if params.get("program_id") and params["program_id"] != row["program_id"]:
                raise NotFound(f"Request {request_id} not found in program {params['program_id']}")
        paths = json.loads(row["images"])
        return self._generation(caller, request_id, row["status"], paths, row["num_output_images"])

    def _save_model_image(self, caller: Caller, params: Mapping[str, Any]) -> Json:
        """D-MODEL-IMAGE save mode: exactly one of image_url and file_data; free."""
        has_url, has_data = bool(params.get("image_url")), bool(params.get("file_data"))
        if has_url == has_data:
            raise Invalid.field("body", "save mode needs exactly one of image_url and file_data")
        data_image = self._predecode(params.get("file_data"), "body.file_data")
        self._predecode(params.get("image_url"), "body.image_url")  # renders a pending job output now
        with self.db.transaction() as tx:
            model_id = params["model_id"]
            model = self._model(tx, caller, model_id)
            if model["preset"]:
                raise Forbidden(f"Model {model_id} is a preset gallery model; save images to your own models")
            row = tx.get("models", "model_id", model_id)
            assert row is not None
            if params.get("program_id") and params["program_id"] != row["program_id"]:
                raise NotFound(f"Model {model_id} not found in program {params['program_id']}")
            if has_url:
                image = self._image_input(tx, caller, params["image_url"], "body.image_url")
            else:
                with upload_checks():
                    image = data_image or decode_image(params["file_data"], field="body.file_data")
            path = self._store_image(tx, f"assets/models/{model_id}", row["program_id"], image)
            view_type, crop_type = "front_facing", detect_crop_type(image)
            tx.insert(
                "model_images",
                {
                    "model_image_id": path,
                    "model_id": model_id,
                    "style_id": params["style_id"],
                    "view_type": view_type,
                    "crop_type": crop_type,
                    "create_time": self._ms(),
                },
            )
        return {
            "success": True,
            "image_id": path,
            "image_url": self.file_url(caller, path),
            "view_type": view_type,
            "crop_type": crop_type,
        }

    def list_pose_library(self, caller: Caller, params: Mapping[str, Any]) -> Json:
        poses = [
            p
            for p in self._poses
            if params.get("model_category") in (None, p.model_category)
            and params.get("prompt_type") in (None, p.prompt_type)
        ]
        return {
            "poses": [
                {
                    **pick(vars(p), "pose_id", "pose_name", "model_category", "prompt_type"),
                    "reference_image_url": self.file_url(caller, f"catalog/poses/{p.pose_id}.png"),
                    "sketch_url": self.file_url(caller, f"catalog/sketches/{p.pose_id}.png"),
                }
                for p in poses
            ],
            "total": len(poses),
        }

    def _custom_pose(self, caller: Caller, row: Row) -> Json:
        return {
            **pick(row, "pose_id", "title", "prompt"),
            "reference_image_presigned_url": self.file_url(caller, row["reference_file"]),
            "prompt_type": row["prompt_type"],
        }

    def get_poses(self, caller: Caller, params: Mapping[str, Any]) -> Json:
        with self.db.read() as tx:
            if params.get("pose_id") is not None:
                pose_id = params["pose_id"]
                row = self._owned(tx, caller, tx.get("poses", "pose_id", pose_id), "Pose", pose_id)
                return self._custom_pose(caller, row)
            program = self._program(tx, caller, params.get("program_id"))
            rows = tx.all("SELECT * FROM poses WHERE program_id = ? ORDER BY seq", (program["program_id"],))
        return {"poses": [self._custom_pose(caller, row) for row in rows]}

    def create_pose(self, caller: Caller, params: Mapping[str, Any]) -> Json:
        pose_id = new_id()
        reference = self._predecode(params["reference_image"], "body.reference_image")
        with self.db.transaction() as tx:
            program = self._program(tx, caller, params.get("program_id"))
            image = self._image_input(
                tx, caller, params["reference_image"], "body.reference_image", decoded=reference
            )
            prompt = catalog.pose_prompt(hashlib.sha256(image.data).hexdigest())
            self._admit(
                tx, operation_id="create_pose", body=params, program=program, request_id=pose_id, jobs=[]
            )
            path = self._store_image(tx, "assets/poses", program["program_id"], image)
            tx.insert(
                "poses",
                {
                    "pose_id": pose_id,
                    "program_id": program["program_id"],
                    "title": params["pose_title"],
                    "prompt": prompt,
                    "prompt_type": detect_crop_type(image),  # fullbody | head_half_cropped
                    "reference_file": path,
                    "create_time": self._ms(),
                },
            )
        return {
            "status": "success",
            "pose_id": pose_id,
            "pose_prompt": prompt,
            "pose_title": params["pose_title"],
        }

"""Video and upscale: ``/video``, ``/video/requests``, ``/upscale``."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from mock_server.domain.access import Caller
from mock_server.domain.files import upload_checks
from mock_server.domain.jobs import JobsMixin
from mock_server.domain.shared import Json, new_id, pick
from mock_server.errors import Invalid, NotFound
from mock_server.uploads import decode_image


class MediaOps(JobsMixin):
    """POST /video, GET /video/requests, POST and GET /upscale."""

    def create_video(self, caller: Caller, params: Mapping[str, Any]) -> Json:
        request_id = new_id()
        frame = params["first_frame_image"]
        frame_field = "body.first_frame_image.image_base64"
        frame_image = self._predecode(frame.get("image_base64"), frame_field)
        self._predecode(frame.get("image_id"), "body.first_frame_image.image_id")
        with self.db.transaction() as tx:
            project = self._project(tx, caller, params["project_id"], params.get("program_id"))
            sku = self._sku(tx, caller, params["sku_id"], project)
            if params.get("source_task_id") is not None:
                self._task(tx, caller, params["source_task_id"], project, sku["sku_id"])
            if "image_id" in frame:
                image = self._image_by_id(tx, caller, frame["image_id"], "body.first_frame_image.image_id")
                if image is None:
                    raise NotFound(f"Image {frame['image_id']} not found")
            else:
                with upload_checks():
                    image = frame_image or decode_image(frame["image_base64"], field=frame_field)
            program = self._program(tx, caller, project["program_id"])  # the project's, so usable
            path = self._store_image(tx, "inputs/video", program["program_id"], image)
            tx.insert(
                "videos",
                {
                    "request_id": request_id,
                    "program_id": program["program_id"],
                    "project_id": project["project_id"],
                    "sku_id": sku["sku_id"],
                    "request_status": self.video_life.state("submitted"),
                    "duration": params["video_length"],
                    "prompt": params["prompt"],
                    "first_frame_file": path,
                    "source_task_id": params.get("source_task_id"),
                    "create_time": self._ms(),
                },
            )
            cost = self._admit_job(tx, "video", "create_video", params, program, request_id)
        submitted = self.video_life.state("submitted")
        return {"message": "success", "request_id": request_id, "request_status": submitted, "cost": cost}

    def list_video_requests(self, caller: Caller, params: Mapping[str, Any]) -> Json:
        with self.db.read() as tx:
            return self._paginate(
                tx,
                "list_video_requests",
                params,
                lambda row: {
                    **pick(row, "request_id", "request_status"),
                    "video_url": self.file_url(caller, row["video_file"]) if row["video_file"] else None,
                    **pick(row, "duration", "project_id", "sku_id", "create_time"),
                },
                table="videos",
                program_of=caller,
                size=params.get("limit") or 10,
                newest_first=True,
            )

    def create_upscale(self, caller: Caller, params: Mapping[str, Any]) -> Json:
        request_id = new_id()
        factor = float(params.get("upscale_factor", 2))
        limit = int(self.spec.operation("create_upscale").raw.get("x-huhu-max-output-pixels", 18_000_000))
        source = self._predecode(params["image"], "body.image")
        with self.db.transaction() as tx:
            program = self._program(tx, caller, params.get("program_id"))
            image = self._image_input(
                tx, caller, params["image"], "body.image", documented_ids=False, decoded=source
            )
            output = image.width * image.height * factor * factor
            if output > limit:
                raise Invalid.field(
                    "body.upscale_factor",
                    f"{image.width}x{image.height} x {factor:g} gives {output:,.0f} pixels;"
                    f" the limit is {limit:,} (input_pixels x factor^2)",
                )
            path = self._store_image(tx, "inputs/upscale", program["program_id"], image)
            tx.insert(
                "upscales",
                {
                    "request_id": request_id,
                    "program_id": program["program_id"],
                    "status": self.upscale_life.state("submitted"),
                    "upscale_factor": factor,
                    "num_images": params.get("num_images", 1),
                    "input_file": path,
                    "create_time": self._ms(),
                },
            )
            cost = self._admit_job(tx, "upscale", "create_upscale", params, program, request_id)
        return {"status": "success", "request_id": request_id, "cost": cost}

    def get_upscale(self, caller: Caller, params: Mapping[str, Any]) -> Json:
        with self.db.read() as tx:
            request_id = params["request_id"]
            row = self._owned(tx, caller, tx.get("upscales", "request_id", request_id), "Request", request_id)
        return {
            **pick(row, "request_id", "status"),
            "result_urls": [self.file_url(caller, path) for path in json.loads(row["results"])],
        }

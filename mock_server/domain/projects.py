"""Projects and uploads: ``/project``, ``/project/upload`` and the presigned multipart zip upload."""

from __future__ import annotations

import hashlib
import hmac
import math
from collections.abc import Mapping
from functools import cache
from typing import Any

from mock_server.domain.base import (
    IMAGE_MIME,
    MAX_ZIP_BYTES,
    S3_ROUTE,
    Caller,
    Json,
    Row,
    new_id,
    sku_category,
    upload_error,
)
from mock_server.domain.jobs import JobsMixin
from mock_server.errors import (
    FieldError,
    Forbidden,
    Invalid,
    InvalidState,
    NotFound,
)
from mock_server.signing import SignatureError
from mock_server.storage import Tx, marks
from mock_server.uploads import (
    DecodedImage,
    UploadError,
    classify_garment,
    decode_image,
    unpack_sku_zip,
)

MAX_PARTS = 10_000  # as S3 (CompletedPart.PartNumber maximum)


@cache
def _project_status_sql(running: int, generated: int) -> str:
    """Params: project id, the running task statuses, the generated (done) task statuses, project id."""
    return f"""
SELECT
    EXISTS (SELECT 1 FROM uploads WHERE project_id = ? AND state = 'open') AS open_uploads,
    COALESCE(SUM(task_status IN ({marks(running)})), 0) AS running,
    COALESCE(SUM(task_status IN ({marks(generated)})), 0) AS generated,
    COUNT(*) AS tasks
FROM tasks WHERE project_id = ?
"""


class ProjectOps(JobsMixin):
    """GET and POST /project, POST /project/upload, the part PUTs, POST /project/complete_multipart_upload."""

    def _project_status(self, tx: Tx, project_id: str) -> str:
        """D-PROJECT-STATUS, derived from uploads and tasks (one statement, no task list in memory)."""
        running, generated = sorted(self.task_life.running), sorted(self.task_life.done)
        sql = _project_status_sql(len(running), len(generated))
        row = tx.one(sql, (project_id, *running, *generated, project_id))
        assert row is not None  # aggregates always give one row
        life = self.project_life
        if row["open_uploads"]:
            return life.state("uploading")
        if row["running"]:
            return life.state("running")
        if row["tasks"] and row["generated"] == row["tasks"]:
            return life.state("completed")
        return life.state("idle")

    def _project_detail(self, tx: Tx, row: Row | Mapping[str, Any], status: str | None = None) -> Json:
        return {
            "project_id": row["project_id"],
            "project_name": row["project_name"],
            "project_status": status or self._project_status(tx, row["project_id"]),
            "create_time": row["create_time"],
            "program_id": row["program_id"],
        }

    def get_projects(self, caller: Caller, params: Mapping[str, Any]) -> Json:
        with self.db.read() as tx:
            if params.get("project_id") is not None:
                row = self._project(tx, caller, params["project_id"], params.get("program_id"))
                return self._project_detail(tx, row)
            program = self._program(tx, caller, params.get("program_id"))
            pid = program["program_id"]
            page = self._pager.page(
                tx,
                table="projects",
                where="program_id = ?",
                params=[pid],
                scope=f"projects:{pid}",
                token=params.get("pagination_token"),
                size=self.page_size,
            )
            projects = [
                {
                    "project_id": row["project_id"],
                    "project_name": row["project_name"],
                    "project_status": self._project_status(tx, row["project_id"]),
                }
                for row in page.rows
            ]
        return {"projects": projects, "pagination_token": page.next_token}

    def create_project(self, caller: Caller, params: Mapping[str, Any]) -> Json:
        project_id = new_id()
        with self.db.transaction() as tx:
            program = self._program(tx, caller, params.get("program_id"))
            values = {
                "project_id": project_id,
                "program_id": program["program_id"],
                "project_name": params["project_name"],
                "create_time": self._ms(),
            }
            tx.insert("projects", values)
            # The row as inserted, and the status of a project without uploads or tasks (nothing
            # to read back: this transaction created it).
            return self._project_detail(tx, values, status=self.project_life.state("idle"))

    def upload_project_file(self, caller: Caller, params: Mapping[str, Any]) -> Json:
        file_type = params["file_type"]
        if file_type == "sku_zip":
            return self._start_zip_upload(caller, params)
        if not params.get("file_data"):
            raise Invalid.field("body.file_data", f"is required for file_type {file_type}")
        with self.db.read() as tx:  # 404 / 403 before the (slow) image decoding
            self._project(tx, caller, params["project_id"], params.get("program_id"))
        try:
            image = decode_image(params["file_data"], field="body.file_data")
        except UploadError as exc:
            raise upload_error(exc) from None
        with self.db.transaction() as tx:
            project = self._project(tx, caller, params["project_id"], params.get("program_id"))
            program_id = project["program_id"]
            if file_type == "garment_image":
                count = tx.scalar("SELECT COUNT(*) FROM skus WHERE project_id = ?", (project["project_id"],))
                name = params.get("sku_name") or f"image-{int(count) + 1}"
                _, ext = IMAGE_MIME[image.format]
                sku_id, paths = self._create_sku(tx, project, name, [(f"{name}.{ext}", image)])
                return {
                    "success": True,
                    "image_id": paths[0],
                    "sku_id": sku_id,
                    "image_url": self.file_url(caller, paths[0]),
                }
            folder = "assets/model_images" if file_type == "model_image" else "assets/reference_images"
            path = self._store_image(tx, folder, program_id, image)
            tx.insert(
                "uploaded_images",
                {
                    "image_id": path,
                    "team_id": caller.team_id,
                    "program_id": program_id,
                    "project_id": project["project_id"],
                    "file_type": file_type,
                    "create_time": self._ms(),
                },
            )
        return {"success": True, "image_id": path, "image_url": self.file_url(caller, path)}

    def _create_sku(
        self, tx: Tx, project: Row, name: str, images: list[tuple[str, DecodedImage]]
    ) -> tuple[str, list[str]]:
        """A new SKU holding ``images`` (file name, image), each classified; returns its id and image ids."""
        sku_id = new_id()
        classes = [(filename, image, classify_garment(filename, image)) for filename, image in images]
        tx.insert(
            "skus",
            {
                "sku_id": sku_id,
                "project_id": project["project_id"],
                "sku_name": name,
                "garment_type": sku_category(c.garment_type for _, _, c in classes),
                "create_time": self._ms(),
            },
        )
        paths = []
        for filename, image, garment in classes:
            path = self._store_image(tx, "assets/sku_images", project["program_id"], image)
            tx.insert(
                "garment_images",
                {
                    "garment_id": new_id(),
                    "sku_id": sku_id,
                    "image_id": path,
                    "file_name": filename,
                    "garment_type": garment.garment_type,
                    "view": garment.view,
                    "presentation": garment.presentation,
                },
            )
            paths.append(path)
        return sku_id, paths

    def _start_zip_upload(self, caller: Caller, params: Mapping[str, Any]) -> Json:
        size = params.get("file_size")
        if size is None:
            raise Invalid.field("body.file_size", "is required for file_type sku_zip")
        if size > MAX_ZIP_BYTES:
            raise Invalid.field("body.file_size", f"must be at most {MAX_ZIP_BYTES} bytes (1 GiB)")
        part_count = max(1, math.ceil(size / self.part_size))
        if part_count > MAX_PARTS:
            raise Invalid.field(
                "body.file_size", f"needs more than {MAX_PARTS} parts of {self.part_size} bytes"
            )
        upload_id = new_id()
        with self.db.transaction() as tx:
            project = self._project(tx, caller, params["project_id"], params.get("program_id"))
            key = f"uploads/{project['project_id']}/{upload_id}/skus.zip"
            tx.insert(
                "uploads",
                {
                    "upload_id": upload_id,
                    "project_id": project["project_id"],
                    "key": key,
                    "file_size": size,
                    "part_size": self.part_size,
                    "part_count": part_count,
                    "state": "open",
                    "create_time": self._ms(),
                },
            )
        urls = [self._part_url(caller.base_url, key, upload_id, n) for n in range(1, part_count + 1)]
        return {
            "message": "success",
            "key": key,
            "upload_id": upload_id,
            "upload_urls": urls,
            "part_size": self.part_size,
        }

    @staticmethod
    def _part_route(key: str, upload_id: str, part_number: int) -> str:
        return f"{S3_ROUTE}{key}/{upload_id}/{part_number}"

    def _part_url(self, base_url: str, key: str, upload_id: str, part_number: int) -> str:
        signed = self._signer.sign(
            self._part_route(key, upload_id, part_number), expires_at=self.clock.now() + self.url_ttl_seconds
        )
        signature = signed.partition("?")[2]
        return (
            f"{base_url.rstrip('/')}{S3_ROUTE}{key}?uploadId={upload_id}&partNumber={part_number}&{signature}"
        )

    def upload_part(self, key: str, query: Mapping[str, str], data: bytes) -> str:
        """Store one part PUT to a presigned URL; return its ETag (quoted MD5, as S3 does)."""
        upload_id = query.get("uploadId", "")
        number_text = query.get("partNumber", "")
        if not number_text.isdigit() or not upload_id:
            raise Forbidden("Upload URL refused: uploadId and partNumber are required")
        number = int(number_text)
        try:
            self._signer.verify(self._part_route(key, upload_id, number), query, now=self.clock.now())
        except SignatureError as exc:
            raise Forbidden(f"Upload URL refused: {exc}") from None
        etag = '"' + hashlib.md5(data, usedforsecurity=False).hexdigest() + '"'
        with self.db.transaction() as tx:
            upload = tx.get("uploads", "upload_id", upload_id)
            if upload is None or upload["key"] != key:
                raise NotFound("No such upload")
            if upload["state"] != "open":
                raise InvalidState.field("upload", "the upload is already completed")
            if not 1 <= number <= upload["part_count"]:
                raise Invalid.field("partNumber", f"must be between 1 and {upload['part_count']}")
            if len(data) > upload["part_size"]:
                raise Invalid.field("body", f"a part holds at most {upload['part_size']} bytes")
            tx.execute(
                "INSERT OR REPLACE INTO upload_parts (upload_id, part_number, etag, data) VALUES (?, ?, ?, ?)",
                (upload_id, number, etag, data),
            )
        return etag

    def complete_multipart_upload(self, caller: Caller, params: Mapping[str, Any]) -> Json:
        with self.db.transaction() as tx:
            project = self._project(tx, caller, params["project_id"], params.get("program_id"))
            upload = tx.get("uploads", "upload_id", params["upload_id"])
            if upload is None or upload["project_id"] != project["project_id"]:
                raise NotFound(f"Upload {params['upload_id']} not found in project {project['project_id']}")
            if upload["key"] != params["key"]:
                raise Invalid.field("body.key", "does not match the upload's key")
            if upload["state"] != "open":
                raise InvalidState.field("body.upload_id", "the upload is already completed")
            stored = {
                r["part_number"]: r
                for r in tx.all("SELECT * FROM upload_parts WHERE upload_id = ?", (upload["upload_id"],))
            }
            errors = self._part_errors(params["parts"], stored, upload["part_count"])
            if errors:
                raise Invalid(errors)
            data = b"".join(bytes(stored[n]["data"]) for n in range(1, upload["part_count"] + 1))
            try:
                folders = unpack_sku_zip(
                    data, default_sku_name=upload["key"].rsplit("/", 1)[-1].rsplit(".", 1)[0]
                )
            except UploadError as exc:
                raise upload_error(exc) from None
            for folder in folders:
                images = [(f"{folder.name}/{name}", image) for name, image in folder.images]
                self._create_sku(tx, project, folder.name, images)
            tx.update("uploads", "upload_id", upload["upload_id"], {"state": "completed"})
            tx.execute("DELETE FROM upload_parts WHERE upload_id = ?", (upload["upload_id"],))
        return {"message": "success"}

    @staticmethod
    def _part_errors(
        parts: list[Mapping[str, Any]], stored: Mapping[int, Row], count: int
    ) -> list[FieldError]:
        errors: list[FieldError] = []
        seen: set[int] = set()
        for i, part in enumerate(parts):
            number, etag = int(part["PartNumber"]), str(part["ETag"]).strip('"')
            if number in seen:
                errors.append(FieldError(f"body.parts.{i}.PartNumber", f"part {number} is listed twice"))
            seen.add(number)
            if number not in stored:
                errors.append(FieldError(f"body.parts.{i}.PartNumber", f"part {number} was never uploaded"))
            elif not hmac.compare_digest(stored[number]["etag"].strip('"').encode(), etag.encode()):
                errors.append(FieldError(f"body.parts.{i}.ETag", f"does not match the ETag of part {number}"))
        for number in range(1, count + 1):
            if number not in seen:
                errors.append(FieldError("body.parts", f"part {number} of {count} is missing"))
        return errors

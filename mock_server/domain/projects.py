"""Projects and uploads: ``/project``, ``/project/upload`` and the presigned multipart zip upload."""

from __future__ import annotations

import hashlib
import hmac
import io
import math
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property, partial
from typing import IO, Any

from mock_server import elastic
from mock_server.domain.access import CAN_ACCESS_PROGRAM, Caller
from mock_server.domain.files import upload_checks
from mock_server.domain.jobs import JobsMixin
from mock_server.domain.shared import IMAGE_MIME, MAX_ZIP_BYTES, S3_ROUTE, Json, Row, new_id, sku_category
from mock_server.errors import FieldError, Forbidden, Invalid, InvalidState, NotFound
from mock_server.signing import SignatureError
from mock_server.storage import Tx, marks
from mock_server.uploads import DecodedImage, classify_garment, decode_image, unpack_sku_zip

_CREATE_PROJECT_SQL = f"""
INSERT INTO projects (project_id, project_name, create_time, program_id)
SELECT ?, ?, ?, program_id FROM programs WHERE program_id = ? AND {CAN_ACCESS_PROGRAM}
"""


@dataclass(frozen=True)
class PartBody:
    """A part PUT's body, not read yet: ``length`` bytes to read from ``stream``."""

    stream: IO[bytes]
    length: int


MAX_PARTS = 10_000  # as S3 (CompletedPart.PartNumber maximum)
PART_CHUNK = 1024 * 1024  # a part PUT is copied into SQLite this many bytes at a time
SPOOL_BYTES = 16 * 1024 * 1024  # an assembled archive larger than this is spooled to a temporary file
# Why an upload is no longer open (any other state: completed).
_CLOSED = {
    "rejected": "the upload's archive was refused; start a new upload",
    "expired": "the upload expired before it was completed; start a new upload",
}


class ProjectOps(JobsMixin):
    """GET and POST /project, POST /project/upload, the part PUTs, POST /project/complete_multipart_upload."""

    @cached_property
    def _project_status_query(self) -> tuple[str, tuple[str, ...]]:
        """The statement of :meth:`_project_status` and its task statuses (x-huhu-lifecycle), made once:
        a page of projects reads one status per project."""
        running, generated = sorted(self.task_life.running), sorted(self.task_life.done)
        sql = f"""
SELECT
    EXISTS (SELECT 1 FROM uploads WHERE project_id = ? AND state = 'open') AS open_uploads,
    COALESCE(SUM(task_status IN ({marks(len(running))})), 0) AS running,
    COALESCE(SUM(task_status IN ({marks(len(generated))})), 0) AS generated,
    COUNT(*) AS tasks
FROM tasks WHERE project_id = ?
"""  # params: project id, the running task statuses, the generated (done) task statuses, project id
        return sql, (*running, *generated)

    def _project_status(self, tx: Tx, project_id: str) -> str:
        """D-PROJECT-STATUS, derived from uploads and tasks (one statement, no task list in memory)."""
        sql, statuses = self._project_status_query
        row = tx.one(sql, (project_id, *statuses, project_id))
        assert row is not None  # aggregates always give one row
        life = self.project_life
        if row["open_uploads"]:
            return life.state("uploading")
        if row["running"]:
            return life.state("running")
        if row["tasks"] and row["generated"] == row["tasks"]:
            return life.state("completed")
        return life.state("idle")

    def _project_item(self, tx: Tx | None, row: Row | Mapping[str, Any], status: str | None = None) -> Json:
        """A project in a list: id, name and status (read in ``tx`` unless given)."""
        if status is None:
            assert tx is not None, "a project's status is read in a transaction"
            status = self._project_status(tx, row["project_id"])
        item = {"project_id": row["project_id"], "project_name": row["project_name"]}
        return {**item, "project_status": status}

    def _project_detail(self, tx: Tx | None, row: Row | Mapping[str, Any], status: str | None = None) -> Json:
        item = self._project_item(tx, row, status)
        return {**item, "create_time": row["create_time"], "program_id": row["program_id"]}

    def get_projects(self, caller: Caller, params: Mapping[str, Any]) -> Json:
        with self.db.read() as tx:
            if params.get("project_id") is not None:
                row = self._project(tx, caller, params["project_id"], params.get("program_id"))
                return self._project_detail(tx, row)
            return self._paginate(
                tx,
                "get_projects",
                params,
                lambda row: self._project_item(tx, row),
                table="projects",
                program_of=caller,
            )

    def create_project(self, caller: Caller, params: Mapping[str, Any]) -> Json:
        values = {
            "project_id": new_id(),
            "program_id": params.get("program_id") or caller.program_id,
            "project_name": params["project_name"],
            "create_time": self._ms(),
        }
        # One statement checks the caller may use the program and inserts (the common case); when it
        # inserts nothing, the program is read to say why (404 / 403), and a program that became
        # usable meanwhile (shared) is tried again.
        args = (values["project_id"], values["project_name"], values["create_time"], values["program_id"])
        while not self.db.write(_CREATE_PROJECT_SQL, (*args, caller.team_id, caller.team_id)):
            with self.db.read() as tx:
                self._program(tx, caller, values["program_id"])
        # The row as inserted, and the status of a project without uploads or tasks (nothing to read
        # back: this statement created it).
        return self._project_detail(None, values, status=self.project_life.state("idle"))

    def upload_project_file(self, caller: Caller, params: Mapping[str, Any]) -> Json:
        file_type = params["file_type"]
        if file_type == "sku_zip":
            return self._start_zip_upload(caller, params)
        if not params.get("file_data"):
            raise Invalid.field("body.file_data", f"is required for file_type {file_type}")
        with self.db.read() as tx:  # 404 / 403 before the (slow) image decoding
            self._project(tx, caller, params["project_id"], params.get("program_id"))
        with upload_checks(), elastic.waiting():
            image = decode_image(params["file_data"], field="body.file_data")
        with self.db.transaction() as tx:
            project = self._project(tx, caller, params["project_id"], params.get("program_id"))
            sku: Json = {}  # a garment image makes an SKU
            if file_type == "garment_image":
                count = tx.scalar("SELECT COUNT(*) FROM skus WHERE project_id = ?", (project["project_id"],))
                name = params.get("sku_name") or f"image-{int(count) + 1}"
                _, ext = IMAGE_MIME[image.format]
                sku_id, [path] = self._create_sku(tx, project, name, [(f"{name}.{ext}", image)])
                sku = {"sku_id": sku_id}
            else:
                folder = "assets/model_images" if file_type == "model_image" else "assets/reference_images"
                path = self._store_image(tx, folder, project["program_id"], image)
                tx.insert(
                    "uploaded_images",
                    {
                        "image_id": path,
                        "team_id": caller.team_id,
                        "program_id": project["program_id"],
                        "project_id": project["project_id"],
                        "file_type": file_type,
                        "create_time": self._ms(),
                    },
                )
        return {"success": True, "image_id": path, **sku, "image_url": self.file_url(caller, path)}

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
        self.expire_uploads()
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

    def upload_part(self, key: str, query: Mapping[str, str], data: bytes | PartBody) -> str:
        """Store one part PUT to a presigned URL; return its ETag (quoted MD5, as S3 does).

        ``data``: the part's bytes, or a :class:`PartBody` copied into SQLite in chunks of
        :data:`PART_CHUNK` bytes (memory stays bounded by one chunk, D-MOCK-UPLOAD-EXPIRY).
        """
        upload_id = query.get("uploadId", "")
        number_text = query.get("partNumber", "")
        if not number_text.isdigit() or not upload_id:
            raise Forbidden("Upload URL refused: uploadId and partNumber are required")
        number = int(number_text)
        try:
            self._signer.verify(self._part_route(key, upload_id, number), query, now=self.clock.now())
        except SignatureError as exc:
            raise Forbidden(f"Upload URL refused: {exc}") from None
        self.expire_uploads()
        body = PartBody(io.BytesIO(data), len(data)) if isinstance(data, bytes) else data
        with self.db.transaction() as tx:
            upload = tx.get("uploads", "upload_id", upload_id)
            if upload is None or upload["key"] != key:
                raise NotFound("No such upload")
            self._check_open(upload, "upload")
            if not 1 <= number <= upload["part_count"]:
                raise Invalid.field("partNumber", f"must be between 1 and {upload['part_count']}")
            if body.length > upload["part_size"]:
                raise Invalid.field("body", f"a part holds at most {upload['part_size']} bytes")
            return self._stream_part(tx, upload_id, number, body)

    @staticmethod
    def _stream_part(tx: Tx, upload_id: str, number: int, body: PartBody) -> str:
        """Copy a part's body into its row chunk by chunk (a blob of the declared size); its ETag."""
        rowid = tx.insert_zeroblob(
            "upload_parts",
            {"upload_id": upload_id, "part_number": number, "etag": ""},
            "data",
            body.length,
        )
        digest = hashlib.md5(usedforsecurity=False)
        written = 0
        with tx.blob("upload_parts", "data", rowid) as blob:
            while written < body.length:
                chunk = body.stream.read(min(PART_CHUNK, body.length - written))
                if not chunk:
                    raise Invalid.field("body", f"ended after {written} of the {body.length} bytes announced")
                blob.write(chunk)
                digest.update(chunk)
                written += len(chunk)
        etag = '"' + digest.hexdigest() + '"'
        tx.execute(
            "UPDATE upload_parts SET etag = ? WHERE upload_id = ? AND part_number = ?",
            (etag, upload_id, number),
        )
        return etag

    def complete_multipart_upload(self, caller: Caller, params: Mapping[str, Any]) -> Json:
        """Assemble, check and unpack the zip outside any write transaction, then commit in one short one.

        Parts are copied one at a time into a spooled temporary file (memory stays bounded by one
        part, whatever the archive's size); every image is decoded and classified before the write
        transaction starts, so other requests (of every worker) never wait on it. An archive the
        checks refuse is answered 422 and its parts are deleted at once (D-MOCK-UPLOAD-EXPIRY).
        """
        upload_id = params["upload_id"]
        with self.db.read() as tx:
            upload = self._open_upload(tx, caller, params)
            parts = tx.all("SELECT part_number, etag FROM upload_parts WHERE upload_id = ?", (upload_id,))
        stored = {part["part_number"]: part["etag"] for part in parts}
        errors = self._part_errors(params["parts"], stored, upload["part_count"])
        if errors:
            raise Invalid(errors)
        default_name = upload["key"].rsplit("/", 1)[-1].rsplit(".", 1)[0]
        # The server gets a worker thread meanwhile (D-MOCK-THREADS-ELASTIC).
        with elastic.waiting(), tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES) as archive:
            for number in range(1, upload["part_count"] + 1):
                chunk = self.db.query(
                    "SELECT data FROM upload_parts WHERE upload_id = ? AND part_number = ?",
                    (upload_id, number),
                )
                if not chunk:  # deleted meanwhile (completed by another request, expired or reset)
                    raise InvalidState.field("body.upload_id", "the upload is no longer open")
                archive.write(chunk[0]["data"])
                del chunk
            archive.seek(0)
            with upload_checks(on_error=partial(self._reject_upload, upload_id)):
                folders = unpack_sku_zip(archive, default_sku_name=default_name)
        # Each image carries what classification reads from its pixels: nothing left to decode.
        prepared = [
            (folder.name, [(f"{folder.name}/{name}", image) for name, image in folder.images])
            for folder in folders
        ]
        with self.db.transaction() as tx:
            project = self._project(tx, caller, params["project_id"], params.get("program_id"))
            done = tx.execute(
                "UPDATE uploads SET state = 'completed' WHERE upload_id = ? AND state = 'open'", (upload_id,)
            )
            if not done:
                raise InvalidState.field("body.upload_id", "the upload is already completed")
            for name, images in prepared:
                self._create_sku(tx, project, name, images)
            tx.execute("DELETE FROM upload_parts WHERE upload_id = ?", (upload_id,))
        return {"message": "success"}

    def _open_upload(self, tx: Tx, caller: Caller, params: Mapping[str, Any]) -> Row:
        """The open upload a completion names (404 / 422)."""
        project = self._project(tx, caller, params["project_id"], params.get("program_id"))
        upload = tx.get("uploads", "upload_id", params["upload_id"])
        if upload is None or upload["project_id"] != project["project_id"]:
            raise NotFound(f"Upload {params['upload_id']} not found in project {project['project_id']}")
        if upload["key"] != params["key"]:
            raise Invalid.field("body.key", "does not match the upload's key")
        self._check_open(upload, "body.upload_id")
        return upload

    @staticmethod
    def _check_open(upload: Row, field: str) -> None:
        if upload["state"] != "open":
            raise InvalidState.field(field, _CLOSED.get(upload["state"], "the upload is already completed"))

    def _reject_upload(self, upload_id: str) -> None:
        """Forget the parts of an archive the checks refused (they would only take space)."""
        with self.db.transaction() as tx:
            tx.execute(
                "UPDATE uploads SET state = 'rejected' WHERE upload_id = ? AND state = 'open'", (upload_id,)
            )
            tx.execute("DELETE FROM upload_parts WHERE upload_id = ?", (upload_id,))

    def expire_uploads(self) -> int:
        """Delete open uploads older than ``upload_ttl_seconds`` with their parts; return how many."""
        cutoff = self._ms(self.clock.now() - self.upload_ttl_seconds)
        stale = "SELECT upload_id FROM uploads WHERE state = 'open' AND create_time < ?"
        if not self.db.query(stale + " LIMIT 1", (cutoff,)):  # one statement: no transaction needed
            return 0
        with self.db.transaction() as tx:
            tx.execute(f"DELETE FROM upload_parts WHERE upload_id IN ({stale})", (cutoff,))
            return tx.execute(
                "UPDATE uploads SET state = 'expired' WHERE state = 'open' AND create_time < ?", (cutoff,)
            )

    @staticmethod
    def _part_errors(
        parts: list[Mapping[str, Any]], stored: Mapping[int, str], count: int
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
            elif not hmac.compare_digest(stored[number].strip('"').encode(), etag.encode()):
                errors.append(FieldError(f"body.parts.{i}.ETag", f"does not match the ETag of part {number}"))
        for number in range(1, count + 1):
            if number not in seen:
                errors.append(FieldError("body.parts", f"part {number} of {count} is missing"))
        return errors

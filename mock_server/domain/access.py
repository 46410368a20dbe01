"""Auth and access: API keys, callers, and the rules that answer 404 for unknown ids and 403 for
resources in programs the caller's team can neither own nor share."""

from __future__ import annotations

import hashlib
import hmac
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass

from mock_server.domain.shared import DEFAULT_BASE_URL, BackendState, Json, Precheck, Row, pick
from mock_server.errors import Forbidden, NotFound, Unauthorized
from mock_server.storage import Tx

_KEY = re.compile(r"\Ask-[0-9a-fA-F]{48}\Z")
_SUMMARY = ("model_id", "model_name", "model_type", "model_size")  # a ModelSummary's plain fields


# A program row plus ``can_access``: owned by the team, or shared with it (params: team, team, program).
CAN_ACCESS_PROGRAM = """(
    programs.team_id = ?
    OR EXISTS (SELECT 1 FROM program_shares AS s WHERE s.program_id = programs.program_id AND s.team_id = ?)
)"""
"""SQL: the caller's team (bound twice) owns the ``programs`` row or has it shared."""

_PROGRAM_ACCESS_SQL = (
    f"SELECT programs.*, {CAN_ACCESS_PROGRAM} AS can_access FROM programs WHERE program_id = ?"
)


def is_api_key(value: str) -> bool:
    """True when ``value`` has the form of a Huhu key: ``sk-`` and 48 hexadecimal characters."""
    return bool(_KEY.match(value))


def _bearer_token(authorization: str | None) -> str | None:
    """The token of a ``Bearer`` ``Authorization`` header (None: another scheme, or no token)."""
    scheme, _, token = (authorization or "").strip().partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


def key_digest(api_key: str) -> str:
    return hashlib.sha256(api_key.encode()).hexdigest()


@dataclass(frozen=True)
class Caller:
    """Who is calling: the team and default program of the API key, and the host it used.

    Holds no key material, so it is safe to log or repr.
    """

    team_id: str
    key_id: str
    program_id: str
    base_url: str = DEFAULT_BASE_URL


class AccessRules(BackendState):
    """Who is calling, and what the caller may touch."""

    def authenticate(
        self,
        authorization: str | None,
        *,
        base_url: str = DEFAULT_BASE_URL,
        precheck: Precheck | None = None,
    ) -> Caller:
        """Resolve an ``Authorization`` header to a :class:`Caller` or raise :class:`Unauthorized`.

        With the ``precheck`` made for the same header, its key rows are used instead of reading them.
        """
        if not authorization or not authorization.strip():
            raise Unauthorized("Missing API key: send 'Authorization: Bearer sk-...'")
        token = _bearer_token(authorization)
        if token is None:
            raise Unauthorized("Malformed Authorization header: expected 'Bearer sk-...'")
        return self.caller_for_key(
            token, base_url=base_url, candidates=None if precheck is None else precheck.keys
        )

    @staticmethod
    def _bearer_key(authorization: str | None) -> str | None:
        """The well-formed API key of an ``Authorization`` header, else None."""
        token = _bearer_token(authorization)
        return token if token is not None and is_api_key(token) else None

    def caller_for_key(
        self, api_key: str, *, base_url: str = DEFAULT_BASE_URL, candidates: tuple[Row, ...] | None = None
    ) -> Caller:
        """The caller an API key stands for (constant-time comparison of key digests).

        ``candidates``: the ``api_keys`` rows with the key's digest prefix, when already read.
        """
        if not is_api_key(api_key):
            raise Unauthorized("Malformed API key: expected 'sk-' followed by 48 hexadecimal characters")
        key = self._find_key(api_key, candidates)
        if key is None:
            raise Unauthorized("Unknown API key")
        if key["revoked"]:
            raise Unauthorized("API key has been revoked")
        return Caller(key["team_id"], key["key_id"], key["program_id"], base_url.rstrip("/"))

    def _find_key(self, api_key: str, candidates: Iterable[Row] | None = None) -> Row | None:
        digest = key_digest(api_key)
        if candidates is None:
            with self.db.read() as tx:
                candidates = tx.all("SELECT * FROM api_keys WHERE digest_prefix = ?", (digest[:8],))
        found = None
        for row in candidates:
            if hmac.compare_digest(row["digest"].encode(), digest.encode()):
                found = row
        return found

    def _can_access(self, tx: Tx, team_id: str, program_id: str) -> bool:
        row = tx.one(_PROGRAM_ACCESS_SQL, (team_id, team_id, program_id))
        return row is not None and bool(row["can_access"])

    def _program(self, tx: Tx, caller: Caller, program_id: str | None) -> Row:
        """The program a request acts on: ``program_id`` or the key's default (404 / 403).

        One statement reads the program and whether the caller's team owns it or has it shared.
        """
        pid = program_id or caller.program_id
        row = tx.one(_PROGRAM_ACCESS_SQL, (caller.team_id, caller.team_id, pid))
        if row is None:
            raise NotFound(f"Program {pid} not found")
        if not row["can_access"]:
            raise Forbidden(f"Program {pid} belongs to another team")
        return row

    def _owned(self, tx: Tx, caller: Caller, row: Row | None, what: str, ident: str) -> Row:
        """``row`` if it exists (404) and lives in a program the caller may use (403)."""
        if row is None:
            raise NotFound(f"{what} {ident} not found")
        if not self._can_access(tx, caller.team_id, row["program_id"]):
            raise Forbidden(f"{what} {ident} belongs to another team")
        return row

    def _project(self, tx: Tx, caller: Caller, project_id: str, program_id: str | None = None) -> Row:
        row = self._owned(tx, caller, tx.get("projects", "project_id", project_id), "Project", project_id)
        if program_id and program_id != row["program_id"]:  # "" = the key default, as in _program
            self._program(tx, caller, program_id)
            raise NotFound(f"Project {project_id} not found in program {program_id}")
        return row

    def _in_project(
        self, tx: Tx, caller: Caller, table: str, key: str, ident: str, what: str, project: Row | None
    ) -> Row:
        """A row of ``table`` (an SKU or a task) the caller may use: 404 when unknown or not in
        ``project``, 403 when it lives in another team's program."""
        row = tx.get(table, key, ident)
        if row is None:
            raise NotFound(f"{what} {ident} not found")
        owner = tx.get("projects", "project_id", row["project_id"])
        assert owner is not None
        self._owned(tx, caller, owner, what, ident)
        if project is not None and row["project_id"] != project["project_id"]:
            raise NotFound(f"{what} {ident} not found in project {project['project_id']}")
        return row

    def _sku(self, tx: Tx, caller: Caller, sku_id: str, project: Row | None = None) -> Row:
        return self._in_project(tx, caller, "skus", "sku_id", sku_id, "SKU", project)

    def _task(self, tx: Tx, caller: Caller, task_id: str, project: Row, sku_id: str | None = None) -> Row:
        row = self._in_project(tx, caller, "tasks", "task_id", task_id, "Task", project)
        if sku_id is not None and row["sku_id"] != sku_id:
            raise NotFound(f"Task {task_id} not found in SKU {sku_id}")
        return row

    def _model(self, tx: Tx, caller: Caller, model_id: str) -> Json:
        """A preset or custom model as a ``ModelSummary`` (404 / 403)."""
        preset = self._presets.get(model_id)
        if preset is not None:
            return {**preset.summary(), "preset": True}
        row = self._owned(tx, caller, tx.get("models", "model_id", model_id), "Model", model_id)
        return {**self._model_summary(row), "preset": False}

    @staticmethod
    def _model_summary(model: Row) -> Json:
        """A ``models`` row's ``ModelSummary`` fields (a preset has :meth:`PresetModel.summary`)."""
        return {**pick(model, *_SUMMARY), "attributes": json.loads(model["attributes"])}

    def _model_image_owner(self, tx: Tx, caller: Caller, image_id: str) -> str | None:
        """The model a usable model image belongs to (None for a ``model_image`` upload); 404 / 403."""
        if image_id in self._preset_images:
            return self._preset_images[image_id][0].model_id
        saved = tx.get("model_images", "model_image_id", image_id)
        if saved is not None:
            model = tx.get("models", "model_id", saved["model_id"])
            assert model is not None
            self._owned(tx, caller, model, "Model image", image_id)
            return str(saved["model_id"])
        upload = tx.get("uploaded_images", "image_id", image_id)
        if upload is not None and upload["file_type"] == "model_image":
            self._owned(tx, caller, upload, "Model image", image_id)
            return None
        raise NotFound(f"Model image {image_id} not found")

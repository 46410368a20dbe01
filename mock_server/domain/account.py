"""Metering and programs: ``/metering/plan``, ``/metering/credit-history``, ``/program``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from mock_server.domain.access import Caller
from mock_server.domain.jobs import JobsMixin
from mock_server.domain.shared import Json, pick


class AccountOps(JobsMixin):
    """GET /metering/plan, GET /metering/credit-history, GET and POST /program."""

    def get_plan(self, caller: Caller, params: Mapping[str, Any]) -> Json:
        if params.get("program_id"):
            with self.db.read() as tx:
                team_id = self._program(tx, caller, params["program_id"])["team_id"]
                team = tx.get("teams", "team_id", team_id)
        else:  # one statement: no explicit transaction needed
            found = self.db.query("SELECT * FROM teams WHERE team_id = ?", (caller.team_id,))
            team = found[0] if found else None
        assert team is not None
        return {
            **pick(team, "credits", "plan_status"),
            "concurrent_requests": team["slots"],
            **pick(team, "plan_name", "subscription_id"),
        }

    def get_credit_history(self, caller: Caller, params: Mapping[str, Any]) -> Json:
        size = None  # fetch_all: one page of the spec's x-huhu-max-records
        if params.get("fetch_all"):
            size = int(self.spec.operation("get_credit_history").raw["x-huhu-max-records"])
        with self.db.read() as tx:
            return self._paginate(
                tx,
                "get_credit_history",
                params,
                lambda row: pick(row, "program_id", "request_id", "credits", "timestamp", "operation"),
                table="ledger",
                program_of=caller,
                size=size,
                newest_first=True,
            )

    def list_programs(self, caller: Caller, params: Mapping[str, Any]) -> Json:
        owned_only = bool(params.get("owned"))
        where = "team_id = ?"
        args: list[Any] = [caller.team_id]
        if not owned_only:
            where += " OR program_id IN (SELECT program_id FROM program_shares WHERE team_id = ?)"
            args.append(caller.team_id)
        with self.db.read() as tx:
            return self._paginate(
                tx,
                "list_programs",
                params,
                lambda row: {
                    **pick(row, "program_id", "program_name", "create_time"),
                    "owned": row["team_id"] == caller.team_id,
                },
                table="programs",
                where=where,
                args=args,
                scope=f"programs:{caller.team_id}:{owned_only}",
            )

    def create_program(self, caller: Caller, params: Mapping[str, Any]) -> Json:
        now = self._ms()
        with self.db.transaction() as tx:
            team = tx.get("teams", "team_id", caller.team_id)
            assert team is not None
            program_id = self._new_program(tx, caller.team_id, params["program_name"], now)
        return {
            "program_name": params["program_name"],
            "user_id": team["user_id"],
            "create_time": now,
            "program_id": program_id,
        }

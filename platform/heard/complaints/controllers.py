"""Complaint routes: the JSON API under /api/complaints for officers, and a child's own progress."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, get, post
from litestar.params import FromPath, JSONBody

from heard.complaints import services
from heard.complaints._pages import ComplaintPages
from heard.complaints.schemas import (
    AcknowledgeIn,
    ActionIn,
    ActionUpdate,
    AdvocacyIn,
    Case,
    CaseSummary,
    ChildComplaint,
    CloseIn,
    ComplaintIn,
    EscalationIn,
    ExtensionIn,
    LateDecisionIn,
    OmbudsmanIn,
    OutcomeIn,
    PanelIn,
    PanelReportIn,
    PointIn,
    ResponseIn,
    TagsIn,
    WithdrawIn,
)
from heard.principal import Principal
from heard.web.dependencies import Conn
from heard.web.guards import child_only, roles
from heard.web.openapi import error_responses

OFFICER = roles("complaints_officer")
User = Request[Principal, Any, Any]


class ComplaintsApi(Controller):
    """The representations procedure as JSON: the same steps, rules and audit as the officer's pages."""

    path = "/api/complaints"
    guards = [OFFICER]
    tags = ["complaints"]

    @get("/")
    async def open_cases(self, request: User, conn: Conn) -> list[CaseSummary]:
        return await services.list_open(conn, request.user)

    @post("/", status_code=201, responses=error_responses(404, 422))
    async def create(self, request: User, conn: Conn, data: JSONBody[ComplaintIn]) -> Case:
        return await services.create(conn, request.user, data)

    @get("/{complaint_id:int}")
    async def one(self, request: User, conn: Conn, complaint_id: FromPath[int]) -> Case:
        return await services.get(conn, request.user, complaint_id)

    @post("/{complaint_id:int}/acknowledge", status_code=200, responses=error_responses(409, 422))
    async def acknowledge(
        self, request: User, conn: Conn, complaint_id: FromPath[int], data: JSONBody[AcknowledgeIn]
    ) -> Case:
        return await services.acknowledge(conn, request.user, complaint_id, data)

    @post("/{complaint_id:int}/points", status_code=201, responses=error_responses(409, 422))
    async def point(self, request: User, conn: Conn, complaint_id: FromPath[int], data: JSONBody[PointIn]) -> Case:
        return await services.add_point(conn, request.user, complaint_id, data)

    @post("/{complaint_id:int}/advocacy", status_code=200, responses=error_responses(422))
    async def advocacy(
        self, request: User, conn: Conn, complaint_id: FromPath[int], data: JSONBody[AdvocacyIn]
    ) -> Case:
        return await services.record_advocacy(conn, request.user, complaint_id, data)

    @post("/{complaint_id:int}/late-decision", status_code=200, responses=error_responses(409, 422))
    async def late(
        self, request: User, conn: Conn, complaint_id: FromPath[int], data: JSONBody[LateDecisionIn]
    ) -> Case:
        return await services.record_late_decision(conn, request.user, complaint_id, data)

    @post("/{complaint_id:int}/extensions", status_code=200, responses=error_responses(409, 422))
    async def extension(
        self, request: User, conn: Conn, complaint_id: FromPath[int], data: JSONBody[ExtensionIn]
    ) -> Case:
        return await services.extend(conn, request.user, complaint_id, data)

    @post("/{complaint_id:int}/outcomes", status_code=200, responses=error_responses(409, 422))
    async def outcome(self, request: User, conn: Conn, complaint_id: FromPath[int], data: JSONBody[OutcomeIn]) -> Case:
        return await services.record_outcome(conn, request.user, complaint_id, data)

    @post("/{complaint_id:int}/responses", status_code=200, responses=error_responses(409, 422))
    async def response(
        self, request: User, conn: Conn, complaint_id: FromPath[int], data: JSONBody[ResponseIn]
    ) -> Case:
        return await services.respond(conn, request.user, complaint_id, data)

    @post("/{complaint_id:int}/escalations", status_code=200, responses=error_responses(409, 422))
    async def escalation(
        self, request: User, conn: Conn, complaint_id: FromPath[int], data: JSONBody[EscalationIn]
    ) -> Case:
        return await services.escalate(conn, request.user, complaint_id, data)

    @post("/{complaint_id:int}/panel", status_code=200, responses=error_responses(409, 422))
    async def panel(self, request: User, conn: Conn, complaint_id: FromPath[int], data: JSONBody[PanelIn]) -> Case:
        return await services.record_panel(conn, request.user, complaint_id, data)

    @post("/{complaint_id:int}/panel-report", status_code=200, responses=error_responses(409, 422))
    async def panel_report(
        self, request: User, conn: Conn, complaint_id: FromPath[int], data: JSONBody[PanelReportIn]
    ) -> Case:
        return await services.record_panel_report(conn, request.user, complaint_id, data)

    @post("/{complaint_id:int}/close", status_code=200, responses=error_responses(409, 422))
    async def close(self, request: User, conn: Conn, complaint_id: FromPath[int], data: JSONBody[CloseIn]) -> Case:
        return await services.close(conn, request.user, complaint_id, data)

    @post("/{complaint_id:int}/withdraw", status_code=200, responses=error_responses(409, 422))
    async def withdraw(
        self, request: User, conn: Conn, complaint_id: FromPath[int], data: JSONBody[WithdrawIn]
    ) -> Case:
        return await services.withdraw(conn, request.user, complaint_id, data)

    @post("/{complaint_id:int}/ombudsman", status_code=200, responses=error_responses(409, 422))
    async def ombudsman(
        self, request: User, conn: Conn, complaint_id: FromPath[int], data: JSONBody[OmbudsmanIn]
    ) -> Case:
        return await services.record_ombudsman(conn, request.user, complaint_id, data)

    @post("/{complaint_id:int}/tags", status_code=200)
    async def tags_(self, request: User, conn: Conn, complaint_id: FromPath[int], data: JSONBody[TagsIn]) -> Case:
        return await services.set_tags(conn, request.user, complaint_id, data)

    @post("/{complaint_id:int}/actions", status_code=201, responses=error_responses(422))
    async def action(self, request: User, conn: Conn, complaint_id: FromPath[int], data: JSONBody[ActionIn]) -> Case:
        return await services.add_action(conn, request.user, complaint_id, data)

    @post("/{complaint_id:int}/action-progress", status_code=200, responses=error_responses(422))
    async def action_progress(
        self, request: User, conn: Conn, complaint_id: FromPath[int], data: JSONBody[ActionUpdate]
    ) -> Case:
        return await services.update_action(conn, request.user, complaint_id, data)


class MyComplaintsApi(Controller):
    """A child's own complaints: where each is, when to expect an answer, and the answer in their words."""

    path = "/api/complaints/mine"
    guards = [child_only]
    tags = ["complaints"]

    @get("/")
    async def mine(self, request: User, conn: Conn) -> list[ChildComplaint]:
        return await services.child_view(conn, request.user.id)


ROUTE_HANDLERS = [MyComplaintsApi, ComplaintsApi, ComplaintPages]

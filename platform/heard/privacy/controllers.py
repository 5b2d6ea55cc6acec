"""Privacy routes: admins' subject access, requests, audit search and retention; children's own privacy page."""

from __future__ import annotations

from typing import Any

import asyncpg
from litestar import Controller, Request, Response, get, post
from litestar.params import FromPath, FromQuery, JSONBody
from litestar.response import Redirect, Template

from heard import errors, settings
from heard.principal import Principal
from heard.privacy import _audit, services
from heard.privacy.schemas import (
    KIND_LABELS,
    AuditPage,
    AuditQuery,
    DecisionIn,
    PrivacyRequest,
    RequestIn,
    RetentionReport,
    StaffRequestIn,
    SubjectAccess,
)
from heard.web.bodies import READS_FORM
from heard.web.dependencies import Conn
from heard.web.forms import read_form, single, step_or_page
from heard.web.guards import child_only, roles
from heard.web.openapi import error_responses
from heard.web.pages import child_page, staff_page

ADMIN = roles("admin")


def _audit_query(child: str, staff: str, action: str, date_from: str, date_to: str, page: int) -> AuditQuery:
    return AuditQuery(
        child_reference=child[:200],
        staff_email=staff[:254],
        action=action[:100],
        date_from=_audit.parse_date(date_from, "date_from"),
        date_to=_audit.parse_date(date_to, "date_to"),
        page=max(1, min(page, 100000)),
    )


class PrivacyApi(Controller):
    """Subject access, privacy requests, audit search and the retention dry run, as JSON for admins."""

    path = "/api/admin"
    guards = [ADMIN]
    tags = ["privacy"]

    @get("/privacy/children/{child_id:int}/export")
    async def export(self, request: Request[Principal, Any, Any], conn: Conn, child_id: FromPath[int]) -> SubjectAccess:
        return await services.subject_access(conn, request.user, child_id)

    @get("/privacy/export", responses=error_responses(404))
    async def export_by_reference(
        self, request: Request[Principal, Any, Any], conn: Conn, reference: FromQuery[str]
    ) -> SubjectAccess:
        child_id = await services.child_id_for(conn, request.user, reference)
        return await services.subject_access(conn, request.user, child_id)

    @get("/privacy/requests")
    async def requests(self, request: Request[Principal, Any, Any], conn: Conn) -> list[PrivacyRequest]:
        return await services.requests(conn, request.user)

    @post("/privacy/requests", status_code=201, responses=error_responses(404))
    async def record_request(
        self, request: Request[Principal, Any, Any], conn: Conn, data: JSONBody[StaffRequestIn]
    ) -> PrivacyRequest:
        return await services.request_from_staff(conn, request.user, data)

    @get("/privacy/requests/{request_id:int}")
    async def one_request(
        self, request: Request[Principal, Any, Any], conn: Conn, request_id: FromPath[int]
    ) -> PrivacyRequest:
        return await services.one_request(conn, request.user, request_id)

    @post("/privacy/requests/{request_id:int}/decision", status_code=200, responses=error_responses(409, 422))
    async def decide(
        self, request: Request[Principal, Any, Any], conn: Conn, request_id: FromPath[int], data: JSONBody[DecisionIn]
    ) -> PrivacyRequest:
        return await services.decide(conn, request.user, request_id, data)

    @get("/audit", responses=error_responses(422))
    async def audit_log(
        self,
        request: Request[Principal, Any, Any],
        conn: Conn,
        child_reference: FromQuery[str] = "",
        staff_email: FromQuery[str] = "",
        action: FromQuery[str] = "",
        date_from: FromQuery[str] = "",
        date_to: FromQuery[str] = "",
        page: FromQuery[int] = 1,
    ) -> AuditPage:
        query = _audit_query(child_reference, staff_email, action, date_from, date_to, page)
        return await services.search_audit(conn, request.user, query)

    @get("/retention")
    async def retention(self, request: Request[Principal, Any, Any], conn: Conn) -> RetentionReport:
        await services.audit_retention_view(conn, request.user)
        return await services.retention_report(conn, settings.get().retention, council_id=request.user.council_id)


class ChildPrivacyApi(Controller):
    """A child's own privacy requests, as JSON for the app."""

    path = "/api/privacy"
    guards = [child_only]
    tags = ["privacy"]

    @get("/requests")
    async def mine(self, request: Request[Principal, Any, Any], conn: Conn) -> list[PrivacyRequest]:
        return await services.my_requests(conn, request.user)

    @post("/requests", status_code=201)
    async def ask(self, request: Request[Principal, Any, Any], conn: Conn, data: JSONBody[RequestIn]) -> dict[str, int]:
        return {"id": await services.request_from_child(conn, request.user, data)}


class ChildPrivacyPage(Controller):
    """/privacy: what Heard keeps about the signed-in child, in plain words, and how to ask for a change."""

    path = "/privacy"
    guards = [child_only]
    include_in_schema = False

    @get("/")
    async def show(self, request: Request[Principal, Any, Any], conn: Conn, sent: FromQuery[str] = "") -> Template:
        return await _child_page(request, conn, sent=sent == "1")

    @post("/", status_code=303, opt={READS_FORM: True})
    async def ask(self, request: Request[Principal, Any, Any], conn: Conn) -> Response[Any]:
        data = single(await read_form(request))
        return await step_or_page(
            _ask(conn, request.user, data),
            done="/privacy?sent=1",
            again=lambda exc: _child_page(request, conn, error=exc.message, form=data, status=400),
            refused=(errors.Invalid,),
        )


async def _ask(conn: asyncpg.Connection, user: Principal, data: dict[str, str]) -> None:
    kind, message = data.get("kind", ""), data.get("message", "")[:4000]
    if kind not in KIND_LABELS:
        raise errors.Invalid("Choose what you would like us to do.", field="kind-access")
    await services.request_from_child(conn, user, RequestIn(kind=kind, message=message))  # type: ignore[arg-type]


async def _child_page(
    request: Request[Principal, Any, Any],
    conn: asyncpg.Connection,
    *,
    sent: bool = False,
    error: str | None = None,
    form: dict[str, str] | None = None,
    status: int = 200,
) -> Template:
    user = request.user
    context = child_page(
        request,
        user,
        summary=await services.child_summary(conn, user, settings.get().retention),
        requests=await services.my_requests(conn, user),
        kinds=KIND_LABELS,
        sent=sent,
        error=error,
        error_field="kind-access",
        form=form or {},
    )
    return Template("privacy/child.html", context=context, status_code=status)


class PrivacyPages(Controller):
    """Admins' privacy pages: requests, a child's records, the audit log and the retention dry run."""

    path = "/admin"
    guards = [ADMIN]
    include_in_schema = False

    @get("/privacy")
    async def index(
        self, request: Request[Principal, Any, Any], conn: Conn, reference: FromQuery[str] = ""
    ) -> Template | Redirect:
        error = None
        if reference.strip():
            try:
                child_id = await services.child_id_for(conn, request.user, reference[:200])
            except errors.NotFound as exc:
                error = exc.message
            else:
                return Redirect(path=f"/admin/privacy/children/{child_id}")
        context = {
            **staff_page(request.user),
            "requests": await services.requests(conn, request.user),
            "kinds": KIND_LABELS,
            "error": error,
            "error_field": "reference",
            "reference": reference[:200],
        }
        return Template("privacy/index.html", context=context, status_code=404 if error else 200)

    @get("/privacy/children/{child_id:int}")
    async def subject(self, request: Request[Principal, Any, Any], conn: Conn, child_id: FromPath[int]) -> Template:
        export = await services.subject_access(conn, request.user, child_id)
        context = {**staff_page(request.user), "x": export}
        return Template("privacy/subject.html", context=context)

    @get("/privacy/requests/{request_id:int}")
    async def request_page(
        self, request: Request[Principal, Any, Any], conn: Conn, request_id: FromPath[int]
    ) -> Template:
        return await _request_page(conn, request.user, request_id)

    @post("/privacy/requests/{request_id:int}", status_code=303, opt={READS_FORM: True})
    async def decide(
        self, request: Request[Principal, Any, Any], conn: Conn, request_id: FromPath[int]
    ) -> Response[Any]:
        data = single(await read_form(request))
        user = request.user
        return await step_or_page(
            _decide(conn, user, request_id, data),
            done=f"/admin/privacy/requests/{request_id}",
            again=lambda exc: _request_page(conn, user, request_id, error=exc, form=data),
        )

    @get("/audit")
    async def audit_log(
        self,
        request: Request[Principal, Any, Any],
        conn: Conn,
        child_reference: FromQuery[str] = "",
        staff_email: FromQuery[str] = "",
        action: FromQuery[str] = "",
        date_from: FromQuery[str] = "",
        date_to: FromQuery[str] = "",
        page: FromQuery[int] = 1,
    ) -> Template:
        form = {"child_reference": child_reference, "staff_email": staff_email, "action": action}
        form |= {"date_from": date_from, "date_to": date_to}
        context: dict[str, Any] = {**staff_page(request.user), "form": form, "error": None, "result": None}
        try:
            query = _audit_query(child_reference, staff_email, action, date_from, date_to, page)
            context["result"] = await services.search_audit(conn, request.user, query)
        except errors.Invalid as exc:
            context |= {"error": exc.message, "error_field": exc.field}
            return Template("privacy/audit.html", context=context, status_code=400)
        return Template("privacy/audit.html", context=context)

    @get("/retention")
    async def retention(self, request: Request[Principal, Any, Any], conn: Conn) -> Template:
        await services.audit_retention_view(conn, request.user)
        report = await services.retention_report(conn, settings.get().retention, council_id=request.user.council_id)
        return Template("privacy/retention.html", context={**staff_page(request.user), "report": report})


async def _decide(conn: asyncpg.Connection, user: Principal, request_id: int, data: dict[str, str]) -> None:
    decision = data.get("decision", "")
    if decision not in {"approve", "refuse"}:
        raise errors.Invalid("Choose whether to approve or refuse the request.", field="decision-approve")
    choice = DecisionIn(decision=decision, reason=data.get("reason", "")[:4000])  # type: ignore[arg-type]
    await services.decide(conn, user, request_id, choice)


async def _request_page(
    conn: asyncpg.Connection,
    user: Principal,
    request_id: int,
    *,
    error: errors.HeardError | None = None,
    form: dict[str, str] | None = None,
) -> Template:
    found = await services.one_request(conn, user, request_id)
    context = {
        **staff_page(user),
        "r": found,
        "kinds": KIND_LABELS,
        "error": error.message if error else None,
        "error_field": (error.field or "reason") if error else None,
        "form": form or {},
    }
    return Template("privacy/request.html", context=context, status_code=400 if error else 200)


ROUTE_HANDLERS = [PrivacyApi, ChildPrivacyApi, ChildPrivacyPage, PrivacyPages]

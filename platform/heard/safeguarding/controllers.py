"""The duty queue and oversight: pages for duty officers and managers, and the same as JSON."""

from __future__ import annotations

from typing import Any

import asyncpg
from litestar import Controller, Request, Response, get, post
from litestar.params import FromPath, JSONBody, URLEncodedBody
from litestar.response import Template

from heard import errors, settings
from heard.accounts.schemas import Principal
from heard.safeguarding import services
from heard.safeguarding.schemas import ACTION_LABELS, ActionIn, AlertDetail, LevelIn, Oversight, QueuedAlert
from heard.web.dependencies import Conn
from heard.web.forms import step_or_page
from heard.web.guards import roles
from heard.web.openapi import error_responses
from heard.web.pages import staff_page

DUTY = ("duty_officer", "duty_manager", "head_of_service")


class AlertsApi(Controller):
    """Safeguarding alerts as JSON, for the duty team's other tools."""

    path = "/api/alerts"
    guards = [roles(*DUTY)]
    tags = ["safeguarding"]

    @get("/")
    async def queue(self, request: Request[Principal, Any, Any], conn: Conn) -> list[QueuedAlert]:
        return await services.duty_queue(conn, request.user)

    @get("/{alert_id:int}")
    async def one(self, request: Request[Principal, Any, Any], conn: Conn, alert_id: FromPath[int]) -> AlertDetail:
        return await services.view(conn, request.user, alert_id)

    @post("/{alert_id:int}/acknowledge", status_code=200, responses=error_responses(409))
    async def acknowledge(
        self, request: Request[Principal, Any, Any], conn: Conn, alert_id: FromPath[int]
    ) -> AlertDetail:
        await services.acknowledge(conn, request.user, alert_id)
        return await services.view(conn, request.user, alert_id)

    @post("/{alert_id:int}/action", status_code=200, responses=error_responses(409, 422))
    async def action(
        self, request: Request[Principal, Any, Any], conn: Conn, alert_id: FromPath[int], data: JSONBody[ActionIn]
    ) -> AlertDetail:
        await services.record_action(conn, request.user, alert_id, data)
        return await services.view(conn, request.user, alert_id)

    @post("/{alert_id:int}/level", status_code=200, responses=error_responses(409))
    async def level(
        self, request: Request[Principal, Any, Any], conn: Conn, alert_id: FromPath[int], data: JSONBody[LevelIn]
    ) -> AlertDetail:
        await services.change_level(conn, request.user, alert_id, data)
        return await services.view(conn, request.user, alert_id)

    @post("/{alert_id:int}/close", status_code=200, responses=error_responses(409, 422))
    async def close(self, request: Request[Principal, Any, Any], conn: Conn, alert_id: FromPath[int]) -> AlertDetail:
        await services.close(conn, request.user, alert_id)
        return await services.view(conn, request.user, alert_id)

    @get("/oversight", guards=[roles("duty_manager", "head_of_service")])
    async def oversight(self, request: Request[Principal, Any, Any], conn: Conn) -> Oversight:
        return await services.oversight(conn, request.user, settings.get().safeguarding)


class AlertPages(Controller):
    """The duty queue pages. Every form carries the CSRF token; every view and action is audited."""

    path = "/staff/alerts"
    guards = [roles(*DUTY)]
    include_in_schema = False

    @get("/")
    async def queue(self, request: Request[Principal, Any, Any], conn: Conn) -> Template:
        alerts = await services.duty_queue(conn, request.user)
        return Template("safeguarding/queue.html", context={**staff_page(request.user), "alerts": alerts})

    @get("/{alert_id:int}")
    async def one(self, request: Request[Principal, Any, Any], conn: Conn, alert_id: FromPath[int]) -> Template:
        return await _alert_page(conn, request.user, alert_id)

    @post("/{alert_id:int}", status_code=303)
    async def act(
        self,
        request: Request[Principal, Any, Any],
        conn: Conn,
        alert_id: FromPath[int],
        data: URLEncodedBody[dict[str, str]],
    ) -> Response[Any]:
        user = request.user
        return await step_or_page(
            _do(conn, user, alert_id, data.get("step", ""), data),
            done=f"/staff/alerts/{alert_id}",
            again=lambda exc: _alert_page(conn, user, alert_id, error=exc.message, form=data, status=400),
        )

    @get("/oversight", guards=[roles("duty_manager", "head_of_service")])
    async def oversight(self, request: Request[Principal, Any, Any], conn: Conn) -> Template:
        figures = await services.oversight(conn, request.user, settings.get().safeguarding)
        return Template("safeguarding/oversight.html", context={**staff_page(request.user), "o": figures})


async def _do(conn: asyncpg.Connection, user: Principal, alert_id: int, step: str, data: dict[str, str]) -> None:
    if step == "acknowledge":
        await services.acknowledge(conn, user, alert_id)
    elif step == "action":
        action = data.get("action", "")
        if action not in ACTION_LABELS:
            raise errors.Invalid("Choose what was done.", field="action")
        await services.record_action(conn, user, alert_id, ActionIn(action=action, note=data.get("note", "")[:4000]))  # type: ignore[arg-type]
    elif step == "close":
        await services.close(conn, user, alert_id)
    else:
        raise errors.Invalid("That is not something this page can do.", field="step")


async def _alert_page(
    conn: asyncpg.Connection,
    user: Principal,
    alert_id: int,
    *,
    error: str | None = None,
    form: dict[str, str] | None = None,
    status: int = 200,
) -> Template:
    alert = await services.view(conn, user, alert_id)
    context = {
        **staff_page(user),
        "alert": alert,
        "actions": ACTION_LABELS,
        "error": error,
        "form": form or {},
        "error_field": "action" if error else None,
        "now": services.now(),
    }
    return Template("safeguarding/alert.html", context=context, status_code=status)


ROUTE_HANDLERS = [AlertsApi, AlertPages]

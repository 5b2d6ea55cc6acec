"""The duty queue and oversight: pages for duty officers and managers, and the same as JSON."""

from __future__ import annotations

from typing import Any

import asyncpg
from litestar import Controller, Request, Response, get, post, route
from litestar.params import FromPath, FromQuery, JSONBody
from litestar.response import Template

from heard import errors, settings
from heard.i18n import catalogue
from heard.principal import Principal
from heard.safeguarding import _live, services
from heard.safeguarding.schemas import (
    ACTION_LABELS,
    ActionIn,
    AlertDetail,
    LevelIn,
    LiveQueue,
    NoteIn,
    Oversight,
    Queue,
    QueuedAlert,
    Saved,
)
from heard.web.bodies import READS_FORM
from heard.web.dependencies import Conn
from heard.web.forms import read_form, single, step_or_page
from heard.web.guards import roles
from heard.web.openapi import error_responses
from heard.web.pages import staff_page

DUTY = ("duty_officer", "duty_manager", "head_of_service")
WORDS = catalogue("en")  # the duty pages are staff pages, in English


class AlertsApi(Controller):
    """Safeguarding alerts as JSON, for the duty team's other tools."""

    path = "/api/alerts"
    guards = [roles(*DUTY)]
    tags = ["safeguarding"]

    @get("/")
    async def queue(
        self, request: Request[Principal, Any, Any], conn: Conn, queue: FromQuery[Queue | None] = None
    ) -> list[QueuedAlert]:
        """Alerts not yet closed: `day` (raised in office hours), `edt` (out of hours, the emergency duty team), or
        both when no queue is given."""
        return await services.duty_queue(conn, request.user, queue)

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

    @post("/{alert_id:int}/notes", status_code=200, responses=error_responses(422))
    async def note(
        self, request: Request[Principal, Any, Any], conn: Conn, alert_id: FromPath[int], data: JSONBody[NoteIn]
    ) -> AlertDetail:
        """Append a note. Notes are never changed: a correction is a new note."""
        await services.add_note(conn, request.user, alert_id, data)
        return await services.view(conn, request.user, alert_id)

    @route(
        "/{alert_id:int}/notes/{note_id:int}", http_method=["PUT", "PATCH", "DELETE"], responses=error_responses(409)
    )
    async def change_note(
        self, request: Request[Principal, Any, Any], conn: Conn, alert_id: FromPath[int], note_id: FromPath[int]
    ) -> None:
        """Always refused: the history is append-only."""
        await services.refuse_note_edit(conn, request.user, alert_id)

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
    async def queue(
        self, request: Request[Principal, Any, Any], conn: Conn, queue: FromQuery[Queue | None] = None
    ) -> Template:
        """The day queue or the emergency duty team's; without JavaScript, a refresh link brings it up to date."""
        live = await services.live_queue(conn, request.user, queue)
        context = {**staff_page(request.user), "live": live, "t": WORDS}
        return Template("safeguarding/queue.html", context=context)

    @get("/live")
    async def live(
        self, request: Request[Principal, Any, Any], conn: Conn, queue: FromQuery[Queue | None] = None
    ) -> LiveQueue:
        """What the queue page's script polls (every 15 seconds) to update counts and rows in place."""
        return await services.live_queue(conn, request.user, queue)

    @get("/{alert_id:int}")
    async def one(
        self,
        request: Request[Principal, Any, Any],
        conn: Conn,
        alert_id: FromPath[int],
        saved: FromQuery[int | None] = None,
    ) -> Template:
        return await _alert_page(conn, request.user, alert_id, saved=saved)

    @post("/{alert_id:int}", status_code=303, opt={READS_FORM: True})
    async def act(self, request: Request[Principal, Any, Any], conn: Conn, alert_id: FromPath[int]) -> Response[Any]:
        data = single(await read_form(request))
        user = request.user
        return await step_or_page(
            _do(conn, user, alert_id, data.get("step", ""), data),
            done=lambda saved: f"/staff/alerts/{alert_id}?saved={saved.event_id}#saved",
            again=lambda exc: _alert_page(conn, user, alert_id, error=exc, form=data, status=400),
        )

    @get("/oversight", guards=[roles("duty_manager", "head_of_service")])
    async def oversight(self, request: Request[Principal, Any, Any], conn: Conn) -> Template:
        figures = await services.oversight(conn, request.user, settings.get().safeguarding)
        return Template("safeguarding/oversight.html", context={**staff_page(request.user), "o": figures})


async def _do(conn: asyncpg.Connection, user: Principal, alert_id: int, step: str, data: dict[str, str]) -> Saved:
    if step == "acknowledge":
        return await services.acknowledge(conn, user, alert_id)
    if step == "action":
        action = data.get("action", "")
        if action not in ACTION_LABELS:
            raise errors.Invalid(WORDS("staff.duty.error.choose_action"), field="action")
        done_at = services.time_done(data.get("done_at", ""))
        if len(note := data.get("note", "")) > 4000:
            raise errors.Invalid(WORDS("staff.duty.error.note_too_long"), field="note")
        return await services.record_action(
            conn,
            user,
            alert_id,
            ActionIn(action=action, note=note, done_at=done_at),  # type: ignore[arg-type]
        )
    if step == "note":
        if len(note := data.get("note", "")) > 4000:
            raise errors.Invalid(WORDS("staff.duty.error.note_too_long"), field="new_note")
        if not note.strip():
            raise errors.Invalid(WORDS("staff.duty.error.note_empty"), field="new_note")
        return await services.add_note(conn, user, alert_id, NoteIn(note=note))
    if step == "edit_note" or "note_id" in data:
        await services.refuse_note_edit(conn, user, alert_id)
    if step == "close":
        return await services.close(conn, user, alert_id)
    raise errors.Invalid(WORDS("staff.duty.error.unknown_step"), field="step")


async def _alert_page(
    conn: asyncpg.Connection,
    user: Principal,
    alert_id: int,
    *,
    saved: int | None = None,
    error: errors.HeardError | None = None,
    form: dict[str, str] | None = None,
    status: int = 200,
) -> Template:
    alert = await services.view(conn, user, alert_id)
    form = form or {}
    error_field = error.field if error else None
    if error is not None and form.get("step") == "note":
        error_field = "new_note"
    context = {
        **staff_page(user),
        "t": WORDS,
        "alert": alert,
        "actions": ACTION_LABELS,
        "contact_named": services.contact_named(alert),
        "saved": _live.confirmation(alert, saved, user),
        "error": error.message if error else None,
        "form": form,
        "error_field": error_field,
        "history": _live.history,
        "now": services.now(),
    }
    return Template("safeguarding/alert.html", context=context, status_code=status)


ROUTE_HANDLERS = [AlertsApi, AlertPages]

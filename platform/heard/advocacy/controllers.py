"""Advocate requests over HTTP: the child's short form and its progress; the staff list where progress is recorded."""

from __future__ import annotations

import re
import secrets
from typing import Any

from litestar import Controller, Request, Response, get, post
from litestar.params import FromPath
from litestar.response import Redirect, Template

from heard import errors, queue
from heard.advocacy import services
from heard.advocacy.schemas import MAX_DETAIL, MAX_NOTE, STATUSES, ProgressIn, RequestIn
from heard.principal import Principal
from heard.web.bodies import KEEPS_WORDS, READS_FORM, form_problems
from heard.web.dependencies import Conn, DbPool, Queue
from heard.web.forms import first, read_form, step_or_page, to_struct
from heard.web.guards import child_only, roles
from heard.web.pages import Words, child_page, language, staff_page

User = Request[Principal, Any, Any]
STAFF_ROLES = ("participation_officer", "complaints_officer")
_FIELDS = ("note", "contact_by", "contact_detail")
_KEY = re.compile(r"^[A-Za-z0-9._:-]{8,200}$")


def _key(fields: dict[str, list[str]]) -> str:
    """The key the form was drawn with, so a double tap or a retry makes one request; a new one otherwise."""
    given = first(fields, "_key")
    return given if _KEY.match(given) else "web-" + secrets.token_urlsafe(18)


def _form(request: User, ui: Words, data: RequestIn, errors_found: dict[str, str], key: str, status: int) -> Template:
    context = child_page(
        request, request.user, ui=ui, data=data, errors=errors_found, key=key, max_note=MAX_NOTE, max_detail=MAX_DETAIL
    )
    return Template("advocacy/request.html", context=context, status_code=status)


class ChildAdvocatePages(Controller):
    """I want an advocate: a short form from the child's home, then how it is going."""

    include_in_schema = False
    guards = [child_only]

    @get("/advocate")
    async def page(self, request: User) -> Template:
        return _form(request, language(request), RequestIn(), {}, _key({}), 200)

    @post("/advocate", status_code=303, opt={KEEPS_WORDS: True})
    async def send(self, request: User, conn: Conn, db_pool: DbPool, redis: Queue) -> Response[Any]:
        ui = language(request)
        fields = await read_form(request)
        data = RequestIn(**{name: first(fields, name) for name in _FIELDS})
        said = {field: ui.gettext(key, **params) for field, (key, params) in services.problems(data).items()}
        said |= {field: ui.gettext(f"error.{code}") for field, code in form_problems(request) if field in _FIELDS}
        if said:
            return _form(request, ui, data, said, _key(fields), 400)
        request_id, work = await services.request(conn, request.user, data, _key(fields), ui.lang)
        queue.dispatch_soon(db_pool, redis, work)
        return Redirect(path=f"/advocate/{request_id}", status_code=303)

    @get("/advocate/{request_id:int}")
    async def status(self, request: User, conn: Conn, request_id: FromPath[int]) -> Template:
        ui = language(request)
        found = await services.one(conn, request.user, request_id)
        return Template("advocacy/sent.html", context=child_page(request, request.user, ui=ui, r=found))


class StaffAdvocacyPages(Controller):
    """Requests for an advocate across the council; participation and complaints staff record the service's news."""

    include_in_schema = False
    guards = [roles(*STAFF_ROLES)]
    path = "/staff/advocacy"

    @get("/")
    async def list_page(self, request: User, conn: Conn) -> Template:
        found = await services.council_list(conn, request.user)
        return Template("advocacy/staff.html", context=staff_page(request.user, requests=found, statuses=STATUSES))

    @post("/{request_id:int}/progress", status_code=303, opt={READS_FORM: True})
    async def progress(self, request: User, conn: Conn, request_id: FromPath[int]) -> Response[Any]:
        fields = await read_form(request)

        async def record() -> None:
            data = to_struct(ProgressIn, {"status": first(fields, "status")})
            await services.progress(conn, request.user, request_id, data)

        async def again(exc: errors.HeardError) -> Template:
            found = await services.council_list(conn, request.user)
            context = staff_page(request.user, requests=found, statuses=STATUSES, error=exc.message, failed=request_id)
            return Template("advocacy/staff.html", context=context, status_code=409)

        return await step_or_page(
            record(), done=f"/staff/advocacy?saved={request_id}#request-{request_id}", again=again
        )


ROUTE_HANDLERS = [ChildAdvocatePages, StaffAdvocacyPages]

"""One of the child's messages and its conversation: what they sent, the replies, and a box to write back."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, Response, get, post
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect, Template

import surveys
from heard import queue
from heard.capture import _promise, queries
from heard.capture._context import answer_lines
from heard.capture._pages import message_title, not_found_page, version
from heard.errors import Conflict, Invalid, NotFound
from heard.inbox import services as conversations
from heard.inbox.schemas import MAX_MESSAGE, ChildMessageIn
from heard.principal import Principal
from heard.web.bodies import KEEPS_WORDS, form_problems
from heard.web.dependencies import Conn, DbPool, Queue
from heard.web.forms import first, read_form
from heard.web.guards import child_only
from heard.web.pages import Words, child_page, language

User = Request[Principal, Any, Any]

WHO = {
    "worker": "who_can_see.worker",
    "iro": "who_can_see.iro",
    "complaints": "who_can_see.complaints",
    "council": "who_can_see.council_anonymous",
}


class ChildConversation(Controller):
    """A child's own message: only its child gets it (another child gets 404), and only they write back."""

    path = "/messages/{submission_id:int}"
    guards = [child_only]
    include_in_schema = False
    exception_handlers = {NotFound: not_found_page}

    @get("/")
    async def message(
        self, request: User, conn: Conn, submission_id: FromPath[int], sent: FromQuery[bool] = False
    ) -> Template:
        return await _page(request, conn, submission_id, sent=sent)

    @post("/", status_code=303, opt={KEEPS_WORDS: True})
    async def write(
        self, request: User, conn: Conn, db_pool: DbPool, redis: Queue, submission_id: FromPath[int]
    ) -> Response[Any] | Template:
        ui = language(request)
        typed = first(await read_form(request), "body")
        problem = _problem(request, typed, ui)
        if problem is None:
            try:
                work = await conversations.child_writes(conn, request.user, submission_id, ChildMessageIn(body=typed))
            except (Invalid, Conflict) as exc:
                problem = ui.translate(exc.message)
            else:
                queue.dispatch_soon(db_pool, redis, work)  # an alert's notifications, if the words raised one
                return Redirect(path=f"/messages/{submission_id}?sent=true#conversation", status_code=303)
        return await _page(request, conn, submission_id, error=problem, typed=typed, status=400)


def _problem(request: User, typed: str, ui: Words) -> str | None:
    """What is wrong with what the child typed, in their language; None when it can be sent."""
    for name, code in form_problems(request):
        if name == "body":
            return ui.gettext(f"error.{code}")
    if not typed.strip():
        return ui.gettext("conversation.error.blank")
    if len(typed) > MAX_MESSAGE:
        return ui.gettext("conversation.error.too_long", count=f"{len(typed):,}", limit=f"{MAX_MESSAGE:,}")
    return None


async def _page(
    request: User,
    conn: Conn,
    submission_id: int,
    *,
    error: str | None = None,
    typed: str = "",
    sent: bool = False,
    status: int = 200,
) -> Template:
    ui = language(request)
    found, conversation = await conversations.open_for_child(conn, request.user, submission_id)
    advocacy = await queries.advocacy_for_child(conn, request.user.id)
    stored = await queries.sent(conn, submission_id, request.user.id)  # how serious the screen found it
    level = stored.safeguarding if stored else "none"
    promised = await _promise.told(
        conn,
        request.user.council_id,
        kind=found.kind,
        audience=found.audience,
        anonymous=found.anonymous,
        level=level,
        at=found.created_at,
        ui=ui,
    )
    instrument = version(found.instrument, found.instrument_version)
    lines = answer_lines(instrument, surveys.read_answers(instrument, found.answers), ui.lang) if instrument else []
    context = child_page(
        request,
        request.user,
        ui=ui,
        s=found,
        title=message_title(found.instrument, found.kind, ui),
        lines=lines,
        advocate_on=advocacy.get(found.id),
        who=[ui.gettext(WHO[a]) for a in found.audience if a in WHO],
        conversation=conversation,
        error=error,
        error_field="body",
        typed=typed,
        sent=sent and error is None,
        **promised,
    )
    return Template("capture/message.html", context=context, status_code=status)

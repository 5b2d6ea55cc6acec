""" "I don't feel safe": one tap on a child's home page raises an urgent alert in the request, then says what happens.

The alert is raised through the same path as every submission (submissions.create → safeguarding.raise_alert),
inside the request, so it exists even if no worker ever runs. The child's few words are optional; when they cannot
be taken (too long, signed out) the page comes back with them still in the box and the numbers to call.
"""

from __future__ import annotations

import asyncio
import hashlib
import time
from typing import Any

import asyncpg
from litestar import Controller, Request, Response, get, post
from litestar.exceptions import PermissionDeniedException
from litestar.params import FromPath
from litestar.response import Redirect, Template

from heard import queue
from heard.capture import _promise, queries
from heard.capture._context import key_from
from heard.errors import Conflict, NotFound
from heard.principal import Principal
from heard.submissions import services as submissions
from heard.submissions.controllers import screen_text
from heard.submissions.schemas import Receipt, SubmissionIn
from heard.web.bodies import KEEPS_WORDS
from heard.web.dependencies import Conn, DbPool, Queue
from heard.web.forms import read_form
from heard.web.guards import child_only
from heard.web.pages import Words, child_page, language

INSTRUMENT = "not_safe"
MAX_WORDS = 1000
TRIGGER = 'The child pressed "I don\'t feel safe"'


def _key(fields: dict[str, list[str]], words: str) -> str:
    """The form's key; from the home page's one-tap button (no key), one per minute and words, so a double tap
    raises one alert, not two."""
    if fields.get("_key"):
        return key_from(fields)
    digest = hashlib.sha256(words.encode()).hexdigest()[:12]
    return f"not-safe-{int(time.time()) // 60}-{digest}"


async def raise_not_safe(
    conn: asyncpg.Connection, principal: Principal, words: str, key: str, lang: str
) -> tuple[Receipt, submissions.Work]:
    """Store the press (and any words) once, with an urgent alert; a double tap in flight waits for the first."""
    data = SubmissionIn(
        kind="statement",
        text=words,
        answers={INSTRUMENT: "yes"},
        instrument=INSTRUMENT,
        audience=["worker"],
        anonymous=False,
        language=lang,
    )
    screened = screen_text(data)
    verdict = submissions.ScreenResult(
        level="urgent", categories=screened.categories, triggers=(TRIGGER, *screened.triggers), source="child"
    )
    for attempt in range(4):
        try:
            receipt, _, work = await submissions.create(conn, principal, data, key, verdict, channel="web")
        except Conflict:
            if attempt == 3:
                raise
            await asyncio.sleep(0.25)
        else:
            return receipt, work
    raise AssertionError("unreachable")


def _form(request: Request[Any, Any, Any], ui: Words, user: Principal | None, **extra: Any) -> dict[str, Any]:
    help_now = _promise.help_lines(_promise.Rules(), ui)
    return child_page(request, user, ui=ui, help=help_now, max_words=MAX_WORDS, **extra)


class NotSafePages(Controller):
    """The button's landing: the urgent alert, then what happens next and the numbers to call."""

    include_in_schema = False

    @get("/not-safe", guards=[child_only])
    async def page(self, request: Request[Principal, Any, Any], conn: Conn) -> Template:
        ui = language(request)
        rules = await _promise.rules_for(conn, request.user.council_id)
        context = _form(request, ui, request.user, words="", error=None)
        context["help"] = _promise.help_lines(rules, ui)
        return Template("capture/not_safe.html", context=context)

    @post("/not-safe", status_code=303, opt={KEEPS_WORDS: True})
    async def press(self, request: Request[Any, Any, Any], conn: Conn, db_pool: DbPool, redis: Queue) -> Response[Any]:
        ui = language(request)
        fields = await read_form(request)
        words = (fields.get("words") or [""])[0].strip()
        user: Principal | None = request.scope.get("user")
        if user is None:  # signed out: nothing can be raised, so their words come back with the numbers to call
            context = _form(request, ui, None, words=words, error=ui.gettext("not_safe.signed_out"))
            return Template("capture/not_safe.html", context=context, status_code=401)
        if user.kind != "child":
            raise PermissionDeniedException("This page is for children and young people.")
        if len(words) > MAX_WORDS:
            error = ui.gettext("not_safe.too_long", max=MAX_WORDS, count=len(words))
            context = _form(request, ui, user, words=words, error=error)
            return Template("capture/not_safe.html", context=context, status_code=400)
        receipt, work = await raise_not_safe(conn, user, words, _key(fields, words), ui.lang)
        queue.dispatch_soon(db_pool, redis, work)
        return Redirect(path=f"/not-safe/{receipt.id}", status_code=303)

    @get("/not-safe/{submission_id:int}", guards=[child_only])
    async def told(self, request: Request[Principal, Any, Any], conn: Conn, submission_id: FromPath[int]) -> Template:
        ui = language(request)
        found = await queries.sent(conn, submission_id, request.user.id)
        if found is None or found.instrument != INSTRUMENT:
            raise NotFound(ui.gettext("survey.not_found"))
        rules = await _promise.rules_for(conn, request.user.council_id)
        said = _promise.promise(
            kind=found.kind, audience=found.audience, anonymous=False, level="urgent", at=found.created_at, rules=rules
        )
        assert said is not None
        context = child_page(
            request,
            request.user,
            ui=ui,
            promise=_promise.worded(said, ui),
            help=_promise.help_lines(rules, ui),
            reference=f"H-{found.id:06d}",
        )
        return Template("capture/not_safe_sent.html", context=context)

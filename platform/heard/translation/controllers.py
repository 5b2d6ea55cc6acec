"""The needs-reading queue: a page and JSON for staff who may read the child's words, and the translation form."""

from __future__ import annotations

from typing import Any

import asyncpg
from litestar import Controller, Request, Response, get, post
from litestar.params import FromPath, JSONBody
from litestar.response import Template

from heard import errors, queue
from heard.i18n import catalogue
from heard.principal import Principal
from heard.translation import services
from heard.translation.schemas import MAX_TRANSLATION, Reading, TranslationIn, Waiting
from heard.web.bodies import READS_FORM
from heard.web.dependencies import Conn, DbPool, Queue
from heard.web.forms import first, read_form, step_or_page
from heard.web.guards import roles
from heard.web.openapi import error_responses
from heard.web.pages import staff_page

# Workers and IROs read a child's words through an allocation the child chose; the duty team reads anonymous ones.
READERS = ("worker", "iro", "duty_officer", "duty_manager")
STAFF_WORDS = catalogue("en")  # staff pages are in English


def language_name(code: str) -> str:
    """'Somali', or 'a language the screen does not know (xx)'."""
    key = f"staff.reading.language.{code}"
    return STAFF_WORDS(key) if STAFF_WORDS.has(key) else STAFF_WORDS("staff.reading.language.other", code=code)


class ReadingApi(Controller):
    """Submissions waiting for a person to read them, as JSON; a translation is screened when it is saved."""

    path = "/api/reading"
    guards = [roles(*READERS)]
    tags = ["reading"]

    @get("/")
    async def waiting(self, request: Request[Principal, Any, Any], conn: Conn) -> list[Waiting]:
        return await services.waiting(conn, request.user)

    @get("/{submission_id:int}")
    async def one(self, request: Request[Principal, Any, Any], conn: Conn, submission_id: FromPath[int]) -> Reading:
        return await services.view(conn, request.user, submission_id)

    @post("/{submission_id:int}/translation", status_code=201, responses=error_responses(422))
    async def translate(
        self,
        request: Request[Principal, Any, Any],
        conn: Conn,
        db_pool: DbPool,
        redis: Queue,
        submission_id: FromPath[int],
        data: JSONBody[TranslationIn],
    ) -> Reading:
        """Record the translation; the screen reads it, and a worry it finds raises the alert at once."""
        reading, work = await services.translate(conn, request.user, submission_id, data)
        queue.dispatch_soon(db_pool, redis, work)  # the alert's notifications, now the translation is committed
        return reading


class ReadingPages(Controller):
    path = "/staff/reading"
    guards = [roles(*READERS)]
    include_in_schema = False

    @get("/")
    async def waiting(self, request: Request[Principal, Any, Any], conn: Conn) -> Template:
        items = await services.waiting(conn, request.user)
        context = {**staff_page(request.user), "items": items, "t": STAFF_WORDS, "language_name": language_name}
        return Template("translation/queue.html", context=context)

    @get("/{submission_id:int}")
    async def one(self, request: Request[Principal, Any, Any], conn: Conn, submission_id: FromPath[int]) -> Template:
        return await _page(conn, request.user, submission_id)

    @post("/{submission_id:int}", status_code=303, opt={READS_FORM: True})
    async def translate(
        self,
        request: Request[Principal, Any, Any],
        conn: Conn,
        db_pool: DbPool,
        redis: Queue,
        submission_id: FromPath[int],
    ) -> Response[Any]:
        typed = first(await read_form(request), "translation")
        user = request.user

        async def save() -> None:
            if len(typed) > MAX_TRANSLATION:
                too_long = STAFF_WORDS("staff.reading.error.too_long", limit=MAX_TRANSLATION)
                raise errors.Invalid(too_long, field="translation")
            _, work = await services.translate(conn, user, submission_id, TranslationIn(translation=typed))
            queue.dispatch_soon(db_pool, redis, work)

        return await step_or_page(
            save(),
            done=f"/staff/reading/{submission_id}?saved=1",
            again=lambda exc: _page(conn, user, submission_id, error=exc.message, typed=typed, status=400),
        )


async def _page(
    conn: asyncpg.Connection,
    user: Principal,
    submission_id: int,
    *,
    error: str | None = None,
    typed: str | None = None,
    status: int = 200,
) -> Template:
    reading = await services.view(conn, user, submission_id)
    context = {
        **staff_page(user),
        "r": reading,
        "t": STAFF_WORDS,
        "language": language_name(reading.language),
        "typed": typed if typed is not None else (reading.translation or ""),
        "error": error,
        "error_field": "translation",
    }
    return Template("translation/reading.html", context=context, status_code=status)


ROUTE_HANDLERS = [ReadingApi, ReadingPages]

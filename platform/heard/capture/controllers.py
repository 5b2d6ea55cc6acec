"""Capture routes: the JSON API for instruments, responses, drafts, anonymous links and survey openings; page routes."""

from __future__ import annotations

from typing import Annotated, Any

from arq.connections import ArqRedis
from litestar import Controller, Request, Response, delete, get, post, put
from litestar.params import FromPath, FromQuery, JSONBody

import surveys
from heard import queue
from heard.capture import _openings, services
from heard.capture._conversation import ChildConversation
from heard.capture._not_safe import NotSafePages
from heard.capture._nudge import NudgePages
from heard.capture._pages import AnonymousPages, ChildPages
from heard.capture._staff import SurveyPages, _csv
from heard.capture.schemas import (
    AnonymousResponseIn,
    AnonymousSurvey,
    Draft,
    DraftIn,
    InstrumentSummary,
    Opening,
    OpeningIn,
    ResponseIn,
)
from heard.errors import NotFound
from heard.principal import Principal
from heard.submissions.controllers import screen_text
from heard.submissions.schemas import Receipt
from heard.web.dependencies import IDEMPOTENCY_KEY, Conn, DbPool, Queue
from heard.web.guards import child_only, roles
from heard.web.pages import words

User = Request[Principal, Any, Any]


def answers_invalid(request: Request[Any, Any, Any], exc: services.AnswersInvalid) -> Response[Any]:
    """Every answer that could not be accepted, each naming its field as `answers.<question id>`."""
    errors = [{"field": f"answers.{e.question}", "message": e.message, "code": e.code} for e in exc.errors]
    return Response({"status_code": 422, "detail": exc.message, "errors": errors}, status_code=422)


def _receipt(receipt: Receipt, created: bool, work: Any, db_pool: DbPool, redis: ArqRedis | None) -> Response[Receipt]:
    queue.dispatch_soon(db_pool, redis, work)
    return Response(receipt, status_code=201, headers={"Idempotent-Replayed": str(not created).lower()})


class InstrumentsApi(Controller):
    """What a child can fill in, the definitions, responses (send with an Idempotency-Key) and drafts."""

    path = "/api/instruments"
    guards = [child_only]
    tags = ["capture"]
    exception_handlers = {services.AnswersInvalid: answers_invalid}

    @get("/")
    async def offered(self, request: User, conn: Conn, lang: FromQuery[str] = "en") -> list[InstrumentSummary]:
        child = await services.profile(conn, request.user)
        groups = services.offered(child, words(lang).lang)
        return [*groups["statements"], *groups["review"], *groups["surveys"]]

    @get("/{instrument_id:str}")
    async def definition(self, request: User, conn: Conn, instrument_id: FromPath[str]) -> surveys.Instrument:
        child = await services.profile(conn, request.user)
        instrument, _ = services.instrument_for(child, instrument_id)
        return instrument

    @post("/{instrument_id:str}/responses", status_code=201)
    async def respond(
        self,
        request: User,
        conn: Conn,
        db_pool: DbPool,
        redis: Queue,
        instrument_id: FromPath[str],
        data: JSONBody[ResponseIn],
        idempotency_key: Annotated[str, IDEMPOTENCY_KEY],
    ) -> Response[Receipt]:
        child = await services.profile(conn, request.user)
        instrument, opening_id = services.instrument_for(child, instrument_id)
        audience = data.audience[0] if data.audience else services.default_audience(instrument, child.relations)
        sending = services.Sending(
            instrument=instrument,
            fields=services.fields_from_json(instrument, data.answers),
            key=idempotency_key,
            language=words(data.language).lang,
            audience="council" if data.anonymous else audience,
            opening_id=opening_id,
        )
        receipt, created, work = await services.send(conn, request.user, sending, screen_text, channel="api")
        return _receipt(receipt, created, work, db_pool, redis)

    @get("/{instrument_id:str}/draft")
    async def get_draft(self, request: User, conn: Conn, instrument_id: FromPath[str]) -> Draft:
        found = await services.draft_with_time(conn, request.user, instrument_id)
        if found is None:
            raise NotFound("No draft for that.", field="instrument")
        return found

    @put("/{instrument_id:str}/draft")
    async def put_draft(
        self, request: User, conn: Conn, instrument_id: FromPath[str], data: JSONBody[DraftIn]
    ) -> Draft:
        child = await services.profile(conn, request.user)
        instrument, _ = services.instrument_for(child, instrument_id)
        fields = services.fields_from_json(instrument, data.answers)
        return await services.put_draft(conn, request.user, instrument.id, fields)

    @delete("/{instrument_id:str}/draft", status_code=204)
    async def delete_draft(self, request: User, conn: Conn, instrument_id: FromPath[str]) -> None:
        await services.delete_draft(conn, request.user, instrument_id)


class AnonymousApi(Controller):
    """An anonymous survey link: no account; nothing about who or where the respondent is is kept."""

    path = "/api/s/{token:str}"
    tags = ["capture"]
    exception_handlers = {services.AnswersInvalid: answers_invalid}

    @get("/")
    async def survey(self, conn: Conn, token: FromPath[str]) -> AnonymousSurvey:
        opening, instrument = await _openings.by_link(conn, token)
        return AnonymousSurvey(
            instrument=instrument.id,
            version=instrument.version,
            title=instrument.title["en"],
            closes_on=opening.closes_on,
        )

    @post("/responses", status_code=201)
    async def respond(
        self,
        conn: Conn,
        db_pool: DbPool,
        redis: Queue,
        token: FromPath[str],
        data: JSONBody[AnonymousResponseIn],
        idempotency_key: Annotated[str, IDEMPOTENCY_KEY],
    ) -> Response[Receipt]:
        _, instrument = await _openings.by_link(conn, token)
        fields = services.fields_from_json(instrument, data.answers)
        lang = words(data.language).lang
        receipt, created, work = await _openings.send_anonymous(
            conn, token, fields, lang, idempotency_key, screen_text, words(lang).gettext("form.nothing")
        )
        return _receipt(receipt, created, work, db_pool, redis)


class OpeningsApi(Controller):
    """Surveys opened to a cohort, their response rates, and CSV exports with sensitive questions left out."""

    path = "/api/surveys"
    guards = [roles("admin", "participation_officer")]
    tags = ["capture"]

    @get("/openings")
    async def list_openings(self, request: User, conn: Conn) -> list[Opening]:
        return await _openings.list_openings(conn, request.user)

    @post("/openings", guards=[roles("admin")], status_code=201)
    async def open_survey(self, request: User, conn: Conn, data: JSONBody[OpeningIn]) -> Opening:
        opening_id = await _openings.open_survey(conn, request.user, data)
        return next(o for o in await _openings.list_openings(conn, request.user) if o.id == opening_id)

    @post("/openings/{opening_id:int}/close", guards=[roles("admin")], status_code=204)
    async def close(self, request: User, conn: Conn, opening_id: FromPath[int]) -> None:
        await _openings.close(conn, request.user, opening_id)

    @get("/{instrument_id:str}/export", media_type="text/csv")
    async def export(self, request: User, conn: Conn, instrument_id: FromPath[str]) -> Response[str]:
        return _csv(instrument_id, await _openings.export_csv(conn, request.user, instrument_id))


ROUTE_HANDLERS = [
    InstrumentsApi,
    AnonymousApi,
    OpeningsApi,
    ChildPages,
    ChildConversation,
    AnonymousPages,
    SurveyPages,
    NotSafePages,
    NudgePages,
]

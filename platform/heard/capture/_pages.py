"""The child's pages: Tell us something, one form, the receipt, and anonymous survey links (one message and its
conversation are in _conversation)."""

from __future__ import annotations

import asyncio
import secrets
from typing import Annotated, Any

from litestar import Controller, Request, Response, get, post
from litestar.exceptions import PermissionDeniedException
from litestar.params import FromPath, FromQuery, QueryParameter
from litestar.response import Redirect, Template

import surveys
from heard import queue
from heard.capture import _openings, _promise, queries, services
from heard.capture._context import HELD_COOKIE, key_from, new_key, safe_next, unreadable
from heard.capture.schemas import Fields
from heard.complaints import services as complaints
from heard.errors import Conflict, NotFound
from heard.principal import Principal
from heard.submissions.controllers import screen_text
from heard.submissions.schemas import Receipt
from heard.web.bodies import KEEPS_WORDS, READS_FORM
from heard.web.dependencies import Conn, DbPool, Queue
from heard.web.forms import read_form
from heard.web.guards import child_only
from heard.web.pages import LANG_COOKIE, Words, child_page, language

User = Request[Principal, Any, Any]


def _form(
    request: Request[Any, Any, Any],
    ui: Words,
    instrument: surveys.Instrument,
    *,
    action: str,
    user: Principal | None = None,
    values: Fields | None = None,
    errors: list[surveys.FieldError] | None = None,
    key: str | None = None,
    audiences: list[str] | None = None,
    audience: str | None = None,
    restored: bool = False,
    easy_read: bool = False,
    status: int = 200,
) -> Template:
    context = child_page(
        request,
        user,
        ui=ui,
        instrument=instrument,
        title=instrument.wording(instrument.title, ui.lang),
        action=action,
        values=values or {},
        errors=errors or [],
        key=key or new_key(),
        audiences=audiences or [],
        audience=(values or {}).get("_audience", [audience])[0] or audience,
        restored=restored,
        draft_url=f"{action}/draft" if user is not None else None,
        easy_read=easy_read and instrument.has_easy_read,
    )
    return Template("capture/form.html", context=context, status_code=status)


def _easy(instrument: surveys.Instrument, fields: Fields | None) -> bool:
    """Easy-read wording: as the form last showed it, else on for the youngest (where it is written)."""
    shown = ((fields or {}).get("_easy") or [""])[0]
    return shown == "1" if shown in ("0", "1") else instrument.one_at_a_time


def _switching(fields: Fields) -> bool:
    """The child pressed "Use easy words" (or back): show the form again, switched, keeping every answer."""
    return bool(fields.get("_easy_switch"))


async def _send_once(conn: Conn, user: Principal, sending: services.Sending) -> tuple[Receipt, Any]:
    """Send; a double tap that arrives while the first is still being stored waits for it and gets its receipt."""
    for attempt in range(4):
        try:
            receipt, _, work = await services.send(conn, user, sending, screen_text, channel="web")
        except Conflict:
            if attempt == 3:
                raise
            await asyncio.sleep(0.25)
        else:
            return receipt, work
    raise AssertionError("unreachable")


def _held_redirect(token: str, to: str) -> Response[Any]:
    response = Redirect(path=to, status_code=303)
    response.set_cookie(HELD_COOKIE, token, httponly=True, samesite="lax", path="/", max_age=24 * 3600)
    return response


def not_found_page(request: Request[Any, Any, Any], exc: NotFound) -> Response[Any]:
    """A page, in the child's language, rather than a JSON error, for a form or message that is not there."""
    ui = language(request)
    body = exc.message if ui.lang == "en" else ""
    context = child_page(request, request.scope.get("user"), ui=ui, heading=ui.gettext("survey.not_found"), body=body)
    return Template("capture/closed.html", context=context, status_code=404)


class ChildPages(Controller):
    """Tell us something, the forms and receipts; a signed-out post is held, never lost."""

    include_in_schema = False
    exception_handlers = {NotFound: not_found_page}

    @get("/send", guards=[child_only])
    async def choose(self, request: User, conn: Conn) -> Template:
        ui = language(request)
        child = await services.profile(conn, request.user)
        groups = services.offered(child, ui.lang)
        return Template("capture/send.html", context=child_page(request, request.user, ui=ui, **groups))

    @get("/send/{instrument_id:str}", guards=[child_only])
    async def form(self, request: User, conn: Conn, instrument_id: FromPath[str]) -> Template:
        ui = language(request)
        child = await services.profile(conn, request.user)
        instrument, _ = services.instrument_for(child, instrument_id)
        draft = await services.draft(conn, request.user, instrument.id)
        return _form(
            request,
            ui,
            instrument,
            action=f"/send/{instrument.id}",
            user=request.user,
            values=draft,
            audiences=services.audience_choices(child.relations) if instrument.kind != "survey" else [],
            audience=services.default_audience(instrument, child.relations),
            restored=draft is not None,
            easy_read=_easy(instrument, draft),
        )

    @post("/send/{instrument_id:str}", status_code=303, opt={KEEPS_WORDS: True})
    async def send(
        self,
        request: Request[Any, Any, Any],
        conn: Conn,
        db_pool: DbPool,
        redis: Queue,
        instrument_id: FromPath[str],
    ) -> Response[Any]:
        fields = await read_form(request)
        user = request.scope.get("user")
        if user is None:
            token = request.cookies.get(HELD_COOKIE) or secrets.token_urlsafe(24)
            await services.hold(conn, token, instrument_id, fields)
            return _held_redirect(token, "/sign-in")
        if user.kind != "child":
            raise PermissionDeniedException("This page is for children and young people.")
        ui = language(request)
        child = await services.profile(conn, user)
        instrument, opening_id = services.instrument_for(child, instrument_id)
        choices = services.audience_choices(child.relations) if instrument.kind != "survey" else []
        default = services.default_audience(instrument, child.relations)
        audience = (fields.get("_audience") or [default])[0]
        if _switching(fields) or (problems := unreadable(request, instrument, ui)):
            switching = _switching(fields)
            return _form(
                request,
                ui,
                instrument,
                action=f"/send/{instrument.id}",
                user=user,
                values=fields,
                errors=[] if switching else problems,
                key=key_from(fields),
                audiences=choices,
                audience=audience,
                easy_read=_easy(instrument, fields) != switching,
                status=200 if switching else 422,
            )
        sending = services.Sending(
            instrument=instrument,
            fields=services.clean_fields(fields),
            language=ui.lang,
            key=key_from(fields),
            audience=audience if audience in choices else default,
            opening_id=opening_id,
            nothing_message=ui.gettext("form.nothing"),
        )
        try:
            receipt, work = await _send_once(conn, user, sending)
        except services.AnswersInvalid as exc:
            return _form(
                request,
                ui,
                instrument,
                action=f"/send/{instrument.id}",
                user=user,
                values=fields,
                errors=exc.errors,
                key=sending.key,
                audiences=choices,
                audience=sending.audience,
                easy_read=_easy(instrument, fields),
                status=400,
            )
        queue.dispatch_soon(db_pool, redis, work)
        return Redirect(path=f"/sent/{receipt.id}", status_code=303)

    @post("/send/{instrument_id:str}/draft", status_code=204, opt={READS_FORM: True})
    async def save_draft(
        self, request: Request[Any, Any, Any], conn: Conn, instrument_id: FromPath[str]
    ) -> Response[None]:
        fields = await read_form(request)
        user = request.scope.get("user")
        if user is None:
            token = request.cookies.get(HELD_COOKIE) or secrets.token_urlsafe(24)
            await services.hold(conn, token, instrument_id, fields)
            response: Response[None] = Response(None, status_code=202)
            response.set_cookie(HELD_COOKIE, token, httponly=True, samesite="lax", path="/", max_age=24 * 3600)
            return response
        if user.kind != "child":
            raise PermissionDeniedException("This page is for children and young people.")
        await services.save_draft(conn, user, instrument_id, fields, key=key_from(fields))
        return Response(None, status_code=204)

    @get("/resume", guards=[child_only])
    async def resume(self, request: User, conn: Conn) -> Response[Any]:
        token = request.cookies.get(HELD_COOKIE)
        instrument_id = await services.claim_held(conn, request.user, token) if token else None
        response = Redirect(path=f"/send/{instrument_id}" if instrument_id else "/send", status_code=303)
        response.delete_cookie(HELD_COOKIE, path="/")
        return response

    @get("/sent/{submission_id:int}", guards=[child_only])
    async def receipt(self, request: User, conn: Conn, submission_id: FromPath[int]) -> Template:
        ui = language(request)
        found = await queries.sent(conn, submission_id, request.user.id)
        if found is None:
            raise NotFound(ui.gettext("survey.not_found"))
        # A complaint's receipt promises the date stored on the complaint's own clock, not a general target.
        answer_by = await complaints.answer_by(conn, found.id, request.user.id) if found.kind == "complaint" else None
        promised = await _promise.told(
            conn,
            request.user.council_id,
            kind=found.kind,
            audience=found.audience,
            anonymous=found.anonymous,
            level=found.safeguarding,
            at=found.created_at,
            ui=ui,
        )
        context = child_page(
            request,
            request.user,
            ui=ui,
            sent=found,
            reference=f"H-{found.id:06d}",
            anonymous=False,
            answer_by=answer_by,
            **promised,
        )
        return Template("capture/receipt.html", context=context)

    @get("/language")
    async def choose_language(
        self, to: FromQuery[str] = "en", next_path: Annotated[str | None, QueryParameter(name="next")] = None
    ) -> Response[Any]:
        response = Redirect(path=safe_next(next_path), status_code=303)
        response.set_cookie(LANG_COOKIE, to[:8], httponly=True, samesite="lax", path="/", max_age=365 * 24 * 3600)
        return response


def version(instrument_id: str | None, version: int | None) -> surveys.Instrument | None:
    return surveys.builtin_instruments().get(instrument_id or "", {}).get(version or 0)


def message_title(instrument_id: str | None, kind: str, ui: Words) -> str:
    if instrument_id == "not_safe":  # the home page's "I don't feel safe" button (capture/_not_safe.py)
        return ui.gettext("not_safe.button")
    if instrument_id and instrument_id in surveys.builtin_instruments():
        instrument = surveys.latest(instrument_id)
        return instrument.wording(instrument.title, ui.lang).text
    return ui.gettext("send.title") if kind == "statement" else ui.gettext(f"kind.{kind}")


class AnonymousPages(Controller):
    """A survey by anonymous link: no account, no name, no address kept; a closed link says so plainly."""

    include_in_schema = False
    exception_handlers = {NotFound: not_found_page}

    @get("/s/{token:str}")
    async def form(self, request: Request[Any, Any, Any], conn: Conn, token: FromPath[str]) -> Template:
        ui = language(request)
        opening, instrument = await _openings.by_link(conn, token)
        if not opening.is_open:
            return _closed(request, ui)
        return _form(request, ui, instrument, action=f"/s/{token}", easy_read=_easy(instrument, None))

    @post("/s/{token:str}", status_code=200, opt={KEEPS_WORDS: True})
    async def send(
        self,
        request: Request[Any, Any, Any],
        conn: Conn,
        db_pool: DbPool,
        redis: Queue,
        token: FromPath[str],
    ) -> Template:
        ui = language(request)
        fields = await read_form(request)
        opening, instrument = await _openings.by_link(conn, token)
        if not opening.is_open:
            return _closed(request, ui)
        key = key_from(fields)
        if _switching(fields):
            easy = not _easy(instrument, fields)
            return _form(request, ui, instrument, action=f"/s/{token}", values=fields, key=key, easy_read=easy)
        if problems := unreadable(request, instrument, ui):
            easy = _easy(instrument, fields)
            return _form(
                request,
                ui,
                instrument,
                action=f"/s/{token}",
                values=fields,
                errors=problems,
                key=key,
                easy_read=easy,
                status=422,
            )
        try:
            receipt, _, work = await _openings.send_anonymous(
                conn, token, services.clean_fields(fields), ui.lang, key, screen_text, ui.gettext("form.nothing")
            )
        except services.AnswersInvalid as exc:
            return _form(
                request,
                ui,
                instrument,
                action=f"/s/{token}",
                values=fields,
                errors=exc.errors,
                key=key,
                easy_read=_easy(instrument, fields),
                status=400,
            )
        promised = await _promise.told(
            conn,
            opening.council_id,
            kind=receipt.kind,
            audience=["council"],
            anonymous=True,
            level=receipt.safeguarding,
            at=receipt.created_at,
            ui=ui,
        )
        context = child_page(request, ui=ui, sent=receipt, reference=receipt.reference, anonymous=True, **promised)
        queue.dispatch_soon(db_pool, redis, work)
        return Template("capture/receipt.html", context=context)


def _closed(request: Request[Any, Any, Any], ui: Words) -> Template:
    heading, body = ui.gettext("survey.closed_title"), ui.gettext("survey.closed_body")
    context = child_page(request, ui=ui, heading=heading, body=body)
    return Template("capture/closed.html", context=context, status_code=410)

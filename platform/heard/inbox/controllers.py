"""The worker's inbox and the IRO's review contributions: pages, JSON, a PDF for the case record, and the
analysis of each submission, which the staff who may read it can correct."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import asyncpg
from litestar import Controller, Request, Response, get, post
from litestar.params import FromPath, JSONBody
from litestar.response import Template

import surveys
from heard import errors, pdf, queue
from heard.accounts import services as accounts
from heard.accounts.schemas import StaffNotice
from heard.i18n import catalogue, direction, labels
from heard.inbox import services
from heard.inbox.schemas import MAX_MESSAGE, SENTIMENT_LABELS, AnalysisView, CorrectionIn, InboxItem, ReplyIn
from heard.principal import Principal
from heard.safeguarding.services import Work
from heard.submissions.schemas import Submission
from heard.web.bodies import READS_FORM
from heard.web.dependencies import Conn, DbPool, Queue
from heard.web.forms import first, read_form, single, step_or_page
from heard.web.guards import roles
from heard.web.openapi import error_responses
from heard.web.pages import staff_page
from nlp.schemas import CATEGORIES, LEVELS, SENTIMENTS, THEMES

KIND_LABELS = {
    "statement": "Message",
    "survey": "Survey",
    "review": "Views for my review",
    "complaint": "Complaint",
    "feedback": "Feedback",
}
RELATION_LABELS = {"worker": "Social worker or personal adviser", "iro": "Independent reviewing officer"}
# Staff read English; the theme names are the catalogue's, the ones children see.
THEME_LABELS = {theme: catalogue("en").gettext(f"theme.{theme}") for theme in THEMES}
LEVEL_LABELS = labels("staff.level", LEVELS)
CATEGORY_LABELS = labels("staff.category", CATEGORIES)
# The correction form's choices in the model's order, each with the label a person reads.
CHOICES = {
    "themes": [(t, THEME_LABELS.get(t, t)) for t in THEMES],
    "sentiments": [(s, SENTIMENT_LABELS.get(s, s)) for s in SENTIMENTS],
    "levels": [(level, LEVEL_LABELS[level]) for level in LEVELS],
    "categories": [(c, CATEGORY_LABELS.get(c, c)) for c in CATEGORIES],
}
# Where an error summary link takes the keyboard: the first control of the group the error concerns.
_FIRST_CONTROL = {
    "themes": f"theme-{THEMES[0]}",
    "sentiment": f"sentiment-{SENTIMENTS[0]}",
    "safeguarding_level": f"level-{LEVELS[0]}",
    "safeguarding_categories": f"category-{CATEGORIES[0]}",
}


class InboxApi(Controller):
    path = "/api/inbox"
    guards = [roles("worker", "iro")]
    tags = ["inbox"]

    @get("/")
    async def inbox(self, request: Request[Principal, Any, Any], conn: Conn) -> list[InboxItem]:
        relation = "iro" if not request.user.has_role("worker") else "worker"
        return await services.inbox(conn, request.user, relation=relation)

    @post("/{submission_id:int}/replies", status_code=201, responses=error_responses(409))
    async def reply(
        self,
        request: Request[Principal, Any, Any],
        conn: Conn,
        db_pool: DbPool,
        redis: Queue,
        submission_id: FromPath[int],
        data: JSONBody[ReplyIn],
    ) -> Submission:
        """Reply to the child (not to an anonymous message, which nobody can answer: 409)."""
        found, work = await services.reply(conn, request.user, submission_id, data)
        queue.dispatch_soon(db_pool, redis, work)  # a care leaver's nudge, now the reply is committed
        return found

    @post("/{submission_id:int}/read", status_code=204)
    async def read(self, request: Request[Principal, Any, Any], conn: Conn, submission_id: FromPath[int]) -> None:
        await services.mark_read(conn, request.user, submission_id)

    @post("/{submission_id:int}/used-in-review", status_code=204, guards=[roles("iro")])
    async def used(self, request: Request[Principal, Any, Any], conn: Conn, submission_id: FromPath[int]) -> None:
        await services.mark_used_in_review(conn, request.user, submission_id)

    @get("/{submission_id:int}/analysis")
    async def analysis(
        self, request: Request[Principal, Any, Any], conn: Conn, submission_id: FromPath[int]
    ) -> AnalysisView:
        """Themes, sentiment and safeguarding level read in the submission: the latest correction over the model's."""
        return await services.analysis(conn, request.user, submission_id)

    @post("/{submission_id:int}/analysis", status_code=201, responses=error_responses(422))
    async def correct(
        self,
        request: Request[Principal, Any, Any],
        conn: Conn,
        db_pool: DbPool,
        redis: Queue,
        submission_id: FromPath[int],
        data: JSONBody[CorrectionIn],
    ) -> Response[AnalysisView]:
        """Correct the analysis. A higher safeguarding level raises the submission's alert; a lower one never
        lowers or closes it."""
        analysis, work = await services.correct(conn, request.user, submission_id, data)
        queue.dispatch_soon(db_pool, redis, work)  # the alert's notifications, now the correction is committed
        return Response(analysis, status_code=201)


class InboxPages(Controller):
    path = "/staff"
    guards = [roles("worker", "iro")]
    include_in_schema = False

    @get("/inbox")
    async def inbox(self, request: Request[Principal, Any, Any], conn: Conn) -> Template:
        items = await services.inbox(conn, request.user, relation="worker")
        notices = await accounts.notices(conn, request.user)
        return _list(request.user, items, "Statements from your children", notices)

    @get("/reviews")
    async def reviews(self, request: Request[Principal, Any, Any], conn: Conn) -> Template:
        items = await services.inbox(conn, request.user, relation="iro")
        return _list(request.user, items, "Views for reviews you chair")

    @get("/submissions/{submission_id:int}")
    async def one(self, request: Request[Principal, Any, Any], conn: Conn, submission_id: FromPath[int]) -> Template:
        return await _page(conn, request.user, submission_id)

    @post("/submissions/{submission_id:int}", status_code=303, opt={READS_FORM: True})
    async def act(
        self,
        request: Request[Principal, Any, Any],
        conn: Conn,
        db_pool: DbPool,
        redis: Queue,
        submission_id: FromPath[int],
    ) -> Response[Any]:
        data = single(await read_form(request))
        step = _STEPS.get(data.get("step", ""))
        if step is None:
            raise errors.Invalid("That is not something this page can do.", field="step")
        user = request.user

        async def run() -> None:
            queue.dispatch_soon(db_pool, redis, await step(conn, user, submission_id, data))

        typed = data.get("body", "")
        return await step_or_page(
            run(),
            done=f"/staff/submissions/{submission_id}",
            again=lambda exc: _page(conn, user, submission_id, error=exc.message, typed=typed, status=400),
            refused=(_BlankReply, errors.Conflict),
        )

    @post("/submissions/{submission_id:int}/analysis", status_code=303, opt={READS_FORM: True})
    async def correct(
        self,
        request: Request[Principal, Any, Any],
        conn: Conn,
        db_pool: DbPool,
        redis: Queue,
        submission_id: FromPath[int],
    ) -> Response[Any]:
        form = await read_form(request)  # the themes and kinds of worry are repeated fields
        data = CorrectionIn(
            themes=form.get("themes", []),
            sentiment=first(form, "sentiment"),
            safeguarding_level=first(form, "safeguarding_level"),
            safeguarding_categories=form.get("safeguarding_categories", []),
        )
        user = request.user

        async def correct() -> None:
            _, work = await services.correct(conn, user, submission_id, data)
            queue.dispatch_soon(db_pool, redis, work)  # the alert's notifications, now the correction is committed

        def again(exc: errors.HeardError) -> Awaitable[Template]:
            field = _FIRST_CONTROL.get(exc.field or "", "sentiment-positive")
            return _page(conn, user, submission_id, error=exc.message, field=field, form=data, status=400)

        return await step_or_page(
            correct(), done=f"/staff/submissions/{submission_id}#analysis", again=again, refused=(errors.Invalid,)
        )

    @get("/submissions/{submission_id:int}/pdf")
    async def as_pdf(
        self, request: Request[Principal, Any, Any], conn: Conn, submission_id: FromPath[int]
    ) -> Response[bytes]:
        found = await services.open_submission(conn, request.user, submission_id)
        content = await pdf.build(
            "pdf/submission.html",
            title=f"{KIND_LABELS.get(found.kind, found.kind)} H-{found.id:06d}",
            s=found,
            shown=_shown(found),
            words_dir=direction(found.language),
        )
        return Response(content, media_type=pdf.MEDIA_TYPE, headers=pdf.download_headers(f"H-{found.id:06d}.pdf"))


class _BlankReply(errors.Invalid):
    """A reply with nothing in it, or too long: the page shows again with the words kept, saying what to do."""


async def _reply(conn: asyncpg.Connection, user: Principal, submission_id: int, data: dict[str, str]) -> Work:
    body = data.get("body", "")
    if not body.strip():
        raise _BlankReply("Write a reply before sending it.", field="body")
    if len(body) > MAX_MESSAGE:
        raise _BlankReply(
            f"Your reply is {len(body):,} characters long. Make it {MAX_MESSAGE:,} characters or fewer.", field="body"
        )
    return (await services.reply(conn, user, submission_id, ReplyIn(body=body)))[1]


async def _read(conn: asyncpg.Connection, user: Principal, submission_id: int, data: dict[str, str]) -> Work:
    await services.mark_read(conn, user, submission_id)
    return []


async def _used(conn: asyncpg.Connection, user: Principal, submission_id: int, data: dict[str, str]) -> Work:
    await services.mark_used_in_review(conn, user, submission_id)
    return []


_STEPS: dict[str, Callable[[asyncpg.Connection, Principal, int, dict[str, str]], Awaitable[Work]]] = {
    "reply": _reply,
    "read": _read,
    "used_in_review": _used,
}


def _shown(found: Submission) -> surveys.Shown:
    """The one way a submission is shown: questions, chosen options by label, the child's words once."""
    return surveys.show_submission(found.instrument, found.instrument_version, found.answers, found.text, "en")


def _list(user: Principal, items: list[InboxItem], title: str, notices: list[StaffNotice] | None = None) -> Template:
    context = {**staff_page(user), "items": items, "title": title, "kinds": KIND_LABELS, "notices": notices}
    return Template("inbox/list.html", context=context)


async def _page(
    conn: asyncpg.Connection,
    user: Principal,
    submission_id: int,
    *,
    error: str | None = None,
    field: str = "body",
    form: CorrectionIn | None = None,
    typed: str = "",
    status: int = 200,
) -> Template:
    found, analysis, conversation, facts = await services.open_conversation(conn, user, submission_id)
    context = {
        **staff_page(user),
        "s": found,
        "conversation": conversation,
        "facts": facts,
        "typed": typed,
        "relations": RELATION_LABELS,
        "back": ("/staff/inbox", "Back to your inbox")
        if any(a.you and a.relation == "worker" for a in (facts.allocations if facts else []))
        else ("/staff/reviews", "Back to views for reviews you chair"),
        "sees_alerts": bool({"duty_officer", "duty_manager", "head_of_service"} & set(user.roles)),
        "sees_complaints": user.has_role("complaints_officer"),
        "shown": _shown(found),
        "a": analysis,
        "chosen": form or analysis.current,
        "kinds": KIND_LABELS,
        "theme_labels": THEME_LABELS,
        "sentiment_labels": SENTIMENT_LABELS,
        "level_labels": LEVEL_LABELS,
        "category_labels": CATEGORY_LABELS,
        "choices": CHOICES,
        "error": error,
        "error_field": field,
        "chairs_review": await services.chairs_review(conn, user, found.child_id),
    }
    return Template("inbox/submission.html", context=context, status_code=status)


ROUTE_HANDLERS = [InboxApi, InboxPages]

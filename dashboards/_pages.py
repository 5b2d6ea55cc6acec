""" "You said, we did" pages (tracker, steps, public page) and the participation officer's quote and settings forms."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote

import asyncpg
from litestar import Controller, Request, Response, get, post
from litestar.enums import MediaType
from litestar.params import FromPath
from litestar.response import Redirect, Template

from dashboards import services
from dashboards._web import FIGURES, User, bad, csv_response, one, quarter_param, quarters_back
from dashboards.schemas import (
    LANGUAGES,
    Action,
    ActionIn,
    ChildTextIn,
    ComparisonIn,
    DecisionIn,
    DoneIn,
    Row,
    Table,
)
from heard import errors
from heard.web.bodies import READS_FORM
from heard.web.dependencies import Conn
from heard.web.forms import read_form, single, step_or_page, to_struct
from heard.web.guards import roles, staff_only
from heard.web.pages import child_page, language, staff_page, words

TRACKER_ROLES = ("participation_officer", "cicc_member", "board_member", "head_of_service")
PROPOSERS = ("participation_officer", "cicc_member")
DECIDERS = ("board_member", "participation_officer", "head_of_service")
PUBLISHERS = ("participation_officer",)
STEP_ROLES = {"decide": DECIDERS, "done": DECIDERS, "text": PUBLISHERS, "publish": PUBLISHERS, "unpublish": PUBLISHERS}


def _convert(data: dict[str, str], kind: type[Any]) -> Any:
    """A form as a Struct; a bad field becomes Invalid naming it, so the page can point at it."""
    clean = {k: v for k, v in data.items() if k not in {"step", "_csrf_token"} and v != ""}
    return to_struct(kind, clean)


def tracker_table(found: list[Action]) -> Table:
    today = datetime.now(UTC).date()
    rows = [
        Row(
            p.label,
            [
                str(p.said),
                str(p.done),
                "–" if p.median_days is None else str(p.median_days),
                "–" if p.longest_open_days is None else str(p.longest_open_days),
            ],
        )
        for p in services.progress(found, today)
    ]
    return Table(
        key="tracker",
        title='From "you said" to "we did", by theme',
        columns=["Theme", "Things children said", "Done", "Median days from said to done", "Longest still open (days)"],
        rows=rows,
        note="These count the council's actions, not children, so they are not suppressed.",
    )


class ActionPages(Controller):
    """The tracker and each item's steps: proposal, decision, what changed, children's words, publishing."""

    path = "/dashboards/you-said-we-did"
    guards = [staff_only]
    include_in_schema = False

    @get("/", guards=[roles(*TRACKER_ROLES)])
    async def tracker(self, request: User, conn: Conn) -> Template:
        return await _tracker(request, conn)

    @get("/export.csv", guards=[roles(*TRACKER_ROLES)])
    async def tracker_csv(self, request: User, conn: Conn) -> Response[bytes]:
        return csv_response(tracker_table(await services.actions(conn, request.user.council_id)), "you-said-we-did")

    @post("/", guards=[roles(*PROPOSERS)], status_code=303, opt={READS_FORM: True})
    async def create(self, request: User, conn: Conn) -> Response[Any]:
        data = single(await read_form(request))

        async def propose() -> Action:
            return await services.create(conn, request.user, _convert(data, ActionIn))

        return await step_or_page(
            propose(),
            done=lambda made: f"/dashboards/you-said-we-did/{made.id}",
            again=lambda exc: _tracker(request, conn, error=exc, form=data),
            refused=(errors.Invalid,),
        )

    @get("/{action_id:int}", guards=[roles(*TRACKER_ROLES)])
    async def one(self, request: User, conn: Conn, action_id: FromPath[int]) -> Template:
        return await _item(request, conn, action_id)

    @post("/{action_id:int}", guards=[roles(*TRACKER_ROLES)], status_code=303, opt={READS_FORM: True})
    async def step(self, request: User, conn: Conn, action_id: FromPath[int]) -> Response[Any]:
        data = single(await read_form(request))
        step = data.get("step", "")
        if step not in STEP_ROLES:
            raise errors.Invalid("That is not something this page can do.", field="step")
        if not request.user.has_role(*STEP_ROLES[step]):
            raise errors.Forbidden("Your role does not include this step.")
        return await step_or_page(
            _do(conn, request, action_id, step, data),
            done=f"/dashboards/you-said-we-did/{action_id}",
            again=lambda exc: _item(request, conn, action_id, error=exc, form=data),
        )


async def _do(conn: asyncpg.Connection, request: User, action_id: int, step: str, data: dict[str, str]) -> None:
    user = request.user
    if step == "decide":
        await services.decide(conn, user, action_id, _convert(data, DecisionIn))
    elif step == "done":
        await services.record_done(conn, user, action_id, _convert(data, DoneIn))
    elif step == "text":
        await services.set_text(conn, user, action_id, _convert(data, ChildTextIn))
    else:
        await services.publish(conn, user, action_id, published=step == "publish")


async def _tracker(
    request: User,
    conn: asyncpg.Connection,
    *,
    error: errors.HeardError | None = None,
    form: dict[str, str] | None = None,
) -> Template:
    found = await services.actions(conn, request.user.council_id)
    can_propose = request.user.has_role(*PROPOSERS)
    context = staff_page(
        request.user,
        **FIGURES,
        actions=found,
        table=tracker_table(found),
        can_propose=can_propose,
        error=error.message if error else None,
        error_field=error.field if error else None,
        form=form or {},
        today=datetime.now(UTC).date(),
    )
    return Template(
        "dashboards/actions.html", context=context, media_type=MediaType.HTML, status_code=400 if error else 200
    )


async def _item(
    request: User,
    conn: asyncpg.Connection,
    action_id: int,
    *,
    error: errors.HeardError | None = None,
    form: dict[str, str] | None = None,
) -> Template:
    found = await services.action(conn, request.user.council_id, action_id)
    user = request.user
    context = staff_page(
        user,
        **FIGURES,
        a=found,
        child_languages=LANGUAGES,
        can_decide=user.has_role(*DECIDERS),
        can_publish=user.has_role(*PUBLISHERS),
        error=error.message if error else None,
        error_field=error.field if error else None,
        form=form or {},
    )
    return Template(
        "dashboards/action.html", context=context, media_type=MediaType.HTML, status_code=400 if error else 200
    )


class QuotePages(Controller):
    """Quote approval and comparison figures: the participation officer's forms."""

    path = "/dashboards"
    guards = [roles("participation_officer")]
    include_in_schema = False

    @get("/quotes")
    async def quotes(self, request: User, conn: Conn) -> Template:
        quarter = await quarter_param(request, conn)
        found = await services.candidates(conn, request.user, quarter)
        context = staff_page(request.user, candidates=found, quarter=quarter, quarters=quarters_back(quarter))
        return Template("dashboards/quotes.html", context=context, media_type=MediaType.HTML)

    @post("/quotes/{submission_id:int}", status_code=303, opt={READS_FORM: True})
    async def decide(self, request: User, conn: Conn, submission_id: FromPath[int]) -> Response[Any]:
        data = single(await read_form(request))
        decision = data.get("decision")
        if decision not in {"approve", "reject"}:
            raise errors.Invalid("Choose approve or reject.", field="decision")
        await services.decide_quote(conn, request.user, submission_id, decision == "approve", data.get("text"))
        quarter = data.get("quarter", "")
        return Redirect(path="/dashboards/quotes" + (f"?quarter={quarter}" if quarter else ""), status_code=303)

    @post("/board/national", status_code=303, opt={READS_FORM: True})
    async def national(self, request: User, conn: Conn) -> Response[Any]:
        data = single(await read_form(request))
        await services.set_national(conn, request.user, _convert(data, ComparisonIn))
        return Redirect(path="/dashboards/board", status_code=303)


class PublicPages(Controller):
    """ "You said, we did" for everyone, without signing in, in the reader's language where written."""

    path = "/you-said-we-did"
    include_in_schema = False

    @get("/")
    async def public(self, request: Request[Any, Any, Any], conn: Conn) -> Template:
        chosen = one(request, "lang")  # a shared link may name the language; else the reader's own choice
        if chosen is not None and chosen not in LANGUAGES:
            raise bad("lang", f"lang should be one of: {', '.join(LANGUAGES)}.")
        ui = words(chosen) if chosen else language(request)
        slug = one(request, "council")
        # The language switcher comes back here without `lang`, so the reader's new choice is the one shown.
        here = "/you-said-we-did" + (f"?council={quote(slug)}" if slug else "")
        page = child_page(request, None, ui=ui, here=here, chosen=chosen)
        if slug is None:
            councils = await services.public_councils(conn)
            return Template("dashboards/public.html", context={**page, "councils": councils}, media_type=MediaType.HTML)
        council_id, name = await services.council_by_slug(conn, slug)
        updates = await services.published_updates(conn, council_id, ui.lang)
        context = {**page, "council": name, "slug": slug, "updates": updates}
        return Template("dashboards/public.html", context=context, media_type=MediaType.HTML)

"""Staff pages for surveys: open one to a cohort, see response rates, close it, export its answers as CSV."""

from __future__ import annotations

from datetime import date
from typing import Any

from litestar import Controller, Request, Response, get, post
from litestar.params import FromPath
from litestar.response import Redirect, Template

from heard.capture import _openings
from heard.capture.schemas import OpeningIn
from heard.errors import HeardError
from heard.principal import Principal
from heard.web.bodies import READS_FORM
from heard.web.dependencies import Conn
from heard.web.forms import read_form, step_or_page, to_struct
from heard.web.guards import roles
from heard.web.pages import staff_page

User = Request[Principal, Any, Any]
_LABELS = {"child_in_care": "Children in care", "care_leaver": "Care leavers"}


def _opening_in(fields: dict[str, list[str]]) -> OpeningIn:
    """The page's form as an OpeningIn, with blank boxes left out so the Struct's rules name what is wrong."""
    one = {k: v[0].strip() for k, v in fields.items() if v and v[0].strip() and k != "legal_statuses"}
    raw: dict[str, Any] = {k: one[k] for k in ("instrument", "access", "opens_on", "closes_on") if k in one}
    raw["legal_statuses"] = fields.get("legal_statuses", [])
    for name in ("age_min", "age_max"):
        if name in one:
            raw[name] = int(one[name]) if one[name].isdigit() else one[name]
    return to_struct(OpeningIn, raw)


async def _page(
    request: User,
    conn: Conn,
    *,
    error: str | None = None,
    field: str | None = None,
    form: dict[str, list[str]] | None = None,
    status: int = 200,
) -> Template:
    context = {
        **staff_page(request.user),
        "openings": await _openings.list_openings(conn, request.user),
        "choices": _openings.surveys_to_open(),
        "labels": _LABELS,
        "can_open": request.user.has_role("admin"),
        "error": error,
        "error_field": field or "instrument",
        "form": form or {},
        "today": date.today().isoformat(),
    }
    return Template("capture/staff_surveys.html", context=context, status_code=status)


class SurveyPages(Controller):
    """Survey openings for administrators (open and close) and participation officers (rates and export)."""

    path = "/staff/surveys"
    guards = [roles("admin", "participation_officer")]
    include_in_schema = False

    @get("/")
    async def list_page(self, request: User, conn: Conn) -> Template:
        return await _page(request, conn)

    @post("/", guards=[roles("admin")], status_code=303, opt={READS_FORM: True})
    async def open_page(self, request: User, conn: Conn) -> Response[Any]:
        fields = await read_form(request)

        async def open_survey() -> None:
            await _openings.open_survey(conn, request.user, _opening_in(fields))

        return await step_or_page(
            open_survey(),
            done="/staff/surveys",
            again=lambda exc: _page(request, conn, error=exc.message, field=exc.field, form=fields, status=400),
            refused=(HeardError,),
        )

    @post("/{opening_id:int}/close", guards=[roles("admin")], status_code=303)
    async def close_page(self, request: User, conn: Conn, opening_id: FromPath[int]) -> Response[Any]:
        await _openings.close(conn, request.user, opening_id)
        return Redirect(path="/staff/surveys", status_code=303)

    @get("/{instrument_id:str}/export.csv")
    async def export_page(self, request: User, conn: Conn, instrument_id: FromPath[str]) -> Response[str]:
        return _csv(instrument_id, await _openings.export_csv(conn, request.user, instrument_id))


def _csv(instrument_id: str, body: str) -> Response[str]:
    return Response(
        body,
        media_type="text/csv; charset=utf-8",
        headers={"content-disposition": f'attachment; filename="{instrument_id}.csv"'},
    )

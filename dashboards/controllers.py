"""Dashboard routes: the CiCC, board and team pages with CSV and PDF, quote approval, and the JSON API."""

from __future__ import annotations

import asyncpg
from litestar import Controller, Response, get, post
from litestar.enums import MediaType
from litestar.response import Template

from dashboards import _complaints_pages as complaint_reports
from dashboards import _export, services
from dashboards._pages import ActionPages, PublicPages, QuotePages
from dashboards._web import (
    BOARD,
    CICC,
    FIGURES,
    STYLESHEET,
    TEAMS,
    User,
    cohort_param,
    csv_response,
    quarter_param,
    quarters_back,
    split_param,
    table_param,
    theme_param,
)
from dashboards.jobs import refresh
from heard import pdf
from heard.web.dependencies import Conn
from heard.web.guards import roles, staff_only
from heard.web.openapi import error_responses
from heard.web.pages import staff_page


class DashboardPages(Controller):
    """The CiCC, board and team dashboards; every figure suppressed in one place (dashboards.suppression)."""

    path = "/dashboards"
    guards = [staff_only]
    include_in_schema = False

    @get("/cicc", guards=[CICC])
    async def cicc(self, request: User, conn: Conn) -> Template:
        found = await _cicc(request, conn)
        context = staff_page(
            request.user, **FIGURES, p=found, quarters=quarters_back(found.quarter), query=_query(request)
        )
        return Template("dashboards/cicc.html", context=context, media_type=MediaType.HTML)

    @get("/cicc/export.csv", guards=[CICC])
    async def cicc_csv(self, request: User, conn: Conn) -> Response[bytes]:
        found = await _cicc(request, conn)
        return csv_response(table_param(request, found.tables), f"cicc-{found.quarter.slug}")

    @get("/board", guards=[BOARD])
    async def board(self, request: User, conn: Conn) -> Template:
        found = await _board(request, conn)
        context = staff_page(
            request.user,
            **FIGURES,
            p=found,
            quarters=quarters_back(found.quarter),
            query=_query(request),
            can_set=request.user.has_role("participation_officer"),
            measures=services.HEADLINE_MEASURES,
        )
        return Template("dashboards/board.html", context=context, media_type=MediaType.HTML)

    @get("/board/export.csv", guards=[BOARD])
    async def board_csv(self, request: User, conn: Conn) -> Response[bytes]:
        found = await _board(request, conn)
        tables = [found.comparisons, *found.tables, *(t.trend for t in found.tiles)]
        return csv_response(table_param(request, tables), f"board-{found.quarter.slug}")

    @get("/board/report.pdf", guards=[BOARD])
    async def board_pdf(self, request: User, conn: Conn) -> Response[bytes]:
        found = await _board(request, conn)
        content = await _export.board_pdf(await _export.board_pack(conn, request.user.council_id, found))
        headers = pdf.download_headers(f"board-report-{found.quarter.slug}.pdf")
        return Response(content, media_type=pdf.MEDIA_TYPE, headers=headers)

    @get("/teams", guards=[TEAMS])
    async def teams(self, request: User, conn: Conn) -> Template:
        quarter = await quarter_param(request, conn)
        found = await services.team_view(conn, request.user.council_id, quarter)
        context = staff_page(
            request.user, **FIGURES, p=found, quarters=quarters_back(found.quarter), query=_query(request)
        )
        return Template("dashboards/teams.html", context=context, media_type=MediaType.HTML)

    @get("/teams/export.csv", guards=[TEAMS])
    async def teams_csv(self, request: User, conn: Conn) -> Response[bytes]:
        quarter = await quarter_param(request, conn)
        found = await services.team_view(conn, request.user.council_id, quarter)
        return csv_response(table_param(request, found.tables), f"teams-{quarter.slug}")


async def _cicc(request: User, conn: asyncpg.Connection) -> services.CiccPage:
    quarter = await quarter_param(request, conn)
    group, theme = cohort_param(request), theme_param(request)
    return await services.cicc_view(conn, request.user.council_id, quarter, group, theme)


async def _board(request: User, conn: asyncpg.Connection) -> services.BoardPage:
    quarter = await quarter_param(request, conn)
    return await services.board_view(conn, request.user.council_id, quarter, split_param(request))


def _query(request: User) -> str:
    """The page's own filters, to carry into its CSV links."""
    from urllib.parse import urlencode

    keep = {k: v for k, v in request.query_params.items() if k in {"quarter", "cohort", "theme", "split"} and v}
    return urlencode(keep)


class Stylesheet(Controller):
    """The dashboards' few styles, served here so the CSP's style-src 'self' covers them."""

    path = "/dashboards"
    include_in_schema = False

    @get("/dashboards.css", cache=False)
    async def stylesheet(self) -> Response[bytes]:
        return Response(STYLESHEET, media_type="text/css")


class DashboardsApi(Controller):
    """The same figures as JSON, suppressed exactly as on the pages."""

    path = "/api/dashboards"
    guards = [staff_only]
    tags = ["dashboards"]

    @get("/cicc", guards=[CICC], responses=error_responses(400))
    async def cicc(self, request: User, conn: Conn) -> services.CiccPage:
        return await _cicc(request, conn)

    @get("/board", guards=[BOARD], responses=error_responses(400))
    async def board(self, request: User, conn: Conn) -> services.BoardPage:
        return await _board(request, conn)

    @get("/teams", guards=[TEAMS], responses=error_responses(400))
    async def teams(self, request: User, conn: Conn) -> services.TeamPage:
        return await services.team_view(conn, request.user.council_id, await quarter_param(request, conn))

    @post("/refresh", guards=[roles("admin")], status_code=200)
    async def refresh(self, conn: Conn) -> dict[str, int]:
        """Recompute this quarter's and last quarter's rollups now, rather than at the next cron run."""
        return {"quarters": await refresh(conn)}


ROUTE_HANDLERS = [
    Stylesheet,
    DashboardPages,
    DashboardsApi,
    ActionPages,
    QuotePages,
    PublicPages,
    *complaint_reports.ROUTE_HANDLERS,
]

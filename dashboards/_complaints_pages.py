"""Complaints reports: the quarterly learning report and the annual report, as a page, CSV and PDF, and as JSON."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from litestar import Controller, Request, Response, get
from litestar.enums import MediaType
from litestar.params import FromQuery, Parameter, QueryParameter
from litestar.response import Template

from dashboards import _complaints_export, services
from dashboards._complaints import ReportView, view
from heard import pdf
from heard.complaints import _clock
from heard.principal import Principal
from heard.web.dependencies import Conn
from heard.web.guards import roles
from heard.web.openapi import error_responses
from heard.web.pages import staff_page

User = Request[Principal, Any, Any]
OFFICER = roles("complaints_officer")


class ComplaintReportsApi(Controller):
    """The complaints reports as JSON, for the complaints officer."""

    path = "/api/complaints"
    guards = [OFFICER]
    tags = ["complaints"]

    @get("/reports", responses=error_responses(422))
    async def report(
        self,
        request: User,
        conn: Conn,
        kind: FromQuery[Literal["quarterly", "annual"]],
        year: Annotated[int, Parameter(ge=2000, le=2100)],
        quarter: Annotated[int | None, Parameter(ge=1, le=4)] = None,
        version: FromQuery[Literal["publication", "internal"]] = "publication",
    ) -> ReportView:
        """The quarterly learning report or annual report for the financial year starting April `year`."""
        found = await services.complaints_report(conn, request.user, kind, year, quarter)
        return view(found, publication=version == "publication")


class ComplaintReportPages(Controller):
    """The complaints officer's reports page, with its CSV and PDF downloads."""

    path = "/staff/complaints"
    guards = [OFFICER]
    include_in_schema = False

    @get("/reports")
    async def reports(
        self,
        request: User,
        conn: Conn,
        kind: FromQuery[Literal["quarterly", "annual"] | None] = None,
        year: Annotated[int | None, Parameter(ge=2000, le=2100)] = None,
        quarter: Annotated[int | None, Parameter(ge=1, le=4)] = None,
        version: FromQuery[Literal["publication", "internal"]] = "publication",
        format_: Annotated[Literal["html", "csv", "pdf"], QueryParameter(name="format")] = "html",
    ) -> Any:
        context = {**staff_page(request.user), "years": _years(), "chosen": {
            "kind": kind or "quarterly", "year": year, "quarter": quarter or 1, "version": version}}  # fmt: skip
        if kind is None or year is None:
            return Template("complaints/reports.html", context={**context, "report": None}, media_type=MediaType.HTML)
        quarter = quarter if kind == "quarterly" else None
        report = await services.complaints_report(conn, request.user, kind, year, quarter)
        publication = version == "publication"
        name = f"complaints-{kind}-{year}{f'-q{quarter}' if kind == 'quarterly' else ''}-{version}"
        if format_ == "csv":
            content = _complaints_export.to_csv(report, publication=publication).encode()
            return _download(content, f"{name}.csv", "text/csv")
        if format_ == "pdf":
            content = await _complaints_export.to_pdf(report, publication=publication)
            return _download(content, f"{name}.pdf", pdf.MEDIA_TYPE)
        shown = view(report, publication=publication)
        context = {**context, "report": shown}
        return Template("complaints/reports.html", context=context, media_type=MediaType.HTML)


def _download(content: bytes, filename: str, media_type: str) -> Response[bytes]:
    return Response(
        content, media_type=media_type, headers={"Content-Disposition": f'attachment; filename="{filename}"'}
    )


def _years() -> list[int]:
    today = _clock.today()
    latest = today.year if today.month >= 4 else today.year - 1
    return list(range(latest, latest - 6, -1))


ROUTE_HANDLERS = [ComplaintReportsApi, ComplaintReportPages]

"""Onboarding routes: the import API for scripts, and upload, dry-run report, apply and codes pages for admins."""

from __future__ import annotations

import base64
import binascii
from pathlib import Path
from typing import Any

from litestar import Controller, Request, Response, get, post
from litestar.datastructures import UploadFile
from litestar.params import FromPath, JSONBody, MultipartBody
from litestar.response import Template

from heard import errors
from heard.onboarding import _csv, services
from heard.onboarding.schemas import CodesIn, Counts, ImportFiles, ImportReport, IssuedCodeRow, Problem
from heard.principal import Principal
from heard.web.bodies import IMPORT_BODY, READS_FORM
from heard.web.dependencies import Conn
from heard.web.forms import first, read_form, single
from heard.web.guards import roles
from heard.web.openapi import error_responses
from heard.web.pages import staff_page

SAMPLES = Path(__file__).parent / "samples"
FILES = ("children", "staff", "allocations")


class OnboardingApi(Controller):
    """Check (dry run) and apply an import as JSON: each file's CSV text in its own field."""

    path = "/api/admin/onboarding"
    guards = [roles("admin")]
    request_max_body_size = IMPORT_BODY  # three CSV files; every other route takes at most 1 MB
    tags = ["onboarding"]

    @post("/check", status_code=200, responses=error_responses(422))
    async def check(
        self, request: Request[Principal, Any, Any], conn: Conn, data: JSONBody[ImportFiles]
    ) -> ImportReport:
        return await services.check(conn, request.user, data)

    @post("/apply", status_code=200, responses=error_responses(422, report=ImportReport))
    async def apply(
        self, request: Request[Principal, Any, Any], conn: Conn, data: JSONBody[ImportFiles]
    ) -> Response[ImportReport]:
        report = await services.apply(conn, request.user, data)
        return Response(report, status_code=200 if report.applied else 422)

    @post("/access-codes", status_code=201)
    async def codes(
        self, request: Request[Principal, Any, Any], conn: Conn, data: JSONBody[CodesIn]
    ) -> list[IssuedCodeRow]:
        return await services.issue_codes(conn, request.user, data.references)


def _context(user: Principal, **extra: Any) -> dict[str, Any]:
    return {**staff_page(user), "columns": _csv.COLUMNS, "placements": _csv.PLACEMENT_TYPES, **extra}


async def _uploaded(data: dict[str, Any]) -> tuple[ImportFiles, list[Problem]]:
    """The uploaded files as text; a file that is not UTF-8 is a problem, not a crash."""
    texts, problems = {}, []
    for name in FILES:
        upload = data.get(name)
        raw = await upload.read() if isinstance(upload, UploadFile) else b""
        try:
            texts[name] = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            message = "This file is not UTF-8 text. Save it from your spreadsheet as 'CSV UTF-8' and try again."
            problems.append(Problem(file=name, row=0, column="", message=message))
            texts[name] = ""
    return ImportFiles(**texts), problems


def _unreadable(problems: list[Problem]) -> ImportReport:
    """A report of files that could not be read at all; the rest are checked once these are put right."""
    empty = Counts()
    return ImportReport(
        applied=False, problems=problems, children=empty, staff=empty, allocations=empty, new_children=[]
    )


def _encoded(files: ImportFiles) -> dict[str, str]:
    return {name: base64.b64encode(getattr(files, name).encode()).decode() for name in FILES}


def _decoded(data: dict[str, str]) -> ImportFiles:
    try:
        return ImportFiles(**{name: base64.b64decode(data.get(name, ""), validate=True).decode() for name in FILES})
    except (binascii.Error, UnicodeDecodeError):
        raise errors.Invalid("The import form was damaged; upload the files again.", field="children") from None


class OnboardingPages(Controller):
    """Upload the files, read the dry-run report, apply it, then make access codes if wanted."""

    path = "/admin/onboarding"
    guards = [roles("admin")]
    request_max_body_size = IMPORT_BODY  # the files uploaded, then carried back in the report's form
    include_in_schema = False

    @get("/")
    async def start(self, request: Request[Principal, Any, Any]) -> Template:
        return Template("onboarding/index.html", context=_context(request.user, error=None))

    @get("/samples/{name:str}")
    async def sample(self, name: FromPath[str]) -> Response[bytes]:
        if name not in {f"{n}.csv" for n in FILES}:
            raise errors.NotFound("There is no sample file with that name.")
        headers = {"content-disposition": f'attachment; filename="{name}"'}
        return Response((SAMPLES / name).read_bytes(), media_type="text/csv; charset=utf-8", headers=headers)

    @post("/", status_code=200)
    async def check(
        self, request: Request[Principal, Any, Any], conn: Conn, data: MultipartBody[dict[str, Any]]
    ) -> Template:
        files, unreadable = await _uploaded(data)
        try:
            report = _unreadable(unreadable) if unreadable else await services.check(conn, request.user, files)
        except errors.Invalid as exc:
            context = _context(request.user, error=exc.message, error_field="children")
            return Template("onboarding/index.html", context=context, status_code=400)
        context = _context(request.user, report=report, encoded=_encoded(files))
        return Template("onboarding/report.html", context=context, status_code=400 if report.problems else 200)

    @post("/apply", status_code=200, opt={READS_FORM: True})
    async def apply(self, request: Request[Principal, Any, Any], conn: Conn) -> Template:
        files = _decoded(single(await read_form(request)))
        report = await services.apply(conn, request.user, files)
        context = _context(request.user, report=report, encoded=_encoded(files))
        return Template("onboarding/report.html", context=context, status_code=200 if report.applied else 400)

    @post("/codes", status_code=200, opt={READS_FORM: True})
    async def codes(self, request: Request[Principal, Any, Any], conn: Conn) -> Template:
        references = [r for r in first(await read_form(request), "references").split() if r][:5000]
        issued = await services.issue_codes(conn, request.user, references)
        return Template("onboarding/codes.html", context=_context(request.user, issued=issued))


ROUTE_HANDLERS = [OnboardingApi, OnboardingPages]

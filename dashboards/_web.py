"""Shared HTTP helpers for the dashboard routes: query parameters that fail with a 400 naming them, CSV downloads."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import asyncpg
from litestar import Request, Response
from litestar.exceptions import ValidationException

from dashboards import _export, services
from dashboards.charts import svg
from dashboards.schemas import ATTRIBUTES, THEMES, Quarter, Table, cohort_label
from heard import council
from heard.principal import Principal
from heard.web.guards import roles

User = Request[Principal, Any, Any]
CICC = roles("participation_officer", "cicc_member")
BOARD = roles("board_member", "participation_officer")
TEAMS = roles("duty_manager", "head_of_service", "admin")
STYLESHEET = (Path(__file__).parent / "static" / "dashboards.css").read_bytes()
FIGURES: dict[str, Any] = {"svg": svg, "attributes": ATTRIBUTES, "themes": THEMES, "cohort_label": cohort_label}
"""What the dashboards' templates draw with, for `heard.web.pages.staff_page(user, **FIGURES, ...)`."""
OLDEST_YEAR = 2000


def bad(name: str, message: str) -> ValidationException:
    """A 400 that names the query parameter and says what it accepts."""
    return ValidationException(message, extra=[{"key": name, "source": "query", "message": message}])


def one(request: User, name: str) -> str | None:
    values = request.query_params.getall(name, [])
    if len(values) > 1:
        raise bad(
            name,
            f"Give {name} once: Heard shows one group at a time, so that two overlapping groups "
            "cannot be subtracted to reveal a few children.",
        )
    return values[0] if values and values[0] != "" else None


async def quarter_param(request: User, conn: asyncpg.Connection) -> Quarter:
    raw = one(request, "quarter")
    if raw is None:
        return await services.default_quarter(conn, request.user.council_id)
    year, _, number = raw.upper().partition("-Q")
    if not (
        year.isdigit() and number in {"1", "2", "3", "4"} and OLDEST_YEAR <= int(year) <= services.this_quarter().year
    ):
        raise bad("quarter", "quarter should look like 2025-Q2 (a year, then Q1 to Q4), and not be in the future.")
    found = Quarter(int(year), int(number), await council.quarter_convention(conn, request.user.council_id))
    if found.starts > services.this_quarter().starts:
        raise bad("quarter", "quarter cannot be in the future.")
    return found


def cohort_param(request: User) -> str:
    """One group ('age:12-15', 'placement:foster', ...) or everyone ('*'); more than one is refused."""
    raw = one(request, "cohort")
    if raw is None or raw == "*":
        return "*"
    attr, _, value = raw.partition(":")
    if attr not in ATTRIBUTES or value not in ATTRIBUTES[attr][1]:
        raise bad("cohort", "cohort should be one of the groups offered, such as age:12-15 or placement:foster.")
    return raw


def split_param(request: User) -> str | None:
    raw = one(request, "split")
    if raw is not None and raw not in ATTRIBUTES:
        raise bad("split", f"split should be one of: {', '.join(ATTRIBUTES)}.")
    return raw


def theme_param(request: User) -> str:
    raw = one(request, "theme")
    if raw is not None and raw not in THEMES:
        raise bad("theme", f"theme should be one of: {', '.join(THEMES)}.")
    return raw or "placement"


def table_param(request: User, tables: list[Table]) -> Table:
    raw = one(request, "table")
    found = next((t for t in tables if t.key == raw), None)
    if found is None:
        raise bad("table", f"table should be one of: {', '.join(t.key for t in tables)}.")
    return found


def csv_response(table: Table, stem: str) -> Response[bytes]:
    headers = {"Content-Disposition": f'attachment; filename="{stem}-{table.key}.csv"'}
    return Response(_export.csv_bytes(table), media_type="text/csv; charset=utf-8", headers=headers)


def quarters_back(shown: Quarter, count: int = 12) -> list[Quarter]:
    """The quarters to choose from, this one back, named in the convention of the quarter shown."""
    latest = services.this_quarter(shown.convention)
    return [latest.previous(i) for i in range(count)]

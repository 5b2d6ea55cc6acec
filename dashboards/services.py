"""Dashboard rules: which quarter, which group, who may approve a quote, and the page models built from rollups."""

from __future__ import annotations

from datetime import UTC, date, datetime

import asyncpg

from dashboards import _complaints, queries
from dashboards._actions import (
    action,
    actions,
    council_by_slug,
    create,
    decide,
    progress,
    public_councils,
    publish,
    published_updates,
    record_done,
    set_text,
    updates_for_child,
)
from dashboards._board import HEADLINE_MEASURES, BoardPage, board_view
from dashboards._cicc import CiccPage, cicc_view
from dashboards._refresh import refresh_quarter
from dashboards._teams import TeamPage, team_view
from dashboards.schemas import ComparisonIn, Quarter
from heard import audit, council, errors, quarters
from heard.complaints import _clock
from heard.principal import Principal

__all__ = [
    "HEADLINE_MEASURES",
    "BoardPage",
    "CiccPage",
    "TeamPage",
    "action",
    "actions",
    "board_view",
    "candidates",
    "cicc_view",
    "council_by_slug",
    "create",
    "decide",
    "decide_quote",
    "default_quarter",
    "progress",
    "public_councils",
    "publish",
    "published_updates",
    "record_done",
    "refresh_quarter",
    "set_national",
    "set_text",
    "team_view",
    "updates_for_child",
]

CANDIDATE_LIMIT = 50


def this_quarter(convention: quarters.Convention = quarters.DEFAULT) -> Quarter:
    return Quarter.of(datetime.now(UTC).date(), convention)


async def default_quarter(conn: asyncpg.Connection, council_id: int) -> Quarter:
    """The quarter a page opens on: the latest with figures, else this one, named in the council's convention."""
    latest = await queries.latest_quarter(conn, council_id)
    current = this_quarter(await council.quarter_convention(conn, council_id))
    return min(Quarter.of(latest, current.convention), current) if latest else current


async def candidates(conn: asyncpg.Connection, user: Principal, quarter: Quarter) -> list[queries.Candidate]:
    """Redacted texts from children who agreed to share, not yet decided on; reading them is audited."""
    found = await queries.quote_candidates(conn, user.council_id, quarter.starts, CANDIDATE_LIMIT)
    await audit.record(
        conn, user, "dashboards.quote_candidates_read", "quarter", None, quarter=quarter.slug, count=len(found)
    )
    return found


QUOTE_LIMIT = 1000


async def decide_quote(
    conn: asyncpg.Connection, user: Principal, submission_id: int, approve: bool, text: str | None = None
) -> None:
    """Approve (with the approver's edits to the redaction, if any) or reject one candidate quote."""
    edited = (text or "").replace("\r\n", "\n").strip() or None
    if edited is not None and len(edited) > QUOTE_LIMIT:
        raise errors.Invalid(f"A quote can be at most {QUOTE_LIMIT:,} characters; shorten it.", field="text")
    async with conn.transaction():
        decision = "approved" if approve else "rejected"
        if not await queries.decide_quote(conn, user.council_id, submission_id, decision, user.id, edited):
            raise errors.NotFound(
                "That text cannot be quoted: the child has not agreed, did not send it to the council, "
                "it is part of a safeguarding worry or a complaint, or it is not redacted."
            )
        await audit.record(conn, user, f"dashboards.quote_{decision}", "submission", submission_id)


async def set_national(conn: asyncpg.Connection, user: Principal, data: ComparisonIn) -> None:
    if data.measure not in HEADLINE_MEASURES:
        raise errors.Invalid(f"'{data.measure}' is not a measure with a national figure.", field="measure")
    async with conn.transaction():
        await queries.set_national(conn, user.council_id, data.measure, data.national_percent, data.source)
        await audit.record(conn, user, "dashboards.national_set", "setting", None, measure=data.measure)


async def complaints_report(
    conn: asyncpg.Connection,
    principal: Principal,
    kind: _complaints.ReportKind,
    year: int,
    quarter: int | None = None,
    *,
    today: date | None = None,
) -> _complaints.Report:
    """The quarterly learning report or the annual report for a financial year; the read is audited."""
    found = await _complaints.build(conn, principal.council_id, kind, year, quarter, today or _clock.today())
    await audit.record(conn, principal, "read", "complaints_report", None, kind=kind, year=year, quarter=quarter)
    return found

"""One case as services see it: loading it with its worked-out fields, starting clocks, and applying a step."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date
from typing import Any

import asyncpg
import msgspec

from heard import audit
from heard.complaints import _clock, _rules, queries
from heard.complaints.schemas import Case
from heard.errors import NotFound
from heard.principal import Principal

NOT_FOUND = "No complaint with that reference in your council."
Apply = Callable[[Case, date], Awaitable[dict[str, Any]]]


def enrich(case: Case, today: date) -> Case:
    """Fill in what is worked out rather than stored: lateness, and each clock's explanation and status."""
    clocks = [
        msgspec.structs.replace(
            c,
            explanation=_clock.explain(c.starts_on, c.working_days, c.start_label),
            status="ended" if c.ended_on else _clock.due_status(c.due_on, c.met_on, today),
        )
        for c in case.clocks
    ]
    return msgspec.structs.replace(case, made_late=_rules.made_late(case.received_on, case.events_on), clocks=clocks)


async def load(conn: asyncpg.Connection, council_id: int, complaint_id: int) -> Case:
    found = await queries.get_case(conn, complaint_id, council_id)
    if found is None:
        raise NotFound(NOT_FOUND)
    return enrich(found, _clock.today())


async def start_clock(conn: asyncpg.Connection, complaint_id: int, kind: str, starts_on: date, label: str) -> None:
    stage, days, most, _ = _rules.CLOCKS[kind]
    due = _clock.add_working_days(starts_on, days)
    await queries.insert_clock(conn, complaint_id, stage, kind, starts_on, label, (days, most), due)


async def start_stage1(conn: asyncpg.Connection, complaint_id: int, received_on: date) -> None:
    await queries.insert_stage(conn, complaint_id, 1, received_on, False, "")
    await start_clock(conn, complaint_id, "stage1_response", received_on, "received")


async def act(conn: asyncpg.Connection, principal: Principal, complaint_id: int, kind: str, apply: Apply) -> Case:
    """Lock the case, check and apply one step, and put it on the timeline and in the audit log."""
    async with conn.transaction():
        if not await queries.lock(conn, complaint_id, principal.council_id):
            raise NotFound(NOT_FOUND)
        case = await load(conn, principal.council_id, complaint_id)
        detail = await apply(case, _clock.today())
        stage = int(detail.pop("stage", case.stage))
        await queries.insert_event(conn, complaint_id, principal.id, stage, kind, detail)
        await audit.record(conn, principal, kind, "complaint", complaint_id, child_id=case.child_id, **detail)
    return await load(conn, principal.council_id, complaint_id)

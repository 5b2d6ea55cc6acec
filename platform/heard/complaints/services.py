"""Complaints services: opening cases, the officer's list and case reads, and every procedure step (from _steps)."""

from __future__ import annotations

from datetime import date
from typing import Any

import asyncpg
import msgspec

from heard import audit
from heard.complaints import _clock, _rules, queries
from heard.complaints._case import NOT_FOUND, enrich, load, start_stage1
from heard.complaints._child import answer_by, child_view
from heard.complaints._steps import (
    ACTIONS,
    acknowledge,
    add_action,
    add_point,
    close,
    escalate,
    extend,
    record_advocacy,
    record_late_decision,
    record_ombudsman,
    record_outcome,
    record_panel,
    record_panel_report,
    respond,
    set_tags,
    update_action,
    withdraw,
)
from heard.complaints.schemas import Case, CaseSummary, ComplaintIn
from heard.errors import Invalid, NotFound
from heard.principal import Principal

_ADVOCATE_ANSWERS = {"yes": "accepted", "no": "declined", "not_sure": "not_sure"}


def _events_on(answers: dict[str, Any]) -> date | None:
    """The complaint form's "when did it happen" month, taken as its first day."""
    value = answers.get("when_happened")
    try:
        return date.fromisoformat(f"{value}-01") if isinstance(value, str) else None
    except ValueError:
        return None


async def open_from_submission(conn: asyncpg.Connection, submission_id: int) -> int:
    """Open a stage 1 case from a child's complaint statement; returns its id (the same id if already opened)."""
    sub = await queries.submission(conn, submission_id)
    if sub is None:
        raise NotFound("No submission with that number.")
    if sub.kind != "complaint":
        raise Invalid("Only a complaint statement opens a complaint.", field="submission_id")
    received_on = _clock.local_date(sub.created_at)
    async with conn.transaction():
        complaint_id = await queries.insert_complaint(
            conn,
            council_id=sub.council_id,
            child_id=sub.child_id,
            submission_id=submission_id,
            complainant="child",
            channel="heard",
            received_on=received_on,
            events_on=_events_on(sub.answers),
            summary="",
        )
        if complaint_id is None:
            return int(await queries.by_submission(conn, submission_id) or 0)
        await queries.insert_point(conn, complaint_id, f"What the child wrote in statement H-{submission_id:06d}.")
        await start_stage1(conn, complaint_id, received_on)
        if answer := _ADVOCATE_ANSWERS.get(str(sub.answers.get("want_advocate"))):
            # The complaint form tells the child about advocates and asks; that is the section 26A offer.
            await queries.update_complaint(conn, complaint_id, advocacy_offered_on=received_on, advocacy_answer=answer)
        await queries.insert_event(conn, complaint_id, None, 1, "opened", {"channel": "heard"})
        await audit.record(
            conn, None, "opened", "complaint", complaint_id, child_id=sub.child_id, council_id=sub.council_id
        )
    return complaint_id


async def create(conn: asyncpg.Connection, principal: Principal, data: ComplaintIn) -> Case:
    """A complaint made by phone, letter, email or in person, with its points; stage 1 starts on receipt."""
    today = _clock.today()
    _rules.past_or_today(data.received_on, "received_on", today)
    if data.events_on is not None and data.events_on > data.received_on:
        raise Invalid("'events_on' is after the day the complaint was received.", field="events_on")
    if data.child_id is not None and not await queries.child_in_council(conn, data.child_id, principal.council_id):
        raise Invalid("There is no child with that id in your council.", field="child_id")
    async with conn.transaction():
        complaint_id = await queries.insert_complaint(
            conn, council_id=principal.council_id, submission_id=None, **msgspec.structs.asdict(data)
        )
        assert complaint_id is not None
        for text in data.points:
            await queries.insert_point(conn, complaint_id, text.strip())
        await start_stage1(conn, complaint_id, data.received_on)
        detail: dict[str, Any] = {"channel": data.channel, "complainant": data.complainant}
        await queries.insert_event(conn, complaint_id, principal.id, 1, "opened", detail)
        await audit.record(conn, principal, "opened", "complaint", complaint_id, child_id=data.child_id, **detail)
    return await load(conn, principal.council_id, complaint_id)


async def list_open(conn: asyncpg.Connection, principal: Principal, today: date | None = None) -> list[CaseSummary]:
    """Open cases by stage, each with the clock it waits on and whether that is on track, due soon or overdue."""
    on = today or _clock.today()
    rows = await queries.open_cases(conn, principal.council_id)
    found = [
        queries.summary(
            r,
            due_status=_clock.due_status(r.due_on, r.met_on, on) if r.due_on else None,
            made_late=(late := _rules.made_late(r.received_on, r.events_on)),
            late_undecided=late and r.late_decision is None,
        )
        for r in rows
    ]
    await audit.record(conn, principal, "read", "complaints", None, complaint_ids=[c.id for c in found])
    return found


async def get(conn: asyncpg.Connection, principal: Principal, complaint_id: int) -> Case:
    """One case with its timeline; the read is audited (it may hold a child's own words), and so is a refusal."""
    try:
        case = await load(conn, principal.council_id, complaint_id)
    except NotFound:
        await audit.refused(conn, principal, "complaint", complaint_id, why="not_in_their_council")
        raise
    await audit.record(conn, principal, "read", "complaint", complaint_id, child_id=case.child_id, reason="complaints")
    return case


__all__ = [
    "ACTIONS", "NOT_FOUND", "acknowledge", "add_action", "add_point", "answer_by", "child_view", "close", "create",
    "enrich", "escalate", "extend", "get", "list_open", "open_from_submission", "record_advocacy",
    "record_late_decision", "record_ombudsman", "record_outcome", "record_panel", "record_panel_report", "respond",
    "set_tags", "update_action", "withdraw",
]  # fmt: skip

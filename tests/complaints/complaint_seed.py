"""Helpers for complaints tests: an officer principal, and cases put through the procedure by the real services."""

from __future__ import annotations

from datetime import date

import asyncpg
from support import Council

from heard.complaints import services
from heard.complaints.schemas import (
    Case,
    CloseIn,
    ComplaintIn,
    EscalationIn,
    OutcomeIn,
    PanelIn,
    PanelReportIn,
    ResponseIn,
)
from heard.principal import Principal


def officer(council: Council) -> Principal:
    return Principal(
        kind="staff",
        id=council.staff_ids["complaints_officer"],
        council_id=council.id,
        name="Complaints Officer",
        roles=("complaints_officer",),
    )


async def new_case(
    db: asyncpg.Connection,
    council: Council,
    received_on: date,
    *,
    points: int = 1,
    complainant: str = "child",
    child: str | None = "Ava",
    channel: str = "phone",
    events_on: date | None = None,
) -> Case:
    data = ComplaintIn(
        complainant=complainant,  # type: ignore[arg-type]
        channel=channel,  # type: ignore[arg-type]
        received_on=received_on,
        points=[f"Point {n}" for n in range(1, points + 1)],
        child_id=council.children[child] if child else None,
        events_on=events_on,
    )
    return await services.create(db, officer(council), data)


async def decide_all(db: asyncpg.Connection, council: Council, case: Case, outcome: str, on: date) -> Case:
    for point in case.points:
        case = await services.record_outcome(
            db,
            officer(council),
            case.id,
            OutcomeIn(point_id=point.id, outcome=outcome, decided_on=on),  # type: ignore[arg-type]
        )
    return case


async def respond(db: asyncpg.Connection, council: Council, case: Case, on: date) -> Case:
    letter = ResponseIn(
        responded_on=on, letter="Dear complainant, ...", child_letter="We listened. Here is what we found."
    )
    return await services.respond(db, officer(council), case.id, letter)


async def escalate(db: asyncpg.Connection, council: Council, case: Case, to: int, on: date, **kw: object) -> Case:
    return await services.escalate(db, officer(council), case.id, EscalationIn(to_stage=to, requested_on=on, **kw))  # type: ignore[arg-type]


async def through_stage3(db: asyncpg.Connection, council: Council, received_on: date) -> Case:
    """The whole procedure, on dates spread out after `received_on`, ending closed."""
    from heard.complaints._clock import add_working_days as add

    case = await new_case(db, council, received_on, points=2)
    case = await decide_all(db, council, case, "not_upheld", add(received_on, 5))
    case = await respond(db, council, case, add(received_on, 8))
    case = await escalate(db, council, case, 2, add(received_on, 10))
    case = await decide_all(db, council, case, "partly_upheld", add(received_on, 30))
    case = await respond(db, council, case, add(received_on, 32))
    case = await escalate(db, council, case, 3, add(received_on, 35))
    case = await services.record_panel(db, officer(council), case.id, PanelIn(held_on=add(received_on, 60)))
    case = await services.record_panel_report(
        db, officer(council), case.id, PanelReportIn(received_on=add(received_on, 63))
    )
    case = await decide_all(db, council, case, "upheld", add(received_on, 70))
    case = await respond(db, council, case, add(received_on, 75))
    return await services.close(db, officer(council), case.id, CloseIn(closed_on=add(received_on, 76)))

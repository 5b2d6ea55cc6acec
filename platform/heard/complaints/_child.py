"""What a child sees of their own complaints: where each is, as codes and dates their page words in their language."""

from __future__ import annotations

from datetime import date

import asyncpg

from heard.complaints import queries
from heard.complaints.schemas import Case, ChildComplaint, ChildOutcome, ChildProgress


def progress(case: Case) -> ChildProgress:
    """Where the complaint is, from the child's side: ended (and how), answered, due by a date, or being worked on."""
    if case.status in ("withdrawn", "not_considered", "closed"):
        return case.status  # type: ignore[return-value]
    record = case.stage_record(case.stage)
    if record is not None and record.responded_on is not None:
        return "answered"
    return "due" if case.running_clock is not None else "working"


def _yours(case: Case, position: int) -> bool:
    """The first point of a complaint the child sent through Heard is their statement itself."""
    return case.submission_id is not None and case.statement is not None and position == 1


def _outcomes(case: Case) -> list[ChildOutcome]:
    """Outcomes at the latest stage that has answered."""
    for stage in sorted({s.stage for s in case.stages if s.responded_on is not None}, reverse=True):
        found = [(p, p.outcome_at(stage)) for p in case.points]
        return [
            ChildOutcome(
                point=p.position,
                outcome=o.outcome,
                yours=(yours := _yours(case, p.position)),
                about=None if yours else p.summary,
            )
            for p, o in found
            if o
        ]
    return []


def _letter(case: Case) -> str | None:
    answered = [s for s in case.stages if s.responded_on is not None and s.child_letter]
    return answered[-1].child_letter if answered else None


def _happened(case: Case) -> date | None:
    """Only the month the child gave is known; `events_on` is its first day."""
    return case.events_on if case.submission_id is not None else None


def to_child(case: Case) -> ChildComplaint:
    running = case.running_clock
    now = progress(case)
    return ChildComplaint(
        reference=case.reference,
        received_on=case.received_on,
        happened_on=_happened(case),
        words=case.statement if case.submission_id is not None else None,
        language=case.statement_language,
        stage=case.stage,
        status=case.status,
        progress=now,
        due_on=running.due_on if running and now == "due" else None,
        outcomes=_outcomes(case),
        letter=_letter(case),
        ombudsman=case.status in ("closed", "not_considered"),
    )


async def child_view(conn: asyncpg.Connection, child_id: int) -> list[ChildComplaint]:
    """The complaints a child made (themselves or through an advocate), newest first; nobody else's."""
    return [to_child(case) for case in await queries.child_cases(conn, child_id)]


async def answer_by(conn: asyncpg.Connection, submission_id: int, child_id: int) -> date | None:
    """The stored date the council will answer the complaint this statement opened: what its receipt promises."""
    return await queries.answer_by(conn, submission_id, child_id)

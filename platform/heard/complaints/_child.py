"""What a child sees of their own complaints, in words written for them."""

from __future__ import annotations

import asyncpg

from heard.complaints import _clock, queries
from heard.complaints.schemas import Case, ChildComplaint, ChildOutcome

STAGE_WORDS = {
    1: "Someone at the council is looking into your complaint.",
    2: "An independent investigator is looking into your complaint.",
    3: "A review panel of people who were not involved is looking at your complaint.",
}
OUTCOME_WORDS = {
    "upheld": "We agreed with you.",
    "partly_upheld": "We agreed with some of what you said.",
    "not_upheld": "We did not agree, and we have explained why in our letter.",
}
OMBUDSMAN = (
    "If you are still unhappy, you can ask the Local Government and Social Care Ombudsman to look at your "
    "complaint. It is free and they do not work for the council. Call 0300 061 0614 or visit www.lgo.org.uk. "
    "An advocate can help you do this."
)


def _status_words(case: Case) -> str:
    running = case.running_clock
    if case.status == "withdrawn":
        return "You stopped this complaint."
    if case.status == "not_considered":
        return "We could not look into this complaint because it was about things from more than a year ago."
    if case.status == "closed":
        return "Your complaint is finished."
    record = case.stage_record(case.stage)
    if record is not None and record.responded_on is not None:
        return "We have answered. If you are still unhappy, tell us and we will take it to the next stage."
    if running is not None:
        return f"We will answer by {_clock.long_date(running.due_on)}."
    return "We are working on it."


def _outcomes(case: Case) -> list[ChildOutcome]:
    """Outcomes at the latest stage that has any, once that stage has answered."""
    for stage in sorted({s.stage for s in case.stages if s.responded_on is not None}, reverse=True):
        found = [(p, p.outcome_at(stage)) for p in case.points]
        return [ChildOutcome(point=p.position, about=p.summary, words=OUTCOME_WORDS[o.outcome]) for p, o in found if o]
    return []


def _letter(case: Case) -> str | None:
    answered = [s for s in case.stages if s.responded_on is not None and s.child_letter]
    return answered[-1].child_letter if answered else None


def to_child(case: Case) -> ChildComplaint:
    running = case.running_clock
    return ChildComplaint(
        reference=case.reference,
        received_on=case.received_on,
        stage=case.stage,
        stage_words=STAGE_WORDS[case.stage],
        status=case.status,
        status_words=_status_words(case),
        due_on=running.due_on if running else None,
        outcomes=_outcomes(case),
        letter=_letter(case),
        ombudsman=OMBUDSMAN if case.status in ("closed", "not_considered") else None,
    )


async def child_view(conn: asyncpg.Connection, child_id: int) -> list[ChildComplaint]:
    """The complaints a child made (themselves or through an advocate), newest first; nobody else's."""
    return [to_child(case) for case in await queries.child_cases(conn, child_id)]

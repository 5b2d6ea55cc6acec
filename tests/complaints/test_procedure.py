"""The procedure's order is enforced: the valid path runs through stage 3, and each wrong step is refused plainly."""

from __future__ import annotations

from datetime import date

import asyncpg
import pytest
from complaint_seed import decide_all, escalate, new_case, officer, respond, through_stage3
from support import Council

from heard.complaints import services
from heard.complaints._clock import add_working_days
from heard.complaints.schemas import (
    AdvocacyIn,
    CloseIn,
    ExtensionIn,
    LateDecisionIn,
    OutcomeIn,
    PanelIn,
    PanelReportIn,
    PointIn,
    WithdrawIn,
)
from heard.errors import Conflict, Invalid

RECEIVED = date(2026, 3, 2)


async def test_the_valid_path_runs_through_all_three_stages_and_closes_with_signposting(
    db: asyncpg.Connection, council: Council
) -> None:
    case = await through_stage3(db, council, RECEIVED)
    assert case.status == "closed"
    assert case.stage == 3
    assert case.ombudsman_signposted_on == case.closed_on
    kinds = [c.kind for c in case.clocks]
    assert kinds == [
        "stage1_response",
        "stage2_investigation",
        "stage3_panel",
        "stage3_panel_report",
        "stage3_response",
    ]
    assert all(c.met_on is not None and c.status == "met" for c in case.clocks)
    assert [e.kind for e in case.events] == [
        "opened",
        "outcome",
        "outcome",
        "response_sent",
        "escalated",
        "outcome",
        "outcome",
        "response_sent",
        "escalated",
        "panel_held",
        "panel_report_received",
        "outcome",
        "outcome",
        "response_sent",
        "closed",
    ]
    assert [o.outcome for o in case.points[0].outcomes] == ["not_upheld", "partly_upheld", "upheld"]
    stage3 = case.clock("stage3_panel")
    assert stage3 is not None and stage3.due_on == add_working_days(add_working_days(RECEIVED, 35), 30)
    audited = await db.fetchval(
        "select count(*) from audit_log where subject_kind = 'complaint' and subject_id = $1", case.id
    )
    assert audited == len(case.events)


async def test_stage_3_cannot_come_before_stage_2(db: asyncpg.Connection, council: Council) -> None:
    case = await new_case(db, council, RECEIVED)
    case = await decide_all(db, council, case, "upheld", date(2026, 3, 5))
    case = await respond(db, council, case, date(2026, 3, 6))
    with pytest.raises(Conflict, match=r"A review panel \(stage 3\) can only follow a stage 2 investigation"):
        await escalate(db, council, case, 3, date(2026, 3, 9))


async def test_stage_3_needs_the_stage_2_response(db: asyncpg.Connection, council: Council) -> None:
    case = await new_case(db, council, RECEIVED)
    case = await decide_all(db, council, case, "upheld", date(2026, 3, 5))
    case = await respond(db, council, case, date(2026, 3, 6))
    case = await escalate(db, council, case, 2, date(2026, 3, 9))
    with pytest.raises(Conflict, match="Stage 3 can start only after the stage 2 response has been sent"):
        await escalate(db, council, case, 3, date(2026, 3, 10))


async def test_stage_2_needs_a_stage_1_response_unless_the_complainant_asked(
    db: asyncpg.Connection, council: Council
) -> None:
    case = await new_case(db, council, RECEIVED)
    with pytest.raises(Conflict, match="Stage 2 can start only after the stage 1 response has been sent, unless"):
        await escalate(db, council, case, 2, date(2026, 3, 3))
    case = await escalate(db, council, case, 2, date(2026, 3, 3), at_complainant_request=True, note="Asked by phone")
    assert case.stage == 2
    stage1 = case.clock("stage1_response")
    assert stage1 is not None and stage1.ended_on == date(2026, 3, 3) and stage1.status == "ended"
    assert case.events[-1].detail["at_complainant_request"] is True


async def test_closing_needs_an_outcome_for_every_point(db: asyncpg.Connection, council: Council) -> None:
    case = await new_case(db, council, RECEIVED, points=3)
    await services.record_outcome(
        db, officer(council), case.id, OutcomeIn(point_id=case.points[0].id, outcome="upheld", decided_on=RECEIVED)
    )
    with pytest.raises(
        Conflict,
        match="Record an outcome at stage 1 for every complaint point before closing the complaint: points 2 and 3 have none",
    ):
        await services.close(db, officer(council), case.id, CloseIn(closed_on=date(2026, 3, 6)))


async def test_closing_needs_the_stage_response(db: asyncpg.Connection, council: Council) -> None:
    case = await decide_all(db, council, await new_case(db, council, RECEIVED), "upheld", RECEIVED)
    with pytest.raises(Conflict, match="Send the stage 1 response before closing the complaint"):
        await services.close(db, officer(council), case.id, CloseIn(closed_on=date(2026, 3, 6)))


async def test_a_response_needs_every_outcome(db: asyncpg.Connection, council: Council) -> None:
    case = await new_case(db, council, RECEIVED, points=2)
    with pytest.raises(Conflict, match="before sending the stage 1 response: points 1 and 2 have none"):
        await respond(db, council, case, date(2026, 3, 6))


async def test_a_sent_response_freezes_the_stage(db: asyncpg.Connection, council: Council) -> None:
    case = await decide_all(db, council, await new_case(db, council, RECEIVED), "upheld", RECEIVED)
    case = await respond(db, council, case, date(2026, 3, 6))
    with pytest.raises(Conflict, match="The stage 1 response was sent on 2026-03-06; it cannot be changed"):
        await respond(db, council, case, date(2026, 3, 7))
    with pytest.raises(Conflict, match="it cannot be changed"):
        await services.add_point(db, officer(council), case.id, PointIn(summary="Another thing"))


async def test_the_panel_steps_come_in_order(db: asyncpg.Connection, council: Council) -> None:
    case = await new_case(db, council, RECEIVED)
    with pytest.raises(Conflict, match="A review panel is part of stage 3"):
        await services.record_panel(db, officer(council), case.id, PanelIn(held_on=date(2026, 3, 4)))
    with pytest.raises(Conflict, match="Record the day the review panel met before recording its report"):
        await services.record_panel_report(db, officer(council), case.id, PanelReportIn(received_on=date(2026, 3, 4)))
    case = await decide_all(db, council, case, "upheld", RECEIVED)
    case = await respond(db, council, case, date(2026, 3, 4))
    case = await escalate(db, council, case, 2, date(2026, 3, 5))
    case = await decide_all(db, council, case, "upheld", date(2026, 3, 6))
    case = await respond(db, council, case, date(2026, 3, 9))
    case = await escalate(db, council, case, 3, date(2026, 3, 10))
    case = await decide_all(db, council, case, "upheld", date(2026, 3, 11))
    with pytest.raises(
        Conflict, match="Record the day the panel's report was received before the council's stage 3 response"
    ):
        await respond(db, council, case, date(2026, 3, 12))
    with pytest.raises(Invalid, match="'held_on' \\(2026-03-09\\) is before the request for a review panel") as err:
        await services.record_panel(db, officer(council), case.id, PanelIn(held_on=date(2026, 3, 9)))
    assert err.value.field == "held_on"
    with pytest.raises(Conflict, match="already at stage 3"):
        await escalate(db, council, case, 3, date(2026, 3, 12))


async def test_extensions_have_a_reason_and_a_most(db: asyncpg.Connection, council: Council) -> None:
    case = await new_case(db, council, date(2025, 12, 11))
    with pytest.raises(Invalid, match="Stage 1 can be extended to at most 20 working days, not 21") as err:
        await services.extend(db, officer(council), case.id, ExtensionIn(working_days=21, reason="Complex"))
    assert err.value.field == "working_days"
    with pytest.raises(Invalid, match="longer than the current 10 working days"):
        await services.extend(db, officer(council), case.id, ExtensionIn(working_days=10, reason="Complex"))
    case = await services.extend(
        db, officer(council), case.id, ExtensionIn(working_days=20, reason="Social worker on leave")
    )
    clock = case.clock("stage1_response")
    assert clock is not None
    assert (clock.base_due_on, clock.due_on) == (date(2025, 12, 29), date(2026, 1, 13))
    assert clock.extension_reason == "Social worker on leave"
    assert clock.explanation == (
        "due 2026-01-13: 20 working days from 2025-12-11 (received); skipped 25 and 26 December 2025 "
        "and 1 January 2026 (Christmas Day, Boxing Day, New Year's Day) and 5 weekends"
    )


async def test_stage_2_extends_to_65_and_stage_3_not_at_all(db: asyncpg.Connection, council: Council) -> None:
    case = await new_case(db, council, RECEIVED)
    case = await escalate(db, council, case, 2, RECEIVED, at_complainant_request=True)
    with pytest.raises(Invalid, match="Stage 2 can be extended to at most 65 working days, not 66"):
        await services.extend(db, officer(council), case.id, ExtensionIn(working_days=66, reason="x"))
    case = await services.extend(db, officer(council), case.id, ExtensionIn(working_days=65, reason="Many witnesses"))
    clock = case.clock("stage2_investigation")
    assert clock is not None and clock.due_on == add_working_days(RECEIVED, 65)
    case = await decide_all(db, council, case, "upheld", RECEIVED)
    case = await respond(db, council, case, date(2026, 3, 9))
    case = await escalate(db, council, case, 3, date(2026, 3, 10))
    with pytest.raises(Conflict, match="stage 3 limits are fixed"):
        await services.extend(db, officer(council), case.id, ExtensionIn(working_days=31, reason="x"))


async def test_a_late_complaint_needs_a_recorded_decision(db: asyncpg.Connection, council: Council) -> None:
    case = await new_case(db, council, RECEIVED, events_on=date(2025, 2, 1))
    assert case.made_late
    with pytest.raises(
        Conflict, match=r"made more than a year after the events\. Record whether it will be considered"
    ):
        await decide_all(db, council, case, "upheld", RECEIVED)
    case = await services.record_late_decision(
        db, officer(council), case.id, LateDecisionIn(consider=True, reason="Still affects her", decided_on=RECEIVED)
    )
    assert case.late_decision == "consider"
    await decide_all(db, council, case, "upheld", RECEIVED)
    with pytest.raises(Conflict, match="already been recorded"):
        await services.record_late_decision(
            db, officer(council), case.id, LateDecisionIn(consider=False, reason="x", decided_on=RECEIVED)
        )


async def test_a_late_complaint_not_considered_ends_with_signposting(db: asyncpg.Connection, council: Council) -> None:
    case = await new_case(db, council, RECEIVED, events_on=date(2024, 1, 1))
    case = await services.record_late_decision(
        db, officer(council), case.id, LateDecisionIn(consider=False, reason="No records remain", decided_on=RECEIVED)
    )
    assert (case.status, case.closed_on, case.ombudsman_signposted_on) == ("not_considered", RECEIVED, RECEIVED)
    with pytest.raises(Conflict, match="is not considered \\(made late\\); nothing more can be recorded"):
        await respond(db, council, case, RECEIVED)


async def test_a_timely_complaint_needs_no_lateness_decision(db: asyncpg.Connection, council: Council) -> None:
    case = await new_case(db, council, RECEIVED, events_on=date(2025, 6, 1))
    assert not case.made_late
    with pytest.raises(Conflict, match="within a year of the events"):
        await services.record_late_decision(
            db, officer(council), case.id, LateDecisionIn(consider=True, reason="x", decided_on=RECEIVED)
        )


async def test_a_withdrawn_complaint_takes_no_more_steps(db: asyncpg.Connection, council: Council) -> None:
    case = await new_case(db, council, RECEIVED)
    case = await services.withdraw(
        db, officer(council), case.id, WithdrawIn(withdrawn_on=date(2026, 3, 3), reason="Sorted out informally")
    )
    assert case.status == "withdrawn"
    assert case.clocks[0].ended_on == date(2026, 3, 3)
    with pytest.raises(Conflict, match="is withdrawn; nothing more can be recorded"):
        await escalate(db, council, case, 2, date(2026, 3, 4), at_complainant_request=True)


async def test_future_dates_and_unknown_points_are_refused_by_field(db: asyncpg.Connection, council: Council) -> None:
    case = await new_case(db, council, RECEIVED)
    with pytest.raises(Invalid, match="'offered_on' is in the future") as err:
        await services.record_advocacy(
            db, officer(council), case.id, AdvocacyIn(offered_on=date(2099, 1, 1), answer="accepted")
        )
    assert err.value.field == "offered_on"
    with pytest.raises(Invalid) as err:
        await services.record_outcome(
            db, officer(council), case.id, OutcomeIn(point_id=999999999, outcome="upheld", decided_on=RECEIVED)
        )
    assert err.value.field == "point_id"
    with pytest.raises(Invalid) as err:
        await services.record_outcome(
            db,
            officer(council),
            case.id,
            OutcomeIn(point_id=case.points[0].id, outcome="upheld", decided_on=date(2099, 1, 1)),
        )
    assert err.value.field == "decided_on"
    with pytest.raises(Invalid, match="is before the start of stage 1") as err:
        await services.record_outcome(
            db,
            officer(council),
            case.id,
            OutcomeIn(point_id=case.points[0].id, outcome="upheld", decided_on=date(2026, 1, 1)),
        )

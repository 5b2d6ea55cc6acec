"""Acknowledging is a step of its own, once per stage; the case page's step to do now follows the procedure."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import asyncpg
import pytest
from complaint_seed import decide_all, escalate, new_case, officer, respond
from support import Client, Council

from heard.complaints import _flow, services
from heard.complaints.schemas import AcknowledgeIn, LateDecisionIn, PanelIn, PanelReportIn, WithdrawIn
from heard.errors import Conflict, Invalid


def states(case) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return [(s.name, s.state) for s in _flow.steps(case)]


async def test_each_stage_is_acknowledged_once_on_or_after_its_request(
    council: Council, db: asyncpg.Connection
) -> None:
    co = officer(council)
    case = await new_case(db, council, date(2026, 3, 2))
    with pytest.raises(Invalid, match=r"'acknowledged_on' \(2026-03-01\) is before the day the complaint was received"):
        await services.acknowledge(db, co, case.id, AcknowledgeIn(acknowledged_on=date(2026, 3, 1)))
    with pytest.raises(Invalid, match="'acknowledged_on' is in the future"):
        await services.acknowledge(db, co, case.id, AcknowledgeIn(acknowledged_on=date(2099, 1, 1)))
    case = await services.acknowledge(db, co, case.id, AcknowledgeIn(acknowledged_on=date(2026, 3, 3), note=" Letter "))
    record = case.stage_record(1)
    assert record is not None and (record.acknowledged_on, record.acknowledged_note) == (date(2026, 3, 3), "Letter")
    with pytest.raises(Conflict, match="Stage 1 was already acknowledged on 2026-03-03"):
        await services.acknowledge(db, co, case.id, AcknowledgeIn(acknowledged_on=date(2026, 3, 4)))
    case = await respond(db, council, await decide_all(db, council, case, "upheld", date(2026, 3, 5)), date(2026, 3, 6))
    case = await escalate(db, council, case, 2, date(2026, 3, 10))
    with pytest.raises(Invalid, match="is before the request for stage 2"):
        await services.acknowledge(db, co, case.id, AcknowledgeIn(acknowledged_on=date(2026, 3, 9)))
    case = await services.acknowledge(db, co, case.id, AcknowledgeIn(acknowledged_on=date(2026, 3, 11)))
    assert [(s.stage, s.acknowledged_on) for s in case.stages] == [(1, date(2026, 3, 3)), (2, date(2026, 3, 11))]
    kinds = [e.kind for e in case.events]
    assert kinds.count("acknowledged") == 2
    audited = await db.fetchval(
        "select count(*) from audit_log where action = 'acknowledged' and subject_id = $1", case.id
    )
    assert audited == 2
    await services.withdraw(db, co, case.id, WithdrawIn(withdrawn_on=date(2026, 3, 12), reason="Sorted"))
    with pytest.raises(Conflict, match="is withdrawn; nothing more can be recorded"):
        await services.acknowledge(db, co, case.id, AcknowledgeIn(acknowledged_on=date(2026, 3, 12)))


async def test_the_step_to_do_now_follows_the_procedure_through_three_stages(
    council: Council, db: asyncpg.Connection
) -> None:
    co = officer(council)
    case = await new_case(db, council, date(2026, 1, 5), points=1)
    assert states(case) == [("acknowledge", "current"), ("investigate", "later"), ("respond", "later"),
                            ("escalate", "later")]  # fmt: skip
    case = await decide_all(db, council, case, "not_upheld", date(2026, 1, 8))
    # Nobody recorded the acknowledgement, but the work moved on: it is shown as missed, not holding the case.
    assert states(case)[:3] == [("acknowledge", "missed"), ("investigate", "done"), ("respond", "current")]
    case = await respond(db, council, case, date(2026, 1, 9))
    assert states(case)[-1] == ("escalate", "current")
    case = await escalate(db, council, case, 2, date(2026, 1, 12))
    assert states(case)[0] == ("acknowledge", "current")
    case = await services.acknowledge(db, co, case.id, AcknowledgeIn(acknowledged_on=date(2026, 1, 12)))
    case = await respond(db, council, await decide_all(db, council, case, "upheld", date(2026, 2, 2)), date(2026, 2, 3))
    case = await escalate(db, council, case, 3, date(2026, 2, 4))
    case = await services.acknowledge(db, co, case.id, AcknowledgeIn(acknowledged_on=date(2026, 2, 4)))
    case = await decide_all(db, council, case, "upheld", date(2026, 2, 5))
    assert states(case)[1] == ("investigate", "current"), "at stage 3 the panel and its report come first"
    case = await services.record_panel(db, co, case.id, PanelIn(held_on=date(2026, 3, 2)))
    case = await services.record_panel_report(db, co, case.id, PanelReportIn(received_on=date(2026, 3, 4)))
    assert states(case)[1:3] == [("investigate", "done"), ("respond", "current")]
    case = await respond(db, council, case, date(2026, 3, 5))
    assert states(case)[-1] == ("escalate", "current")


async def test_a_late_complaint_starts_with_the_decision_whatever_else_was_recorded(
    council: Council, db: asyncpg.Connection
) -> None:
    co = officer(council)
    case = await new_case(db, council, date(2026, 3, 2), events_on=date(2024, 1, 1))
    case = await services.acknowledge(db, co, case.id, AcknowledgeIn(acknowledged_on=date(2026, 3, 2)))
    assert states(case)[:2] == [("late-decision", "current"), ("acknowledge", "done")]
    decision = LateDecisionIn(consider=False, reason="Too long ago to look into", decided_on=date(2026, 3, 3))
    case = await services.record_late_decision(db, co, case.id, decision)
    assert states(case) == [], "a complaint not considered has ended: no steps"


async def test_the_acknowledge_step_over_http_and_the_api(council: Council, clients: Callable[[], Client]) -> None:
    co = await clients().as_staff(council.staff["complaints_officer"])
    new = {"complainant": "parent", "channel": "phone", "received_on": "2026-03-02", "points": ["No reply"]}
    case = (await co.post("/api/complaints", json=new)).json()
    r = await co.post(f"/api/complaints/{case['id']}/acknowledge", json={"acknowledged_on": "2026-03-31x"})
    assert r.status_code == 400 and r.json()["errors"][0]["field"] == "acknowledged_on"
    r = await co.post(f"/api/complaints/{case['id']}/acknowledge", json={"acknowledged_on": "2026-03-03"})
    assert r.status_code == 200 and r.json()["stages"][0]["acknowledged_on"] == "2026-03-03"
    page = f"/staff/complaints/{case['id']}"
    r = await co.post(f"{page}/acknowledge", data={"acknowledged_on": "2026-03-04", "note": "Second letter"})
    assert r.status_code == 409 and "Stage 1 was already acknowledged on 2026-03-03" in r.text
    r = await co.post(f"{page}/acknowledge", data={"acknowledged_on": "31/03/2026"})
    assert r.status_code == 400 and "&#39;acknowledged_on&#39; should be a date, like 2026-03-31." in r.text

"""The procedure's steps on an open case: each checked by the rules, stored, put on the timeline and audited."""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable
from datetime import date
from typing import Any

import asyncpg
import msgspec

from heard.complaints import _clock, _rules, queries
from heard.complaints._case import act, start_clock
from heard.complaints.schemas import (
    AcknowledgeIn,
    ActionIn,
    ActionUpdate,
    AdvocacyIn,
    Case,
    CloseIn,
    EscalationIn,
    ExtensionIn,
    LateDecisionIn,
    OmbudsmanIn,
    OutcomeIn,
    PanelIn,
    PanelReportIn,
    PointIn,
    ResponseIn,
    TagsIn,
    WithdrawIn,
)
from heard.errors import Invalid
from heard.principal import Principal


async def _acknowledge(conn: asyncpg.Connection, data: AcknowledgeIn, case: Case, today: date) -> dict[str, Any]:
    _rules.check_acknowledge(case, data.acknowledged_on, today)
    note = data.note.strip()
    await queries.update_stage(conn, case.id, case.stage, acknowledged_on=data.acknowledged_on, acknowledged_note=note)
    return {"acknowledged_on": data.acknowledged_on, "note": note}


async def acknowledge(conn: asyncpg.Connection, principal: Principal, complaint_id: int, data: AcknowledgeIn) -> Case:
    """The complainant was told their complaint (or their request for the next stage) was received."""
    return await act(conn, principal, complaint_id, "acknowledged", functools.partial(_acknowledge, conn, data))


async def _point(conn: asyncpg.Connection, data: PointIn, case: Case, today: date) -> dict[str, Any]:
    _rules.check_point(case)
    if data.point_id is None:
        point_id = await queries.insert_point(conn, case.id, data.summary.strip())
        return {"point_id": point_id, "summary": data.summary.strip()}
    if not any(p.id == data.point_id for p in case.points):
        raise Invalid("There is no complaint point with that number on this complaint.", field="point_id")
    await queries.update_point(conn, case.id, data.point_id, data.summary.strip())
    return {"point_id": data.point_id, "summary": data.summary.strip(), "reworded": True}


async def add_point(conn: asyncpg.Connection, principal: Principal, complaint_id: int, data: PointIn) -> Case:
    """Add a complaint point, or reword one, while the current stage has not responded."""
    return await act(conn, principal, complaint_id, "point", functools.partial(_point, conn, data))


async def _advocacy(conn: asyncpg.Connection, data: AdvocacyIn, case: Case, today: date) -> dict[str, Any]:
    _rules.past_or_today(data.offered_on, "offered_on", today)
    _rules.not_before(data.offered_on, case.received_on, "offered_on", "the day the complaint was received")
    await queries.update_complaint(conn, case.id, advocacy_offered_on=data.offered_on, advocacy_answer=data.answer)
    return {"offered_on": data.offered_on, "answer": data.answer}


async def record_advocacy(conn: asyncpg.Connection, principal: Principal, complaint_id: int, data: AdvocacyIn) -> Case:
    """The offer of an advocate (section 26A) and the child's answer."""
    return await act(conn, principal, complaint_id, "advocacy_offered", functools.partial(_advocacy, conn, data))


async def _late(conn: asyncpg.Connection, data: LateDecisionIn, case: Case, today: date) -> dict[str, Any]:
    _rules.check_late_decision(case)
    _rules.past_or_today(data.decided_on, "decided_on", today)
    _rules.not_before(data.decided_on, case.received_on, "decided_on", "the day the complaint was received")
    decision = "consider" if data.consider else "not_consider"
    await queries.update_complaint(
        conn, case.id, late_decision=decision, late_reason=data.reason.strip(), late_decided_on=data.decided_on
    )
    if not data.consider:
        await queries.end_clocks(conn, case.id, data.decided_on)
        await queries.update_complaint(
            conn,
            case.id,
            status="not_considered",
            closed_on=data.decided_on,
            closed_note=data.reason.strip(),
            ombudsman_signposted_on=data.decided_on,
        )
    return {"decision": decision, "reason": data.reason.strip(), "decided_on": data.decided_on}


async def record_late_decision(
    conn: asyncpg.Connection, principal: Principal, complaint_id: int, data: LateDecisionIn
) -> Case:
    """Whether a complaint made more than a year after the events will be considered; if not, it ends here."""
    return await act(conn, principal, complaint_id, "late_decision", functools.partial(_late, conn, data))


async def _extend(conn: asyncpg.Connection, data: ExtensionIn, case: Case, today: date) -> dict[str, Any]:
    clock = _rules.check_extension(case, data)
    agreed_on = data.agreed_on or today
    _rules.past_or_today(agreed_on, "agreed_on", today)
    _rules.not_before(agreed_on, clock.starts_on, "agreed_on", "the start of the time limit")
    due = _clock.add_working_days(clock.starts_on, data.working_days)
    await queries.extend_clock(conn, clock.id, data.working_days, due, data.reason.strip(), agreed_on)
    return {"clock": clock.kind, "working_days": data.working_days, "due_on": due, "reason": data.reason.strip()}


async def extend(conn: asyncpg.Connection, principal: Principal, complaint_id: int, data: ExtensionIn) -> Case:
    """Extend stage 1 (to at most 20 working days) or stage 2 (to at most 65), with the reason."""
    return await act(conn, principal, complaint_id, "extended", functools.partial(_extend, conn, data))


async def _outcome(conn: asyncpg.Connection, data: OutcomeIn, case: Case, today: date) -> dict[str, Any]:
    _rules.check_outcome(case, data, today)
    reason = data.reason.strip()
    await queries.upsert_outcome(conn, data.point_id, case.stage, data.outcome, reason, data.decided_on)
    return {"point_id": data.point_id, "outcome": data.outcome, "decided_on": data.decided_on}


async def record_outcome(conn: asyncpg.Connection, principal: Principal, complaint_id: int, data: OutcomeIn) -> Case:
    """The finding on one complaint point at the current stage: upheld, partly upheld or not upheld."""
    return await act(conn, principal, complaint_id, "outcome", functools.partial(_outcome, conn, data))


_RESPONSE_CLOCK = {1: "stage1_response", 2: "stage2_investigation", 3: "stage3_response"}


async def _respond(conn: asyncpg.Connection, data: ResponseIn, case: Case, today: date) -> dict[str, Any]:
    _rules.check_response(case, data, today)
    await queries.update_stage(
        conn,
        case.id,
        case.stage,
        responded_on=data.responded_on,
        letter=data.letter.strip(),
        child_letter=data.child_letter.strip(),
    )
    await queries.stop_clock(conn, case.id, _RESPONSE_CLOCK[case.stage], data.responded_on)
    return {"responded_on": data.responded_on}


async def respond(conn: asyncpg.Connection, principal: Principal, complaint_id: int, data: ResponseIn) -> Case:
    """Send the current stage's response: the letter and the child-friendly version; stops its clock."""
    return await act(conn, principal, complaint_id, "response_sent", functools.partial(_respond, conn, data))


async def _escalate(conn: asyncpg.Connection, data: EscalationIn, case: Case, today: date) -> dict[str, Any]:
    _rules.check_escalation(case, data, today)
    await queries.end_clocks(conn, case.id, data.requested_on)
    note = data.note.strip()
    await queries.insert_stage(conn, case.id, data.to_stage, data.requested_on, data.at_complainant_request, note)
    if data.to_stage == 2:
        await start_clock(conn, case.id, "stage2_investigation", data.requested_on, "stage 2 requested")
    else:
        await start_clock(conn, case.id, "stage3_panel", data.requested_on, "review panel requested")
    detail = {"stage": data.to_stage, "requested_on": data.requested_on, "note": note}
    return detail | ({"at_complainant_request": True} if data.at_complainant_request else {})


async def escalate(conn: asyncpg.Connection, principal: Principal, complaint_id: int, data: EscalationIn) -> Case:
    """Move to stage 2 (after a stage 1 response, or straight away at the complainant's request) or stage 3."""
    return await act(conn, principal, complaint_id, "escalated", functools.partial(_escalate, conn, data))


async def _panel(conn: asyncpg.Connection, data: PanelIn, case: Case, today: date) -> dict[str, Any]:
    _rules.check_panel(case, data.held_on, today)
    await queries.update_stage(conn, case.id, 3, panel_on=data.held_on)
    await queries.stop_clock(conn, case.id, "stage3_panel", data.held_on)
    await start_clock(conn, case.id, "stage3_panel_report", data.held_on, "panel met")
    return {"held_on": data.held_on}


async def record_panel(conn: asyncpg.Connection, principal: Principal, complaint_id: int, data: PanelIn) -> Case:
    """Stage 3: the review panel met; its report is due within 5 working days."""
    return await act(conn, principal, complaint_id, "panel_held", functools.partial(_panel, conn, data))


async def _panel_report(conn: asyncpg.Connection, data: PanelReportIn, case: Case, today: date) -> dict[str, Any]:
    _rules.check_panel_report(case, data.received_on, today)
    await queries.update_stage(conn, case.id, 3, panel_report_on=data.received_on)
    await queries.stop_clock(conn, case.id, "stage3_panel_report", data.received_on)
    await start_clock(conn, case.id, "stage3_response", data.received_on, "panel report received")
    return {"received_on": data.received_on}


async def record_panel_report(
    conn: asyncpg.Connection, principal: Principal, complaint_id: int, data: PanelReportIn
) -> Case:
    """Stage 3: the panel's report arrived; the council responds within 15 working days."""
    apply = functools.partial(_panel_report, conn, data)
    return await act(conn, principal, complaint_id, "panel_report_received", apply)


async def _close(conn: asyncpg.Connection, data: CloseIn, case: Case, today: date) -> dict[str, Any]:
    _rules.check_close(case, data.closed_on, today)
    await queries.update_complaint(
        conn,
        case.id,
        status="closed",
        closed_on=data.closed_on,
        closed_note=data.note.strip(),
        ombudsman_signposted_on=data.closed_on,
    )
    return {"closed_on": data.closed_on, "signposted": "Local Government and Social Care Ombudsman"}


async def close(conn: asyncpg.Connection, principal: Principal, complaint_id: int, data: CloseIn) -> Case:
    """Close after the current stage's response, every point decided; records the Ombudsman signposting."""
    return await act(conn, principal, complaint_id, "closed", functools.partial(_close, conn, data))


async def _withdraw(conn: asyncpg.Connection, data: WithdrawIn, case: Case, today: date) -> dict[str, Any]:
    _rules.require_open(case)
    _rules.past_or_today(data.withdrawn_on, "withdrawn_on", today)
    _rules.not_before(data.withdrawn_on, case.received_on, "withdrawn_on", "the day the complaint was received")
    await queries.end_clocks(conn, case.id, data.withdrawn_on)
    reason = data.reason.strip()
    await queries.update_complaint(conn, case.id, status="withdrawn", closed_on=data.withdrawn_on, closed_note=reason)
    return {"withdrawn_on": data.withdrawn_on, "reason": reason}


async def withdraw(conn: asyncpg.Connection, principal: Principal, complaint_id: int, data: WithdrawIn) -> Case:
    """The complainant withdrew; the clocks stop and the reason is kept."""
    return await act(conn, principal, complaint_id, "withdrawn", functools.partial(_withdraw, conn, data))


async def _ombudsman(conn: asyncpg.Connection, data: OmbudsmanIn, case: Case, today: date) -> dict[str, Any]:
    _rules.check_ombudsman(case, data, today)
    await queries.update_complaint(
        conn,
        case.id,
        ombudsman_referred_on=data.referred_on,
        ombudsman_reference=data.reference.strip(),
        ombudsman_outcome=data.outcome,
        ombudsman_decided_on=data.decided_on,
    )
    return {"referred_on": data.referred_on, "reference": data.reference.strip(), "outcome": data.outcome}


async def record_ombudsman(
    conn: asyncpg.Connection, principal: Principal, complaint_id: int, data: OmbudsmanIn
) -> Case:
    """A Local Government and Social Care Ombudsman case about this complaint, and its outcome when known."""
    return await act(conn, principal, complaint_id, "ombudsman", functools.partial(_ombudsman, conn, data))


async def _tags(conn: asyncpg.Connection, data: TagsIn, case: Case, today: date) -> dict[str, Any]:
    tags = sorted({t.strip() for t in data.tags})
    await queries.update_complaint(conn, case.id, tags=tags)
    return {"tags": tags}


async def set_tags(conn: asyncpg.Connection, principal: Principal, complaint_id: int, data: TagsIn) -> Case:
    """The officer's themes for the complaint, used in reports alongside the statement's themes."""
    return await act(conn, principal, complaint_id, "tagged", functools.partial(_tags, conn, data))


async def _add_action(conn: asyncpg.Connection, data: ActionIn, case: Case, today: date) -> dict[str, Any]:
    owner, agreed_on = data.owner.strip(), data.agreed_on or today
    _rules.past_or_today(agreed_on, "agreed_on", today)
    _rules.not_before(data.due_on, agreed_on, "due_on", "the day it was agreed")
    action_id = await queries.insert_action(conn, case.id, data.description.strip(), owner, data.due_on, agreed_on)
    return {"action_id": action_id, "owner": owner, "due_on": data.due_on}


async def add_action(conn: asyncpg.Connection, principal: Principal, complaint_id: int, data: ActionIn) -> Case:
    """A learning action from this complaint: what will change, who owns it, by when."""
    return await act(conn, principal, complaint_id, "action_added", functools.partial(_add_action, conn, data))


async def _update_action(conn: asyncpg.Connection, data: ActionUpdate, case: Case, today: date) -> dict[str, Any]:
    if not any(a.id == data.action_id for a in case.actions):
        raise Invalid("There is no learning action with that number on this complaint.", field="action_id")
    if data.status == "done" and not data.evidence.strip():
        raise Invalid("Say what shows this action is done (the evidence).", field="evidence")
    if data.status == "done" and data.completed_on is None:
        raise Invalid("Give the date this action was completed.", field="completed_on")
    if data.completed_on is not None:
        _rules.past_or_today(data.completed_on, "completed_on", today)
    completed_on = data.completed_on if data.status == "done" else None
    await queries.update_action(conn, case.id, data.action_id, data.status, data.evidence.strip(), completed_on)
    return {"action_id": data.action_id, "status": data.status, "completed_on": completed_on}


async def update_action(conn: asyncpg.Connection, principal: Principal, complaint_id: int, data: ActionUpdate) -> Case:
    """Progress on a learning action; marking it done needs evidence and a completion date."""
    return await act(conn, principal, complaint_id, "action_updated", functools.partial(_update_action, conn, data))


# The forms on the case page: action name -> (its payload, its service).
ACTIONS: dict[str, tuple[type[msgspec.Struct], Callable[..., Awaitable[Case]]]] = {
    "acknowledge": (AcknowledgeIn, acknowledge),
    "points": (PointIn, add_point),
    "advocacy": (AdvocacyIn, record_advocacy),
    "late-decision": (LateDecisionIn, record_late_decision),
    "extensions": (ExtensionIn, extend),
    "outcomes": (OutcomeIn, record_outcome),
    "responses": (ResponseIn, respond),
    "escalations": (EscalationIn, escalate),
    "panel": (PanelIn, record_panel),
    "panel-report": (PanelReportIn, record_panel_report),
    "close": (CloseIn, close),
    "withdraw": (WithdrawIn, withdraw),
    "ombudsman": (OmbudsmanIn, record_ombudsman),
    "tags": (TagsIn, set_tags),
    "actions": (ActionIn, add_action),
    "action-progress": (ActionUpdate, update_action),
}

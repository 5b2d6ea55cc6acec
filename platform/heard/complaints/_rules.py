"""The representations procedure's rules: which step may follow which, with messages an officer can act on.

Each check takes the case as it stands and the officer's input, and raises `Conflict` when the step
does not follow the procedure, or `Invalid` (naming the field) when the input itself is wrong.
"""

from __future__ import annotations

from datetime import date

from heard.complaints import _clock
from heard.complaints.schemas import (
    Case,
    Clock,
    EscalationIn,
    ExtensionIn,
    OmbudsmanIn,
    OutcomeIn,
    ResponseIn,
)
from heard.errors import Conflict, Invalid

# kind: (stage, working days, most working days after an extension, what it times, what starts it)
CLOCKS: dict[str, tuple[int, int, int, str]] = {
    "stage1_response": (1, 10, 20, "Stage 1 response"),
    "stage2_investigation": (2, 25, 65, "Stage 2 investigation and response"),
    "stage3_panel": (3, 30, 30, "Stage 3 review panel meets"),
    "stage3_panel_report": (3, 5, 5, "Stage 3 panel's report"),
    "stage3_response": (3, 15, 15, "Stage 3 council response"),
}
STAGE_NAMES = {1: "stage 1 (local resolution)", 2: "stage 2 (investigation)", 3: "stage 3 (review panel)"}
STATUS_WORDS = {
    "open": "Open",
    "closed": "Closed",
    "withdrawn": "Withdrawn",
    "not_considered": "Not considered (made late)",
}


def clock_label(kind: str) -> str:
    return CLOCKS[kind][3]


def made_late(received_on: date, events_on: date | None) -> bool:
    """Made more than a year after the events: the regulations ask for a recorded decision."""
    if events_on is None:
        return False
    try:
        anniversary = events_on.replace(year=events_on.year + 1)
    except ValueError:  # 29 February
        anniversary = date(events_on.year + 1, 3, 1)
    return received_on > anniversary


def past_or_today(day: date, field: str, today: date) -> None:
    if day > today:
        raise Invalid(f"'{field}' is in the future; record things once they have happened.", field=field)


def not_before(day: date, earlier: date, field: str, what: str) -> None:
    if day < earlier:
        raise Invalid(f"'{field}' ({day.isoformat()}) is before {what} ({earlier.isoformat()}).", field=field)


def require_open(case: Case) -> None:
    if case.status != "open":
        raise Conflict(
            f"Complaint {case.reference} is {STATUS_WORDS.get(case.status, case.status).lower()}; "
            "nothing more can be recorded on its stages."
        )


def require_late_decision(case: Case) -> None:
    if case.made_late and case.late_decision is None:
        raise Conflict(
            "This complaint was made more than a year after the events. "
            "Record whether it will be considered before going any further."
        )


def check_late_decision(case: Case) -> None:
    require_open(case)
    if not case.made_late:
        raise Conflict("This complaint was made within a year of the events, so no decision on lateness is needed.")
    if case.late_decision is not None:
        raise Conflict("The decision on this late complaint has already been recorded.")


def _stage_open(case: Case) -> None:
    record = case.stage_record(case.stage)
    if record is not None and record.responded_on is not None:
        raise Conflict(
            f"The stage {case.stage} response was sent on {record.responded_on.isoformat()}; "
            "it cannot be changed. If the complainant is still unhappy, record their request for the next stage."
        )


def check_acknowledge(case: Case, acknowledged_on: date, today: date) -> None:
    """The current stage's request may be acknowledged once, on or after the day it was made."""
    require_open(case)
    record = case.stage_record(case.stage)
    assert record is not None
    if record.acknowledged_on is not None:
        raise Conflict(
            f"Stage {case.stage} was already acknowledged on {record.acknowledged_on.isoformat()}; "
            "nothing more to record for this step."
        )
    past_or_today(acknowledged_on, "acknowledged_on", today)
    what = "the day the complaint was received" if case.stage == 1 else f"the request for stage {case.stage}"
    not_before(acknowledged_on, record.requested_on, "acknowledged_on", what)


def check_point(case: Case) -> None:
    require_open(case)
    _stage_open(case)


def check_extension(case: Case, data: ExtensionIn) -> Clock:
    """The running stage 1 or 2 clock, if it may be extended to `data.working_days`."""
    require_open(case)
    clock = case.running_clock
    if case.stage == 3 or clock is None or clock.kind not in ("stage1_response", "stage2_investigation"):
        raise Conflict("Only a stage 1 response or a stage 2 investigation can be extended; stage 3 limits are fixed.")
    if data.working_days > clock.max_days:
        raise Invalid(
            f"Stage {clock.stage} can be extended to at most {clock.max_days} working days, not {data.working_days}.",
            field="working_days",
        )
    if data.working_days <= clock.working_days:
        raise Invalid(
            f"An extension must be longer than the current {clock.working_days} working days.", field="working_days"
        )
    return clock


def check_outcome(case: Case, data: OutcomeIn, today: date) -> None:
    require_open(case)
    require_late_decision(case)
    if not any(p.id == data.point_id for p in case.points):
        raise Invalid("There is no complaint point with that number on this complaint.", field="point_id")
    _stage_open(case)
    record = case.stage_record(case.stage)
    past_or_today(data.decided_on, "decided_on", today)
    if record is not None:
        not_before(data.decided_on, record.requested_on, "decided_on", f"the start of stage {case.stage}")


def missing_outcomes(case: Case) -> list[int]:
    """Positions of points with no outcome at the current stage."""
    return [p.position for p in case.points if p.outcome_at(case.stage) is None]


def _require_outcomes(case: Case, doing: str) -> None:
    missing = missing_outcomes(case)
    if not case.points:
        raise Conflict(f"Add at least one complaint point, with its outcome, before {doing}.")
    if missing:
        which = _clock.and_list([str(n) for n in missing])
        raise Conflict(
            f"Record an outcome at stage {case.stage} for every complaint point before {doing}: "
            f"point{'s' if len(missing) > 1 else ''} {which} {'have' if len(missing) > 1 else 'has'} none."
        )


def check_response(case: Case, data: ResponseIn, today: date) -> None:
    require_open(case)
    require_late_decision(case)
    _stage_open(case)
    _require_outcomes(case, f"sending the stage {case.stage} response")
    record = case.stage_record(case.stage)
    assert record is not None
    if case.stage == 3 and record.panel_report_on is None:
        raise Conflict("Record the day the panel's report was received before the council's stage 3 response.")
    past_or_today(data.responded_on, "responded_on", today)
    start = record.panel_report_on or record.requested_on
    not_before(data.responded_on, start, "responded_on", f"the start of stage {case.stage}")


def check_escalation(case: Case, data: EscalationIn, today: date) -> None:
    require_open(case)
    require_late_decision(case)
    if data.to_stage <= case.stage:
        raise Conflict(f"This complaint is already at stage {case.stage}.")
    if data.to_stage == 3 and case.stage == 1:
        raise Conflict(
            "A review panel (stage 3) can only follow a stage 2 investigation. This complaint is at stage 1."
        )
    record = case.stage_record(case.stage)
    assert record is not None
    if data.to_stage == 3 and record.responded_on is None:
        raise Conflict("Stage 3 can start only after the stage 2 response has been sent.")
    if data.to_stage == 2 and record.responded_on is None and not data.at_complainant_request:
        raise Conflict(
            "Stage 2 can start only after the stage 1 response has been sent, unless the complainant asked "
            "to go straight to stage 2. If they did, record that it is at their request."
        )
    past_or_today(data.requested_on, "requested_on", today)
    not_before(data.requested_on, record.responded_on or record.requested_on, "requested_on", "the previous step")


def check_panel(case: Case, held_on: date, today: date) -> date:
    """The stage 3 request date, when the panel may be recorded as held on `held_on`."""
    require_open(case)
    record = case.stage_record(3)
    if case.stage != 3 or record is None:
        raise Conflict("A review panel is part of stage 3; this complaint has not reached stage 3.")
    if record.panel_on is not None:
        raise Conflict(f"The panel has already been recorded as meeting on {record.panel_on.isoformat()}.")
    past_or_today(held_on, "held_on", today)
    not_before(held_on, record.requested_on, "held_on", "the request for a review panel")
    return record.requested_on


def check_panel_report(case: Case, received_on: date, today: date) -> None:
    require_open(case)
    record = case.stage_record(3)
    if case.stage != 3 or record is None or record.panel_on is None:
        raise Conflict("Record the day the review panel met before recording its report.")
    if record.panel_report_on is not None:
        raise Conflict(f"The panel's report was already recorded as received on {record.panel_report_on}.")
    past_or_today(received_on, "received_on", today)
    not_before(received_on, record.panel_on, "received_on", "the panel meeting")


def check_close(case: Case, closed_on: date, today: date) -> None:
    require_open(case)
    require_late_decision(case)
    _require_outcomes(case, "closing the complaint")
    record = case.stage_record(case.stage)
    assert record is not None
    if record.responded_on is None:
        raise Conflict(f"Send the stage {case.stage} response before closing the complaint.")
    past_or_today(closed_on, "closed_on", today)
    not_before(closed_on, record.responded_on, "closed_on", f"the stage {case.stage} response")


def check_ombudsman(case: Case, data: OmbudsmanIn, today: date) -> None:
    past_or_today(data.referred_on, "referred_on", today)
    not_before(data.referred_on, case.received_on, "referred_on", "the day the complaint was received")
    if data.outcome != "pending" and data.decided_on is None:
        raise Invalid("Give the date the Ombudsman decided.", field="decided_on")
    if data.decided_on is not None:
        past_or_today(data.decided_on, "decided_on", today)
        not_before(data.decided_on, data.referred_on, "decided_on", "the referral")

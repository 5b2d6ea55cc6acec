"""Complaint payloads (what officers record) and read models (cases, clocks, timelines, a child's view)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal

import msgspec

from surveys import Shown

Complainant = Literal["child", "parent", "carer", "advocate", "other"]
Channel = Literal["heard", "phone", "letter", "email", "in_person"]
StaffChannel = Literal["phone", "letter", "email", "in_person"]
OutcomeKind = Literal["upheld", "partly_upheld", "not_upheld"]
AdvocacyAnswer = Literal["accepted", "declined", "not_sure"]
OmbudsmanOutcome = Literal["pending", "upheld", "partly_upheld", "not_upheld", "not_investigated"]
ActionStatus = Literal["planned", "in_progress", "done", "dropped"]
ClockKind = Literal["stage1_response", "stage2_investigation", "stage3_panel", "stage3_panel_report", "stage3_response"]

Text = Annotated[str, msgspec.Meta(min_length=1, max_length=2000)]
Note = Annotated[str, msgspec.Meta(max_length=2000)]
Letter = Annotated[str, msgspec.Meta(min_length=1, max_length=50_000)]
Tag = Annotated[str, msgspec.Meta(min_length=1, max_length=40, pattern=r"^[a-z0-9][a-z0-9_ -]*$")]
Id = Annotated[int, msgspec.Meta(ge=1)]


class ComplaintIn(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """A complaint made by phone, letter, email or in person, entered by a complaints officer."""

    complainant: Complainant
    channel: StaffChannel
    received_on: date
    points: Annotated[list[Text], msgspec.Meta(min_length=1, max_length=20)]
    child_id: Id | None = None
    events_on: date | None = None
    summary: Annotated[str, msgspec.Meta(max_length=5000)] = ""


class AcknowledgeIn(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """The day the complainant was told the current stage's request was received, and how."""

    acknowledged_on: date
    note: Note = ""


class PointIn(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """A further complaint point, or (with `point_id`) new wording for an existing one."""

    summary: Text
    point_id: Id | None = None


class AdvocacyIn(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """The section 26A offer of an advocate, and the child's answer."""

    offered_on: date
    answer: AdvocacyAnswer


class LateDecisionIn(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """Whether a complaint made more than a year after the events will be considered, and why."""

    consider: bool
    reason: Text
    decided_on: date


class ExtensionIn(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """A longer time limit for the current stage, in working days from the same start, with the reason."""

    working_days: Annotated[int, msgspec.Meta(ge=1, le=365)]
    reason: Text
    agreed_on: date | None = None  # today when not given


class OutcomeIn(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """The finding on one complaint point at the current stage."""

    point_id: Id
    outcome: OutcomeKind
    decided_on: date
    reason: Note = ""


class ResponseIn(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """The current stage's response: the letter, and a version written for the child."""

    responded_on: date
    letter: Letter
    child_letter: Letter


class EscalationIn(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """A request to go to stage 2 (investigation) or stage 3 (review panel)."""

    to_stage: Literal[2, 3]
    requested_on: date
    at_complainant_request: bool = False
    note: Note = ""


class PanelIn(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """Stage 3: the day the review panel met."""

    held_on: date


class PanelReportIn(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """Stage 3: the day the panel's report was received."""

    received_on: date


class CloseIn(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """Close the case; the complainant is signposted to the Ombudsman."""

    closed_on: date
    note: Note = ""


class WithdrawIn(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """The complainant withdrew the complaint."""

    withdrawn_on: date
    reason: Text


class OmbudsmanIn(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """A Local Government and Social Care Ombudsman case about this complaint."""

    referred_on: date
    reference: Annotated[str, msgspec.Meta(min_length=1, max_length=60)]
    outcome: OmbudsmanOutcome = "pending"
    decided_on: date | None = None


class TagsIn(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """The officer's themes for this complaint (replacing any before)."""

    tags: Annotated[list[Tag], msgspec.Meta(max_length=20)]


class ActionIn(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """A learning action: what will change, who owns it, and by when."""

    description: Text
    owner: Annotated[str, msgspec.Meta(min_length=1, max_length=200)]
    due_on: date
    agreed_on: date | None = None  # today when not given


class ActionUpdate(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """Progress on a learning action; `done` needs evidence and a completion date."""

    action_id: Id
    status: ActionStatus
    evidence: Note = ""
    completed_on: date | None = None


class Outcome(msgspec.Struct, frozen=True, kw_only=True):
    stage: int
    outcome: OutcomeKind
    reason: str
    decided_on: date


class Point(msgspec.Struct, frozen=True, kw_only=True):
    id: int
    position: int
    summary: str
    outcomes: list[Outcome] = []

    def outcome_at(self, stage: int) -> Outcome | None:
        return next((o for o in self.outcomes if o.stage == stage), None)


class StageRecord(msgspec.Struct, frozen=True, kw_only=True):
    stage: int
    requested_on: date
    at_complainant_request: bool
    request_note: str
    panel_on: date | None
    panel_report_on: date | None
    responded_on: date | None
    letter: str | None
    child_letter: str | None
    acknowledged_on: date | None = None
    acknowledged_note: str = ""


class Clock(msgspec.Struct, frozen=True, kw_only=True):
    """A statutory time limit, with everything needed to explain it."""

    id: int
    stage: int
    kind: ClockKind
    starts_on: date
    start_label: str
    base_days: int
    max_days: int
    working_days: int
    base_due_on: date
    due_on: date
    extension_reason: str | None
    extended_on: date | None
    met_on: date | None
    ended_on: date | None
    explanation: str = ""
    status: str = ""


class LearningAction(msgspec.Struct, frozen=True, kw_only=True):
    id: int
    complaint_id: int
    description: str
    owner: str
    due_on: date
    status: ActionStatus
    evidence: str
    completed_on: date | None
    created_on: date


class Event(msgspec.Struct, frozen=True, kw_only=True):
    """One line of a case's timeline."""

    at: datetime
    stage: int
    kind: str
    staff_name: str | None
    detail: dict[str, Any]


class Case(msgspec.Struct, frozen=True, kw_only=True):
    """A complaint as the complaints officer sees it: every fact, clock and event."""

    id: int
    reference: str
    child_id: int | None
    child_reference: str | None
    submission_id: int | None
    statement: str | None
    """The child's free text, once, exactly as written; with the form's answers by label in `shown`."""
    statement_language: str | None = None
    shown: Shown | None = None
    complainant: Complainant
    channel: Channel
    received_on: date
    events_on: date | None
    made_late: bool
    summary: str
    stage: int
    status: str
    tags: list[str]
    late_decision: str | None
    late_reason: str | None
    late_decided_on: date | None
    advocacy_offered_on: date | None
    advocacy_answer: str | None
    closed_on: date | None
    closed_note: str | None
    ombudsman_signposted_on: date | None
    ombudsman_referred_on: date | None
    ombudsman_reference: str | None
    ombudsman_outcome: str | None
    ombudsman_decided_on: date | None
    points: list[Point]
    stages: list[StageRecord]
    clocks: list[Clock]
    actions: list[LearningAction]
    events: list[Event]

    def stage_record(self, stage: int) -> StageRecord | None:
        return next((s for s in self.stages if s.stage == stage), None)

    def clock(self, kind: str) -> Clock | None:
        return next((c for c in self.clocks if c.kind == kind), None)

    @property
    def running_clock(self) -> Clock | None:
        """The clock the case is waiting on now (none once closed)."""
        if self.status != "open":
            return None
        running = [c for c in self.clocks if c.met_on is None and c.ended_on is None]
        return running[-1] if running else None


class CaseSummary(msgspec.Struct, frozen=True, kw_only=True):
    """One row of the open-cases list."""

    id: int
    reference: str
    child_reference: str | None
    complainant: str
    channel: str
    received_on: date
    stage: int
    status: str
    points: int
    clock_kind: str | None
    due_on: date | None
    due_status: str | None
    made_late: bool
    late_undecided: bool


ChildProgress = Literal["withdrawn", "not_considered", "closed", "answered", "due", "working"]


class ChildOutcome(msgspec.Struct, frozen=True, kw_only=True):
    """The finding on one point of a child's complaint, as a code their page words in their language."""

    point: int
    outcome: OutcomeKind
    yours: bool
    """The point is the child's own statement: the page shows their words, not the officer's note about them."""
    about: str | None
    """The officer's wording of a point they added; None for the child's own statement."""


class ChildComplaint(msgspec.Struct, frozen=True, kw_only=True):
    """What a child sees of their own complaint, as codes and dates: their page words them in their language.

    `progress` is where it is (`due` with `due_on`: we will answer by then); `stage` is 1, 2 or 3; `ombudsman`
    says whether to tell them they can go to the Local Government and Social Care Ombudsman.
    """

    reference: str
    received_on: date
    happened_on: date | None
    """The month the child said it happened (its first day)."""
    words: str | None
    """The child's own words, exactly as they wrote them (none for a complaint made on their behalf by phone)."""
    language: str | None
    stage: int
    status: str
    progress: ChildProgress
    due_on: date | None
    outcomes: list[ChildOutcome]
    letter: str | None
    ombudsman: bool

"""Alerts as the duty queue, a duty officer's actions, and the oversight figures."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal, get_args

import msgspec

from heard.i18n import catalogue
from surveys import Shown

Level = Literal["concern", "urgent"]
Action = Literal[
    "spoke_to_child",
    "phoned_placement",
    "contacted_placement",
    "visited_child",
    "told_social_worker",
    "strategy_discussion",
    "referred_mash",
    "referred_police",
    "no_further_action",
]
Queue = Literal["day", "edt"]
"""The day duty team's queue (raised in office hours) or the emergency duty team's (raised out of hours)."""

ROUTES: dict[str, str] = {"day": "duty", "edt": "emergency_duty_team"}

ACTION_LABELS: dict[str, str] = {a: catalogue("en").gettext(f"staff.duty.action.{a}") for a in get_args(Action)}
"""Each action's words on the duty pages (staff pages are in English; the words live in the catalogue)."""


class QueuedAlert(msgspec.Struct, frozen=True, kw_only=True):
    """One row of the duty queue."""

    id: int
    submission_id: int
    level: str
    categories: list[str]
    status: str
    raised_at: datetime
    due_at: datetime | None
    minutes_open: int
    overdue: bool
    escalation_level: int
    route: str
    child_reference: str | None
    child_name: str | None


class AlertEvent(msgspec.Struct, frozen=True, kw_only=True):
    """One step in an alert's history: who, when, and what (an action's kind and time, a note's words)."""

    id: int
    kind: str
    at: datetime
    by: str | None
    detail: dict[str, object]


class ChildWrote(msgspec.Struct, frozen=True, kw_only=True):
    """One of the child's own messages in the statement's thread (a new worry there raises or reopens the alert)."""

    id: int
    body: str
    at: datetime


class AlertDetail(msgspec.Struct, frozen=True, kw_only=True):
    """Everything a duty officer needs to act on one alert."""

    id: int
    level: str
    categories: list[str]
    triggers: list[str]
    source: str
    status: str
    route: str
    raised_at: datetime
    due_at: datetime | None
    escalation_level: int
    acknowledged_at: datetime | None
    acknowledged_by: str | None
    action: str | None
    action_note: str | None
    closed_at: datetime | None
    submission_id: int
    text: str
    """The child's free text, once, exactly as written; the answers (by label) are in `shown`."""
    child_id: int | None
    child_reference: str | None
    child_name: str | None
    placement_type: str | None
    placement_contact: str | None
    workers: list[str]
    language: str | None = None
    """The language detected when the screen could not read the words (they went to the needs-reading queue)."""
    translation: str | None = None
    """The child's words in English, as a member of staff recorded them in the needs-reading queue."""
    translated_by: str | None = None
    translated_at: datetime | None = None
    messages: list[ChildWrote] = []
    events: list[AlertEvent] = []
    shown: Shown = msgspec.field(default_factory=Shown)
    """What the child sent, as every page shows it: questions, chosen options by label, their words once."""


class ActionIn(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """What the duty officer did and when (now, when not given); a reason is required for no further action."""

    action: Action
    note: Annotated[str, msgspec.Meta(max_length=4000)] = ""
    done_at: datetime | None = None


class NoteIn(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """A note added to an alert's history. Notes are never edited: a correction is a new note."""

    note: Annotated[str, msgspec.Meta(min_length=1, max_length=4000)]


class Saved(msgspec.Struct, frozen=True, kw_only=True):
    """The step just saved, for the confirmation ("Saved: phoned the placement at 14:05")."""

    event_id: int
    kind: str
    at: datetime


class QueueCounts(msgspec.Struct, frozen=True, kw_only=True):
    """Alerts not yet closed in each queue, and how many of them are urgent, unacknowledged or overdue."""

    day: int
    edt: int
    urgent: int
    open: int
    overdue: int


class LiveRow(msgspec.Struct, frozen=True, kw_only=True):
    """One queue row as the page shows it, every cell already worded, so the script only places text."""

    id: int
    href: str
    title: str
    level: str
    level_label: str
    categories: str
    child: str
    raised: str
    status: str
    overdue: bool
    route: str


class LevelIn(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """A person's judgement of the level, with the reason."""

    level: Level
    reason: Annotated[str, msgspec.Meta(min_length=3, max_length=2000)]


class Oversight(msgspec.Struct, frozen=True, kw_only=True):
    """For managers: alerts by level and category, time to acknowledge against target, escalations, open by age."""

    by_level: dict[str, int]
    by_category: dict[str, int]
    ack_median_minutes: dict[str, float | None]
    ack_p90_minutes: dict[str, float | None]
    ack_within_target: dict[str, float | None]
    target_minutes: dict[str, int]
    escalations: dict[str, int]
    open_by_age: dict[str, int]


class LiveQueue(msgspec.Struct, frozen=True, kw_only=True):
    """What the queue page polls: the counts and the rows of one queue, worded as the page words them."""

    queue: Queue
    as_of: datetime
    updated: str
    counts: QueueCounts
    rows: list[LiveRow]
    announcement: str

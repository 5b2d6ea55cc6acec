"""Alerts as the duty queue, a duty officer's actions, and the oversight figures."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

import msgspec

from surveys import Shown

Level = Literal["concern", "urgent"]
Action = Literal["spoke_to_child", "contacted_placement", "referred_mash", "referred_police", "no_further_action"]

ACTION_LABELS: dict[str, str] = {
    "spoke_to_child": "Spoke to the child",
    "contacted_placement": "Contacted the placement",
    "referred_mash": "Referred to the MASH",
    "referred_police": "Referred to the police",
    "no_further_action": "No further action",
}


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
    kind: str
    at: datetime
    by: str | None
    detail: dict[str, object]


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
    events: list[AlertEvent] = []
    shown: Shown = msgspec.field(default_factory=Shown)
    """What the child sent, as every page shows it: questions, chosen options by label, their words once."""


class ActionIn(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """What the duty officer did; a reason is required for no further action."""

    action: Action
    note: Annotated[str, msgspec.Meta(max_length=4000)] = ""


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

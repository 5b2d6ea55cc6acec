"""Privacy read models and inputs: a child's subject access export, requests and decisions, audit search, retention."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal

import msgspec

from surveys import Shown

RequestKind = Literal["access", "correction", "erasure"]
Decision = Literal["approve", "refuse"]

KIND_LABELS = {
    "access": "See a copy of what Heard keeps",
    "correction": "Put something right",
    "erasure": "Remove my words and details",
}


class ChildRecord(msgspec.Struct, frozen=True, kw_only=True):
    """The child's own row, without the access-code hash."""

    id: int
    reference: str
    known_as: str
    birth_month: date
    legal_status: str
    preferred_language: str
    placement_type: str
    placed_out_of_area: bool
    uasc: bool
    disability: bool
    placement_contact: str | None
    nudge_email: str | None
    """Where the young person asked to be told a new message is waiting (never what it says)."""
    nudge_phone: str | None
    share_quotes: bool
    has_access_code: bool
    created_at: datetime
    archived_at: datetime | None
    erased_at: datetime | None


class Allocation(msgspec.Struct, frozen=True, kw_only=True):
    staff_name: str
    staff_email: str
    relation: str
    starts_on: date
    ends_on: date | None


class Reply(msgspec.Struct, frozen=True, kw_only=True):
    id: int
    staff_name: str
    body: str
    created_at: datetime
    read_by_child_at: datetime | None


class ChildMessage(msgspec.Struct, frozen=True, kw_only=True):
    """What the child wrote back after sending (the conversation), and when staff read it."""

    id: int
    body: str
    created_at: datetime
    read_by_staff_at: datetime | None
    read_by: str | None


class Analysis(msgspec.Struct, frozen=True, kw_only=True):
    model_version: str
    themes: list[str]
    sentiment: str
    safeguarding_level: str
    safeguarding_categories: list[str]
    redacted: str
    analysed_at: datetime


class Submission(msgspec.Struct, frozen=True, kw_only=True):
    id: int
    kind: str
    instrument: str | None
    instrument_version: int | None = None
    channel: str
    answers: dict[str, Any]
    """As stored (see surveys/_stored.py); `shown` is the same read through surveys, in the child's language."""
    free_text: str
    audience: list[str]
    language: str
    created_at: datetime
    replies: list[Reply]
    child_messages: list[ChildMessage]
    analysis: Analysis | None
    shown: Shown = msgspec.field(default_factory=Shown)


class AlertEvent(msgspec.Struct, frozen=True, kw_only=True):
    kind: str
    detail: dict[str, Any]
    at: datetime


class Alert(msgspec.Struct, frozen=True, kw_only=True):
    id: int
    submission_id: int
    level: str
    categories: list[str]
    status: str
    raised_at: datetime
    action: str | None
    action_note: str | None
    events: list[AlertEvent]


class Complaint(msgspec.Struct, frozen=True, kw_only=True):
    id: int
    submission_id: int | None
    complainant: str
    received_on: date
    stage: int
    status: str
    summary: str
    points: list[str]


class AuditEntry(msgspec.Struct, frozen=True, kw_only=True):
    id: int
    at: datetime
    actor_kind: str
    actor_id: int | None
    actor_name: str | None
    action: str
    subject_kind: str
    subject_id: int | None
    child_id: int | None
    child_reference: str | None
    reason: str
    detail: dict[str, Any]


class PrivacyRequest(msgspec.Struct, frozen=True, kw_only=True):
    id: int
    child_id: int
    child_reference: str
    kind: str
    made_by: str
    message: str
    status: str
    decided_by_name: str | None
    decided_at: datetime | None
    decision_reason: str
    erased: dict[str, int] | None
    created_at: datetime


class SubjectAccess(msgspec.Struct, frozen=True, kw_only=True):
    """Everything Heard holds about one child, as of `made_at`."""

    made_at: datetime
    child: ChildRecord
    allocations: list[Allocation]
    submissions: list[Submission]
    alerts: list[Alert]
    complaints: list[Complaint]
    advocacy_requests: list[dict[str, Any]]
    drafts: list[dict[str, Any]]
    privacy_requests: list[PrivacyRequest]
    audit: list[AuditEntry]


Message = Annotated[str, msgspec.Meta(max_length=4000)]
Reason = Annotated[str, msgspec.Meta(max_length=4000)]


class RequestIn(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """A request about a child's data, made by the child or recorded by staff for them."""

    kind: RequestKind
    message: Message = ""


class StaffRequestIn(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """Staff record a request that came by letter, phone or in person."""

    child_reference: Annotated[str, msgspec.Meta(min_length=1, max_length=200)]
    kind: RequestKind
    message: Message = ""


class DecisionIn(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """An admin's decision: a refusal must say why."""

    decision: Decision
    reason: Reason = ""


class AuditQuery(msgspec.Struct, frozen=True, kw_only=True):
    """Audit search filters; every one optional."""

    child_reference: str = ""
    staff_email: str = ""
    action: str = ""
    date_from: date | None = None
    date_to: date | None = None
    page: Annotated[int, msgspec.Meta(ge=1, le=100000)] = 1


class AuditPage(msgspec.Struct, frozen=True, kw_only=True):
    entries: list[AuditEntry]
    page: int
    per_page: int
    more: bool
    actions: list[str]


class RetentionItem(msgspec.Struct, frozen=True, kw_only=True):
    """One kind of record: the rule in plain words, and what it would remove now."""

    kind: str
    label: str
    rule: str
    scope: Literal["council", "service"]
    count: int
    oldest: datetime | None
    keys: list[str]


class RetentionReport(msgspec.Struct, frozen=True, kw_only=True):
    as_of: datetime
    dry_run: bool
    items: list[RetentionItem]

    @property
    def total(self) -> int:
        return sum(item.count for item in self.items)


class ChildSummary(msgspec.Struct, frozen=True, kw_only=True):
    """What a child sees on their privacy page: what Heard keeps, in counts and plain facts."""

    known_as: str
    birth_month: date
    legal_status: str
    placement_type: str
    preferred_language: str
    messages: int
    replies: int
    drafts: int
    complaints: int
    staff_reads: int
    allocated: list[str]
    words_kept_until: date

"""A request for an advocate as a child sends it, as the child and staff read it, and its progress."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

import msgspec

ContactBy = Literal["worker", "phone", "email"]
Status = Literal["sent", "contacted", "allocated"]
STATUSES: tuple[Status, ...] = ("sent", "contacted", "allocated")
MAX_NOTE = 1000
MAX_DETAIL = 200


class RequestIn(msgspec.Struct, frozen=True, kw_only=True):
    """What the form posted, kept as typed so a refused form comes back with every word."""

    note: str = ""
    contact_by: str = ""
    contact_detail: str = ""


class Step(msgspec.Struct, frozen=True, kw_only=True):
    status: Status
    at: datetime | None


class ChildRequest(msgspec.Struct, frozen=True, kw_only=True):
    """One request as its child sees it."""

    id: int
    status: Status
    note: str
    contact_by: str | None
    created_at: datetime
    passed_on_at: datetime | None
    contacted_at: datetime | None
    allocated_at: datetime | None
    has_contact: bool

    @property
    def steps(self) -> list[Step]:
        return [
            Step(status="sent", at=self.created_at),
            Step(status="contacted", at=self.contacted_at),
            Step(status="allocated", at=self.allocated_at),
        ]


class StaffRequest(msgspec.Struct, frozen=True, kw_only=True):
    """One request as participation and complaints staff see it."""

    id: int
    status: Status
    note: str
    contact_by: str | None
    contact_detail: str
    created_at: datetime
    passed_on_at: datetime | None
    sent_to: str | None
    child_reference: str | None
    child_name: str | None
    from_complaint: bool


class ProgressIn(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """The advocacy service's news, as staff record it."""

    status: Literal["contacted", "allocated"]

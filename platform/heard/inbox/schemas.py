"""Inbox rows and the reply a worker sends."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import msgspec


class InboxItem(msgspec.Struct, frozen=True, kw_only=True):
    """One submission in a worker's or IRO's inbox."""

    id: int
    child_id: int
    child_name: str
    child_reference: str
    kind: str
    instrument: str | None
    excerpt: str
    created_at: datetime
    read_at: datetime | None
    used_in_review_at: datetime | None
    replies: int
    alert_level: str | None


class ReplyIn(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """A reply to the child, shown in their messages."""

    body: Annotated[str, msgspec.Meta(min_length=1, max_length=20_000)]

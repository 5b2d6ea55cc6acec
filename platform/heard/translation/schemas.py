"""The needs-reading queue's rows, one reading with the child's words, and a translation as staff send it."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import msgspec

MAX_TRANSLATION = 20_000


class Waiting(msgspec.Struct, frozen=True, kw_only=True):
    """One row of the needs-reading queue: never the child's words, only what to read and by when."""

    submission_id: int
    child_id: int | None
    child_name: str | None
    child_reference: str | None
    kind: str
    language: str
    created_at: datetime
    due_at: datetime
    overdue: bool
    translated_at: datetime | None


class Reading(msgspec.Struct, frozen=True, kw_only=True):
    """One submission waiting to be read (or read): the child's words, and the translation once recorded."""

    submission_id: int
    child_id: int | None
    child_name: str | None
    child_reference: str | None
    kind: str
    language: str
    text: str
    created_at: datetime
    due_at: datetime
    overdue: bool
    translation: str | None
    translated_by: str | None
    translated_at: datetime | None
    original_level: str
    translated_level: str | None
    categories: list[str]


class TranslationIn(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """What the child wrote, in English, as the member of staff (or the interpreter they used) read it."""

    translation: Annotated[str, msgspec.Meta(max_length=MAX_TRANSLATION)]


class Counted(msgspec.Struct, frozen=True, kw_only=True):
    """How many submissions wait to be read, and how many of those are past their time."""

    waiting: int
    overdue: int

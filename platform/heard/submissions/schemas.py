"""Submission payloads and read models."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

import msgspec

MAX_TEXT = 20_000

Kind = Literal["survey", "statement", "review", "complaint", "feedback"]
Audience = Literal["worker", "iro", "complaints", "council"]
AnswerValue = str | int | list[str] | None
MAX_ANSWERS = 200
# An answer as sent: bounded like a form field, so `answers` never walks round the limit on `text`.
AnswerInValue = (
    Annotated[str, msgspec.Meta(max_length=MAX_TEXT)]
    | int
    | Annotated[list[Annotated[str, msgspec.Meta(max_length=200)]], msgspec.Meta(max_length=50)]
    | None
)
LanguageTag = Annotated[str, msgspec.Meta(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$")]


class SubmissionIn(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """What a child sends: free text, answers to an instrument, or both."""

    kind: Kind
    text: Annotated[str, msgspec.Meta(max_length=MAX_TEXT)] = ""
    answers: Annotated[
        dict[Annotated[str, msgspec.Meta(max_length=80)], AnswerInValue], msgspec.Meta(max_length=MAX_ANSWERS)
    ] = {}
    instrument: Annotated[str, msgspec.Meta(max_length=80)] | None = None
    instrument_version: Annotated[int, msgspec.Meta(ge=1)] | None = None
    audience: Annotated[list[Audience], msgspec.Meta(min_length=1, max_length=4)] = msgspec.field(
        default_factory=lambda: ["worker"]
    )
    anonymous: bool = False
    language: LanguageTag = "en"


class Receipt(msgspec.Struct, frozen=True, kw_only=True):
    """What the child gets back: proof it is kept, and what happens next."""

    id: int
    kind: str
    created_at: datetime
    reference: str
    safeguarding: Literal["none", "concern", "urgent"] = "none"


class Reply(msgspec.Struct, frozen=True, kw_only=True):
    id: int
    body: str
    created_at: datetime
    from_name: str


class Submission(msgspec.Struct, frozen=True, kw_only=True):
    """A submission as its child, or a staff member allowed to read it, sees it."""

    id: int
    child_id: int | None
    kind: str
    instrument: str | None
    instrument_version: int | None
    channel: str
    text: str
    answers: dict[str, AnswerValue]
    audience: list[str]
    anonymous: bool
    language: str
    created_at: datetime
    read_at: datetime | None
    replies: list[Reply] = []

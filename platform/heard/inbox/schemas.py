"""Inbox rows, the reply a worker sends, and a submission's analysis as staff see and correct it."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal

import msgspec

from heard.i18n import labels
from nlp.schemas import SENTIMENTS

# How staff pages and reports name each sentiment id of nlp.schemas.SENTIMENTS (the catalogue's words).
SENTIMENT_LABELS = labels("staff.sentiment", SENTIMENTS)


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
    unread_from_child: int = 0


class ReplyIn(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """A reply to the child, shown in their messages."""

    body: Annotated[str, msgspec.Meta(min_length=1, max_length=20_000)]


MAX_MESSAGE = 20_000


class ChildMessageIn(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """What a child writes back in the conversation about their statement."""

    body: Annotated[str, msgspec.Meta(min_length=1, max_length=MAX_MESSAGE)]


class ThreadMessage(msgspec.Struct, frozen=True, kw_only=True):
    """One message of a statement's conversation, with when the other side read it."""

    id: int
    side: Literal["child", "staff"]
    from_name: str
    body: str
    created_at: datetime
    read_at: datetime | None
    read_by: str | None = None  # the member of staff who read a child's message


class Conversation(msgspec.Struct, frozen=True, kw_only=True):
    """A statement's conversation: who read the statement and when, then every message in time order.

    `open` is False for an anonymous statement, which nobody can answer.
    """

    submission_id: int
    open: bool
    statement_read_at: datetime | None
    statement_read_by: str | None
    messages: list[ThreadMessage]


class Allocated(msgspec.Struct, frozen=True, kw_only=True):
    """A member of staff a child is allocated to now."""

    name: str
    relation: str
    since: date
    you: bool


class ChildFacts(msgspec.Struct, frozen=True, kw_only=True):
    """What a worker needs beside a statement: who the child is, who is allocated, and what the statement raised."""

    name: str
    age: int
    legal_status: str
    allocations: list[Allocated]
    alert_id: int | None
    alert_level: str | None
    alert_status: str | None
    complaint_id: int | None


class NudgeTarget(msgspec.Struct, frozen=True, kw_only=True):
    """Where to tell a care leaver that a reply is waiting (never what it says)."""

    child_id: int
    council_id: int
    language: str
    email: str | None
    phone: str | None
    email_template: str
    sms_template: str


class Labels(msgspec.Struct, frozen=True, kw_only=True):
    """Themes, sentiment and safeguarding level (with its kinds of worry) read in a submission."""

    themes: list[str]
    sentiment: str
    safeguarding_level: str
    safeguarding_categories: list[str]


class CorrectionMade(msgspec.Struct, frozen=True, kw_only=True):
    """Who corrected the analysis, and when."""

    by: str
    at: datetime


class AnalysisView(msgspec.Struct, frozen=True, kw_only=True):
    """A submission's analysis as staff see it: the latest correction over the model's own reading.

    `current` is None when the submission is not analysed yet and nobody has corrected it.
    """

    submission_id: int
    current: Labels | None
    model: Labels | None
    model_version: str | None
    analysed_at: datetime | None
    revision: int | None
    correction: CorrectionMade | None


class CorrectionIn(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """A person's reading of a submission, which then stands over the model's.

    Theme, sentiment, level and category ids are those of the theming model (nlp LABELS.md); kinds of
    worry are needed for a concern or urgent level and ignored for none. Raising the level raises the
    submission's safeguarding alert; lowering it never lowers or closes an alert.
    """

    themes: Annotated[list[Annotated[str, msgspec.Meta(max_length=40)]], msgspec.Meta(max_length=20)] = []
    sentiment: Annotated[str, msgspec.Meta(max_length=40, description="positive, negative, mixed or neutral")]
    safeguarding_level: Annotated[str, msgspec.Meta(max_length=40, description="none, concern or urgent")]
    safeguarding_categories: Annotated[
        list[Annotated[str, msgspec.Meta(max_length=40)]], msgspec.Meta(max_length=10)
    ] = []


class CorrectedText(msgspec.Struct, frozen=True, kw_only=True):
    """A corrected submission's words and the labels a person gave them, before they become a training item."""

    id: int
    free_text: str
    answers: dict[str, Any]
    instrument: str | None = None
    instrument_version: int | None = None
    kind: str
    themes: list[str]
    sentiment: str
    safeguarding_level: str
    safeguarding_categories: list[str]


class TrainingSafeguarding(msgspec.Struct, frozen=True):
    level: str
    categories: list[str]


class TrainingItem(msgspec.Struct, frozen=True, kw_only=True):
    """One line of a training file, in the corpus's format (nlp/data/corpus.jsonl)."""

    id: str
    text: str
    themes: list[str]
    sentiment: str
    safeguarding: TrainingSafeguarding
    pii: list[str] = []
    kind: str

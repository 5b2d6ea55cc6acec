"""Capture payloads and read models: responses to instruments, drafts, survey openings."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal

import msgspec

from heard.submissions.schemas import Audience, LanguageTag

QuestionId = Annotated[str, msgspec.Meta(min_length=1, max_length=80)]
FieldText = Annotated[str, msgspec.Meta(max_length=20_000)]
AnswerIn = FieldText | int | Annotated[list[Annotated[str, msgspec.Meta(max_length=200)]], msgspec.Meta(max_length=50)]
Answers = Annotated[
    dict[QuestionId, Any],
    msgspec.Meta(
        max_length=200,
        description="Question id -> option id, list of option ids, text (at most 20,000 characters), "
        "whole number, or 'YYYY-MM'. Each answer is checked against its question and named when wrong.",
    ),
]
LegalStatus = Literal["child_in_care", "care_leaver"]
Access = Literal["sign_in", "anonymous_link"]
Fields = dict[str, list[str]]
"""A form as typed: field name -> values, exactly what an HTML form posts."""


class ResponseIn(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """Answers to one instrument, by question id: option ids, text, a whole number, or 'YYYY-MM'."""

    answers: Answers = {}
    audience: Annotated[list[Audience], msgspec.Meta(min_length=1, max_length=4)] | None = None
    anonymous: bool = False
    language: LanguageTag = "en"


class AnonymousResponseIn(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """Answers through an anonymous survey link: nobody's name, nobody to choose."""

    answers: Answers = {}
    language: LanguageTag = "en"


class DraftIn(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """A draft: the answers typed so far, in the same shape as a response."""

    answers: Answers = {}


class Draft(msgspec.Struct, frozen=True, kw_only=True):
    """A child's unsent answers to one instrument."""

    instrument: str
    fields: Fields
    updated_at: datetime


class InstrumentSummary(msgspec.Struct, frozen=True, kw_only=True):
    """Something a child can fill in now, titled in their language."""

    id: str
    version: int
    kind: str
    title: str
    language: str
    has_draft: bool = False
    opening_id: int | None = None
    closes_on: date | None = None
    done: bool = False


class OpeningIn(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """Open a survey to a cohort for a period, by sign-in or by an anonymous link."""

    instrument: Annotated[str, msgspec.Meta(max_length=80)]
    access: Access
    legal_statuses: Annotated[list[LegalStatus], msgspec.Meta(min_length=1, max_length=2)]
    opens_on: date
    closes_on: date
    age_min: Annotated[int, msgspec.Meta(ge=0, le=30)] | None = None
    age_max: Annotated[int, msgspec.Meta(ge=0, le=30)] | None = None


class Opening(msgspec.Struct, frozen=True, kw_only=True):
    """A survey opening with its response rate (responses from the cohort over the cohort's size)."""

    id: int
    instrument: str
    title: str
    access: str
    link: str | None
    legal_statuses: list[str]
    age_min: int | None
    age_max: int | None
    opens_on: date
    closes_on: date
    is_open: bool
    eligible: int
    responses: int
    rate: float | None


class AnonymousSurvey(msgspec.Struct, frozen=True, kw_only=True):
    """What an anonymous link leads to."""

    instrument: str
    version: int
    title: str
    closes_on: date


class AdvocacyRequest(msgspec.Struct, frozen=True, kw_only=True):
    submission_id: int
    created_at: datetime

"""msgspec Structs for survey definitions (instruments, questions, conditions), answers and field errors."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Literal

import msgspec

__all__ = [
    "ID_PATTERN",
    "TEXT_LIMIT",
    "YOUNGEST_AGE",
    "AlertLevel",
    "AllOf",
    "Answer",
    "Answered",
    "AnyOf",
    "Audience",
    "Condition",
    "Equals",
    "ErrorCode",
    "FieldError",
    "Gte",
    "In",
    "Instrument",
    "Kind",
    "Lte",
    "Not",
    "NotAnswered",
    "NotEquals",
    "Option",
    "Question",
    "QuestionType",
    "Text",
    "Wording",
]

ID_PATTERN = "^[a-z][a-z0-9_]{0,62}$"
TEXT_LIMIT = 20_000
"""The most characters any free-text answer may hold."""
YOUNGEST_AGE = 7
"""Instruments for children no older than this are shown one question at a time (with JavaScript)."""

Id = Annotated[str, msgspec.Meta(pattern=ID_PATTERN)]
Text = dict[str, str]
"""Wording: language tag → text. Missing languages fall back to the instrument's default language."""
Direction = Literal["ltr", "rtl"]
AlertLevel = Literal["concern", "urgent"]
ErrorCode = Literal[
    "required",
    "not_a_number",
    "out_of_range",
    "unknown_option",
    "choose_one",
    "too_long",
    "month_year_invalid",
    "bad_character",
    "not_utf8",
]
Kind = Literal["survey", "statement", "review", "complaint"]
QuestionType = Literal[
    "single_choice",
    "multiple_choice",
    "face_scale",
    "yes_no_not_sure",
    "free_text",
    "number",
    "month_year",
    "info",
]
LegalStatus = Literal["looked_after", "care_leaver", "child_protection", "child_in_need", "parent", "carer", "anyone"]


# ---- conditions: a typed tree, tagged by "op" -------------------------------------------------


class _Node(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True, tag_field="op"):
    pass


class AllOf(_Node, frozen=True, tag="all"):
    of: Annotated[tuple[Condition, ...], msgspec.Meta(min_length=1)]


class AnyOf(_Node, frozen=True, tag="any"):
    of: Annotated[tuple[Condition, ...], msgspec.Meta(min_length=1)]


class Not(_Node, frozen=True, tag="not"):
    condition: Condition


class Equals(_Node, frozen=True, tag="equals"):
    question: Id
    value: str


class NotEquals(_Node, frozen=True, tag="not_equals"):
    question: Id
    value: str


class In(_Node, frozen=True, tag="in"):
    question: Id
    values: Annotated[tuple[str, ...], msgspec.Meta(min_length=1)]


class Answered(_Node, frozen=True, tag="answered"):
    question: Id


class NotAnswered(_Node, frozen=True, tag="not_answered"):
    question: Id


class Gte(_Node, frozen=True, tag="gte"):
    question: Id
    value: int


class Lte(_Node, frozen=True, tag="lte"):
    question: Id
    value: int


Condition = AllOf | AnyOf | Not | Equals | NotEquals | In | Answered | NotAnswered | Gte | Lte
Comparison = Equals | NotEquals | In | Answered | NotAnswered | Gte | Lte


# ---- definitions ------------------------------------------------------------------------------


class Wording(msgspec.Struct, frozen=True):
    """Text resolved for one language, with the language actually used (after fallback)."""

    text: str
    lang: str
    dir: Direction


class Option(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    id: Id
    label: Text
    emoji: str | None = None
    raises_alert: AlertLevel | None = None
    """Choosing this option raises a safeguarding alert at this level."""
    score: int | None = None
    """Position on a face scale, 1 (most negative) to 5; set by the loader."""


class Audience(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    age_min: Annotated[int, msgspec.Meta(ge=0, le=120)] | None = None
    age_max: Annotated[int, msgspec.Meta(ge=0, le=120)] | None = None
    legal_status: tuple[LegalStatus, ...] = ()
    completed_with_adult: bool = False


class Question(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    id: Id
    type: QuestionType
    text: Text
    hint: Text = msgspec.field(default_factory=dict)
    easy_read: Text = msgspec.field(default_factory=dict)
    read_aloud: Text = msgspec.field(default_factory=dict)
    """A script for read-aloud; without one, the question and its options are read."""
    required: bool = False
    sensitive: bool = False
    """Answers never appear in exports or dashboards outside safeguarding."""
    show_if: Condition | None = None
    options: tuple[Option, ...] = ()
    themed: bool | None = None
    """Free text only: whether the answer goes to the theme pipeline (must be stated)."""
    max_length: Annotated[int, msgspec.Meta(ge=1, le=TEXT_LIMIT)] = TEXT_LIMIT
    multiline: bool = True
    min: int | None = None
    max: int | None = None
    buttons: bool = False
    """Number only: show each whole number from min to max as a button (at most 11)."""
    min_label: Text = msgspec.field(default_factory=dict)
    max_label: Text = msgspec.field(default_factory=dict)

    @property
    def answerable(self) -> bool:
        return self.type != "info"

    @property
    def is_choice(self) -> bool:
        return self.type in ("single_choice", "multiple_choice", "face_scale", "yes_no_not_sure")

    @property
    def is_group(self) -> bool:
        """Rendered as a fieldset (several controls) rather than one labelled control."""
        return self.is_choice or self.type == "month_year" or (self.type == "number" and self.buttons)

    def option(self, option_id: str) -> Option | None:
        return next((o for o in self.options if o.id == option_id), None)

    def field_id(self) -> str:
        """The HTML id of the first control, for error-summary links."""
        if self.is_choice and self.options:
            return f"hq-{self.id}-{self.options[0].id}"
        if self.type == "number" and self.buttons:
            return f"hq-{self.id}-{self.min}"
        if self.type == "month_year":
            return f"hq-{self.id}-month"
        return f"hq-{self.id}"

    def number_choices(self) -> list[int]:
        return list(range(self.min, self.max + 1)) if self.min is not None and self.max is not None else []

    def show_if_json(self) -> str:
        """The show/hide condition as JSON for ``data-show-if`` (empty when always shown)."""
        return msgspec.json.encode(self.show_if).decode() if self.show_if is not None else ""


class Instrument(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    id: Id
    version: Annotated[int, msgspec.Meta(ge=1)]
    kind: Kind
    audience: Audience
    default_language: str = "en"
    languages: dict[str, Direction]
    translation_reviewed: bool = False
    title: Text
    intro: Text
    easy_read_intro: Text = msgspec.field(default_factory=dict)
    questions: tuple[Question, ...]

    @property
    def one_at_a_time(self) -> bool:
        """Shown one question at a time (where JavaScript runs): instruments meant for the youngest children."""
        return self.audience.age_max is not None and self.audience.age_max <= YOUNGEST_AGE

    @property
    def has_easy_read(self) -> bool:
        """Whether any easy-read wording is written, so a child can be offered it."""
        return bool(self.easy_read_intro) or any(q.easy_read for q in self.questions)

    def question(self, question_id: str) -> Question:
        for question in self.questions:
            if question.id == question_id:
                return question
        raise KeyError(question_id)

    def wording(self, text: Mapping[str, str], lang: str) -> Wording:
        """``text`` in ``lang``, falling back to the default language when it has none."""
        used = lang if text.get(lang, "").strip() else self.default_language
        return Wording(text.get(used, ""), used, self.languages.get(used, "ltr"))

    def question_text(self, question: Question, lang: str, *, easy_read: bool = False) -> Wording:
        """A question's wording; easy-read when asked for and written in ``lang``, else the usual wording."""
        if easy_read and question.easy_read.get(lang, "").strip():
            return self.wording(question.easy_read, lang)
        return self.wording(question.text, lang)

    def read_aloud(self, question: Question, lang: str, *, easy_read: bool = False) -> Wording:
        """What a read-aloud button says: the question's script, or its wording and options."""
        if question.read_aloud:
            return self.wording(question.read_aloud, lang)
        main = self.question_text(question, lang, easy_read=easy_read)
        labels = [self.wording(o.label, main.lang).text for o in question.options]
        return Wording(" ".join([main.text, *(f"{label}." for label in labels)]), main.lang, main.dir)


# ---- answers ----------------------------------------------------------------------------------


class Answer(msgspec.Struct, frozen=True, kw_only=True, omit_defaults=True):
    """One typed answer, recording the instrument version it was given in."""

    question: str
    instrument: str
    version: int
    choices: tuple[str, ...] = ()
    text: str | None = None
    number: int | None = None
    month_year: str | None = None
    """``YYYY-MM``."""

    def values(self) -> list[str]:
        """The answer as form values, as conditions see it."""
        if self.choices:
            return list(self.choices)
        for value in (self.text, self.month_year):
            if value is not None:
                return [value]
        return [str(self.number)] if self.number is not None else []


class FieldError(msgspec.Struct, frozen=True, kw_only=True):
    """A problem with one answer, worded in the child's language."""

    question: str
    field: str
    """HTML id of the control to link to from the error summary."""
    code: ErrorCode
    message: str

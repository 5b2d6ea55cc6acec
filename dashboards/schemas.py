"""Dashboard data shapes: cohorts, quarters, published tables, and "you said, we did" inputs and read models."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

import msgspec

from heard.i18n import catalogue
from heard.inbox.schemas import SENTIMENT_LABELS
from nlp import schemas as nlp_schemas

# ---- cohorts ------------------------------------------------------------------------------------

AGE_BANDS = {
    "4-7": "Aged 4 to 7",
    "8-11": "Aged 8 to 11",
    "12-15": "Aged 12 to 15",
    "16-17": "Aged 16 to 17",
    "18-25": "Aged 18 to 25",
}
PLACEMENTS = {
    "foster": "Foster care",
    "kinship": "Kinship care",
    "residential": "Children's home",
    "supported_lodgings": "Supported lodgings",
    "semi_independent": "Semi-independent living",
    "independent": "Living independently",
    "staying_put": "Staying put",
    "placed_with_parents": "Placed with parents",
    "secure": "Secure children's home",
    "other": "Other placement",
}
ATTRIBUTES: dict[str, tuple[str, dict[str, str]]] = {
    "age": ("Age", AGE_BANDS),
    "legal": ("Legal status", {"child_in_care": "Children in care", "care_leaver": "Care leavers"}),
    "placement": ("Where they live", PLACEMENTS),
    "area": ("In or out of area", {"in": "Placed in the council's area", "out": "Placed out of the council's area"}),
    "uasc": (
        "Unaccompanied asylum-seeking",
        {"yes": "Unaccompanied asylum-seeking children", "no": "Not unaccompanied asylum-seeking"},
    ),
    "disability": ("Disability", {"yes": "Disabled children and young people", "no": "No recorded disability"}),
    "over21": ("Care leavers over 21", {"yes": "Care leavers aged 21 or over"}),
}
# Values that exist in the data but are never offered as a filter: they still belong to every sum.
HIDDEN_VALUES: dict[str, tuple[str, ...]] = {
    "age": ("other", "unknown"),
    "legal": ("unknown",),
    "placement": ("unknown",),
    "area": ("unknown",),
    "uasc": ("unknown",),
    "disability": ("unknown",),
    "over21": ("no", "unknown"),
}
ALL_GROUP = "*"


def cohort_values() -> dict[str, list[str]]:
    """Every value of every attribute, offered or not, for building the cube's lines."""
    return {attr: [*labels, *HIDDEN_VALUES[attr]] for attr, (_, labels) in ATTRIBUTES.items()}


def cohort_label(group: str) -> str:
    if group == ALL_GROUP:
        return "All children and young people"
    attr, _, value = group.partition(":")
    return ATTRIBUTES[attr][1].get(value, value)


# ---- themes and measures ------------------------------------------------------------------------

# Theme ids are nlp's; their names are the message catalogue's (English on staff pages and in reports).
THEMES: dict[str, str] = {theme: catalogue("en").gettext(f"theme.{theme}") for theme in nlp_schemas.THEMES}
SENTIMENTS = SENTIMENT_LABELS
YES_NO = {"yes": "Yes", "no": "No", "not_sure": "Not sure"}
FACES = {"very_sad": "Very sad", "sad": "Sad", "ok": "OK", "happy": "Happy", "very_happy": "Very happy"}
LIFE_SATISFACTION = {
    "0-4": "Low (0 to 4)",
    "5-6": "Medium (5 to 6)",
    "7-8": "High (7 to 8)",
    "9-10": "Very high (9 to 10)",
}
RESPONSE_BANDS = {
    "within_1d": "Within a day",
    "within_3d": "Within 3 days",
    "within_7d": "Within a week",
    "later": "After a week",
    "none": "Not yet read or answered",
}
ALERT_TIMING = {"within_target": "Acknowledged within target", "late": "Late", "not_yet_due": "Not yet due"}
CLOCK_TIMING = {
    "on_time": "On time",
    "extended": "Within an agreed extension",
    "late": "Late",
    "overdue": "Overdue, not yet answered",
}
CLOCKS = {
    "stage1_response": "Stage 1 responses",
    "stage2_investigation": "Stage 2 investigations",
    "stage3_panel": "Stage 3 panels",
    "stage3_response": "Stage 3 council responses",
}
LANGUAGES = {
    "en": ("English", "ltr"),
    "ar": ("العربية", "rtl"),
    "fa": ("فارسی", "rtl"),
    "ps": ("پښتو", "rtl"),
    "ti": ("ትግርኛ", "ltr"),
}


class Quarter(msgspec.Struct, frozen=True, order=True):
    """A calendar quarter, named '2025-Q2' in links and 'April to June 2025' on pages."""

    year: int
    number: int

    @classmethod
    def of(cls, day: date) -> Quarter:
        return cls(day.year, (day.month - 1) // 3 + 1)

    @property
    def starts(self) -> date:
        return date(self.year, 3 * self.number - 2, 1)

    @property
    def slug(self) -> str:
        return f"{self.year}-Q{self.number}"

    @property
    def label(self) -> str:
        first = ("January", "April", "July", "October")[self.number - 1]
        last = ("March", "June", "September", "December")[self.number - 1]
        return f"{first} to {last} {self.year}"

    @property
    def short(self) -> str:
        return f"Q{self.number} {self.year}"

    def previous(self, steps: int = 1) -> Quarter:
        index = self.year * 4 + self.number - 1 - steps
        return Quarter(index // 4, index % 4 + 1)


# ---- published figures --------------------------------------------------------------------------


class Bar(msgspec.Struct, frozen=True):
    """One bar or point: its label and its value as published (None when hidden)."""

    label: str
    value: float | None
    text: str


class Chart(msgspec.Struct, frozen=True, kw_only=True):
    kind: Literal["bars", "line"]
    title: str
    description: str
    bars: list[Bar]
    unit: str = ""


class Row(msgspec.Struct, frozen=True):
    label: str
    cells: list[str]


class Table(msgspec.Struct, frozen=True, kw_only=True):
    """A table exactly as published: every cell already suppressed; the CSV and PDF print these strings."""

    key: str
    title: str
    columns: list[str]
    rows: list[Row]
    note: str = ""
    chart: Chart | None = None


class Topic(msgspec.Struct, frozen=True, kw_only=True):
    label: str
    terms: list[str]
    n: str
    previous: str


class Quote(msgspec.Struct, frozen=True):
    theme: str
    text: str


class Comparison(msgspec.Struct, frozen=True, kw_only=True):
    measure: str
    title: str
    headline: str
    this_quarter: str
    last_quarter: str
    national: str


# ---- "you said, we did" -------------------------------------------------------------------------

Text = Annotated[str, msgspec.Meta(min_length=1, max_length=2000)]
ShortText = Annotated[str, msgspec.Meta(min_length=1, max_length=200)]
ThemeId = nlp_schemas.Theme
Lang = Literal["en", "ar", "fa", "ps", "ti"]
Status = Literal["said", "proposed", "decided", "done", "not_taken_forward"]


class ActionIn(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """The CiCC turns a theme into a proposal."""

    theme: ThemeId
    said: Text
    proposal: Text | None = None
    said_on: date


class DecisionIn(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """The board or a service decides."""

    decision: Text
    owner: ShortText
    decided_on: date
    taken_forward: bool = True


class DoneIn(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """What changed, and when."""

    changed: Text
    done_on: date


class ChildTextIn(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """What children read, in one language."""

    lang: Lang
    you_said: Annotated[str, msgspec.Meta(min_length=1, max_length=1000)]
    we_did: Text


class ChildText(msgspec.Struct, frozen=True, kw_only=True):
    lang: str
    you_said: str
    we_did: str


class Action(msgspec.Struct, frozen=True, kw_only=True):
    id: int
    theme: str
    said: str
    proposal: str | None
    decision: str | None
    changed: str | None
    owner: str | None
    status: str
    said_on: date
    proposed_on: date | None
    decided_on: date | None
    done_on: date | None
    published_at: datetime | None
    texts: list[ChildText] = []

    @property
    def days_to_done(self) -> int | None:
        return None if self.done_on is None else (self.done_on - self.said_on).days


class PublishedUpdate(msgspec.Struct, frozen=True, kw_only=True):
    """One "you said, we did" update as a child reads it, in their language or else English."""

    id: int
    theme: str
    theme_label: str
    you_said: str
    we_did: str
    lang: str
    dir: Literal["ltr", "rtl"]
    done_on: date | None
    published_at: datetime


class ThemeProgress(msgspec.Struct, frozen=True, kw_only=True):
    """The tracker's line for one theme: how many things were said, done, and how long it took."""

    theme: str
    label: str
    said: int
    done: int
    median_days: int | None
    longest_open_days: int | None


class ComparisonIn(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    measure: str
    national_percent: Annotated[float, msgspec.Meta(ge=0, le=100)] | None
    source: Annotated[str, msgspec.Meta(max_length=300)] = ""

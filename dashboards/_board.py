"""The Corporate Parenting Board view and quarterly report: each measure against last quarter and a national figure."""

from __future__ import annotations

from datetime import date
from typing import Literal

import asyncpg
import msgspec

from dashboards import queries
from dashboards._figures import EMPTY, Cube, cubes, distribution
from dashboards.schemas import (
    AGE_BANDS,
    ALERT_TIMING,
    ALL_GROUP,
    ATTRIBUTES,
    CLOCK_TIMING,
    CLOCKS,
    FACES,
    LIFE_SATISFACTION,
    RESPONSE_BANDS,
    THEMES,
    YES_NO,
    Bar,
    Chart,
    Quarter,
    Row,
    Table,
    cohort_label,
)

# Parents' and carers' feedback: its own section, counted apart from every child's figure.
FROM_ADULTS = {"feedback_parents": "Parents", "feedback_carers": "Foster carers and other carers"}
ADULT_KEYS = ["adult_feedback", *(f"adult_theme:{t}" for t in THEMES)]


class Measure(msgspec.Struct, frozen=True):
    key: str
    title: str
    categories: dict[str, str]
    headline: str | None
    note: str = ""


VIEWS = {"reached": "Used in their review", "not_reached": "Not used in a review"}
MEASURES = [
    Measure(
        "views_in_review",
        "Children's views that reached their review",
        VIEWS,
        "reached",
        "Views given for a care review this quarter, and whether the reviewing officer recorded them as used.",
    ),
    Measure(
        "feel_safe_home",
        "Feel safe where they live",
        YES_NO,
        "yes",
        "Each child's latest answer this quarter to 'Do you feel safe where you live?'.",
    ),
    Measure(
        "trusted_adult",
        "Have a trusted adult",
        YES_NO,
        "yes",
        "Each child's latest answer this quarter to whether they have an adult they trust.",
    ),
    Measure(
        "response",
        "Time to first response to statements",
        RESPONSE_BANDS,
        "within_1d",
        "From a child sending a statement to it first being read or replied to.",
    ),
    Measure(
        "alerts",
        "Safeguarding alerts acknowledged within target",
        ALERT_TIMING,
        "within_target",
        "Alerts raised this quarter, against each level's acknowledgement target.",
    ),
    *(
        Measure(
            f"clock:{k}",
            f"Complaints: {label.lower()}",
            CLOCK_TIMING,
            "on_time",
            "Time limits met this quarter, and those passed without an answer.",
        )
        for k, label in CLOCKS.items()
    ),
]
WELLBEING = [
    Measure("happiness", "How happy children feel, by age", FACES, None, "Each child's latest answer this quarter."),
    Measure(
        "life_satisfaction",
        "Life satisfaction (0 to 10), by age",
        LIFE_SATISFACTION,
        None,
        "Each child's latest answer this quarter, in the bands the ONS uses.",
    ),
]


TREND_QUARTERS = 8
STATUS_TEXT = {
    "green": "Green: on or above target",
    "amber": "Amber: close to target",
    "red": "Red: below target",
    "none": "No status",
}


class Tile(msgspec.Struct, frozen=True, kw_only=True):
    """One headline on the Board summary: this quarter's share, the council's target and status, and its trend."""

    key: str
    title: str
    goal: str
    value: str
    target: str
    status: Literal["green", "amber", "red", "none"]
    status_text: str
    trend: Table


class BoardPage(msgspec.Struct, frozen=True, kw_only=True):
    council: str
    quarter: Quarter
    split: str | None
    comparisons: Table
    tables: list[Table]
    tiles: list[Tile] = []


async def board_view(conn: asyncpg.Connection, council_id: int, quarter: Quarter, split: str | None) -> BoardPage:
    """Every board figure from the rollups, this quarter and last, protected as one cube per measure."""
    keys = [m.key for m in (*MEASURES, *WELLBEING)] + ["statements"]
    attrs = ["*", "age", *([split] if split else [])]
    found = await queries.facts(conn, council_id, keys, [quarter.starts, quarter.previous().starts], attrs)
    cube = cubes(found)
    this = {k: cube.get((quarter.starts, k), EMPTY) for k in keys}
    last = {k: cube.get((quarter.previous().starts, k), EMPTY) for k in keys}
    settings = await queries.board_settings(conn, council_id)
    history = [quarter.previous(i) for i in reversed(range(TREND_QUARTERS))]
    past = cubes(await queries.facts(conn, council_id, [m.key for m in MEASURES], [q.starts for q in history], ["*"]))
    groups = _groups(split)
    tables = [_months(quarter, this["statements"], groups)]
    tables += [
        distribution(
            m.key,
            m.title,
            [(cohort_label(g), this[m.key], g) for g in groups],
            m.categories,
            headline=m.headline,
            note=m.note,
        )
        for m in MEASURES
    ]
    ages = [ALL_GROUP, *(f"age:{a}" for a in AGE_BANDS)]
    tables += [
        distribution(m.key, m.title, [(cohort_label(g), this[m.key], g) for g in ages], m.categories, note=m.note)
        for m in WELLBEING
    ]
    adults = cubes(await queries.facts(conn, council_id, ADULT_KEYS, [quarter.starts], ["*"]))
    tables.append(_adult_table(quarter, {k: adults.get((quarter.starts, k), EMPTY) for k in ADULT_KEYS}))
    return BoardPage(
        council=await queries.council_name(conn, council_id),
        quarter=quarter,
        split=split,
        comparisons=_comparisons(quarter, this, last, settings),
        tables=tables,
        tiles=[
            _tile(m, settings.get(m.key, NO_SETTING), [(q, past.get((q.starts, m.key), EMPTY)) for q in history])
            for m in MEASURES
        ],
    )


NO_SETTING = queries.BoardSetting()


def _status(value: str, setting: queries.BoardSetting) -> Literal["green", "amber", "red", "none"]:
    """Red, amber or green against the council's target; none without a target or a published figure."""
    if setting.target is None or not value.endswith("%"):
        return "none"
    share = float(value.rstrip("%"))
    if share >= setting.target:
        return "green"
    return "amber" if share >= setting.target - setting.amber_within else "red"


def _percent(value: float | None) -> str:
    return "–" if value is None else f"{value:g}%"


def _tile(m: Measure, setting: queries.BoardSetting, series: list[tuple[Quarter, Cube]]) -> Tile:
    assert m.headline is not None
    shares = [(q.short, c.share(ALL_GROUP, m.headline)) for q, c in series]
    value = shares[-1][1]
    status = _status(value, setting)
    chart = Chart(
        kind="line",
        title=f"{m.title}: % {m.categories[m.headline].lower()}, last {len(series)} quarters",
        description="Line chart of the share in each quarter. The same figures are in the table that follows; "
        "'c' marks a share hidden to protect children's privacy and '–' a quarter with no figure.",
        bars=[Bar(label, float(text.rstrip("%")) if text.endswith("%") else None, text) for label, text in shares],
        unit="%",
    )
    trend = Table(
        key=f"trend-{m.key}",
        title=f"{m.title}: trend",
        columns=["Quarter", f"% {m.categories[m.headline].lower()}"],
        rows=[Row(label, [text]) for label, text in shares],
        chart=chart,
    )
    return Tile(
        key=m.key,
        title=m.title,
        goal=setting.goal,
        value=value,
        target=_percent(setting.target),
        status=status,
        status_text=STATUS_TEXT[status],
        trend=trend,
    )


def _adult_table(quarter: Quarter, cube: dict[str, Cube]) -> Table:
    rows = [Row("Responses", [cube["adult_feedback"].text(ALL_GROUP, k) for k in FROM_ADULTS])]
    rows += [
        Row(f"About {label.lower()}", [cube[f"adult_theme:{t}"].text(ALL_GROUP, k) for k in FROM_ADULTS])
        for t, label in THEMES.items()
    ]
    return Table(
        key="adult_feedback",
        title=f"What parents and carers told us, {quarter.label}",
        columns=["", *FROM_ADULTS.values()],
        rows=rows,
        note="Feedback from parents and carers is counted here only, never in children's figures, themes or quotes. "
        "One response can be about more than one theme.",
    )


def _groups(split: str | None) -> list[str]:
    if split is None:
        return [ALL_GROUP]
    return [ALL_GROUP, *(f"{split}:{v}" for v in ATTRIBUTES[split][1])]


def _month_keys(quarter: Quarter) -> dict[str, str]:
    first = quarter.starts
    months = [date(first.year, first.month + i, 1) for i in range(3)]
    return {m.strftime("%Y-%m"): m.strftime("%B %Y") for m in months}


def _months(quarter: Quarter, cube: Cube, groups: list[str]) -> Table:
    return distribution(
        "statements",
        "Statements sent by children, by month",
        [(cohort_label(g), cube, g) for g in groups],
        _month_keys(quarter),
        note="Messages children sent to their workers through Heard.",
    )


def _comparisons(
    quarter: Quarter, this: dict[str, Cube], last: dict[str, Cube], settings: dict[str, queries.BoardSetting]
) -> Table:
    rows = []
    for m in MEASURES:
        assert m.headline is not None
        setting = settings.get(m.key, NO_SETTING)
        value = this[m.key].share(ALL_GROUP, m.headline)
        national = _percent(setting.national)
        if setting.national is not None and (setting.source or setting.year):
            national += " (" + ", ".join(x for x in (setting.source, setting.year) if x) + ")"
        rows.append(
            Row(
                f"{m.title}: % {m.categories[m.headline].lower()}",
                [
                    setting.goal or "–",
                    value,
                    _percent(setting.target),
                    STATUS_TEXT[_status(value, setting)],
                    last[m.key].share(ALL_GROUP, m.headline),
                    national,
                ],
            )
        )
    return Table(
        key="comparisons",
        title=f"At a glance, {quarter.label}",
        columns=[
            "Measure",
            "Goal",
            f"This quarter ({quarter.short})",
            "Target",
            "Status",
            f"Last quarter ({quarter.previous().short})",
            "National figure",
        ],
        rows=rows,
        note="Goals, targets and national figures (with their source and year) are those the council has set in "
        "Heard's settings. Status: green on or above target, amber within the council's margin below it, red below.",
    )


HEADLINE_MEASURES = {m.key: m.title for m in MEASURES}

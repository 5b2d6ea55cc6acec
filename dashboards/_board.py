"""The Corporate Parenting Board view and quarterly report: each measure against last quarter and a national figure."""

from __future__ import annotations

from datetime import date

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


class BoardPage(msgspec.Struct, frozen=True, kw_only=True):
    council: str
    quarter: Quarter
    split: str | None
    comparisons: Table
    tables: list[Table]


async def board_view(conn: asyncpg.Connection, council_id: int, quarter: Quarter, split: str | None) -> BoardPage:
    """Every board figure from the rollups, this quarter and last, protected as one cube per measure."""
    keys = [m.key for m in (*MEASURES, *WELLBEING)] + ["statements"]
    attrs = ["*", "age", *([split] if split else [])]
    found = await queries.facts(conn, council_id, keys, [quarter.starts, quarter.previous().starts], attrs)
    cube = cubes(found)
    this = {k: cube.get((quarter.starts, k), EMPTY) for k in keys}
    last = {k: cube.get((quarter.previous().starts, k), EMPTY) for k in keys}
    national = await queries.national(conn, council_id)
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
        comparisons=_comparisons(quarter, this, last, national),
        tables=tables,
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
    quarter: Quarter, this: dict[str, Cube], last: dict[str, Cube], national: dict[str, tuple[float | None, str]]
) -> Table:
    rows = []
    for m in MEASURES:
        assert m.headline is not None
        figure, source = national.get(m.key, (None, ""))
        shown = "–" if figure is None else f"{figure:g}%" + (f" ({source})" if source else "")
        rows.append(
            Row(
                f"{m.title}: % {m.categories[m.headline].lower()}",
                [this[m.key].share(ALL_GROUP, m.headline), last[m.key].share(ALL_GROUP, m.headline), shown],
            )
        )
    return Table(
        key="comparisons",
        title=f"At a glance, {quarter.label}",
        columns=[
            "Measure",
            f"This quarter ({quarter.short})",
            f"Last quarter ({quarter.previous().short})",
            "National figure",
        ],
        rows=rows,
        note="National figures are those the council has recorded in Heard's settings, with their source.",
    )


HEADLINE_MEASURES = {m.key: m.title for m in MEASURES}

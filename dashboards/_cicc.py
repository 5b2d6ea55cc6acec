"""The Children in Care Council view: themes by quarter with sentiment, a theme's trend, emerging topics, quotes."""

from __future__ import annotations

import asyncpg
import msgspec

from dashboards import queries
from dashboards._figures import EMPTY, Cube, bars_chart, cubes, line_chart, ordered
from dashboards.schemas import (
    ALL_GROUP,
    SENTIMENTS,
    THEMES,
    Quarter,
    Quote,
    Row,
    Table,
    Topic,
    cohort_label,
)
from dashboards.suppression import SUPPRESSED, is_small

TREND_QUARTERS = 8
QUOTES_PER_THEME = 3


class CiccPage(msgspec.Struct, frozen=True, kw_only=True):
    council: str
    quarter: Quarter
    group: str
    group_label: str
    theme: str
    tables: list[Table]
    topics: list[Topic]
    quotes: list[Quote]
    too_small: bool


async def cicc_view(conn: asyncpg.Connection, council_id: int, quarter: Quarter, group: str, theme: str) -> CiccPage:
    """Everything on the CiCC page, from the rollups, with every count protected."""
    quarters = [quarter.previous(i) for i in range(TREND_QUARTERS)]
    attrs = ["*", group.partition(":")[0]]
    this_and_last = [quarter.starts, quarter.previous().starts]
    found = await queries.facts(conn, council_id, [f"theme:{t}" for t in THEMES], this_and_last, attrs)
    found += await queries.facts(conn, council_id, [f"theme:{theme}"], [q.starts for q in quarters[2:]], attrs)
    cube = cubes(found)
    this = {t: cube.get((quarter.starts, f"theme:{t}"), EMPTY) for t in THEMES}
    last = {t: cube.get((quarter.previous().starts, f"theme:{t}"), EMPTY) for t in THEMES}
    themes_table = _themes_table(quarter, group, this, last)
    trend = _trend_table(theme, group, [(q, cube.get((q.starts, f"theme:{theme}"), EMPTY)) for q in reversed(quarters)])
    unfiltered = group == ALL_GROUP
    topics = _topics(await queries.topics(conn, council_id, quarter.starts)) if unfiltered else []
    quotes = _quotes(await queries.approved_quotes(conn, council_id, quarter.starts)) if unfiltered else []
    too_small = any((group, "*") in c.cells for c in this.values()) and all(
        c.value(group) in (None, 0) for c in this.values()
    )
    return CiccPage(
        council=await queries.council_name(conn, council_id),
        quarter=quarter,
        group=group,
        group_label=cohort_label(group),
        theme=theme,
        tables=[themes_table, trend],
        topics=topics,
        quotes=quotes,
        too_small=too_small,
    )


def _themes_table(quarter: Quarter, group: str, this: dict[str, Cube], last: dict[str, Cube]) -> Table:
    # Order by what is published only: a hidden count must not show through its position.
    keys = ordered(THEMES, {t: c.value(group) for t, c in this.items()})
    rows = [
        Row(
            THEMES[t],
            [this[t].text(group), *(this[t].text(group, s) for s in SENTIMENTS), last[t].text(group)],
        )
        for t in keys
    ]
    chart = bars_chart(
        f"What children said, {quarter.label}",
        f"Bar chart of statements and answers about each theme, {cohort_label(group).lower()}. "
        "The same figures are in the table that follows; 'c' marks a number hidden to protect children's privacy.",
        [(THEMES[t], this[t].text(group)) for t in keys],
    )
    return Table(
        key="themes",
        title=f"Themes, {quarter.label}",
        columns=["Theme", "Statements and answers", *SENTIMENTS.values(), f"Last quarter ({quarter.previous().short})"],
        rows=rows,
        note="One statement can be about more than one theme, so themes do not add up to a total.",
        chart=chart,
    )


def _trend_table(theme: str, group: str, series: list[tuple[Quarter, Cube]]) -> Table:
    label = THEMES[theme]
    rows = [Row(q.short, [c.text(group), c.text(group, "negative"), c.share(group, "negative")]) for q, c in series]
    chart = line_chart(
        f"{label}: statements and answers by quarter",
        f"Line chart of statements and answers about {label.lower()} in each of the last {len(series)} quarters, "
        f"{cohort_label(group).lower()}. The same figures are in the table that follows; 'c' marks a hidden number.",
        [(q.short, c.text(group)) for q, c in series],
    )
    return Table(
        key="trend",
        title=f"{label}: trend",
        columns=["Quarter", "Statements and answers", "Negative", "% negative"],
        rows=rows,
        chart=chart,
    )


def _topics(found: list[queries.StoredTopic]) -> list[Topic]:
    """Emerging topics with enough texts behind them; a topic from a handful of texts could point to a child."""
    shown = []
    for t in found:
        if t.n == 0 or is_small(t.n):
            continue
        previous = "–" if t.previous is None else (SUPPRESSED if is_small(t.previous) else f"{t.previous:,}")
        shown.append(Topic(label=t.label, terms=t.terms, n=f"{t.n:,}", previous=previous))
    return shown


def _quotes(found: list[tuple[str, str]]) -> list[Quote]:
    taken: dict[str, int] = {}
    out = []
    for theme, text in found:
        if theme in THEMES and taken.get(theme, 0) < QUOTES_PER_THEME:
            taken[theme] = taken.get(theme, 0) + 1
            out.append(Quote(THEMES[theme], text))
    return out

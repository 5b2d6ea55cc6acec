"""Rollup cells to published tables: one protected cube per quarter and measure, and the tables built from them."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from datetime import date

from dashboards import suppression
from dashboards.queries import Fact
from dashboards.schemas import Bar, Chart, Row, Table
from dashboards.suppression import ALL, SUPPRESSED, Count


class Cube:
    """One quarter's cells for one measure, and which are hidden (worked out over the whole cube at refresh)."""

    def __init__(
        self,
        cells: Mapping[tuple[str, str], Count],
        minutes: Mapping[tuple[str, str], int],
        hidden: set[tuple[str, str]],
    ) -> None:
        self.cells = dict(cells)
        self.minutes = dict(minutes)
        self.hidden = hidden

    def text(self, group: str, category: str = ALL) -> str:
        key = (group, category)
        return suppression.shown(self.cells.get(key), key in self.hidden)

    def value(self, group: str, category: str = ALL) -> int | None:
        """The published number, or None when hidden."""
        key = (group, category)
        if key in self.hidden:
            return None
        count = self.cells.get(key)
        return 0 if count is None else count.n

    def share(self, group: str, category: str) -> str:
        return suppression.percent(self.text(group, category), self.text(group))


EMPTY = Cube({}, {}, set())


def cubes(found: Iterable[Fact]) -> dict[tuple[date, str], Cube]:
    """Group rollup rows by (quarter, measure), with the hidden set the refresh stored."""
    cells: dict[tuple[date, str], dict[tuple[str, str], Count]] = defaultdict(dict)
    minutes: dict[tuple[date, str], dict[tuple[str, str], int]] = defaultdict(dict)
    hidden: dict[tuple[date, str], set[tuple[str, str]]] = defaultdict(set)
    for f in found:
        key = (f.quarter, f.measure)
        cells[key][(f.group, f.category)] = Count(f.n, f.people)
        minutes[key][(f.group, f.category)] = f.minutes
        if f.hidden:
            hidden[key].add((f.group, f.category))
    return {key: Cube(cells[key], minutes[key], hidden[key]) for key in cells}


def number(text: str) -> int | None:
    return None if text == SUPPRESSED else int(text.replace(",", ""))


def ordered(labels: Mapping[str, str], values: Mapping[str, int | None]) -> list[str]:
    """Keys largest first by *published* value; hidden ones last in their usual order (never by hidden size)."""
    shown = [(k, v) for k in labels if (v := values.get(k)) is not None]
    hidden = [k for k in labels if values.get(k) is None]
    return [k for k, _ in sorted(shown, key=lambda kv: -kv[1])] + hidden


def bars_chart(title: str, description: str, items: Sequence[tuple[str, str]], unit: str = "") -> Chart:
    """A bar chart of published cells; a hidden cell is a labelled gap, never a bar."""
    bars = [
        Bar(label, None if text == SUPPRESSED else float(text.rstrip("%").replace(",", "")), text)
        for label, text in items
    ]
    return Chart(kind="bars", title=title, description=description, bars=bars, unit=unit)


def line_chart(title: str, description: str, items: Sequence[tuple[str, str]]) -> Chart:
    chart = bars_chart(title, description, items)
    return Chart(kind="line", title=title, description=description, bars=chart.bars)


def distribution(
    key: str,
    title: str,
    rows: Sequence[tuple[str, Cube, str]],
    categories: Mapping[str, str],
    *,
    headline: str | None = None,
    note: str = "",
    chart_row: int = 0,
) -> Table:
    """A table of category counts per row (a group in a cube), its total, and the headline category's share."""
    columns = ["Group", *categories.values(), "Total"]
    if headline:
        columns.append(f"% {categories[headline].lower()}")
    body = []
    for label, cube, group in rows:
        cells = [cube.text(group, c) for c in categories] + [cube.text(group)]
        if headline:
            cells.append(cube.share(group, headline))
        body.append(Row(label, cells))
    chart = None
    if rows:
        label, cube, group = rows[chart_row]
        chart = bars_chart(
            f"{title}: {label.lower()}",
            f"Bar chart of {title.lower()} for {label.lower()}. The same figures are in the table that follows; "
            "'c' marks a number hidden to protect children's privacy.",
            [(categories[c], cube.text(group, c)) for c in categories],
        )
    return Table(key=key, title=title, columns=columns, rows=body, note=note, chart=chart)

"""The quarterly learning report and the annual report: every figure aggregated in PostgreSQL in one round trip."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Literal

import asyncpg
import msgspec

from dashboards import queries
from dashboards.queries import ActionLine, QuotableText
from dashboards.schemas import THEMES
from dashboards.suppression import suppress_row as suppress
from heard import council, quarters
from heard.errors import Invalid

ReportKind = Literal["quarterly", "annual"]
QUOTE_LIMIT = 5
QUOTE_LENGTH = 280


class Row(msgspec.Struct, frozen=True):
    label: str
    value: int


class Table(msgspec.Struct, frozen=True, kw_only=True):
    """One table of counts; `total` is shown under it when the rows add up to something meaningful."""

    key: str
    title: str
    rows: list[Row]
    total: int | None = None
    note: str = ""


class ShownTable(msgspec.Struct, frozen=True, kw_only=True):
    """A table as printed: counts as text, small ones suppressed in the version for publication."""

    key: str
    title: str
    rows: list[tuple[str, str]]
    total: str | None
    note: str


class Quote(msgspec.Struct, frozen=True):
    theme: str
    text: str


class Report(msgspec.Struct, frozen=True, kw_only=True):
    kind: ReportKind
    title: str
    council: str
    starts_on: date
    ends_on: date
    tables: list[Table]
    quotes: list[Quote]
    actions: list[ActionLine]

    def table(self, key: str) -> Table:
        return next(t for t in self.tables if t.key == key)

    def shown(self, *, publication: bool) -> list[ShownTable]:
        return [_shown(t, publication) for t in self.tables]


def _shown(table: Table, publication: bool) -> ShownTable:
    values = [r.value for r in table.rows]
    if publication:
        cells, total = suppress(values, table.total)
    else:
        cells, total = [str(v) for v in values], (None if table.total is None else str(table.total))
    rows = [(r.label, cell) for r, cell in zip(table.rows, cells, strict=True)]
    return ShownTable(key=table.key, title=table.title, rows=rows, total=total, note=table.note)


def period(
    kind: ReportKind, year: int, quarter: int | None, convention: quarters.Convention = quarters.DEFAULT
) -> tuple[date, date, str]:
    """The financial year starting April `year`, or its quarter numbered in the council's convention
    (financial: 1 is April to June of `year`; calendar: 1 is January to March); with a title."""
    fy = f"{year}-{str(year + 1)[-2:]}"
    if kind == "annual":
        return date(year, 4, 1), date(year + 1, 3, 31), f"Complaints annual report {fy}"
    if quarter is None or not 1 <= quarter <= 4:
        first_q, last_q = ("April to June", "January to March")
        if convention == "calendar":
            first_q, last_q = ("January to March", "October to December")
        raise Invalid(f"Choose a quarter from 1 ({first_q}) to 4 ({last_q}).", field="quarter")
    if convention == "financial":
        first = date(year + (quarter == 4), (3 * quarter) % 12 + 1, 1)
    else:
        first = date(year, 3 * quarter - 2, 1)
    after = date(first.year + (first.month == 10), (first.month + 2) % 12 + 1, 1)
    return first, after - timedelta(days=1), f"Complaints learning report, {quarters.name(first, convention)}"


def _rows(counts: dict[str, int], prefix: str, labels: dict[str, str]) -> list[Row]:
    return [Row(label, counts.get(f"{prefix}{key}", 0)) for key, label in labels.items()]


def _table(key: str, title: str, rows: list[Row], *, totalled: bool = True, note: str = "") -> Table:
    return Table(key=key, title=title, rows=rows, total=sum(r.value for r in rows) if totalled else None, note=note)


_STAGES = {"1": "Stage 1 complaints received", "2": "Stage 2 investigations started", "3": "Stage 3 panels requested"}
_WHO = {
    "child": "Child or young person", "parent": "Parent", "carer": "Carer", "advocate": "Advocate", "other": "Other"
}  # fmt: skip
_CHANNELS = {"heard": "Heard", "phone": "Phone", "letter": "Letter", "email": "Email", "in_person": "In person"}
_OUTCOMES = {"upheld": "Upheld", "partly_upheld": "Partly upheld", "not_upheld": "Not upheld"}
_TIMING = {"on_time": "Within the time limit", "extended": "Within an agreed extension", "late": "Late"}
_CLOCKS = {
    "stage1_response": "Timeliness: stage 1 responses",
    "stage2_investigation": "Timeliness: stage 2 investigations",
    "stage3_panel": "Timeliness: stage 3 panels meeting within 30 working days",
    "stage3_panel_report": "Timeliness: stage 3 panel reports within 5 working days",
    "stage3_response": "Timeliness: stage 3 council responses within 15 working days",
}
_ADVOCACY = {
    "accepted": "Offered an advocate and accepted",
    "declined": "Offered an advocate and declined",
    "not_sure": "Offered an advocate, not sure yet",
    "not_recorded": "No offer recorded",
}
_OMBUDSMAN = {
    "pending": "Awaiting the Ombudsman's decision",
    "upheld": "Upheld by the Ombudsman",
    "partly_upheld": "Partly upheld by the Ombudsman",
    "not_upheld": "Not upheld by the Ombudsman",
    "not_investigated": "Not investigated by the Ombudsman",
}
_ACTION_STATUS = {"planned": "Planned", "in_progress": "In progress", "done": "Done", "dropped": "Dropped"}


def _theme_rows(counts: dict[str, int]) -> list[Row]:
    themes = [(k.removeprefix("theme:"), n) for k, n in counts.items() if k.startswith("theme:")]
    themes.sort(key=lambda t: (-t[1], t[0]))
    return [Row(THEMES.get(t, t.replace("_", " ").capitalize()), n) for t, n in themes]


def tables(counts: dict[str, int], overdue: int) -> list[Table]:
    """Every table of the report from the keyed counts, in the order they are printed."""
    found = [
        _table("stages", "Complaints by stage", _rows(counts, "stage:", _STAGES), totalled=False,
               note="One complaint can reach more than one stage in the period."),
        _table("complainants", "Who complained (stage 1)", _rows(counts, "complainant:", _WHO)),
        _table("channels", "How complaints were made (stage 1)", _rows(counts, "channel:", _CHANNELS)),
        _table("themes", "Themes", _theme_rows(counts), totalled=False,
               note="From what children wrote and the complaints officer's themes; a complaint can have several."),
    ]  # fmt: skip
    for stage in (1, 2, 3):
        title = f"Outcomes at stage {stage} (each complaint point)"
        found.append(_table(f"outcomes_{stage}", title, _rows(counts, f"outcome:{stage}:", _OUTCOMES)))
    for kind, title in _CLOCKS.items():
        found.append(_table(f"timeliness_{kind}", title, _rows(counts, f"timeliness:{kind}:", _TIMING)))
    extensions = [Row("Stage 1", counts.get("extension:1", 0)), Row("Stage 2", counts.get("extension:2", 0))]
    found += [
        _table("extensions", "Extensions agreed", extensions),
        _table("advocacy", "Advocacy (stage 1 complaints)", _rows(counts, "advocacy:", _ADVOCACY)),
        _table("ombudsman", "Ombudsman cases referred", _rows(counts, "ombudsman:", _OMBUDSMAN)),
        _table("actions", "Learning actions agreed", _rows(counts, "action:", _ACTION_STATUS)),
        _table("actions_overdue", "Learning actions past their due date", [Row("Not yet done", overdue)],
               totalled=False),
    ]  # fmt: skip
    return found


def _quotes(rows: list[QuotableText]) -> list[Quote]:
    """The newest quote for each of the most common themes, trimmed to a readable length."""
    chosen: dict[str, str] = {}
    for row in sorted(rows, key=lambda r: -r.n):
        if row.theme not in chosen and row.redacted not in chosen.values():
            chosen[row.theme] = row.redacted
    quotes = [Quote(THEMES.get(t, t), _trim(text)) for t, text in chosen.items()]
    return quotes[:QUOTE_LIMIT]


def _trim(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= QUOTE_LENGTH else text[: QUOTE_LENGTH - 1].rsplit(" ", 1)[0] + "…"


async def build(
    conn: asyncpg.Connection, council_id: int, kind: ReportKind, year: int, quarter: int | None, today: date
) -> Report:
    """The report for a financial year or quarter, from the council's complaints."""
    starts_on, ends_on, title = period(kind, year, quarter, await council.quarter_convention(conn, council_id))
    counts = await queries.report_counts(conn, council_id, starts_on, ends_on)
    actions = await queries.report_actions(conn, council_id, starts_on, ends_on, today)
    quotes = _quotes(await queries.report_quotes(conn, council_id, starts_on, ends_on))
    return Report(
        kind=kind,
        title=title,
        council=await queries.council_name(conn, council_id),
        starts_on=starts_on,
        ends_on=ends_on,
        tables=tables(counts, sum(a.overdue for a in actions)),
        quotes=quotes,
        actions=actions,
    )


class ReportView(msgspec.Struct, frozen=True, kw_only=True):
    """A report as printed or served: the published version suppresses small numbers and leaves out owners."""

    kind: ReportKind
    title: str
    council: str
    starts_on: date
    ends_on: date
    publication: bool
    tables: list[ShownTable]
    quotes: list[Quote]
    actions: list[ActionLine]


def view(report: Report, *, publication: bool) -> ReportView:
    actions = [msgspec.structs.replace(a, owner="") for a in report.actions] if publication else report.actions
    return ReportView(
        kind=report.kind,
        title=report.title,
        council=report.council,
        starts_on=report.starts_on,
        ends_on=report.ends_on,
        publication=publication,
        tables=report.shown(publication=publication),
        quotes=report.quotes,
        actions=actions,
    )

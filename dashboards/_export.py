"""Exports of published tables: CSV for any table, and the Board pack, the board's quarterly report, as a PDF."""

from __future__ import annotations

import asyncpg
import msgspec

from dashboards import TEMPLATE_DIR, _actions, queries
from dashboards._board import BoardPage
from dashboards._cicc import _quotes
from dashboards.charts import svg
from dashboards.schemas import THEMES, Action, Quote, Table
from heard import documents, pdf


def csv_bytes(table: Table) -> bytes:
    """The table exactly as the page shows it, suppressed cells included as 'c'."""
    rows = [table.columns, *([row.label, *row.cells] for row in table.rows)]
    return documents.to_csv(rows).encode("utf-8-sig")


class BoardPack(msgspec.Struct, frozen=True, kw_only=True):
    """The Board page's figures (already protected), with the quarter's approved quotes and what was done."""

    page: BoardPage
    quotes: list[Quote]
    done: list[Action]
    """"You said, we did" items done this quarter, oldest first."""


async def board_pack(conn: asyncpg.Connection, council_id: int, page: BoardPage) -> BoardPack:
    """What the Board pack adds to the Board page: the quotes the CiCC page shows, and this quarter's changes."""
    quarter, after = page.quarter.starts, page.quarter.previous(-1).starts
    quotes = _quotes(await queries.approved_quotes(conn, council_id, quarter))
    done = [
        a
        for a in await _actions.actions(conn, council_id)
        if a.status == "done" and a.done_on is not None and quarter <= a.done_on < after
    ]
    return BoardPack(page=page, quotes=quotes, done=sorted(done, key=lambda a: (a.done_on, a.id)))


async def board_pdf(pack: BoardPack) -> bytes:
    """The Board pack as a tagged PDF: headlines with their trends, every table with its chart, quotes, changes."""
    page = pack.page
    return await pdf.build(
        "dashboards/pdf/board.html",
        search=[TEMPLATE_DIR],
        title=f"{page.council}: Corporate Parenting Board report, {page.quarter.label}",
        author=page.council,
        p=page,
        quotes=pack.quotes,
        done=pack.done,
        themes=THEMES,
        svg=svg,
    )

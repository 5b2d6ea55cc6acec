"""The managers' team view: each team's inbox response times and statements still without a reply."""

from __future__ import annotations

import asyncpg
import msgspec

from dashboards import queries
from dashboards._figures import EMPTY, bars_chart, cubes
from dashboards.schemas import RESPONSE_BANDS, Quarter, Row, Table

ALL_TEAMS = "*"


class TeamPage(msgspec.Struct, frozen=True, kw_only=True):
    council: str
    quarter: Quarter
    tables: list[Table]


async def team_view(conn: asyncpg.Connection, council_id: int, quarter: Quarter) -> TeamPage:
    found = await queries.team_facts(conn, council_id, [quarter.starts])
    teams = sorted({f.group.removeprefix("team:") for f in found if f.group != ALL_TEAMS})
    cube = cubes(found)
    response = cube.get((quarter.starts, "response"), EMPTY)
    replied = cube.get((quarter.starts, "replied"), EMPTY)
    groups = [(name, f"team:{name}") for name in teams if name != "unknown"] + [("All teams", ALL_TEAMS)]
    rows = [
        Row(
            label,
            [
                *(response.text(g, b) for b in RESPONSE_BANDS),
                response.text(g),
                response.share(g, "within_1d"),
                replied.text(g, "unanswered"),
            ],
        )
        for label, g in groups
    ]
    chart = bars_chart(
        f"Statements still without a reply, {quarter.label}",
        "Bar chart of each team's statements from this quarter that have no reply yet. The same figures are in the "
        "table that follows; 'c' marks a number hidden to protect children's privacy.",
        [(label, replied.text(g, "unanswered")) for label, g in groups],
    )
    table = Table(
        key="teams",
        title=f"Inbox response by team, {quarter.label}",
        columns=["Team", *RESPONSE_BANDS.values(), "Statements", "% within a day", "No reply yet"],
        rows=rows,
        note="A statement counts for the team of the child's allocated worker when it was sent. "
        "'Response' is the first time it was read or replied to.",
        chart=chart,
    )
    return TeamPage(council=await queries.council_name(conn, council_id), quarter=quarter, tables=[table])

"""Complaints report SQL: every figure of a period keyed and counted in one round trip, its learning actions,
and the redacted words children agreed to share."""

from __future__ import annotations

from datetime import date

import asyncpg
import msgspec


class ActionLine(msgspec.Struct, frozen=True, kw_only=True):
    description: str
    owner: str
    due_on: date
    status: str
    completed_on: date | None
    overdue: bool


class QuotableText(msgspec.Struct, frozen=True):
    """A redacted complaint text about one theme, with how many texts of the period share that theme."""

    theme: str
    n: int
    redacted: str


_FIGURES = """
with c as (select * from complaints where council_id = $1),
received as (select * from c where received_on between $2 and $3),
counted as (
    select key, count(*)::int as n from (
        select 'stage:' || st.stage as key from complaint_stages st join c on c.id = st.complaint_id
        where st.requested_on between $2 and $3
        union all select 'complainant:' || complainant from received
        union all select 'channel:' || channel from received
        union all select 'advocacy:' || coalesce(advocacy_answer, 'not_recorded') from received
        union all select 'outcome:' || o.stage || ':' || o.outcome
        from complaint_outcomes o join complaint_points p on p.id = o.point_id join c on c.id = p.complaint_id
        where o.decided_on between $2 and $3
        union all select 'timeliness:' || k.kind || ':' || case when k.met_on <= k.base_due_on then 'on_time'
                                                        when k.met_on <= k.due_on then 'extended' else 'late' end
        from complaint_clocks k join c on c.id = k.complaint_id where k.met_on between $2 and $3
        union all select 'extension:' || k.stage from complaint_clocks k join c on c.id = k.complaint_id
        where k.extended_on between $2 and $3
        union all select 'ombudsman:' || ombudsman_outcome from c where ombudsman_referred_on between $2 and $3
        union all select 'action:' || a.status from complaint_actions a join c on c.id = a.complaint_id
        where a.created_on between $2 and $3
        union all select 'theme:' || theme from (
            select distinct r.id, theme
            from received r left join analyses an on an.submission_id = r.submission_id,
                 unnest(coalesce(an.themes, '{}') || r.tags) as theme
        ) t
    ) keys group by key
)
select coalesce(json_object_agg(key, n), '{}') from counted
"""

_ACTIONS = """
select a.description, a.owner, a.due_on, a.status, a.completed_on,
       a.status in ('planned', 'in_progress') and a.due_on < $4 as overdue
from complaint_actions a join complaints c on c.id = a.complaint_id
where c.council_id = $1 and a.created_on between $2 and $3
order by a.due_on, a.id
"""

# Only what the analyser redacted, only from children who agreed to share quotes, never a safeguarding worry.
_QUOTES = """
select theme, count(*) over (partition by theme) as n, an.redacted
from complaints c
join children ch on ch.id = c.child_id and ch.share_quotes
join analyses an on an.submission_id = c.submission_id and an.safeguarding_level = 'none' and an.redacted <> '',
     unnest(an.themes) as theme
where c.council_id = $1 and c.received_on between $2 and $3
order by c.received_on desc, c.id desc
"""


async def report_counts(conn: asyncpg.Connection, council_id: int, starts_on: date, ends_on: date) -> dict[str, int]:
    """Every figure of the period as 'kind:value' -> count."""
    found: dict[str, int] = await conn.fetchval(_FIGURES, council_id, starts_on, ends_on)
    return found


async def report_actions(
    conn: asyncpg.Connection, council_id: int, starts_on: date, ends_on: date, today: date
) -> list[ActionLine]:
    return [ActionLine(**dict(r)) for r in await conn.fetch(_ACTIONS, council_id, starts_on, ends_on, today)]


async def report_quotes(
    conn: asyncpg.Connection, council_id: int, starts_on: date, ends_on: date
) -> list[QuotableText]:
    return [
        QuotableText(r["theme"], r["n"], r["redacted"])
        for r in await conn.fetch(_QUOTES, council_id, starts_on, ends_on)
    ]

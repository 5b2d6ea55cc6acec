"""Rollup SQL: one council's quarter recomputed into dash_facts and dash_team_facts, hidden cells marked, and
which quarters are due. The rules (suppression, reading answers) are dashboards._refresh's; this is only SQL."""

from __future__ import annotations

from datetime import date

import asyncpg
import msgspec

from dashboards.queries._sql import FROM_ADULTS

# A child's group for each attribute in the quarter: attributes as now, age at the quarter's last day.
_CTE = f"""
with bounds as (
    select ($2::date)::timestamp at time zone 'Europe/London' as t0,
           ($2::date + interval '3 months')::timestamp at time zone 'Europe/London' as t1,
           ($2::date + interval '3 months' - interval '1 day')::date as last_day
),
cell as (
    select ch.id as child_id,
           case when a.age between 4 and 7 then '4-7' when a.age between 8 and 11 then '8-11'
                when a.age between 12 and 15 then '12-15' when a.age between 16 and 17 then '16-17'
                when a.age between 18 and 25 then '18-25' else 'other' end as age_band,
           ch.legal_status as legal,
           ch.placement_type as placement,
           case when ch.placed_out_of_area then 'out' else 'in' end as area,
           case when ch.uasc then 'yes' else 'no' end as uasc,
           case when ch.disability then 'yes' else 'no' end as disability,
           case when ch.legal_status = 'care_leaver' and a.age >= 21 then 'yes' else 'no' end as over21
    from children ch cross join bounds b
    cross join lateral (select extract(year from age(b.last_day, ch.birth_month))::int as age) a
    where ch.council_id = $1
),
subs as (
    select s.id, s.child_id, s.kind, s.answers, s.created_at, s.read_at, s.used_in_review_at,
           coalesce(s.child_id, -s.id) as person
    from submissions s cross join bounds b
    where s.council_id = $1 and s.created_at >= b.t0 and s.created_at < b.t1 and not {FROM_ADULTS}
),
adults as (
    select s.id, s.kind, coalesce(s.instrument, 'feedback') as instrument
    from submissions s cross join bounds b
    where s.council_id = $1 and s.created_at >= b.t0 and s.created_at < b.t1 and {FROM_ADULTS}
),
answered as (
    select s.*, extract(epoch from f.first_at - s.created_at) / 60 as m
    from subs s
    cross join lateral (
        select least(s.read_at, (select min(r.created_at) from replies r where r.submission_id = s.id)) as first_at
    ) f
    where s.kind = 'statement'
)
"""  # noqa: S608

_BAND = """case when a.m is null then 'none' when a.m <= 1440 then 'within_1d' when a.m <= 4320 then 'within_3d'
                when a.m <= 10080 then 'within_7d' else 'later' end"""

# Composed from constants only; every value is a $n parameter.
_BASE = f"""
base (measure, category, person, child_id, minutes) as (
    select 'theme:' || t.theme, th.sentiment, s.person, s.child_id, 0::bigint
    from subs s
    join analyses an on an.submission_id = s.id
    left join lateral (
        select c.themes, c.sentiment from analysis_corrections c where c.submission_id = s.id order by c.id desc limit 1
    ) cor on true
    cross join lateral (
        select coalesce(cor.themes, an.themes) as themes, coalesce(cor.sentiment, an.sentiment) as sentiment
    ) th
    cross join unnest(th.themes) t(theme)
    union all
    select 'adult_theme:' || t.theme, s.instrument, -s.id, null::bigint, 0::bigint
    from adults s
    join analyses an on an.submission_id = s.id
    cross join unnest(an.themes) t(theme)
    union all
    select 'adult_feedback', s.instrument, -s.id, null::bigint, 0::bigint from adults s
    union all
    select 'statements', to_char(s.created_at at time zone 'Europe/London', 'YYYY-MM'), s.person, s.child_id, 0
    from subs s where s.kind = 'statement'
    union all
    select measure, category, person, child_id, 0
    from unnest($3::text[], $4::text[], $5::bigint[], $6::bigint[]) w(measure, category, person, child_id)
    union all
    select 'views_in_review', case when s.used_in_review_at is not null then 'reached' else 'not_reached' end,
           s.person, s.child_id, 0
    from subs s where s.kind = 'review'
    union all
    select 'response', {_BAND}, a.person, a.child_id, coalesce(round(a.m), 0)::bigint
    from answered a
    union all
    select 'alerts',
           case when al.acknowledged_at is not null and (al.due_at is null or al.acknowledged_at <= al.due_at)
                     then 'within_target'
                when al.acknowledged_at is not null or al.due_at < now() then 'late'
                else 'not_yet_due' end,
           coalesce(al.child_id, -al.submission_id), al.child_id, 0
    from alerts al cross join bounds b
    where al.council_id = $1 and al.raised_at >= b.t0 and al.raised_at < b.t1
    union all
    select 'clock:' || k.kind,
           case when k.met_on is null then 'overdue' when k.met_on <= k.base_due_on then 'on_time'
                when k.met_on <= k.due_on then 'extended' else 'late' end,
           coalesce(c.child_id, -c.id), c.child_id, 0
    from complaint_clocks k join complaints c on c.id = k.complaint_id cross join bounds b
    where c.council_id = $1 and k.kind <> 'stage3_panel_report'
      and ((k.met_on between $2 and b.last_day)
           or (k.met_on is null and k.ended_on is null and k.due_on between $2 and b.last_day
               and k.due_on < current_date))
)
"""  # noqa: S608

# Answers to the survey questions the Board follows: every submission in the quarter that has one, newest first,
# read through `surveys.read_answers` (the one reader of the stored shape) before anything is counted.
_ANSWERED = f"""
select coalesce(s.child_id, -s.id) as person, s.child_id, s.instrument, s.instrument_version, s.answers
from submissions s
where s.council_id = $1
  and s.created_at >= ($2::date)::timestamp at time zone 'Europe/London'
  and s.created_at < ($2::date + interval '3 months')::timestamp at time zone 'Europe/London'
  and s.instrument is not null and s.answers ?| $3::text[] and not {FROM_ADULTS}
order by s.created_at desc, s.id desc
"""  # noqa: S608

_GROUPING = "grouping(c.age_band, c.legal, c.placement, c.area, c.uasc, c.disability, c.over21)"

_REFRESH_FACTS = f"""
{_CTE}, {_BASE.strip()}
insert into dash_facts (council_id, quarter, measure, category, attr, value, n, people, minutes)
select $1, $2, b.measure, coalesce(b.category, '*'),
       case {_GROUPING} when 127 then '*' when 63 then 'age' when 95 then 'legal' when 111 then 'placement'
            when 119 then 'area' when 123 then 'uasc' when 125 then 'disability' else 'over21' end,
       case {_GROUPING} when 127 then '*' when 63 then coalesce(c.age_band, 'unknown')
            when 95 then coalesce(c.legal, 'unknown') when 111 then coalesce(c.placement, 'unknown')
            when 119 then coalesce(c.area, 'unknown') when 123 then coalesce(c.uasc, 'unknown')
            when 125 then coalesce(c.disability, 'unknown') else coalesce(c.over21, 'unknown') end,
       count(*), count(distinct b.person), coalesce(sum(b.minutes), 0)
from base b left join cell c on c.child_id = b.child_id
group by b.measure, grouping sets ((b.category), ()),
         grouping sets ((), (c.age_band), (c.legal), (c.placement), (c.area), (c.uasc), (c.disability), (c.over21))
"""  # noqa: S608

_REFRESH_TEAMS = f"""
{_CTE}
insert into dash_team_facts (council_id, quarter, measure, category, team, n, people, minutes)
select $1, $2, x.measure, coalesce(x.category, '*'), coalesce(x.team, '*'),
       count(*), count(distinct x.person), coalesce(sum(x.minutes), 0)
from (
    select m.measure, m.category, coalesce(tm.team, 'unknown') as team, a.person, m.minutes
    from answered a
    left join lateral (
        select coalesce(nullif(st.team, ''), 'No team recorded') as team
        from allocations al join staff st on st.id = al.staff_id
        where al.child_id = a.child_id and al.relation = 'worker'
          and al.starts_on <= (a.created_at at time zone 'Europe/London')::date
          and (al.ends_on is null or al.ends_on >= (a.created_at at time zone 'Europe/London')::date)
        order by al.starts_on desc, al.id limit 1
    ) tm on true
    cross join lateral (values
        ('response', {_BAND}, coalesce(round(a.m), 0)::bigint),
        ('replied', case when exists (select 1 from replies r where r.submission_id = a.id)
                         then 'replied' else 'unanswered' end, 0::bigint)
    ) m(measure, category, minutes)
) x
group by x.measure, grouping sets ((x.category), ()), grouping sets ((x.team), ())
"""  # noqa: S608

_READ_FACTS = """
select measure, category, case when attr = '*' then '*' else attr || ':' || value end as grp, n, people
from dash_facts where council_id = $1 and quarter = $2
"""
_MARK_FACTS = """
update dash_facts f set hidden = true
from unnest($3::text[], $4::text[], $5::text[]) h(measure, category, grp)
where f.council_id = $1 and f.quarter = $2 and f.measure = h.measure and f.category = h.category
  and (case when f.attr = '*' then '*' else f.attr || ':' || f.value end) = h.grp
"""
_READ_TEAMS = """
select measure, category, case when team = '*' then '*' else 'team:' || team end as grp, n, people
from dash_team_facts where council_id = $1 and quarter = $2
"""
_MARK_TEAMS = """
update dash_team_facts f set hidden = true
from unnest($3::text[], $4::text[], $5::text[]) h(measure, category, grp)
where f.council_id = $1 and f.quarter = $2 and f.measure = h.measure and f.category = h.category
  and (case when f.team = '*' then '*' else 'team:' || f.team end) = h.grp
"""
_CLEAR_FACTS = "delete from dash_facts where council_id = $1 and quarter = $2"
_CLEAR_TEAMS = "delete from dash_team_facts where council_id = $1 and quarter = $2"
_RECORD = """
insert into dash_refreshes (council_id, quarter, refreshed_at, seconds) values ($1, $2, now(), $3)
on conflict (council_id, quarter) do update set refreshed_at = now(), seconds = excluded.seconds
"""

# Quarters that need recomputing: the current and previous quarter of every council with children
# (replies, reads and acknowledgements land late), and any quarter whose analyses changed since.
_DUE = """
with now_q as (select date_trunc('quarter', now() at time zone 'Europe/London')::date as q)
select c.id as council_id, q.quarter
from councils c cross join now_q
cross join lateral (values (now_q.q), ((now_q.q - interval '3 months')::date)) q(quarter)
where exists (select 1 from submissions s where s.council_id = c.id)
union
select s.council_id, date_trunc('quarter', s.created_at at time zone 'Europe/London')::date
from analyses an join submissions s on s.id = an.submission_id
where an.analysed_at > $1
"""

_EVERY_QUARTER = """
select distinct council_id, date_trunc('quarter', created_at at time zone 'Europe/London')::date as quarter
from submissions
"""

_LAST_RUN = "select coalesce(max(refreshed_at), '-infinity'::timestamptz) from dash_refreshes"


_LOCK = "select pg_advisory_xact_lock(hashtextextended('dashboards:' || $1::bigint || ':' || $2::date, 0))"
_COUNCILS = "select distinct council_id from dash_refreshes order by council_id"


class CubeCell(msgspec.Struct, frozen=True):
    """One stored rollup cell before suppression: its measure, category and group, and its counts."""

    measure: str
    category: str
    group: str
    n: int
    people: int


class Answered(msgspec.Struct, frozen=True):
    """A submission in the quarter that answers a Board question, in its stored shape (read by surveys)."""

    person: int
    child_id: int | None
    instrument: str
    instrument_version: int | None
    answers: dict[str, object]


class Due(msgspec.Struct, frozen=True, order=True):
    council_id: int
    quarter: date


async def lock_quarter(conn: asyncpg.Connection, council_id: int, quarter: date) -> None:
    """Wait for any other refresher of this (council, quarter); held until the caller's transaction ends."""
    await conn.execute(_LOCK, council_id, quarter)


async def clear_quarter(conn: asyncpg.Connection, council_id: int, quarter: date) -> None:
    await conn.execute(_CLEAR_FACTS, council_id, quarter)
    await conn.execute(_CLEAR_TEAMS, council_id, quarter)


async def answered(conn: asyncpg.Connection, council_id: int, quarter: date, questions: list[str]) -> list[Answered]:
    """Every child's submission of the quarter with an answer to one of `questions`, newest first."""
    rows = await conn.fetch(_ANSWERED, council_id, quarter, questions)
    return [Answered(r["person"], r["child_id"], r["instrument"], r["instrument_version"], r["answers"]) for r in rows]


async def insert_cells(
    conn: asyncpg.Connection, council_id: int, quarter: date, extra: list[tuple[str, str, int, int | None]]
) -> None:
    """Count the quarter into both rollups; `extra` adds (measure, category, person, child) lines (the answers)."""
    columns = [[row[i] for row in extra] for i in range(4)]
    await conn.execute(_REFRESH_FACTS, council_id, quarter, *columns)
    await conn.execute(_REFRESH_TEAMS, council_id, quarter)


async def cells(conn: asyncpg.Connection, council_id: int, quarter: date, *, teams: bool = False) -> list[CubeCell]:
    rows = await conn.fetch(_READ_TEAMS if teams else _READ_FACTS, council_id, quarter)
    return [CubeCell(*r.values()) for r in rows]


async def mark_hidden(
    conn: asyncpg.Connection, council_id: int, quarter: date, hide: list[tuple[str, str, str]], *, teams: bool = False
) -> None:
    """Mark the (measure, category, group) cells hidden."""
    if hide:
        measures, categories, groups = (list(column) for column in zip(*hide, strict=True))
        await conn.execute(_MARK_TEAMS if teams else _MARK_FACTS, council_id, quarter, measures, categories, groups)


async def record_refresh(conn: asyncpg.Connection, council_id: int, quarter: date, seconds: float) -> None:
    await conn.execute(_RECORD, council_id, quarter, seconds)


async def due_quarters(conn: asyncpg.Connection, *, everything: bool = False) -> list[Due]:
    """The (council, quarter) pairs to recompute now; `everything` for the nightly full rebuild."""
    if everything:
        rows = await conn.fetch(_EVERY_QUARTER)
    else:
        rows = await conn.fetch(_DUE, await conn.fetchval(_LAST_RUN))
    return sorted({Due(r["council_id"], r["quarter"]) for r in rows})


async def councils_with_rollups(conn: asyncpg.Connection) -> list[int]:
    return [r["council_id"] for r in await conn.fetch(_COUNCILS)]

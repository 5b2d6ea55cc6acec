"""The rollup refresh: one council's quarter recomputed from submissions, analyses, replies, alerts and clocks."""

from __future__ import annotations

import itertools
import time
from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import date

import asyncpg

import surveys
from dashboards.schemas import FACES, YES_NO, cohort_values
from dashboards.suppression import ALL, Count, Key, Line, lines_of, protect

# Parents' and carers' feedback is never a child's: `subs` (everything children's figures count) leaves it out,
# and `adults` counts it on its own. Instrument ids match surveys.ID_PATTERN, so they are safe as SQL literals.
_ADULTS = "array[" + ", ".join(f"'{i}'" for i in surveys.adult_instruments()) + "]::text[]"
_FROM_ADULTS = f"(s.kind = 'feedback' or coalesce(s.instrument, '') = any({_ADULTS}))"

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
    where s.council_id = $1 and s.created_at >= b.t0 and s.created_at < b.t1 and not {_FROM_ADULTS}
),
adults as (
    select s.id, s.kind, coalesce(s.instrument, 'feedback') as instrument
    from submissions s cross join bounds b
    where s.council_id = $1 and s.created_at >= b.t0 and s.created_at < b.t1 and {_FROM_ADULTS}
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
WELLBEING_QUESTIONS = ("feel_safe_home", "trusted_adult", "happiness", "life_satisfaction")
_ANSWERED = f"""
select coalesce(s.child_id, -s.id) as person, s.child_id, s.instrument, s.instrument_version, s.answers
from submissions s
where s.council_id = $1
  and s.created_at >= ($2::date)::timestamp at time zone 'Europe/London'
  and s.created_at < ($2::date + interval '3 months')::timestamp at time zone 'Europe/London'
  and s.instrument is not null and s.answers ?| $3::text[] and not {_FROM_ADULTS}
order by s.created_at desc, s.id desc
"""  # noqa: S608

_GROUPING = "grouping(c.age_band, c.legal, c.placement, c.area, c.uasc, c.disability, c.over21)"

REFRESH_FACTS = f"""
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

REFRESH_TEAMS = f"""
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
DUE = """
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

EVERY_QUARTER = """
select distinct council_id, date_trunc('quarter', created_at at time zone 'Europe/London')::date as quarter
from submissions
"""

LAST_RUN = "select coalesce(max(refreshed_at), '-infinity'::timestamptz) from dash_refreshes"


async def refresh_quarter(conn: asyncpg.Connection, council_id: int, quarter: date) -> float:
    """Recompute one council's quarter in the caller's transaction; returns the seconds it took."""
    started = time.perf_counter()
    await conn.execute(_CLEAR_FACTS, council_id, quarter)
    await conn.execute(_CLEAR_TEAMS, council_id, quarter)
    answered = await wellbeing_answers(conn, council_id, quarter)
    await conn.execute(REFRESH_FACTS, council_id, quarter, *_columns(answered))
    await conn.execute(REFRESH_TEAMS, council_id, quarter)
    await _suppress(conn, council_id, quarter, _READ_FACTS, _MARK_FACTS, cohort_values())
    await _suppress(conn, council_id, quarter, _READ_TEAMS, _MARK_TEAMS, None)
    seconds = time.perf_counter() - started
    await conn.execute(_RECORD, council_id, quarter, seconds)
    return seconds


def answer_category(question: str, answer: surveys.Answer) -> str | None:
    """The Board's category for one answer: the option chosen, or the ONS band of a 0-10 score."""
    if question == "life_satisfaction":
        n = answer.number
        if n is None or not 0 <= n <= 10:
            return None
        return "0-4" if n <= 4 else "5-6" if n <= 6 else "7-8" if n <= 8 else "9-10"
    known = FACES if question == "happiness" else YES_NO
    return answer.choices[0] if len(answer.choices) == 1 and answer.choices[0] in known else None


async def wellbeing_answers(
    conn: asyncpg.Connection, council_id: int, quarter: date
) -> list[tuple[str, str, int, int | None]]:
    """(question, category, person, child) for each person's latest answer to each Board question this quarter."""
    seen: set[tuple[str, int]] = set()
    found: list[tuple[str, str, int, int | None]] = []
    for r in await conn.fetch(_ANSWERED, council_id, quarter, list(WELLBEING_QUESTIONS)):
        instrument = surveys.instrument_version(r["instrument"], r["instrument_version"])
        if instrument is None:
            continue
        answers = surveys.read_answers(instrument, r["answers"])
        for question in WELLBEING_QUESTIONS:
            answer = answers.get(question)
            if answer is None or (question, r["person"]) in seen:
                continue
            seen.add((question, r["person"]))
            if (category := answer_category(question, answer)) is not None:
                found.append((question, category, r["person"], r["child_id"]))
    return found


def _columns(rows: list[tuple[str, str, int, int | None]]) -> list[list[object]]:
    return [[row[i] for row in rows] for i in range(4)]


# Measures that count the same things per group, published side by side: their totals are equal, so they are
# protected as one set, or a total shown in one would give away a cell hidden in the other ("statements" by month
# and "response" by band both count each statement of the quarter once).
LINKED = (("statements", "response"),)
_SEP = "\x1f"


async def _suppress(
    conn: asyncpg.Connection,
    council_id: int,
    quarter: date,
    read: str,
    mark: str,
    attributes: Mapping[str, Iterable[str]] | None,
) -> None:
    """Protect each measure's whole cube (and linked measures together) once, here, so every page, CSV and PDF
    shows the same hidden cells."""
    cells: dict[str, dict[Key, Count]] = defaultdict(dict)
    for r in await conn.fetch(read, council_id, quarter):
        cells[r["measure"]][(r["grp"], r["category"])] = Count(r["n"], r["people"])
    hide: list[tuple[str, str, str]] = []
    for measures in _sets(cells):
        joined: dict[Key, Count] = {}
        lines: list[Line] = []
        for measure in measures:
            cube = cells[measure]
            groups = attributes
            if groups is None:
                groups = {"team": sorted({g.removeprefix("team:") for g, _ in cube if g != "*"})}
            joined.update({(g, measure + _SEP + c): count for (g, c), count in cube.items()})
            lines += [
                Line(_tag(line.total, measure), tuple(_tag(k, measure) for k in line.members))
                for line in lines_of(cube, groups)
            ]
        for first, other in itertools.pairwise(measures):
            for group in sorted({g for g, _ in joined}):
                a, b = (group, first + _SEP + ALL), (group, other + _SEP + ALL)
                if a in joined or b in joined:
                    lines.append(Line(a, (b,)))
        for group, tagged in protect(joined, lines):
            measure, _, category = tagged.partition(_SEP)
            hide.append((measure, category, group))
    if hide:
        measures_, categories, groups_ = (list(column) for column in zip(*hide, strict=True))
        await conn.execute(mark, council_id, quarter, measures_, categories, groups_)


def _tag(key: Key, measure: str) -> Key:
    return (key[0], measure + _SEP + key[1])


def _sets(cells: Mapping[str, object]) -> list[tuple[str, ...]]:
    """The measures to protect together: each linked set present, then every other measure alone."""
    linked = [tuple(m for m in group if m in cells) for group in LINKED]
    linked = [group for group in linked if group]
    taken = {m for group in linked for m in group}
    return linked + [(m,) for m in sorted(cells) if m not in taken]


async def due_quarters(conn: asyncpg.Connection, *, everything: bool = False) -> list[tuple[int, date]]:
    """The (council, quarter) pairs to recompute now; `everything` for the nightly full rebuild."""
    if everything:
        rows = await conn.fetch(EVERY_QUARTER)
    else:
        rows = await conn.fetch(DUE, await conn.fetchval(LAST_RUN))
    return sorted({(r["council_id"], r["quarter"]) for r in rows})

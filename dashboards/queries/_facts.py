"""Reads of the rollups, topics, quotable texts and Board settings; writes for topics, quotes and national figures."""

from __future__ import annotations

from datetime import date

import asyncpg
import msgspec

from dashboards.queries._sql import CHILDS

__all__ = [
    "BoardSetting",
    "Candidate",
    "Fact",
    "StoredTopic",
    "approved_quotes",
    "board_settings",
    "council_name",
    "decide_quote",
    "facts",
    "latest_quarter",
    "quote_candidates",
    "redacted_texts",
    "set_national",
    "store_topics",
    "team_facts",
    "topics",
]


class Fact(msgspec.Struct, frozen=True):
    """One rollup cell: a quarter, a measure's category, a cohort group, and its counts."""

    quarter: date
    measure: str
    category: str
    group: str
    n: int
    people: int
    minutes: int
    hidden: bool = False


_FACTS = """
select quarter, measure, category, case when attr = '*' then '*' else attr || ':' || value end as grp,
       n, people, minutes, hidden
from dash_facts
where council_id = $1 and measure = any($2::text[]) and quarter = any($3::date[]) and attr = any($4::text[])
"""


async def facts(
    conn: asyncpg.Connection, council_id: int, measures: list[str], quarters: list[date], attrs: list[str]
) -> list[Fact]:
    """The named measures' cells in those quarters, for everyone ('*') and the groups of `attrs`."""
    rows = await conn.fetch(_FACTS, council_id, measures, quarters, attrs)
    return [Fact(*r.values()) for r in rows]


_TEAM_FACTS = """
select quarter, measure, category, case when team = '*' then '*' else 'team:' || team end as grp,
       n, people, minutes, hidden
from dash_team_facts
where council_id = $1 and quarter = any($2::date[])
"""


async def team_facts(conn: asyncpg.Connection, council_id: int, quarters: list[date]) -> list[Fact]:
    rows = await conn.fetch(_TEAM_FACTS, council_id, quarters)
    return [Fact(*r.values()) for r in rows]


_LATEST = "select max(quarter) from dash_refreshes where council_id = $1"


async def latest_quarter(conn: asyncpg.Connection, council_id: int) -> date | None:
    found: date | None = await conn.fetchval(_LATEST, council_id)
    return found


_COUNCIL = "select name from councils where id = $1"


async def council_name(conn: asyncpg.Connection, council_id: int) -> str:
    return str(await conn.fetchval(_COUNCIL, council_id) or "")


class StoredTopic(msgspec.Struct, frozen=True):
    label: str
    terms: list[str]
    n: int
    previous: int | None


_TOPICS = "select label, terms, n, previous from dash_topics where council_id = $1 and quarter = $2 order by position"


async def topics(conn: asyncpg.Connection, council_id: int, quarter: date) -> list[StoredTopic]:
    rows = await conn.fetch(_TOPICS, council_id, quarter)
    return [StoredTopic(r["label"], list(r["terms"]), r["n"], r["previous"]) for r in rows]


_CLEAR_TOPICS = "delete from dash_topics where council_id = $1 and quarter = $2"
_ADD_TOPIC = """
insert into dash_topics (council_id, quarter, position, label, terms, n, previous) values ($1, $2, $3, $4, $5, $6, $7)
"""


async def store_topics(conn: asyncpg.Connection, council_id: int, quarter: date, found: list[StoredTopic]) -> None:
    await conn.execute(_CLEAR_TOPICS, council_id, quarter)
    await conn.executemany(
        _ADD_TOPIC, [(council_id, quarter, i, t.label, t.terms, t.n, t.previous) for i, t in enumerate(found, 1)]
    )


# Redacted texts only, never a safeguarding worry, never a parent's or carer's words, for finding topics.
_TEXTS = f"""
select an.redacted from submissions s join analyses an on an.submission_id = s.id
where s.council_id = $1 and {CHILDS}
  and s.created_at >= ($2::date)::timestamp at time zone 'Europe/London'
  and s.created_at < ($2::date + interval '3 months')::timestamp at time zone 'Europe/London'
  and an.redacted <> '' and an.safeguarding_level = 'none'
order by s.id
limit $3
"""  # noqa: S608


async def redacted_texts(conn: asyncpg.Connection, council_id: int, quarter: date, limit: int) -> list[str]:
    return [r["redacted"] for r in await conn.fetch(_TEXTS, council_id, quarter, limit)]


# ---- quotes -------------------------------------------------------------------------------------

# A child's words may be quoted only when the child agrees to share (still), they sent them to the council, and
# they are no part of a safeguarding worry or a complaint; a parent's or carer's words are never a child's quote.
_QUOTABLE = f"""
  'council' = any(s.audience) and s.kind in ('statement', 'survey') and {CHILDS}
  and not exists (select 1 from alerts al where al.submission_id = s.id)
  and not exists (select 1 from complaints c where c.submission_id = s.id)
"""  # noqa: S608

# Quoted only when approved (as the approver left the redacted text), and still quotable.
_APPROVED = f"""
select t.theme, q.text
from quote_approvals q
join submissions s on s.id = q.submission_id
join children ch on ch.id = s.child_id and ch.share_quotes
join analyses an on an.submission_id = s.id and an.safeguarding_level = 'none'
cross join unnest(an.themes) t(theme)
where q.council_id = $1 and q.decision = 'approved'
  and s.created_at >= ($2::date)::timestamp at time zone 'Europe/London'
  and s.created_at < ($2::date + interval '3 months')::timestamp at time zone 'Europe/London'
  and {_QUOTABLE}
order by t.theme, q.decided_at desc
"""  # noqa: S608


async def approved_quotes(conn: asyncpg.Connection, council_id: int, quarter: date) -> list[tuple[str, str]]:
    return [(r["theme"], r["text"]) for r in await conn.fetch(_APPROVED, council_id, quarter)]


class Candidate(msgspec.Struct, frozen=True):
    """A redacted text a participation officer may approve for quoting; nothing that says whose it is."""

    submission_id: int
    themes: list[str]
    text: str


_CANDIDATES = f"""
select s.id, an.themes, an.redacted
from submissions s
join children ch on ch.id = s.child_id and ch.share_quotes
join analyses an on an.submission_id = s.id and an.safeguarding_level = 'none' and an.redacted <> ''
where s.council_id = $1
  and s.created_at >= ($2::date)::timestamp at time zone 'Europe/London'
  and s.created_at < ($2::date + interval '3 months')::timestamp at time zone 'Europe/London'
  and not exists (select 1 from quote_approvals q where q.submission_id = s.id)
  and {_QUOTABLE}
order by s.created_at desc
limit $3
"""  # noqa: S608


async def quote_candidates(conn: asyncpg.Connection, council_id: int, quarter: date, limit: int) -> list[Candidate]:
    rows = await conn.fetch(_CANDIDATES, council_id, quarter, limit)
    return [Candidate(r["id"], list(r["themes"]), r["redacted"]) for r in rows]


_CANDIDATE = f"""
select an.redacted from submissions s
join children ch on ch.id = s.child_id and ch.share_quotes
join analyses an on an.submission_id = s.id and an.safeguarding_level = 'none' and an.redacted <> ''
where s.id = $1 and s.council_id = $2 and {_QUOTABLE}
"""  # noqa: S608
_DECIDE = """
insert into quote_approvals (submission_id, council_id, decision, text, decided_by) values ($1, $2, $3, $4, $5)
on conflict (submission_id) do update set decision = excluded.decision, text = excluded.text,
    decided_by = excluded.decided_by, decided_at = now()
"""


async def decide_quote(
    conn: asyncpg.Connection, council_id: int, submission_id: int, decision: str, staff_id: int, text: str | None
) -> bool:
    """Record the decision on a quotable redacted text, as the approver edited it (`text`, or Heard's redaction
    when None); False when there is no such candidate."""
    redacted = await conn.fetchval(_CANDIDATE, submission_id, council_id)
    if redacted is None:
        return False
    await conn.execute(_DECIDE, submission_id, council_id, decision, text or redacted, staff_id)
    return True


# ---- comparison figures -------------------------------------------------------------------------


class BoardSetting(msgspec.Struct, frozen=True):
    """What the council set for one Board measure (edited on the council settings page)."""

    goal: str = ""
    target: float | None = None
    amber_within: float = 5.0
    national: float | None = None
    source: str = ""
    year: str = ""


_BOARD_SETTINGS = """
select measure, goal, target_percent::float8, amber_within::float8, national_percent::float8, national_source,
       national_year
from board_measures where council_id = $1
"""


async def board_settings(conn: asyncpg.Connection, council_id: int) -> dict[str, BoardSetting]:
    return {r["measure"]: BoardSetting(*list(r.values())[1:]) for r in await conn.fetch(_BOARD_SETTINGS, council_id)}


_SET_NATIONAL = """
insert into board_measures (council_id, measure, national_percent, national_source) values ($1, $2, $3, $4)
on conflict (council_id, measure) do update set national_percent = excluded.national_percent,
    national_source = excluded.national_source, updated_at = now()
"""


async def set_national(
    conn: asyncpg.Connection, council_id: int, measure: str, value: float | None, source: str
) -> None:
    await conn.execute(_SET_NATIONAL, council_id, measure, value, source)

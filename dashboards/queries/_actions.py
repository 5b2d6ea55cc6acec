""" "You said, we did" SQL: the council's actions, their steps and children's texts, who is told, and what is
published."""

from __future__ import annotations

from datetime import date, datetime

import asyncpg

from dashboards.queries._sql import ADULTS
from dashboards.schemas import LANGUAGES, THEMES, Action, ChildText, PublishedUpdate

_COLUMNS = """a.id, a.theme, a.said, a.proposal, a.decision, a.changed, a.owner, a.status, a.said_on, a.proposed_on,
       a.decided_on, a.done_on, a.published_at,
       (select count(*) from action_recipients r where r.action_id = a.id)::int as told,
       coalesce((select json_agg(json_build_object('lang', t.lang, 'you_said', t.you_said, 'we_did', t.we_did)
                                 order by t.lang)
                 from action_texts t where t.action_id = a.id), '[]') as texts"""
# Composed from constants only; every value is a $n parameter.
_LIST = f"select {_COLUMNS} from actions a where a.council_id = $1 order by a.theme, a.said_on desc, a.id desc"  # noqa: S608
_ONE = f"select {_COLUMNS} from actions a where a.council_id = $1 and a.id = $2"  # noqa: S608
_CREATE = """
insert into actions (council_id, theme, said, proposal, said_on, proposed_on, status)
values ($1, $2, $3, $4, $5, $6, $7) returning id
"""
_DECIDE = """
update actions set decision = $3, owner = $4, decided_on = $5, status = $6
where council_id = $1 and id = $2
"""
_DONE = "update actions set changed = $3, done_on = $4, status = 'done' where council_id = $1 and id = $2"
_TEXT = """
insert into action_texts (action_id, lang, you_said, we_did) values ($1, $2, $3, $4)
on conflict (action_id, lang) do update set you_said = excluded.you_said, we_did = excluded.we_did, updated_at = now()
"""
_PUBLISH = "update actions set published_at = $3 where council_id = $1 and id = $2"
# The children whose words were counted in the update's theme: their statements and answers (never a parent's or
# carer's) from the quarter it was said in and the quarter before, themed as the analysis or a correction says.
_TELL = f"""
insert into action_recipients (action_id, child_id)
select distinct a.id, s.child_id
from actions a
join submissions s on s.council_id = a.council_id and s.child_id is not null
join analyses an on an.submission_id = s.id
left join lateral (
    select c.themes from analysis_corrections c where c.submission_id = s.id order by c.id desc limit 1
) cor on true
where a.council_id = $1 and a.id = $2 and a.theme = any(coalesce(cor.themes, an.themes))
  and s.kind <> 'feedback' and coalesce(s.instrument, '') <> all({ADULTS})
  and s.created_at >= (date_trunc('quarter', a.said_on) - interval '3 months') at time zone 'Europe/London'
  and s.created_at < (date_trunc('quarter', a.said_on) + interval '3 months') at time zone 'Europe/London'
on conflict do nothing
"""  # noqa: S608
_MINE = """
select a.id, a.theme, a.done_on, a.published_at, coalesce(mine.lang, en.lang) as lang,
       coalesce(mine.you_said, en.you_said) as you_said, coalesce(mine.we_did, en.we_did) as we_did
from action_recipients r
join actions a on a.id = r.action_id
join action_texts en on en.action_id = a.id and en.lang = 'en'
left join action_texts mine on mine.action_id = a.id and mine.lang = $3
where a.council_id = $1 and r.child_id = $2 and a.published_at is not null
order by a.published_at desc, a.id desc
limit $4
"""
# Each published update in the reader's language where written, else in English.
_PUBLISHED = """
select a.id, a.theme, a.done_on, a.published_at, coalesce(mine.lang, en.lang) as lang,
       coalesce(mine.you_said, en.you_said) as you_said, coalesce(mine.we_did, en.we_did) as we_did
from actions a
join action_texts en on en.action_id = a.id and en.lang = 'en'
left join action_texts mine on mine.action_id = a.id and mine.lang = $2
where a.council_id = $1 and a.published_at is not null
order by a.published_at desc, a.id desc
limit $3
"""
_PUBLIC_COUNCILS = """
select c.slug, c.name from councils c
where exists (select 1 from actions a where a.council_id = c.id and a.published_at is not null)
order by c.name
"""
_COUNCIL_BY_SLUG = "select id, name from councils where slug = $1"


def _action(row: asyncpg.Record) -> Action:
    texts = [ChildText(lang=t["lang"], you_said=t["you_said"], we_did=t["we_did"]) for t in row["texts"]]
    fields = {k: row[k] for k in row.keys() if k != "texts"}  # noqa: SIM118 - asyncpg.Record is not a dict
    return Action(**fields, texts=texts)


async def actions(conn: asyncpg.Connection, council_id: int) -> list[Action]:
    return [_action(r) for r in await conn.fetch(_LIST, council_id)]


async def action(conn: asyncpg.Connection, council_id: int, action_id: int) -> Action | None:
    row = await conn.fetchrow(_ONE, council_id, action_id)
    return None if row is None else _action(row)


async def create_action(
    conn: asyncpg.Connection,
    council_id: int,
    *,
    theme: str,
    said: str,
    proposal: str | None,
    said_on: date,
    proposed_on: date | None,
    status: str,
) -> int:
    action_id: int = await conn.fetchval(_CREATE, council_id, theme, said, proposal, said_on, proposed_on, status)
    return action_id


async def decide_action(
    conn: asyncpg.Connection,
    council_id: int,
    action_id: int,
    *,
    decision: str,
    owner: str,
    decided_on: date,
    status: str,
) -> None:
    await conn.execute(_DECIDE, council_id, action_id, decision, owner, decided_on, status)


async def action_done(conn: asyncpg.Connection, council_id: int, action_id: int, changed: str, done_on: date) -> None:
    await conn.execute(_DONE, council_id, action_id, changed, done_on)


async def set_action_text(conn: asyncpg.Connection, action_id: int, lang: str, you_said: str, we_did: str) -> None:
    await conn.execute(_TEXT, action_id, lang, you_said, we_did)


async def set_published(
    conn: asyncpg.Connection, council_id: int, action_id: int, published_at: datetime | None
) -> None:
    """Publish (or, with None, take down) an update; publishing tells the children whose words were counted."""
    await conn.execute(_PUBLISH, council_id, action_id, published_at)
    if published_at is not None:
        await conn.execute(_TELL, council_id, action_id)


async def published_updates(conn: asyncpg.Connection, council_id: int, lang: str, limit: int) -> list[PublishedUpdate]:
    return _updates(await conn.fetch(_PUBLISHED, council_id, lang, limit))


async def updates_for_child(
    conn: asyncpg.Connection, council_id: int, child_id: int, lang: str, limit: int
) -> list[PublishedUpdate]:
    return _updates(await conn.fetch(_MINE, council_id, child_id, lang, limit))


def _updates(rows: list[asyncpg.Record]) -> list[PublishedUpdate]:
    return [
        PublishedUpdate(
            id=r["id"],
            theme=r["theme"],
            theme_label=THEMES.get(r["theme"], r["theme"]),
            you_said=r["you_said"],
            we_did=r["we_did"],
            lang=r["lang"],
            dir="rtl" if LANGUAGES.get(r["lang"], ("", "ltr"))[1] == "rtl" else "ltr",
            done_on=r["done_on"],
            published_at=r["published_at"],
        )
        for r in rows
    ]


async def public_councils(conn: asyncpg.Connection) -> list[tuple[str, str]]:
    return [(r["slug"], r["name"]) for r in await conn.fetch(_PUBLIC_COUNCILS)]


async def council_by_slug(conn: asyncpg.Connection, slug: str) -> tuple[int, str] | None:
    row = await conn.fetchrow(_COUNCIL_BY_SLUG, slug)
    return None if row is None else (row["id"], row["name"])

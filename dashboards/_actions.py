""" "You said, we did": a theme becomes a proposal, a decision, a change; published in children's own languages."""

from __future__ import annotations

from datetime import UTC, date, datetime
from statistics import median

import asyncpg

import surveys
from dashboards.schemas import (
    LANGUAGES,
    THEMES,
    Action,
    ActionIn,
    ChildText,
    ChildTextIn,
    DecisionIn,
    DoneIn,
    PublishedUpdate,
    ThemeProgress,
)
from heard import audit, errors
from heard.accounts.schemas import Principal

# Instrument ids match surveys.ID_PATTERN, so they are safe as SQL literals.
_ADULTS = "array[" + ", ".join(f"'{i}'" for i in surveys.adult_instruments()) + "]::text[]"
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
  and s.kind <> 'feedback' and coalesce(s.instrument, '') <> all({_ADULTS})
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


async def action(conn: asyncpg.Connection, council_id: int, action_id: int) -> Action:
    row = await conn.fetchrow(_ONE, council_id, action_id)
    if row is None:
        raise errors.NotFound('There is no such "you said, we did" item.')
    return _action(row)


async def create(conn: asyncpg.Connection, user: Principal, data: ActionIn) -> Action:
    status = "proposed" if data.proposal else "said"
    async with conn.transaction():
        action_id = await conn.fetchval(
            _CREATE,
            user.council_id,
            data.theme,
            data.said,
            data.proposal,
            data.said_on,
            data.said_on if data.proposal else None,
            status,
        )
        await audit.record(conn, user, "dashboards.action_created", "action", action_id, theme=data.theme)
    return await action(conn, user.council_id, action_id)


async def decide(conn: asyncpg.Connection, user: Principal, action_id: int, data: DecisionIn) -> Action:
    current = await action(conn, user.council_id, action_id)
    if data.decided_on < current.said_on:
        raise errors.Invalid("The decision date cannot be before the children said it.", field="decided_on")
    status = "decided" if data.taken_forward else "not_taken_forward"
    async with conn.transaction():
        await conn.execute(_DECIDE, user.council_id, action_id, data.decision, data.owner, data.decided_on, status)
        await audit.record(conn, user, "dashboards.action_decided", "action", action_id, status=status)
    return await action(conn, user.council_id, action_id)


async def record_done(conn: asyncpg.Connection, user: Principal, action_id: int, data: DoneIn) -> Action:
    current = await action(conn, user.council_id, action_id)
    if current.status not in ("decided", "done"):
        raise errors.Conflict("Record a decision to take this forward before recording what changed.")
    if data.done_on < current.said_on:
        raise errors.Invalid("The date it was done cannot be before the children said it.", field="done_on")
    async with conn.transaction():
        await conn.execute(_DONE, user.council_id, action_id, data.changed, data.done_on)
        await audit.record(conn, user, "dashboards.action_done", "action", action_id)
    return await action(conn, user.council_id, action_id)


async def set_text(conn: asyncpg.Connection, user: Principal, action_id: int, data: ChildTextIn) -> Action:
    await action(conn, user.council_id, action_id)
    async with conn.transaction():
        await conn.execute(_TEXT, action_id, data.lang, data.you_said, data.we_did)
        await audit.record(conn, user, "dashboards.action_text", "action", action_id, lang=data.lang)
    return await action(conn, user.council_id, action_id)


async def publish(conn: asyncpg.Connection, user: Principal, action_id: int, *, published: bool = True) -> Action:
    """Show an update to children (their messages and the public page), or take it down."""
    current = await action(conn, user.council_id, action_id)
    if published and current.status != "done":
        raise errors.Conflict("Only something that has been done can be published.")
    if published and not any(t.lang == "en" for t in current.texts):
        raise errors.Conflict("Write what children will read, in English at least, before publishing.")
    async with conn.transaction():
        await conn.execute(_PUBLISH, user.council_id, action_id, _now() if published else None)
        if published:
            await conn.execute(_TELL, user.council_id, action_id)
        await audit.record(conn, user, "dashboards.action_published", "action", action_id, published=published)
    return await action(conn, user.council_id, action_id)


def _now() -> datetime:
    return datetime.now(UTC)


async def published_updates(
    conn: asyncpg.Connection, council_id: int, lang: str = "en", *, limit: int = 50
) -> list[PublishedUpdate]:
    """Published "you said, we did" updates for a council, newest first, in `lang` where written, else English."""
    return _updates(await conn.fetch(_PUBLISHED, council_id, lang, limit))


async def updates_for_child(
    conn: asyncpg.Connection, council_id: int, child_id: int, lang: str = "en", *, limit: int = 50
) -> list[PublishedUpdate]:
    """The published updates that answer what this child said (their words were counted in its theme)."""
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


async def council_by_slug(conn: asyncpg.Connection, slug: str) -> tuple[int, str]:
    row = await conn.fetchrow(_COUNCIL_BY_SLUG, slug)
    if row is None:
        raise errors.NotFound("There is no council with that name in Heard.")
    return row["id"], row["name"]


def progress(found: list[Action], today: date) -> list[ThemeProgress]:
    """For each theme: things said, things done, and the median days from said to done."""
    out = []
    for theme, label in THEMES.items():
        mine = [a for a in found if a.theme == theme]
        if not mine:
            continue
        days = [d for a in mine if (d := a.days_to_done) is not None]
        open_days = [(today - a.said_on).days for a in mine if a.done_on is None and a.status != "not_taken_forward"]
        out.append(
            ThemeProgress(
                theme=theme,
                label=label,
                said=len(mine),
                done=len(days),
                median_days=round(median(days)) if days else None,
                longest_open_days=max(open_days, default=None),
            )
        )
    return out

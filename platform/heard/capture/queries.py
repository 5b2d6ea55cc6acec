"""SQL for capture: the child's profile and openings, drafts, held forms, survey openings, exports, advocacy."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import asyncpg
import msgspec

from heard.capture.schemas import Draft, Fields, Opening


class OpenSurvey(msgspec.Struct, frozen=True, kw_only=True):
    id: int
    instrument: str
    closes_on: date
    done: bool


class ChildProfile(msgspec.Struct, frozen=True, kw_only=True):
    """What decides what a child is offered: age, legal status, who is allocated, drafts and open surveys."""

    id: int
    council_id: int
    age: int
    legal_status: str
    relations: list[str]
    drafts: list[str]
    surveys: list[OpenSurvey]


_PROFILE = """
select c.id, c.council_id, date_part('year', age(current_date, c.birth_month))::int as age, c.legal_status,
       array(select distinct a.relation from allocations a
             where a.child_id = c.id and a.starts_on <= current_date
               and (a.ends_on is null or a.ends_on >= current_date) order by 1) as relations,
       array(select d.instrument from drafts d where d.child_id = c.id order by 1) as drafts,
       coalesce((select json_agg(json_build_object(
                    'id', o.id, 'instrument', o.instrument, 'closes_on', o.closes_on,
                    'done', exists(select 1 from submissions s where s.opening_id = o.id and s.child_id = c.id))
                    order by o.closes_on, o.id)
                 from survey_openings o
                 where o.council_id = c.council_id and o.access = 'sign_in' and o.closed_at is null
                   and current_date between o.opens_on and o.closes_on
                   and c.legal_status = any(o.legal_statuses)
                   and (o.age_min is null or date_part('year', age(current_date, c.birth_month)) >= o.age_min)
                   and (o.age_max is null or date_part('year', age(current_date, c.birth_month)) <= o.age_max)),
                '[]') as surveys
from children c where c.id = $1
"""


async def child_profile(conn: asyncpg.Connection, child_id: int) -> ChildProfile | None:
    row = await conn.fetchrow(_PROFILE, child_id)
    return None if row is None else msgspec.convert(dict(row), ChildProfile)


# ---- drafts and held forms ---------------------------------------------------------------------

_DRAFT = "select instrument, fields, updated_at from drafts where child_id = $1 and instrument = $2"
_SAVE_DRAFT = """
insert into drafts (child_id, instrument, fields) values ($1, $2, $3)
on conflict (child_id, instrument) do update set fields = excluded.fields, updated_at = now()
returning updated_at
"""
_DELETE_DRAFT = "delete from drafts where child_id = $1 and instrument = $2"


async def draft_row(conn: asyncpg.Connection, child_id: int, instrument: str) -> Draft | None:
    row = await conn.fetchrow(_DRAFT, child_id, instrument)
    return None if row is None else msgspec.convert(dict(row), Draft)


async def draft(conn: asyncpg.Connection, child_id: int, instrument: str) -> Fields | None:
    found = await draft_row(conn, child_id, instrument)
    return None if found is None else found.fields


async def save_draft(conn: asyncpg.Connection, child_id: int, instrument: str, fields: Fields) -> datetime:
    saved: datetime = await conn.fetchval(_SAVE_DRAFT, child_id, instrument, fields)
    return saved


async def delete_draft(conn: asyncpg.Connection, child_id: int, instrument: str) -> None:
    await conn.execute(_DELETE_DRAFT, child_id, instrument)


_KEY_USED = """
select exists(
    select 1 from submissions where council_id = $1 and sender = 'child:' || $2::bigint and idempotency_key = $3
)
"""


async def key_used(conn: asyncpg.Connection, council_id: int, child_id: int, key: str) -> bool:
    """Whether this child already sent with this key (another child's use of it is none of theirs)."""
    return bool(await conn.fetchval(_KEY_USED, council_id, child_id, key))


# A held form lives for a day: long enough to sign in again, short enough to keep little.
_FORGET_OLD_HELD = "delete from held_forms where created_at < now() - interval '1 day'"
_HOLD = """
insert into held_forms (token_hash, instrument, fields) values ($1, $2, $3)
on conflict (token_hash) do update set instrument = excluded.instrument, fields = excluded.fields, created_at = now()
"""
_TAKE_HELD = """
delete from held_forms where token_hash = $1 and created_at > now() - interval '1 day'
returning instrument, fields
"""


async def hold(conn: asyncpg.Connection, token_hash: bytes, instrument: str, fields: Fields) -> None:
    await conn.execute(_FORGET_OLD_HELD)
    await conn.execute(_HOLD, token_hash, instrument, fields)


async def take_held(conn: asyncpg.Connection, token_hash: bytes) -> tuple[str, Fields] | None:
    row = await conn.fetchrow(_TAKE_HELD, token_hash)
    return None if row is None else (row["instrument"], msgspec.convert(row["fields"], Fields))


# ---- what a child sent ---------------------------------------------------------------------------


class Sent(msgspec.Struct, frozen=True, kw_only=True):
    id: int
    kind: str
    instrument: str | None
    created_at: datetime
    safeguarding: str
    audience: list[str]
    anonymous: bool


_SENT = """
select s.id, s.kind, s.instrument, s.created_at, s.audience, s.anonymous,
       coalesce((select a.level from alerts a where a.submission_id = s.id), 'none') as safeguarding
from submissions s where s.id = $1 and s.child_id = $2
"""


async def sent(conn: asyncpg.Connection, submission_id: int, child_id: int) -> Sent | None:
    row = await conn.fetchrow(_SENT, submission_id, child_id)
    return None if row is None else Sent(**dict(row))


_SET_OPENING = "update submissions set opening_id = $2 where id = $1"


async def set_opening(conn: asyncpg.Connection, submission_id: int, opening_id: int) -> None:
    await conn.execute(_SET_OPENING, submission_id, opening_id)


_ADVOCACY_FOR_CHILD = "select submission_id, created_at from advocacy_requests where child_id = $1"


async def advocacy_for_child(conn: asyncpg.Connection, child_id: int) -> dict[int, datetime]:
    return {r["submission_id"]: r["created_at"] for r in await conn.fetch(_ADVOCACY_FOR_CHILD, child_id)}


_ADVOCACY = """
insert into advocacy_requests (council_id, submission_id, child_id, contact)
select $1, $2, $3, advocacy_contact from councils where id = $1
on conflict (submission_id) do nothing
returning id
"""


async def request_advocate(conn: asyncpg.Connection, council_id: int, submission_id: int, child_id: int | None) -> int:
    found: int | None = await conn.fetchval(_ADVOCACY, council_id, submission_id, child_id)
    return found or 0


# ---- survey openings -----------------------------------------------------------------------------

_INSERT_OPENING = """
insert into survey_openings (council_id, instrument, access, token, age_min, age_max, legal_statuses,
                             opens_on, closes_on, created_by)
values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
returning id
"""


async def insert_opening(conn: asyncpg.Connection, **values: Any) -> int:
    opening_id: int = await conn.fetchval(
        _INSERT_OPENING,
        values["council_id"],
        values["instrument"],
        values["access"],
        values["token"],
        values["age_min"],
        values["age_max"],
        values["legal_statuses"],
        values["opens_on"],
        values["closes_on"],
        values["created_by"],
    )
    return opening_id


class LinkOpening(msgspec.Struct, frozen=True, kw_only=True):
    id: int
    council_id: int
    instrument: str
    closes_on: date
    is_open: bool


_BY_LINK = """
select id, council_id, instrument, closes_on,
       closed_at is null and current_date between opens_on and closes_on as is_open
from survey_openings where token = $1 and access = 'anonymous_link'
"""


async def opening_by_token(conn: asyncpg.Connection, token: str) -> LinkOpening | None:
    row = await conn.fetchrow(_BY_LINK, token)
    return None if row is None else LinkOpening(**dict(row))


_OPENINGS = """
select o.id, o.instrument, o.access, o.token, o.legal_statuses, o.age_min, o.age_max, o.opens_on, o.closes_on,
       o.closed_at is null and current_date between o.opens_on and o.closes_on as is_open,
       (select count(*) from children c
        where c.council_id = o.council_id and c.archived_at is null and c.legal_status = any(o.legal_statuses)
          and (o.age_min is null or date_part('year', age(o.opens_on, c.birth_month)) >= o.age_min)
          and (o.age_max is null or date_part('year', age(o.opens_on, c.birth_month)) <= o.age_max))::int as eligible,
       (select count(distinct coalesce(s.child_id, -s.id)) from submissions s where s.opening_id = o.id)::int
           as responses
from survey_openings o where o.council_id = $1
order by o.closes_on desc, o.id desc
"""


async def openings(conn: asyncpg.Connection, council_id: int, titles: dict[str, str], base_url: str) -> list[Opening]:
    found = []
    for row in await conn.fetch(_OPENINGS, council_id):
        values = dict(row)
        token = values.pop("token")
        eligible, responses = values["eligible"], values["responses"]
        found.append(
            Opening(
                **values,
                title=titles.get(row["instrument"], row["instrument"]),
                link=f"{base_url}/s/{token}" if token else None,
                rate=round(100 * responses / eligible, 1) if eligible else None,
            )
        )
    return found


_CLOSE = """
update survey_openings set closed_at = now()
where id = $1 and council_id = $2 and closed_at is null
returning id
"""


async def close_opening(conn: asyncpg.Connection, opening_id: int, council_id: int) -> bool:
    return await conn.fetchval(_CLOSE, opening_id, council_id) is not None


_OPENING_EXISTS = "select exists(select 1 from survey_openings where id = $1 and council_id = $2)"


async def opening_exists(conn: asyncpg.Connection, opening_id: int, council_id: int) -> bool:
    return bool(await conn.fetchval(_OPENING_EXISTS, opening_id, council_id))


class Stored(msgspec.Struct, frozen=True, kw_only=True):
    """One stored response, as the export needs it."""

    instrument_version: int
    language: str
    channel: str
    answers: dict[str, Any]


_EXPORT = """
select instrument_version, language, channel, answers from submissions
where council_id = $1 and instrument = $2 and instrument_version is not null
order by created_at, id
"""


async def responses(conn: asyncpg.Connection, council_id: int, instrument: str) -> list[Stored]:
    return [Stored(**dict(r)) for r in await conn.fetch(_EXPORT, council_id, instrument)]


class NudgeContact(msgspec.Struct, frozen=True, kw_only=True):
    """Where a young person asked to be told a new message is waiting; `offered` for care leavers and 16+."""

    offered: bool
    email: str | None
    phone: str | None


# Care leavers and young people of 16 or over: the same rule the nudge job (inbox.queries) sends by.
_NUDGE_CONTACT = """
select (legal_status = 'care_leaver' or birth_month <= current_date - interval '16 years') as offered,
       nudge_email as email, nudge_phone as phone
from children where id = $1
"""


async def nudge_contact(conn: asyncpg.Connection, child_id: int) -> NudgeContact:
    row = await conn.fetchrow(_NUDGE_CONTACT, child_id)
    if row is None:
        raise LookupError(child_id)  # a signed-in child's row always exists
    return msgspec.convert(dict(row), NudgeContact)


async def set_nudge_contact(conn: asyncpg.Connection, child_id: int, email: str | None, phone: str | None) -> None:
    await conn.execute("update children set nudge_email = $2, nudge_phone = $3 where id = $1", child_id, email, phone)

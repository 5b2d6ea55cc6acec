"""SQL for submissions."""

from __future__ import annotations

from typing import Any

import asyncpg
import msgspec

from heard.submissions.schemas import Receipt, Submission

_COLUMNS = (
    *("council_id", "child_id", "kind", "instrument", "instrument_version", "channel", "answers", "free_text"),
    *("audience", "anonymous", "language", "idempotency_key", "request_hash", "opening_id", "sender"),
)

# A submission in one round trip: hold its sender's idempotency key for the transaction (not locked when another request
# holds it now), find what was already stored under the key, and insert the submission and the outbox row for its
# analysis only when the key is held and nothing is stored under it yet. The lock CTE calls a volatile function,
# so it is evaluated once.
_CLAIM_AND_INSERT = """
with claim as (
    select pg_try_advisory_xact_lock(hashtextextended($1::bigint::text || ':' || $15::text || ':' || $12::text, 7))
           as locked
), existing as (
    select s.id, s.kind, s.created_at, s.request_hash,
           coalesce((select level from alerts where submission_id = s.id), 'none') as safeguarding
    from submissions s
    where s.council_id = $1::bigint and s.sender = $15::text and s.idempotency_key = $12
), submission as (
    insert into submissions (council_id, child_id, kind, instrument, instrument_version, channel, answers,
                             free_text, audience, anonymous, language, idempotency_key, request_hash, opening_id)
    select $1::bigint, $2::bigint, $3::text, $4::text, $5::int, $6::text, $7::jsonb, $8::text, $9::text[],
           $10::boolean, $11::text, $12::text, $13::bytea, $14::bigint
    from claim
    where claim.locked and not exists (select 1 from existing)
    returning id, created_at
), analysis as (
    insert into outbox (job, args, job_key)
    select 'analyse_submission', jsonb_build_object('submission_id', id), 'analyse:' || id from submission
    returning id
)
select claim.locked, existing.id, existing.kind, existing.created_at, existing.request_hash, existing.safeguarding,
       submission.id as new_id, submission.created_at as new_created_at, analysis.id as outbox_id
from claim
left join existing on true
left join submission on true
left join analysis on true
"""


class Claimed(msgspec.Struct, frozen=True):
    """What `claim_and_insert` found: whether the key was held, a receipt already stored under it (and that
    request's body hash), or the new submission's id, time and analysis outbox id."""

    locked: bool
    existing: tuple[Receipt, bytes] | None
    new: tuple[int, Any, int] | None


async def claim_and_insert(conn: asyncpg.Connection, **values: Any) -> Claimed:
    """Claim the key and store the submission with its analysis work, in one statement."""
    row = await conn.fetchrow(_CLAIM_AND_INSERT, *(values[name] for name in _COLUMNS))
    assert row is not None
    existing = None
    if row["id"] is not None:
        receipt = Receipt(
            id=row["id"],
            kind=row["kind"],
            created_at=row["created_at"],
            reference=reference(row["id"]),
            safeguarding=row["safeguarding"],
        )
        existing = (receipt, bytes(row["request_hash"]))
    new = (row["new_id"], row["new_created_at"], row["outbox_id"]) if row["new_id"] is not None else None
    return Claimed(locked=bool(row["locked"]), existing=existing, new=new)


_SELECT = """
select s.id, s.child_id, s.kind, s.instrument, s.instrument_version, s.channel, s.free_text as text, s.answers,
       s.audience, s.anonymous, s.language, s.created_at, s.read_at,
       coalesce((select json_agg(json_build_object('id', r.id, 'body', r.body, 'created_at', r.created_at,
                                                   'from_name', st.name) order by r.id)
                 from replies r join staff st on st.id = r.staff_id where r.submission_id = s.id), '[]') as replies
from submissions s
"""

_OWN = _SELECT + "where s.child_id = $1 order by s.created_at desc limit $2"
_ONE_OWN = _SELECT + "where s.id = $1 and s.child_id = $2"

# Staff see a child's submission through a current allocation whose relation the child chose as audience.
_STAFF_VISIBLE = """
exists (
    select 1 from allocations a
    where a.child_id = s.child_id and a.staff_id = $2
      and a.starts_on <= current_date and (a.ends_on is null or a.ends_on >= current_date)
      and a.relation = any(s.audience)
)
"""
_ONE_FOR_STAFF = _SELECT + "where s.id = $1 and s.council_id = $3 and " + _STAFF_VISIBLE
_CHILD_FOR_STAFF = (
    _SELECT
    + "where s.child_id = $1 and s.council_id = $3 and "
    + _STAFF_VISIBLE
    + """
order by s.created_at desc limit $4"""
)


def _submission(row: asyncpg.Record) -> Submission:
    return msgspec.convert(dict(row), Submission)


async def list_own(conn: asyncpg.Connection, child_id: int, limit: int = 200) -> list[Submission]:
    return [_submission(r) for r in await conn.fetch(_OWN, child_id, limit)]


async def get_own(conn: asyncpg.Connection, submission_id: int, child_id: int) -> Submission | None:
    row = await conn.fetchrow(_ONE_OWN, submission_id, child_id)
    return None if row is None else _submission(row)


async def get_for_staff(
    conn: asyncpg.Connection, submission_id: int, staff_id: int, council_id: int
) -> Submission | None:
    row = await conn.fetchrow(_ONE_FOR_STAFF, submission_id, staff_id, council_id)
    return None if row is None else _submission(row)


async def list_child_for_staff(
    conn: asyncpg.Connection, child_id: int, staff_id: int, council_id: int, limit: int = 200
) -> list[Submission]:
    return [_submission(r) for r in await conn.fetch(_CHILD_FOR_STAFF, child_id, staff_id, council_id, limit)]


def reference(submission_id: int) -> str:
    """A short reference a child can quote on the phone."""
    return f"H-{submission_id:06d}"

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


class Words(msgspec.Struct, frozen=True, kw_only=True):
    """A submission as the analysis reads it: what the child sent, and whose it is."""

    id: int
    free_text: str
    answers: dict[str, Any]
    instrument: str | None
    instrument_version: int | None
    council_id: int
    child_id: int | None


_WORDS = """
select id, free_text, answers, instrument, instrument_version, council_id, child_id from submissions where id = $1
"""


async def words(conn: asyncpg.Connection, submission_id: int) -> Words | None:
    row = await conn.fetchrow(_WORDS, submission_id)
    return None if row is None else msgspec.convert(dict(row), Words)


_STORE_ANALYSIS = """
insert into analyses (submission_id, model_version, themes, sentiment, safeguarding_level,
                      safeguarding_categories, triggers, redacted, language, needs_translation)
values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
on conflict (submission_id) do update set
    model_version = excluded.model_version, themes = excluded.themes, sentiment = excluded.sentiment,
    safeguarding_level = excluded.safeguarding_level, safeguarding_categories = excluded.safeguarding_categories,
    triggers = excluded.triggers, redacted = excluded.redacted, language = excluded.language,
    needs_translation = excluded.needs_translation, analysed_at = now(), revision = analyses.revision + 1
"""


async def store_analysis(conn: asyncpg.Connection, submission_id: int, result: Any) -> None:
    """Write one `nlp.Analysis` of the submission (a second analysis replaces the first and counts a revision)."""
    sg = result.safeguarding
    await conn.execute(
        _STORE_ANALYSIS,
        submission_id,
        result.model_version,
        list(result.themes),
        result.sentiment,
        sg.level,
        list(sg.categories),
        list(sg.triggers),
        result.redacted,
        result.language,
        result.needs_translation,
    )


# Submissions with words to read again, in id order, in one council ($2) or every council ($2 null): all of
# them ($1 null) or those the model $1 has not analysed yet, so an interrupted run picks up where it stopped.
# An erased child's words are gone: only a placeholder is left in their answers. (`surveys.typed_words` has the
# last word on what counts as words.)
_STALE = """
from submissions s
left join analyses an on an.submission_id = s.id
left join children ch on ch.id = s.child_id
where ch.erased_at is null and ($1::text is null or an.model_version is distinct from $1)
  and ($2::bigint is null or s.council_id = $2)
  and (s.free_text ~ '\\S'
       or jsonb_path_exists(
           s.answers, '$.* ? (@.type() == "string" && @ like_regex ".{4}" flag "s" && @ like_regex "[^[:space:]]")'))
"""
_COUNT_STALE = "select count(*)" + _STALE
_NEXT_STALE = (
    "select s.id, s.free_text, s.answers, s.instrument, s.instrument_version, s.council_id, s.child_id"
    + _STALE
    + "and s.id > $3 order by s.id limit $4"
)


async def count_stale(conn: asyncpg.Connection, version: str | None, council_id: int | None) -> int:
    count: int = await conn.fetchval(_COUNT_STALE, version, council_id)
    return count


async def next_stale(
    conn: asyncpg.Connection, version: str | None, council_id: int | None, after: int, limit: int
) -> list[Words]:
    rows = await conn.fetch(_NEXT_STALE, version, council_id, after, limit)
    return [msgspec.convert(dict(r), Words) for r in rows]
